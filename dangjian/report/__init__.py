"""Reports: the monthly and annual reports, the 三册四簿 (XZ-6.3) and the ZW-4 archives.

For each kind a context module (ctx_*.py) builds plain data from the loaded records; the
same context is rendered with a Jinja2 template to Markdown or with a docxtpl template to
Word (render.py), in a sandbox with a time limit (sandbox.py, timelimit.py). Templates are
found in the record repository's templates/ first, then in the shipped ones (templates.py).
kinds.py lists the kinds; run.py makes the files one command asks for.
"""

"""`dangjian hook [文件…]`: the entry of the pre-commit hook (both the git hook `dangjian init`
installs and the pre-commit framework's `.pre-commit-hooks.yaml`).

It validates the staged state when it is given only staged files (a commit), and the whole
repository when it is given anything else: `pre-commit run --all-files`, a pre-push range
(PRE_COMMIT_FROM_REF), or explicit files. So broken committed records fail `--all-files` and
pre-push, while a commit is judged on what it stages.
"""

# No `from __future__ import annotations`: register() imports typer lazily (a hook should not
# pay for it), so its annotations must be evaluated where those local names exist.
import os
import subprocess
import sys


def register(app) -> None:
    from pathlib import Path
    from typing import Annotated

    import typer

    def hook(files: Annotated[list[Path] | None, typer.Argument(help="pre-commit 传入的文件", metavar="文件")] = None) -> None:
        """pre-commit 钩子的入口：提交时校验暂存区，--all-files 和推送前校验整个记录库。"""
        raise typer.Exit(main([str(f) for f in files or []]))

    app.command("hook")(hook)


def _staged_files() -> set[str] | None:
    done = subprocess.run(["git", "diff", "--cached", "--name-only", "-z"], capture_output=True, check=False)
    if done.returncode != 0:
        return None
    return {p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p}


def whole_repository(files: list[str]) -> bool:
    if os.environ.get("PRE_COMMIT_FROM_REF") or os.environ.get("PRE_COMMIT_TO_REF"):
        return True  # pre-push: what is pushed is the committed repository
    if not files:
        return False  # a plain git hook, or pre-commit with nothing matching: the staged state
    staged = _staged_files()
    return staged is None or not {f.replace(os.sep, "/") for f in files} <= staged


def main(files: list[str]) -> int:
    from dangjian.commands.validate import UsageError, run_validate

    whole = whole_repository(files)
    try:
        code = run_validate(None, staged=not whole)
    except UsageError as exc:
        print(f"dangjian：{exc}", file=sys.stderr)
        return 2
    sys.stdout.flush()
    if code == 1:
        if whole:
            what = "推送被拒绝" if os.environ.get("PRE_COMMIT_FROM_REF") else "校验未通过"
            print(f"dangjian：{what}：记录库中的台账有错误（见上面列出的问题）。请改正后重新提交。", file=sys.stderr)
        else:
            print("dangjian：提交被拒绝：暂存的台账有错误（见上面列出的问题）。"
                  "请改正后重新 git add 再提交；确需跳过校验时用 git commit --no-verify。", file=sys.stderr)
    return code

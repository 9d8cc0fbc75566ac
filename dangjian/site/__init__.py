"""The static dashboard (`dangjian site`): build.py writes the pages, templates.py holds the
layout and the inline stylesheet, svg.py draws the charts, names.py names the branch pages.
Offices are often offline: nothing on a page is fetched from the network and there is no script.
"""

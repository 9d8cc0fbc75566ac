"""Scheduling: 主题党日 fixed days, the holiday calendar, the year's 三会一课 plan and its files.

`holidays` answers "is this a working day?" (chinese-calendar, overridden by a record
repository's holidays/<year>.yaml); `fixedday` turns a branch's 主题党日 text into dates and
applies the holiday policy; `plan` builds one branch's plan for a year; `planfile` writes
and reads plan/<year>.yaml; `render` and `ics` format a plan.
"""

"""Suppression comments (dangjian/suppress.py): raised when an ignore comment is not usable.

They concern the record format, not a regulation, so they cite no clause.
"""

from __future__ import annotations

from dangjian.findings import Severity
from dangjian.rules.registry import format_rule

format_rule("suppression-without-reason", Severity.WARNING, """忽略某条规则的注释必须写明原因；没有原因的注释不生效。

通过：
  - 日期: 2026-02-10  # dangjian: ignore[theme-day-off-schedule] 春节假期，经街道党工委同意改期
违反：
  - 日期: 2026-02-10  # dangjian: ignore[theme-day-off-schedule]""")

format_rule("suppression-invalid", Severity.WARNING, """忽略注释写成 # dangjian: ignore[规则编号] 原因，规则编号必须存在。

通过：
  # dangjian: ignore[talk-yearly] 该党员长期病休
违反：
  # dangjian: ignore[talk-yeraly] 该党员长期病休""")

"""Declared template variables: what each report context holds, described in Chinese.

Each context module declares `VARIABLES`; docs/templates.md is generated from these
declarations and the tests check that built contexts have exactly these keys, so the
documentation cannot drift from what templates receive. A spec maps a key either to its
description, or to `group(description, spec)` for a dict, or to `each(description, spec)`
for a list of dicts.
"""

from __future__ import annotations

Spec = dict[str, "str | tuple[str, Spec, bool]"]


def group(description: str, spec: Spec) -> tuple[str, Spec, bool]:
    return (description, spec, False)


def each(description: str, spec: Spec) -> tuple[str, Spec, bool]:
    return (description + "（列表）", spec, True)


ORG: Spec = {
    "id": "党组织编号，如 CN01", "name": "全称", "short_name": "简称（未填简称时为全称）",
    "kind": "类型：党委、党总支、党支部……", "sector": "领域：社区、机关……", "secretary": "书记姓名",
    "parent": "上级党组织简称（直属街道党工委的为街道党工委名称）", "theme_day_rule": "主题党日固定日，如 每月10日",
}
PERIOD: Spec = {
    "label": "期间，如 2026年10月、2025年度、截至2026年10月31日", "kind": "month、year 或 day",
    "start": "起始日期（2026-10-01 格式）", "end": "截止日期", "start_cn": "起始日期（2026年10月1日 格式）",
    "end_cn": "截止日期（2026年10月31日 格式）", "year": "年份", "month": "月份（月报以外为空）",
}
COMMON: Spec = {
    "title": "报告标题，如 幸福社区党支部2026年10月工作月报",
    "street": "记录库所属组织名称（dangjian.yaml 的 组织名称）",
    "org": group("本党组织（街道汇总报告中为空 None）", ORG),
    "period": group("报告期间", PERIOD),
    "as_of_cn": "数据截止日期：期末、记录截至日（dangjian.yaml）和今天中最早的一天，如 2026年10月31日",
    "masked": "身份证号、手机号是否已打码（--unmasked 时为 false）",
    "sort_label": "名册排序方式，如 按姓氏笔画",
}
MEETING: Spec = {
    "date": "日期（2026-10-10）", "date_cn": "日期（2026年10月10日）", "kinds": "会议类型，如 支部党员大会、主题党日",
    "topic": "主题", "group": "党小组（党小组会）", "place": "地点", "host": "主持人", "recorder": "记录人",
    "lecturer": "授课人（党课）", "expected": "应到人数", "present": "实到人数", "rate": "到会率，如 85.7%",
    "absent": each("缺席人员", {"name": "姓名", "reason": "原因（未写出缺席的为“未记录出缺席”）"}),
    "absent_text": "缺席人员及原因连成一句，无人缺席时为“无”", "guests": "列席人员",
    "votes": each("表决事项", {"matter": "事项", "kind": "表决或选举", "yes": "赞成", "no": "反对", "abstain": "弃权"}),
    "adjusted_reason": "未在固定日举行的原因", "minutes": "纪要",
}
FINDING: Spec = {
    "severity": "级别：错误、警告、提示", "rule": "规则编号", "message": "问题说明", "clauses": "依据条款",
    "file": "文件（相对于本党组织目录）", "line": "行号",
}
PLAN_ITEM: Spec = {
    "date": "日期（2026-11-10）", "date_cn": "日期（2026年11月10日）", "what": "事项，如 主题党日、支委会",
    "note": "说明（如“11月内召开支委会，最迟11月30日”）", "provisional": "日期是否待节假日安排公布后复核",
}
DUES: Spec = {
    "available": "是否有本期党费数字", "due": "应交（元）", "paid": "实交（元）", "owed": "欠交（元）",
    "extra": "自愿多交（元）", "central": "其中应全部上缴中央的大额党费（元）", "remitted": "上缴（元）", "spent": "支出（元）", "balance": "结余（元）：实交−上缴−支出",
    "arrears": each("欠交党费的党员（从年初到本期末）", {"name": "姓名", "months": "欠交月份，如 7月、8月", "amount": "欠交金额（元）"}),
    "note": "说明（数字不可用或为简化计算时）",
}
SUMMARY: Spec = {
    **COMMON,
    "kind_title": "报告种类，如 工作月报",
    "columns": "表头（文字列表）",
    "rows": "各党组织一行（每行为与表头对应的文字列表）",
    "totals": "合计行（文字列表，可为空列表）",
    "notes": "说明（文字列表）",
    "findings": each("记录库层面（dangjian.yaml 等）的校验问题", FINDING),
}


def shape_errors(value: object, spec: Spec, path: str = "") -> list[str]:
    """Where a built context differs from its declaration (for the tests)."""
    if not isinstance(value, dict):
        return [f"{path or '(context)'}: expected a dict, got {type(value).__name__}"]
    errors = []
    for extra in sorted(set(value) - set(spec)):
        errors.append(f"{path}{extra}: not declared")
    for key in sorted(set(spec) - set(value)):
        errors.append(f"{path}{key}: missing")
    for key, entry in spec.items():
        if key not in value or not isinstance(entry, tuple):
            continue
        inner = value[key]
        items = inner if isinstance(inner, list) else [] if inner is None else [inner]
        for item in items:
            errors += shape_errors(item, entry[1], f"{path}{key}.")
    return errors


def table(spec: Spec, prefix: str = "") -> list[str]:
    """Markdown rows `| 变量 | 说明 |` for a spec, nested keys written as a.b."""
    rows = []
    for key, entry in spec.items():
        if isinstance(entry, tuple):
            rows.append(f"| `{prefix}{key}` | {entry[0]} |")
            rows += table(entry[1], f"{prefix}{key}{'[]' if entry[2] else ''}.")
        else:
            rows.append(f"| `{prefix}{key}` | {entry} |")
    return rows

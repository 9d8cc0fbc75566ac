"""Write docs/rules.md from the rule registry, the profiles and the clause inventory.

Usage: python tools/build_rules_doc.py    (tests/test_catalogue.py fails when the file is stale)
"""

from __future__ import annotations

from pathlib import Path

from dangjian.clauses import catalogue, cite
from dangjian.coverage import UNENFORCED, rule_clauses, uncited
from dangjian.params import NATIONAL, PROFILE_TITLES, SEED_NATIONAL
from dangjian.profiles import DIRECTION_NAMES, SHIPPED, bound_of, conflicts, default_source, resolve, show
from dangjian.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "rules.md"

SECTIONS = (  # rule module → section title, in the order of the document
    ("organisation", "组织设置与换届"), ("setup", "组织设置（补充）"), ("meetings", "组织生活"),
    ("votes", "表决与到会"), ("talks", "谈心谈话"), ("training", "学习培训"), ("development", "发展党员"),
    ("members", "预备期与组织关系"), ("evaluation", "评议、汇报与述职"), ("service", "联系服务群众"),
    ("premises", "阵地、经费与档案"), ("dues", "党费"), ("schedule", "计划与主题党日"),
    ("integrity", "记录之间的一致"), ("identity", "身份信息"), ("privacy", "个人信息"),
)
FORMAT = "台账格式与设置"


def _section(rule) -> str:
    if rule.category == "格式" or rule.func is None:
        return FORMAT
    module = rule.func.__module__.rsplit(".", 1)[-1]
    return dict(SECTIONS).get(module, "其他")


def _cell(name: str, profile: str) -> str:
    eff = resolve(profile)[name]
    text = show(eff.value) if eff.value != "" else "（空）"
    where = eff.clause or NATIONAL[name].clause
    note = "；本地规定宽于全国性规定，不采用" if eff.conflict else ""
    return f"{text}（{where}{note}）".replace("|", "\\|")


def _rule(rule) -> list[str]:
    out = [f"### `{rule.id}`（{rule.severity.label}）", ""]
    for paragraph in rule.paragraphs or [rule.summary]:  # what it asks, then how it reads its clauses
        out += [paragraph, ""]
    out += [f"适用的党组织：{rule.governs}", ""]
    if rule.clauses:
        out.append("依据：")
        out += [f"- {cid} {cite(cid)}：{catalogue()[cid]['requirement']}" for cid in rule.clauses]
        out.append("")
    if rule.params:
        out += ["| 参数 | " + " | ".join(SHIPPED) + " |", "|---|" + "---|" * len(SHIPPED)]
        out += [f"| {name} | " + " | ".join(_cell(name, p) for p in SHIPPED) + " |" for name in rule.params]
        out.append("")
    for label in ("通过", "违反"):
        example = rule.example(label)
        if "\n" in example:
            out += [f"{label}：", "", "```yaml", example, "```", ""]
        elif example:
            out += [f"{label}：{example}", ""]
    return out


def render() -> str:
    rules = all_rules()
    lines = [
        "# 规则一览",
        "",
        "<!-- 由 tools/build_rules_doc.py 根据规则、规则集和条款目录生成，请勿手改。 -->",
        "",
        f"dangjian 共有 {len(rules)} 条规则。每条规则写明编号、级别、依据条款，用到的参数在三个规则集中的取值，"
        "以及通过和违反的例子。记录库在 dangjian.yaml 中用“规则集”选择适用的规定，用“参数”调整单个参数，"
        "用“规则级别”调整或关闭单条规则；`dangjian config show` 显示生效的参数及其来源。",
        "",
        "## 规则集",
        "",
        "| 规则集 | 内容 |",
        "|---|---|",
        *[f"| {name} | {PROFILE_TITLES[name]} |" for name in SHIPPED],
        "",
        "全国性规定的数值是下限：本地规定更严的，按本地规定检查；本地规定更宽的，仍按全国性规定检查，"
        "并列为冲突（`dangjian rules --conflicts`）。在 dangjian.yaml 的“参数”中调整的数值同样不能低于下限。",
        "",
        "周期的含义：每月、每季度、每半年、每年指每个这样的时段内至少一次；第四季度、12月、下半年等"
        "指每年至少一次，到该时段结束时仍没有记录的才算缺少。只检查已经结束的时段，且只检查党组织成立之后、"
        "撤销或结束之前、台账开始记录（dangjian.yaml 的“记录起始”，不填则为该党组织最早一年的台账文件）"
        "之后的完整时段；党员年中入党、转入或转出的，当年按在册时间折算学时，其他按人计算的要求不检查当年。",
        "",
        "## 与全国性规定的冲突",
        "",
        "| 规则集 | 参数 | 本地规定 | 全国性规定 | 检查时 |",
        "|---|---|---|---|---|",
    ]
    for profile in SHIPPED:
        for c in conflicts(profile):
            lines.append(f"| {profile} | {c.name} | {show(c.local)}（{c.where}）"
                         f" | {show(c.national)}（{c.national_clause}） | 按全国性规定 {show(c.national)} |")
    lines += ["", "## 种子文件与全国性规定的对照", "",
              "national.md 列出的每一处种子文件与全国性规定的差异，以及本工具的处理（`dangjian rules --conflicts` 同此表）。",
              "", "| 事项 | 种子文件 | 全国性规定 | 处理 |", "|---|---|---|---|"]
    lines += [f"| {item} | {seed} | {national} | {how} |" for item, seed, national, how in SEED_NATIONAL]
    lines += ["", "## 参数的方向与来源", "",
              "每个参数都有方向：下限、上限、最长周期只能往更严的方向调整，固定值不能改动；在 dangjian.yaml 的“参数”中"
              "放宽的，validate 报 param-looser（指向该参数所在的行），不采用，仍按默认值检查；取值不合用的报 param-value。"
              "默认值不是全国性规定的（本地规定、惯例、本地口径），标明出处，可按本地规定调整。", "",
              "| 参数 | 默认值 | 默认值的来源 | 方向 |", "|---|---|---|---|"]
    lines += [f"| {name} | {show(p.value)} | {default_source(name)} | {DIRECTION_NAMES.get(bound_of(name), '')} |"
              for name, p in NATIONAL.items()]
    lines.append("")
    by_section: dict[str, list] = {}
    for rule in rules:
        by_section.setdefault(_section(rule), []).append(rule)
    for title in [t for _, t in SECTIONS] + ["其他", FORMAT]:
        if by_section.get(title):
            lines += [f"## {title}", ""]
            for rule in by_section[title]:
                lines += _rule(rule)
    missing = uncited(rules)
    lines += ["## 尚未检查的条款", "",
              f"条款目录中标为可由规则检查的 {len(rule_clauses())} 条中，以下 {len(missing)} 条还没有规则引用：", "",
              "| 条款 | 出处 | 要求 | 原因 |", "|---|---|---|---|"]
    for cid in missing:
        entry = catalogue()[cid]
        lines.append(f"| {cid} | {cite(cid)} | {entry['requirement']} | {UNENFORCED.get(cid, '（未说明）')} |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(TARGET.relative_to(ROOT))

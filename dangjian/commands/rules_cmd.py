"""`dangjian rules [ID]`: the rule catalogue, one rule explained, or the profiles' conflicts."""

from __future__ import annotations

from typing import Annotated

import typer

from dangjian.commands.common import fail


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)


def rules(
    rule_id: Annotated[str | None, typer.Argument(help="规则编号；不填则列出全部规则", metavar="规则编号")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
    show_conflicts: Annotated[bool, typer.Option(
        "--conflicts", help="列出各规则集中宽于全国性规定的本地数值（检查时按全国性规定）")] = False,
) -> None:
    """列出全部规则，或解释一条规则（依据、参数、通过与违反的例子），或列出规则集与全国性规定的冲突。"""
    import json

    from dangjian.rules import all_rules

    if show_conflicts:
        _conflicts(as_json)
        return
    catalogue = all_rules()
    if rule_id is None:
        if as_json:
            typer.echo(json.dumps([{"id": r.id, "severity": r.severity.label, "clauses": list(r.clauses),
                                    "category": r.category, "summary": r.summary, "params": list(r.params)}
                                   for r in catalogue], ensure_ascii=False, indent=2))
            return
        from tabulate import tabulate

        rows = [(r.id, r.severity.label, "、".join(r.clauses) or "（格式）", r.summary) for r in catalogue]
        typer.echo(tabulate(rows, headers=("规则编号", "级别", "依据条款", "要求"), disable_numparse=True))
        typer.echo(f"\n共 {len(catalogue)} 条规则。用 dangjian rules 规则编号 查看详细说明；"
                   "docs/rules.md 有全部规则和尚未检查的条款。")
        return
    match = next((r for r in catalogue if r.id == rule_id), None)
    if match is None:
        import difflib

        guess = difflib.get_close_matches(rule_id, [r.id for r in catalogue], n=1)
        raise fail(f"没有编号为“{rule_id}”的规则" + (f"，是否想查“{guess[0]}”？" if guess else ""))
    typer.echo("\n".join(_explain(match)))


def _explain(rule) -> list[str]:
    from dangjian.clauses import cite
    from dangjian.context import parameters
    from dangjian.profiles import SHIPPED, show

    lines = [f"{rule.id}（{rule.severity.label}）", rule.summary, f"适用的党组织：{rule.governs}", ""]
    if rule.clauses:
        lines.append("依据：")
        lines.extend(f"  {cid} {cite(cid)}" for cid in rule.clauses)
    if rule.params:
        lines += ["", "参数（可在 dangjian.yaml 的“参数”中调整）："]
        for name in rule.params:
            values = "；".join(f"{p} {show(parameters(None, p)[name].value)}" for p in SHIPPED)
            lines.append(f"  {name}：{values}")
    for label in ("通过", "违反"):
        example = rule.example(label)
        if example:
            lines += ["", f"{label}的例子：", *("  " + x for x in example.splitlines())]
    return lines


def _conflicts(as_json: bool) -> None:
    import json

    from dangjian.params import SEED_NATIONAL
    from dangjian.profiles import SHIPPED, conflicts, show

    found = [c for p in SHIPPED for c in conflicts(p)]
    if as_json:
        typer.echo(json.dumps([{"profile": c.profile, "param": c.name, "local": c.local, "local_source": c.local_source,
                                "national": c.national, "national_clause": c.national_clause} for c in found] +
                              [{"profile": None, "param": item, "local": seed, "national": national, "handling": how}
                               for item, seed, national, how in SEED_NATIONAL],
                              ensure_ascii=False, indent=2))
        return
    from tabulate import tabulate

    rows = [(c.profile, c.name, f"{show(c.local)}（{c.where}）", f"{show(c.national)}（{c.national_clause}）",
             show(c.national)) for c in found]
    typer.echo(tabulate(rows, headers=("规则集", "参数", "本地规定", "全国性规定", "检查时按"), disable_numparse=True))
    typer.echo(f"\n共 {len(found)} 处冲突：本地规定宽于全国性规定的，按全国性规定检查；"
               "记录库 dangjian.yaml 中的“参数”另见 dangjian config show。\n")
    typer.echo("种子文件与全国性规定的对照（docs/rules.md 有同一张表）：")
    typer.echo(tabulate(SEED_NATIONAL, headers=("事项", "种子文件", "全国性规定", "处理"), disable_numparse=True))

"""`dangjian rules [ID]`: the rule catalogue, or one rule explained."""

from __future__ import annotations

from typing import Annotated

import typer

from dangjian.commands.common import fail


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)


def rules(
    rule_id: Annotated[str | None, typer.Argument(help="规则编号；不填则列出全部规则")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """列出全部规则，或解释一条规则（依据、参数、通过与违反的例子）。"""
    import json

    from dangjian.clauses import cite
    from dangjian.rules import all_rules

    catalogue = all_rules()
    if rule_id is None:
        if as_json:
            typer.echo(json.dumps([{"id": r.id, "severity": r.severity.label, "clauses": list(r.clauses),
                                    "category": r.category, "summary": r.summary} for r in catalogue],
                                  ensure_ascii=False, indent=2))
            return
        from tabulate import tabulate

        rows = [(r.id, r.severity.label, "、".join(r.clauses) or "（格式）", r.summary) for r in catalogue]
        typer.echo(tabulate(rows, headers=("规则编号", "级别", "依据条款", "要求"), disable_numparse=True))
        typer.echo(f"\n共 {len(catalogue)} 条规则。用 dangjian rules 规则编号 查看详细说明。")
        return
    match = next((r for r in catalogue if r.id == rule_id), None)
    if match is None:
        import difflib

        guess = difflib.get_close_matches(rule_id, [r.id for r in catalogue], n=1)
        raise fail(f"没有编号为“{rule_id}”的规则" + (f"，是否想查“{guess[0]}”？" if guess else ""))
    lines = [f"{match.id}（{match.severity.label}）", match.summary, ""]
    if match.clauses:
        lines.append("依据：")
        lines.extend(f"  {cid} {cite(cid)}" for cid in match.clauses)
    if match.params:
        lines.append("参数（可在 dangjian.yaml 的“参数”中调整）：" + "、".join(match.params))
    for label in ("通过", "违反"):
        example = match.example(label)
        if example:
            lines += ["", f"{label}的例子：", *("  " + x for x in example.splitlines())]
    typer.echo("\n".join(lines))

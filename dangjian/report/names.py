"""What users may call each report kind: the English id (also the template file name) or a
Chinese name. Light on purpose: `dangjian report --help` lists it without loading the reports."""

from __future__ import annotations

# id → Chinese names, the first one shown in --help and accepted with the others.
KIND_NAMES: dict[str, tuple[str, ...]] = {
    "monthly": ("月报", "工作月报"),
    "annual": ("年报", "年度报告", "年度工作报告"),
    "roster": ("党员名册", "党员基本信息名册"),
    "applicants": ("积极分子名册", "发展对象名册", "入党积极分子和发展对象名册"),
    "special-groups": ("特殊群体名册", "特殊群体党员名册"),
    "meetings": ("记实簿", "组织生活记实簿"),
    "study": ("学习记录簿", "学习工作记录簿"),
    "service": ("服务记录簿", "联系服务群众记录簿"),
    "dues": ("党费账簿", "党费收缴使用账簿", "党费公布表"),
    "branch-archive": ("档案", "支部档案", "党员个人档案", "支部档案和党员个人档案"),
}


def kind_id(text: str) -> str | None:
    """The id of the kind TEXT names (an id or a Chinese name); None if it names none."""
    text = text.strip()
    if text in KIND_NAMES:
        return text
    return next((kind for kind, names in KIND_NAMES.items() if text in names), None)


def described() -> str:
    """Every kind as “月报（monthly）”, for help texts and error messages."""
    return "、".join(f"{names[0]}（{kind}）" for kind, names in KIND_NAMES.items())

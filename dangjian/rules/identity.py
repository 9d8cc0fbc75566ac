"""Identity data: ID numbers (GB 11643) agree with themselves and with the roster."""

from __future__ import annotations

from collections.abc import Iterator

from dangjian.findings import Problem, Severity
from dangjian.idnumber import mask_id, problems
from dangjian.model import BranchRecords
from dangjian.rules.registry import rule


@rule("id-number-valid", Severity.ERROR, ("XZ-3.7",))
def id_number_valid(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """身份证号的校验位、出生日期和性别码正确，并与名册中的出生日期、性别一致（GB 11643）。

    通过：
      身份证号: "110105194912310021"
      出生日期: 1949-12-31
      性别: 男
    违反：
      身份证号: "110105194912310022"   # 校验位应为 1
    """
    for member in branch.members:
        if not member.id_number:
            continue
        for message in problems(member.id_number, member.birth, member.gender):
            yield Problem(member.at("id_number"), f"{member.name}：{message}（{mask_id(member.id_number)}）",
                          key=f"{member.id}")


@rule("name-inner-space", Severity.WARNING, ("XZ-3.7",))
def name_inner_space(branch: BranchRecords, ctx) -> Iterator[Problem]:
    """姓名按身份证填写，中间不加空格（排版对齐用的空格会使会议、党费等记录对不上人）。

    通过：
      姓名: 欧阳晨
    违反：
      姓名: 欧阳 晨
    """
    for member in branch.members:
        name = member.name or ""
        if name.strip() != name or any(c.isspace() for c in name):
            yield Problem(member.at("name"), f"姓名“{name}”中有空格，请按身份证写作“{''.join(name.split())}”",
                          key=f"{member.id}")

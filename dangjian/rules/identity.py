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

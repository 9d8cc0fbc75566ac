"""`dangjian import meetings`: a meeting's sign-in sheet (签到表) into meetings/<year>.yaml.

The sheet has one row per member: 姓名 or 编号 (or both), a sign-in column (签到, 签名, 出席 …:
a signature, √, 到 or 出席 is present; 缺席, 请假, 未到, × or an empty cell is absent) and
optionally a reason (请假原因, 缺席原因, 原因, 备注). Names are matched against the branch's
roster; a name not in it, or one that two members share without a 编号, is an error. The
meeting's date, kinds and topic come from the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from dangjian import yamledit
from dangjian.imports.members_match import named_rows, resolve
from dangjian.imports.sheet import SheetError, find_header, load_mapping, read_table
from dangjian.model import MEETING_KINDS, BranchRecords, Meeting, Member
from dangjian.schema import record_fields
from dangjian.yamlio import RoundTrip, TextStyle, dump_new

MEETING_KEYS = [f.metadata["key"] for f in record_fields(Meeting)]
SYNONYMS: dict[str, tuple[str, ...]] = {
    "编号": ("党员编号",),
    "姓名": ("党员姓名", "参会人员", "参会人"),
    "签到": ("签名", "本人签名", "签到情况", "出席", "出席情况", "是否出席", "到会情况", "参会情况"),
    "原因": ("请假原因", "缺席原因", "未到原因", "备注", "说明"),
}
ABSENT = ("缺席", "请假", "未到", "未参加", "否", "×", "✗", "x", "X", "无")
NO_REASON = "未注明原因"


@dataclass
class Attendance:
    present: list[str] = field(default_factory=list)
    absent: list[tuple[str, str]] = field(default_factory=list)  # (编号, 原因)
    notes: list[str] = field(default_factory=list)
    found: str = ""


def read_attendance(path: Path, roster: list[Member], mapping: Path | None = None,
                    sheet: str | None = None) -> Attendance:
    table = read_table(path, sheet)
    header = find_header(table, load_mapping(mapping, SYNONYMS))
    if header is None or not {"姓名", "编号"} & set(header.columns) or "签到" not in header.columns:
        raise SheetError(f"在工作表“{table.name}”的前几行没有找到含“姓名”（或“编号”）和“签到”的表头；"
                         "如表头用了其他名称，请用 --columns 指定列名对照文件")
    out = Attendance(found=header.describe(table))
    errors = []
    seen: dict[str, int] = {}
    for row in named_rows(table, header):
        cells, where = row.cells, row.where
        try:
            member = resolve(roster, row.name, row.member_id, where)
        except SheetError as exc:
            errors.append(str(exc))
            continue
        if member.id in seen:
            errors.append(f"{where}：{member.name}（{member.id}）已在第{seen[member.id]}行出现")
            continue
        seen[member.id] = row.row
        mark = cells["签到"].text
        reason = cells["原因"].text if "原因" in cells else ""
        if mark and mark not in ABSENT:
            out.present.append(member.id)
        else:
            out.absent.append((member.id, reason or (mark if mark in ("请假",) else "") or NO_REASON))
            if not reason and mark != "请假":
                out.notes.append(f"{where}：{member.name}缺席，表中没有写原因，记为“{NO_REASON}”")
    if errors:
        raise SheetError("\n".join(errors))
    if not out.present:
        raise SheetError(f"工作表“{table.name}”中没有一人签到：请核对“签到”列")
    return out


@dataclass
class MeetingEdit:
    rel: str
    old: bytes
    new: bytes


def add_meeting(branch: BranchRecords, root: Path, day: dt.date, kinds: list[str], topic: str,
                attendance: Attendance, extra: dict[str, str]) -> MeetingEdit:
    """meetings/<year>.yaml with the meeting appended (nothing written here)."""
    bad = [k for k in kinds if k not in MEETING_KINDS]
    if bad or not kinds:
        raise SheetError(f"会议类型“{'、'.join(bad) or '（空）'}”无效，可用：{'、'.join(MEETING_KINDS)}")
    rel = f"{branch.directory}/meetings/{day.year}.yaml" if branch.directory else f"meetings/{day.year}.yaml"
    for meeting in branch.meetings:
        if meeting.date == day and set(meeting.kinds) & set(kinds):
            raise SheetError(f"{rel} 中已有 {day} 的{'、'.join(set(meeting.kinds) & set(kinds))}记录，未重复导入")
    path = root / rel
    if path.exists():
        trip = RoundTrip.open(path, rel)
        data, old = trip.data, trip.original_bytes
    else:
        trip, old = None, b""
        data = yamledit.block_map([("会议", yamledit.block_seq())])
    if not hasattr(data, "get") or not isinstance(data.get("会议"), list):
        raise SheetError(f"{rel} 中没有“会议:”列表，无法添加：请先改正该文件")
    kinds_node = yamledit.block_seq(kinds)
    kinds_node.fa.set_flow_style()
    present = yamledit.block_seq(attendance.present)
    present.fa.set_flow_style()
    pairs = [("日期", day), ("类型", kinds_node), ("主题", topic), *extra.items(), ("出席", present)]
    if attendance.absent:
        absent = []
        for member_id, reason in attendance.absent:
            item = yamledit.block_map([("党员", member_id), ("原因", reason)])
            item.fa.set_flow_style()
            absent.append(item)
        pairs.append(("缺席", yamledit.block_seq(absent)))
    entry = yamledit.block_map(sorted(pairs, key=lambda kv: MEETING_KEYS.index(kv[0])))
    meetings = data["会议"]
    # Keep the file in date order: the new meeting goes before the first later one.
    later = next((i for i, m in enumerate(meetings) if hasattr(m, "get") and isinstance(m.get("日期"), dt.date)
                  and m.get("日期") > day), None)
    if later is None:
        if len(meetings):
            yamledit.append(meetings, entry)
        else:
            meetings.append(entry)
    else:
        meetings.insert(later, entry)
    new = trip.render() if trip is not None else dump_new(data, TextStyle())
    return MeetingEdit(rel, old, new)

"""Round-trip writes: comments, key order, layout, BOM and CRLF survive; writes are atomic."""

from __future__ import annotations

import datetime as dt
import difflib
import os

import pytest

from dangjian import yamledit
from dangjian.yamlio import (
    RoundTrip,
    RoundTripError,
    TextStyle,
    atomic_write_bytes,
    detect_style,
    dump_new,
    merge_edit,
    unified_diff,
)

DUES = """\
# 党费账：2026 年（测试数据）
年度: 2026
核定日期: 2026-01-15   # 年初核定

党员党费:
  - 党员: B1-001
    基数: "6500.00"
    比例: '1.5%'
    月交额: "97.50"
    交纳:
      1: 2026-01-10  # 主题党日
      2: 2026-02-10

  # 退休党员
  - 党员: B1-003
    月交额: "12.50"
    交纳: {1: 2026-01-10}
# 上缴与支出
上缴: []
"""


def changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"]


def test_untouched_file_renders_byte_for_byte() -> None:
    for text in (DUES, DUES.replace("\n", "\r\n"), "\ufeff" + DUES):
        data = text.encode("utf-8")
        assert RoundTrip(data).render() == data


def test_adding_a_payment_changes_one_line_and_keeps_the_comment_below() -> None:
    rt = RoundTrip(DUES.encode())
    yamledit.put(rt.data["党员党费"][0]["交纳"], 3, dt.date(2026, 3, 10))
    new = rt.render().decode()
    assert changed_lines(DUES, new) == ["+       3: 2026-03-10"]
    assert new.index("3: 2026-03-10") < new.index("# 退休党员")


def test_replacing_a_value_keeps_its_quote_style_and_comment() -> None:
    rt = RoundTrip(DUES.encode())
    account = rt.data["党员党费"][0]
    yamledit.put(account, "比例", yamledit.quoted("2%", account["比例"]))
    yamledit.put(rt.data, "核定日期", dt.date(2026, 1, 20))
    new = rt.render().decode()
    assert sorted(changed_lines(DUES, new)) == sorted([
        "- 核定日期: 2026-01-15   # 年初核定", "+ 核定日期: 2026-01-20   # 年初核定",
        "-     比例: '1.5%'", "+     比例: '2%'"])


def test_new_key_goes_in_model_order_and_new_item_below_the_last() -> None:
    rt = RoundTrip(DUES.encode())
    retired = rt.data["党员党费"][1]
    yamledit.put(retired, "基数", yamledit.quoted("2500.00"), ["党员", "基数", "比例", "月交额", "交纳"])
    yamledit.append(rt.data["党员党费"], yamledit.block_map([("党员", "B1-002"), ("月交额", yamledit.quoted("30.00"))]))
    new = rt.render().decode()
    assert changed_lines(DUES, new) == ['+     基数: "2500.00"', "+   - 党员: B1-002", '+     月交额: "30.00"']
    assert new.index("B1-002") < new.index("# 上缴与支出")


def test_lines_ruamel_would_reformat_are_kept_when_not_edited() -> None:
    odd = DUES.replace("年度: 2026", "年度:   2026").replace("{1: 2026-01-10}", "{1: 2026-01-10 }")
    rt = RoundTrip(odd.encode())
    yamledit.put(rt.data["党员党费"][0]["交纳"], 3, dt.date(2026, 3, 10))
    new = rt.render().decode()
    assert changed_lines(odd, new) == ["+       3: 2026-03-10"]


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", False), ("\n", True), ("\r\n", True)])
def test_crlf_and_bom_keep_their_style_after_an_edit(newline: str, bom: bool) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + DUES.replace("\n", newline).encode()
    rt = RoundTrip(data)
    yamledit.put(rt.data["党员党费"][0]["交纳"], 3, dt.date(2026, 3, 10))
    new = rt.render()
    assert new.startswith(b"\xef\xbb\xbf") == bom
    assert new.count(b"\n") == new.count(newline.encode()) == data.count(b"\n") + 1
    assert new.replace(b"      3: 2026-03-10" + newline.encode(), b"") == data


@pytest.mark.parametrize("bom", [False, True])
def test_lone_cr_line_endings_are_kept_after_an_edit(bom: bool) -> None:
    """A file saved with lone CR line endings (old Mac editors) does not come back as LF."""
    data = (b"\xef\xbb\xbf" if bom else b"") + DUES.replace("\n", "\r").encode()
    rt = RoundTrip(data)
    assert rt.style.newline == "\r"
    yamledit.put(rt.data["党员党费"][0]["交纳"], 3, dt.date(2026, 3, 10))
    new = rt.render()
    assert b"\n" not in new and new.count(b"\r") == data.count(b"\r") + 1
    assert new.replace(b"      3: 2026-03-10\r", b"") == data
    assert "+      3: 2026-03-10" in unified_diff(data, new, "dues/2026.yaml")


def test_indentation_is_detected() -> None:
    flat = "党员党费:\n- 党员: B1-001\n  交纳:\n    1: 2026-01-10\n"
    style = detect_style(flat.encode(), flat)
    assert (style.mapping, style.sequence, style.offset) == (2, 2, 0)
    wide = "党员党费:\n    -   党员: B1-001\n        交纳:\n            1: 2026-01-10\n"
    style = detect_style(wide.encode(), wide)
    assert (style.mapping, style.sequence, style.offset) == (4, 8, 4)
    rt = RoundTrip(flat.encode())
    yamledit.put(rt.data["党员党费"][0]["交纳"], 2, dt.date(2026, 2, 10))
    assert rt.render().decode() == flat + "    2: 2026-02-10\n"


def test_merge_falls_back_to_a_full_rendering_only_when_it_must() -> None:
    assert merge_edit(["a", "b"], ["a", "b"], ["a", "c"]) == ["a", "c"]
    assert merge_edit(["a:  1", "b: 2", ""], ["a: 1", "b: 2", ""], ["a: 1", "b: 3", ""]) == ["a:  1", "b: 3", ""]


def test_bad_files_give_chinese_errors() -> None:
    with pytest.raises(RoundTripError, match="不是可以修改的 YAML"):
        RoundTrip(b"a: 1\na: 2\n", "x.yaml")
    with pytest.raises(RoundTripError, match="GBK"):
        RoundTrip("姓名: 王建国\n".encode("gbk"), "x.yaml")


def test_dump_new_uses_the_house_style() -> None:
    data = yamledit.block_map([("年度", 2026), ("党员党费", yamledit.block_seq(
        [yamledit.block_map([("党员", "B1-001"), ("月交额", yamledit.quoted("97.50"))])]))])
    assert dump_new(data).decode() == '年度: 2026\n党员党费:\n  - 党员: B1-001\n    月交额: "97.50"\n'
    assert dump_new(data, TextStyle(newline="\r\n", bom=True)).startswith(b"\xef\xbb\xbf\xe5")


def test_unified_diff_shows_the_change() -> None:
    diff = unified_diff(b"a: 1\n", b"a: 2\n", "B1/dues/2026.yaml")
    assert "--- a/B1/dues/2026.yaml" in diff and "-a: 1" in diff and "+a: 2" in diff


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch, failing: str) -> None:
    target = tmp_path / "2026.yaml"
    target.write_bytes(DUES.encode())

    def boom(*args, **kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"half")
    assert target.read_bytes() == DUES.encode()
    assert [p.name for p in tmp_path.iterdir()] == ["2026.yaml"]


def test_a_merge_that_would_change_the_content_falls_back_to_ruamels_rendering(monkeypatch) -> None:
    import dangjian.yamlio as yamlio

    odd = DUES.replace("年度: 2026", "年度:   2026")
    rt = RoundTrip(odd.encode())
    yamledit.put(rt.data["党员党费"][0]["交纳"], 3, dt.date(2026, 3, 10))
    monkeypatch.setattr(yamlio, "merge_edit", lambda original, before, after: ["年度: [", ""])
    new = rt.render().decode()
    assert "      3: 2026-03-10" in new and "年度: 2026" in new  # ruamel's own spacing, but right


def test_a_wrapped_flow_mapping_keeps_its_line_breaks() -> None:
    text = "交纳: {1: 2026-01-10, 2: 2026-02-10,\n       4: 2026-04-10}\n# 完\n"
    for key, expected in ((5, "       4: 2026-04-10, 5: 2026-05-10}"), (3, "       3: 2026-05-10, 4: 2026-04-10}")):
        rt = RoundTrip(text.replace("\n", "\r\n").encode())
        yamledit.put(rt.data["交纳"], key, dt.date(2026, 5, 10))
        new = rt.render_flow_insert(rt.data["交纳"], key, "2026-05-10")
        assert new.decode().split("\r\n") == ["交纳: {1: 2026-01-10, 2: 2026-02-10,", expected, "# 完", ""]
    block = RoundTrip("交纳:\n  1: 2026-01-10\n".encode())
    yamledit.put(block.data["交纳"], 2, dt.date(2026, 2, 10))
    assert block.render_flow_insert(block.data["交纳"], 2, "2026-02-10") is None

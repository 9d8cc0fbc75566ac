"""Roster order: 按姓氏笔画 (GF 3003-1999) and by pinyin with surname readings (ecosystem notes §4.4)."""

from __future__ import annotations

import random

import pytest

from dangjian.report.sorting import char_key, sort_by_name, stroke_key, surname_pinyin, unknown_chars

# The expected 姓氏笔画 order from the shared notes (§4.4, prototype result).
STROKE_ORDER = ["丁一", "于敏", "万里", "上官婉儿", "马丽", "王小明", "文华", "叶青", "田富", "田大利", "史进", "白雪",
                "司马光", "司徒雷", "刘洋", "李娜", "张伟", "范冰", "林森", "欧阳修", "单雄信", "高富", "高大富", "曾国藩"]


def shuffled(names: list[str]) -> list[str]:
    out = list(names)
    random.Random(7).shuffle(out)
    return out


def test_surname_stroke_order_matches_the_convention() -> None:
    assert sort_by_name(shuffled(STROKE_ORDER), str) == STROKE_ORDER


@pytest.mark.parametrize(("first", "second", "why"), [
    ("于", "万", "same count (3): 于 一一丨 before 万 一𠃌丿 on the second stroke"),
    ("王", "文", "same count (4): 王 starts with 横, 文 with 点"),
    ("叶", "田", "丨𠃍一一 before 丨𠃍一丨"),
    ("田", "史", "丨𠃍一丨 before 丨𠃍一丿"),
    ("林", "欧", "横竖 before 横撇"),
])
def test_strokes_break_ties_in_the_order_heng_shu_pie_dian_zhe(first: str, second: str, why: str) -> None:
    assert char_key(first) < char_key(second), why


def test_two_character_names_blank_as_zero_by_default_and_real_character_when_asked() -> None:
    names = ["田大利", "田富", "高大富", "高富"]
    assert sort_by_name(names, str) == ["田富", "田大利", "高富", "高大富"]  # 姓氏笔画 (党代会)
    assert sort_by_name(names, str, "stroke-full") == ["田大利", "田富", "高大富", "高富"]  # 姓名笔画 (人大)


def test_stroke_counts_come_from_unihan_where_the_order_table_disagrees() -> None:
    assert char_key("皙")[0] == 13  # GF 3003 and Unihan: 13; the cnchar-order sequence has 12


def test_middle_dot_and_unknown_characters() -> None:
    assert stroke_key("买买提·艾力") == stroke_key("买买提艾力")
    assert unknown_chars(["王A", "𠀀名", "买买提·艾力"]) == ["A", "𠀀"]
    assert sort_by_name(["A王", "王"], str) == ["王", "A王"]  # no data: after every known name


@pytest.mark.parametrize(("name", "reading"), [
    ("曾国藩", "zeng1 guo2 fan1"), ("单雄信", "shan4 xiong2 xin4"), ("解放", "xie4 fang4"), ("仇英", "qiu2 ying1"),
    ("区志", "ou1 zhi4"), ("朴正", "piao2 zheng4"), ("查良", "zha1 liang2"), ("乐毅", "yue4 yi4"),
    ("翟光", "zhai2 guang1"), ("缪斯", "miao4 si1"), ("覃思", "qin2 si1"), ("万俟卨", "mo4 qi2 xie4"),
])
def test_surnames_read_as_surnames(name: str, reading: str) -> None:
    assert surname_pinyin(name) == reading


def test_pinyin_order_uses_the_surname_reading() -> None:
    names = ["张伟", "曾国藩", "单雄信", "邓华", "沈阳", "查良", "翟光", "周建华"]
    # 曾 zēng (not céng), 单 shàn (not dān), 查 zhā (not chá), 翟 zhái (not dí).
    assert sort_by_name(names, str, "pinyin") == ["邓华", "单雄信", "沈阳", "曾国藩", "查良", "翟光", "张伟", "周建华"]


def test_unknown_sort_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        sort_by_name(["王"], str, "random")

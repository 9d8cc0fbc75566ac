"""GB 11643 ID numbers: the standard's own examples, and invariants over generated ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from dangjian.idnumber import check_digit, make, mask_id, mask_phone, problems


def test_examples_from_the_standard() -> None:
    assert problems("11010519491231002X") == []
    assert problems("440524188001010014") == []
    assert check_digit("11010519491231002") == "X"


def test_wrong_check_digit_names_the_expected_one() -> None:
    assert problems("110105194912310021") == ["身份证号校验位错误（应为 X），请核对号码"]


def test_impossible_birth_date() -> None:
    number = make("110105", dt.date(1990, 1, 1), 1).replace("19900101", "19900231")
    number = number[:17] + check_digit(number[:17])
    assert problems(number) == ["身份证号中的出生日期不存在"]


def test_disagreement_with_roster() -> None:
    number = make("110105", dt.date(1990, 1, 1), 2)  # even sequence: female
    assert problems(number, dt.date(1990, 1, 2), "男") == [
        "身份证号中的出生日期（1990-01-01）与“出生日期”（1990-01-02）不一致",
        "身份证号第 17 位表示女性，与“性别”（男）不一致",
    ]


def test_lowercase_x_is_flagged() -> None:
    assert problems("11010519491231002x") == ["身份证号最后一位的 X 应为大写"]


@given(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)), st.integers(0, 999))
def test_generated_numbers_are_valid_and_agree(birth: dt.date, sequence: int) -> None:
    number = make("320102", birth, sequence)
    gender = "男" if sequence % 2 else "女"
    assert problems(number, birth, gender) == []


@given(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)), st.integers(0, 999), st.integers(0, 16))
def test_any_single_digit_change_is_caught(birth: dt.date, sequence: int, position: int) -> None:
    number = make("320102", birth, sequence)
    changed = number[:position] + str((int(number[position]) + 1) % 10) + number[position + 1:]
    assert problems(changed) != []


def test_masking() -> None:
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"

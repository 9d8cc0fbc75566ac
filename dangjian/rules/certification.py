"""标准化规范化创建：考评验收的步骤、最强党支部的否决情形、软弱涣散当年整顿、取消评定.

The certifications themselves are in each branch.yaml (创建评定); the street's evaluation
records are in street/evaluations/<年>.yaml. A repository without street/ evaluations for a
year has nothing to compare the certifications of that year with, and these rules are silent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

from dangjian.findings import Problem, Severity
from dangjian.model import Certification, Evaluation
from dangjian.rules.registry import rule
from dangjian.street.load import StreetRecords

MODEL = "最强党支部"


def _street(repo) -> StreetRecords | None:
    return getattr(repo, "street", None)


def _evaluation(street: StreetRecords, year: int, org: str, level: str) -> Evaluation | None:
    evals = street.evaluations.get(year)
    return next((e for e in (evals.evaluations if evals else []) if e.org == org and e.level == level), None)


def _steps_problems(e: Evaluation, year: int) -> Iterator[Problem]:
    steps = [("applied", "支部申请", e.applied), ("review", "街道党工委考评", e.review.date if e.review else None),
             ("acceptance", "区委组织部验收", e.acceptance.date if e.acceptance else None)]
    for i, (attr, what, day) in enumerate(steps):
        later = [w for _a, w, d in steps[i + 1:] if d is not None]
        if day is None and later:
            yield Problem(e.loc, f"{e.org} {year}年{e.level}已有“{later[0]}”，但缺少“{what}”（支部申请 → 街道党工委考评 → "
                                 "区委组织部验收）", key=f"{year}{e.org}{attr}")
    dated = [(attr, what, day) for attr, what, day in steps if day is not None]
    for (_a, before, first), (attr, after, second) in pairwise(dated):
        if second < first:
            yield Problem(e.at(attr), f"{e.org} 的“{after}”（{second.isoformat()}）早于“{before}”（{first.isoformat()}）",
                          key=f"{year}{e.org}{attr}order")
    for attr, what in (("review", "街道党工委考评"), ("acceptance", "区委组织部验收")):
        step = getattr(e, attr)
        if step is not None and step.verdict != "通过" and e.acceptance is not None and e.acceptance.verdict == "通过":
            yield Problem(step.at("verdict"), f"{e.org} 的“{what}”结论不是通过，不能验收通过", key=f"{year}{e.org}{attr}v")


@rule("certification-steps", Severity.ERROR, ("CJ-3.1",), scope="repo", needs_roster=False)
def certification_steps(repo, ctx) -> Iterator[Problem]:
    """创建评定按“支部申请 → 街道党工委考评 → 区委组织部验收”进行：branch.yaml 中的“创建评定”在
    street/evaluations/<年>.yaml 中有对应的考评且验收通过；已进行的步骤不跳步、先后有序；验收通过的也记入“创建评定”。

    通过：B1 创建评定 {年度: 2025, 等级: 标准化规范化党支部}，street/evaluations/2025.yaml 中 B1 申请 2025-09-10、
    街道考评 2025-12-05 通过、区委验收 2026-01-15 通过。
    违反：B1 的 2025 年创建评定在 street/evaluations/2025.yaml 中没有对应的考评；或验收通过却没有记入 branch.yaml。
    """
    street = _street(repo)
    if street is None or not street.evaluations:
        return
    granted: set[tuple[int, str, str]] = set()
    for branch in repo.branches:
        for cert in branch.info.certifications if branch.info else []:
            if cert.year is None or cert.level is None or cert.year not in street.evaluations:
                continue
            granted.add((cert.year, branch.id, cert.level))
            found = _evaluation(street, cert.year, branch.id, cert.level)
            if found is None:
                yield Problem(cert.loc, f"{cert.year}年评定为{cert.level}，但 street/evaluations/{cert.year}.yaml 的"
                                        "“创建考评”中没有本党组织的考评验收记录", key=f"{cert.year}{cert.level}")
            elif found.acceptance is None or found.acceptance.verdict != "通过":
                yield Problem(cert.loc, f"{cert.year}年评定为{cert.level}，但区委组织部验收没有通过（或没有验收记录）",
                              key=f"{cert.year}{cert.level}验收")
    for year, evals in sorted(street.evaluations.items()):
        for e in evals.evaluations:
            yield from _steps_problems(e, year)
            if e.acceptance and e.acceptance.verdict == "通过" and (year, e.org, e.level) not in granted:
                yield Problem(e.acceptance.loc, f"{e.org} {year}年{e.level}已验收通过，但其 branch.yaml 的“创建评定”中"
                                                f"没有 {{年度: {year}, 等级: {e.level}}}", key=f"{year}{e.org}{e.level}")


def exclusions(e: Evaluation, least: int | None) -> list[tuple[str, str]]:
    """The CJ-3.2 reasons a branch may not be named 最强党支部: (attribute, reason in Chinese)."""
    out = []
    if e.rating is not None and e.rating != "优秀":
        out.append(("rating", f"年度述职评议考核（组织评定）为{e.rating}，未达到优秀"))
    if least is not None and e.appraised and e.excellent is not None and e.excellent * 100 < least * e.appraised:
        out.append(("excellent", f"党员评价优秀 {e.excellent} 人、占参评 {e.appraised} 人的 "
                                 f"{e.excellent * 100 / e.appraised:.1f}%，未达到 {least}%"))
    if e.public is not None and (e.public.confirmed or 0) > 0:
        out.append(("public", f"群众评价“不满意”经查证属实 {e.public.confirmed} 件"))
    for opinion in e.opinions:
        if opinion.opinion == "不符合":
            out.append(("opinions", f"{opinion.department}反馈存在不符合创建标准的意见"))
    return out


@rule("model-branch-exclusions", Severity.ERROR, ("CJ-3.2",), scope="repo", params=("最强党支部优秀率",),
      needs_roster=False)
def model_branch_exclusions(repo, ctx) -> Iterator[Problem]:
    """申报最强党支部并验收通过的，不得有否决情形：组织评定（年度述职评议考核）未达优秀、党员评价优秀率低于
    90%、群众“不满意”经查证属实、有关部门反馈不符合创建标准（street/evaluations/<年>.yaml）。

    通过：B1 申报最强党支部，组织评定 优秀，参评党员 20 人、评价优秀 19 人，不满意属实 0，社会评价都为 符合，验收通过。
    违反：同上，但群众评判 不满意属实: 1。
    """
    street = _street(repo)
    if street is None:
        return
    least = ctx.param("最强党支部优秀率")
    for year, evals in sorted(street.evaluations.items()):
        for e in evals.evaluations:
            if e.level != MODEL or e.acceptance is None or e.acceptance.verdict != "通过":
                continue
            for attr, reason in exclusions(e, least):
                yield Problem(e.at(attr), f"{e.org} {year}年验收为最强党支部，但{reason}，不得评定为最强党支部",
                              key=f"{year}{e.org}{attr}{reason}")


@rule("weak-branch-rectified", Severity.ERROR, ("CJ-2.5", "XZ-5.4"), scope="repo", needs_roster=False)
def weak_branch_rectified(repo, ctx) -> Iterator[Problem]:
    """街道党工委认定的软弱涣散党组织当年整顿到位（“整顿完成日期”在认定当年之内）；当年结束后检查。

    通过：B1 2025-03-20 认定为软弱涣散，整顿完成日期 2025-11-28。
    违反：B1 2025 年认定，2025 年底前没有整顿完成日期。
    """
    street = _street(repo)
    if street is None:
        return
    for year, evals in sorted(street.evaluations.items()):
        if dt.date(year, 12, 31) >= ctx.as_of:
            continue
        for weak in evals.weak:
            if weak.rectified is None or weak.rectified.year > year:
                when = "没有整顿完成日期" if weak.rectified is None else f"{weak.rectified.isoformat()} 才整顿完成"
                yield Problem(weak.at("rectified") if weak.rectified else weak.loc,
                              f"{weak.org} {year}年被认定为软弱涣散党组织，{when}，应当年整顿到位", key=f"{year}{weak.org}")


def standing(cert: Certification, day: dt.date) -> bool:
    """The certification is held on `day`: granted for a year before it and not cancelled by then."""
    return cert.year is not None and cert.year <= day.year and (cert.cancelled is None or cert.cancelled > day)


@rule("decertify-weak", Severity.ERROR, ("CJ-4.1",), scope="repo", needs_roster=False)
def decertify_weak(repo, ctx) -> Iterator[Problem]:
    """被认定为软弱涣散的党组织，不再符合建设标准，应取消标准化规范化（最强党支部）评定及相关待遇
    （在 branch.yaml 的“创建评定”中填写“取消日期”“取消原因”）。

    通过：B1 2026-03-20 认定为软弱涣散，其 2025 年的创建评定 取消日期: 2026-03-25。
    违反：B1 2026-03-20 认定为软弱涣散，2025 年的创建评定没有取消。
    """
    street = _street(repo)
    if street is None:
        return
    for year, evals in sorted(street.evaluations.items()):
        for weak in evals.weak:
            branch = repo.branch(weak.org)
            if branch is None or branch.info is None or weak.designated is None:
                continue
            for cert in branch.info.certifications:
                if standing(cert, weak.designated) and cert.year < year + 1 and cert.cancelled is None:
                    yield Problem(cert.loc, f"{weak.designated.isoformat()} 本党组织被认定为软弱涣散，{cert.year}年的"
                                            f"{cert.level}评定应取消（填写“取消日期”“取消原因”）", key=f"{cert.year}{year}")

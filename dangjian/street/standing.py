"""Where each organisation stands in the programme: its certification and whether it keeps it
(CJ-4.1), eligibility for 最强党支部 with the exclusions of CJ-3.2, the 软弱涣散 screening
(CJ-2.5) and what it is entitled to (CJ-4.2, 四(一)).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dangjian.leaders import committee_on
from dangjian.model import Certification, Evaluation, WeakBranch
from dangjian.rules.certification import exclusions
from dangjian.street.card import Card
from dangjian.street.criteria import FAIL, LIFE_CRITERIA

STANDARD, MODEL = "标准化规范化党支部", "最强党支部"
ELIGIBLE, NOT_ELIGIBLE, PENDING = "具备评定条件", "不具备评定条件", "待评"
VILLAGE = ("村", "社区")
PUBLIC_SECTOR = ("村", "社区", "机关", "事业单位", "国有企业")
PRIVATE_SECTOR = ("非公企业", "社会组织")


@dataclass
class Standing:
    card: Card
    sector: str
    kind: str
    held: list[Certification] = field(default_factory=list)  # certifications in force at the year's end
    cancelled: list[Certification] = field(default_factory=list)  # cancelled during the year (CJ-4.1)
    keeps: bool = False  # holds a certification and still meets the standard
    decertify: list[str] = field(default_factory=list)  # why the certification should be cancelled
    evaluation: Evaluation | None = None
    model: str = PENDING
    model_reasons: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)  # screening reasons (candidates)
    designated: WeakBranch | None = None  # the street's own designation this year
    entitlements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def weak_now(self) -> bool:
        """Screened as a candidate, or designated by the street and not yet rectified."""
        return bool(self.weak) or self.designated_open

    designated_open: bool = False

    @property
    def level(self) -> str | None:
        levels = {c.level for c in self.held}
        return MODEL if MODEL in levels else STANDARD if STANDARD in levels else None

    @property
    def kept_level(self) -> str | None:
        return self.level if self.keeps else None


def held_on(certs: list[Certification], year: int, day: dt.date) -> list[Certification]:
    """Certifications granted for `year` or earlier and not cancelled by `day`."""
    return [c for c in certs if c.year is not None and c.year <= year and (c.cancelled is None or c.cancelled > day)]


def stand(repo, branch, card: Card, run) -> Standing:
    info = branch.info
    day = min(dt.date(run.year, 12, 31), run.as_of)
    s = Standing(card, info.sector or "", info.kind or "")
    s.held = held_on(info.certifications, run.year, day)
    s.cancelled = [c for c in info.certifications if c.cancelled and c.cancelled.year == run.year and c.cancelled <= day]
    street = getattr(repo, "street", None)
    evals = street.evaluations.get(run.year) if street else None
    if evals is not None:
        s.evaluation = next((e for e in evals.evaluations if e.org == branch.id), None)
        s.designated = next((w for w in evals.weak if w.org == branch.id), None)
    s.weak = _screen(branch, card, s.evaluation, run)
    s.designated_open = _weak_now(s.designated, day)
    failed = [x.criterion.title for x in card.failed]
    if s.held:
        if not card.covered:
            s.notes.append(f"{run.year}年没有台账，无法判断是否保持")
        s.decertify = failed + (["被街道党工委认定为软弱涣散党组织"] if _weak_now(s.designated, day) else [])
        s.keeps = card.covered and not s.decertify
        committee = committee_on(branch, day)
        latest = max(c.year for c in s.held)
        if committee is not None and committee.elected > dt.date(latest, 12, 31):
            s.notes.append(f"{latest}年评定后已换届（{committee.elected.isoformat()}），应开展新一轮建设")
    if s.designated is not None and s.designated.rectified and s.designated.rectified <= day:
        s.notes.append(f"{s.designated.designated.isoformat()} 认定为软弱涣散，{s.designated.rectified.isoformat()} 整顿完成")
    s.model, s.model_reasons = _model(card, s.evaluation, branch, run)
    s.entitlements = entitlements(s)
    return s


def _weak_now(weak: WeakBranch | None, day: dt.date) -> bool:
    return weak is not None and (weak.rectified is None or weak.rectified > day)


def _duty_result(branch, year: int) -> str | None:
    """The result of the secretary's report to the higher committee in the year (述职评议)."""
    acts = branch.activities.get(year)
    results = [r.result for r in (acts.duty_reports if acts else []) if r.to == "上级党组织" and r.result]
    return results[-1] if results else None


def _model(card: Card, e: Evaluation | None, branch, run) -> tuple[str, list[str]]:
    reasons = [] if card.meets else ["未达到标准化规范化建设标准"]
    least = run.ctx.param("最强党支部优秀率")
    if e is not None:
        reasons += [reason for _attr, reason in exclusions(e, least)]
    rating = e.rating if e is not None and e.rating else _duty_result(branch, run.year)
    if rating and rating != "优秀" and not any("述职评议" in r for r in reasons):
        reasons.append(f"年度述职评议考核为{rating}，未达到优秀")
    if reasons:
        return NOT_ELIGIBLE, reasons
    if e is None or e.appraised is None or rating is None:
        return PENDING, ["尚无当年的四评结果（组织评定、党员评议、群众评判、社会评价）"]
    return ELIGIBLE, []


def _screen(branch, card: Card, e: Evaluation | None, run) -> list[str]:
    """Reasons to screen the organisation as a possible 软弱涣散 one (CJ-2.5)."""
    reasons = []
    rules = {f.rule for line in card.lines for f in line.findings if f.severity.name == "ERROR"}
    if "committee-setup" in rules:
        reasons.append("班子不健全（书记空缺或委员会设置不符合规定）")
    if "term-expired" in rules:
        reasons.append("任期届满未按期换届")
    least = run.ctx.param("软弱涣散组织生活未达标项数")
    life = [card.line(k).criterion.title for k in LIFE_CRITERIA if card.line(k).status == FAIL]
    if least and len(life) >= least:
        reasons.append("组织生活不经常、不规范：" + "；".join(life))
    if "dues-arrears-six-months" in rules:
        reasons.append("有党员连续 6 个月以上未交党费")
    rating = e.rating if e is not None and e.rating else _duty_result(branch, run.year)
    if rating in ("一般", "较差"):
        reasons.append(f"年度述职评议考核为{rating}")
    if e is not None and e.public is not None and (e.public.confirmed or 0) > 0:
        reasons.append(f"群众“不满意”经查证属实 {e.public.confirmed} 件")
    return reasons


def entitlements(s: Standing) -> list[str]:
    """What the organisation is entitled to by the certification it keeps (CJ-4.2, 四(一)(二)(三))."""
    level = s.kept_level
    if level is None:
        out = ["不能参评街道党工委及上级党组织开展的优秀共产党员、优秀党务工作者、先进基层党组织等党内表彰"]
        if s.level:
            out.insert(0, f"应取消{s.level}评定及相关待遇保障（CJ-4.1）")
        return out
    out = ["本支部及所属党员、党务工作者可参评街道党工委及上级党组织开展的党内表彰",
           "活动经费在一般保障标准基础上适当上浮"]
    if s.sector in VILLAGE:
        out.append("可适当发放一次性专项绩效奖励")
    if level != MODEL:
        return out
    body = next((c.granted_by for c in s.held if c.level == MODEL), "区委") or "区委"
    out[0] += "，并予以优先推荐；可参评省（自治区）党委以上党内表彰项目"
    out[1] = "活动经费在全区一般保障标准基础上上浮 30%"
    if s.sector in VILLAGE:
        out[2] = "按村、社区党组织班子成员现行年待遇报酬总额的 10% 发放一次性专项绩效奖励"
    if s.sector in PUBLIC_SECTOR:
        out.append("党支部书记在外派学习、挂职锻炼、职称评定、提拔使用等方面予以优先考虑")
    if s.sector in PRIVATE_SECTOR:
        out.append("党支部书记可作为各级党代会代表、人大代表、政协委员人选予以优先推荐")
    if body in ("市委", "省委"):
        out.append("由市委组织部进行一次性奖补，用于支持党支部开展党的活动")
    return out

"""The score card's criteria: each one a requirement of the five standardisations (WH, seed 003)
and of one of the seven areas of the certification programme (CJ-2, seed 002), and the rules
of the registry whose findings decide it (docs/assessment.md explains every line).

A criterion is judged from the findings of its rules on the branch's own files for the year:
an error fails it (未达标), warnings only make it 基本达标, no finding is 达标. A criterion whose
rules are all switched off, or whose parameters the profile leaves unset, is 不适用.
Two criteria are computed from the records rather than from rules (`computed`).
"""

from __future__ import annotations

from dataclasses import dataclass

WH_AREAS = {1: "支部设置标准化", 2: "组织生活正常化", 3: "管理服务精细化", 4: "工作制度体系化", 5: "阵地建设规范化"}
CJ_AREAS = {1: "规范基本设置", 2: "建设基本队伍", 3: "落实基本制度", 4: "完善基本保障", 5: "发挥基本作用",
            6: "争创“最强党支部”", 7: "持续整顿软弱涣散党支部"}
CJ_SECTIONS = {n: f"二({'一二三四五六七'[n - 1]})" for n in CJ_AREAS}
CJ_CLAUSES = {1: "CJ-2.1", 2: "CJ-2.2", 3: "CJ-2.3", 4: "", 5: "", 6: "CJ-2.4", 7: "CJ-2.5"}

PASS, FAIR, FAIL, NA = "达标", "基本达标", "未达标", "不适用"


@dataclass(frozen=True)
class Criterion:
    key: str  # stable id, e.g. WH2-三会
    title: str
    wh: int  # 1–5, WH_AREAS
    cj: int  # 1–5, CJ_AREAS
    rules: tuple[str, ...] = ()
    records: tuple[str, ...] = ()  # kinds of record files it is judged on
    computed: str = ""  # premises | co-building


CRITERIA: tuple[Criterion, ...] = (
    Criterion("WH1-设置", "组织设置与党员人数相符", 1, 1,
              ("branch-min-members", "org-kind-by-size", "joint-branch-units", "party-group-size"),
              ("branch", "members")),
    Criterion("WH1-班子", "班子健全：书记党龄、委员会设置、社区班子人数和学历", 1, 2,
              ("committee-setup", "community-committee-size", "committee-education", "secretary-standing",
               "committee-seat-eligible", "general-branch-approval", "general-branch-secretaries"),
              ("branch", "members")),
    Criterion("WH1-换届", "按期换届", 1, 1, ("term-length", "term-expired", "term-expiring"), ("branch",)),
    Criterion("WH2-三会", "支部党员大会、支委会、党小组会按期召开，表决合规", 2, 3,
              ("general-meeting-cadence", "committee-meeting-cadence", "group-meeting-cadence",
               "committee-meeting-quorum", "vote-quorum", "vote-majority", "vote-rights", "absent-six-months"),
              ("meetings",)),
    Criterion("WH2-党课", "按期上党课，书记每年讲党课", 2, 3, ("party-lecture-cadence", "secretary-lecture"),
              ("meetings",)),
    Criterion("WH2-主题党日", "每月主题党日，固定日开展", 2, 3,
              ("theme-day-monthly", "theme-day-off-schedule", "theme-day-rule-invalid"), ("meetings", "branch")),
    Criterion("WH2-生活会", "组织生活会、民主评议党员、委员民主生活会", 2, 3,
              ("life-meeting-cadence", "appraisal-cadence", "appraisal-grades", "committee-life-meeting"),
              ("meetings", "activities")),
    Criterion("WH2-谈话", "谈心谈话和六必谈", 2, 3,
              ("talk-yearly", "talk-committee", "talk-secretary", "talk-linked-members", "talk-after-event"), ("talks",)),
    Criterion("WH2-计划", "年度计划和报告工作", 2, 3,
              ("plan-missing", "plan-not-held", "plan-file-invalid", "work-report"), ("plan", "activities")),
    Criterion("WH3-发展", "发展党员和预备党员管理", 3, 2,
              ("applicant-age", "applicant-first-talk", "activist-period", "candidate-training", "applicant-sponsors",
               "admission-meeting", "admission-approval", "applicant-steps-order", "application-form-number",
               "probation-overdue", "probation-term", "probation-extension"), ("applicants", "members")),
    Criterion("WH3-培训", "党员、书记和委员、社区干部的学习培训学时", 3, 2,
              ("training-hours", "training-leaders", "training-cadre", "training-probationary"), ("trainings",)),
    Criterion("WH3-党费", "党费核定、按月交纳和公布", 3, 3,
              ("dues-assessment-missing", "dues-assessment-wrong", "dues-reduction-unapproved", "dues-amount-mismatch",
               "dues-unpaid", "dues-arrears-six-months", "dues-late-back-payment", "dues-quarterly-unapproved",
               "dues-publication-late", "dues-base-change", "dues-large-gift-remitted"), ("dues",)),
    Criterion("WH3-组织关系", "组织关系接转和党员信息准确", 3, 3,
              ("transfer-sequence", "transfer-between-branches", "member-dates", "id-number-valid", "name-inner-space", "unknown-member",
               "member-id-unique"), ("members",)),
    Criterion("WH3-服务", "志愿服务和结对帮扶", 3, 5, ("volunteer-service", "pairing-yearly"), ("activities",)),
    Criterion("WH3-双评", "公开承诺、星级评定和思想汇报", 3, 2,
              ("commitment-yearly", "star-rating-yearly", "thought-report"), ("activities",)),
    Criterion("WH3-共建", "参与联建共建（结对共建单位或承办共建项目）", 3, 5, (), ("street",), "co-building"),
    Criterion("WH4-述职", "书记双述双评", 4, 3, ("secretary-duty-report",), ("activities",)),
    Criterion("WH4-专题研究", "每年专题研究标准化规范化建设", 4, 3, ("standardisation-study",), ("meetings",)),
    Criterion("WH4-台账", "台账完整、格式正确（三册四簿）", 4, 3,
              ("archive-books", "record-year-mismatch", "future-date", "before-founding"), ("branch",)),
    Criterion("WH4-经费", "社区工作经费保障", 4, 4, ("community-funding",), ("branch",)),
    Criterion("WH5-面积", "党群服务中心面积", 5, 4, ("premises-area",), ("branch",)),
    Criterion("WH5-登记", "活动场所和专兼职管理员登记清楚", 5, 4, (), ("branch",), "premises"),
)

# Format rules (category 格式) found in a branch's files count against its 台账 criterion.
FORMAT_CRITERION = "WH4-台账"
# Rules about the street's own records: they make the regional figures, not a branch's card.
STREET_RULES = ("joint-meeting-quarterly", "joint-life-meeting", "mutual-review", "community-joint-meeting", "circle-visit-monthly",
                "leader-visit-monthly", "partner-member-duties", "partner-three-ones", "project-needs-resources",
                "street-references", "certification-steps", "model-branch-exclusions", "weak-branch-rectified",
                "decertify-weak", "model-branch-eligibility")
# Organisational life for the weak-branch screening (软弱涣散组织生活未达标项数).
LIFE_CRITERIA = ("WH2-三会", "WH2-党课", "WH2-主题党日", "WH2-生活会")


def criterion_of(rule_id: str, category: str = "规定", scope: str = "branch") -> str | None:
    """The key of the criterion a rule's findings count against: its own; the 台账 criterion for
    format rules; 其他规定 for a branch rule not in the table yet; None for street-level and
    repository-wide rules (they are not about one organisation's records)."""
    if rule_id in STREET_RULES:
        return None
    for c in CRITERIA:
        if rule_id in c.rules:
            return c.key
    if category == "格式":
        return FORMAT_CRITERION
    return OTHER if scope == "branch" else None


OTHER = "WH4-其他"
OTHER_CRITERION = Criterion(OTHER, "其他规定", 4, 3)


def by_key() -> dict[str, Criterion]:
    return {c.key: c for c in (*CRITERIA, OTHER_CRITERION)}

"""The record model: what each YAML file holds, with the key a 党务工作者 writes.

Field keys are the words used on paper and in Excel; values of official categories are
the official terms. docs/records.md and the JSON Schemas in dangjian/schemas/ are made
from these declarations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from dangjian.located import Loc
from dangjian.params import DEFAULT_PROFILE, PROFILES
from dangjian.schema import Record, key

ORG_KINDS = ("党委", "党总支", "党支部", "联合党支部", "临时党支部")
FIELDS = ("机关", "事业单位", "社区", "村", "国有企业", "非公企业", "社会组织", "学校", "其他")
ROLES = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "统战委员", "委员")
MEMBER_STATUS = ("正式党员", "预备党员")
DUES_CATEGORIES = ("在职", "年薪制", "非按月收入", "离退休", "农民", "学生", "下岗失业", "抚恤救济", "低保")
MEMBER_FLAGS = ("流动党员", "困难党员", "老党员", "在职党员报到", "党员领导干部", "社区干部")
TRANSFER_KINDS = ("转入", "转出", "去世", "停止党籍", "除名", "出党")
LEAVING_KINDS = ("转出", "去世", "停止党籍", "除名", "出党")
MEETING_KINDS = ("支部党员大会", "支委会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议",
                 "委员民主生活会", "专题会议")
GENDERS = ("男", "女")
APPRAISAL_GRADES = ("优秀", "合格", "基本合格", "不合格")
EDUCATION = ("研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下")
HOLIDAY_POLICIES = ("顺延", "顺延至周一至周五", "提前", "不调整")
CERTIFICATION_LEVELS = ("标准化规范化党支部", "最强党支部")
CERTIFYING_BODIES = ("区委", "市委", "省委")


# --- dangjian.yaml ----------------------------------------------------------------------------

@dataclass(kw_only=True)
class RepoConfig(Record):
    """记录库设置（dangjian.yaml）：拥有本记录库的组织、适用的规则集及调整。"""

    name: str | None = key("组织名称", required=True, doc="如：中共城南街道工作委员会", example="中共城南街道工作委员会")
    kind: str | None = key("组织类型", choices=("街道党工委", "基层党委", "党总支", "党支部"), default="街道党工委",
                           doc="记录库所属组织的类型")
    profile: str | None = key("规则集", choices=tuple(PROFILES), default=DEFAULT_PROFILE,
                              doc="national=全国性规定；xz=《街道、社区基层党组织规范化建设细则》；wuhua=五化建设；"
                                  "zw=《镇委推进党组织建设指导意见》（农村社区党总支）")
    records_until: dt.date | None = key("记录截至", doc="台账记录到哪一天为止；规则不检查此日以后的时段（示例数据用）")
    records_from: dt.date | None = key("记录起始", doc="台账从哪一天开始记录；此日以前开始的时段为“未记录”，不检查。"
                                                  "不填则从各党组织最早一条有日期的记录所在月份的 1 日算起")
    parameters: dict | None = key("参数", default={}, doc="调整规则集中的单个参数，如 党员年度学时: 40")
    severities: dict | None = key("规则级别", default={}, doc="调整规则的级别，如 term-expiring: 提示；关闭：关闭")

    def parameter_at(self, name: object) -> Loc:
        """Where the parameter `name` is written (its key under 参数), else the 参数 mapping itself."""
        params = self.parameters
        where = self.at("parameters")
        return params.key_loc(name, where) if hasattr(params, "key_loc") else where


# --- branch.yaml ------------------------------------------------------------------------------

@dataclass(kw_only=True)
class CommitteeSeat(Record):
    """支部委员会的一名委员。"""

    member: str | None = key("党员", required=True, doc="党员编号（见 members.yaml）", example="CN01-001")
    role: str | None = key("职务", required=True, choices=ROLES, example="书记")
    since: dt.date | None = key("任职日期", doc="不填则为本届任期开始日期")


@dataclass(kw_only=True)
class Postponement(Record):
    """经上级批准的延期换届（XJ-3：延长期限一般不超过 1 年）。"""

    approval: str | None = key("批准文号", required=True, example="城南工委〔2026〕8号")
    until: dt.date | None = key("延至", required=True, doc="批准延期后的届满日期（原届满日期后 1 年以内）",
                                example="2026-12-31")
    approved: dt.date | None = key("批准日期")
    reason: str | None = key("原因")


@dataclass(kw_only=True)
class Committee(Record):
    """一届委员会（或不设委员会时的书记、副书记）。"""

    session: str | None = key("届次", doc="如：第三届", example="第三届")
    elected: dt.date | None = key("选举日期", required=True, doc="本届选举产生的日期", example="2024-03-15")
    term_years: int | None = key("任期年限", required=True, doc="3 至 5 年（村、社区一般 5 年）", example=3)
    approval: str | None = key("批复文号", doc="上级党组织批复", example="城南工委〔2024〕12号")
    seats: list[CommitteeSeat] = key("委员", required=True, default=[], doc="书记、副书记、委员")
    postponed: Postponement | None = key("延期换届", doc="经上级批准延期换届的，写批准文号和延至的日期")


@dataclass(kw_only=True)
class Link(Record):
    """一名班子成员联系的党员（WH-2.6：班子成员与所联系党员每年至少谈心谈话 1 次）。"""

    member: str | None = key("委员", required=True, doc="班子成员的党员编号", example="CN01-002")
    linked: list[str] = key("党员", default=[], doc="所联系党员的编号")


@dataclass(kw_only=True)
class PartyGroup(Record):
    """党小组（组员由 members.yaml 中各党员的“党小组”决定）。"""

    name: str | None = key("名称", required=True, example="第一党小组")
    leader: str | None = key("组长", doc="党员编号", example="CN01-003")


@dataclass(kw_only=True)
class DutyRota(Record):
    """党总支书记值班安排（ZW-3：周一集中办公，周二至周六轮流值班）。"""

    weekday: str | None = key("星期", required=True, choices=("周一", "周二", "周三", "周四", "周五", "周六", "周日"))
    members: list[str] = key("值班人员", default=[], doc="党员编号；周一集中办公写全体")


@dataclass(kw_only=True)
class Certification(Record):
    """一次标准化规范化创建评定（CJ-3.1、CJ-3.2）。"""

    year: int | None = key("年度", required=True, example=2025)
    level: str | None = key("等级", required=True, choices=CERTIFICATION_LEVELS)
    excellent_rate: int | None = key("党员评价优秀率", doc="四评中党员评议本支部为“优秀”的百分比，如 95")
    approval: str | None = key("批准文号")
    granted_by: str | None = key("评定机关", choices=CERTIFYING_BODIES, default="区委",
                                 doc="验收或评定的党委（CJ-4.2 的待遇按评定机关定）")
    cancelled: dt.date | None = key("取消日期", doc="出现不符合建设标准的情形、取消评定的日期（CJ-4.1）")
    cancel_reason: str | None = key("取消原因")


@dataclass(kw_only=True)
class Branch(Record):
    """党组织基本情况（branch.yaml）。"""

    id: str | None = key("编号", required=True, doc="本记录库内唯一，字母数字和短横线", example="CN01")
    name: str | None = key("名称", required=True, example="中共城南街道幸福社区支部委员会")
    short_name: str | None = key("简称", example="幸福社区党支部")
    kind: str | None = key("类型", required=True, choices=ORG_KINDS, example="党支部")
    sector: str | None = key("领域", required=True, choices=FIELDS, example="社区")
    founded: dt.date | None = key("成立日期", required=True, example="2015-03-01")
    approval: str | None = key("批准文号", doc="成立的批复", example="城南工委〔2015〕3号")
    ends: dt.date | None = key("结束日期", doc="临时党支部的任务结束日期")
    dissolved: dt.date | None = key("撤销日期", doc="撤销后不再检查撤销日期以后的记录")
    records_from: dt.date | None = key("记录起始", doc="本党组织的台账从哪一天开始记录；此日以前开始的时段为“未记录”，"
                                                  "不检查。与 dangjian.yaml 的“记录起始”都写时取较晚的一个")
    units: list[str] = key("联合单位", default=[], doc="联合党支部所含单位")
    population: int | None = key("辖区人口", doc="社区党组织填写（XZ-2.1）")
    households: int | None = key("辖区户数", doc="社区填写，用于经费与阵地面积（XZ-7.1、QY-10）")
    premises_area: int | None = key("阵地面积", doc="党群服务中心面积，平方米（XZ-6.1）")
    premises: str | None = key("活动场所", doc="党组织活动场所（阵地）的名称或地址（WH-5.1）")
    premises_keeper: str | None = key("阵地管理员", doc="活动场所的专兼职管理员：党员编号或姓名（WH-5.1）")
    funding: Decimal | None = key("年度工作经费", kind="money", doc="元/年（XZ-7.1）")
    theme_day: str | None = key("主题党日", doc="如：每月10日、每月第一个周五、每月最后一个周五", example="每月10日")
    holiday_policy: str | None = key("节假日安排", choices=HOLIDAY_POLICIES,
                                     doc="主题党日固定日遇节假日或休息日时：顺延（默认，含调休上班日）、"
                                         "顺延至周一至周五、提前、不调整；不填按规则集（见 docs/schedule.md）")
    address: str | None = key("地址")
    postcode: str | None = key("邮政编码", kind="postcode")
    phone: str | None = key("联系电话", kind="phone")
    committee: Committee | None = key("委员会", doc="本届委员会（不设委员会的写书记）")
    past_committees: list[Committee] = key("历届委员会", default=[])
    groups: list[PartyGroup] = key("党小组", default=[])
    links: list[Link] = key("联系党员", default=[], doc="班子成员各自联系哪些党员（WH-2.6）")
    duty_rota: list[DutyRota] = key("值班安排", default=[])
    certifications: list[Certification] = key("创建评定", default=[], doc="标准化规范化党支部、最强党支部的评定")


# --- members.yaml -----------------------------------------------------------------------------

@dataclass(kw_only=True)
class Transfer(Record):
    """组织关系变动：转入、转出，或去世、停止党籍等离开本支部的情形。"""

    kind: str | None = key("类型", required=True, choices=TRANSFER_KINDS)
    date: dt.date | None = key("日期", required=True)
    counterpart: str | None = key("单位", doc="转入自或转出到的党组织")
    letter: str | None = key("介绍信编号")


@dataclass(kw_only=True)
class LifeEvent(Record):
    """需要谈话的事项（XZ-3.11 六必谈）。"""

    kind: str | None = key("类型", required=True,
                           choices=("工作变动", "受表彰", "受处分", "遇困难挫折", "出现矛盾分歧", "群众有不良反映", "退休"))
    date: dt.date | None = key("日期", required=True)
    note: str | None = key("说明")


@dataclass(kw_only=True)
class ProbationExtension(Record):
    """延长预备期的决定（党章第七条：只能延长一次，半年至一年）。"""

    date: dt.date | None = key("决定日期", required=True, doc="支部大会作出延长决定的日期")
    months: int | None = key("延长月数", required=True, doc="6 至 12 个月", example=6)
    reason: str | None = key("原因")


@dataclass(kw_only=True)
class Observation(Record):
    """受留党察看处分的期间（XJ-5：期间没有表决权、选举权和被选举权）。"""

    start: dt.date | None = key("开始日期", required=True, doc="处分决定之日")
    end: dt.date | None = key("结束日期", doc="察看期满恢复党员权利（或按规定处理）之日；未到期不填")
    ref: str | None = key("文号", doc="处分决定的文号")


@dataclass(kw_only=True)
class Member(Record):
    """党员名册中的一名党员（members.yaml）。"""

    id: str | None = key("编号", required=True, doc="全记录库唯一", example="CN01-001")
    name: str | None = key("姓名", required=True, example="王建国")
    gender: str | None = key("性别", required=True, choices=GENDERS)
    ethnicity: str | None = key("民族", example="汉族")
    birth: dt.date | None = key("出生日期", required=True, example="1975-06-12")
    education: str | None = key("学历", choices=EDUCATION)
    joined: dt.date | None = key("入党日期", required=True, doc="支部大会接收为预备党员的日期", example="2001-07-01")
    full_member: dt.date | None = key("转正日期", doc="预备党员转为正式党员的日期", example="2002-07-01")
    status: str | None = key("状态", required=True, choices=MEMBER_STATUS)
    dues_category: str | None = key("党费类别", required=True, choices=DUES_CATEGORIES)
    group: str | None = key("党小组", doc="所在党小组的名称")
    flags: list[str] = key("标记", default=[], choices=MEMBER_FLAGS, doc="流动党员、困难党员、老党员等")
    id_number: str | None = key("身份证号", kind="id-number", doc="可不填；填写须加引号")
    phone: str | None = key("手机号", kind="phone", doc="可不填；填写须加引号")
    workplace: str | None = key("工作单位")
    position: str | None = key("职务")
    transfers: list[Transfer] = key("组织关系", default=[])
    events: list[LifeEvent] = key("重要事项", default=[])
    extensions: list[ProbationExtension] = key("延长预备期", default=[], doc="预备党员延长预备期的决定")
    observations: list[Observation] = key("留党察看", default=[], doc="受留党察看处分的期间（没有表决权、选举权和被选举权）")
    note: str | None = key("备注")


@dataclass(kw_only=True)
class MembersFile(Record):
    """党员名册（members.yaml）。"""

    members: list[Member] = key("党员", required=True, default=[])


# --- applicants.yaml --------------------------------------------------------------------------

@dataclass(kw_only=True)
class Applicant(Record):
    """发展党员：一名入党申请人及各步骤的日期。"""

    id: str | None = key("编号", required=True, example="CN01-S01")
    name: str | None = key("姓名", required=True)
    gender: str | None = key("性别", choices=GENDERS)
    birth: dt.date | None = key("出生日期", required=True)
    applied: dt.date | None = key("申请日期", required=True, doc="递交入党申请书")
    talked: dt.date | None = key("谈话日期", doc="党组织派人谈话（1 个月内）")
    activist: dt.date | None = key("积极分子日期", doc="确定为入党积极分子")
    mentors: list[str] = key("培养联系人", default=[], doc="党员编号")
    candidate: dt.date | None = key("发展对象日期", doc="确定为发展对象")
    training_hours: int | None = key("培训学时", doc="集中培训学时（≥24 学时或 3 天）")
    training_days: int | None = key("培训天数")
    vetted: dt.date | None = key("政审日期")
    sponsors: list[str] = key("入党介绍人", default=[], doc="两名正式党员的编号")
    admitted: dt.date | None = key("支部大会日期", doc="支部大会讨论接收为预备党员")
    approved: dt.date | None = key("审批日期", doc="上级党委审批")
    approval_delay: str | None = key("审批延长原因", doc="审批超过 3 个月（最长 6 个月）的特殊情况说明")
    form_number: str | None = key("志愿书编号", doc="《入党志愿书》编号（WH-3.1 编号管理）")
    member_id: str | None = key("党员编号", doc="接收后在 members.yaml 中的编号")
    status: str | None = key("状态", choices=("申请人", "积极分子", "发展对象", "预备党员", "已终止"))
    note: str | None = key("备注")


@dataclass(kw_only=True)
class ApplicantsFile(Record):
    """发展党员台账（applicants.yaml）。"""

    applicants: list[Applicant] = key("入党申请人", default=[])


# --- meetings/<year>.yaml ---------------------------------------------------------------------

@dataclass(kw_only=True)
class Absence(Record):
    """缺席人员及原因。"""

    member: str | None = key("党员", required=True)
    reason: str | None = key("原因", required=True)


@dataclass(kw_only=True)
class Vote(Record):
    """一项表决。"""

    matter: str | None = key("事项", required=True)
    kind: str | None = key("类型", choices=("表决", "选举"), default="表决")
    yes: int | None = key("赞成", required=True)
    no: int | None = key("反对", default=0)
    abstain: int | None = key("弃权", default=0)
    result: str | None = key("结果", choices=("通过", "未通过", "当选", "未当选"),
                             doc="不填视为通过/当选；差额选举落选或表决未通过的事项写 未通过 或 未当选")


@dataclass(kw_only=True)
class Meeting(Record):
    """一次会议或活动；一次会议可以同时算作几类（如 支部党员大会暨主题党日）。"""

    date: dt.date | None = key("日期", required=True, example="2026-03-10")
    kinds: list[str] = key("类型", required=True, default=[], choices=MEETING_KINDS,
                           doc="一类或几类，如 [支部党员大会, 主题党日]")
    topic: str | None = key("主题", required=True)
    group: str | None = key("党小组", doc="党小组会填写小组名称")
    place: str | None = key("地点")
    host: str | None = key("主持人", doc="党员编号")
    recorder: str | None = key("记录人", doc="党员编号")
    lecturer: str | None = key("授课人", doc="党课填写：党员编号或姓名")
    attendees: list[str] = key("出席", default=[], doc="党员编号")
    absentees: list[Absence] = key("缺席", default=[])
    guests: list[str] = key("列席", default=[], doc="非本支部人员的姓名")
    votes: list[Vote] = key("表决", default=[])
    reason: str | None = key("调整原因", doc="主题党日未在固定日举行时说明原因")
    minutes: str | None = key("纪要")


@dataclass(kw_only=True)
class MeetingsFile(Record):
    """会议记录（meetings/<年>.yaml）。"""

    meetings: list[Meeting] = key("会议", default=[])


# --- dues/<year>.yaml -------------------------------------------------------------------------

@dataclass(kw_only=True)
class DuesException(Record):
    """与核定月交额不同的一次交纳（补交、多交、少交等）。"""

    month: int | None = key("月份", required=True)
    amount: Decimal | None = key("金额", required=True, kind="money")
    date: dt.date | None = key("日期", required=True)
    note: str | None = key("说明")


@dataclass(kw_only=True)
class BaseChange(Record):
    """年内工资（养老金）变动：党费规定第十条按新基数从领取新工资的当月起计算。"""

    month: int | None = key("月份", required=True, doc="领取新工资的月份，1 至 12")
    base: Decimal | None = key("基数", required=True, kind="money", doc="新的月基数（税后）", example="7200.00")
    monthly: Decimal | None = key("月交额", kind="money",
                                  doc="党支部确定的自该月起的月交额；不填时按参数“党费基数年内变动”：当月起按新基数"
                                      "（DF-10，xz 以外的规则集）或年初核定不变（000 第八条，xz）")


@dataclass(kw_only=True)
class DuesAccount(Record):
    """一名党员一年的党费：核定一次，之后只记每月交纳日期。"""

    member: str | None = key("党员", required=True, example="CN01-001")
    category: str | None = key("党费类别", choices=DUES_CATEGORIES, doc="不填则按名册")
    base: Decimal | None = key("基数", kind="money", doc="核定的月工资/养老金基数（税后）", example="6500.00")
    rate: Decimal | None = key("比例", kind="rate", doc="如 \"1.5%\"", example="1.5%")
    monthly: Decimal | None = key("月交额", required=True, kind="money", example="97.50")
    quarterly_approval: str | None = key("按季交纳批准", doc="经支部批准按季交纳的批准记录")
    reduction_approval: str | None = key("减免批准", doc="少交/免交的上级党委批准文号")
    # Loaded as {month: (date, Loc)} so that a rule can point at the month's own line.
    paid: dict[int, dt.date] | None = key("交纳", default={}, doc="月份: 交纳日期，如 1: 2026-01-10")
    exceptions: list[DuesException] = key("例外", default=[])
    base_changes: list[BaseChange] = key("基数变动", default=[],
                                         doc="年内工资变动（DF-10）：党费账从该月起按它计算；与年初核定不同时提醒")


@dataclass(kw_only=True)
class Remittance(Record):
    """一笔上缴或支出。"""

    date: dt.date | None = key("日期", required=True)
    amount: Decimal | None = key("金额", required=True, kind="money")
    to: str | None = key("接收单位")
    note: str | None = key("说明")


@dataclass(kw_only=True)
class Publication(Record):
    """一次党费收缴使用情况公布。"""

    date: dt.date | None = key("日期", required=True)
    period: str | None = key("范围", required=True, doc="如：2025年度、2026年上半年")


@dataclass(kw_only=True)
class DuesFile(Record):
    """党费账（dues/<年>.yaml）。"""

    year: int | None = key("年度", required=True)
    assessed: dt.date | None = key("核定日期", doc="年初核定月交额的日期（XZ-3.3）")
    accounts: list[DuesAccount] = key("党员党费", default=[])
    remittances: list[Remittance] = key("上缴", default=[])
    spending: list[Remittance] = key("支出", default=[])
    publications: list[Publication] = key("公布", default=[])


# --- trainings, talks, activities -------------------------------------------------------------

@dataclass(kw_only=True)
class Training(Record):
    """一次学习培训。"""

    date: dt.date | None = key("日期", required=True)
    title: str | None = key("名称", required=True)
    hours: float | None = key("学时", required=True)
    attendees: list[str] = key("参加", default=[], doc="党员编号")
    organiser: str | None = key("组织单位")


@dataclass(kw_only=True)
class TrainingsFile(Record):
    """学习培训（trainings/<年>.yaml）。"""

    trainings: list[Training] = key("培训", default=[])


@dataclass(kw_only=True)
class Talk(Record):
    """一次谈心谈话。"""

    date: dt.date | None = key("日期", required=True)
    talker: str | None = key("谈话人", required=True, doc="党员编号")
    talkee: str | None = key("谈话对象", required=True, doc="党员编号")
    reason: str | None = key("事由", doc="谈心谈话，或六必谈的事项")
    summary: str | None = key("内容")


@dataclass(kw_only=True)
class TalksFile(Record):
    """谈心谈话（talks/<年>.yaml）。"""

    talks: list[Talk] = key("谈话", default=[])


@dataclass(kw_only=True)
class Service(Record):
    """一次志愿服务。"""

    date: dt.date | None = key("日期", required=True)
    title: str | None = key("名称", required=True)
    participants: list[str] = key("参加", default=[])


@dataclass(kw_only=True)
class Pairing(Record):
    """一项结对帮扶。"""

    member: str | None = key("党员", required=True)
    household: str | None = key("帮扶对象", required=True)
    since: dt.date | None = key("开始日期")


@dataclass(kw_only=True)
class MemberScore(Record):
    """一名党员的承诺、述诺、星级或评议等次。"""

    member: str | None = key("党员", required=True)
    date: dt.date | None = key("日期")
    content: str | None = key("内容")
    stars: int | None = key("星级")
    grade: str | None = key("等次", choices=APPRAISAL_GRADES)


@dataclass(kw_only=True)
class ThoughtReport(Record):
    """党员向党支部汇报思想、工作、学习和生活情况（XZ-4.10）。"""

    member: str | None = key("党员", required=True)
    date: dt.date | None = key("日期", required=True)
    form: str | None = key("方式", choices=("书面", "口头"))
    content: str | None = key("内容")


@dataclass(kw_only=True)
class Deliberation(Record):
    """党员参政议政：参加议事协商、提出意见建议、作为代表或委员履职（ZW-4，记入党员个人档案）。"""

    member: str | None = key("党员", required=True)
    date: dt.date | None = key("日期", required=True)
    content: str | None = key("内容", required=True, doc="如：参加居民议事会，提出加装电梯的建议")
    capacity: str | None = key("身份", doc="如：区人大代表、居民代表、议事会成员")


@dataclass(kw_only=True)
class WorkReport(Record):
    """党支部报告工作：向支部党员大会（XZ-4.11）或向上一级党组织（WH-2.4）。"""

    date: dt.date | None = key("日期", required=True)
    to: str | None = key("报告对象", required=True, choices=("支部党员大会", "上级党组织"))
    reporter: str | None = key("报告人", doc="党员编号")
    content: str | None = key("内容")


@dataclass(kw_only=True)
class DutyReport(Record):
    """书记述职（XZ-5.4、WH-4.2 双述双评）。"""

    date: dt.date | None = key("日期", required=True)
    reporter: str | None = key("述职人", required=True, doc="书记的党员编号")
    to: str | None = key("对象", required=True, choices=("上级党组织", "支部党员大会"))
    result: str | None = key("评议结果", choices=("优秀", "良好", "一般", "较差"))


@dataclass(kw_only=True)
class ActivitiesFile(Record):
    """活动与评议（activities/<年>.yaml）。"""

    services: list[Service] = key("志愿服务", default=[])
    pairings: list[Pairing] = key("结对帮扶", default=[])
    commitments: list[MemberScore] = key("公开承诺", default=[])
    commitment_reports: list[MemberScore] = key("述诺", default=[])
    star_ratings: list[MemberScore] = key("星级评定", default=[])
    appraisals: list[MemberScore] = key("民主评议", default=[])
    thought_reports: list[ThoughtReport] = key("思想汇报", default=[])
    deliberations: list[Deliberation] = key("参政议政", default=[])
    work_reports: list[WorkReport] = key("工作报告", default=[])
    duty_reports: list[DutyReport] = key("述职", default=[])


# --- street/: the street's own records (regional party building, certification) ------------
# Files in the street/ directory of the record repository (docs/records.md, “街道层面的记录”).

PARTNER_KINDS = ("驻区单位", "区直机关", "事业单位", "国有企业", "非公企业", "社会组织", "其他")
STREET_MEETING_KINDS = ("党建联席会议", "联合组织生活会", "互学互检互评", "社区联席会议", "专题会议")
PARTNER_DUTIES = ("参加组织生活", "座谈", "调研", "认领微心愿", "志愿服务")
PROJECT_KINDS = ("实事", "活动", "难题")
RATINGS = ("优秀", "良好", "一般", "较差")
VERDICTS = ("通过", "不通过")


@dataclass(kw_only=True)
class StreetLeader(Record):
    """街道党工委的一名班子成员及其联系点（QY-11：每月至少到联系点一次）。"""

    name: str | None = key("姓名", required=True, example="赵明远")
    post: str | None = key("职务", example="党工委书记")
    contacts: list[str] = key("联系点", default=[], doc="联系的党组织编号")
    since: dt.date | None = key("任职日期", doc="不填则从记录起始算起")
    until: dt.date | None = key("离任日期")


@dataclass(kw_only=True)
class ParkCircle(Record):
    """一个园区党建共建圈（QY-1）：划入圈内的非公企业党组织，由核心党组织牵头（QY-2、QY-13 只对共建圈检查）。"""

    name: str | None = key("名称", required=True, example="高新园区第一党建共建圈")
    founded: dt.date | None = key("成立日期", required=True, doc="划分共建圈的日期；此前的时段不检查")
    core: str | None = key("核心党组织", doc="牵头的核心党组织名称或编号")
    units: list[str] = key("成员单位", default=[], doc="圈内成员企业：共建单位编号（street/partners.yaml）")
    ended: dt.date | None = key("撤销日期")


@dataclass(kw_only=True)
class StreetFile(Record):
    """街道党工委基本情况（street/street.yaml）。"""

    name: str | None = key("名称", required=True, example="中共城南街道工作委员会")
    records_from: dt.date | None = key("记录起始", doc="区域化党建台账从哪一天开始记录；不填按 dangjian.yaml 的“记录起始”，"
                                                  "再不填按 street/ 下最早一年的文件")
    leaders: list[StreetLeader] = key("班子成员", default=[])
    circles: list[ParkCircle] = key("园区共建圈", default=[], doc="园区党建共建圈；不填则不检查 QY-2、QY-13 的园区做法")


@dataclass(kw_only=True)
class Agreement(Record):
    """一份共建协议。"""

    number: str | None = key("编号", example="城南共建〔2025〕3号")
    signed: dt.date | None = key("签订日期", required=True)
    expires: dt.date | None = key("到期日期")
    content: str | None = key("内容")


@dataclass(kw_only=True)
class PartnerUnit(Record):
    """一个共建单位（驻区单位、机关事业单位、企业、社会组织）。"""

    id: str | None = key("编号", required=True, doc="street/ 中唯一，如 GJ01", example="GJ01")
    name: str | None = key("名称", required=True, example="东湖区人民医院")
    kind: str | None = key("类型", choices=PARTNER_KINDS)
    party_org: str | None = key("党组织", doc="共建单位党组织的名称")
    paired: list[str] = key("结对党组织", default=[], doc="与之结对共建的党组织编号")
    joined: dt.date | None = key("加入日期", required=True, doc="成为共建单位的日期")
    left: dt.date | None = key("退出日期")
    contact: str | None = key("联系人")
    agreements: list[Agreement] = key("共建协议", default=[])


@dataclass(kw_only=True)
class PartnersFile(Record):
    """共建单位和共建协议（street/partners.yaml）。"""

    partners: list[PartnerUnit] = key("共建单位", default=[])


@dataclass(kw_only=True)
class Need(Record):
    """需求清单中的一项：社区、党员群众的需求。"""

    id: str | None = key("编号", required=True, example="XQ2026-01")
    content: str | None = key("内容", required=True)
    raised_by: str | None = key("提出党组织", doc="党组织编号")
    date: dt.date | None = key("日期")


@dataclass(kw_only=True)
class Resource(Record):
    """资源清单中的一项：共建单位能提供的资源。"""

    id: str | None = key("编号", required=True, example="ZY2026-01")
    content: str | None = key("内容", required=True)
    provider: str | None = key("提供单位", doc="共建单位编号")
    date: dt.date | None = key("日期")


@dataclass(kw_only=True)
class Project(Record):
    """项目清单中的一项：由需求和资源撮合的共建项目。"""

    id: str | None = key("编号", required=True, example="XM2026-01")
    name: str | None = key("名称", required=True)
    kind: str | None = key("类型", choices=PROJECT_KINDS, doc="“三个一”：办一件实事、搞一次活动、解一个难题（QY-18）")
    needs: list[str] = key("需求", default=[], doc="需求清单中的编号")
    resources: list[str] = key("资源", default=[], doc="资源清单中的编号")
    units: list[str] = key("承办单位", default=[], doc="共建单位编号和党组织编号")
    start: dt.date | None = key("开始日期")
    done: dt.date | None = key("完成日期")


@dataclass(kw_only=True)
class ListsFile(Record):
    """三张清单：需求清单、资源清单、项目清单（street/lists/<年>.yaml）。"""

    year: int | None = key("年度", required=True)
    needs: list[Need] = key("需求清单", default=[])
    resources: list[Resource] = key("资源清单", default=[])
    projects: list[Project] = key("项目清单", default=[])


@dataclass(kw_only=True)
class UnitAbsence(Record):
    """一个缺席的单位。"""

    unit: str | None = key("单位", required=True, doc="共建单位或党组织编号")
    reason: str | None = key("原因", required=True)


@dataclass(kw_only=True)
class StreetMeeting(Record):
    """一次街道层面的会议：党建联席会议、联合组织生活会、互学互检互评、社区联席会议。"""

    date: dt.date | None = key("日期", required=True)
    kinds: list[str] = key("类型", required=True, default=[], choices=STREET_MEETING_KINDS)
    topic: str | None = key("主题", required=True)
    org: str | None = key("党组织", doc="社区联席会议填写召集的社区党组织编号")
    place: str | None = key("地点")
    host: str | None = key("主持人", doc="姓名")
    units: list[str] = key("出席单位", default=[], doc="共建单位编号和党组织编号")
    absent: list[UnitAbsence] = key("缺席单位", default=[])
    attendees: list[str] = key("出席人员", default=[], doc="姓名")
    minutes: str | None = key("纪要")


@dataclass(kw_only=True)
class StreetMeetingsFile(Record):
    """街道层面的会议（street/meetings/<年>.yaml）。"""

    meetings: list[StreetMeeting] = key("会议", default=[])


@dataclass(kw_only=True)
class Visit(Record):
    """一次走访：班子成员到联系点（QY-11），或走访园区共建圈的成员企业（QY-13）。"""

    date: dt.date | None = key("日期", required=True)
    leader: str | None = key("班子成员", required=True, doc="走访人姓名；班子成员走访联系点的，与 street.yaml 中一致")
    place: str | None = key("联系点", required=True, doc="党组织编号，或走访的共建单位编号（园区共建圈成员企业，QY-13）")
    content: str | None = key("内容")


@dataclass(kw_only=True)
class VisitsFile(Record):
    """班子成员走访联系点（street/visits/<年>.yaml）。"""

    visits: list[Visit] = key("走访", default=[])


@dataclass(kw_only=True)
class DutyDone(Record):
    """报到党员履行的一项义务（QY-8）。"""

    date: dt.date | None = key("日期", required=True)
    kind: str | None = key("类型", required=True, choices=PARTNER_DUTIES)
    content: str | None = key("内容")


@dataclass(kw_only=True)
class Registration(Record):
    """一名到社区报到的在职党员（双报到）及其当年履职。"""

    name: str | None = key("姓名", required=True)
    member: str | None = key("党员", doc="本记录库中的党员编号（如有）")
    unit: str | None = key("单位", doc="共建单位编号或工作单位名称")
    community: str | None = key("报到党组织", required=True, doc="报到的社区党组织编号")
    registered: dt.date | None = key("报到日期", required=True)
    left: dt.date | None = key("离开日期")
    duties: list[DutyDone] = key("履职", default=[])


@dataclass(kw_only=True)
class RegistrationsFile(Record):
    """在职党员到社区报到和履职（street/registrations/<年>.yaml）。"""

    year: int | None = key("年度", required=True)
    registrations: list[Registration] = key("报到党员", default=[])


@dataclass(kw_only=True)
class Step(Record):
    """考评验收的一步：街道党工委考评或区委组织部验收。"""

    date: dt.date | None = key("日期", required=True)
    verdict: str | None = key("结论", required=True, choices=VERDICTS)
    number: str | None = key("文号")
    note: str | None = key("说明")


@dataclass(kw_only=True)
class PublicJudgement(Record):
    """群众评判的结果（公示、访谈、民意调查、线上评价）。"""

    total: int | None = key("参与人数")
    satisfied: int | None = key("满意")
    fair: int | None = key("基本满意")
    unsatisfied: int | None = key("不满意")
    confirmed: int | None = key("不满意属实", doc="经查证属实的“不满意”件数（CJ-3.2）")


@dataclass(kw_only=True)
class DepartmentOpinion(Record):
    """有关部门的一条反馈意见（社会评价）。"""

    department: str | None = key("部门", required=True)
    opinion: str | None = key("意见", required=True, choices=("符合", "不符合"), doc="是否符合创建标准")
    date: dt.date | None = key("日期")
    note: str | None = key("说明")


@dataclass(kw_only=True)
class Evaluation(Record):
    """一个党组织当年的创建考评：申请、四评、街道考评、区委验收（CJ-3.1、CJ-3.2）。"""

    org: str | None = key("党组织", required=True, doc="党组织编号")
    level: str | None = key("申报等级", required=True, choices=CERTIFICATION_LEVELS)
    applied: dt.date | None = key("申请日期", doc="支部申请")
    rating: str | None = key("组织评定", choices=RATINGS, doc="年度述职评议考核等次")
    appraised: int | None = key("参评党员", doc="党员评议的参评人数")
    excellent: int | None = key("评价优秀", doc="评价本支部“优秀”的党员人数")
    public: PublicJudgement | None = key("群众评判")
    opinions: list[DepartmentOpinion] = key("社会评价", default=[])
    review: Step | None = key("街道考评")
    acceptance: Step | None = key("区委验收")


@dataclass(kw_only=True)
class WeakBranch(Record):
    """街道党工委认定的一个软弱涣散党组织及其整顿（CJ-2.5、XZ-5.4）。"""

    org: str | None = key("党组织", required=True, doc="党组织编号")
    designated: dt.date | None = key("认定日期", required=True)
    reasons: list[str] = key("原因", default=[])
    measures: str | None = key("整顿措施")
    rectified: dt.date | None = key("整顿完成日期", doc="验收销号的日期；当年认定的当年整顿到位")


@dataclass(kw_only=True)
class EvaluationsFile(Record):
    """标准化规范化创建的考评和软弱涣散整顿（street/evaluations/<年>.yaml）。"""

    year: int | None = key("年度", required=True)
    evaluations: list[Evaluation] = key("创建考评", default=[])
    weak: list[WeakBranch] = key("软弱涣散", default=[])


# --- the repository as loaded -----------------------------------------------------------------

@dataclass
class BranchRecords:
    """Everything the loader read for one organisation directory."""

    directory: str
    info: Branch | None = None
    parent: str | None = None  # id of the enclosing organisation, if nested
    members: list[Member] = field(default_factory=list)
    applicants: list[Applicant] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    dues: dict[int, DuesFile] = field(default_factory=dict)
    trainings: list[Training] = field(default_factory=list)
    talks: list[Talk] = field(default_factory=list)
    activities: dict[int, ActivitiesFile] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    meeting_years: set[int] = field(default_factory=set)
    roster_ok: bool = True  # False when members.yaml exists but could not be read

    @property
    def id(self) -> str:
        return (self.info.id if self.info and self.info.id else None) or self.directory

    @property
    def branch_file(self) -> str:
        return f"{self.directory}/branch.yaml" if self.directory else "branch.yaml"

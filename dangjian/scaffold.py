"""The files `dangjian init` writes into a new record repository."""

from __future__ import annotations

DANGJIAN_YAML = """\
# yaml-language-server: $schema=.dangjian/schemas/dangjian.json
# 记录库设置。说明见 dangjian 的 docs/records.md（dangjian docs records）。
组织名称: {name}
记录起始: {start}   # 台账从这一天开始记录，此前的时段不检查、不算“未召开”或欠交
组织类型: 街道党工委
规则集: xz          # national=全国性规定；xz=街道社区规范化建设细则；wuhua=五化建设
参数: {{}}           # 调整单个参数，如 换届提醒月数: 3（dangjian config show 查看全部）
规则级别: {{}}       # 调整规则级别，如 term-expiring: 提示；不需要的规则写 关闭
"""

BRANCH_YAML = """\
# yaml-language-server: $schema=../.dangjian/schemas/branch.json
# 党组织基本情况。请把示例内容改成本支部的真实情况。
编号: ZB01
名称: 中共示例社区支部委员会
类型: 党支部
领域: 社区
成立日期: 2020-01-01
批准文号: 示例工委〔2020〕1号
主题党日: 每月10日
辖区户数: 1200
阵地面积: 300
年度工作经费: "12000.00"
委员会:
  届次: 第二届
  选举日期: 2025-01-10
  任期年限: 5
  委员:
    - {党员: ZB01-001, 职务: 书记}
党小组: []
"""

MEMBERS_YAML = """\
# yaml-language-server: $schema=../.dangjian/schemas/members.json
# 党员名册。身份证号、手机号可不填；填写时必须加引号。
党员:
  - 编号: ZB01-001
    姓名: 张示例
    性别: 男
    出生日期: 1975-05-01
    入党日期: 2000-07-01
    转正日期: 2001-07-01
    状态: 正式党员
    党费类别: 在职
  - 编号: ZB01-002
    姓名: 李示例
    性别: 女
    出生日期: 1982-09-12
    入党日期: 2006-06-20
    转正日期: 2007-06-20
    状态: 正式党员
    党费类别: 在职
  - 编号: ZB01-003
    姓名: 王示例
    性别: 男
    出生日期: 1950-03-08
    入党日期: 1972-10-01
    转正日期: 1973-10-01
    状态: 正式党员
    党费类别: 离退休
    标记: [老党员]
"""

GITATTRIBUTES = """\
# 台账统一用 LF 换行，避免 Windows 与其他电脑之间的整文件差异
*.yaml text eol=lf
*.yml text eol=lf
"""

GITIGNORE = """\
# 生成的报告和本地缓存不入库
out/
.dangjian-cache/
.dangjian-venv/
.pip-cache/
# dangjian 写入时的临时文件（中断后下次写入时清除）和写入锁
.dangjian-tmp-*
.dangjian-lock
# 含身份证号等敏感信息的本地补充文件不入库
*.private.yaml
"""


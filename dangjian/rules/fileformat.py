"""Format rules: raised by the loader when a record file cannot be read as written.

They enforce the record format (docs/records.md), not a regulation, so they cite no
clause; each message says what to change.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from dangjian.findings import Problem, Severity
from dangjian.params import NATIONAL
from dangjian.rules.registry import format_rule, registered, rule

E, W = Severity.ERROR, Severity.WARNING

format_rule("file-encoding", E, """文件必须是 UTF-8 编码。

通过：用 UTF-8 保存的文件。
违反：用记事本“ANSI”（GBK）或 UTF-16 保存的文件。""")
format_rule("file-unreadable", E, """文件必须能够读取。

通过：普通的文件。
违反：指向记录库之外的符号链接、没有读权限的文件。""")
format_rule("yaml-syntax", E, """文件必须是正确的 YAML。

通过：
  姓名: 王建国
违反：
  姓名: "王建国
""")
format_rule("yaml-anchor", E, """台账中不使用锚点（&）和别名（*）。

通过：把内容直接写出来。
违反：
  出席: &全体 [CN01-001]
  缺席: *全体""")
format_rule("yaml-tag", E, """台账中不使用以“!”开头的标签。

通过：
  姓名: 王建国
违反：
  姓名: !!python/object:os.system 王建国""")
format_rule("duplicate-key", E, """同一层级内的键不能重复。

通过：
  姓名: 王建国
  性别: 男
违反：
  姓名: 王建国
  姓名: 王国""")
format_rule("invalid-date", E, """日期必须真实存在。

通过：
  入党日期: 2001-07-01
违反：
  入党日期: 2026-02-30""")
format_rule("number-should-be-quoted", E, """身份证号、电话号码、邮政编码和金额必须加引号。

通过：
  身份证号: "110105194912310021"
违反：
  身份证号: 110105194912310021""")
format_rule("wrong-type", E, """每个键的值必须是规定的类型（文字、整数、日期、列表……）。

通过：
  入党日期: 2001-07-01
违反：
  入党日期: 七月一日""")
format_rule("invalid-value", E, """规定了可选值的键只能取其中之一。

通过：
  状态: 正式党员
违反：
  状态: 正式""")
format_rule("missing-key", E, """必填的键不能缺少。

通过：每名党员都写了 编号、姓名、性别、出生日期、入党日期、状态、党费类别。
违反：党员记录缺少“入党日期”。""")
format_rule("unknown-key", W, """键必须是台账格式中规定的键（常见原因是错别字）。

通过：
  党小组: 第一党小组
违反：
  党小祖: 第一党小组""")
format_rule("empty-file", W, """记录文件不能是空的。

通过：有内容的文件。
违反：空文件。""")
format_rule("unknown-file", W, """记录库中的 YAML 文件必须放在规定的位置。

通过：CN01/meetings/2026.yaml
违反：CN01/会议2026.yaml""")
format_rule("name-bidi-control", E, """姓名、名称等名字中不能有不可见的文字方向控制字符（U+202A–202E、U+2066–2069、U+200E、U+200F、U+061C）。

这些字符不显示，却会改变文字的显示顺序，使报告、列表中看到的名字与实际记录的不同。

通过：
  姓名: 王建国
违反：
  姓名: "王\\u202e国建"   # 显示为“王建国”，实际是另一串文字""")
format_rule("rule-crash", E, """规则运行不能出错（出现此项说明工具本身有缺陷，请报告）。

通过：所有规则正常运行。
违反：某条规则运行时出错。""")


@rule("config-valid", E, (), scope="repo", category="格式")
def config_valid(repo, ctx) -> Iterator[Problem]:
    """dangjian.yaml 中调整的参数和规则级别必须存在、取值有效。

    通过：
      参数:
        换届提醒月数: 3
    违反：
      参数:
        换届提醒月份: 3
    """
    config = repo.config
    for name in config.parameters or {}:
        if name not in NATIONAL:
            guess = difflib.get_close_matches(str(name), list(NATIONAL), n=1, cutoff=0.4)
            yield Problem(config.parameter_at(name), f"没有名为“{name}”的参数" +
                          (f"，是否想写“{guess[0]}”？" if guess else "；用 dangjian config show 查看全部参数"))
    known = {r.id for r in registered()}  # every rule: the engine runs this after all registered
    for rule_id, level in (config.severities or {}).items():
        if rule_id not in known:
            guess = difflib.get_close_matches(str(rule_id), sorted(known), n=1)
            yield Problem(config.at("severities"), f"没有编号为“{rule_id}”的规则" +
                          (f"，是否想写“{guess[0]}”？" if guess else ""))
        elif str(level) != "关闭":
            try:
                Severity.parse(level)
            except ValueError as exc:
                yield Problem(config.at("severities"), f"规则 {rule_id}：{exc}")

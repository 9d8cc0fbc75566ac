"""The values of 参数 in dangjian.yaml must be usable by the rules that read them."""

from __future__ import annotations

from collections.abc import Iterator

from dangjian.calendar import CADENCES, periods
from dangjian.findings import Problem, Severity
from dangjian.profiles import bound_of
from dangjian.rules.registry import rule

REPORT_TARGETS = ("上级党组织", "支部党员大会")


@rule("param-value", Severity.ERROR, (), scope="repo", category="格式", needs_roster=False)
def param_value(repo, ctx) -> Iterator[Problem]:
    """dangjian.yaml 中调整的周期参数写成可识别的周期，述职对象写成可识别的对象。

    通过：
      参数:
        党课周期: 每季度
    违反：
      参数:
        党课周期: 每两个月
    """
    config = repo.config
    for name, value in (config.parameters or {}).items():
        if bound_of(name) == "cadence" and value is not None:
            try:
                periods(value, 2000)
            except ValueError:
                yield Problem(config.at("parameters"), f"参数“{name}”的值“{value}”不是可识别的周期，可用："
                                                       f"{'、'.join(CADENCES)}", key=str(name))
        elif name == "书记述职对象" and (not isinstance(value, list) or any(v not in REPORT_TARGETS for v in value)):
            yield Problem(config.at("parameters"), f"参数“书记述职对象”应为列表，每项是{'或'.join(REPORT_TARGETS)}",
                          key=str(name))

"""The values of 参数 in dangjian.yaml: well formed, and never looser than the national rules."""

from __future__ import annotations

from collections.abc import Iterator

from dangjian.findings import Problem, Severity
from dangjian.params import NATIONAL
from dangjian.profiles import OVERRIDE, Conflict, looser, show, value_problem
from dangjian.rules.registry import rule


@rule("param-value", Severity.ERROR, (), scope="repo", category="格式", needs_roster=False)
def param_value(repo, ctx) -> Iterator[Problem]:
    """dangjian.yaml 中调整的参数取值须合用：周期写成可识别的周期，人数、学时写数字，比例表写成分档的表……

    取值不合用的参数不采用，按规则集的值检查。

    通过：
      参数:
        党课周期: 每季度
    违反：
      参数:
        党课周期: 每两个月
    """
    config = repo.config
    for name, value in (config.parameters or {}).items():
        if name not in NATIONAL:
            continue  # config-valid names the unknown parameter
        problem = value_problem(name, value)
        if problem:
            yield Problem(config.parameter_at(name), f"参数“{name}”的值“{show(value)}”{problem}；此值不采用，按规则集的值检查",
                          key=str(name))


@rule("param-looser", Severity.ERROR, (), scope="repo", category="格式", needs_roster=False)
def param_looser(repo, ctx) -> Iterator[Problem]:
    """dangjian.yaml 的“参数”不能放宽全国性规定：下限只能调高、上限只能调低、周期只能更频繁、固定值不能改。

    放宽的值不采用，仍按全国性规定检查；`dangjian config show` 和 `dangjian rules --conflicts` 也列出它。

    通过：
      参数:
        连续未交月数: 3
    违反：
      参数:
        连续未交月数: 12
    """
    config = repo.config
    for name, value in (config.parameters or {}).items():
        national = NATIONAL.get(name)
        if national is None or value_problem(name, value) or not looser(name, value, national.value):
            continue
        conflict = Conflict(ctx.run.profile, name, value, OVERRIDE, national.value, national.clause)
        yield Problem(config.parameter_at(name), f"参数“{name}”：{conflict.describe()}；不能放宽全国性规定", key=str(name))

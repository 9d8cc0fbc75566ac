"""`dangjian upgrade [目录]`: pin the record repository to the running dangjian (or another
source) and list the rule changes between the old and the new version (docs/changelog.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import fail


def register(app: typer.Typer) -> None:
    app.command("upgrade")(upgrade)


def upgrade(
    path: Annotated[Path | None, typer.Argument(help="记录库目录（默认当前目录所在的记录库）", metavar="记录库")] = None,
    tool_source: Annotated[str, typer.Option(
        "--tool-source", help="改用哪个 dangjian：wheel（默认，当前版本的安装包）、git 地址加标签、"
        "软件源包名加版本，或一个 .whl 文件", metavar="来源")] = "wheel",
) -> None:
    """把记录库固定的 dangjian 版本换成当前版本（更新安装包、CI 和钩子配置），并列出两版之间的规则变更。"""
    from dangjian import __version__, changelog, ci_files, setup_files
    from dangjian import pin as pins
    from dangjian.commands.init_cmd import HOOK_BEGIN, _hook_path, _install_hook
    from dangjian.locate import NotARepository, locate_root

    try:
        root = locate_root(path)
        old = pins.read(root)
    except (NotARepository, pins.PinError) as exc:
        raise fail(str(exc), 2) from None
    kinds = [kind for kind, rel in (("gitlab", ci_files.GITLAB_INCLUDE), ("gitea", ci_files.GITEA_WORKFLOW),
                                    ("github", ci_files.GITHUB_WORKFLOW)) if (root / rel).exists()]
    try:
        plan = setup_files.plan(root, __version__, tool_source, kinds)
    except (pins.PinError, setup_files.SetupError) as exc:
        raise fail(str(exc), 2) from None
    written = plan.write()
    hook = _hook_path(root)
    if hook is not None and hook.exists() and HOOK_BEGIN in hook.read_text(encoding="utf-8", errors="replace"):
        _install_hook(root)  # the hook names the Python that runs dangjian: the upgraded one
    before = old.version if old else "未固定"
    typer.echo(f"记录库 {root} 的 dangjian：{before} → {plan.pin.version}（{plan.pin.kind}：{plan.pin.requirement}）")
    typer.echo("更新的文件：" + ("、".join(written) if written else "无"))
    changes = changelog.rule_changes(old.version if old else None, plan.pin.version)
    if changes:
        typer.echo("两版之间的规则变更（什么能通过校验的变化，详见 dangjian docs changelog）：")
        for version, lines in changes:
            typer.echo(f"  {version}：")
            for line in lines:
                typer.echo(f"    {line}")
    else:
        typer.echo("两版之间没有规则变更。")
    typer.echo("请运行 dangjian validate 检查，再提交这些文件。")

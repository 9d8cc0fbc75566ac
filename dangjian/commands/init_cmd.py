"""`dangjian init DIR`: scaffold a new record repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import fail


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    directory: Annotated[Path, typer.Argument(help="新记录库的目录（不存在则创建）")],
    name: Annotated[str, typer.Option("--name", help="组织名称")] = "中共示例街道工作委员会",
    hook: Annotated[bool, typer.Option("--hook/--no-hook", help="安装 git 提交前校验钩子")] = True,
) -> None:
    """新建台账记录库：git 仓库、dangjian.yaml、一个支部的样例、提交前检查和 CI 配置。"""
    import shutil
    import subprocess
    import sys
    from importlib import resources

    from dangjian import scaffold
    from dangjian.yamlio import atomic_write_text

    if (directory / "dangjian.yaml").exists():
        raise fail(f"{directory} 已经是台账记录库（已有 dangjian.yaml），不会覆盖")
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "dangjian.yaml": scaffold.DANGJIAN_YAML.format(name=name),
        "示例社区党支部/branch.yaml": scaffold.BRANCH_YAML,
        "示例社区党支部/members.yaml": scaffold.MEMBERS_YAML,
        ".gitattributes": scaffold.GITATTRIBUTES,
        ".gitignore": scaffold.GITIGNORE,
        ".pre-commit-config.yaml": scaffold.PRE_COMMIT_CONFIG,
        ".github/workflows/dangjian.yml": scaffold.GITHUB_WORKFLOW,
        ".gitlab-ci.yml": scaffold.GITLAB_CI,
    }
    schemas = resources.files("dangjian").joinpath("schemas")
    for entry in schemas.iterdir():
        if entry.name.endswith(".json"):
            files[f".dangjian/schemas/{entry.name}"] = entry.read_text(encoding="utf-8")
    for rel, text in files.items():
        target = directory / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    if not (directory / ".git").exists():
        if shutil.which("git") is None:
            raise fail("找不到 git，请先安装 git", 2)
        subprocess.run(["git", "init", "-q"], cwd=directory, check=True)
    if hook:
        hook_path = directory / ".git" / "hooks" / "pre-commit"
        hook_path.parent.mkdir(parents=True, exist_ok=True)
        hook_path.write_text(scaffold.GIT_HOOK.format(python=sys.executable), encoding="utf-8")
        hook_path.chmod(0o755)
    typer.echo(f"已在 {directory} 新建台账记录库。\n"
               "下一步：\n"
               "  1. 修改 dangjian.yaml 和 示例社区党支部/ 下的文件，或按 docs/records.md 新建支部目录；\n"
               f"  2. 运行 dangjian validate {directory} 检查；\n"
               "  3. git add . && git commit（提交前会自动校验，有错误的提交会被拒绝）。")

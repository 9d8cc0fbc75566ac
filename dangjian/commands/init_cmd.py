"""`dangjian init DIR`: make a record repository, or add dangjian to an existing one.

It never breaks what is there: record files are written only into a directory without
dangjian.yaml; .gitignore and .gitattributes gain the missing lines; an existing
.gitlab-ci.yml gains an `include:` and .pre-commit-config.yaml a hook entry; a file that
would change otherwise is shown as a diff and only replaced with --force. It makes no git
repository inside another one, and it installs its hook where git looks for hooks
(core.hooksPath included), next to a hook that is already there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dangjian.commands.common import fail

HOOK_BEGIN = "# >>> dangjian"
HOOK_END = "# <<< dangjian"


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    directory: Annotated[Path, typer.Argument(help="记录库的目录（不存在则创建；可以是已有的 git 仓库）", metavar="目录")],
    name: Annotated[str, typer.Option("--name", help="组织名称", metavar="名称")] = "中共示例街道工作委员会",
    start: Annotated[str | None, typer.Option(
        "--start", help="台账从哪一天开始记录（记录起始，YYYY-MM-DD；默认本月1日）", metavar="日期")] = None,
    tool_source: Annotated[str, typer.Option(
        "--tool-source", help="CI 和钩子安装哪个 dangjian：wheel（默认，把当前版本的安装包放入记录库）、"
        "git 地址加标签（git+https://…/dangjian.git@v0.1.0）、软件源包名加版本（dangjian==0.1.0），"
        "或一个 .whl 文件", metavar="来源")] = "wheel",
    ci: Annotated[str, typer.Option(
        "--ci", help="生成哪些 CI 配置（逗号分隔）：gitlab、gitea、github（境外平台，只在指定时生成）、none", metavar="平台")] = "gitlab,gitea",
    hook: Annotated[bool, typer.Option("--hook/--no-hook", help="安装 git 提交前校验钩子")] = True,
    force: Annotated[bool, typer.Option("--force", help="覆盖与生成内容不同的已有文件（默认只显示差异并停止）")] = False,
) -> None:
    """新建台账记录库，或在已有的仓库中加入 dangjian：记录起始、固定的工具版本、提交前检查和 CI 配置。"""
    import sys

    from dangjian import __version__, scaffold, setup_files
    from dangjian.context import clock
    from dangjian.pin import PinError

    kinds = _ci_kinds(ci)
    start_day = _start(start, clock())
    directory = directory.resolve()
    _refuse_nested(directory)
    try:
        plan = setup_files.plan(directory, __version__, tool_source, kinds)
    except (PinError, setup_files.SetupError) as exc:
        raise fail(str(exc), 2) from None
    if not (directory / "dangjian.yaml").exists():
        plan.records = {
            "dangjian.yaml": scaffold.DANGJIAN_YAML.format(name=name, start=start_day.isoformat()),
            "示例社区党支部/branch.yaml": scaffold.BRANCH_YAML,
            "示例社区党支部/members.yaml": scaffold.MEMBERS_YAML,
        }
    elif start is not None:
        print(f"dangjian：{directory / 'dangjian.yaml'} 已存在，没有改动；记录起始请在其中填写“记录起始: {start_day}”",
              file=sys.stderr)
    conflicts = plan.conflicts()
    if conflicts and not force:
        for diff in conflicts:
            print(diff, file=sys.stderr)
        raise fail(f"{len(conflicts)} 个已有文件与 dangjian 要生成的内容不同（差异见上），没有做任何改动。"
                   "确认要覆盖时加 --force；也可以按差异手工合并", 1)
    try:
        written = plan.write()
    except setup_files.SetupError as exc:
        raise fail(str(exc), 2) from None
    _git_init(directory)
    hook_note = _install_hook(directory) if hook else "未安装 git 钩子（--no-hook）"
    shown = "、".join(written) if written else "无（已是最新）"
    typer.echo(f"已在 {directory} 准备好台账记录库（dangjian {__version__}，记录起始见 dangjian.yaml）。\n"
               f"写入或合并的文件：{shown}\n"
               f"提交前检查：{hook_note}\n"
               "下一步：\n"
               "  1. 修改 dangjian.yaml 和各支部目录下的文件（写法见 dangjian docs records）；\n"
               f"  2. 运行 dangjian validate {directory} 检查；\n"
               "  3. git add . && git commit（有错误的提交会被拒绝）。")


def _ci_kinds(text: str) -> list[str]:
    from dangjian.ci_files import CI_KINDS

    kinds = [k.strip() for k in text.split(",") if k.strip()]
    if kinds == ["none"]:
        return []
    unknown = [k for k in kinds if k not in CI_KINDS]
    if unknown:
        raise fail(f"--ci 不认识“{'、'.join(unknown)}”，可用：{'、'.join(CI_KINDS)}、none", 2)
    return kinds


def _start(text: str | None, today: dt.date) -> dt.date:
    import sys

    default = today.replace(day=1)
    if text is None and sys.stdin.isatty():
        text = typer.prompt("台账从哪一天开始记录（记录起始）", default=default.isoformat())
    if text is None:
        return default
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise fail(f"--start 的日期“{text}”无效，应写成 YYYY-MM-DD，如 {default.isoformat()}", 2) from None


def _git(directory: Path, *args: str):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        raise fail("找不到 git，请先安装 git（Windows 上可安装 Git for Windows）", 2)
    return subprocess.run(["git", *args], cwd=directory, capture_output=True, text=True, check=False)


def _refuse_nested(directory: Path) -> None:
    """A directory inside another git repository (but not its top) gets no repository of its own."""
    existing = directory
    while not existing.exists():
        existing = existing.parent
    done = _git(existing, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        return
    top = Path(done.stdout.strip()).resolve()
    if top != directory:
        raise fail(f"{directory} 在已有的 git 仓库 {top} 之中；dangjian 不会在仓库里再建一个仓库。"
                   f"请选择仓库之外的目录，或在仓库的顶层目录运行 dangjian init {top}", 2)


def _git_init(directory: Path) -> None:
    if _git(directory, "rev-parse", "--git-dir").returncode == 0:
        return
    done = _git(directory, "init", "-q")
    if done.returncode != 0:
        raise fail(f"git init 失败：{done.stderr.strip()}", 2)


def hook_block() -> str:
    """The lines of the git hook: run dangjian's hook with this Python, step aside under pre-commit."""
    import sys

    python = Path(sys.executable).as_posix()  # Git for Windows' sh reads C:/… paths
    return f"""{HOOK_BEGIN}：提交前校验暂存的台账（由 dangjian init 安装，见 dangjian docs records）
# 改用 pre-commit 框架（pre-commit install）后，本钩子被改名为 pre-commit.legacy，由 pre-commit 校验，这里不再重复。
case "$0" in
  *.legacy) ;;
  *)
    if [ -x "{python}" ]; then
      "{python}" -m dangjian hook || exit $?
    else
      echo "dangjian：提交被拒绝：找不到安装 dangjian 的 Python（{python}）。请重新安装 dangjian 后在记录库中运行 dangjian init . 更新钩子；确需跳过时用 git commit --no-verify。" >&2
      exit 1
    fi
    ;;
esac
{HOOK_END}
"""


def _hook_path(directory: Path) -> Path | None:
    """Where git runs the pre-commit hook from: .git/hooks, or core.hooksPath when set."""
    done = _git(directory, "rev-parse", "--git-path", "hooks")
    if done.returncode != 0:
        return None
    return (directory / done.stdout.strip()).resolve() / "pre-commit"


def _install_hook(directory: Path) -> str:
    """Put dangjian's block into the pre-commit hook where git looks (core.hooksPath included)."""
    path = _hook_path(directory)
    if path is None:
        return "未安装（无法确定 git 钩子目录）"
    hooks = path.parent
    block = hook_block()
    if not path.exists():
        hooks.mkdir(parents=True, exist_ok=True)
        _write_hook(path, "#!/bin/sh\n" + block)
        return f"已安装 {path}"
    text = path.read_text(encoding="utf-8", errors="replace")
    if HOOK_BEGIN in text and HOOK_END in text:
        head, _, rest = text.partition(HOOK_BEGIN)
        _, _, tail = rest.partition(HOOK_END + "\n")
        _write_hook(path, head + block + tail)
        return f"已更新 {path} 中 dangjian 的部分"
    if "pre-commit.com" in text or "File generated by pre-commit" in text:
        return (f"{path} 由 pre-commit 框架管理；dangjian 的校验在 .pre-commit-config.yaml 中，"
                "未另装钩子（避免重复）")
    first, _, body = text.partition("\n")
    if not first.startswith("#!") or not any(shell in first for shell in ("sh", "bash", "dash", "zsh")):
        return (f"未安装：{path} 已有一个不是 shell 脚本的钩子，dangjian 没有改动它；"
                "请在其中调用 python -m dangjian hook（失败时拒绝提交）")
    _write_hook(path, first + "\n" + block + body)
    return f"已加入已有的钩子 {path}（原有内容保留在后面）"


def _write_hook(path: Path, text: str) -> None:
    from dangjian.yamlio import atomic_write_text

    atomic_write_text(path, text)
    path.chmod(0o755)

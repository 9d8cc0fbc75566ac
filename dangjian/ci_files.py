"""The CI files and hook configuration `dangjian init` writes, each installing the pinned tool.

GitLab CI (self-hosted) is the primary target; a Gitea/Forgejo Actions workflow comes by
default as well; a GitHub workflow only on request, with the hosting warning. The jobs install
exactly the pin's requirement; its dependencies come from whatever index pip is configured
with on the runner (a domestic or intranet mirror: see the README), so no index is named here.
"""

from __future__ import annotations

from dangjian.pin import KIND_GIT, KIND_INDEX, Pin

GITLAB_INCLUDE = ".dangjian/gitlab-ci.yml"
GITEA_WORKFLOW = ".gitea/workflows/dangjian.yaml"
GITHUB_WORKFLOW = ".github/workflows/dangjian.yaml"
CI_KINDS = ("gitlab", "gitea", "github")
DEFAULT_CI = "gitlab,gitea"

VENV = ".dangjian-venv"
TOOL = f"{VENV}/bin/dangjian"
REPORT = "gl-code-quality-report.json"

HOSTING_WARNING = """\
# 警告：GitHub 是境外代码托管平台。记录库含党员姓名、身份证号等个人信息，放在境外平台上属于
# 个人信息出境（《个人信息保护法》第三章），党务工作还应“涉密不上网、上网不涉密”。
# 请把记录库放在本单位自建的 GitLab 或 Gitea 上；只在确有需要并经批准时才使用本文件。
"""


def install_lines(pin: Pin) -> list[str]:
    """Shell lines that put the pinned dangjian into ./.dangjian-venv (POSIX runners)."""
    return [f"python3 -m venv {VENV}",
            f"{VENV}/bin/python -m pip install --quiet '{pin.requirement}'"]


def gitlab_main() -> str:
    return f"""\
# GitLab CI：校验台账（由 dangjian init 生成）。dangjian 的任务在 {GITLAB_INCLUDE} 中，
# 由 dangjian upgrade 随工具版本更新；本文件可以自由添加别的任务。
include:
  - local: {GITLAB_INCLUDE}
"""


def gitlab_jobs(pin: Pin) -> str:
    install = "\n".join(f"    - {line}" for line in install_lines(pin))
    return f"""\
# dangjian 的 GitLab CI 任务（由 dangjian init / dangjian upgrade 生成，请勿手改；工具版本见 .dangjian/tool.yaml）。
# - 每次推送：校验整个记录库；合并请求：只报告改动涉及的问题。问题显示在“代码质量”中。
# - 默认分支：生成上月工作月报（Markdown 和 Word）和街道评估汇总（供区里 dangjian rollup 汇总），作为制品保存。
# - dangjian {pin.version} 按 .dangjian/tool.yaml 的“安装”一行安装；它依赖的包从运行器上 pip 配置的软件源安装
#   （内网镜像的设置方法见 dangjian 的 README）。运行器须能取得 Python 3.11 或更高版本的镜像，可改为本单位镜像仓库中的。
# dangjian 不把缓存放在记录库目录之内，而 GitLab 只缓存项目目录中的文件：任务前后在两处之间复制。
.dangjian:
  image: python:3.11-slim
  variables:
    DANGJIAN_CACHE_DIR: "$CI_PROJECT_DIR/../.dangjian-cache"
    PIP_CACHE_DIR: "$CI_PROJECT_DIR/.pip-cache"
  cache:
    key: "dangjian-{pin.version}"
    paths:
      - .dangjian-cache/
      - .pip-cache/
  before_script:
    - mkdir -p .dangjian-cache "$DANGJIAN_CACHE_DIR" && cp -R .dangjian-cache/. "$DANGJIAN_CACHE_DIR/"
{install}
  after_script:
    - mkdir -p .dangjian-cache && cp -R "$DANGJIAN_CACHE_DIR/." .dangjian-cache/

台账校验:
  extends: .dangjian
  rules:
    - if: $CI_PIPELINE_SOURCE == "push"
    - if: $CI_PIPELINE_SOURCE == "web"
  script:
    - {TOOL} validate --format gitlab --output {REPORT} || true
    - {TOOL} validate
  artifacts:
    when: always
    reports:
      codequality: {REPORT}

改动校验:
  extends: .dangjian
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    GIT_DEPTH: "0"
  script:
    - {TOOL} validate --since "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format gitlab --output {REPORT} || true
    - {TOOL} validate --since "$CI_MERGE_REQUEST_DIFF_BASE_SHA"
  artifacts:
    when: always
    reports:
      codequality: {REPORT}

月报和汇总:
  extends: .dangjian
  rules:
    - if: $CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - {TOOL} report monthly --all --format md,docx -o 报告/
    - mkdir -p 汇总
    - {TOOL} assess --format json -o "汇总/$CI_PROJECT_NAME.json"
  artifacts:
    paths:
      - 报告/
      - 汇总/
    expire_in: 1 year
"""


def actions_workflow(pin: Pin, github: bool = False) -> str:
    """Gitea/Forgejo Actions (and, on request, GitHub Actions): the same steps."""
    install = "\n".join(f"          {line}" for line in install_lines(pin))
    head = HOSTING_WARNING if github else (
        "# Gitea / Forgejo Actions：校验台账（由 dangjian init 生成；工具版本见 .dangjian/tool.yaml）。\n"
        "# 运行器标签 ubuntu-latest 对应的镜像须有 Python 3.11 或更高版本；内网取不到 actions/checkout 时，\n"
        "# 请管理员把它镜像到本单位的 Gitea/Forgejo 上。\n")
    return f"""\
{head}name: 台账校验
on:
  push:
  pull_request:
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - name: dangjian 的缓存目录（在记录库之外）
        run: echo "DANGJIAN_CACHE_DIR=${{{{ runner.temp }}}}/dangjian-cache" >> "$GITHUB_ENV"
      - uses: actions/cache@v4
        with:
          path: ${{{{ runner.temp }}}}/dangjian-cache
          key: dangjian-{pin.version}
      - name: 安装 dangjian {pin.version}
        run: |
{install}
      - name: 校验整个记录库
        if: github.event_name == 'push'
        run: {TOOL} validate --format github
      - name: 校验合并请求的改动
        if: github.event_name == 'pull_request'
        run: {TOOL} validate --format github --since "${{{{ github.event.pull_request.base.sha }}}}"
"""


HOOK_ID = "dangjian-validate"
HOOK_COMMON = """\
        name: dangjian 台账校验
        always_run: true
        require_serial: true
        stages: [pre-commit, pre-push, manual]"""


def pre_commit_config(pin: Pin, requirements: list[str]) -> str:
    """A `.pre-commit-config.yaml` whose hook installs the pinned tool itself (nothing on PATH).

    git: pre-commit clones the tagged tool and uses its .pre-commit-hooks.yaml. index: a local
    hook that pip-installs `dangjian==X`. wheel: pre-commit installs the tool's dependencies
    (REQUIREMENTS, the wheel's own) and runs the committed wheel from the repository itself,
    since pip inside pre-commit cannot see a path in the repository.
    """
    head = ("# pre-commit 框架的配置（由 dangjian init 生成；工具版本见 .dangjian/tool.yaml）。\n"
            "# 用法：pip install pre-commit 之后在记录库中运行 pre-commit install（装好提交前和推送前两个钩子）。\n"
            "# 提交前校验暂存的台账，推送前和 pre-commit run --all-files 时校验整个记录库。\n")
    if pin.kind == KIND_GIT:
        return f"""\
{head}default_install_hook_types: [pre-commit, pre-push]
repos:
  - repo: '{pin.git_url}'
    rev: '{pin.git_tag}'
    hooks:
      - id: {HOOK_ID}
"""
    if pin.kind == KIND_INDEX:
        deps = [pin.requirement]
        entry = "dangjian hook"
    else:
        deps = requirements
        wheel = pin.requirement
        code = (f"import sys; sys.path.insert(0, '{wheel}'); sys.argv[0] = 'dangjian'; "
                "sys.argv.insert(1, 'hook'); from dangjian.cli import main; main()")
        entry = f'python -c "{code}"'
    quoted_entry = entry.replace("'", "''")
    dep_lines = "\n".join(f"          - '{d}'" for d in deps)
    return f"""\
{head}default_install_hook_types: [pre-commit, pre-push]
repos:
  - repo: local
    hooks:
      - id: {HOOK_ID}
{HOOK_COMMON}
        language: python
        entry: '{quoted_entry}'
        additional_dependencies:
{dep_lines}
"""

"""The structural facts of "one truth per fact", checked mechanically on the source tree.

Each fact is computed in one place: the clock is read in context.py only, the profile
default is named once, there is one period type, one cadence parser, one month_end and one
year-file pattern; the modules form no import cycle (function-level imports included),
the file reader and the loader do not reach the rule registry, and no module global
carries results between calls.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "dangjian"


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


MODULES = _modules()
SOURCES = {name: path.read_text(encoding="utf-8") for name, (path, _) in MODULES.items()}


def _imports(name: str) -> set[str]:
    """The package's modules `name` imports anywhere in its body (function level included)."""
    _path, package = MODULES[name]
    base = name.split(".") if package else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(SOURCES[name])):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            head = ".".join([*base[: len(base) - node.level + 1], node.module or ""]).strip(".") \
                if node.level else node.module or ""
            targets = [head] + [f"{head}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


GRAPH = {name: _imports(name) for name in MODULES}


def _closure(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in GRAPH[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def _where(pattern: str) -> list[str]:
    """Modules whose code (comments and docstrings aside) matches `pattern`."""
    return sorted(name for name in MODULES if re.search(pattern, _code(name)))


def _code(name: str) -> str:
    tree = ast.parse(SOURCES[name])
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            body[0].value.value = ""
    return ast.unparse(tree)


def test_the_graph_sees_function_level_imports() -> None:
    assert "dangjian.rules" in GRAPH["dangjian.engine"]
    assert GRAPH["dangjian.rules"] >= {"dangjian.rules.meetings", "dangjian.rules.registry"}
    assert _closure("dangjian.cli") >= {"dangjian.engine", "dangjian.loader", "dangjian.context"}


def test_no_import_cycles_counting_function_level_imports() -> None:
    assert _cycles() == []


@pytest.mark.parametrize("module", ["dangjian.loader", "dangjian.readfile", "dangjian.layout",
                                    "dangjian.calendar", "dangjian.suppress", "dangjian.street.load"])
def test_reading_files_never_reaches_the_rule_registry(module: str) -> None:
    reached = _closure(module)
    assert not {m for m in reached if m == "dangjian.rules" or m.startswith("dangjian.rules.")}
    assert "dangjian.engine" not in reached


def test_the_clock_is_read_in_one_place() -> None:
    assert _where(r"\btoday\(\)|\.now\(|time\.time\(\)|date\.today") == ["dangjian.context"]


def test_the_profile_default_is_named_once() -> None:
    assert _where(r"DEFAULT_PROFILE\s*=") == ["dangjian.params"]
    # "xz" as a value appears in the profile tables only, not as anyone's fallback
    assert _where(r"""['"]xz['"]""") == ["dangjian.params"]


def test_one_period_type_one_cadence_parser_one_month_end() -> None:
    assert _where(r"class \w*Period\b") == ["dangjian.calendar"]
    assert _where(r"第\(\[一二三四") == ["dangjian.calendar"]  # the named quarters: 第二季度
    assert _where(r"def month_end\b|monthrange") == ["dangjian.calendar"]
    assert _where(r"def parse_month\b.*\n(?:.*\n){0,3}.*re\.") == []  # parse_month wrappers delegate


def test_one_year_file_pattern() -> None:
    assert _where(r"d\{4\}\)?\\\\?\.ya\?ml") == ["dangjian.layout"]


def test_one_parameters_accessor() -> None:
    # profiles.resolve (national table, profile, 参数) is reached only through context.parameters
    assert _where(r"from dangjian\.profiles import [^\n]*\bresolve\b|profiles\.resolve\(") == ["dangjian.context"]
    assert _where(r"def param\(") == ["dangjian.context", "dangjian.engine", "dangjian.figures",
                                        "dangjian.report.common", "dangjian.schedule.plan"]
    for name in ("dangjian.engine", "dangjian.figures", "dangjian.report.common", "dangjian.schedule.plan"):
        body = re.search(r"def param\(.*?\n(?=\S|\n    (?:def|@))", _code(name) + "\n", re.S).group(0)
        assert "default" not in body, name  # no accessor brings defaults of its own


def test_no_module_global_carries_results() -> None:
    assert _where(r"\bLAZY_LOADS\b") == []
    assert _where(r"\bglobal\s+last\b|suppress\.last\b") == []


def test_one_pipeline_with_the_speed_layer_around_it() -> None:
    # engine.py is the plain pipeline only; the cache and the workers live in incremental.py
    assert _where(r"def validate_repository\b") == []
    assert not GRAPH["dangjian.engine"] & {"dangjian.cache", "dangjian.cacheformat", "dangjian.incremental"}
    assert not re.search(r"\bmultiprocessing\b|\bRecording\b|\bdigests?\b", _code("dangjian.engine"))
    assert "dangjian.engine" in GRAPH["dangjian.incremental"]
    # the speed layer computes through the plain pipeline's own functions, not copies of them
    speed = _code("dangjian.incremental")
    for plain in ("engine.run(", "engine.branch_findings(", "engine.repo_findings(", "engine.stamp_problems(",
                  "engine.settle_with("):
        assert plain in speed, plain
    assert not re.search(r"def (rules_on|stamp_problems|settle_with|branch_findings)\b", speed)
    # `validate` reaches the findings through the speed layer only (`--no-cache` included)
    validate = _code("dangjian.commands.validate")
    assert "incremental.validate(" in validate and "engine" not in GRAPH["dangjian.commands.validate"]


# Module-level containers filled from the code itself (type hints, rule definitions): the same
# in every run, never a result about records.
CODE_MEMOS = {("dangjian.schema", "_HINTS_CACHE"), ("dangjian.schema", "_PLANS"), ("dangjian.schema", "_REQUIRED"),
              ("dangjian.rules.registry", "_REGISTRY"),
              ("dangjian.params", "LOCAL_CLAUSES"),  # the profile tables, built at import (params._local)
              ("dangjian.cli", "_app")}  # the typer application, built on first use
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
            "discard", "__setitem__"}
CONTAINERS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


def _module_state(name: str) -> set[str]:
    """Module globals that the module's functions change at runtime: a container bound at
    module level and then filled, emptied or assigned into by a function, or any name rebound
    through `global`. (Statements at module level build tables once, at import.)"""
    tree = ast.parse(SOURCES[name])
    containers = set()
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(value, CONTAINERS) or (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                                             and value.func.id in {"dict", "list", "set", "defaultdict",
                                                                   "OrderedDict", "Counter", "deque"}):
            containers |= {t.id for t in targets if isinstance(t, ast.Name)}
    changed = set()
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
    for node in (inner for f in functions for inner in ast.walk(f)):
        if isinstance(node, ast.Global):
            changed |= set(node.names)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and isinstance(node.value, ast.Name) and node.value.id in containers:
            changed.add(node.value.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in containers \
                and node.func.attr in MUTATORS:
            changed.add(node.func.value.id)
    return changed


def test_no_module_global_is_filled_at_runtime() -> None:
    # results and run context travel as arguments (engine._WORK handed the context to the
    # workers once; incremental.py now gives it to forked processes as their target's arguments)
    state = {(name, var) for name in MODULES for var in _module_state(name)}
    assert state - CODE_MEMOS == set()


def test_the_state_check_sees_a_global_filled_at_runtime() -> None:
    name = "dangjian.probe"
    SOURCES[name] = "_WORK: dict = {}\n\ndef work(ctx):\n    _WORK['ctx'] = ctx\n"
    try:
        assert _module_state(name) == {"_WORK"}
    finally:
        del SOURCES[name]


def test_one_holiday_calendar_construction_site() -> None:
    # every command and rule takes the run context's calendar (RunContext.holidays)
    assert _where(r"\bHolidayCalendar\(") == ["dangjian.context"]
    assert _where(r"def holidays\(") == ["dangjian.context", "dangjian.engine"]
    body = re.search(r"def holidays\(.*?\n(?=\S|\n    (?:def|@))", _code("dangjian.engine") + "\n", re.S).group(0)
    assert "self.run.holidays()" in body  # the rules' context hands on the command's calendar


def test_commands_take_their_facts_from_one_run_context() -> None:
    # the profile, the parameters and the checking day are derived in context.py only (`rules`
    # lists every shipped profile's values: no repository, no run)
    assert _where(r"(?<!def )\bprofile_of\(") == ["dangjian.context"]
    assert _where(r"(?<!def )\bchecking_day\(") == ["dangjian.context"]
    assert _where(r"(?<!def )\bparameters\(") == ["dangjian.commands.rules_cmd", "dangjian.context"]
    # run contexts are built by the commands; the library builds one only for a caller without
    # one (engine.make_context: tests, history views), for each git revision it reads (its own
    # dangjian.yaml) and for a template's trial render (report.check)
    assert _where(r"RunContext\.(?:of|for_repo|read)\(") == sorted([
        "dangjian.commands.assess", "dangjian.commands.config_cmd", "dangjian.commands.dues",
        "dangjian.commands.report", "dangjian.commands.schedule", "dangjian.commands.site",
        "dangjian.commands.tree", "dangjian.commands.validate",
        "dangjian.engine", "dangjian.report.check", "dangjian.street.history"])
    # the clock: read by the context, or once by a command before any repository is loaded
    assert set(_where(r"\bclock\(\)")) <= {"dangjian.context", "dangjian.commands.validate",
                                           "dangjian.commands.assess", "dangjian.commands.init_cmd"}


def test_one_reader_of_the_configuration() -> None:
    # dangjian.yaml is read through context.read_config only (the loader and `dues calc` call it)
    assert _where(r"load_file\([^)]*CONFIG_FILE") == ["dangjian.context"]
    assert "dangjian.context" in GRAPH["dangjian.loader"]

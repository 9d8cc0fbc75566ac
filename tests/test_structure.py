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

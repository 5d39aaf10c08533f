"""The layering contract: data flows one way, text -> diff | materiality -> store | compare ->
records -> workflows -> site -> cli, over the shared ground (errors, change, config, dates,
gitio, limits, replacing). Every import counts: at the top of a module, inside functions, and
for type checking.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kpversion"
LAYERS = (
    ("errors", "change", "config", "dates", "gitio", "limits", "replacing"),
    ("text",),
    ("diff", "materiality"),
    ("store", "compare"),
    ("records",),
    ("workflows",),
    ("site",),
    ("cli",),
)
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}
ONLY_IN_CLI = ("click", "rich")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, name: str) -> Iterator[str]:
    """Every module path path imports, resolved (relative imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "kpversion" else None


def edges() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        graph[name] = {target for target in imports(path, name) if target in known}
        graph[name].discard(name)
    return graph


def test_stages_import_only_the_stages_below_them() -> None:
    wrong = []
    for name, targets in edges().items():
        here = stage(name)
        if here is None:  # kpversion/__init__.py: the public API, lazily re-exported
            continue
        for target in targets:
            there = stage(target)
            if there is None or there == here:
                continue
            if LEVEL[there] >= LEVEL[here] and not (LEVEL[here] == 0 == LEVEL[there]):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_workflows_never_import_each_other() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, targets in edges().items()
        if name.startswith("kpversion.workflows.")
        for target in targets
        if target.startswith("kpversion.workflows.")
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = edges()
    # A package's __init__ re-exporting its modules is not a cycle through them.
    graph = {
        name: {t for t in targets if not name.startswith(f"{t}.")}
        for name, targets in graph.items()
    }
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_click_and_rich_are_imported_only_under_cli() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, path in modules().items()
        if not name.startswith("kpversion.cli")
        for target in imports(path, name)
        if target.split(".")[0] in ONLY_IN_CLI
    ]
    assert wrong == []


def test_help_does_not_import_jinja2() -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kpversion.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('jinja2', 'markdown_it', 'git', 'rapidfuzz')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


MAX_MODULE_LINES = 600
"""One concept per module: a module past this holds several (docs/architecture.md)."""


def test_no_module_is_over_600_lines() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}

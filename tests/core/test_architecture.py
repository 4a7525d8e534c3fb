"""The import contract between core's domain packages, and no import circles in ``ui/``.

Like napari's import-linter contract: the folder names are the architecture, and this test keeps
them true. A core module belongs to the domain package it sits in; ``errors``, ``i18n``, ``paths``
and ``resources`` are the shared basics at the top of ``core/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import echouploader

PKG = Path(echouploader.__file__).parent
CORE = PKG / "core"
BASICS = {"errors", "i18n", "paths", "resources"}

# What each domain may import besides the shared basics. Read it bottom-up: support is the floor,
# privacy and ftps never meet below transfer, and diagnostics sits above everything.
ALLOWED: dict[str, set[str]] = {
    "support": set(),
    "ftps": {"support"},
    "sites": {"support", "ftps"},
    "privacy": {"support"},
    "transfer": {"support", "ftps", "sites", "privacy"},
    "corelab": {"support", "ftps", "sites", "privacy", "transfer"},
    "diagnostics": {"support", "ftps", "sites", "privacy", "transfer", "corelab"},
}


def _imports(source: str, module: str) -> set[str]:
    """Every module named by an import in ``source`` (lazy and TYPE_CHECKING imports included)."""
    names: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            names.add(mod)
            # "from echouploader.core import paths" names the module echouploader.core.paths
            names.update(f"{mod}.{a.name}" for a in node.names)
    return names


def _domain(module: str) -> str | None:
    """``echouploader.core.ftps.session`` → ``ftps``; a basic → ``basic``; else None."""
    parts = module.split(".")
    if parts[:2] != ["echouploader", "core"] or len(parts) < 3:
        return None
    top = parts[2]
    if top in BASICS:
        return "basic"
    return top if top in ALLOWED else None


def contract_violations(source: str, module: str) -> list[str]:
    """The imports in ``source`` (the text of ``module``) that the contract forbids."""
    own = _domain(module)
    if own is None:
        return []
    bad = []
    for imported in sorted(_imports(source, module)):
        if imported.split(".")[0] in ("PySide6", "shiboken6"):
            bad.append(f"{module} imports Qt ({imported})")
            continue
        if imported.startswith("echouploader.") and not imported.startswith("echouploader.core"):
            if imported != "echouploader.__version__":
                bad.append(f"{module} imports {imported}, outside core")
            continue
        theirs = _domain(imported)
        if theirs is None or theirs == "basic" or theirs == own:
            continue
        if own == "basic" or theirs not in ALLOWED[own]:
            bad.append(f"{module} ({own}) imports {imported} ({theirs})")
    return bad


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def test_core_top_holds_only_the_shared_basics() -> None:
    top = {p.stem for p in CORE.glob("*.py")} - {"__init__"}
    assert top == BASICS
    packages = {p.name for p in CORE.iterdir() if (p / "__init__.py").exists()}
    assert packages <= set(ALLOWED), f"a core package the contract does not know: {packages}"


def test_every_core_module_keeps_the_import_contract() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 30
    bad = [v for f in files for v in contract_violations(f.read_text("utf-8"), _module_name(f))]
    assert bad == []


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("echouploader.core.privacy.check", "from echouploader.core.ftps.session import open_host"),
        ("echouploader.core.ftps.quota", "from echouploader.core.privacy import staging"),
        ("echouploader.core.ftps.quota", "    import echouploader.core.privacy.check"),
        ("echouploader.core.support.logs", "from echouploader.core.sites.store import Site"),
        ("echouploader.core.paths", "from echouploader.core.support import logs"),
        ("echouploader.core.transfer.engine", "from echouploader.core.corelab import arrivals"),
        ("echouploader.core.privacy.deidentify.apply", "from ...ftps import session"),
        ("echouploader.core.sites.store", "from echouploader.ui import app"),
        ("echouploader.core.sites.store", "from PySide6.QtCore import QObject"),
    ],
)
def test_a_forbidden_import_is_caught(module: str, line: str) -> None:
    source = "def f():\n" + (line if line.startswith(" ") else "    " + line) + "\n"
    assert contract_violations(source, module) != []


def test_allowed_imports_pass() -> None:
    source = (
        "from echouploader.core import errors, paths\n"
        "from echouploader.core.ftps.session import open_host\n"
        "from echouploader.core.privacy.staging import prepare_exam\n"
        "from . import plan\n"
    )
    assert contract_violations(source, "echouploader.core.transfer.exam_upload") == []


def test_every_module_says_what_it_is() -> None:
    files = sorted(PKG.rglob("*.py"))
    missing = []
    for f in files:
        doc = ast.get_docstring(ast.parse(f.read_text("utf-8")))
        if not doc or not doc.strip():
            missing.append(str(f.relative_to(PKG)))
    assert missing == []


# --- no import circles between ui/ modules ------------------------------------------------------

UI = PKG / "ui"


def ui_import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Which ui module imports which (any import, TYPE_CHECKING and lazy ones included)."""
    graph: dict[str, set[str]] = {}
    for module, source in sources.items():
        names = _imports(source, module)
        graph[module] = {m for m in sources if m != module and m in names}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def _ui_sources() -> dict[str, str]:
    return {_module_name(f): f.read_text("utf-8") for f in sorted(UI.rglob("*.py"))}


def test_no_import_circle_between_ui_modules() -> None:
    sources = _ui_sources()
    assert len(sources) > 15
    assert import_circles(ui_import_graph(sources)) == []


def test_a_type_checking_import_back_to_the_window_is_a_circle() -> None:
    sources = _ui_sources()
    flow = "echouploader.ui.exam_flow"
    sources[flow] += (
        "\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from echouploader.ui.main_window import MainWindow\n"
    )
    circles = import_circles(ui_import_graph(sources))
    assert any(flow in c and "echouploader.ui.main_window" in c for c in circles)


def test_a_relative_import_circle_is_found() -> None:
    sources = {
        "echouploader.ui.a": "from . import b\n",
        "echouploader.ui.b": "def f():\n    from .dialogs import c\n",
        "echouploader.ui.dialogs.c": "from ..a import thing\n",
        "echouploader.ui.d": "from echouploader.ui import a\n",
    }
    assert import_circles(ui_import_graph(sources)) == [
        ["echouploader.ui.a", "echouploader.ui.b", "echouploader.ui.dialogs.c"]
    ]

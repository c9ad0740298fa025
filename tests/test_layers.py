"""The folder list is the architecture: imports only run downward, and nothing imports in a loop.

bcd (the ground) ← ingest ← retrieval ← chat ← eval ← app (the roof: nothing imports it). Every import in the
source is read with `ast`, also those inside functions: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# eval sits beside app under the roof; the `bcd eval` command (app) runs it, so app may import eval, never
# the other way round.
LAYERS = {"bcd": 0, "ingest": 1, "retrieval": 2, "chat": 3, "eval": 4, "app": 5}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_imports(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, module) of every import of a project module in `path`, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own = module_name(path, root).split(".")
    package = own if path.name == "__init__.py" else own[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] in LAYERS]
    return found


def source_files() -> list[Path]:
    return sorted(p for folder in LAYERS for p in (ROOT / folder).rglob("*.py"))


def test_the_source_tree_is_read() -> None:
    modules = {module_name(p) for p in source_files()}
    assert {"bcd.settings", "bcd.vietnamese", "chat.service", "app.cli", "app.api", "eval.runner"} <= modules


def upward_imports(path: Path, root: Path = ROOT) -> list[str]:
    """The imports of `path` that reach its own layer's neighbours or a layer above it."""
    own = module_name(path, root).split(".")[0]
    wrong = []
    for line, name in project_imports(path, root):
        target = name.split(".")[0]
        if target != own and LAYERS[target] >= LAYERS[own] and not any(
                w.startswith(f"{path.relative_to(root)}:{line} ") for w in wrong):
            wrong.append(f"{path.relative_to(root)}:{line} imports {name} ({own} may import only "
                         f"{sorted(f for f, level in LAYERS.items() if level < LAYERS[own])})")
    return wrong


@pytest.mark.parametrize("path", source_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_only_run_downward(path: Path) -> None:
    wrong = upward_imports(path)
    assert not wrong, "\n".join(wrong)


def import_loops(files: list[Path], root: Path = ROOT) -> list[list[str]]:
    """Cycles in the module graph of `files` (each as the modules along it, first repeated last)."""
    modules = {module_name(p, root): p for p in files}

    def resolve(name: str) -> str | None:  # "chat.evidence.analyse" -> "chat.evidence"
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {m: {t for _, n in project_imports(p, root) if (t := resolve(n)) and t != m} for m, p in modules.items()}
    # a package's __init__ is imported with any of its modules: it is not an edge of its own
    graph = {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in graph.items()}
    state: dict[str, int] = {}
    loops: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                loops.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return loops


def test_no_import_loops() -> None:
    loops = import_loops(source_files())
    assert not loops, "import loops:\n" + "\n".join(" -> ".join(loop) for loop in loops)


def test_the_loop_finder_sees_a_lazy_loop(tmp_path: Path) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "a.py").write_text("from eval.b import X\nY = 1\n")
    (tmp_path / "eval" / "b.py").write_text("X = 1\ndef f():\n    from eval.a import Y\n    return Y\n")
    assert import_loops(sorted((tmp_path / "eval").glob("*.py")), tmp_path) == [["eval.a", "eval.b", "eval.a"]]


def test_the_checker_sees_upward_and_relative_imports(tmp_path: Path) -> None:
    """The rule can fail: a lazy upward import and an import between the two roof folders are found."""
    (tmp_path / "bcd").mkdir()
    (tmp_path / "eval").mkdir()
    ground = tmp_path / "bcd" / "probe.py"
    ground.write_text("def f():\n    from chat.service import ChatService\n    return ChatService\n")
    roof = tmp_path / "eval" / "probe.py"
    roof.write_text("import app.api\n")
    assert upward_imports(ground, tmp_path) == [
        "bcd/probe.py:2 imports chat.service (bcd may import only [])"]
    assert upward_imports(roof, tmp_path)[0].startswith("eval/probe.py:1 imports app.api")



def test_no_module_imports_another_modules_private_names() -> None:
    """The page, the Zalo adapters and the API share code through public names (issue 19: the page used to
    import the API's private helper)."""
    offenders = []
    for path in sorted(p for layer in LAYERS for p in (ROOT / layer).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LAYERS:
                offenders += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
    assert not offenders, offenders

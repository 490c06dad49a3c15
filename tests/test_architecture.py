"""The package reads as the pipeline: every import points down the stage order, no cycles.

Stages, in order: base (errors, textutil, schemas, files, safe_names, _version) → ingest → parse →
tables → analysis → quality → reader → views → render → the interfaces (``zone_lib``
itself, export, cli). A module imports only from its own stage and the stages before it.
An import inside a function is allowed only for an optional heavy dependency, with a
``# heavy:`` comment on its line saying so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "zone_lib"

STAGES = [
    {
        "zone_lib.errors",
        "zone_lib.textutil",
        "zone_lib.schemas",
        "zone_lib.files",
        "zone_lib.safe_names",
        "zone_lib._version",
    },
    {"zone_lib.ingest"},
    {"zone_lib.parse"},
    {"zone_lib.tables"},
    {"zone_lib.analysis"},
    {"zone_lib.quality"},
    {"zone_lib.reader"},
    {"zone_lib.views"},
    {"zone_lib.render"},
    {"zone_lib", "zone_lib.export", "zone_lib.cli"},
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> int:
    """The stage index of a zone_lib module (its package's, or its own for base modules)."""
    for name in (module, ".".join(module.split(".")[:2])):
        for k, members in enumerate(STAGES):
            if name in members:
                return k
    raise AssertionError(f"{module} belongs to no stage; add it to STAGES")


def _resolve(node: ast.ImportFrom | ast.Import, module: str) -> list[str]:
    """The zone_lib modules an import statement loads (``from pkg import submodule`` -> the submodule)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "zone_lib"]
    base = node.module or ""
    if node.level:
        pkg = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
        pkg = pkg[: len(pkg) - node.level + 1]
        base = ".".join(pkg + ([base] if base else []))
    if base.split(".")[0] != "zone_lib":
        return []
    out = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.append(sub if sub in MODULES else base)
    return out


def imports_of(module: str) -> list[tuple[int, str, bool, str]]:
    """``(line, imported, in_function, source_line)`` of every import of a module (zone_lib or not)."""
    path = MODULES[module]
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    out: list[tuple[int, str, bool, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import | ast.ImportFrom):
                targets = _resolve(child, module)
                if isinstance(child, ast.Import):
                    others = [a.name for a in child.names if a.name.split(".")[0] != "zone_lib"]
                elif (child.module or "").split(".")[0] != "zone_lib" and not child.level:
                    others = [child.module or ""]
                else:
                    others = []
                for name in targets + others:
                    out.append((child.lineno, name, in_function, lines[child.lineno - 1]))
            if not isinstance(child, ast.If) or not _is_type_checking(child):
                visit(child, inner)

    visit(ast.parse(source), False)
    return out


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def graph() -> dict[str, set[str]]:
    """zone_lib module -> zone_lib modules it imports at module level."""
    return {
        m: {name for _, name, inner, _ in imports_of(m) if not inner and name in MODULES and name != m}
        for m in MODULES
    }


def test_every_module_has_a_stage():
    for module in MODULES:
        stage_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_pipeline(module):
    upward = [
        f"line {line}: {module} (stage {stage_of(module)}) imports {name} (stage {stage_of(name)})"
        for line, name, _, _ in imports_of(module)
        if name in MODULES and stage_of(name) > stage_of(module)
    ]
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_inside_functions_are_heavy_optional_dependencies(module):
    hidden = [
        f"{MODULES[module].name}:{line}: {text.strip()}"
        for line, _, inner, text in imports_of(module)
        if inner and "# heavy:" not in text
    ]
    assert not hidden, "an import inside a function needs a '# heavy: why' comment:\n" + "\n".join(hidden)


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def walk(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(edges[m]):
            if state.get(n) == 1:
                cycles.append(stack[stack.index(n) :] + [n])
            elif n not in state:
                walk(n)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            walk(m)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_a_planted_upward_import_is_caught(tmp_path, monkeypatch):
    planted = PACKAGE / "ingest" / "seeds.py"
    monkeypatch.setitem(MODULES, "zone_lib.ingest.planted", tmp_path / "planted.py")
    (tmp_path / "planted.py").write_text(
        "from zone_lib.tables.matrix import matrix\n\ndef f():\n    import jieba\n"
    )
    found = imports_of("zone_lib.ingest.planted")
    assert [(n, inner) for _, n, inner, _ in found] == [("zone_lib.tables.matrix", False), ("jieba", True)]
    assert stage_of("zone_lib.tables.matrix") > stage_of("zone_lib.ingest.planted")
    assert planted.exists()


def test_the_package_never_writes_the_environment():
    """Seeds and renderer choices travel as arguments; os.environ is only read."""
    import ast
    from pathlib import Path

    import zone_lib

    root = Path(zone_lib.__file__).resolve().parent
    writes = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = None
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                target = next((t for t in targets if isinstance(t, ast.Subscript)), None)
                target = target.value if target is not None else None
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in {"update", "pop", "setdefault", "clear"}:
                    target = node.func.value
            if isinstance(target, ast.Attribute) and target.attr == "environ":
                writes.append(f"{path.relative_to(root)}:{node.lineno}")
    assert writes == []

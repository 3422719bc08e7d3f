"""The house rules of the package layout (docs/architecture.md): lower layers never import higher ones, screens
never reach for the navigator or the loop, content and motion never touch pygame, and no module imports itself
back through others. Every import counts, including those inside functions and under TYPE_CHECKING."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kiosk"

# What each subpackage may import from the kiosk (besides itself and the package root `kiosk`).
ALLOWED: dict[str, set[str]] = {
    "content": set(),
    "motion": {"content"},
    "interactions": {"content", "motion"},
    "voice": {"content"},
    "draw": {"content", "motion"},
    "handouts": {"content", "motion", "draw"},
    "appliance": {"content", "motion", "draw"},
    "app": {"content", "motion", "interactions", "voice", "draw", "appliance"},
    "console": {"content", "motion", "draw", "handouts", "appliance", "voice"},
    "tools": {"*"},
    "commands": {"*"},
    "cli": {"*"},
    "__main__": {"*"},
}
NO_PYGAME = {"content", "motion", "interactions"}
SCREENS_MAY_NOT = {"kiosk.app.navigator", "kiosk.app.loop"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module this file imports, as absolute names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            # `from kiosk.draw import render` imports the module kiosk.draw.render
            found.update(f"{name}.{alias.name}" for alias in node.names if _is_module(f"{name}.{alias.name}"))
    return found


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_problems(module: str, imported: set[str]) -> list[str]:
    """Why `module`'s imports break the rules (empty when they keep them)."""
    layer = layer_of(module)
    allowed = ALLOWED.get(layer)
    problems = []
    if allowed is None:
        return [f"{module}: kiosk/{layer} is not a known layer; add it to docs/architecture.md and ALLOWED"]
    for name in sorted(imported):
        if layer in NO_PYGAME and name.split(".")[0] == "pygame":
            problems.append(f"{module} imports {name}: {layer} must stay free of pygame")
        if not name.startswith("kiosk.") or "*" in allowed:
            continue
        other = layer_of(name)
        if other and other != layer and other not in allowed:
            problems.append(f"{module} imports {name}: {layer} may import only {sorted(allowed) or 'nothing'}")
        if module.startswith("kiosk.app.screens") and any(name == n or name.startswith(n + ".")
                                                          for n in SCREENS_MAY_NOT):
            problems.append(f"{module} imports {name}: a screen reaches the navigator through its context")
    return problems


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle in the graph, as a path that starts and ends at the same module; [] if none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def package_graph() -> dict[str, set[str]]:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        # A module importing its own package's __init__ is not a circle of modules.
        graph[name] = {m for m in imports_of(path) if m.startswith("kiosk.") and m != name}
    return graph


def test_no_layer_imports_a_higher_one() -> None:
    # Given every module of the package
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if name == "kiosk":
            continue
        # When its imports are held to its layer's rule
        problems += layer_problems(name, imports_of(path))
    # Then none breaks it
    assert problems == []


def test_there_is_no_import_circle() -> None:
    # Given the import graph of the whole package
    graph = package_graph()
    # When it is searched for a circle / Then there is none
    assert find_cycle(graph) == []


def test_the_rule_catches_a_reversed_import() -> None:
    # Given the content layer importing the renderer (a higher layer)
    # When the rule looks at it / Then it is reported
    assert layer_problems("kiosk.content.library", {"kiosk.draw.render"})


def test_the_rule_catches_pygame_in_motion() -> None:
    assert layer_problems("kiosk.motion.player", {"pygame"})


def test_the_rule_catches_a_screen_importing_the_navigator() -> None:
    assert layer_problems("kiosk.app.screens.scene", {"kiosk.app.navigator"})


def test_the_circle_search_finds_a_circle() -> None:
    # Given a -> b -> c -> a
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    # Then the circle is found
    assert find_cycle(graph) == ["a", "b", "c", "a"]


def test_every_subpackage_says_its_job_and_what_it_may_import() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent == PACKAGE:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import" in doc, f"{init.relative_to(ROOT)} needs a docstring with its job and 'May import:'"


def test_no_product_module_is_long_without_a_reason() -> None:
    # Tools (bench, monkey) are not the product; a product module over 400 lines says why at its top.
    long = []
    for path in PACKAGE.rglob("*.py"):
        if layer_of(module_name(path)) == "tools":
            continue
        text = path.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if text.count("\n") > 400 and "Longer than" not in doc:
            long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
    assert long == []

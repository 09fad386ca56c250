"""A name defined twice in one class or module: the later definition silently replaces
the earlier one, and the first becomes dead code that its callers no longer reach."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

PACKAGES = ("app", "graph", "ingest", "entente", "bench")


def _redefined(tree: ast.AST) -> list[str]:
    found = []
    for scope in ast.walk(tree):
        body = getattr(scope, "body", None)
        if not isinstance(body, list):
            continue
        seen: dict[str, int] = {}
        for node in body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            # A property's setter or an overload reuses the name on purpose.
            if any(isinstance(d, ast.Attribute) or getattr(d, "id", "") == "overload"
                   for d in getattr(node, "decorator_list", [])):
                continue
            if node.name in seen:
                found.append(f"{node.name} (lines {seen[node.name]} and {node.lineno})")
            seen[node.name] = node.lineno
    return found


def test_a_redefinition_is_found() -> None:
    src = "class A:\n    def f(self): ...\n    def g(self): ...\n    def f(self): ...\n"
    assert _redefined(ast.parse(src)) == ["f (lines 2 and 4)"]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_name_is_defined_twice_in_one_scope(package: str) -> None:
    root = REPO / package
    if not root.exists():
        pytest.skip(f"no {package}/")
    problems = [f"{p.relative_to(REPO)}: {name}" for p in sorted(root.rglob("*.py"))
                for name in _redefined(ast.parse(p.read_text(encoding="utf-8")))]
    assert not problems, problems

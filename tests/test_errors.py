"""Every error a user can trigger is a ZoneError subclass defined in zone_lib/errors.py."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import zone_lib
from zone_lib import errors

PACKAGE = Path(zone_lib.__file__).resolve().parent
#: Raised only inside a module and caught there (never reaches a user): module → exception names.
INTERNAL = {
    "textutil.py": {"ValueError"},  # chinese_numeral: callers catch it while probing a heading
    "analysis/jieba_dict.py": {"ValueError"},  # a stale or damaged index: caught, the index is rebuilt
}


def test_no_exception_class_outside_errors_py():
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                assert not any(b.endswith(("Error", "Exception")) for b in bases), (
                    f"{path.relative_to(PACKAGE)}: exception {node.name} belongs in errors.py"
                )


def test_only_zone_errors_are_raised():
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
                if name in {
                    "ValueError",
                    "TypeError",
                    "LookupError",
                    "KeyError",
                    "RuntimeError",
                    "Exception",
                }:
                    assert name in INTERNAL.get(rel, set()), (
                        f"{rel}:{node.lineno}: raise {name}; use a ZoneError"
                    )


def test_every_error_class_is_a_zone_error():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, BaseException)]
    assert len(classes) >= 15
    assert all(issubclass(c, errors.ZoneError) for c in classes)


def test_user_mistakes_raise_zone_errors():
    with pytest.raises(zone_lib.ZoneError, match="by"):
        zone_lib.keywords(by="month")
    with pytest.raises(zone_lib.ZoneError, match="top"):
        zone_lib.keywords(top=0)
    with pytest.raises(zone_lib.ZoneError, match="takes a path, bytes or text"):
        zone_lib.read_document(42)

"""Each rule is written once, in every app: a rule's denial reason beside it in the app's
permissions.py and nowhere else, no view or service writing a refusal of its own, the allowed status
changes written with the Status members, and each API endpoint's schema declared, not patched on."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django.conf import settings
from django.db import models

from dcfp.permissions import Rule

ROOT = Path(settings.BASE_DIR)

# The apps these checks cover. rapid_reviews joins this list once its denial reasons stand beside its rules
# and its transitions are written with Status members.
APPS = ["notifications", "rapid_reviews", "walkabouts", "thresholds"]


def _sources(package: str) -> dict[Path, str]:
    return {path: path.read_text() for path in sorted((ROOT / package).rglob("*.py")) if "migrations" not in path.parts}


def _rules(app: str) -> dict[str, Rule]:
    module = importlib.import_module(f"{app}.permissions")
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, Rule) and value.__module__ == module.__name__
    }


def _strings(text: str) -> list[str]:
    """Every string literal in a module's code, leaving out docstrings."""
    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


@pytest.mark.parametrize("app", APPS)
def test_every_rule_carries_a_denial_reason_that_is_a_sentence(app):
    rules = _rules(app)
    assert rules, f"{app}.permissions declares no rules"
    unfinished = [name for name, rule in rules.items() if not rule.denial.strip().endswith(".")]
    assert unfinished == []


@pytest.mark.parametrize("app", APPS)
def test_each_denial_reason_is_written_once_in_the_apps_permissions_py(app):
    strings = {path: _strings(text) for path, text in {**_sources(app), **_sources("dcfp")}.items()}
    for name, rule in _rules(app).items():
        places = [path.relative_to(ROOT) for path, found in strings.items() for text in found if rule.denial in text]
        assert places == [Path(f"{app}/permissions.py")], name


@pytest.mark.parametrize("app", APPS)
def test_no_view_or_service_writes_a_refusal_of_its_own(app):
    written = []
    for path, text in _sources(app).items():
        if path.name == "permissions.py":
            continue
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and getattr(node.exc.func, "id", getattr(node.exc.func, "attr", "")) == "PermissionDenied"
                and any(isinstance(arg, ast.Constant | ast.JoinedStr) for arg in node.exc.args)
            ):
                written.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert written == []


def _models_with_transitions(app: str) -> list[type[models.Model]]:
    module = importlib.import_module(f"{app}.models")
    return [
        model
        for _, model in inspect.getmembers(module, inspect.isclass)
        # An app's models are its models module, or the modules of its models package.
        if issubclass(model, models.Model)
        and (model.__module__ == module.__name__ or model.__module__.startswith(f"{module.__name__}."))
        and "TRANSITIONS" in vars(model)
    ]


@pytest.mark.parametrize("app", APPS)
def test_transitions_are_written_with_status_members(app):
    found = _models_with_transitions(app)
    assert found, f"{app}.models declares no TRANSITIONS"
    for model in found:
        status = model.Status  # type: ignore[attr-defined]
        assert set(model.TRANSITIONS) == set(status), model.__name__  # type: ignore[attr-defined]
        for state, onward in model.TRANSITIONS.items():  # type: ignore[attr-defined]
            assert isinstance(state, status), f"{model.__name__}: {state!r}"
            assert all(isinstance(target, status) for target in onward), f"{model.__name__}: {state}"
        open_statuses = getattr(model, "OPEN_STATUSES", None)
        if open_statuses is not None:
            assert set(open_statuses) == {s for s, onward in model.TRANSITIONS.items() if onward}  # type: ignore[attr-defined]


def _patches_in_a_loop(text: str) -> list[int]:
    """Lines of loops that set attributes on classes or wrap them in a schema afterwards."""
    lines = []
    for loop in (node for node in ast.walk(ast.parse(text)) if isinstance(node, ast.For | ast.While)):
        for node in ast.walk(loop):
            if isinstance(node, ast.Call):
                called = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if called in ("setattr", "extend_schema", "extend_schema_view"):
                    lines.append(node.lineno)
            elif isinstance(node, ast.Name) and node.id == "_schema":
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("app", APPS)
def test_no_api_schema_is_patched_onto_classes_in_a_loop(app):
    patched = {
        str(path.relative_to(ROOT)): lines
        for path, text in _sources(app).items()
        if "api" in path.relative_to(ROOT).parts and (lines := _patches_in_a_loop(text))
    }
    assert patched == {}

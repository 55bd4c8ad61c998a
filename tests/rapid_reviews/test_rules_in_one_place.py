"""Each rapid review rule is written once: its denial reason beside it in rapid_reviews/permissions.py,
and no view or service writing a reason of its own."""

import ast
from pathlib import Path

from django.conf import settings

from dcfp.permissions import Rule
from rapid_reviews import permissions

ROOT = Path(settings.BASE_DIR)


def _sources() -> dict[Path, str]:
    return {
        path: path.read_text()
        for path in sorted((ROOT / "rapid_reviews").rglob("*.py"))
        if "migrations" not in path.parts
    }


def _rules() -> dict[str, Rule]:
    return {
        name: value
        for name, value in vars(permissions).items()
        if isinstance(value, Rule) and value.__module__ == permissions.__name__
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


def test_every_rule_a_view_or_service_enforces_carries_its_own_denial_reason():
    assert set(_rules()) >= {
        "can_start_review",
        "can_add_agency",
        "can_edit_report",
        "can_record_outcome",
        "can_send_for_sign_off",
        "can_endorse",
        "can_record_sent",
        "can_record_panel_reply",
        "can_write_summary",
        "can_return_summary",
        "can_commission_local_review",
        "can_appoint_reviewer",
        "can_set_terms",
        "can_add_milestone",
        "can_request_extension",
        "can_decide_extension",
        "can_write_to_reviewer",
        "can_reply_to_request",
        "can_record_local_sent",
        "can_record_publication",
        "can_record_not_publishing",
        "can_add_recommendation",
        "can_add_actions",
        "can_update_action",
    }
    assert all(rule.denial.endswith(".") for rule in _rules().values())


def test_each_denial_reason_is_written_once_in_permissions_py():
    strings = {path: _strings(text) for path, text in _sources().items()}
    for name, rule in _rules().items():
        places = [path.relative_to(ROOT) for path, found in strings.items() for text in found if rule.denial in text]
        assert places == [Path("rapid_reviews/permissions.py")], name


def test_no_view_or_service_writes_a_denial_reason_of_its_own():
    written = []
    for path, text in _sources().items():
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

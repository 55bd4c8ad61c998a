"""The core every app copies is type-checked strictly: scripts/test runs mypy with these settings."""

import tomllib
from pathlib import Path

from django.conf import settings

STRICT_MODULES = {
    "dcfp.deadlines",
    "dcfp.permissions",
    "dcfp.audit",
    "dcfp.audit.*",
    "notifications.services",
    "notifications.permissions",
    "notifications.selectors",
    "thresholds.permissions",
    "thresholds.selectors",
    "thresholds.services",
    "thresholds.services.*",
}
STRICT_FLAGS = {
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "disallow_untyped_calls",
    "disallow_any_generics",
    "check_untyped_defs",
    "warn_return_any",
    "no_implicit_reexport",
    "strict_equality",
}


def test_the_core_modules_are_checked_with_mypys_strict_flags():
    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["tool"]["mypy"]
    strict = {
        module
        for override in config.get("overrides", [])
        if all(override.get(flag) is True for flag in STRICT_FLAGS)
        for module in override["module"]
    }
    assert strict >= STRICT_MODULES


def test_scripts_test_runs_mypy_over_the_project():
    script = (Path(settings.BASE_DIR) / "scripts" / "test").read_text()
    assert 'check "mypy" mypy .' in script

"""The matrix's own machinery: expectations, matching entries to routes, and the walk over URLs."""

import pytest

from tests.authz.matrix import ANONYMOUS, WHO, Entry, entries_for, expect, route_keys


def test_expect_names_everyone_and_applies_overrides():
    statuses = expect(404, anonymous=302, qa_chair=200)
    assert set(statuses) == set(WHO)
    assert (statuses[ANONYMOUS], statuses["qa_chair"], statuses["other_agency"]) == (302, 200, 404)


def test_expect_refuses_a_persona_that_does_not_exist():
    with pytest.raises(ValueError, match="qa_chiar"):
        expect(404, qa_chiar=200)


def test_an_exact_entry_wins_over_a_family_entry():
    family = Entry(r"admin:dcfp_\w+_changelist", regex=True, expect=expect(302))
    exact = Entry("admin:dcfp_user_changelist", expect=expect(302, admin_user=200))
    assert entries_for("admin:dcfp_user_changelist", [family, exact]) == [exact]
    assert entries_for("admin:dcfp_area_changelist", [family, exact]) == [family]
    assert entries_for("admin:dcfp_area_change", [family, exact]) == []


def test_the_walk_finds_named_namespaced_and_unnamed_routes():
    keys = route_keys()
    assert "dashboard" in keys
    assert "audit:record_trail" in keys
    assert "admin:dcfp_user_change" in keys
    assert "admin/dcfp/user/<path:object_id>/" in keys  # unnamed: keyed by its full pattern

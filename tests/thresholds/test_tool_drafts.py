"""The QA Group maintains the levels-of-need tool: a draft copied from the current version, its levels'
wording, domains, indicators and strengths changed, then published with an effective date, retiring the
old one. A version in use never changes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp.audit.models import AuditEvent
from tests.thresholds.conftest import indicator
from thresholds import services
from thresholds.models import Indicator, ToolVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(tool, qa_member) -> ToolVersion:
    return services.tool_version_create(actor=qa_member, data=services.copy_input(tool, new_version="2.0"))


def test_the_qa_group_rewords_a_draft_and_publishes_it_retiring_the_old_version(
    sign_in, qa_member, tool, draft, make_decision
):
    used = make_decision()
    client = sign_in(qa_member)
    response = client.post(
        reverse("thresholds:tool_version_edit", args=[draft.pk]),
        {"name": "Levels of need 2027", "introduction": "Rewritten with families.", "level_2": "A little extra help."},
    )
    assert response.status_code == 302
    domain = draft.domains.get(name="Development")
    client.post(reverse("thresholds:tool_domain_edit", args=[draft.pk, domain.pk]), {"name": "Health and growth"})
    client.post(reverse("thresholds:tool_domain_add", args=[draft.pk]), {"name": "School", "description": "Learning"})
    school = draft.domains.get(name="School")
    sign = Indicator.objects.get(domain__version=draft, wording="Going missing")
    client.post(
        reverse("thresholds:tool_indicator_edit", args=[draft.pk, sign.pk]),
        {"domain": school.pk, "level": "4", "wording": "Missing often", "plain_wording": "Often missing"},
    )
    strength = draft.strengths.get()
    client.post(reverse("thresholds:tool_strength_edit", args=[draft.pk, strength.pk]), {"remove": "1"})
    client.post(
        reverse("thresholds:tool_strength_add", args=[draft.pk]),
        {"wording": "Attends school", "plain_wording": "Goes to school"},
    )
    page = client.get(reverse("thresholds:tool_version", args=[draft.pk])).content.decode()
    assert "Health and growth" in page and "A little extra help." in page and "Goes to school" in page

    response = client.post(
        reverse("thresholds:tool_version_publish", args=[draft.pk]),
        {
            "publish-effective_from_day": "1",
            "publish-effective_from_month": "12",
            "publish-effective_from_year": "2026",
        },
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    draft.refresh_from_db()
    assert (draft.status, draft.effective_from) == (ToolVersion.Status.CURRENT, date(2026, 12, 1))
    assert (tool.status, tool.effective_to) == (ToolVersion.Status.RETIRED, date(2026, 11, 30))
    # The old version, and the decision made with it, are as they were.
    assert indicator(tool, "Going missing").level == 3
    assert used.tool_version_id == tool.pk and list(tool.strengths.values_list("wording", flat=True)) == [
        "Trusted adult"
    ]
    # The public page reads the new wording.
    public = Client().get(reverse("levels_of_need")).content.decode()
    assert "A little extra help." in public and "Often missing" in public and "Goes to school" in public
    changes = set(AuditEvent.objects.filter(action__startswith="thresholds.tool.").values_list("action", flat=True))
    assert {
        "thresholds.tool.update",
        "thresholds.tool.domain_update",
        "thresholds.tool.domain_add",
        "thresholds.tool.indicator_update",
        "thresholds.tool.strength_remove",
        "thresholds.tool.strength_add",
        "thresholds.tool.publish",
        "thresholds.tool.retire",
    } <= changes


def test_a_published_version_never_changes(tool, qa_member):
    sign = indicator(tool, "Going missing")
    with pytest.raises(PermissionDenied, match="a published version never changes"):
        services.tool_indicator_update(
            indicator=sign, actor=qa_member, data=services.IndicatorInput(4, "Changed", "Changed")
        )
    with pytest.raises(PermissionDenied):
        services.tool_domain_add(version=tool, actor=qa_member, name="New")
    with pytest.raises(PermissionDenied):
        services.tool_version_update(version=tool, actor=qa_member, name="New", introduction="", level_meanings={})
    assert indicator(tool, "Going missing").level == 3


def test_the_change_page_of_a_published_version_is_refused_with_403(sign_in, qa_member, tool):
    client = sign_in(qa_member)
    response = client.post(reverse("thresholds:tool_version_edit", args=[tool.pk]), {"name": "Changed"})
    assert response.status_code == 403
    tool.refresh_from_db()
    assert tool.name == "Levels of need"


def test_only_the_qa_group_changes_a_draft(draft, practitioner):
    with pytest.raises(PermissionDenied, match="Only the QA Group changes a draft"):
        services.tool_strength_add(version=draft, actor=practitioner, wording="W", plain_wording="P")
    with pytest.raises(PermissionDenied, match="Only the QA Group publishes"):
        services.tool_version_publish(version=draft, actor=practitioner, effective_from=date(2026, 12, 1))


def test_an_indicator_needs_both_wordings_and_a_domain_of_its_own_version(draft, tool, qa_member):
    domain = draft.domains.first()
    with pytest.raises(ValidationError) as error:
        services.tool_indicator_add(
            version=draft, actor=qa_member, domain=domain, data=services.IndicatorInput(2, "Seen", " ")
        )
    assert "wording" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.tool_indicator_add(
            version=draft, actor=qa_member, domain=tool.domains.first(), data=services.IndicatorInput(2, "S", "S")
        )
    assert "domain" in error.value.message_dict


def test_a_form_with_errors_keeps_what_was_typed(sign_in, qa_member, draft):
    client = sign_in(qa_member)
    response = client.post(
        reverse("thresholds:tool_strength_add", args=[draft.pk]), {"wording": "Kept wording", "plain_wording": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kept wording" in html and "There is a problem" in html


def test_an_item_of_another_version_is_404(sign_in, qa_member, draft, tool):
    client = sign_in(qa_member)
    other = indicator(tool, "Going missing")
    assert client.get(reverse("thresholds:tool_indicator_edit", args=[draft.pk, other.pk])).status_code == 404


def test_the_other_agency_cannot_see_or_change_a_draft_and_an_administrator_gets_404(
    sign_in, other_agency, admin_user, draft
):
    client = sign_in(other_agency)
    assert client.get(reverse("thresholds:tool_version_edit", args=[draft.pk])).status_code == 403
    assert (
        client.put(
            reverse("api:threshold-tool-version-detail", args=[draft.pk]),
            {"name": "X"},
            content_type="application/json",
        ).status_code
        == 403
    )
    client = sign_in(admin_user)
    assert client.get(reverse("thresholds:tool_version_edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("api:threshold-tool-version-detail", args=[draft.pk])).status_code == 404


def test_the_api_drafts_replaces_and_publishes_a_version(sign_in, qa_member, tool):
    client = sign_in(qa_member)
    created = client.post(
        reverse("api:threshold-tool-version-list"), {"version": "3.0"}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "draft" and [d["name"] for d in body["domains"]] == ["Development", "Outside the family"]
    pk = body["id"]
    replaced = client.put(
        reverse("api:threshold-tool-version-detail", args=[pk]),
        {
            "name": "Levels of need 3",
            "levels": [{"level": 4, "meaning": "Social care helps."}],
            "domains": [
                {
                    "name": "Safety",
                    "indicators": [
                        {
                            "level": 4,
                            "wording": "Exploited",
                            "plain_wording": "Used by others",
                            "contextual_safeguarding": True,
                        }
                    ],
                }
            ],
            "strengths": [{"wording": "Friends", "plain_wording": "Has friends"}],
        },
        content_type="application/json",
    )
    assert replaced.status_code == 200, replaced.json()
    body = replaced.json()
    assert body["levels"][3] == {"level": 4, "name": "Specialist", "meaning": "Social care helps."}
    assert body["domains"][0]["indicators"][0]["contextual_safeguarding"] is True
    published = client.post(
        reverse("api:threshold-tool-version-publish", args=[pk]),
        {"effective_from": "2026-12-01"},
        content_type="application/json",
    )
    assert published.status_code == 200 and published.json()["status"] == "current"
    again = client.put(
        reverse("api:threshold-tool-version-detail", args=[pk]), {"name": "Changed"}, content_type="application/json"
    )
    assert again.status_code == 403
    versions = client.get(reverse("api:threshold-tool-version-list")).json()
    assert {(v["version"], v["status"]) for v in versions} == {("1.0", "retired"), ("3.0", "current")}


def test_the_version_page_and_the_versions_list_stay_flat_as_the_tool_grows(sign_in, qa_member, draft):
    client = sign_in(qa_member)

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = [
        reverse("thresholds:tool_version", args=[draft.pk]),
        reverse("api:threshold-tool-version-detail", args=[draft.pk]),
        reverse("api:threshold-tool-version-list"),
        reverse("thresholds:tool_versions"),
    ]
    few = [count(url) for url in urls]
    for n in range(10):
        domain = services.tool_domain_add(version=draft, actor=qa_member, name=f"Domain {n}")
        services.tool_indicator_add(
            version=draft, actor=qa_member, domain=domain, data=services.IndicatorInput(2, f"Sign {n}", f"Sign {n}")
        )
        services.tool_strength_add(version=draft, actor=qa_member, wording=f"S {n}", plain_wording=f"S {n}")
    for n in range(3):
        services.tool_version_create(actor=qa_member, data=services.copy_input(draft, new_version=f"4.{n}"))
    assert [count(url) for url in urls] == few

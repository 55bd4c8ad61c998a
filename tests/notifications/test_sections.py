"""A draft incident's question pages: each part on its own page, saved by Continue, which goes on to
the next part; check your answers shows each part with a link to change it. Nothing typed is lost,
two people's changes conflict rather than overwrite, and nobody but the CSPRG sees the pages."""

import re

import pytest
from django.urls import reverse

from dcfp.accounts.models import Draft
from dcfp.audit.models import AuditEvent
from dcfp.models import Area
from notifications import services
from notifications.forms import SECTIONS
from notifications.models import RATIONALE_MAX, SUMMARY_MAX, Incident
from tests.conftest import assert_not_found
from tests.notifications.conftest import incident_input
from tests.notifications.test_views import split_dates

pytestmark = pytest.mark.django_db

ORDER = ["when", "what-happened", "where", "agencies-and-summary", "children", "outcome"]


def url(part: str, incident) -> str:
    return reverse(f"notifications:edit_{part.replace('-', '_')}", args=[incident.pk])


def answers(part: str, incident, **overrides) -> dict:
    """What a person posts on one question page of the fixtures' draft, as the page shows it."""
    devon = incident.area or Area.objects.get(code="devon")  # a draft just begun has no area yet
    parts: dict[str, dict] = {
        "when": {"occurred_on": "2026-11-02", "occurred_time": "", "aware_on": "2026-11-03"},
        "what-happened": {
            "nature": "serious_harm",
            "abuse_or_neglect": "suspected",
            "categories": ["physical"],
            "themes": ["domestic_abuse"],
            "theme_other": "",
        },
        "where": {"area": str(devon.pk)},
        "agencies-and-summary": {"summary": "A baby was admitted with unexplained fractures."},
        "children": {
            "children-TOTAL_FORMS": "1",
            "children-INITIAL_FORMS": "0",
            "children-0-name": "Child A",
            "children-0-date_of_birth": "2026-05-01",
            "children-0-sex": "female",
            "children-0-disability": "no",
            "children-0-legal_status": "child_in_need",
        },
        "outcome": {"outcome_recommended": "notifiable", "not_notifiable_rationale": ""},
    }
    data = {**parts[part], "version": str(incident.version), "save": "1", **overrides}
    return split_dates(data)


def test_the_question_pages_are_the_six_parts_in_order():
    assert [s.slug for s in SECTIONS] == ORDER


def test_each_page_asks_only_its_own_part(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    when = client.get(url("when", incident)).content.decode()
    assert '<h1 class="govuk-heading-l" id="when" tabindex="-1">When it happened</h1>' in when
    assert 'name="aware_on_day"' in when and 'name="summary"' not in when and 'name="nature"' not in when
    children = client.get(url("children", incident)).content.decode()
    assert 'value="Child A"' in children and 'name="aware_on_day"' not in children
    assert "Add another child" in children


def test_continue_saves_each_part_and_goes_to_the_next_then_to_check_your_answers(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    changes = {
        "when": {"occurred_time": "14:30"},
        "what-happened": {"themes": ["domestic_abuse", "other"], "theme_other": "Fabricated illness"},
        "where": {},
        "agencies-and-summary": {"summary": "Changed on its own page."},
        "children": {"children-0-name": "Child B"},
        "outcome": {"outcome_recommended": "not_notifiable", "not_notifiable_rationale": "No abuse suspected now."},
    }
    for index, part in enumerate(ORDER):
        incident.refresh_from_db()
        response = client.post(url(part, incident), answers(part, incident, **changes[part]))
        following = url(ORDER[index + 1], incident) if index + 1 < len(ORDER) else None
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == (following or reverse("notifications:check", args=[incident.pk]))
    incident.refresh_from_db()
    assert f"{incident.occurred_time:%H:%M}" == "14:30"
    assert incident.theme_other == "Fabricated illness"
    assert incident.summary == "Changed on its own page."
    assert [c.name for c in incident.children.all()] == ["Child B"]
    assert incident.outcome_recommended == Incident.Outcome.NOT_NOTIFIABLE
    assert incident.version == 1 + len(ORDER)
    assert AuditEvent.objects.filter(action="notifications.incident.update", actor=csprg).count() == len(ORDER)


def test_a_page_saves_its_own_part_and_keeps_the_rest_of_the_draft(sign_in, csprg, devon, make_incident):
    from dcfp.models import Organisation

    agencies = list(Organisation.objects.all()[:2])
    incident = make_incident(agencies_involved=agencies)
    response = sign_in(csprg).post(url("when", incident), answers("when", incident, aware_on="2026-11-04"))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.aware_on.isoformat() == "2026-11-04"
    assert incident.summary == incident_input(devon).fields["summary"]
    assert set(incident.agencies_involved.all()) == set(agencies)
    child = incident.children.get()
    assert (child.name, child.local_identifier, child.ethnicity) == ("Child A", "LA-001", "White British")


def test_a_change_from_check_your_answers_continues_back_to_it(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    page = client.get(url("where", incident), {"from": "check"}).content.decode()
    assert 'name="from" value="check"' in page
    assert f'href="{reverse("notifications:check", args=[incident.pk])}" class="govuk-back-link"' in page
    response = client.post(url("where", incident), answers("where", incident, **{"from": "check"}))
    assert response["Location"] == reverse("notifications:check", args=[incident.pk])


def test_check_your_answers_shows_each_part_with_a_change_link_naming_it(sign_in, csprg, make_incident):
    incident = make_incident()
    html = sign_in(csprg).get(reverse("notifications:check", args=[incident.pk])).content.decode()
    for section in SECTIONS:
        card = re.search(rf'<div class="govuk-summary-card" id="check-{section.slug}">(.*?)</dl>\s*</div>', html, re.S)
        assert card, section.slug
        assert f'<h2 class="govuk-summary-card__title">{section.title}</h2>' in card.group(1)
        link = f'href="{url(section.slug, incident)}?from=check">Change<span class="govuk-visually-hidden"> '
        assert f"{link}{section.title.lower()}</span></a>" in card.group(1)
    assert "Child 1: Child A" in html
    assert "There is a problem" not in html and "Before you ask for agreement" not in html


def test_a_page_with_a_mistake_keeps_what_was_typed_and_saves_nothing(sign_in, csprg, make_incident):
    incident = make_incident()
    response = sign_in(csprg).post(
        url("when", incident), answers("when", incident, occurred_on="2026-11-05", occurred_time="09:15")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Date the authority became aware must be the same as or after the date of incident" in html
    assert 'value="09:15"' in html
    assert 'id="id_occurred_on_day" name="occurred_on_day" type="text" inputmode="numeric" value="5"' in html
    incident.refresh_from_db()
    assert incident.occurred_on.isoformat() == "2026-11-02" and incident.version == 1


def test_two_people_changing_one_part_get_a_conflict_and_keep_what_they_typed(sign_in, csprg, devon, make_incident):
    incident = make_incident()
    services.incident_update_draft(
        incident=incident, actor=csprg, version=1, data=incident_input(devon, summary="Saved first.")
    )
    client = sign_in(csprg)
    typed = answers("agencies-and-summary", incident, summary="Typed second.", version="1")
    response = client.post(url("agencies-and-summary", incident), typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Someone else changed this incident while you were editing it" in html
    assert "Typed second." in html and 'name="version" value="2"' in html
    incident.refresh_from_db()
    assert incident.summary == "Saved first."
    # Continuing again, from the version now shown, is the choice to replace their change.
    again = client.post(url("agencies-and-summary", incident), {**typed, "version": "2"})
    assert again.status_code == 302
    incident.refresh_from_db()
    assert incident.summary == "Typed second."


def test_what_was_typed_on_a_page_before_a_timeout_is_put_back_on_it(sign_in, csprg, make_incident):
    incident = make_incident()
    data = answers("children", incident, **{"children-TOTAL_FORMS": "2", "children-1-name": "Ben Example"})
    Draft.objects.create(
        user=csprg,
        path=url("children", incident),
        data={k: v if isinstance(v, list) else [v] for k, v in data.items()},
    )
    html = sign_in(csprg).get(url("children", incident)).content.decode()
    assert 'value="Child A"' in html and 'value="Ben Example"' in html
    assert "We put back what you had typed" in html
    assert "There is a problem" not in html
    assert not Draft.objects.exists()


def test_a_death_and_the_child_who_died_can_be_changed_one_page_after_the_other(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    response = client.post(url("what-happened", incident), answers("what-happened", incident, nature="death"))
    assert response.status_code == 302
    check = reverse("notifications:check", args=[incident.pk])
    html = client.get(check).content.decode()
    assert "Before you ask for agreement" in html
    assert f'<a href="{url("children", incident)}?from=check">Say which child died' in html
    assert client.post(check).status_code == 400
    incident.refresh_from_db()
    assert incident.status == Incident.Status.DRAFT
    response = client.post(url("children", incident), answers("children", incident, **{"children-0-died": "on"}))
    assert response.status_code == 302
    assert "Before you ask for agreement" not in client.get(check).content.decode()
    assert client.post(check).status_code == 302
    incident.refresh_from_db()
    assert incident.status == Incident.Status.AWAITING_AGREEMENT


def test_the_children_page_adds_children_up_to_4_and_says_why_it_stops(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    data = answers("children", incident, add_child="1")
    data.pop("save")
    for count in (2, 3, 4):
        response = client.post(url("children", incident), data)
        html = response.content.decode()
        assert response.status_code == 200 and f"Child {count}</legend>" in html
        data = {**data, "children-TOTAL_FORMS": str(count)}
    assert "Add another child" not in html
    assert "A notification covers at most 4 children: that is the national notification system's limit" in html
    incident.refresh_from_db()
    assert incident.version == 1 and incident.children.count() == 1


def test_conditional_questions_are_hidden_until_they_apply_and_long_answers_are_counted(sign_in, csprg, make_incident):
    incident = make_incident()
    client = sign_in(csprg)
    what = client.get(url("what-happened", incident)).content.decode()
    assert (
        'class="govuk-checkboxes__conditional govuk-checkboxes__conditional--hidden" id="conditional-id_theme_other"'
        in what
    )
    outcome = client.get(url("outcome", incident)).content.decode()
    assert 'govuk-radios__conditional--hidden" id="conditional-id_not_notifiable_rationale"' in outcome
    assert 'data-dcfp-reveals="conditional-id_not_notifiable_rationale"' in outcome
    assert f"You can enter up to {RATIONALE_MAX} characters" in outcome
    summary = client.get(url("agencies-and-summary", incident)).content.decode()
    assert f'data-module="govuk-character-count" data-maxlength="{SUMMARY_MAX}"' in summary


@pytest.mark.parametrize("part", ORDER)
def test_only_the_csprg_opens_a_draft_question_page(part, sign_in, client, make_incident, other_agency, qa_chair):
    incident = make_incident()
    assert_not_found(sign_in(other_agency).get(url(part, incident)))
    assert_not_found(sign_in(other_agency).post(url(part, incident), answers(part, incident)))
    client.logout()
    assert sign_in(qa_chair).get(url(part, incident)).status_code == 403
    incident.refresh_from_db()
    assert incident.version == 1


def test_a_draft_sent_for_agreement_has_no_question_pages_to_change(sign_in, csprg, make_incident):
    incident = make_incident()
    services.incident_submit_for_agreement(incident=incident, actor=csprg)
    client = sign_in(csprg)
    assert client.get(url("when", incident)).status_code == 403
    incident.refresh_from_db()
    assert client.post(url("when", incident), answers("when", incident)).status_code == 403


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_question_pages_refuse_methods_they_do_not_take(method, sign_in, csprg, make_incident):
    incident = make_incident()
    assert getattr(sign_in(csprg), method)(url("when", incident)).status_code == 405


def test_a_child_row_error_is_shown_beside_that_child(sign_in, csprg, make_incident):
    incident = make_incident()
    data = answers("children", incident, **{"children-0-date_of_birth_day": "", "children-0-date_of_birth_month": ""})
    data["children-0-date_of_birth_year"] = ""
    response = sign_in(csprg).post(url("children", incident), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the child&#x27;s date of birth, or their age if it is not known" in html
    assert 'href="#id_children-0-date_of_birth_day"' in html


def test_an_empty_children_page_asks_for_a_child_in_plain_words(sign_in, csprg, make_incident):
    incident = make_incident()
    data = {"children-TOTAL_FORMS": "1", "version": str(incident.version), "save": "1"}
    html = sign_in(csprg).post(url("children", incident), data).content.decode()
    assert "Enter the child&#x27;s name" in html
    assert "Please submit" not in html


def test_adding_a_child_saves_nothing_and_keeps_the_first_childs_date_of_birth_as_typed(sign_in, csprg, make_incident):
    incident = make_incident()
    data = answers("children", incident, add_child="1")
    data.pop("save")
    data |= {"children-0-date_of_birth_day": "30", "children-0-date_of_birth_month": "2"}
    response = sign_in(csprg).post(url("children", incident), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Child 2</legend>" in html
    assert "There is a problem" not in html
    assert 'name="children-0-date_of_birth_day" type="text" inputmode="numeric" value="30"' in html
    assert 'name="children-0-date_of_birth_month" type="text" inputmode="numeric" value="2"' in html
    assert 'name="children-1-date_of_birth_day" type="text" inputmode="numeric" value=""' in html
    incident.refresh_from_db()
    assert incident.version == 1


def test_a_date_of_birth_missing_its_month_says_so_and_marks_only_the_month(sign_in, csprg, make_incident):
    incident = make_incident()
    data = answers("children", incident)
    data["children-0-date_of_birth_month"] = ""
    html = sign_in(csprg).post(url("children", incident), data).content.decode()
    assert '<a href="#id_children-0-date_of_birth_month">Date of birth must include a month</a>' in html
    assert 'govuk-input--error" id="id_children-0-date_of_birth_month"' in html
    assert 'govuk-input--error" id="id_children-0-date_of_birth_day"' not in html


def test_a_removed_child_is_not_saved(sign_in, csprg, make_incident):
    incident = make_incident()
    extra = {
        "children-TOTAL_FORMS": "2",
        "children-1-name": "Ben Example",
        "children-1-age_years": "7",
        "children-1-sex": "male",
        "children-1-disability": "not_known",
        "children-1-legal_status": "none",
        "children-1-DELETE": "on",
    }
    response = sign_in(csprg).post(url("children", incident), answers("children", incident, **extra))
    assert response.status_code == 302
    assert list(incident.children.values_list("name", flat=True)) == ["Child A"]


def test_the_when_page_of_a_draft_shows_its_dates_in_day_month_and_year_boxes(sign_in, csprg, make_incident):
    incident = make_incident()
    html = sign_in(csprg).get(url("when", incident)).content.decode()
    day, month, year = incident.occurred_on.day, incident.occurred_on.month, incident.occurred_on.year
    assert f'name="occurred_on_day" type="text" inputmode="numeric" value="{day}"' in html
    assert f'name="occurred_on_month" type="text" inputmode="numeric" value="{month}"' in html
    assert f'name="occurred_on_year" type="text" inputmode="numeric" value="{year}"' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date of incident</legend>' in html

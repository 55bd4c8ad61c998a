"""GOV.UK's date input: a date typed as day, month and year, each message naming the date and what is
wrong, the boxes in error marked, and whatever was typed shown back."""

from datetime import date, timedelta

import pytest
from django import forms
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone

from dcfp.accounts.drafts import initial_from
from dcfp.forms import GovukDateField


class EventForm(forms.Form):
    happened_on = GovukDateField(
        label="Date of incident", help_text="For a death, the date the child died.", past_only=True
    )
    born_on = GovukDateField(label="Date of birth", required=False, example="31 3 2015")


def bound(day="", month="", year="", **more) -> EventForm:
    return EventForm({"happened_on_day": day, "happened_on_month": month, "happened_on_year": year, **more})


def html(form: EventForm, name: str = "happened_on") -> str:
    return render_to_string("includes/date_input.html", {"field": form[name]})


def test_three_boxes_make_a_date():
    form = bound("2", "11", "2026")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["happened_on"] == date(2026, 11, 2)
    assert form.cleaned_data["born_on"] is None


def test_leading_zeros_and_spaces_are_accepted():
    form = bound(" 02 ", "03", "2024")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["happened_on"] == date(2024, 3, 2)


def test_an_empty_required_date_asks_for_it():
    form = bound()
    assert form.errors["happened_on"] == ["Enter the date of incident"]
    assert form["happened_on"].error_parts == {"day", "month", "year"}
    assert form["happened_on"].first_error_id == "id_happened_on_day"


@pytest.mark.parametrize(
    ("parts", "message", "marked"),
    [
        (("2", "", "2026"), "Date of incident must include a month", {"month"}),
        (("", "11", "2026"), "Date of incident must include a day", {"day"}),
        (("2", "11", ""), "Date of incident must include a year", {"year"}),
        (("", "", "2026"), "Date of incident must include a day and month", {"day", "month"}),
        (("", "11", ""), "Date of incident must include a day and year", {"day", "year"}),
    ],
)
def test_a_missing_part_is_named_and_marked(parts, message, marked):
    form = bound(*parts)
    assert form.errors["happened_on"] == [message]
    assert form["happened_on"].error_parts == marked


def test_the_error_summary_links_to_the_first_box_in_error():
    form = bound("2", "", "")
    form.is_valid()
    assert form["happened_on"].first_error_id == "id_happened_on_month"


@pytest.mark.parametrize(
    ("parts", "marked"),
    [
        (("31", "2", "2026"), {"day", "month", "year"}),  # each part possible, the date is not
        (("32", "1", "2026"), {"day"}),
        (("1", "13", "2026"), {"month"}),
        (("1", "abc", "2026"), {"month"}),
        (("x", "y", "2026"), {"day", "month"}),
        (("-1", "2", "2026"), {"day"}),
        (("99999999999999999999", "2", "2026"), {"day"}),
        (("0", "2", "2026"), {"day"}),
    ],
)
def test_a_date_that_does_not_exist_must_be_a_real_date(parts, marked):
    form = bound(*parts)
    assert form.errors["happened_on"] == ["Date of incident must be a real date"]
    assert form["happened_on"].error_parts == marked


def test_a_year_needs_four_numbers():
    form = bound("2", "11", "26")
    assert form.errors["happened_on"] == ["Date of incident must include a year with 4 numbers"]
    assert form["happened_on"].error_parts == {"year"}


def test_a_date_after_today_is_refused_when_the_date_must_be_past():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = bound(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))
    assert form.errors["happened_on"] == ["Date of incident must be today or in the past"]
    today = timezone.localdate()
    assert bound(str(today.day), str(today.month), str(today.year)).is_valid()


def test_an_optional_date_left_empty_is_none_and_unchanged():
    form = bound("2", "11", "2026", born_on_day="", born_on_month="", born_on_year="")
    assert form.is_valid()
    assert form.cleaned_data["born_on"] is None
    assert "born_on" not in form.changed_data


def test_what_was_typed_is_shown_back_unchanged_even_when_it_is_not_a_date():
    form = bound("31", "abc", "20x6")
    assert not form.is_valid()
    page = html(form)
    assert 'name="happened_on_day" type="text" inputmode="numeric" value="31"' in page
    assert 'name="happened_on_month" type="text" inputmode="numeric" value="abc"' in page
    assert 'name="happened_on_year" type="text" inputmode="numeric" value="20x6"' in page


def test_the_date_is_a_fieldset_with_a_legend_a_hint_and_a_label_for_each_box():
    page = html(EventForm())
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_happened_on-hint">' in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date of incident</legend>' in page
    assert "For a death, the date the child died. For example, 27 3 2026" in page
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="id_happened_on_{part}">{part.title()}</label>'
            in page
        )
        assert (
            f'class="govuk-input govuk-date-input__input govuk-input--width-{width}" id="id_happened_on_{part}"' in page
        )
    assert "govuk-form-group--error" not in page
    assert "For example, 31 3 2015" in html(EventForm(), "born_on")


def test_only_the_box_in_error_is_marked_and_the_message_is_announced():
    page = html(bound("2", "", "2026"))
    assert "govuk-form-group--error" in page
    assert 'aria-describedby="id_happened_on-hint id_happened_on-error"' in page
    assert (
        '<p id="id_happened_on-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
        "Date of incident must include a month</p>"
    ) in page
    assert page.count("govuk-input--error") == 1
    assert 'govuk-input--width-2 govuk-input--error" id="id_happened_on_month"' in page


def test_errors_are_not_shown_when_the_page_says_not_to():
    page = render_to_string(
        "includes/date_input.html", {"field": bound("2", "", "2026")["happened_on"], "show_errors": False}
    )
    assert "govuk-error-message" not in page and "govuk-input--error" not in page
    assert 'value="2"' in page


def test_an_unbound_form_shows_its_initial_date_in_the_boxes():
    page = html(EventForm(initial={"happened_on": date(2026, 3, 7)}))
    assert 'id="id_happened_on_day" name="happened_on_day" type="text" inputmode="numeric" value="7"' in page
    assert 'name="happened_on_month" type="text" inputmode="numeric" value="3"' in page
    assert 'name="happened_on_year" type="text" inputmode="numeric" value="2026"' in page


def test_an_iso_date_under_the_plain_name_is_still_read():
    """A page kept from before the date had three boxes posts one ISO date under the field's name."""
    form = EventForm({"happened_on": "2026-11-02"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["happened_on"] == date(2026, 11, 2)
    form = EventForm({"happened_on": "2nd November"})
    assert form.errors["happened_on"] == ["Date of incident must include a month and year"]


def test_a_kept_draft_of_what_was_typed_comes_back_in_the_boxes_unchanged():
    """A page restored after a session timeout gets the three boxes as typed, not a judged date."""
    typed = QueryDict("happened_on_day=31&happened_on_month=2&happened_on_year=2026")
    page = html(EventForm(initial=initial_from(EventForm, typed)))
    assert 'name="happened_on_day" type="text" inputmode="numeric" value="31"' in page
    assert 'name="happened_on_month" type="text" inputmode="numeric" value="2"' in page
    assert "govuk-error-message" not in page

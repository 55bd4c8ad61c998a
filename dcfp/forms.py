"""Form fields shared by every app.

`GovukDateField` is GOV.UK's date input: three boxes for day, month and year in a fieldset, instead of
the browser's own date picker, which behaves differently in every browser and is hard to use with
assistive technology (https://design-system.service.gov.uk/components/date-input/). Render it with
templates/includes/date_input.html:

    {% include "includes/date_input.html" with field=form.occurred_on %}

The boxes are posted as `<name>_day`, `<name>_month` and `<name>_year`; whatever was typed, real date
or not, is shown back unchanged when the form has errors. Each message says which date it is about and
what is wrong ("Date of incident must include a month"), and the part or parts in error are marked, so
the error summary links to the first of them (`#<id>_month`).
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

PARTS = ("day", "month", "year")
# What GOV.UK's date input labels each box, and how wide each box is.
PART_LABELS = {"day": "Day", "month": "Month", "year": "Year"}
PART_WIDTHS = {"day": "govuk-input--width-2", "month": "govuk-input--width-2", "year": "govuk-input--width-4"}


def _missing_phrase(missing: list[str]) -> str:
    return " and ".join(missing) if len(missing) < 3 else "day, month and year"


class DateInputWidget(forms.MultiWidget):
    """Day, month and year text boxes. The value is the list of the three strings as typed."""

    def __init__(self, attrs=None):
        box = {"class": "govuk-input govuk-date-input__input", "inputmode": "numeric"}
        super().__init__({part: forms.TextInput(attrs=dict(box)) for part in PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value:
            # An ISO date, as kept from before this page asked for the date in three boxes.
            try:
                return decompress_iso(value)
            except ValueError:
                return [None, None, None]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if all(p is None for p in parts) and data.get(name):
            # One ISO value under the plain name (a form typed before the date had three boxes).
            try:
                return decompress_iso(data.get(name))
            except ValueError:
                return [data.get(name), None, None]
        return parts

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and name not in data


def decompress_iso(value: str) -> list[str]:
    parsed = date.fromisoformat(value)
    return [str(parsed.day), str(parsed.month), str(parsed.year)]


class DateBoundField(forms.BoundField):
    """A bound date field that knows, for the template, each box's name, id, value and error state."""

    @property
    def error_parts(self) -> set[str]:
        """Which boxes to mark in error: those a message names, or all three for a message about the
        date as a whole (for example, one a service refused)."""
        marked: set[str] = set()
        for error in self.errors.as_data():
            parts = (error.params or {}).get("parts") if isinstance(error.params, dict) else None
            marked.update(parts or PARTS)
        return marked

    @property
    def first_error_id(self) -> str:
        """The id the error summary links to: the first box in error (the day box if none is marked)."""
        marked = self.error_parts
        first = next((p for p in PARTS if p in marked), "day")
        return f"{self.auto_id}_{first}"

    @property
    def parts(self) -> list[dict]:
        value = self.value()
        if not isinstance(value, (list, tuple)):
            value = self.field.widget.decompress(value)
        marked = self.error_parts if self.errors else set()
        return [
            {
                "part": part,
                "label": PART_LABELS[part],
                "name": f"{self.html_name}_{part}",
                "id": f"{self.auto_id}_{part}",
                "value": value[i] if i < len(value) and value[i] is not None else "",
                "width": PART_WIDTHS[part],
                "error": part in marked,
            }
            for i, part in enumerate(PARTS)
        ]


class GovukDateField(forms.Field):
    """A date typed as day, month and year (see the module's description).

    `past_only` refuses a date after today with "<label> must be today or in the past". `example` is the
    hint's example date, written as GOV.UK does: "27 3 2026".
    """

    widget = DateInputWidget
    bound_field_class = DateBoundField
    default_error_messages = {
        "required": "Enter the %(lower_label)s",
        "incomplete": "%(label)s must include a %(missing)s",
        "invalid": "%(label)s must be a real date",
        "year": "%(label)s must include a year with 4 numbers",
        "future": "%(label)s must be today or in the past",
    }

    def __init__(self, *, past_only: bool = False, example: str = "27 3 2026", **kwargs):
        self.past_only = past_only
        self.example = example
        super().__init__(**kwargs)

    def _error(self, code: str, parts=PARTS, **params) -> ValidationError:
        label = str(self.label or "Date")
        params = {"label": label, "lower_label": label[:1].lower() + label[1:], **params}
        message = self.error_messages[code]
        # The message is formatted here; `parts` travels with it so the template can mark the boxes.
        return ValidationError(message % params, code=code, params={"parts": tuple(parts)})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            value = self.widget.decompress(value) if value else [None, None, None]
        typed = [(v or "").strip() for v in list(value)[:3]] + [""] * max(0, 3 - len(value))
        if not any(typed):
            return None
        missing = [part for part, text in zip(PARTS, typed, strict=True) if not text]
        if missing:
            raise self._error("incomplete", missing, missing=_missing_phrase(missing))
        day, month, year = typed
        not_numbers = [part for part, text in zip(PARTS, typed, strict=True) if not text.isdigit()]
        if not_numbers:
            raise self._error("invalid", not_numbers)
        if len(year) != 4:
            raise self._error("year", ("year",))
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # OverflowError: a number too big for a date at all
            wrong = [p for p, ok in (("day", 1 <= int(day) <= 31), ("month", 1 <= int(month) <= 12)) if not ok]
            raise self._error("invalid", wrong or PARTS) from None

    def validate(self, value):
        if value is None and self.required:
            raise self._error("required")
        if value is not None and self.past_only and value > timezone.localdate():
            raise self._error("future")

    def prepare_value(self, value):
        return value

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        try:
            initial = self.to_python(initial)
        except ValidationError:
            return True
        return initial != data


class LongSelect(forms.Select):
    """A select of many options, such as every organisation of a national partnership, written out in
    one pass. Django renders each option through a template: for 2,000 organisations that took over a
    second a page. The same markup: `name`, the attributes given (id, class, aria-describedby), each
    option's value and label escaped, the chosen one marked `selected`. Options only, no groups."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        selected = mark_safe(" selected")
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option_value), selected if str(option_value) in chosen else "", label)
                for option_value, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )

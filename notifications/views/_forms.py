"""Helpers for the incident form: the children formset's add and remove without JavaScript, and
putting the services' messages beside the right fields."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from dcfp.forms import DateBoundField
from notifications import services
from notifications.forms import ChildForm, ChildFormSet, IncidentForm
from notifications.models import MAX_CHILDREN, Incident

PREFIX = "children"


def children_raw(data: QueryDict) -> list[dict[str, list[str]]]:
    """The children rows as typed, from POST data."""
    try:
        total = int(data.get(f"{PREFIX}-TOTAL_FORMS", "1"))
    except ValueError:
        total = 1
    total = max(0, min(total, MAX_CHILDREN))
    names = ["DELETE"]
    for name, field in ChildForm.base_fields.items():
        # A date is posted as three boxes (<name>_day, <name>_month, <name>_year).
        suffixes = getattr(field.widget, "widgets_names", None)
        names += [f"{name}{suffix}" for suffix in suffixes] if suffixes else [name]
    return [{name: data.getlist(f"{PREFIX}-{i}-{name}") for name in names} for i in range(total)]


def rebuild(data: QueryDict, rows: list[dict[str, list[str]]]) -> QueryDict:
    """POST data with the children rows replaced by `rows` (after adding or removing one)."""
    out = QueryDict(mutable=True)
    for key in data:
        if not key.startswith(f"{PREFIX}-"):
            out.setlist(key, data.getlist(key))
    out[f"{PREFIX}-TOTAL_FORMS"] = str(len(rows))
    out[f"{PREFIX}-INITIAL_FORMS"] = "0"
    out[f"{PREFIX}-MIN_NUM_FORMS"] = "1"
    out[f"{PREFIX}-MAX_NUM_FORMS"] = str(MAX_CHILDREN)
    for i, row in enumerate(rows):
        for name, values in row.items():
            if values:
                out.setlist(f"{PREFIX}-{i}-{name}", values)
    return out


def bound_forms(data: QueryDict, form_class: type[forms.Form] = IncidentForm) -> tuple[Any, forms.BaseFormSet, bool]:
    """Forms bound to POST data (the whole incident form, or a question page's `form_class`). Returns
    (form, formset, adjusting): `adjusting` is True when the person asked for another child's rows, in
    which case nothing is validated or saved."""
    rows = children_raw(data)
    adjusting = False
    if "add_child" in data:
        adjusting = True
        if len(rows) < MAX_CHILDREN:
            # A new row starts from the form's initial values, so an untouched row counts as empty.
            rows.append({name: [str(f.initial)] for name, f in ChildForm.base_fields.items() if f.initial is not None})
    data = rebuild(data, rows)
    return form_class(data), ChildFormSet(data, prefix=PREFIX), adjusting


def filled_forms(formset) -> list:
    """The child forms with something in them and not marked for removal (the first always counts)."""
    return [f for i, f in enumerate(formset.forms) if (i == 0 or f.has_changed()) and not f.cleaned_data.get("DELETE")]


def apply_errors(error: ValidationError, form: forms.Form, formset, child_forms: list) -> None:
    """Put each of a service's messages beside its field; anything else goes at the top of the form."""
    for key, messages in error.message_dict.items():
        if key.startswith("children."):
            _, index, field = key.split(".", 2)
            target = child_forms[int(index)] if int(index) < len(child_forms) else None
            if target is not None:
                target.add_error(field if field in target.fields else None, messages)
                continue
        if key == "children" and formset is not None:
            formset._non_form_errors.extend(messages)
        elif key in form.fields:
            form.add_error(key, messages)
        else:
            form.add_error(None, messages)


def anchor(field) -> str:
    """The id an error summary link points at: the field, the first of its radios or checkboxes, or
    the first box of a date in error."""
    if isinstance(field, DateBoundField):
        return field.first_error_id
    if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{field.auto_id}_0"
    return field.auto_id


def error_list(form: forms.Form, formset=None) -> list[tuple[str, object]]:
    """(anchor, message) for the error summary, in page order."""
    items: list[tuple[str, object]] = [("incident-form", e) for e in form.non_field_errors()]
    for field in form:
        items += [(anchor(field), e) for e in field.errors]
    if formset is None:
        return items
    items += [("children", e) for e in formset.non_form_errors()]
    for child_form in formset.forms:
        items += [(f"{child_form.prefix}-section", e) for e in child_form.non_field_errors()]
        for field in child_form:
            items += [(anchor(field), e) for e in field.errors]
    return items


def initial_of(incident: Incident) -> dict:
    """The incident form's initial answers from a saved draft, with the version the edit starts from."""
    data = {name: getattr(incident, name) for name in services.INCIDENT_FIELDS}
    data["area"] = incident.area_id
    data["agencies_involved"] = list(incident.agencies_involved.all())
    data["version"] = incident.version
    return data


def children_initial(incident: Incident) -> list[dict]:
    rows = []
    for child in incident.children.all():
        row = {name: getattr(child, name) for name in services.CHILD_FIELDS}
        row["normally_resident_area"] = child.normally_resident_area_id
        rows.append(row)
    return rows

"""The rules an incident and its children must meet, shared by pages and the API.

Errors are raised as one `ValidationError` whose dict is keyed by field name; a child's field is keyed
"children.<index>.<field>" (index in the order given) and rules about the children as a whole by
"children". Pages put each message beside its field; the API returns the same messages.

A death's date is the date of the incident: the national notification asks for one date and, for a
death, that date is the date of death. Storing a second date would only invite the two to disagree, so
a death is recorded by marking which children died, and the incident date is their date of death.
"""

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from notifications.models import CARE_LEAVER_MAX_AGE, MAX_CHILDREN, RATIONALE_MAX, SUMMARY_MAX, Child, Incident


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def incident_errors(incident: Incident, *, today: date | None = None) -> dict[str, list[str]]:
    """Messages about the incident's own fields, by field name (empty when it is valid)."""
    today = _today(today)
    errors: dict[str, list[str]] = defaultdict(list)
    if incident.occurred_on and incident.occurred_on > today:
        errors["occurred_on"].append("Date of incident must be today or in the past")
    if incident.aware_on and incident.aware_on > today:
        errors["aware_on"].append("Date the authority became aware must be today or in the past")
    if incident.occurred_on and incident.aware_on and incident.aware_on < incident.occurred_on:
        errors["aware_on"].append("Date the authority became aware must be the same as or after the date of incident")
    # The form asks these first; a draft begun on its first question page has them still to come.
    if incident.nature not in Incident.Nature.values:
        errors["nature"].append("Select what happened")
    if incident.abuse_or_neglect not in Incident.AbuseOrNeglect.values:
        errors["abuse_or_neglect"].append("Select whether abuse or neglect is known or suspected")
    if incident.outside_england and incident.area_id:
        errors["area"].append("Do not choose an area in England when the incident happened outside England")
    if not incident.outside_england and not incident.area_id:
        errors["area"].append("Select where the incident happened, or say it happened outside England")
    unknown = [v for v in incident.categories or [] if v not in Incident.Category.values]
    if unknown:
        errors["categories"].append("Select categories from the list")
    if incident.abuse_or_neglect in (Incident.AbuseOrNeglect.KNOWN, Incident.AbuseOrNeglect.SUSPECTED):
        if not incident.categories:
            errors["categories"].append("Select the category of known or suspected abuse or neglect")
    elif incident.categories:
        errors["categories"].append("Categories apply only when abuse or neglect is known or suspected")
    if [v for v in incident.themes or [] if v not in Incident.Theme.values]:
        errors["themes"].append("Select themes from the list")
    if "other" in (incident.themes or []) and not incident.theme_other.strip():
        errors["theme_other"].append("Describe the other theme")
    if not (incident.summary or "").strip():
        errors["summary"].append("Enter a summary of what happened")
    elif len(incident.summary) > SUMMARY_MAX:
        errors["summary"].append(f"The summary must be {SUMMARY_MAX} characters or fewer")
    if len(incident.not_notifiable_rationale or "") > RATIONALE_MAX:
        errors["not_notifiable_rationale"].append(
            f"Why the incident does not meet the criteria must be {RATIONALE_MAX} characters or fewer"
        )
    if (
        incident.outcome_recommended == Incident.Outcome.NOT_NOTIFIABLE
        and not incident.not_notifiable_rationale.strip()
    ):
        errors["not_notifiable_rationale"].append("Explain why the incident does not meet the criteria")
    return dict(errors)


def child_errors(child: Child, incident: Incident, *, today: date | None = None) -> dict[str, list[str]]:
    today = _today(today)
    errors: dict[str, list[str]] = defaultdict(list)
    if not (child.name or "").strip():
        errors["name"].append("Enter the child's name")
    if child.date_of_birth is None and child.age_years is None:
        errors["date_of_birth"].append("Enter the child's date of birth, or their age if it is not known")
    if child.date_of_birth:
        if child.date_of_birth > today:
            errors["date_of_birth"].append("Date of birth must be today or in the past")
        elif incident.occurred_on and child.date_of_birth > incident.occurred_on:
            errors["date_of_birth"].append("Date of birth must be on or before the date of incident")
    age = child.age_on(incident.occurred_on) if incident.occurred_on else child.age_years
    if age is not None and age > CARE_LEAVER_MAX_AGE:
        errors["age_years" if child.date_of_birth is None else "date_of_birth"].append(
            f"A notification covers children, and care leavers aged {CARE_LEAVER_MAX_AGE} or under"
        )
    elif age is not None and age >= 18 and child.legal_status != Child.LegalStatus.CARE_LEAVER:
        errors["legal_status"].append("A person aged 18 or over must be a care leaver to be notified")
    if child.resident_outside_england and child.normally_resident_area_id:
        errors["normally_resident_area"].append(
            "Do not choose an area in England when the child normally lives outside England"
        )
    if not child.sex:
        errors["sex"].append("Select the child's sex")
    return dict(errors)


def children_errors(
    incident: Incident, children: list[Child], *, today: date | None = None, across: bool = True
) -> dict[str, list[str]]:
    """Messages about the children, keyed "children" (as a whole) and "children.<i>.<field>". With
    `across` False, the rules joining the nature of the incident to which children died are left out."""
    errors: dict[str, list[str]] = {}
    if not children:
        errors["children"] = ["Add at least one child"]
    elif len(children) > MAX_CHILDREN:
        errors["children"] = [f"A notification covers at most {MAX_CHILDREN} children; make another notification"]
    for index, child in enumerate(children):
        for field, messages in child_errors(child, incident, today=today).items():
            errors[f"children.{index}.{field}"] = messages
    if not across:
        return errors
    died = [c for c in children if c.died]
    if incident.nature == Incident.Nature.DEATH and children and not died:
        errors.setdefault("children", []).append("Say which child died: the incident is recorded as a death")
    if incident.nature != Incident.Nature.DEATH and died:
        errors.setdefault("nature", []).append("A child died: record the nature of the incident as a death")
    return errors


def within(key: str, keys: Collection[str]) -> bool:
    """Whether a message's key is one of `keys` or below one of them ("children.0.name" is within "children")."""
    return any(key == k or key.startswith(f"{k}.") for k in keys)


def validate_incident(
    incident: Incident,
    children: list[Child] | None = None,
    *,
    today: date | None = None,
    only: Collection[str] | None = None,
) -> None:
    """Raise one ValidationError with every message, or return when the incident is valid.

    `only` names the fields of the one part of a draft being saved (a question page): messages about
    other parts, and the rules joining the nature of the incident to which children died, wait for the
    whole check before agreement, so that the two can be changed one page after the other."""
    errors = incident_errors(incident, today=today)
    if children is not None:
        for key, messages in children_errors(incident, children, today=today, across=only is None).items():
            errors.setdefault(key, []).extend(messages)
    if only is not None:
        errors = {key: messages for key, messages in errors.items() if within(key, only)}
    if errors:
        raise ValidationError(errors)

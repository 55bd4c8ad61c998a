"""Does an incident meet the duties to notify? A pure evaluation that explains itself; people decide.

Children Act 2004 s16C(1): the local authority must notify the Child Safeguarding Practice Review
Panel when it knows or suspects that a child has been abused or neglected, AND the child dies or is
seriously harmed in its area, OR, while normally resident in its area, dies or is seriously harmed
outside England.

Separate duties: the death of a looked-after child is notified whether or not abuse or neglect is
known or suspected; the death of a care leaver aged 24 or under is notified, and needs no rapid review.

"Its area" is the partnership's jurisdiction: the areas with `in_jurisdiction`. An incident elsewhere
in England is for the authority of that area (`Area.responsible_authority`), which the result names.
The system does not know which authority looks after a child; it takes the child's normally resident
area as the nearest guide and says so, so that people can check.

Nothing here touches the database beyond the related objects already on the instances given.
"""

from dataclasses import dataclass, field

from django.db import models

from notifications.models import CARE_LEAVER_MAX_AGE, Child, Incident


class Duty(models.TextChoices):
    SERIOUS_INCIDENT = "s16c", "Serious incident (Children Act 2004 s16C(1))"
    LOOKED_AFTER_DEATH = "looked_after_death", "Death of a looked-after child"
    CARE_LEAVER_DEATH = "care_leaver_death", "Death of a care leaver aged 24 or under"


@dataclass
class CriteriaResult:
    """The outcome and, for each step, a sentence a reader can check."""

    duties: list[Duty] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    in_jurisdiction: bool = True
    responsible_authority: str = ""

    @property
    def notifiable(self) -> bool:
        return bool(self.duties)

    @property
    def meets_s16c(self) -> bool:
        return Duty.SERIOUS_INCIDENT in self.duties

    @property
    def rapid_review_needed(self) -> bool:
        """A rapid review follows a serious incident under s16C; a care leaver's death alone needs none."""
        return self.meets_s16c

    @property
    def summary(self) -> str:
        if not self.in_jurisdiction and not self.notifiable:
            return f"Not for this partnership to notify: {self.responsible_authority} is responsible."
        if not self.notifiable:
            return "The criteria for notification appear not to be met."
        return "The criteria for notification appear to be met: " + "; ".join(d.label for d in self.duties) + "."


def _area_text(area) -> str:
    return area.name if area is not None else "an unknown area"


def _in_area(area) -> bool:
    return bool(area is not None and area.in_jurisdiction)


def _name(child: Child, index: int) -> str:
    return child.name.strip() or f"Child {index + 1}"


def evaluate(incident: Incident, children: list[Child]) -> CriteriaResult:
    """Evaluate every duty for this incident and its children, with each reason as a sentence."""
    result = CriteriaResult()
    reasons = result.reasons
    abuse = incident.abuse_or_neglect in (Incident.AbuseOrNeglect.KNOWN, Incident.AbuseOrNeglect.SUSPECTED)
    area = incident.area
    happened_here = not incident.outside_england and _in_area(area)

    if abuse:
        reasons.append(f"Abuse or neglect is {incident.get_abuse_or_neglect_display().lower()}.")
    else:
        reasons.append("Abuse or neglect is not known or suspected, so section 16C(1) is not met.")

    if incident.outside_england:
        reasons.append("The incident happened outside England.")
    elif happened_here:
        reasons.append(f"The incident happened in {_area_text(area)}, which is in the partnership's area.")
    elif area is None:
        reasons.append("Where the incident happened is not recorded yet.")
    else:
        result.in_jurisdiction = False
        result.responsible_authority = area.responsible_authority if area is not None else ""
        reasons.append(
            f"The incident happened in {_area_text(area)}, outside the partnership's area: "
            f"{result.responsible_authority or 'the local authority for that area'} is responsible for notifying it."
        )

    died_or_harmed_any = False
    for index, child in enumerate(children):
        name = _name(child, index)
        harmed = incident.nature == Incident.Nature.SERIOUS_HARM
        affected = child.died or harmed
        died_or_harmed_any = died_or_harmed_any or affected
        resident_here = not child.resident_outside_england and _in_area(child.normally_resident_area)

        if abuse and affected:
            what = "died" if child.died else "was seriously harmed"
            if happened_here:
                reasons.append(f"{name} {what} in the partnership's area.")
                _add(result, Duty.SERIOUS_INCIDENT)
            elif incident.outside_england and resident_here:
                reasons.append(
                    f"{name} {what} outside England while normally resident in "
                    f"{_area_text(child.normally_resident_area)}, which is in the partnership's area."
                )
                _add(result, Duty.SERIOUS_INCIDENT)
            elif incident.outside_england:
                reasons.append(
                    f"{name} {what} outside England but was not normally resident in the partnership's area."
                )

        if not child.died:
            continue
        looked_after_by = (
            "the partnership's area"
            if resident_here
            else f"{child.normally_resident_area.name} ({child.normally_resident_area.responsible_authority})"
            if child.normally_resident_area is not None
            else "an area not recorded"
        )
        if child.legal_status == Child.LegalStatus.LOOKED_AFTER:
            reasons.append(
                f"{name} was a looked-after child and died: the death must be notified whether or not abuse or "
                f"neglect is suspected, by the authority that looked after them (normally resident in "
                f"{looked_after_by}; check which authority looked after them)."
            )
            _add(result, Duty.LOOKED_AFTER_DEATH)
        elif child.legal_status == Child.LegalStatus.CARE_LEAVER:
            age = child.age_on(incident.occurred_on)
            if age is not None and age <= CARE_LEAVER_MAX_AGE:
                reasons.append(
                    f"{name} was a care leaver aged {age} and died: the death must be notified "
                    f"(care leavers aged {CARE_LEAVER_MAX_AGE} or under), but no rapid review is needed for "
                    f"this reason alone."
                )
                _add(result, Duty.CARE_LEAVER_DEATH)
            elif age is None:
                reasons.append(
                    f"{name} was a care leaver and died, but their age is not recorded: care leavers' deaths are "
                    f"notified up to age {CARE_LEAVER_MAX_AGE}."
                )
            else:
                reasons.append(
                    f"{name} was a care leaver aged {age}: the care leaver duty covers those aged "
                    f"{CARE_LEAVER_MAX_AGE} or under."
                )

    if not died_or_harmed_any:
        reasons.append("No child died or was seriously harmed, so section 16C(1) is not met.")
    if not result.in_jurisdiction and result.notifiable and not result.meets_s16c:
        reasons.append("The incident was outside the partnership's area, but the duty about the child still applies.")
    return result


def _add(result: CriteriaResult, duty: Duty) -> None:
    if duty not in result.duties:
        result.duties.append(duty)


def responsible_elsewhere(incident: Incident, children: list[Child]) -> str:
    """The authority that notifies this incident when it is not for this partnership, or "".

    It is for another authority when it happened in England outside the partnership's areas, or
    outside England to children none of whom normally lives in them. The exception is a duty about
    the child that stays with the authority that looked after them: the death of a looked-after child
    or a care leaver normally resident in the partnership's areas is still notified here.
    """
    resident_here = [c for c in children if not c.resident_outside_england and _in_area(c.normally_resident_area)]
    if any(
        c.died and c.legal_status in (Child.LegalStatus.LOOKED_AFTER, Child.LegalStatus.CARE_LEAVER)
        for c in resident_here
    ):
        return ""
    if not incident.outside_england:
        area = incident.area
        if area is None or area.in_jurisdiction:
            return ""
        return area.responsible_authority or f"the local authority for {area.name}"
    if resident_here:
        return ""
    homes = [c.normally_resident_area for c in children if c.normally_resident_area is not None]
    return homes[0].responsible_authority if homes else ""

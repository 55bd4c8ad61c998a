"""Devon's rapid review flow by working day, with the dates worked out for one case. Pure: no database.

Working day 1 is the first working day after the day the review is counted from (the notification
date, or its due date if it was late), so working day 15 is the review's due date.
"""

from dataclasses import dataclass
from datetime import date

from dcfp.deadlines import RAPID_REVIEW_WORKING_DAYS, add_working_days

# (first working day, last working day, what happens)
STEPS: list[tuple[int, int, str]] = [
    (1, 1, "Requests for individual agency summaries go to each involved agency's safeguarding lead"),
    (2, 10, "Agencies write their individual agency summaries; a progress meeting is held"),
    (10, 12, 'The CSPRG reviews the summaries and drafts the "Summary and Outcome of Rapid Review"'),
    (12, RAPID_REVIEW_WORKING_DAYS, "Safeguarding Partner sign-off of the report and its outcome"),
    (RAPID_REVIEW_WORKING_DAYS, RAPID_REVIEW_WORKING_DAYS, "Sent to the National Panel"),
]


@dataclass(frozen=True)
class Step:
    first_day: int
    last_day: int
    what: str
    starts_on: date
    ends_on: date
    is_today: bool
    is_past: bool

    @property
    def days(self) -> str:
        if self.first_day == self.last_day:
            return f"Day {self.first_day}"
        return f"Days {self.first_day} to {self.last_day}"


def steps(counted_from: date, today: date) -> list[Step]:
    """The playbook's steps with their dates for a review counted from `counted_from`; the step(s)
    covering `today` are marked."""
    result = []
    for first, last, what in STEPS:
        starts_on = add_working_days(counted_from, first)
        ends_on = add_working_days(counted_from, last)
        result.append(
            Step(
                first_day=first,
                last_day=last,
                what=what,
                starts_on=starts_on,
                ends_on=ends_on,
                is_today=starts_on <= today <= ends_on,
                is_past=ends_on < today,
            )
        )
    return result

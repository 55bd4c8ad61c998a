"""The eight Section 11 key features (Children Act 2004, section 11), as the first version of the
standards, each with what good looks like. The QA Group publishes later versions in the system."""

STANDARDS_V1: list[tuple[str, str, str]] = [
    (
        "senior-management-commitment",
        "Senior management commitment to the importance of safeguarding and promoting children's welfare",
        "A named senior leader is accountable for safeguarding; safeguarding is in the organisation's plans "
        "and budget; the board receives safeguarding reports at least once a year and acts on them.",
    ),
    (
        "statement-of-responsibilities",
        "A clear statement of the agency's responsibilities towards children, available to all staff",
        "Staff can say what the agency's safeguarding responsibilities are and where the policy is; the policy "
        "is current, reviewed on schedule, and includes the partnership's procedures.",
    ),
    (
        "line-of-accountability",
        "A clear line of accountability for work on safeguarding and promoting the welfare of children",
        "Every member of staff knows who their designated safeguarding lead is; concerns are escalated "
        "along a known route and their outcome is recorded.",
    ),
    (
        "views-of-children-and-families",
        "Service development that takes account of the need to safeguard children and is informed by "
        "the views of children and families",
        "Children's and families' views are gathered and changes to services show what was learnt from them; "
        "new services are assessed for their effect on children's safety.",
    ),
    (
        "training",
        "Staff training on safeguarding and promoting the welfare of children",
        "Everyone has safeguarding training suited to their role, refreshed on schedule; the agency knows who "
        "is due and takes part in multi-agency training.",
    ),
    (
        "safer-recruitment",
        "Safer recruitment: checks on people who work with children",
        "Recruitment follows safer recruitment practice; DBS checks are current and recorded; allegations "
        "against staff are referred to the Local Authority Designated Officer.",
    ),
    (
        "inter-agency-working",
        "Effective inter-agency working to safeguard and promote the welfare of children",
        "Staff know how to make a referral and challenge a decision; the agency attends and contributes to "
        "multi-agency meetings and uses the partnership's escalation procedure.",
    ),
    (
        "information-sharing",
        "Information sharing",
        "Staff share information for safeguarding confidently, lawfully and promptly, and record what they "
        "shared, with whom and why.",
    ),
]

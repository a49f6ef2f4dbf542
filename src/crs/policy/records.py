"""What must be recorded for a community resolution, and where the SOP says so.

Rules name the records their finding adds (`records=`); the records every CR
needs are listed in ALWAYS, and those that need an identifiable victim in
WITH_VICTIM.
"""

RECORDS: dict[str, tuple[str, str]] = {
    "rationale": (
        "4.2.3",
        "The authorisation and its rationale, recorded by the authorising supervisor under "
        "their own login (1912, Athena investigation log or CAD log).",
    ),
    "public_interest_rationale": ("2.3.2", "A full rationale that includes the public interest."),
    "exceptional_circumstances": ("2.3.2", "The exceptional circumstances relied on."),
    "gravity_score_rationale": (
        "3.1.1",
        "How the gravity matrix score was arrived at, on the investigation log.",
    ),
    "gravity_departure_rationale": ("3.1.1", "Why the outcome departs from the gravity matrix."),
    "previous_compliance": (
        "2.4.4",
        "The offender's engagement and compliance with previous conditions.",
    ),
    "victim_views_in_full": ("2.6.1", "The victim's views, fully detailed on the 1912."),
    "authorisation_in_full": (
        "2.6.1",
        "The Inspector's authorisation, fully detailed on the 1912.",
    ),
    "acceptance_of_responsibility": (
        "3.3.3",
        "The offender's acceptance of responsibility, in the 1912 (and on BWV or EPNB where "
        "practicable).",
    ),
    "offender_consent": ("3.4.1", "The offender's consent, fully recorded on the 1912."),
    "parent_guardian_contact": (
        "3.4.2",
        "Every reasonable step taken to contact a parent or guardian before delivery, or that "
        "they were informed within 24 hours, by whom and when.",
    ),
    "appropriate_adult": (
        "3.4.3",
        "Who acted as appropriate adult, and the efforts made to find one who is not the victim.",
    ),
    "capacity_assessment": ("3.4.5", "How the offender's capacity to understand was confirmed."),
    "medical_professional": (
        "3.4.5",
        "Any medical professional who supported the assessment of capacity.",
    ),
    "dbs_disclosure_explained": (
        "4.1.1",
        "That the offender was told the CR may be disclosed on an enhanced DBS check, with no "
        "assurance given.",
    ),
    "victim_views": (
        "4.3.3",
        "The victim's views, including on the actions the offender should carry out.",
    ),
    "victim_told_voluntary": (
        "4.3.4",
        "That the victim was told the agreed outcomes are voluntary and cannot be enforced.",
    ),
    "offender_told_named_on_crime_report": (
        "4.3.4",
        "That the offender was told they will be named on the crime report.",
    ),
    "outcomes_and_timescales": (
        "4.4.3",
        "The agreed actions and their timescales; deferred ones within 16 weeks of the offence.",
    ),
    "signatures": ("4.5.1", "The 1912 offered to all parties for signature."),
    "supervisor_quality_assurance": ("4.5.1", "The supervisor's quality assurance and signature."),
    "restorative_checklist": (
        "4.5.3",
        "The restorative checklist on the 1912, if a restorative process is claimed.",
    ),
    "victim_told_no_alternative_sanction": (
        "4.6.1",
        "That the victim was told, before agreeing, that no caution can follow if the offender "
        "does not comply.",
    ),
}

ALWAYS = (
    "gravity_score_rationale",
    "acceptance_of_responsibility",
    "offender_consent",
    "dbs_disclosure_explained",
    "offender_told_named_on_crime_report",
    "outcomes_and_timescales",
    "signatures",
    "supervisor_quality_assurance",
    "restorative_checklist",
)
WITH_VICTIM = ("victim_views", "victim_told_voluntary", "victim_told_no_alternative_sanction")

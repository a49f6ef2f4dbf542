"""Cases awaiting authority on which someone other than the officer in the case did some of
the case's own work (Ruling R38), built through the services as it would happen."""

from __future__ import annotations

from crs.cases import services as s

from . import facts as f
from . import walk

CHANGED = "You recorded or changed the facts of this case, so someone else must authorise it"
ASSESSED = "You made this assessment, so someone else must authorise it"


def changed_by(pc_ali, changer):
    """pc_ali's case whose facts `changer` changed, assessed by pc_ali and awaiting authority."""
    case = walk.opened(pc_ali, f.eligible())
    s.update_facts(case, changer, f.case_facts(f.needs_sergeant()))
    s.assess(walk.fresh(case), pc_ali)
    return s.request_authorisation(walk.fresh(case), pc_ali)


def assessed_by(pc_ali, assessor):
    case = walk.opened(pc_ali, f.needs_sergeant())
    s.assess(case, assessor)
    return s.request_authorisation(walk.fresh(case), pc_ali)


def inspector_changed_after_authority(pc_ali, insp_carr):
    case = walk.authorised(pc_ali, insp_carr, f.needs_inspector())
    case = s.update_facts(
        case,
        insp_carr,
        f.case_facts(
            f.facts(victim={"consents": False}, offence={"description": "A phone charger"})
        ),
        reason="The description was wrong.",
    )
    s.assess(case, pc_ali)
    return s.request_authorisation(walk.fresh(case), pc_ali)


WAYS = [
    ("changed_by", "sgt_brown", CHANGED),
    ("assessed_by", "sgt_brown", ASSESSED),
    ("inspector_changed_after_authority", "insp_carr", CHANGED),
]


def build(way, pc_ali, other):
    return globals()[way](pc_ali, other)

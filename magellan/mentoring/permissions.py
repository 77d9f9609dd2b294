"""Who may see and do what in mentoring: plain predicates, used by views, templates and tests.

- Mentors (the mentor role, and alumni or coaches who opt in) publish an offer.
- Fellows state needs; a coach may file one on someone's behalf.
- A need's description is for its mentee(s), coaches, and the mentors it was proposed to.
- A cycle's notes are for its mentor and mentee(s) only: never coaches.
"""

from typing import Any

from magellan.directory.models import Person, Role
from magellan.directory.permissions import is_coach, roles_of
from magellan.directory.queries import person_of

from .models import Cycle, Need, NeedStatus, Proposal, ProposalStatus
from .queries import mentee_ids

OFFER_ROLES = frozenset({Role.MENTOR, Role.ALUMNI, Role.COACH})
# Proposals through which a mentor reads the need (a draft one is not sent yet).
SHOWN_TO_MENTOR = (ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)


def can_manage_mentoring(user: Any) -> bool:
    """Coaches (and staff) run rounds, file needs for others and read the cohort's figures."""
    return is_coach(user)


def can_offer(user: Any) -> bool:
    """Mentors, alumni and coaches may publish a mentoring offer (they need a person)."""
    return bool(OFFER_ROLES & roles_of(user))


def can_state_need(user: Any) -> bool:
    """Fellows state their own needs."""
    return Role.FELLOW in roles_of(user)


def is_mentee_of(person: Person | None, need: Need) -> bool:
    """The need's person, or for a collective need a fellow of the challenge's team."""
    return person is not None and person.pk in mentee_ids(need)


def can_view_need(user: Any, need: Need) -> bool:
    """The need's person, coaches, and the mentors it was proposed to."""
    if is_coach(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if is_mentee_of(person, need):
        return True
    return need.proposals.filter(mentor=person, status__in=SHOWN_TO_MENTOR).exists()


def can_edit_need(user: Any, need: Need) -> bool:
    """Its person or a coach, while it waits for a mentor."""
    return need.status == NeedStatus.OPEN and (
        is_coach(user) or is_mentee_of(person_of(user), need)
    )


def can_answer_proposal(user: Any, proposal: Proposal) -> bool:
    person = person_of(user)
    return person is not None and person.pk == proposal.mentor_id


def can_view_proposal(user: Any, proposal: Proposal) -> bool:
    """Coaches, and the mentor once it is sent to them."""
    if is_coach(user):
        return True
    return can_answer_proposal(user, proposal) and proposal.status != ProposalStatus.DRAFT


def is_in_pair(user: Any, cycle: Cycle) -> bool:
    """The mentor or one of the mentee(s)."""
    person = person_of(user)
    if person is None:
        return False
    # mentees.all(): the list a page already prefetched (queries.cycles_with_data), if any.
    return person.pk == cycle.mentor_id or any(m.pk == person.pk for m in cycle.mentees.all())


def can_view_cycle(user: Any, cycle: Cycle) -> bool:
    """The pair, and coaches (who see the sessions, never the notes)."""
    return is_coach(user) or is_in_pair(user, cycle)


def can_view_notes(user: Any, cycle: Cycle) -> bool:
    """The notes are the pair's only: not even coaches read them."""
    return is_in_pair(user, cycle)


def can_view_feedback_comment(user: Any, cycle: Cycle, feedback: Any) -> bool:
    """Coaches and the author read a comment; the mentor reads a mentee's only if shared."""
    person = person_of(user)
    if is_coach(user) or (person is not None and person.pk == feedback.person_id):
        return True
    return person is not None and person.pk == cycle.mentor_id and feedback.shared_with_mentor

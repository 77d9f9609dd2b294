"""Who may see and do what in recruitment: plain predicates, used by views, templates and tests.

- Coaches (and staff) see and manage everything.
- A reviewer (a `Reviewer` row of the call) sees only the subjects assigned to them, never one they
  declared a conflict on, and nothing before declaring their conflicts; during an anonymous
  preselection the candidate's identity is hidden from them; the others' scores are hidden until
  their own review of that subject is submitted.
- A candidate is not a user: nobody else sees an application.
"""

from typing import Any

from magellan.directory.permissions import is_coach, is_member

from .models import Assignment, Call, Checklist, Reviewer, Stage


def can_manage_recruitment(user: Any) -> bool:
    """Coaches (and staff) run calls, juries, rankings and decisions."""
    return is_coach(user)


# --- Jury ----------------------------------------------------------------------------------------


def reviewer_of(user: Any, call: Call) -> Reviewer | None:
    """The user's jury seat on this call, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Reviewer.objects.filter(call=call, user_id=user.pk).first()


def can_review(user: Any, assignment: Assignment) -> bool:
    """The assigned reviewer, once their conflicts are declared, and never on a conflicted subject."""
    reviewer = assignment.reviewer
    if reviewer.user_id != getattr(user, "pk", None) or reviewer.conflicts_declared_at is None:
        return False
    conflicts = reviewer.conflicts.all()
    if assignment.application_id is not None:
        return not conflicts.filter(application_id=assignment.application_id).exists()
    return not conflicts.filter(dossier_id=assignment.dossier_id).exists()


def can_read_jury_guide(user: Any) -> bool:
    """The inclusive-recruitment guide: members of the community and every jury member (an
    invited expert has no role)."""
    if is_member(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return Reviewer.objects.filter(user_id=user.pk).exists()


def hides_identity(user: Any, call: Call, stage: str) -> bool:
    """During an anonymous preselection, reviewers (not coaches) do not see who the candidate is."""
    return call.anonymous_preselection and stage == Stage.PRESELECTION and not is_coach(user)


# --- Onboarding ----------------------------------------------------------------------------------


def can_manage_onboarding(user: Any) -> bool:
    """Coaches (and staff) edit the templates, start checklists and follow who is late."""
    return is_coach(user)


def can_follow_checklist(user: Any, checklist: Checklist) -> bool:
    """The newcomer, their challenge's project owner (for a fellow) and coaches tick and comment."""
    from .queries import checklists_visible_to

    return checklists_visible_to(user).filter(pk=checklist.pk).exists()


# --- Calls, dossiers, applications ---------------------------------------------------------------


def identity_hidden(user: Any, application: Any) -> bool:
    """A reviewer not interviewing the candidate does not see who they are during an anonymous
    preselection (name, e-mail, phone, gender, CV); coaches always do."""
    if is_coach(user):
        return False
    interviews = Assignment.objects.filter(
        application=application, stage=Stage.INTERVIEW, reviewer__user=user
    )
    return hides_identity(user, application.call, Stage.PRESELECTION) and not interviews.exists()

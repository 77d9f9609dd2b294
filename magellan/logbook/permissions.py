"""Who may read and write the logbook: plain predicates, used by views, templates and tests.

- A fellow writes and edits their own entries; nobody else writes in them.
- An entry is read by its fellow and their cohort's coaches (and staff), and by the mentor it is
  shared with; anybody else is told nothing (404).
- The cohort trends page (aggregates only) is for the cohort's coaches.
"""

from typing import Any

from magellan.directory.models import Cohort, Role
from magellan.directory.queries import person_of

from .models import Entry
from .queries import coached_cohort_ids


def can_keep_logbook(user: Any) -> bool:
    """Fellows keep a logbook."""
    person = person_of(user)
    return person is not None and person.cohort_roles.filter(role=Role.FELLOW).exists()


def coaches_cohort(user: Any, cohort: Cohort) -> bool:
    """The cohort's coaches (and staff) read its logbooks and their trends."""
    cohorts = coached_cohort_ids(user)
    return cohorts is None or cohort.pk in cohorts


def is_author(user: Any, entry: Entry) -> bool:
    person = person_of(user)
    return person is not None and person.pk == entry.person_id


def can_read_entry(user: Any, entry: Entry) -> bool:
    """Its fellow, their cohort's coaches, and the mentor it is shared with."""
    if is_author(user, entry):
        return True
    person = person_of(user)
    if person is not None and entry.shared_with_id == person.pk:
        return True
    return getattr(user, "is_authenticated", False) and coaches_cohort(user, entry.cohort)


def can_edit_entry(user: Any, entry: Entry) -> bool:
    """Only its fellow writes in an entry (and shares it or takes it back)."""
    return is_author(user, entry)

"""The life of a help request: which status changes are allowed, and why a change is refused.

    new → taken → session planned (one or more) → resolved → closed
    new / taken / session planned → withdrawn (by its author)
    resolved → taken (reopened, within MAGELLAN_HELPDESK_REOPEN_DAYS of its resolution)

Closed and withdrawn are final. `is_allowed` is the one function every page, service and the
admin ask; `refusal` is the French message of a refused change.
"""

from django.utils.translation import gettext as _

from .models import Status

ALLOWED: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.TAKEN, Status.WITHDRAWN}),
    Status.TAKEN: frozenset({Status.SESSION_PLANNED, Status.RESOLVED, Status.WITHDRAWN}),
    Status.SESSION_PLANNED: frozenset({Status.SESSION_PLANNED, Status.RESOLVED, Status.WITHDRAWN}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.TAKEN}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def is_allowed(current: str, target: str) -> bool:
    """Whether a request in `current` may change to `target`."""
    return target in ALLOWED.get(current, frozenset())


def refusal(current: str, target: str) -> str:
    """Why a request in `current` may not change to `target`, in French."""
    if current == Status.CLOSED:
        return _("Cette demande est close : elle ne change plus.")
    if current == Status.WITHDRAWN:
        return _("Cette demande a été retirée : elle ne change plus.")
    if target == Status.RESOLVED and current == Status.NEW:
        return _("Une demande doit être prise en charge avant d’être résolue.")
    if target == Status.SESSION_PLANNED and current == Status.NEW:
        return _("Une demande doit être prise en charge avant qu’une séance soit planifiée.")
    if target == Status.CLOSED:
        return _("Seule une demande résolue peut être close.")
    if target == Status.TAKEN and current == Status.TAKEN:
        return _("Cette demande est déjà prise en charge.")
    if current == Status.RESOLVED:
        return _("Cette demande est résolue : rouvrez-la ou closez-la.")
    return _("Une demande « %(current)s » ne peut pas devenir « %(target)s ».") % {
        "current": Status(current).label,
        "target": Status(target).label,
    }

"""Where an action stands: THE one way its status changes (report page, trajectory page, the
next phase's retrospective, the admin, the demo)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory.models import Person

from ..models import Action, ActionStatus
from .base import EvaluationError


@transaction.atomic
def set_action_status(
    *, action: Action, status: str, comment: str | None = None, by: Person | None
) -> Action:
    """Set an action's status (and comment, when given) on the row as it is now (locked)."""
    if status not in ActionStatus.values:
        raise EvaluationError(_("Cet état d’action n’existe pas."))
    current = Action.objects.select_for_update().select_related("report").get(pk=action.pk)
    if not current.report.is_published:
        raise EvaluationError(
            _("Les actions d’un rapport ne se suivent qu’une fois le rapport publié.")
        )
    fields = []
    if current.status != status:
        current.status = status
        current.status_changed_at = timezone.now()
        current.status_changed_by = by
        fields += ["status", "status_changed_at", "status_changed_by"]
    if comment is not None and comment != current.status_comment:
        current.status_comment = comment
        fields.append("status_comment")
    if fields:
        current.save(update_fields=[*fields, "updated_at"])
    return current

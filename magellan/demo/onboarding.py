"""Demo onboarding: the default checklist templates, and the current cohort's checklists started at
its arrival date, partly done — some items ticked with their « réussites », some late with their
« difficultés », one newcomer with everything done.

Deterministic, through the onboarding services; the done dates are then moved to just before each
item's due date, so that the lists read like an arrival a few weeks or months ago.
Called by load_demo(); does nothing when that cohort has checklists already (a candidate recruited by the
jury demo gets one in the next cohort).
"""

import datetime

from django.utils import timezone

from magellan.directory.models import Cohort
from magellan.recruitment.models import ChecklistItem
from magellan.recruitment.services import onboarding as services

SUCCESSES = (
    "Fait dès la première semaine, merci à l’équipe d’accueil.",
    "Tout était prêt à notre arrivée.",
    "Réglé avec la DSI en une journée.",
)
DIFFICULTIES = (
    "La convention d’accès aux données attend la signature du service juridique.",
    "Le poste fourni ne permet pas d’installer Python : demande de dérogation en cours.",
    "Le badge n’est toujours pas arrivé, nous empruntons celui d’un collègue.",
)


def load_onboarding_demo(*, cohort_number: int = 9) -> int:
    """Start and partly fill the checklists of the current cohort; returns the number started."""
    cohort = Cohort.objects.filter(number=cohort_number).first()
    if cohort is None or cohort.start_date is None or cohort.checklists.exists():
        return 0
    services.ensure_defaults()
    checklists = services.start_cohort_onboarding(cohort=cohort)
    today = timezone.localdate()
    for index, checklist in enumerate(checklists):
        # Every fourth newcomer has done everything; the others leave one item in `gap` undone.
        gap = 0 if index % 4 == 3 else 3 + index % 3
        for position, item in enumerate(checklist.items.order_by("position", "pk")):
            if item.due_date >= today:
                continue
            by = checklist.person.user
            if gap and position % gap == gap - 1:
                if position % 2:
                    services.update_item(
                        item=item,
                        done=False,
                        successes="",
                        difficulties=DIFFICULTIES[(index + position) % len(DIFFICULTIES)],
                        version=item.version,
                        by=by,
                    )
                continue
            services.update_item(
                item=item,
                done=True,
                successes=SUCCESSES[(index + position) % len(SUCCESSES)]
                if position % 5 == 0
                else "",
                difficulties="",
                version=item.version,
                by=by,
            )
    # Ticked the day before each item's due date (the demo has no real history).
    for item in ChecklistItem.objects.filter(checklist__in=checklists, done_at__isnull=False):
        item.done_at = timezone.make_aware(
            datetime.datetime.combine(item.due_date - datetime.timedelta(days=1), datetime.time(10))
        )
        item.save(update_fields=["done_at"])
    return len(checklists)

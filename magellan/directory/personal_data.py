"""Personal data held by the directory: the person's entry, roles and teams (see magellan.privacy.registry)."""

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import erased_name, row, rows

from .models import Person, Profession

TITLE = _("Annuaire")
ERASE_ORDER = 900  # after the other apps: they find their rows through the person as it was


def export(person: Person) -> dict[str, Any]:
    return {
        str(_("Fiche")): row(
            person,
            "name",
            "email",
            "profession",
            "job_title",
            "gender",
            "bio",
            "linkedin_url",
            "github_url",
            "website_url",
            "is_public",
            "created_at",
        ),
        str(_("Expertises")): [e.name for e in person.expertises.order_by("name")],
        str(_("Rôles dans les promotions")): rows(
            person.cohort_roles.select_related("cohort"), "cohort", "role"
        ),
        str(_("Équipes de défi")): rows(
            person.memberships.select_related("challenge"), "challenge", "role"
        ),
    }


def erase(person: Person) -> None:
    # The admin's log repeats the person's old name in its text: its rows about them go.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
    ).delete()
    name = erased_name(person)
    person.name = name
    person.slug = f"personne-effacee-{person.pk}"
    person.email = ""
    person.profession = Profession.OTHER
    person.job_title = ""
    person.gender = ""
    person.bio = ""
    person.linkedin_url = ""
    person.github_url = ""
    person.website_url = ""
    person.is_public = False
    person.save()
    person.expertises.clear()

"""Directory workflows that are not imports (those live in `importers/`)."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from .models import Person

if TYPE_CHECKING:
    from .forms import ProfileForm

COACH_GROUP = "Coachs"
# The apps whose data coaches manage in the admin.
COACH_APPS = ("directory", "program", "grouping", "api", "core")


def coach_group() -> Group:
    """The admin group of coaches, with every permission on the apps they manage."""
    group, _ = Group.objects.get_or_create(name=COACH_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label__in=COACH_APPS)
            | Q(content_type__app_label="accounts", codename__in=["view_user", "change_user"])
        )
    )
    return group


@transaction.atomic
def grant_coach_access(*, person: Person) -> bool:
    """Make a person's account staff in the coaches' admin group; says whether it had an account."""
    if person.user is None:
        return False
    user = person.user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(coach_group())
    return True


def update_profile(*, person: Person, form: "ProfileForm") -> Person:
    """Save what a person declared about themself (the form is valid)."""
    form.instance = person
    return form.save()

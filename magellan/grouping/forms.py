"""Forms of the group pages: (re)form groups, move one person."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.directory.models import Person
from magellan.program.models import Session

from .models import MAX_SEED, Group, GroupMember


class SeedForm(DsfrBaseForm):
    """Which proposal to form: the engine's seed, internal (a hidden field, the next one)."""

    seed = forms.IntegerField(min_value=1, max_value=MAX_SEED, initial=1, widget=forms.HiddenInput)
    # Re-forming published groups is confirmed first (the confirmation page sends it).
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MoveForm(DsfrBaseForm):
    person = forms.ModelChoiceField(label=_("Personne"), queryset=Person.objects.none())
    group = forms.ModelChoiceField(label=_("Vers le groupe"), queryset=Group.objects.none())

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any grouping of the session: a page shown before a draft was made (or published)
        # still moves the person in the session's current draft (services.move_member).
        self.fields["person"].queryset = Person.objects.filter(
            group_memberships__grouping__session=session
        ).distinct()
        self.fields["group"].queryset = Group.objects.filter(
            grouping__session=session
        ).select_related("grouping__session")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person, group = cleaned.get("person"), cleaned.get("group")
        if person is not None and group is not None:
            in_grouping = GroupMember.objects.filter(grouping=group.grouping, person=person)
            if not in_grouping.exists():
                raise forms.ValidationError(
                    _("Choisissez une personne et un groupe de cette séance.")
                )
        return cleaned

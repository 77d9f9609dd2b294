"""Two coaches at once: a save onto a row changed (or deleted) meanwhile overwrites nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from magellan.directory import services
from magellan.directory.models import Cohort, Phase, PhaseKind
from tests.factories import CohortFactory, PersonFactory, PhaseFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _coach(client: Client) -> Client:
    client.force_login(PersonFactory(coach=True).user)
    return client


def _cohort_data(cohort: Cohort, **changes: str) -> dict[str, str]:
    return {
        "number": str(cohort.number),
        "variant": cohort.variant,
        "start_date": cohort.start_date.isoformat() if cohort.start_date else "",
        "end_date": cohort.end_date.isoformat() if cohort.end_date else "",
        "description": cohort.description,
        "seen": services.version_of(cohort),
    } | changes


def test_cohort_edit_changed_meanwhile_shows_current_values_and_what_was_typed(
    client: Client,
) -> None:
    cohort = CohortFactory(description="Avant")
    started_from = _cohort_data(cohort, description="Ma version")
    other = Cohort.objects.get(pk=cohort.pk)
    other.description = "Celle de l’autre coach"
    other.save()

    response = _coach(client).post(
        reverse("directory:cohort_edit", kwargs={"slug": cohort.slug}), started_from
    )

    cohort.refresh_from_db()
    assert response.status_code == 200
    assert cohort.description == "Celle de l’autre coach"
    form = response.context["form"]
    assert (form.is_bound, form.initial["description"]) == (False, "Celle de l’autre coach")
    assert form["seen"].value() == services.version_of(cohort)
    assert response.context["typed"] == [("Présentation", "Ma version")]
    assert response.context["conflict"].startswith(
        "Quelqu’un d’autre a modifié cette fiche pendant que vous la modifiiez"
    )


def test_cohort_edit_resubmitted_from_the_current_values_saves(client: Client) -> None:
    cohort = CohortFactory(description="Avant")
    stale = _cohort_data(cohort, description="Ma version")
    other = Cohort.objects.get(pk=cohort.pk)
    other.description = "Autre"
    other.save()
    url = reverse("directory:cohort_edit", kwargs={"slug": cohort.slug})
    _coach(client).post(url, stale)

    response = client.post(url, _cohort_data(other, description="Ma version"))

    cohort.refresh_from_db()
    assert response["Location"] == cohort.get_absolute_url()
    assert cohort.description == "Ma version"


def test_update_phase_of_a_phase_deleted_meanwhile_is_refused_as_gone() -> None:
    cohort = CohortFactory(start_date=D(2025, 9, 1), end_date=D(2026, 6, 30))
    phase = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    seen = services.version_of(phase)
    Phase.objects.filter(pk=phase.pk).delete()

    phase.end_date = D(2025, 11, 15)
    with pytest.raises(services.EditConflictError) as refused:
        services.update_phase(phase=phase, seen=seen)

    assert refused.value.gone is True
    assert cohort.phases.count() == 0


def test_phase_delete_refused_when_the_phase_changed_since_the_question(client: Client) -> None:
    cohort = CohortFactory(start_date=D(2025, 9, 1), end_date=D(2026, 6, 30))
    phase = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    asked = services.version_of(phase)
    phase.end_date = D(2025, 11, 20)
    services.update_phase(phase=phase, seen=asked)

    response = _coach(client).post(
        reverse("directory:phase_delete", kwargs={"slug": cohort.slug, "pk": phase.pk}),
        {"seen": asked},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Cette phase a été modifiée depuis que vous avez demandé sa suppression : elle n’a pas "
        "été supprimée. Vérifiez ses dates et recommencez si besoin."
    ]
    assert cohort.phases.count() == 1

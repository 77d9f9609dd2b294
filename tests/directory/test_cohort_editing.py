"""Cohorts and their phases, edited by coaches: the dates rule, the services, the pages and the admin."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.directory import services
from magellan.directory.models import Cohort, Phase, PhaseKind
from tests.factories import CohortFactory, PersonFactory, PhaseFactory, SessionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _cohort(**kwargs: object) -> Cohort:
    return CohortFactory(start_date=D(2025, 9, 1), end_date=D(2026, 6, 30), **kwargs)


def _dates(kind: int, start: D, end: D) -> services.PhaseDates:
    return services.PhaseDates(kind=kind, start_date=start, end_date=end)


def _coach(client: Client) -> Client:
    client.force_login(PersonFactory(coach=True).user)
    return client


def _at(day: D) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 0)))


# The rule ----------------------------------------------------------------------------------


def test_phase_refusals_accept_phases_in_order_inside_the_cohort() -> None:
    cohort = _cohort()
    first = _dates(PhaseKind.VALIDATE, D(2025, 9, 1), D(2025, 11, 30))

    refusals = services.phase_refusals(
        cohort=cohort,
        phase=_dates(PhaseKind.PROVE_CONCEPT, D(2025, 12, 1), D(2026, 2, 14)),
        others=[first],
    )

    assert refusals == []


def test_phase_refusals_refuse_a_phase_outside_its_cohort() -> None:
    cohort = _cohort()

    refusals = services.phase_refusals(
        cohort=cohort, phase=_dates(PhaseKind.AMPLIFY, D(2026, 5, 1), D(2026, 7, 15)), others=[]
    )

    assert refusals == [
        (
            "end_date",
            "La phase doit se tenir pendant la promotion (du 1er septembre 2025 au 30 juin 2026).",
        )
    ]


def test_phase_refusals_refuse_an_overlap_with_the_previous_phase() -> None:
    cohort = _cohort()
    first = _dates(PhaseKind.VALIDATE, D(2025, 9, 1), D(2025, 11, 30))

    refusals = services.phase_refusals(
        cohort=cohort,
        phase=_dates(PhaseKind.PROVE_CONCEPT, D(2025, 11, 30), D(2026, 2, 14)),
        others=[first],
    )

    assert refusals == [
        (
            "start_date",
            "« Prouver le concept » doit commencer après la fin de « Valider l’hypothèse » "
            "(le 30 novembre 2025).",
        )
    ]


def test_phase_refusals_refuse_phases_out_of_order() -> None:
    cohort = _cohort()
    later = _dates(PhaseKind.PROVE_VALUE, D(2025, 10, 1), D(2025, 10, 31))

    refusals = services.phase_refusals(
        cohort=cohort,
        phase=_dates(PhaseKind.PROVE_CONCEPT, D(2025, 11, 1), D(2025, 11, 30)),
        others=[later],
    )

    assert refusals == [
        (
            "end_date",
            "« Prouver le concept » doit finir avant le début de « Prouver la valeur » "
            "(le 1er octobre 2025).",
        )
    ]


def test_phase_refusals_refuse_a_second_phase_of_the_same_kind_and_reversed_dates() -> None:
    cohort = _cohort()
    first = _dates(PhaseKind.VALIDATE, D(2025, 9, 1), D(2025, 9, 30))

    refusals = services.phase_refusals(
        cohort=cohort,
        phase=_dates(PhaseKind.VALIDATE, D(2025, 10, 9), D(2025, 10, 2)),
        others=[first],
    )

    assert refusals == [
        ("end_date", "La fin de la phase doit être après son début."),
        ("kind", "La promotion a déjà la phase « Valider l’hypothèse »."),
    ]


def test_cohort_dates_refusals_refuse_dates_that_leave_a_phase_outside() -> None:
    phases = [
        _dates(PhaseKind.VALIDATE, D(2025, 9, 1), D(2025, 11, 30)),
        _dates(PhaseKind.AMPLIFY, D(2026, 4, 20), D(2026, 6, 30)),
    ]

    refusals = services.cohort_dates_refusals(
        start_date=D(2025, 9, 15), end_date=D(2026, 6, 1), phases=phases
    )

    assert refusals == [
        (
            "start_date",
            "La phase « Valider l’hypothèse » commence le 1er septembre 2025 : "
            "la promotion ne peut pas commencer après.",
        ),
        (
            "end_date",
            "La phase « Amplifier l’impact » finit le 30 juin 2026 : "
            "la promotion ne peut pas finir avant.",
        ),
    ]


# Services -----------------------------------------------------------------------------------


def test_update_phase_rederives_the_phase_of_the_cohorts_sessions() -> None:
    cohort = _cohort()
    first = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    second = PhaseFactory(
        cohort=cohort,
        kind=PhaseKind.PROVE_CONCEPT,
        start_date=D(2025, 12, 1),
        end_date=D(2026, 2, 14),
    )
    moved = SessionFactory(cohort=cohort, starts_at=_at(D(2025, 11, 20)), phase=first)
    stays = SessionFactory(cohort=cohort, starts_at=_at(D(2025, 10, 1)), phase=first)

    first.end_date = D(2025, 11, 15)
    services.update_phase(phase=first, seen=services.version_of(Phase.objects.get(pk=first.pk)))
    second.start_date = D(2025, 11, 16)
    services.update_phase(phase=second, seen=services.version_of(Phase.objects.get(pk=second.pk)))

    moved.refresh_from_db()
    stays.refresh_from_db()
    assert (moved.phase, stays.phase) == (second, first)


def test_create_and_delete_phase_rederive_the_sessions_phase() -> None:
    cohort = _cohort()
    session = SessionFactory(cohort=cohort, starts_at=_at(D(2025, 10, 1)))

    phase = services.create_phase(
        phase=Phase(
            cohort=cohort,
            kind=PhaseKind.VALIDATE,
            start_date=D(2025, 9, 1),
            end_date=D(2025, 11, 30),
        )
    )
    session.refresh_from_db()
    assert session.phase == phase

    services.delete_phase(phase=phase, seen=services.version_of(phase))
    session.refresh_from_db()
    assert (session.phase, cohort.phases.count()) == (None, 0)


def test_create_phase_refuses_an_overlap_and_saves_nothing() -> None:
    cohort = _cohort()
    PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))

    with pytest.raises(services.DirectoryError) as refused:
        services.create_phase(
            phase=Phase(
                cohort=cohort,
                kind=PhaseKind.PROVE_CONCEPT,
                start_date=D(2025, 11, 1),
                end_date=D(2026, 1, 31),
            )
        )

    assert str(refused.value) == (
        "« Prouver le concept » doit commencer après la fin de « Valider l’hypothèse » (le 30 novembre 2025)."
    )
    assert cohort.phases.count() == 1


def test_update_cohort_refuses_dates_that_leave_a_phase_outside() -> None:
    cohort = _cohort()
    PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    seen = services.version_of(cohort)

    cohort.start_date = D(2025, 10, 1)
    with pytest.raises(services.DirectoryError):
        services.update_cohort(cohort=cohort, seen=seen)

    cohort.refresh_from_db()
    assert cohort.start_date == D(2025, 9, 1)


def test_create_cohort_makes_a_slug_from_number_and_variant() -> None:
    _cohort(number=12, variant="", slug="promotion-12")

    cohort = services.create_cohort(cohort=Cohort(number=12, variant="DIG"))

    assert cohort.slug == "promotion-12-dig"


# Pages ---------------------------------------------------------------------------------------


def test_cohort_create_page_saves_a_cohort(client: Client) -> None:
    response = _coach(client).post(
        reverse("directory:cohort_create"),
        {
            "number": "42",
            "variant": "",
            "start_date": "2030-09-01",
            "end_date": "2031-06-30",
            "description": "",
        },
    )

    cohort = Cohort.objects.get(number=42)
    assert response["Location"] == cohort.get_absolute_url()
    assert (cohort.slug, cohort.start_date, cohort.end_date) == (
        "promotion-42",
        D(2030, 9, 1),
        D(2031, 6, 30),
    )


def test_cohort_create_page_refuses_an_existing_number_in_french(client: Client) -> None:
    _cohort(number=42, slug="promotion-42")

    response = _coach(client).post(
        reverse("directory:cohort_create"),
        {"number": "42", "variant": "", "start_date": "", "end_date": "", "description": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Une promotion porte déjà ce numéro et cette variante."]
    }
    assert Cohort.objects.filter(number=42).count() == 1


def test_phase_edit_page_moves_a_session_to_the_phase_its_date_falls_in(client: Client) -> None:
    cohort = _cohort()
    first = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    session = SessionFactory(cohort=cohort, starts_at=_at(D(2025, 12, 10)))
    url = reverse("directory:phase_edit", kwargs={"slug": cohort.slug, "pk": first.pk})

    response = _coach(client).post(
        url,
        {
            "kind": PhaseKind.VALIDATE,
            "start_date": "2025-09-01",
            "end_date": "2025-12-20",
            "fellow_competences": "",
            "owner_competences": "",
            "seen": services.version_of(first),
        },
    )

    session.refresh_from_db()
    assert response["Location"] == cohort.get_absolute_url()
    assert session.phase == first


def test_phase_edit_page_redisplays_an_overlap_in_french_and_changes_nothing(
    client: Client,
) -> None:
    cohort = _cohort()
    first = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    second = PhaseFactory(
        cohort=cohort,
        kind=PhaseKind.PROVE_CONCEPT,
        start_date=D(2025, 12, 1),
        end_date=D(2026, 2, 14),
    )
    url = reverse("directory:phase_edit", kwargs={"slug": cohort.slug, "pk": second.pk})

    response = _coach(client).post(
        url,
        {
            "kind": PhaseKind.PROVE_CONCEPT,
            "start_date": "2025-11-01",
            "end_date": "2026-02-14",
            "seen": services.version_of(second),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "start_date": [
            "« Prouver le concept » doit commencer après la fin de « Valider l’hypothèse » "
            "(le 30 novembre 2025)."
        ]
    }
    second.refresh_from_db()
    assert (first.end_date, second.start_date) == (D(2025, 11, 30), D(2025, 12, 1))


def test_phase_delete_page_asks_then_deletes(client: Client) -> None:
    cohort = _cohort()
    phase = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    url = reverse("directory:phase_delete", kwargs={"slug": cohort.slug, "pk": phase.pk})
    _coach(client)

    page = client.get(url)
    response = client.post(url, {"seen": services.version_of(phase)})

    assert "Supprimer la phase « Valider l’hypothèse » ?" in page.content.decode()
    assert response["Location"] == cohort.get_absolute_url()
    assert cohort.phases.count() == 0


def test_cohort_page_shows_edit_buttons_to_coaches_only(client: Client) -> None:
    cohort = _cohort()
    PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE, end_date=D(2025, 11, 30))
    edit = reverse("directory:cohort_edit", kwargs={"slug": cohort.slug})
    add = reverse("directory:phase_create", kwargs={"slug": cohort.slug})

    client.force_login(PersonFactory(fellow=True, cohort=cohort).user)
    as_fellow = client.get(cohort.get_absolute_url()).content.decode()
    _coach(client)
    as_coach = client.get(cohort.get_absolute_url()).content.decode()

    assert (edit in as_fellow, add in as_fellow) == (False, False)
    assert (edit in as_coach, add in as_coach) == (True, True)


# The admin ----------------------------------------------------------------------------------


def _admin_data(cohort: Cohort, phases: list[tuple[int, str, str]]) -> dict[str, object]:
    data: dict[str, object] = {
        "number": cohort.number,
        "variant": cohort.variant,
        "slug": cohort.slug,
        "start_date": cohort.start_date.isoformat() if cohort.start_date else "",
        "end_date": cohort.end_date.isoformat() if cohort.end_date else "",
        "description": "",
        "phases-TOTAL_FORMS": len(phases),
        "phases-INITIAL_FORMS": 0,
        "phases-MIN_NUM_FORMS": 0,
        "phases-MAX_NUM_FORMS": 1000,
    }
    for index, (kind, start, end) in enumerate(phases):
        data |= {
            f"phases-{index}-kind": kind,
            f"phases-{index}-start_date": start,
            f"phases-{index}-end_date": end,
            f"phases-{index}-cohort": cohort.pk,
        }
    return data


def test_admin_refuses_overlapping_phases_with_the_same_rule(client: Client) -> None:
    client.force_login(PersonFactory(staff_coach=True).user)
    cohort = _cohort()
    url = reverse("admin:directory_cohort_change", args=[cohort.pk])

    response = client.post(
        url,
        _admin_data(
            cohort,
            [
                (PhaseKind.VALIDATE, "2025-09-01", "2025-11-30"),
                (PhaseKind.PROVE_CONCEPT, "2025-11-15", "2026-02-14"),
            ],
        ),
    )

    assert response.status_code == 200
    errors = [form.errors for form in response.context["inline_admin_formsets"][0].formset.forms]
    assert errors == [
        {
            "end_date": [
                "« Valider l’hypothèse » doit finir avant le début de « Prouver le concept » "
                "(le 15 novembre 2025)."
            ]
        },
        {
            "start_date": [
                "« Prouver le concept » doit commencer après la fin de « Valider l’hypothèse » "
                "(le 30 novembre 2025)."
            ]
        },
    ]
    assert cohort.phases.count() == 0


def test_admin_saved_phases_rederive_the_sessions_phase(client: Client) -> None:
    client.force_login(PersonFactory(staff_coach=True).user)
    cohort = _cohort()
    session = SessionFactory(cohort=cohort, starts_at=_at(D(2025, 10, 1)))
    url = reverse("admin:directory_cohort_change", args=[cohort.pk])

    response = client.post(
        url, _admin_data(cohort, [(PhaseKind.VALIDATE, "2025-09-01", "2025-11-30")])
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert session.phase == cohort.phases.get()

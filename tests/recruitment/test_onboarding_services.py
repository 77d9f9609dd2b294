import datetime

import pytest

from magellan.recruitment.models import Audience, Checklist, ChecklistTemplate, TemplateItem
from magellan.recruitment.services import onboarding as services
from magellan.recruitment.services.onboarding import OnboardingError
from tests.factories import (
    ChecklistTemplateFactory,
    CohortFactory,
    PersonFactory,
    TemplateItemFactory,
)

pytestmark = pytest.mark.django_db

ARRIVAL = datetime.date(2027, 9, 6)


# --- Default templates ---------------------------------------------------------------------------


def test_ensure_defaults_creates_one_template_per_audience_with_the_six_sections():
    created = services.ensure_defaults()

    assert sorted(t.audience for t in created) == ["fellow", "project_owner"]
    fellow = ChecklistTemplate.objects.get(audience=Audience.FELLOW)
    sections = list(dict.fromkeys(fellow.items.values_list("section", flat=True)))
    assert sections == list(services.SECTIONS)
    assert fellow.items.count() == len(services.DEFAULT_ITEMS[Audience.FELLOW])


def test_ensure_defaults_leaves_an_audience_that_has_a_template():
    ChecklistTemplateFactory(audience=Audience.FELLOW, name="Le nôtre")

    created = services.ensure_defaults()

    assert [t.audience for t in created] == ["project_owner"]
    assert list(
        ChecklistTemplate.objects.filter(audience="fellow").values_list("name", flat=True)
    ) == ["Le nôtre"]


# --- start_onboarding ----------------------------------------------------------------------------


def test_start_onboarding_copies_the_active_template_with_due_dates():
    template = ChecklistTemplateFactory(audience=Audience.FELLOW)
    TemplateItemFactory(template=template, label="Badge", due_days=-3, position=2)
    TemplateItemFactory(template=template, label="Ordinateur", due_days=7, position=1)
    person = PersonFactory()
    cohort = CohortFactory()

    checklist = services.start_onboarding(
        person=person, cohort=cohort, audience="fellow", arrival_date=ARRIVAL
    )

    assert checklist.template == template
    assert checklist.arrival_date == ARRIVAL
    assert [(i.label, i.due_date) for i in checklist.items.all()] == [
        ("Ordinateur", datetime.date(2027, 9, 13)),
        ("Badge", datetime.date(2027, 9, 3)),
    ]


def test_start_onboarding_twice_returns_the_first_checklist():
    person = PersonFactory()
    cohort = CohortFactory()
    first = services.start_onboarding(
        person=person, cohort=cohort, audience="fellow", arrival_date=ARRIVAL
    )

    second = services.start_onboarding(
        person=person, cohort=cohort, audience="fellow", arrival_date=datetime.date(2028, 1, 1)
    )

    assert second.pk == first.pk
    assert second.arrival_date == ARRIVAL
    assert Checklist.objects.count() == 1


def test_start_onboarding_without_any_template_uses_the_defaults():
    checklist = services.start_onboarding(
        person=PersonFactory(),
        cohort=CohortFactory(),
        audience="project_owner",
        arrival_date=ARRIVAL,
    )

    assert checklist.template.name == services.DEFAULT_NAMES[Audience.PROJECT_OWNER]
    assert checklist.items.count() == len(services.DEFAULT_ITEMS[Audience.PROJECT_OWNER])


def test_start_onboarding_skips_inactive_templates():
    ChecklistTemplateFactory(audience="fellow", is_active=False, name="Ancien")
    active = ChecklistTemplateFactory(audience="fellow", name="Actuel")

    checklist = services.start_onboarding(
        person=PersonFactory(), cohort=CohortFactory(), audience="fellow", arrival_date=ARRIVAL
    )

    assert checklist.template == active


def test_start_onboarding_refused_when_every_template_is_retired():
    ChecklistTemplateFactory(audience="fellow", is_active=False)

    with pytest.raises(OnboardingError, match="Aucun modèle de liste d’intégration"):
        services.start_onboarding(
            person=PersonFactory(), cohort=CohortFactory(), audience="fellow", arrival_date=ARRIVAL
        )
    assert Checklist.objects.count() == 0
    assert TemplateItem.objects.count() == 0


def test_start_onboarding_refuses_a_template_of_another_audience():
    template = ChecklistTemplateFactory(audience="project_owner")

    with pytest.raises(OnboardingError, match="pas fait pour ce public"):
        services.start_onboarding(
            person=PersonFactory(),
            cohort=CohortFactory(),
            audience="fellow",
            arrival_date=ARRIVAL,
            template=template,
        )
    assert Checklist.objects.count() == 0


# --- start_cohort_onboarding ---------------------------------------------------------------------


def test_start_cohort_onboarding_gives_fellows_and_owners_their_lists_once():
    cohort = CohortFactory(start_date=datetime.date(2027, 9, 1), end_date=datetime.date(2028, 7, 1))
    fellow = PersonFactory(fellow=True, cohort=cohort)
    owner = PersonFactory(project_owner=True, cohort=cohort)
    PersonFactory(sponsor=True, cohort=cohort)
    PersonFactory(fellow=True)  # another cohort

    created = services.start_cohort_onboarding(cohort=cohort)
    again = services.start_cohort_onboarding(cohort=cohort)

    assert sorted((c.person.name, c.audience, c.arrival_date) for c in created) == sorted(
        [
            (fellow.name, "fellow", datetime.date(2027, 9, 1)),
            (owner.name, "project_owner", datetime.date(2027, 9, 1)),
        ]
    )
    assert again == []
    assert Checklist.objects.count() == 2


def test_start_cohort_onboarding_takes_the_given_arrival_date():
    cohort = CohortFactory()
    PersonFactory(fellow=True, cohort=cohort)

    [checklist] = services.start_cohort_onboarding(cohort=cohort, arrival_date=ARRIVAL)

    assert checklist.arrival_date == ARRIVAL


def test_start_cohort_onboarding_needs_a_date_when_the_cohort_has_no_start():
    cohort = CohortFactory(start_date=None, end_date=None)
    PersonFactory(fellow=True, cohort=cohort)

    with pytest.raises(OnboardingError, match="Indiquez la date d’arrivée"):
        services.start_cohort_onboarding(cohort=cohort)
    assert Checklist.objects.count() == 0


# --- update_item ---------------------------------------------------------------------------------


def _item(**kwargs):
    from tests.factories import ChecklistItemFactory

    return ChecklistItemFactory(**kwargs)


def test_update_item_ticks_with_who_and_when_and_bumps_the_version():
    item = _item()
    person = PersonFactory(with_account=True)

    saved = services.update_item(
        item=item,
        done=True,
        successes="  Poste prêt.  ",
        difficulties="Pas de droits d’installation",
        version=1,
        by=person.user,
    )

    assert saved.done_at is not None
    assert saved.done_by == person.user
    assert (saved.successes, saved.difficulties, saved.version) == (
        "Poste prêt.",
        "Pas de droits d’installation",
        2,
    )


def test_update_item_untick_clears_done():
    item = _item(version=4)
    user = PersonFactory(with_account=True).user
    services.update_item(item=item, done=True, successes="", difficulties="", version=4, by=user)

    saved = services.update_item(
        item=item, done=False, successes="", difficulties="", version=5, by=user
    )

    assert (saved.done_at, saved.done_by, saved.version) == (None, None, 6)


def test_update_item_keeps_the_first_done_date_when_saved_again():
    item = _item()
    user = PersonFactory(with_account=True).user
    first = services.update_item(
        item=item, done=True, successes="", difficulties="", version=1, by=user
    )

    second = services.update_item(
        item=item, done=True, successes="Encore", difficulties="", version=2, by=user
    )

    assert second.done_at == first.done_at


def test_update_item_refuses_a_stale_version_and_changes_nothing():
    item = _item(version=3, successes="Écrit par l’autre")
    user = PersonFactory(with_account=True).user

    with pytest.raises(OnboardingError, match="Quelqu’un a modifié cette étape"):
        services.update_item(
            item=item, done=True, successes="Le mien", difficulties="", version=2, by=user
        )

    item.refresh_from_db()
    assert (item.done_at, item.successes, item.version) == (None, "Écrit par l’autre", 3)


# --- save_template -------------------------------------------------------------------------------


def test_save_template_replaces_the_items_and_leaves_started_checklists_alone():
    template = ChecklistTemplateFactory(audience="fellow")
    kept = TemplateItemFactory(template=template, label="Gardée")
    TemplateItemFactory(template=template, label="Retirée")
    checklist = services.start_onboarding(
        person=PersonFactory(), cohort=CohortFactory(), audience="fellow", arrival_date=ARRIVAL
    )
    kept.label = "Gardée, renommée"
    new = TemplateItem(section="5. Arrivée", label="Nouvelle", responsible="coach", due_days=3)

    services.save_template(template=template, items=[kept, new])

    assert sorted(template.items.values_list("label", flat=True)) == [
        "Gardée, renommée",
        "Nouvelle",
    ]
    assert sorted(checklist.items.values_list("label", flat=True)) == ["Gardée", "Retirée"]


def test_save_template_refuses_a_template_without_items():
    template = ChecklistTemplateFactory()
    TemplateItemFactory(template=template)

    with pytest.raises(OnboardingError, match="au moins une étape"):
        services.save_template(template=template, items=[])
    assert template.items.count() == 1


def test_start_cohort_onboarding_is_all_or_nothing():
    cohort = CohortFactory()
    # The owner comes first (by name): their list is made, then undone when the fellow's is refused.
    PersonFactory(project_owner=True, cohort=cohort, name="Anne Porteuse")
    PersonFactory(fellow=True, cohort=cohort, name="Zoé Fellow")
    owners = ChecklistTemplateFactory(audience="project_owner")
    TemplateItemFactory(template=owners)
    ChecklistTemplateFactory(audience="fellow", is_active=False)

    with pytest.raises(OnboardingError, match="Aucun modèle"):
        services.start_cohort_onboarding(cohort=cohort, arrival_date=ARRIVAL)
    assert Checklist.objects.count() == 0

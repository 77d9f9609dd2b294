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

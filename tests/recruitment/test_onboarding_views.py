import datetime

import pytest
from django.test import Client
from django.urls import reverse

from magellan.recruitment import queries
from magellan.recruitment.models import Checklist, ChecklistItem, ChecklistTemplate
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    ChecklistFactory,
    ChecklistItemFactory,
    ChecklistTemplateFactory,
    CohortFactory,
    PersonFactory,
    TemplateItemFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _client(person):
    client = Client()
    client.force_login(person.user)
    return client


def _coach():
    return PersonFactory(coach=True)


def _team(cohort):
    """A challenge of the cohort with a fellow and its project owner."""
    challenge = ChallengeFactory(cohorts=[cohort])
    fellow = PersonFactory(fellow=True, cohort=cohort)
    owner = PersonFactory(project_owner=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=owner, challenge=challenge, role="project_owner")
    return fellow, owner


# --- Visibility ----------------------------------------------------------------------------------


def test_a_project_owner_sees_their_fellows_checklists_only():
    cohort = CohortFactory()
    fellow, owner = _team(cohort)
    other_fellow, _other_owner = _team(cohort)
    mine = ChecklistFactory(person=fellow, cohort=cohort)
    ChecklistFactory(person=other_fellow, cohort=cohort)
    # The fellow's list from another cohort, where the owner does not host them.
    ChecklistFactory(person=fellow, cohort=CohortFactory())
    own = ChecklistFactory(person=owner, cohort=cohort, audience="project_owner")

    assert set(queries.checklists_visible_to(owner.user)) == {mine, own}


def test_a_fellow_sees_only_their_own_checklist():
    cohort = CohortFactory()
    fellow, owner = _team(cohort)
    mine = ChecklistFactory(person=fellow, cohort=cohort)
    ChecklistFactory(person=owner, cohort=cohort, audience="project_owner")

    assert list(queries.checklists_visible_to(fellow.user)) == [mine]


def test_a_coach_sees_every_checklist():
    checklists = {ChecklistFactory(), ChecklistFactory()}

    assert set(queries.checklists_visible_to(_coach().user)) == checklists


# --- The checklist page and its items ------------------------------------------------------------


def test_the_checklist_page_shows_items_by_section_with_late_ones_flagged():
    checklist = ChecklistFactory()
    ChecklistItemFactory(
        checklist=checklist,
        section="1. Accès aux données",
        label="Accès ouvert",
        position=2,
        due_date=TODAY - datetime.timedelta(days=1),
    )
    ChecklistItemFactory(
        checklist=checklist,
        section="0. Recrutement",
        label="Contrat signé",
        position=1,
        due_date=TODAY + datetime.timedelta(days=5),
    )

    response = _client(checklist.person).get(
        reverse("recruitment:checklist_detail", args=[checklist.pk])
    )

    text = response.content.decode()
    assert (
        text.index("0. Recrutement")
        < text.index("Contrat signé")
        < text.index("1. Accès aux données")
        < text.index("Accès ouvert")
    )
    assert text.count(">en retard</span>") == 1


def _post(item, **fields):
    prefix = f"item-{item.pk}-"
    data = {
        prefix + "version": str(item.version),
        prefix + "successes": "",
        prefix + "difficulties": "",
    }
    data |= {prefix + key: value for key, value in fields.items()}
    return data


def test_the_owner_ticks_their_fellows_item():
    cohort = CohortFactory()
    fellow, owner = _team(cohort)
    item = ChecklistItemFactory(checklist=ChecklistFactory(person=fellow, cohort=cohort))

    response = _client(owner).post(
        reverse("recruitment:checklist_item", args=[item.pk]),
        _post(item, done="on", successes="Bureau prêt"),
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.done_by, item.successes, item.version) == (owner.user, "Bureau prêt", 2)
    page = _client(fellow).get(response["Location"]).content.decode()
    assert f"par {owner.name}." in page


def test_a_stale_item_is_refused_and_the_users_text_is_kept_on_the_page():
    item = ChecklistItemFactory(successes="Saisi par le porteur", version=2)
    stale = ChecklistItem.objects.get(pk=item.pk)
    stale.version = 1

    response = _client(item.checklist.person).post(
        reverse("recruitment:checklist_item", args=[item.pk]),
        _post(stale, done="on", difficulties="Ma difficulté à moi"),
    )

    assert response.status_code == 409
    text = response.content.decode()
    assert "Quelqu’un a modifié cette étape" in text
    assert "Ma difficulté à moi" in text
    assert "Saisi par le porteur" in text
    item.refresh_from_db()
    assert (item.done_at, item.difficulties, item.version) == (None, "", 2)


def test_a_broken_item_form_changes_nothing():
    item = ChecklistItemFactory()

    response = _client(item.checklist.person).post(
        reverse("recruitment:checklist_item", args=[item.pk]),
        {f"item-{item.pk}-done": "on", f"item-{item.pk}-version": "pas un nombre"},
    )

    assert response.status_code == 400
    item.refresh_from_db()
    assert (item.done_at, item.version) == (None, 1)


# --- My list -------------------------------------------------------------------------------------


def test_my_list_page_lists_my_fellows_lists_for_a_project_owner():
    cohort = CohortFactory()
    fellow, owner = _team(cohort)
    ChecklistFactory(person=fellow, cohort=cohort)

    response = _client(owner).get(reverse("recruitment:onboarding_mine"))

    assert "Les listes de mes EIG" in response.content.decode()
    assert fellow.name in response.content.decode()


def test_my_list_page_queries_do_not_grow_with_the_fellows_lists():
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    owner = PersonFactory(project_owner=True, cohort=cohort)
    ChallengeMembershipFactory(person=owner, challenge=challenge, role="project_owner")

    def make():
        fellow = PersonFactory(fellow=True, cohort=cohort)
        ChallengeMembershipFactory(person=fellow, challenge=challenge)
        checklist = ChecklistFactory(person=fellow, cohort=cohort)
        ChecklistItemFactory(checklist=checklist, due_date=TODAY - datetime.timedelta(days=2))
        return fellow.name

    assert_queries_do_not_grow(_client(owner), reverse("recruitment:onboarding_mine"), make)


# --- The coaches' cohort view --------------------------------------------------------------------


def test_the_cohort_view_counts_who_is_late_on_what():
    cohort = CohortFactory()
    late_day = TODAY - datetime.timedelta(days=3)
    first = ChecklistFactory(cohort=cohort)
    second = ChecklistFactory(cohort=cohort)
    on_time = ChecklistFactory(cohort=cohort)
    for checklist in (first, second):
        ChecklistItemFactory(checklist=checklist, label="Badge remis", due_date=late_day)
    ChecklistItemFactory(checklist=first, label="Ordinateur remis", due_date=late_day)
    ChecklistItemFactory(
        checklist=second, label="Ordinateur remis", due_date=late_day, done_at="2026-01-01T10:00Z"
    )
    ChecklistItemFactory(checklist=on_time, label="Badge remis", due_date=TODAY)

    overview = queries.cohort_onboarding(cohort, TODAY)

    assert overview.late_total == 3
    assert {c.pk: c.late_count for c in overview.late_checklists} == {first.pk: 2, second.pk: 1}
    assert [(r.label, r.count) for r in overview.late_by_item] == [
        ("Badge remis", 2),
        ("Ordinateur remis", 1),
    ]


def test_the_cohort_view_queries_do_not_grow():
    cohort = CohortFactory()

    def make():
        checklist = ChecklistFactory(cohort=cohort)
        ChecklistItemFactory(checklist=checklist, due_date=TODAY - datetime.timedelta(days=1))
        return checklist.person.name

    url = reverse("recruitment:onboarding_cohort") + f"?promotion={cohort.slug}"
    assert_queries_do_not_grow(_client(_coach()), url, make)


def test_starting_a_cohort_from_the_page():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)

    response = _client(_coach()).post(
        reverse("recruitment:onboarding_start", args=[cohort.slug]), {"arrival_date": "2027-09-06"}
    )

    assert response.status_code == 302
    assert Checklist.objects.get().person == fellow
    assert Checklist.objects.get().arrival_date == datetime.date(2027, 9, 6)


# --- Templates -----------------------------------------------------------------------------------


def _template_post(**extra):
    data = {
        "name": "Arrivée EIG 2027",
        "audience": "fellow",
        "is_active": "on",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-section": "0. Recrutement",
        "items-0-label": "Contrat signé",
        "items-0-responsible": "host",
        "items-0-due_days": "-10",
        "items-0-position": "1",
        # An empty extra form, as a browser sends it.
        "items-1-due_days": "0",
        "items-1-position": "0",
    }
    return data | extra


def test_a_coach_creates_a_template_with_items():
    response = _client(_coach()).post(
        reverse("recruitment:onboarding_template_create"), _template_post()
    )

    assert response.status_code == 302
    template = ChecklistTemplate.objects.get(name="Arrivée EIG 2027")
    assert list(template.items.values_list("label", "due_days")) == [("Contrat signé", -10)]


def test_a_template_without_items_is_refused_and_nothing_is_created():
    data = _template_post()
    for key in ("section", "label", "responsible"):
        del data[f"items-0-{key}"]
    data |= {"items-0-due_days": "0", "items-0-position": "0"}

    response = _client(_coach()).post(reverse("recruitment:onboarding_template_create"), data)

    assert response.status_code == 200
    assert "Un modèle compte au moins une étape." in response.content.decode()
    assert ChecklistTemplate.objects.filter(name="Arrivée EIG 2027").count() == 0


def test_the_templates_page_creates_the_defaults_and_lists_them():
    response = _client(_coach()).get(reverse("recruitment:onboarding_templates"))

    text = response.content.decode()
    assert "Arrivée d’un ou une EIG" in text
    assert "Accueil des EIG (porteurs et porteuses de projet)" in text


def test_editing_a_template_removes_a_deleted_item():
    template = ChecklistTemplateFactory(name="Modèle")
    kept = TemplateItemFactory(template=template, label="Gardée")
    removed = TemplateItemFactory(template=template, label="Retirée")
    data = {
        "name": "Modèle",
        "audience": "fellow",
        "is_active": "on",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "2",
    }
    for index, item in enumerate((kept, removed)):
        data |= {
            f"items-{index}-id": str(item.pk),
            f"items-{index}-template": str(template.pk),
            f"items-{index}-section": item.section,
            f"items-{index}-label": item.label,
            f"items-{index}-responsible": item.responsible,
            f"items-{index}-due_days": "0",
            f"items-{index}-position": str(index),
        }
    data["items-1-DELETE"] = "on"

    response = _client(_coach()).post(
        reverse("recruitment:onboarding_template_edit", args=[template.pk]), data
    )

    assert response.status_code == 302
    assert list(template.items.values_list("label", flat=True)) == ["Gardée"]

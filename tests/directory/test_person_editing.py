"""People and their roles per cohort, edited by coaches."""

import pytest
from django.test import Client
from django.urls import reverse

from magellan.directory import services
from magellan.directory.models import CohortRole, Person, Profession, Role
from tests.factories import CohortFactory, CohortRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _coach(client: Client) -> Client:
    client.force_login(PersonFactory(coach=True).user)
    return client


def _person_data(**values: str) -> dict[str, str]:
    return {
        "name": "Lou Nouvelle",
        "email": "",
        "profession": Profession.DESIGN,
        "job_title": "",
    } | values


def test_person_create_page_saves_with_a_slug_and_a_lower_case_email(client: Client) -> None:
    response = _coach(client).post(
        reverse("directory:person_create"),
        _person_data(email="Lou.Nouvelle@Example.org", job_title="Designer", is_public="on"),
    )

    person = Person.objects.get(name="Lou Nouvelle")
    assert response["Location"] == person.get_absolute_url()
    assert (person.slug, person.email, person.profession, person.job_title, person.is_public) == (
        "lou-nouvelle",
        "lou.nouvelle@example.org",
        Profession.DESIGN,
        "Designer",
        True,
    )


def test_person_create_page_refuses_an_email_another_person_has_in_any_case(
    client: Client,
) -> None:
    PersonFactory(name="Ada Ancienne", email="ada@example.org")

    response = _coach(client).post(
        reverse("directory:person_create"), _person_data(email="ADA@example.org")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Ada Ancienne a déjà cette adresse e-mail."]
    }
    assert Person.objects.count() == 2  # Ada and the coach


def test_person_create_page_does_not_take_a_pages_path_as_slug(client: Client) -> None:
    _coach(client).post(reverse("directory:person_create"), _person_data(name="Ajouter"))

    assert Person.objects.get(name="Ajouter").slug == "ajouter-2"


def test_person_edit_page_keeps_its_email_and_saves_the_rest(client: Client) -> None:
    person = PersonFactory(email="lou@example.org", profession=Profession.DESIGN)

    response = _coach(client).post(
        reverse("directory:person_edit", kwargs={"slug": person.slug}),
        _person_data(
            name=person.name,
            email="lou@example.org",
            profession=Profession.PRODUCT,
            seen=services.version_of(person),
        ),
    )

    person.refresh_from_db()
    assert response["Location"] == person.get_absolute_url()
    assert (person.profession, person.is_public) == (Profession.PRODUCT, False)


def test_person_edit_page_keeps_what_the_person_declared_meanwhile(client: Client) -> None:
    person = PersonFactory(job_title="Avant")
    seen = services.version_of(person)
    declared = Person.objects.get(pk=person.pk)
    declared.job_title = "Ce que la personne a écrit"
    declared.save()

    response = _coach(client).post(
        reverse("directory:person_edit", kwargs={"slug": person.slug}),
        _person_data(
            name=person.name,
            email=person.email,
            profession=person.profession,
            job_title="Coach",
            seen=seen,
        ),
    )

    person.refresh_from_db()
    assert (response.status_code, person.job_title) == (200, "Ce que la personne a écrit")
    assert response.context["typed"] == [("Intitulé de poste", "Coach")]


def test_person_roles_page_adds_a_role_and_refuses_it_twice(client: Client) -> None:
    person = PersonFactory(name="Lou Nouvelle")
    cohort = CohortFactory(number=9, slug="promotion-9")
    url = reverse("directory:person_roles", kwargs={"slug": person.slug})
    _coach(client)

    added = client.post(url, {"cohort": cohort.pk, "role": Role.MENTOR})
    again = client.post(url, {"cohort": cohort.pk, "role": Role.MENTOR})

    assert added["Location"] == url
    assert again.context["form"].errors == {
        "__all__": ["Lou Nouvelle est déjà Parrain·marraine de la Promotion 9."]
    }
    assert list(person.cohort_roles.values_list("cohort__number", "role")) == [(9, "mentor")]


def test_role_delete_removes_one_role_of_this_person(client: Client) -> None:
    person = PersonFactory()
    leaving = CohortRoleFactory(person=person, role=Role.FELLOW)
    kept = CohortRoleFactory(person=person, role=Role.ALUMNI)
    elsewhere = CohortRoleFactory()
    _coach(client)

    response = client.post(
        reverse("directory:role_delete", kwargs={"slug": person.slug, "pk": leaving.pk})
    )
    other = client.post(
        reverse("directory:role_delete", kwargs={"slug": person.slug, "pk": elsewhere.pk})
    )

    assert response.status_code == 302
    assert other.status_code == 404
    assert list(person.cohort_roles.all()) == [kept]
    assert CohortRole.objects.filter(pk=elsewhere.pk).exists()


def test_person_pages_show_edit_buttons_to_coaches_only(client: Client) -> None:
    person = PersonFactory(public=True)
    edit = reverse("directory:person_edit", kwargs={"slug": person.slug})
    roles = reverse("directory:person_roles", kwargs={"slug": person.slug})
    add = reverse("directory:person_create")

    def page(user: object) -> str:
        client.force_login(user)  # type: ignore[arg-type]
        detail = client.get(person.get_absolute_url()).content.decode()
        return detail + client.get(reverse("directory:person_list")).content.decode()

    as_fellow = page(PersonFactory(fellow=True).user)
    as_coach = page(PersonFactory(coach=True).user)

    assert (edit in as_fellow, roles in as_fellow, add in as_fellow) == (False, False, False)
    assert (edit in as_coach, roles in as_coach, add in as_coach) == (True, True, True)


def test_admin_person_refuses_an_email_another_person_has_with_the_same_rule(
    client: Client,
) -> None:
    client.force_login(PersonFactory(staff_coach=True).user)
    PersonFactory(name="Ada Ancienne", email="ada@example.org")

    response = client.post(
        reverse("admin:directory_person_add"),
        {
            "name": "Ada Bis",
            "slug": "ada-bis",
            "email": "Ada@Example.org",
            "profession": Profession.DESIGN,
            "cohort_roles-TOTAL_FORMS": 0,
            "cohort_roles-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Ada Ancienne a déjà cette adresse e-mail."
    ]
    assert not Person.objects.filter(slug="ada-bis").exists()

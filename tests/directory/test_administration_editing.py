"""Administrations and their other spellings, edited by coaches: the alias rule, pages and admin."""

import pytest
from django.test import Client
from django.urls import reverse

from magellan.directory import services
from magellan.directory.models import Administration, AdministrationAlias
from tests.factories import AdministrationAliasFactory, AdministrationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _coach(client: Client) -> Client:
    client.force_login(PersonFactory(coach=True).user)
    return client


def test_alias_refusal_names_the_administration_that_already_has_the_spelling() -> None:
    dinum = AdministrationFactory(name="Direction interministérielle du numérique")
    AdministrationAliasFactory(administration=dinum, name="DINUM")
    other = AdministrationFactory(name="Cour des comptes")

    refusal = services.alias_refusal(administration=other, name="  dinum ")

    assert refusal == (
        "« dinum » est déjà un autre nom de l’administration "
        "« Direction interministérielle du numérique »."
    )


def test_alias_refusal_compares_spellings_as_the_importer_does() -> None:
    AdministrationFactory(name="Ministère de l’Économie")
    other = AdministrationFactory(name="Cour des comptes")

    refusal = services.alias_refusal(administration=other, name="MINISTERE DE L'ECONOMIE")

    assert refusal == (
        "« MINISTERE DE L'ECONOMIE » est le nom de l’administration « Ministère de l’Économie »."
    )


def test_alias_refusal_accepts_a_new_spelling_and_refuses_the_own_name_and_repeats() -> None:
    admin = AdministrationFactory(name="Cour des comptes")
    AdministrationAliasFactory(administration=admin, name="CDC")

    assert services.alias_refusal(administration=admin, name="La Cour des comptes") is None
    assert services.alias_refusal(administration=admin, name="cour des Comptes") == (
        "« cour des Comptes » est déjà le nom de cette administration."
    )
    assert services.alias_refusal(administration=admin, name="cdc") == (
        "« cdc » est déjà un autre nom de cette administration."
    )
    assert services.alias_refusal(administration=admin, name=" … ") == (
        "Saisissez un autre nom (des lettres ou des chiffres)."
    )


def test_add_alias_stores_the_normalised_key() -> None:
    admin = AdministrationFactory()

    alias = services.add_alias(administration=admin, name="Ministère des Armées")

    assert (alias.administration, alias.key) == (admin, "ministere des armees")


def test_create_administration_refuses_the_name_of_an_existing_alias() -> None:
    dinum = AdministrationFactory(name="Direction interministérielle du numérique")
    AdministrationAliasFactory(administration=dinum, name="DINUM")

    with pytest.raises(services.DirectoryError) as refused:
        services.create_administration(administration=Administration(name="Dinum"))

    assert str(refused.value) == (
        "« Dinum » est déjà un autre nom de l’administration "
        "« Direction interministérielle du numérique »."
    )
    assert Administration.objects.count() == 1


def test_administration_create_page_saves_with_a_slug(client: Client) -> None:
    response = _coach(client).post(
        reverse("directory:administration_create"),
        {
            "name": "Agence nationale de la cohésion des territoires",
            "acronym": "ANCT",
            "website": "",
        },
    )

    admin = Administration.objects.get(acronym="ANCT")
    assert admin.slug == "agence-nationale-de-la-cohesion-des-territoires"
    assert response["Location"] == admin.get_absolute_url()


def test_administration_create_page_refuses_a_name_spelled_differently_in_french(
    client: Client,
) -> None:
    AdministrationFactory(name="Cour des comptes")

    response = _coach(client).post(
        reverse("directory:administration_create"),
        {"name": "COUR DES COMPTES", "acronym": "", "website": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Une administration porte déjà ce nom : « Cour des comptes »."]
    }
    assert Administration.objects.count() == 1


def test_aliases_page_adds_a_spelling_and_refuses_one_of_another_administration(
    client: Client,
) -> None:
    dinum = AdministrationFactory(name="Direction interministérielle du numérique")
    AdministrationAliasFactory(administration=dinum, name="DINUM")
    admin = AdministrationFactory(name="Cour des comptes")
    url = reverse("directory:administration_aliases", kwargs={"slug": admin.slug})
    _coach(client)

    added = client.post(url, {"name": "La Cour"})
    refused = client.post(url, {"name": "Dinum"})

    assert added["Location"] == url
    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "name": [
            "« Dinum » est déjà un autre nom de l’administration "
            "« Direction interministérielle du numérique »."
        ]
    }
    assert list(admin.aliases.values_list("name", flat=True)) == ["La Cour"]
    assert list(dinum.aliases.values_list("name", flat=True)) == ["DINUM"]


def test_alias_delete_removes_only_this_administrations_spelling(client: Client) -> None:
    admin = AdministrationFactory()
    alias = AdministrationAliasFactory(administration=admin, name="Ancien nom")
    elsewhere = AdministrationAliasFactory(name="Ailleurs")
    _coach(client)

    response = client.post(
        reverse("directory:alias_delete", kwargs={"slug": admin.slug, "pk": alias.pk})
    )
    other = client.post(
        reverse("directory:alias_delete", kwargs={"slug": admin.slug, "pk": elsewhere.pk})
    )

    assert response["Location"] == reverse(
        "directory:administration_aliases", kwargs={"slug": admin.slug}
    )
    assert other.status_code == 404
    assert list(AdministrationAlias.objects.values_list("name", flat=True)) == ["Ailleurs"]


def test_administration_edit_page_keeps_a_concurrent_edit(client: Client) -> None:
    admin = AdministrationFactory(name="Cour des comptes", acronym="")
    seen = services.version_of(admin)
    other = Administration.objects.get(pk=admin.pk)
    other.acronym = "CC"
    other.save()

    response = _coach(client).post(
        reverse("directory:administration_edit", kwargs={"slug": admin.slug}),
        {"name": "Cour des comptes", "acronym": "CDC", "website": "", "seen": seen},
    )

    admin.refresh_from_db()
    assert (response.status_code, admin.acronym) == (200, "CC")
    assert response.context["typed"] == [("Sigle", "CDC")]


def test_administration_pages_show_edit_buttons_to_coaches_only(client: Client) -> None:
    admin = AdministrationFactory()
    edit = reverse("directory:administration_edit", kwargs={"slug": admin.slug})
    add = reverse("directory:administration_create")

    client.force_login(PersonFactory(fellow=True).user)
    as_fellow = client.get(admin.get_absolute_url()).content.decode()
    as_fellow += client.get(reverse("directory:administration_list")).content.decode()
    _coach(client)
    as_coach = client.get(admin.get_absolute_url()).content.decode()
    as_coach += client.get(reverse("directory:administration_list")).content.decode()

    assert (edit in as_fellow, add in as_fellow) == (False, False)
    assert (edit in as_coach, add in as_coach) == (True, True)


def test_admin_alias_inline_refuses_a_spelling_of_another_administration(client: Client) -> None:
    client.force_login(PersonFactory(staff_coach=True).user)
    dinum = AdministrationFactory(name="Direction interministérielle du numérique")
    AdministrationAliasFactory(administration=dinum, name="DINUM")
    admin = AdministrationFactory(name="Cour des comptes")

    response = client.post(
        reverse("admin:directory_administration_change", args=[admin.pk]),
        {
            "name": admin.name,
            "acronym": "",
            "slug": admin.slug,
            "website": "",
            "aliases-TOTAL_FORMS": 1,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
            "aliases-0-name": "Dinum",
            "aliases-0-administration": admin.pk,
        },
    )

    assert response.status_code == 200
    errors = [form.errors for form in response.context["inline_admin_formsets"][0].formset.forms]
    assert errors == [
        {
            "name": [
                "« Dinum » est déjà un autre nom de l’administration "
                "« Direction interministérielle du numérique »."
            ]
        }
    ]
    assert admin.aliases.count() == 0

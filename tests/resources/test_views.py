import pytest
from django.test import Client
from django.urls import reverse

from magellan.directory.models import PhaseKind
from magellan.resources.models import Guide, GuideUse
from tests.factories import (
    ExpertiseFactory,
    GuideFactory,
    GuideUseFactory,
    PersonFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _client(person=None):
    client = Client()
    if person is not None:
        client.force_login(person.user)
    return client


def _guide_form(guide, **changes):
    data = {
        "title": guide.title,
        "summary": guide.summary,
        "body": guide.body,
        "visibility": guide.visibility,
        "version": guide.version,
        "note": "",
    }
    return data | changes


def test_the_guide_list_does_not_grow_in_queries_with_its_guides():
    design = ExpertiseFactory(name="Design")
    counter = iter(range(100))

    def make():
        title = f"Guide numéro {next(counter)}"
        GuideFactory(title=title, phases=[PhaseKind.VALIDATE], expertises=[design])
        return title

    for person in (None, PersonFactory(coach=True)):
        assert_queries_do_not_grow(_client(person), reverse("resources:guide_list"), make)


def test_the_list_filters_by_phase_and_expertise_from_the_query_string():
    design = ExpertiseFactory(name="Design", slug="design")
    GuideFactory(title="Prototyper", phases=[PhaseKind.PROVE_CONCEPT], expertises=[design])
    GuideFactory(title="Accueillir", phases=[PhaseKind.VALIDATE])

    by_phase = _client().get(reverse("resources:guide_list"), {"phase": PhaseKind.VALIDATE})
    by_expertise = _client().get(reverse("resources:guide_list"), {"expertise": "design"})

    assert [g.title for g in by_phase.context["page_obj"]] == ["Accueillir"]
    assert [g.title for g in by_expertise.context["page_obj"]] == ["Prototyper"]


def test_the_public_list_leaves_out_members_only_guides_and_drafts():
    GuideFactory(title="Ouvert")
    GuideFactory(title="Entre nous", members=True)
    GuideFactory(title="Pas fini", draft=True)

    page = _client().get(reverse("resources:guide_list")).content.decode()
    member_page = _client(PersonFactory(fellow=True)).get(reverse("resources:guide_list"))

    assert "Ouvert" in page
    assert "Entre nous" not in page
    assert "Pas fini" not in page
    assert [g.title for g in member_page.context["page_obj"]] == ["Entre nous", "Ouvert"]


def test_a_hostile_body_is_rendered_without_script_handler_or_javascript_link():
    guide = GuideFactory(
        body=(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
            "[clic](javascript:alert(3)) et **gras**"
        )
    )

    page = _client().get(guide.get_absolute_url()).content.decode()

    assert "<script>alert" not in page
    assert "onerror" not in page
    assert "javascript:alert" not in page
    assert "<strong>gras</strong>" in page


def test_a_coach_writes_a_guide_that_starts_as_a_draft():
    coach = PersonFactory(coach=True)
    design = ExpertiseFactory(name="Design")

    response = _client(coach).post(
        reverse("resources:guide_create"),
        {
            "title": "Faire relire son code",
            "summary": "Pourquoi et comment.",
            "body": "## Pourquoi\n\nDeux yeux valent mieux qu’un.",
            "phases": [PhaseKind.PROVE_CONCEPT],
            "expertises": [design.pk],
            "visibility": "members",
        },
    )

    guide = Guide.objects.get()
    assert response["Location"] == guide.get_absolute_url()
    assert (guide.title, guide.status, guide.author) == ("Faire relire son code", "draft", coach)


def test_an_empty_title_redisplays_the_form_with_the_text_typed():
    coach = PersonFactory(coach=True)

    response = _client(coach).post(
        reverse("resources:guide_create"),
        {"title": "", "summary": "Résumé", "body": "Texte écrit", "visibility": "public"},
    )

    assert response.status_code == 200
    assert "Texte écrit" in response.content.decode()
    assert Guide.objects.count() == 0


def test_an_edit_on_a_stale_version_is_refused_and_the_text_redisplayed():
    coach, other = PersonFactory(coach=True, name="Alice Coach"), PersonFactory(coach=True)
    guide = GuideFactory(body="Texte d’origine")
    url = reverse("resources:guide_edit", args=[guide.slug])
    _client(coach).post(url, _guide_form(guide, body="Texte d’Alice"))

    response = _client(other).post(url, _guide_form(guide, body="Mon texte précieux"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "modifié par Alice Coach" in page
    assert "Mon texte précieux" in page
    guide.refresh_from_db()
    assert (guide.body, guide.version) == ("Texte d’Alice", 2)
    # Sent again from the page that said so, it is saved over the newer version, knowingly.
    assert response.context["form"]["version"].value() == "2"
    again = _client(other).post(url, _guide_form(guide, body="Mon texte fusionné", version=2))
    guide.refresh_from_db()
    assert (again.status_code, guide.body, guide.version) == (302, "Mon texte fusionné", 3)


def test_an_edit_saves_a_revision_and_the_history_shows_an_escaped_diff():
    coach = PersonFactory(coach=True)
    guide = GuideFactory(body="Première ligne\n\nSeconde ligne")
    _client(coach).post(
        reverse("resources:guide_edit", args=[guide.slug]),
        _guide_form(guide, body="Première ligne\n\nSeconde <b>ligne</b> revue", note="Relecture"),
    )

    page = (
        _client(PersonFactory(fellow=True))
        .get(reverse("resources:guide_history", args=[guide.slug]))
        .content.decode()
    )

    assert "Relecture" in page
    assert '<del><span class="fr-sr-only">retiré :</span>ligne</del>' in page
    assert "&lt;b&gt;ligne&lt;/b&gt; revue</ins>" in page
    assert f"Version 2, par {coach.name}" in page


def test_a_session_page_shows_the_guides_it_used_to_those_who_may_read_them():
    fellow = PersonFactory(fellow=True)
    session = SessionFactory(cohort=fellow.cohort_roles.get().cohort)
    GuideUseFactory(session=session, guide=GuideFactory(title="Guide du prototype"))
    GuideUseFactory(session=session, guide=GuideFactory(title="Guide brouillon", draft=True))

    page = _client(fellow).get(session.get_absolute_url()).content.decode()
    coach_page = _client(PersonFactory(coach=True)).get(session.get_absolute_url()).content
    guide_page = _client(fellow).get(
        Guide.objects.get(title="Guide du prototype").get_absolute_url()
    )

    assert "Guide du prototype" in page
    assert "Guide brouillon" not in page
    assert "Relier un guide" not in page
    assert "Relier un guide" in coach_page.decode()
    assert session.display_title in guide_page.content.decode()


def test_a_coach_links_a_guide_to_a_session_and_a_refusal_is_shown():
    coach = PersonFactory(coach=True)
    session = SessionFactory()
    guide = GuideFactory(title="Guide utile")
    url = reverse("resources:session_link", args=[session.pk])

    first = _client(coach).post(url, {"guide": guide.pk})
    second = _client(coach).post(url, {"guide": guide.pk})

    assert first["Location"] == url
    assert second.status_code == 200
    assert "déjà relié" in second.content.decode()
    assert GuideUse.objects.count() == 1


def test_a_bad_link_address_is_refused_with_a_message():
    coach = PersonFactory(coach=True)
    guide = GuideFactory()

    response = _client(coach).post(
        reverse("resources:link_add", args=[guide.slug]),
        {"label": "Lien", "url": "javascript:alert(1)"},
        follow=True,
    )

    assert "Le lien n’est pas ajouté" in response.content.decode()
    assert guide.links.count() == 0

import itertools

import pytest
from django.db import connection
from django.urls import reverse

from magellan.search import services
from tests.factories import (
    AnswerFactory,
    GuideFactory,
    HelpRequestFactory,
    PersonFactory,
    QuestionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

URL = reverse("search:results")
NAMES = (f"Fiche {word}" for word in itertools.cycle(["alpha", "bravo", "charlie", "delta"]))


def test_the_page_without_a_query_shows_the_form_only(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["results"] is None
    assert 'name="q"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Saisissez un ou plusieurs mots à rechercher."),
        ("x" * 300, "Votre recherche est trop longue : 200 caractères au plus (elle en a 300)."),
    ],
)
def test_a_query_that_cannot_be_searched_is_a_message_on_the_form(client, query, message):
    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert response.context["results"] is None
    assert response.context["form"].errors == {"q": [message]}


@pytest.mark.parametrize("page", ["abc", "-3", "0", "99999999999999999999999"])
def test_any_page_number_is_answered(client, page):
    GuideFactory(title="Prototype")

    response = client.get(URL, {"q": "prototype", "page": page})

    assert response.status_code == 200
    assert response.context["results"].page == 1


def test_the_results_show_marked_titles_and_escaped_extracts(client):
    GuideFactory(
        title="Sécurité des applications",
        summary="",
        body="Sécurité <script>alert('x')</script> avant tout.",
    )

    content = client.get(URL, {"q": "sécurité"}).content.decode()

    assert "<mark>Sécurité</mark> des applications" in content
    assert "<script>alert(" not in content
    assert "alert(&#x27;x&#x27;)" in content  # the text stays, as text (ts_headline drops tags)
    assert "1 résultat" in content


def test_a_capped_count_reads_plus_de(client, monkeypatch):
    monkeypatch.setattr(services, "CANDIDATES", 2)
    for number in range(3):
        GuideFactory(title=f"Prototype {number}")
    client.force_login(PersonFactory(fellow=True).user)

    content = client.get(URL, {"q": "prototype"}).content.decode()

    assert "Plus de 2 résultats : précisez votre recherche pour les voir tous" in content
    assert "Guides (plus de 2)" in content


def test_a_member_filters_by_kind_and_sees_every_count(client):
    fellow = PersonFactory(fellow=True)
    GuideFactory(title="Prototype en papier")
    HelpRequestFactory(author=fellow, subject="Tester notre prototype")
    client.force_login(fellow.user)

    results = client.get(URL, {"q": "prototype", "type": ["guide"]}).context["results"]

    assert [str(hit.title) for hit in results.hits] == ["<mark>Prototype</mark> en papier"]
    assert {f.kind: (f.count, f.selected) for f in results.facets} == {
        "question": (0, False),
        "answer": (0, False),
        "guide": (1, True),
        "help_request": (1, False),
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Typo correction is PostgreSQL's.")
def test_the_page_says_which_words_were_corrected(client):
    GuideFactory(title="Accessibilité numérique")

    content = client.get(URL, {"q": "accesibilite"}).content.decode()

    assert "Résultats pour « accessibilite » (au lieu de « accesibilite »)" in content


@pytest.mark.skipif(connection.vendor != "sqlite", reason="The fallback's notice.")
def test_the_fallback_says_what_it_does_not_do(client):
    GuideFactory(title="Prototype")

    content = client.get(URL, {"q": "prototype"}).content.decode()

    assert "Recherche simplifiée" in content
    assert "sans corriger les fautes de frappe" in content


def test_the_header_has_a_search_field_on_every_page(client):
    content = client.get(reverse("home")).content.decode()

    assert f'action="{URL}"' in content
    assert 'id="header-search-input" name="q"' in content


def _make_guide(**kwargs):
    def make():
        name = next(NAMES) + f" {GuideFactory._meta.next_sequence()}"
        GuideFactory(title=f"{name} : prototype", **kwargs)
        return name

    return make


def test_query_count_for_the_public(client):
    assert_queries_do_not_grow(client, URL + "?q=prototype", _make_guide())


def test_query_count_for_a_coach(client):
    client.force_login(PersonFactory(coach=True).user)

    assert_queries_do_not_grow(client, URL + "?q=prototype", _make_guide(draft=True))


def _make_one_of_each_kind():
    name = next(NAMES) + f" {GuideFactory._meta.next_sequence()}"
    title = f"{name} : prototype"
    GuideFactory(title=title, draft=True)
    HelpRequestFactory(subject=title)
    question = QuestionFactory(title=title)
    AnswerFactory(question=question, body="Un prototype en papier suffit.")
    return name


def test_query_count_for_a_coach_finding_every_kind(client):
    client.force_login(PersonFactory(coach=True).user)

    assert_queries_do_not_grow(client, URL + "?q=prototype", _make_one_of_each_kind)


def test_a_hostile_query_is_shown_escaped(client):
    GuideFactory(title="Script de migration")

    content = client.get(URL, {"q": "<script>alert(1)</script>"}).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "« &lt;script&gt;alert(1)&lt;/script&gt; »" in content


def test_the_public_is_told_what_it_searches_and_how_to_search_more(client):
    content = client.get(URL, {"q": "prototype"}).content.decode()

    assert "Sans être connecté, la recherche porte sur les guides publics." in content
    assert f'href="{reverse("accounts:login")}?next=/recherche/%3Fq%3Dprototype"' in content

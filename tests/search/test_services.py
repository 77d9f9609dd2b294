"""The search service: visibility inside the query, matching, ranking, extracts, pages and bad input.

Tests marked POSTGRES run only on PostgreSQL (full-text search, stemming, typo correction); those
marked SQLITE check the fallback's honest limits. The rest hold on both.
"""

import pytest
from django.db import connection
from django.utils import timezone

from magellan.helpdesk.models import Status
from magellan.resources.services import guide_from_help_request
from magellan.search import services
from magellan.search.services import PER_PAGE, SearchError, search
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    ExpertiseFactory,
    GuideFactory,
    HelpRequestFactory,
    PersonFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Full-text search (stemming, french_unaccent, trigram correction) exists only on PostgreSQL (CI runs it).",
)
SQLITE = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="The SQLite fallback's own behaviour."
)


def titles(results):
    return [str(hit.title) for hit in results.hits]


def plain(results):
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


# Bad input


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Saisissez un ou plusieurs mots à rechercher."),
        ("   \n ", "Saisissez un ou plusieurs mots à rechercher."),
        ("?! -- « »", "Saisissez au moins un mot (des lettres ou des chiffres)."),
        ("a" * 201, "Votre recherche est trop longue : 200 caractères au plus (elle en a 201)."),
    ],
)
def test_a_query_that_cannot_be_searched_says_why(query, message):
    with pytest.raises(SearchError) as refusal:
        search(None, query)

    assert str(refusal.value) == message


def test_control_characters_in_a_query_count_as_spaces():
    GuideFactory(title="Données ouvertes")

    assert plain(search(None, "données\x00\x02ouvertes\x03")) == ["Données ouvertes"]
    with pytest.raises(SearchError):
        search(None, "\x00\x02")


def test_a_query_of_200_characters_is_searched():
    GuideFactory(title="Sécurité")

    assert search(None, "sécurité " + "x" * 191).total == 0


def test_a_query_of_operators_and_quotes_never_fails():
    GuideFactory(title="Données ouvertes")

    for query in ['"données', "- -données", "données OR", 'or -"', "(données) & | ! :*"]:
        search(None, query)


# Visibility, with data that could leak


def test_the_public_finds_only_public_published_guides():
    GuideFactory(title="Publier des données publiques")
    GuideFactory(title="Publier des données réservées", members=True)
    GuideFactory(title="Publier des données en brouillon", draft=True)

    results = search(None, "publier données")

    assert plain(results) == ["Publier des données publiques"]
    assert [(f.kind, f.count) for f in results.facets] == [("guide", 1)]


def test_an_account_without_a_role_finds_only_public_guides():
    GuideFactory(title="Publier des données publiques")
    GuideFactory(title="Publier des données réservées", members=True)
    outsider = PersonFactory(with_account=True).user

    assert plain(search(outsider, "publier")) == ["Publier des données publiques"]


def test_a_member_finds_members_only_guides_but_not_drafts():
    GuideFactory(title="Publier des données réservées", members=True)
    GuideFactory(title="Publier des données en brouillon", draft=True)
    fellow = PersonFactory(fellow=True).user

    assert plain(search(fellow, "publier")) == ["Publier des données réservées"]


def test_a_coach_finds_drafts_too():
    GuideFactory(title="Publier des données en brouillon", draft=True)
    coach = PersonFactory(coach=True).user

    assert plain(search(coach, "publier")) == ["Publier des données en brouillon"]


def test_the_author_of_a_draft_finds_it_and_nobody_else_does():
    author = PersonFactory(fellow=True)
    GuideFactory(title="Publier mon brouillon", draft=True, author=author)
    other = PersonFactory(fellow=True).user

    assert plain(search(author.user, "brouillon")) == ["Publier mon brouillon"]
    assert search(other, "brouillon").hits == []


def test_members_find_questions_and_answers_and_the_public_does_not():
    question = QuestionFactory(
        title="Quelle licence pour un logiciel libre ?", body="Nous hésitons."
    )
    answer = AnswerFactory(question=question, body="La licence EUPL convient aux administrations.")
    fellow = PersonFactory(fellow=True).user

    found = search(fellow, "licence")
    public = search(None, "licence")

    assert plain(found) == [
        "Quelle licence pour un logiciel libre ?",
        "Réponse à « Quelle licence pour un logiciel libre ? »",
    ]
    assert [hit.url for hit in found.hits] == [
        question.get_absolute_url(),
        f"{question.get_absolute_url()}#reponse-{answer.pk}",
    ]
    assert (public.total, [f.kind for f in public.facets]) == (0, ["guide"])


def _hidden_posts():
    author = PersonFactory(fellow=True)
    QuestionFactory(title="Licence masquée", body="Texte.", is_hidden=True, author=author)
    visible = QuestionFactory(title="Question visible", body="Texte.")
    AnswerFactory(question=visible, body="Une licence masquée.", is_hidden=True, author=author)
    hidden_question = QuestionFactory(title="Autre sujet", body="Texte.", is_hidden=True)
    AnswerFactory(question=hidden_question, body="Réponse visible sur la licence.")
    return author.user


def test_hidden_posts_and_answers_under_hidden_questions_are_not_found_by_other_members():
    _hidden_posts()
    fellow = PersonFactory(fellow=True).user

    assert search(fellow, "licence").total == 0


def test_the_author_of_hidden_posts_finds_them():
    author = _hidden_posts()

    assert sorted(plain(search(author, "licence masquée"))) == [
        "Licence masquée",
        "Réponse à « Question visible »",
    ]


def test_a_coach_finds_hidden_posts():
    _hidden_posts()
    coach = PersonFactory(coach=True).user

    assert search(coach, "licence").counts == {"question": 1, "answer": 2}


def _help_requests():
    """Two teams' requests, both about « expérimentation », one with an assigned helper."""
    team, other_team = ChallengeFactory(), ChallengeFactory()
    author, teammate, stranger = (PersonFactory(fellow=True) for _ in range(3))
    ChallengeMembershipFactory(person=author, challenge=team)
    ChallengeMembershipFactory(person=teammate, challenge=team)
    ChallengeMembershipFactory(person=stranger, challenge=other_team)
    helper, other_helper = PersonFactory(mentor=True), PersonFactory(mentor=True)
    mine = HelpRequestFactory(
        author=author, challenge=team, subject="Plan d’expérimentation de l’équipe A"
    )
    AssignmentFactory(request=mine, helper=helper)
    theirs = HelpRequestFactory(
        author=stranger, challenge=other_team, subject="Plan d’expérimentation de l’équipe B"
    )
    AssignmentFactory(request=theirs, helper=other_helper)
    return {
        "author": author.user,
        "teammate": teammate.user,
        "stranger": stranger.user,
        "helper": helper.user,
        "other_helper": other_helper.user,
    }


@pytest.mark.parametrize(
    ("who", "found"),
    [
        ("author", ["Plan d’expérimentation de l’équipe A"]),
        ("teammate", ["Plan d’expérimentation de l’équipe A"]),
        ("helper", ["Plan d’expérimentation de l’équipe A"]),
        ("stranger", ["Plan d’expérimentation de l’équipe B"]),
        ("other_helper", ["Plan d’expérimentation de l’équipe B"]),
    ],
)
def test_help_requests_are_found_only_by_those_who_may_see_them(who, found):
    users = _help_requests()

    results = search(users[who], "expérimentation", kinds=["help_request"])

    assert plain(results) == found
    assert results.counts["help_request"] == 1


def test_a_coach_finds_every_help_request():
    _help_requests()
    coach = PersonFactory(coach=True).user

    assert sorted(plain(search(coach, "expérimentation", kinds=["help_request"]))) == [
        "Plan d’expérimentation de l’équipe A",
        "Plan d’expérimentation de l’équipe B",
    ]


def test_the_public_and_accounts_without_a_person_cannot_search_help_requests():
    _help_requests()
    bare = UserFactory()

    for user in (None, bare):
        results = search(user, "expérimentation", kinds=["help_request"])
        assert (results.total, [f.kind for f in results.facets]) == (0, ["guide"])


# Matching and extracts


def test_accents_and_case_are_ignored_both_ways():
    GuideFactory(title="Le déploiement continu")
    GuideFactory(title="Un DEPLOIEMENT sans accent")

    assert sorted(plain(search(None, "Déploiement"))) == [
        "Le déploiement continu",
        "Un DEPLOIEMENT sans accent",
    ]
    assert sorted(plain(search(None, "deploiement"))) == [
        "Le déploiement continu",
        "Un DEPLOIEMENT sans accent",
    ]


def test_every_word_must_be_found():
    GuideFactory(title="Sécurité des applications")
    GuideFactory(title="Sécurité et télétravail")

    assert plain(search(None, "sécurité télétravail")) == ["Sécurité et télétravail"]


def test_the_title_and_the_extract_mark_the_hits():
    GuideFactory(
        title="Écrire une documentation utile",
        summary="Pour les développeurs.",
        body="Une bonne documentation se tient à jour avec le code.",
    )

    hit = search(None, "documentation").hits[0]

    assert str(hit.title) == "Écrire une <mark>documentation</mark> utile"
    assert "<mark>documentation</mark> se tient à jour" in str(hit.extract)
    assert hit.kind == "guide"
    assert hit.label == "Guide"
    assert hit.url.startswith("/ressources/")


def test_hostile_text_is_escaped_in_titles_and_extracts():
    GuideFactory(
        title="Sécurité <img src=x onerror=alert(1)>",
        summary="",
        body='Sécurité <script>alert("x")</script> <a href="javascript:alert(1)">lien</a>',
    )

    hit = search(None, "sécurité").hits[0]

    assert str(hit.title) == "<mark>Sécurité</mark> &lt;img src=x onerror=alert(1)&gt;"
    for html in (str(hit.title), str(hit.extract)):
        assert "<script" not in html
        assert "<img" not in html
        assert "<a " not in html
        assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


# Pages and kinds


def test_results_come_by_pages():
    for number in range(PER_PAGE + 5):
        GuideFactory(title=f"Prototype numéro {number}")

    first = search(None, "prototype")
    second = search(None, "prototype", page=2)

    assert (first.total, first.pages, len(first.hits)) == (PER_PAGE + 5, 2, PER_PAGE)
    assert (second.page, len(second.hits)) == (2, 5)
    assert set(plain(first)).isdisjoint(plain(second))


def test_a_page_after_the_last_shows_the_last():
    GuideFactory(title="Prototype")

    for page in (99, 10**30):
        results = search(None, "prototype", page=page)

        assert (results.page, results.pages, plain(results)) == (1, 1, ["Prototype"])


def test_a_query_matching_more_than_the_candidates_says_it_counts_a_floor(monkeypatch):
    monkeypatch.setattr(services, "CANDIDATES", 2)
    for number in range(3):
        GuideFactory(title=f"Prototype {number}")

    results = search(None, "prototype")

    assert (results.total, results.more, len(results.hits)) == (2, True, 2)
    assert [(f.kind, f.count, f.more) for f in results.facets] == [("guide", 2, True)]


def test_unknown_kinds_are_ignored():
    GuideFactory(title="Prototype")

    assert plain(search(None, "prototype", kinds=["nothing", "<script>"])) == ["Prototype"]


def test_searchable_kinds_of_the_public_are_the_guides():
    assert [kind for kind, _label in services.searchable_kinds(None)] == ["guide"]


# PostgreSQL: full-text search


@POSTGRES
def test_stemming_finds_plurals_and_feminines():
    GuideFactory(title="Un algorithme public", summary="", body="")
    GuideFactory(title="Des données ouvertes", summary="", body="")

    assert plain(search(None, "algorithmes publics")) == ["Un algorithme public"]
    assert plain(search(None, "donnée ouverte")) == ["Des données ouvertes"]


@POSTGRES
def test_french_stem_keeps_accessibilite_and_accessible_apart():
    # What french_stem really does: « accessibilité » → accessibilit, « accessible » → accessibl.
    # The page then finds the guide through the trigram correction, and says so.
    GuideFactory(title="Un site accessible", summary="", body="")

    through_correction = search(None, "accessibilité")

    assert (through_correction.corrected_query, plain(through_correction)) == (
        "accessible",
        ["Un site accessible"],
    )
    assert search(None, "accessibles").corrected_query is None
    assert plain(search(None, "accessibles")) == ["Un site accessible"]


@POSTGRES
def test_tags_are_searched():
    guide = GuideFactory(
        title="Conduire un entretien", expertises=[ExpertiseFactory(name="Ergonomie")]
    )

    assert plain(search(None, "ergonomie")) == [guide.title]


@POSTGRES
def test_a_misspelt_word_is_corrected_from_the_vocabulary():
    GuideFactory(title="Accessibilité numérique", summary="", body="")

    results = search(None, "accesibilite numerique")

    assert plain(results) == ["Accessibilité numérique"]
    assert results.corrected_query == "accessibilite numerique"
    assert results.query == "accesibilite numerique"


@POSTGRES
def test_no_correction_when_the_words_are_found():
    GuideFactory(title="Accessibilité numérique", summary="", body="")

    assert search(None, "accessibilité").corrected_query is None


@POSTGRES
def test_a_correction_toward_a_word_only_in_hidden_documents_is_not_shown():
    GuideFactory(title="Confidentialité renforcée", draft=True, summary="", body="")

    results = search(None, "confidentialite renforcee".replace("renforcee", "renforcé"))
    typo = search(None, "confidentialitee")

    assert (results.total, results.corrected_query) == (0, None)
    assert (typo.total, typo.corrected_query, typo.hits) == (0, None, [])


@POSTGRES
def test_a_title_hit_ranks_before_a_body_hit():
    GuideFactory(title="Conduire une rétrospective", summary="", body="Le sujet du jour.")
    GuideFactory(title="Le sujet du jour", summary="", body="On parle de télétravail.")
    GuideFactory(title="Télétravail en équipe", summary="", body="Organiser la semaine.")

    assert plain(search(None, "télétravail")) == ["Télétravail en équipe", "Le sujet du jour"]


@POSTGRES
def test_websearch_syntax_phrases_and_exclusions():
    GuideFactory(title="Données ouvertes et licences", summary="", body="")
    GuideFactory(title="Données ouvertes", summary="", body="")
    GuideFactory(title="Ouvertes, les données", summary="", body="")

    assert sorted(plain(search(None, '"données ouvertes" -licences'))) == ["Données ouvertes"]


@POSTGRES
def test_a_resolved_request_turned_into_a_guide_is_found_with_a_misspelt_word():
    author = PersonFactory(fellow=True)
    request = HelpRequestFactory(
        author=author,
        subject="Auditer l’accessibilité de notre formulaire",
        status=Status.RESOLVED,
        resolution_summary="Un audit RGAA en deux demi-journées, puis les corrections.",
        resolved_at=timezone.now(),
    )
    guide = guide_from_help_request(request, by=author.user)

    results = search(author.user, "acessibilité formulaire", kinds=["guide"])

    assert (plain(results), results.corrected_query) == (
        [guide.title],
        "accessibilite formulaire",
    )


# SQLite: the fallback's honest limits


@SQLITE
def test_the_fallback_says_it_is_not_full_text_and_corrects_nothing():
    GuideFactory(title="Accessibilité numérique")

    results = search(None, "accesibilite")

    assert (results.full_text, results.total, results.corrected_query) == (False, 0, None)


@SQLITE
def test_the_fallback_has_no_stemming_but_finds_parts_of_words():
    GuideFactory(title="Un algorithme public", summary="", body="")

    assert search(None, "algorithmes").total == 0
    assert plain(search(None, "algorithm publi")) == ["Un algorithme public"]


@SQLITE
def test_the_fallback_puts_title_matches_first():
    GuideFactory(title="Le sujet du jour", summary="", body="On parle de télétravail.")
    GuideFactory(title="Télétravail en équipe", summary="", body="Organiser la semaine.")

    assert plain(search(None, "télétravail")) == ["Télétravail en équipe", "Le sujet du jour"]

"""The PostgreSQL side installed by the search app's migrations: the triggers keep every
search_vector up to date whatever writes the row, and feed the vocabulary."""

import threading

import pytest
from django.apps import apps
from django.db import connection, transaction

from magellan.community.models import Question
from magellan.resources.models import Guide
from magellan.search.models import SearchWord
from magellan.search.postgres import install
from magellan.search.services import search
from tests.factories import ExpertiseFactory, GuideFactory, HelpRequestFactory, QuestionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Triggers, text search configuration and extensions exist only on PostgreSQL (CI runs it).",
    ),
]


def vector(obj):
    obj.refresh_from_db(fields=["search_vector"])
    return obj.search_vector


def test_the_vector_weighs_title_tags_summary_and_body():
    guide = GuideFactory(
        title="Télétravail",
        summary="Outils",
        body="Rituels",
        expertises=[ExpertiseFactory(name="Agilité")],
    )

    assert vector(guide) == "'agilit':2B 'outil':3B 'rituel':4C 'teletravail':1A"


def test_a_new_text_is_indexed_again_and_the_old_one_forgotten():
    guide = GuideFactory(title="Prototype", summary="", body="")

    guide.title = "Maquette"
    guide.save()

    assert vector(guide) == "'maquet':1A"


def test_tags_added_removed_or_renamed_are_indexed_again():
    design = ExpertiseFactory(name="Design")
    question = QuestionFactory(title="Parcours", body="")

    question.expertises.add(design)
    added = vector(question)
    design.name = "Ergonomie"
    design.save()
    renamed = vector(question)
    question.expertises.clear()

    assert (added, renamed, vector(question)) == (
        "'design':2B 'parcour':1A",
        "'ergonom':2B 'parcour':1A",
        "'parcour':1A",
    )


def test_bulk_inserts_and_queryset_updates_are_indexed():
    author = HelpRequestFactory().author
    Question.objects.bulk_create(
        [
            Question(author=author, title=f"Question en lot {n}", body="Sobriété numérique")
            for n in range(3)
        ]
    )
    Guide.objects.filter(pk=GuideFactory(title="Ancien titre").pk).update(title="Sobriété")

    assert search(author.user, "sobriété").counts == {"question": 3, "guide": 1}


def test_a_stale_vector_written_back_is_computed_again():
    guide = GuideFactory(title="Prototype", summary="", body="")
    loaded = Guide.objects.get(pk=guide.pk)
    guide.expertises.add(ExpertiseFactory(name="Design"))

    loaded.save()  # writes back the vector it read, from before the tag

    assert vector(guide) == "'design':2B 'prototyp':1A"


def test_the_vocabulary_keeps_the_words_lower_case_without_accents():
    HelpRequestFactory(subject="Déploiement CŒUR", description="à 2 mains")

    words = set(SearchWord.objects.values_list("word", flat=True))

    assert {"deploiement", "coeur", "mains"} <= words
    assert {"Déploiement", "a", "2"}.isdisjoint(words)


def test_installing_again_changes_nothing():
    guide = GuideFactory(title="Prototype", summary="", body="")

    with connection.cursor() as cursor:  # the index statements refuse pending deferred checks
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        install(apps, editor)

    assert vector(guide) == "'prototyp':1A"
    assert search(None, "prototype").total == 1


@pytest.mark.django_db(transaction=True)
def test_two_writers_adding_the_same_new_words_in_opposite_orders_both_save():
    # Each saves two guides in one transaction, the second's word being the other's first: their
    # inserts into the vocabulary wait for each other; PostgreSQL cancels one, which is absorbed.
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []
    published = {"summary": "", "body": "", "status": "published", "visibility": "public"}

    def write(first: str, second: str) -> None:
        try:
            with transaction.atomic():
                Guide.objects.create(title=first, slug=f"{first}-1", **published)
                barrier.wait(timeout=10)
                Guide.objects.create(title=second, slug=f"{second}-2", **published)
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write, args=("zoulou", "yankee")),
        threading.Thread(target=write, args=("yankee", "zoulou")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Guide.objects.filter(search_vector__isnull=False).count() == 4
    assert search(None, "zoulou").total == 2

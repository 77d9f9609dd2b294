import pytest

from magellan.directory.models import PhaseKind
from magellan.resources import services
from magellan.resources.models import Guide, GuideStatus, GuideUse
from tests.factories import (
    ExpertiseFactory,
    GuideFactory,
    GuideLinkFactory,
    GuideUseFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _edit(guide, by, **changes):
    fields = {
        "version": guide.version,
        "title": guide.title,
        "summary": guide.summary,
        "body": guide.body,
        "phases": [p.kind for p in guide.phases.all()],
        "expertises": list(guide.expertises.all()),
        "visibility": guide.visibility,
    }
    return services.update_guide(guide, by=by, **(fields | changes))


def test_a_new_guide_is_a_draft_by_its_writer_with_its_first_revision():
    coach = PersonFactory(coach=True)
    design = ExpertiseFactory(name="Design")

    guide = services.create_guide(
        by=coach.user,
        title="Prototyper en une semaine",
        summary="Du papier au clic.",
        body="## Jour 1\n\nDessiner.",
        phases=[PhaseKind.PROVE_CONCEPT, PhaseKind.VALIDATE],
        expertises=[design],
        visibility="public",
    )

    assert (guide.slug, guide.status, guide.author, guide.version) == (
        "prototyper-en-une-semaine",
        GuideStatus.DRAFT,
        coach,
        1,
    )
    assert [p.kind for p in guide.phases.all()] == [PhaseKind.VALIDATE, PhaseKind.PROVE_CONCEPT]
    assert list(guide.expertises.all()) == [design]
    revision = guide.revisions.get()
    assert (revision.number, revision.editor, revision.editor_name, revision.body) == (
        1,
        coach.user,
        coach.name,
        "## Jour 1\n\nDessiner.",
    )


def test_two_guides_with_the_same_title_get_distinct_slugs():
    user = UserFactory(staff=True)
    first = services.create_guide(by=user, title="Sécurité", summary="s", body="b")
    second = services.create_guide(by=user, title="Sécurité", summary="s", body="b")

    assert (first.slug, second.slug, first.author) == ("securite", "securite-2", None)


def test_a_guide_needs_a_title_a_summary_and_a_body():
    user = UserFactory(staff=True)
    with pytest.raises(services.ResourcesError, match="vides"):
        services.create_guide(by=user, title="Titre", summary=" ", body="b")
    with pytest.raises(services.ResourcesError, match="titre"):
        services.create_guide(by=user, title=" ", summary="s", body="b")
    assert Guide.objects.count() == 0


def test_an_edit_is_a_new_revision_and_a_new_version():
    coach = PersonFactory(coach=True)
    guide = GuideFactory(body="Avant", phases=[PhaseKind.VALIDATE])

    _edit(guide, coach.user, body="Après", phases=[PhaseKind.AMPLIFY], note="Mise à jour")

    guide.refresh_from_db()
    assert (guide.version, guide.body) == (2, "Après")
    assert [p.kind for p in guide.phases.all()] == [PhaseKind.AMPLIFY]
    assert list(guide.revisions.values_list("number", "body", "note")) == [
        (2, "Après", "Mise à jour"),
        (1, "Avant", ""),
    ]


def test_an_edit_from_a_stale_version_is_refused_and_nothing_changes():
    coach, other = PersonFactory(coach=True, name="Alice Coach"), PersonFactory(coach=True)
    guide = GuideFactory(body="Version 1")
    stale = Guide.objects.get(pk=guide.pk)
    _edit(guide, coach.user, body="Version 2 d’Alice")

    with pytest.raises(services.StaleGuideError, match="modifié par Alice Coach"):
        _edit(stale, other.user, body="Ma version à moi")

    guide.refresh_from_db()
    assert (guide.version, guide.body, guide.revisions.count()) == (2, "Version 2 d’Alice", 2)


def test_only_coaches_and_the_author_edit_a_guide():
    author = PersonFactory(fellow=True)
    guide = GuideFactory(draft=True, author=author)

    with pytest.raises(services.ResourcesError, match="pas modifier"):
        _edit(guide, PersonFactory(fellow=True).user, body="Vandalisme")
    _edit(guide, author.user, body="Mon texte relu")

    guide.refresh_from_db()
    assert guide.body == "Mon texte relu"


def test_publishing_and_unpublishing():
    coach = PersonFactory(coach=True).user
    guide = GuideFactory(draft=True)

    services.publish_guide(guide, by=coach)
    guide.refresh_from_db()
    assert guide.status == GuideStatus.PUBLISHED
    assert guide.published_at is not None
    with pytest.raises(services.ResourcesError, match="déjà publié"):
        services.publish_guide(guide, by=coach)

    services.unpublish_guide(guide, by=coach)
    guide.refresh_from_db()
    assert guide.status == GuideStatus.DRAFT
    with pytest.raises(services.ResourcesError, match="déjà un brouillon"):
        services.unpublish_guide(guide, by=coach)


def test_a_member_who_did_not_write_it_cannot_publish_a_guide():
    guide = GuideFactory(draft=True)

    with pytest.raises(services.ResourcesError, match="pas publier"):
        services.publish_guide(guide, by=PersonFactory(fellow=True).user)
    guide.refresh_from_db()
    assert guide.status == GuideStatus.DRAFT


def test_links_are_added_at_the_end_and_removed_by_editors():
    coach = PersonFactory(coach=True).user
    guide = GuideFactory()
    GuideLinkFactory(guide=guide, position=3)

    link = services.add_link(guide, by=coach, label=" RGAA ", url="https://example.org/rgaa")
    assert (link.label, link.position) == ("RGAA", 4)
    with pytest.raises(services.ResourcesError, match="pas modifier"):
        services.remove_link(link, by=PersonFactory(fellow=True).user)
    services.remove_link(link, by=coach)
    assert guide.links.count() == 1


def test_a_coach_links_a_published_guide_to_a_session_once():
    coach = PersonFactory(coach=True).user
    session = SessionFactory()
    guide = GuideFactory()

    use = services.link_guide(guide, by=coach, session=session)

    assert (use.guide, use.session, use.created_by) == (guide, session, coach)
    with pytest.raises(services.ResourcesError, match="déjà relié"):
        services.link_guide(guide, by=coach, session=session)
    with pytest.raises(services.ResourcesError, match="publié"):
        services.link_guide(GuideFactory(draft=True), by=coach, session=session)
    with pytest.raises(services.ResourcesError, match="coachs"):
        services.link_guide(GuideFactory(), by=PersonFactory(fellow=True).user, session=session)
    assert GuideUse.objects.count() == 1


def test_only_coaches_unlink_a_guide_from_a_session():
    use = GuideUseFactory()

    with pytest.raises(services.ResourcesError, match="retirer"):
        services.unlink_guide(use, by=PersonFactory(fellow=True).user)
    services.unlink_guide(use, by=PersonFactory(coach=True).user)
    assert GuideUse.objects.count() == 0

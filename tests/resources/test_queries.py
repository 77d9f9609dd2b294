import pytest

from magellan.directory.models import PhaseKind
from magellan.resources import permissions, queries
from magellan.resources.models import Guide
from tests.factories import (
    ExpertiseFactory,
    GuideFactory,
    GuideUseFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides():
    return {
        "public": GuideFactory(title="Public"),
        "members": GuideFactory(title="Membres", members=True),
        "draft": GuideFactory(title="Brouillon", draft=True),
        "members_draft": GuideFactory(title="Brouillon membres", draft=True, members=True),
    }


def _titles(user):
    return sorted(queries.guides_visible_to(user).values_list("title", flat=True))


def _readable(user, guides):
    return sorted(g.title for g in guides.values() if permissions.can_view_guide(user, g))


def test_anonymous_visitors_and_accounts_without_a_role_read_public_published_guides(guides):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), UserFactory(), PersonFactory(with_account=True).user):
        assert _titles(user) == ["Public"]
        assert _readable(user, guides) == ["Public"]


def test_members_read_every_published_guide(guides):
    for person in (PersonFactory(fellow=True), PersonFactory(alumni=True)):
        assert _titles(person.user) == ["Membres", "Public"]
        assert _readable(person.user, guides) == ["Membres", "Public"]


def test_coaches_and_staff_read_drafts_too(guides):
    everything = ["Brouillon", "Brouillon membres", "Membres", "Public"]
    for user in (PersonFactory(coach=True).user, UserFactory(staff=True)):
        assert _titles(user) == everything
        assert _readable(user, guides) == everything


def test_the_author_of_a_draft_reads_it_and_no_other(guides):
    fellow = PersonFactory(fellow=True)
    GuideFactory(title="Mon brouillon", draft=True, author=fellow)

    assert _titles(fellow.user) == ["Membres", "Mon brouillon", "Public"]
    assert permissions.can_edit_guide(fellow.user, Guide.objects.get(title="Mon brouillon"))
    assert not permissions.can_edit_guide(fellow.user, guides["public"])


def test_only_coaches_write_guides_and_link_them_to_sessions():
    coach, fellow = PersonFactory(coach=True), PersonFactory(fellow=True)

    assert permissions.can_write_guides(coach.user)
    assert not permissions.can_write_guides(fellow.user)
    assert permissions.can_link_to_session(coach.user)
    assert not permissions.can_link_to_session(fellow.user)


def test_the_list_filters_by_phase_expertise_and_words():
    design = ExpertiseFactory(name="Design")
    GuideFactory(title="Prototyper vite", phases=[PhaseKind.PROVE_CONCEPT], expertises=[design])
    GuideFactory(title="Ouvrir ses données", phases=[PhaseKind.AMPLIFY, PhaseKind.PROVE_CONCEPT])
    GuideFactory(title="Accueillir", summary="Premiers jours", phases=[PhaseKind.VALIDATE])
    every = Guide.objects.all()

    def titles(**filters):
        return sorted(queries.filter_guides(every, **filters).values_list("title", flat=True))

    assert titles(phase=PhaseKind.PROVE_CONCEPT) == ["Ouvrir ses données", "Prototyper vite"]
    assert titles(expertise=design) == ["Prototyper vite"]
    assert titles(text="premiers JOURS") == ["Accueillir"]
    assert titles(phase=PhaseKind.AMPLIFY, text="données") == ["Ouvrir ses données"]


def test_a_session_shows_only_the_guides_the_viewer_may_read():
    session = SessionFactory()
    GuideUseFactory(session=session, guide=GuideFactory(title="Public"))
    GuideUseFactory(session=session, guide=GuideFactory(title="Membres", members=True))
    GuideUseFactory(guide=GuideFactory(title="Ailleurs"))

    assert [g.title for g in queries.guides_used_by(None, session)] == ["Public"]
    fellow = PersonFactory(fellow=True).user
    assert [g.title for g in queries.guides_used_by(fellow, session)] == ["Membres", "Public"]


def test_a_guide_lists_only_the_sessions_the_viewer_may_see():
    guide = GuideFactory()
    fellow = PersonFactory(fellow=True)
    cohort = fellow.cohort_roles.get().cohort
    own = SessionFactory(cohort=cohort, title="Séance de ma promotion")
    other = SessionFactory(title="Séance d’une autre promotion")
    GuideUseFactory(guide=guide, session=own)
    GuideUseFactory(guide=guide, session=other)

    seen = queries.uses_visible_to(fellow.user, guide)["sessions"]
    coach_sees = queries.uses_visible_to(PersonFactory(coach=True).user, guide)["sessions"]

    assert [s.title for s in seen] == ["Séance de ma promotion"]
    assert sorted(s.title for s in coach_sees) == [
        "Séance de ma promotion",
        "Séance d’une autre promotion",
    ]
    assert queries.uses_visible_to(None, guide)["sessions"] == []


def test_members_and_editors_read_the_history_not_the_public_or_outsiders():
    from django.contrib.auth.models import AnonymousUser

    outsider_author = PersonFactory(with_account=True)
    guide = GuideFactory(author=outsider_author)

    assert permissions.can_read_history(PersonFactory(fellow=True).user, guide)
    assert permissions.can_read_history(outsider_author.user, guide)
    assert not permissions.can_read_history(PersonFactory(with_account=True).user, guide)
    assert not permissions.can_read_history(AnonymousUser(), guide)

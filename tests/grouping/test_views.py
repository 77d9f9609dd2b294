import datetime
import html as html_module
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.core.models import Job, JobStatus
from magellan.grouping import services
from magellan.grouping.models import Grouping, GroupingKind, GroupingStatus, GroupMember
from tests.factories import AttendanceFactory, PersonFactory, SessionFactory
from tests.query_counts import assert_queries_do_not_grow, shows

from .conftest import Setting

pytestmark = pytest.mark.django_db


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _groups_url(setting: Setting) -> str:
    return reverse("grouping:session_groups", args=[setting.session.pk])


def _sharing_sessions(setting: Setting, count: int, *, past: bool = False) -> list[Any]:
    """`count` more sessions of the setting's format, each with published groups by position."""
    sessions = []
    for k in range(count):
        sign = -1 if past else 1
        starts_at = timezone.now() + sign * datetime.timedelta(days=40 + 30 * k)
        session = SessionFactory(
            cohort=setting.cohort,
            format=setting.format,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
        grouping = services.save_groups(
            session=session,
            kind=GroupingKind.DIVERSE,
            assignment={str(f.pk): (i + k) % 3 for i, f in enumerate(setting.fellows)},
            labels={},
            seed=1,
            repeat_weight=0.0,
        )
        services.publish_grouping(grouping=grouping)
        if past:
            for fellow in setting.fellows:
                AttendanceFactory(session=session, person=fellow)
        sessions.append(session)
    return sessions


def test_session_groups_offers_to_form_groups(setting: Setting) -> None:
    html = _client(setting.coach).get(_groups_url(setting)).content.decode()

    assert "15 participants attendus (inscrits ou prévus)." in html
    assert "Aucun groupe pour l’instant" in html
    assert reverse("grouping:session_form", args=[setting.session.pk]) in html


def test_session_form_runs_the_job_and_shows_its_progress_page(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(setting.coach).post(
            reverse("grouping:session_form", args=[setting.session.pk]), {"seed": "4"}
        )

    job = Job.objects.get()
    grouping = Grouping.objects.get(session=setting.session)
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.status, job.result, job.message, job.created_by) == (
        JobStatus.SUCCEEDED,
        {"url": _groups_url(setting), "grouping": grouping.pk},
        "3 groupes formés.",
        setting.coach.user,
    )
    assert grouping.seed == 4


@pytest.mark.django_db(transaction=True)
def test_session_form_goes_straight_to_the_groups_when_done_inline() -> None:
    from .conftest import make_setting

    setting = make_setting()

    client = _client(setting.coach)
    url = reverse("grouping:session_form", args=[setting.session.pk])

    response = client.post(url, {"seed": "4"})
    first = [str(m) for m in get_messages(response.wsgi_request)]
    client.get(_groups_url(setting))  # shows (and consumes) the first message
    again = client.post(url, {"seed": "5"})

    assert response["Location"] == _groups_url(setting)
    assert first == ["Groupes formés."]
    assert [str(m) for m in get_messages(again.wsgi_request)] == ["Nouvelle proposition formée."]
    assert Grouping.objects.get(session=setting.session).seed == 5


def test_session_form_rejects_a_bad_seed(setting: Setting) -> None:
    response = _client(setting.coach).post(
        reverse("grouping:session_form", args=[setting.session.pk]), {"seed": "-3"}, follow=True
    )

    assert "Demande incomplète : rechargez la page et réessayez." in response.content.decode()
    assert (Job.objects.count(), Grouping.objects.count()) == (0, 0)


def test_session_groups_speaks_the_coaches_words(setting: Setting) -> None:
    services.form_groups(session=setting.session, seed=1)

    html = html_module.unescape(_client(setting.coach).get(_groups_url(setting)).content.decode())

    assert html.count("Membres du groupe") == 3
    # Fifteen fellows who never met, in three groups of five, every challenge apart.
    assert "Chaque groupe mêle métiers, administrations et défis." in html
    assert "Tout le monde rencontre quelqu’un de nouveau dans son groupe." in html
    assert "Personne ne retrouve quelqu’un déjà rencontré en groupe." in html
    assert html.count("chacun y rencontre quelqu’un de nouveau.") == 3
    assert "Qualité du mélange :" in html
    # The optimiser's words stay behind « Détails du calcul », never in the summary.
    assert "Détails du calcul" in html
    for word in ("Graine", "graine", "Borne inférieure", "Objectif", "Écart à la borne"):
        assert word not in html
    assert html.count('name="group"') == 15
    assert "Autre proposition" in html
    assert "Publier et annoncer aux participants" in html


def test_session_groups_names_people_who_met_before_and_how_often(setting: Setting) -> None:
    a, b = setting.fellows[0], setting.fellows[3]
    for days in (40, 20):
        starts_at = timezone.now() - datetime.timedelta(days=days)
        past = SessionFactory(
            cohort=setting.cohort,
            format=setting.format,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
        grouping = services.save_groups(
            session=past,
            kind=GroupingKind.DIVERSE,
            assignment={str(a.pk): 1, str(b.pk): 1},
            labels={},
            seed=1,
            repeat_weight=0.0,
        )
        services.publish_grouping(grouping=grouping)
        AttendanceFactory(session=past, person=a)
        AttendanceFactory(session=past, person=b)
    services.save_groups(
        session=setting.session,
        kind=GroupingKind.DIVERSE,
        assignment={
            str(f.pk): 0 if f in (a, b) else 1 + i % 2 for i, f in enumerate(setting.fellows)
        },
        labels={},
        seed=1,
        repeat_weight=0.0,
    )

    html = html_module.unescape(_client(setting.coach).get(_groups_url(setting)).content.decode())

    first, second = sorted([a.name, b.name])
    assert f"{first} et {second} : ces deux personnes se sont déjà rencontrées 2 fois." in html
    assert "13 personnes sur 15 rencontrent quelqu’un de nouveau dans leur groupe." in html
    assert "1 paire de personnes s’est déjà rencontrée en groupe" in html


def test_member_move_flags_two_members_of_a_challenge_together(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    ana, bob = [m.person for m in setting.challenges[0].memberships.order_by("pk")[:2]]
    target = GroupMember.objects.get(grouping=grouping, person=bob).group

    response = _client(setting.coach).post(
        reverse("grouping:member_move", args=[setting.session.pk]),
        {"person": ana.pk, "group": target.pk},
        follow=True,
    )

    html = response.content.decode()
    assert f"{ana.name} est maintenant dans le groupe {target.number}." in html
    assert "Attention : 2 contrainte(s) non respectée(s)" in html
    assert f"Membres d’un même défi réunis : {', '.join(sorted([ana.name, bob.name]))}." in html
    assert "Groupe de 6 personnes, hors de la taille prévue (4-5)." in html


def test_member_move_rejects_a_group_of_another_session(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    other = _sharing_sessions(setting, 1)[0].groupings.get().groups.first()
    member = grouping.members.first()

    response = _client(setting.coach).post(
        reverse("grouping:member_move", args=[setting.session.pk]),
        {"person": member.person_id, "group": other.pk},
        follow=True,
    )

    assert "Choisissez une personne et un groupe de cette séance." in response.content.decode()
    assert GroupMember.objects.get(pk=member.pk).group_id == member.group_id


def test_publish_shows_each_fellow_their_group_on_the_session_page(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    fellow = setting.fellows[0]
    session_url = setting.session.get_absolute_url()
    draft_html = _client(fellow).get(session_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        _client(setting.coach).post(reverse("grouping:publish", args=[setting.session.pk]))

    html = _client(fellow).get(session_url).content.decode()
    mine = GroupMember.objects.get(grouping=grouping, person=fellow).group
    callout = re.search(r'<section[^>]*aria-labelledby="my-group-title".*?</section>', html, re.S)
    grouping.refresh_from_db()
    assert "Mon groupe" not in draft_html
    assert callout is not None
    # The session page lists every participant: the callout lists the fellow's group only.
    listed = [f for f in setting.fellows if shows(html_module.unescape(callout[0]), f.name)]
    assert {f.pk for f in listed} == set(
        GroupMember.objects.filter(group=mine).values_list("person_id", flat=True)
    )
    assert 1 < len(listed) < len(setting.fellows)
    assert f"{fellow.name} (vous)" in callout[0]
    assert "Voir et modifier les groupes" not in html
    assert (grouping.status, len(mail.outbox)) == (GroupingStatus.PUBLISHED, 15)


def test_session_page_shows_coaches_the_groups_panel(setting: Setting) -> None:
    services.form_groups(session=setting.session, seed=1)

    html = _client(setting.coach).get(setting.session.get_absolute_url()).content.decode()

    assert "Voir et modifier les groupes" in html
    assert "Brouillon" in html


def test_unpublish_hides_the_group_from_fellows(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=grouping)

    _client(setting.coach).post(reverse("grouping:unpublish", args=[setting.session.pk]))

    html = _client(setting.fellows[0]).get(setting.session.get_absolute_url()).content.decode()
    assert "Mon groupe" not in html


def test_encounters_counts_pairs_met_and_who_met_few(setting: Setting) -> None:
    _sharing_sessions(setting, 1, past=True)

    html = (
        _client(setting.coach)
        .get(reverse("grouping:encounters", args=[setting.cohort.slug]))
        .content.decode()
    )

    # One session of 3 groups of 5: 30 of the 105 pairs met; each fellow met 4.
    assert "30 paires sur 105 se sont rencontrées (29 %)" in html
    assert "0 paires se sont rencontrées plusieurs fois" in html
    assert html.count("<td>4</td>") == 15


def test_series_plans_every_remaining_session(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    url = reverse("grouping:series", args=[setting.cohort.slug, setting.format.slug])

    with django_capture_on_commit_callbacks(execute=True):
        response = _client(setting.coach).post(url, {"seed": "2"})

    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.status, job.result["url"], job.message) == (
        JobStatus.SUCCEEDED,
        url,
        "1 séances planifiées.",
    )
    assert Grouping.objects.get(session=setting.session).series_size == 1


def _one_more_past_session(setting: Setting, newcomers: list[Any]) -> tuple[str, str]:
    """A past session of the setting's format whose published groups include a new fellow.

    Returns the session's title and the newcomer's name (the encounters page lists people).
    """
    k = len(newcomers)
    newcomers.append(PersonFactory(fellow=True, cohort=setting.cohort, name=f"Recrue {k}"))
    starts_at = timezone.now() - datetime.timedelta(days=40 + 30 * k)
    session = SessionFactory(
        cohort=setting.cohort,
        format=setting.format,
        title=f"Partage {k}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )
    people = [*setting.fellows, *newcomers]
    grouping = services.save_groups(
        session=session,
        kind=GroupingKind.DIVERSE,
        assignment={str(p.pk): (i + k) % 3 for i, p in enumerate(people)},
        labels={},
        seed=1,
        repeat_weight=0.0,
    )
    services.publish_grouping(grouping=grouping)
    for person in people:
        AttendanceFactory(session=session, person=person)
    return session.display_title, newcomers[-1].name


@pytest.mark.parametrize(
    ("name", "args", "shown"),
    [
        ("grouping:cohort_groups", lambda s: [s.cohort.slug], 0),
        ("grouping:series", lambda s: [s.cohort.slug, s.format.slug], 0),
        ("grouping:encounters", lambda s: [s.cohort.slug], 1),  # its rows are people
    ],
)
def test_list_pages_run_the_same_queries_for_one_or_three_items(
    setting: Setting, name: str, args: Callable[[Setting], list[Any]], shown: int
) -> None:
    newcomers: list[Any] = []

    assert_queries_do_not_grow(
        _client(setting.coach),
        reverse(name, args=args(setting)),
        lambda: _one_more_past_session(setting, newcomers)[shown],
    )


def test_session_groups_runs_the_same_queries_for_one_or_three_groups(setting: Setting) -> None:
    teams: list[str] = []

    def make() -> str:
        teams.append(f"Équipe {'ABC'[len(teams)]}")
        services.save_groups(
            session=setting.session,
            kind=GroupingKind.DIVERSE,
            assignment={str(f.pk): i % len(teams) for i, f in enumerate(setting.fellows)},
            labels=dict(enumerate(teams)),
            seed=1,
            repeat_weight=0.0,
        )
        return teams[-1]

    assert_queries_do_not_grow(_client(setting.coach), _groups_url(setting), make)


def test_session_groups_is_not_found_for_a_format_without_groups(setting: Setting) -> None:
    from tests.factories import FormatFactory

    session = SessionFactory(cohort=setting.cohort, format=FormatFactory())

    response = _client(setting.coach).get(reverse("grouping:session_groups", args=[session.pk]))

    assert response.status_code == 404


def _published(setting: Setting) -> Grouping:
    grouping = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=grouping)
    return grouping


def test_reforming_published_groups_asks_first_and_changes_nothing(setting: Setting) -> None:
    published = _published(setting)

    response = _client(setting.coach).post(
        reverse("grouping:session_form", args=[setting.session.pk]), {"seed": "2"}
    )

    confirm_url = reverse("grouping:session_reform", args=[setting.session.pk])
    assert response["Location"] == confirm_url
    assert (Job.objects.count(), list(Grouping.objects.all())) == (0, [published])
    html = html_module.unescape(_client(setting.coach).get(confirm_url).content.decode())
    assert "Les groupes de cette séance sont publiés" in html
    assert "15 participants voient leur groupe depuis le" in html
    assert "Les participants continuent de voir les groupes publiés, inchangés." in html
    assert "« vos groupes ont changé »" in html
    assert 'name="confirm" value="True"' in html
    assert 'name="seed" value="2"' in html


def test_a_confirmed_reform_makes_a_draft_and_fellows_keep_their_published_group(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    published = _published(setting)
    fellow = setting.fellows[0]
    mates = set(
        GroupMember.objects.filter(group__members__person=fellow, grouping=published).values_list(
            "person__name", flat=True
        )
    )

    with django_capture_on_commit_callbacks(execute=True):
        _client(setting.coach).post(
            reverse("grouping:session_form", args=[setting.session.pk]),
            {"seed": "2", "confirm": "True"},
        )

    html = html_module.unescape(
        _client(fellow).get(setting.session.get_absolute_url()).content.decode()
    )
    callout = re.search(r'<section[^>]*aria-labelledby="my-group-title".*?</section>', html, re.S)
    assert callout is not None
    assert {f.name for f in setting.fellows if shows(callout[0], f.name)} == mates
    assert sorted(Grouping.objects.values_list("status", "seed")) == [
        (GroupingStatus.DRAFT, 2),
        (GroupingStatus.PUBLISHED, 1),
    ]
    coach_html = html_module.unescape(
        _client(setting.coach).get(_groups_url(setting)).content.decode()
    )
    assert "Nouvelle proposition, pas encore publiée" in coach_html
    assert "Les groupes publiés, que voient les participants" in coach_html
    assert "Publier la nouvelle proposition et prévenir les participants" in coach_html
    assert "Abandonner la proposition et garder les groupes publiés" in coach_html


def test_publishing_the_new_proposal_replaces_the_groups_and_says_who_is_told(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    published = _published(setting)
    member = published.members.select_related("group").order_by("pk").first()
    target = published.groups.exclude(pk=member.group_id).first()
    services.move_member(grouping=published, person=member.person, group=target)
    draft = Grouping.objects.drafts().get(session=setting.session)
    changed = services.changed_people(
        dict(published.members.values_list("person_id", "group__number")),
        dict(draft.members.values_list("person_id", "group__number")),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = _client(setting.coach).post(
            reverse("grouping:publish", args=[setting.session.pk]), follow=True
        )

    html = html_module.unescape(response.content.decode())
    assert (
        f"Nouveaux groupes publiés : ils remplacent les précédents ; {len(changed)} personnes "
        "dont le groupe a changé reçoivent un e-mail."
    ) in html
    assert list(Grouping.objects.values_list("pk", "status")) == [
        (draft.pk, GroupingStatus.PUBLISHED)
    ]
    assert len(mail.outbox) == len(changed) > 0


def test_discard_keeps_the_published_groups(setting: Setting) -> None:
    published = _published(setting)
    services.form_groups(session=setting.session, seed=2)

    response = _client(setting.coach).post(
        reverse("grouping:discard", args=[setting.session.pk]), follow=True
    )

    assert "Nouvelle proposition abandonnée : les groupes publiés restent en place." in (
        html_module.unescape(response.content.decode())
    )
    assert list(Grouping.objects.all()) == [published]


def test_a_drag_and_drop_move_answers_in_json(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    member = grouping.members.select_related("group", "person").first()
    target = grouping.groups.exclude(pk=member.group_id).first()
    url = reverse("grouping:member_move", args=[setting.session.pk])
    client = _client(setting.coach)

    moved = client.post(
        url, {"person": member.person_id, "group": target.pk}, HTTP_ACCEPT="application/json"
    )
    refused = client.post(
        url, {"person": member.person_id, "group": "abc"}, HTTP_ACCEPT="application/json"
    )

    assert moved.status_code == 200
    assert moved.json()["message"].startswith(
        f"{member.person.name} est maintenant dans le groupe {target.number}."
    )
    assert (refused.status_code, refused.json()) == (
        400,
        {"message": "Choisissez une personne et un groupe de cette séance."},
    )
    assert GroupMember.objects.get(pk=member.pk).group_id == target.pk


def test_session_groups_with_a_draft_beside_published_groups_runs_constant_queries(
    setting: Setting,
) -> None:
    _published(setting)
    teams: list[str] = []

    def make() -> str:
        teams.append(f"Équipe {'ABC'[len(teams)]}")
        services.save_groups(
            session=setting.session,
            kind=GroupingKind.DIVERSE,
            assignment={str(f.pk): i % len(teams) for i, f in enumerate(setting.fellows)},
            labels=dict(enumerate(teams)),
            seed=2,
            repeat_weight=0.0,
        )
        return teams[-1]

    assert_queries_do_not_grow(_client(setting.coach), _groups_url(setting), make)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("grouping:publish", "Il n’y a aucun groupe à publier."),
        ("grouping:unpublish", "Ces groupes ne sont pas publiés."),
        ("grouping:discard", "Il n’y a pas de groupes publiés à garder à sa place."),
    ],
)
def test_actions_on_a_session_without_groups_say_why_and_change_nothing(
    setting: Setting, name: str, message: str
) -> None:
    response = _client(setting.coach).post(reverse(name, args=[setting.session.pk]), follow=True)

    assert response.status_code == 200
    assert message in html_module.unescape(response.content.decode())
    assert Grouping.objects.count() == 0


def test_publishing_twice_says_the_groups_are_published(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    services.form_groups(session=setting.session, seed=1)
    client = _client(setting.coach)
    url = reverse("grouping:publish", args=[setting.session.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        again = client.post(url, follow=True)

    assert "Ces groupes sont déjà publiés." in html_module.unescape(again.content.decode())
    assert len(mail.outbox) == 15


def test_the_session_panel_and_the_cohort_page_show_a_new_proposal_beside_published_groups(
    setting: Setting,
) -> None:
    _published(setting)
    services.form_groups(session=setting.session, seed=2)
    client = _client(setting.coach)

    panel = html_module.unescape(client.get(setting.session.get_absolute_url()).content.decode())
    cohort = html_module.unescape(
        client.get(reverse("grouping:cohort_groups", args=[setting.cohort.slug])).content.decode()
    )

    for html in (panel, cohort):
        assert "Publiés" in html
        assert "Nouvelle proposition à publier" in html
    assert "Brouillon" not in cohort

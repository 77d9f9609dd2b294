import datetime
import http.server
import json
import threading

import pytest
from django.contrib.contenttypes.models import ContentType

from magellan.bulletins import services
from magellan.bulletins.models import Bulletin, Mood, Sending
from magellan.helpdesk.models import HelpRequest
from tests.factories import (
    BulletinFactory,
    DigestSubscriptionFactory,
    TeamSettingsFactory,
)

from .conftest import paris

pytestmark = pytest.mark.django_db

WEEK = (2026, 20)  # 11–15 May 2026; Thursday 14 is Ascension, Friday a working day
WEDNESDAY = paris(2026, 5, 13, 11, 0)


def write(team, person=None, *, version=None, now=WEDNESDAY, **fields):
    values = {
        "mood": Mood.GOOD,
        "priority": "Livrer la première version",
        "ups_and_downs": "La démo a plu ; l’accès aux données tarde.",
    } | fields
    return services.save_bulletin(
        challenge=team.challenge,
        person=person or team.fellow,
        week=WEEK,
        version=version,
        now=now,
        **values,
    )


def test_a_team_member_writes_the_week_bulletin(team):
    bulletin = write(team, key_date=datetime.date(2026, 5, 20), key_date_description="Comité")
    assert (
        bulletin.cohort,
        bulletin.iso_year,
        bulletin.iso_week,
        bulletin.author,
        bulletin.last_editor,
        bulletin.version,
    ) == (team.cohort, 2026, 20, team.fellow, team.fellow, 1)


def test_a_teammate_edits_it_and_becomes_its_last_editor(team):
    first = write(team)
    edited = write(team, team.owner, version=first.version, priority="Recruter un designer")
    edited.refresh_from_db()
    assert (edited.pk, edited.priority, edited.author, edited.last_editor, edited.version) == (
        first.pk,
        "Recruter un designer",
        team.fellow,
        team.owner,
        2,
    )


def test_a_second_bulletin_for_the_same_week_is_refused_and_nothing_changes(team):
    write(team, priority="La version d’Alice")
    with pytest.raises(services.StaleBulletinError) as error:
        write(team, team.teammate, priority="La version de Bruno")
    assert "déjà écrit le bulletin de cette semaine (Alice Martin)" in str(error.value)
    assert error.value.current.priority == "La version d’Alice"
    assert list(Bulletin.objects.values_list("priority", flat=True)) == ["La version d’Alice"]


def test_an_edit_on_a_stale_version_is_refused_and_the_saved_text_kept(team):
    first = write(team)
    write(team, team.teammate, version=first.version, priority="Bruno a écrit ceci")
    with pytest.raises(services.StaleBulletinError) as error:
        write(team, team.owner, version=first.version, priority="Chloé a écrit cela")
    assert str(error.value).startswith(
        "Bruno Petit a modifié ce bulletin pendant que vous écriviez"
    )
    assert Bulletin.objects.get().priority == "Bruno a écrit ceci"


def test_a_key_date_without_its_description_is_refused(team):
    with pytest.raises(services.BulletinError) as error:
        write(team, key_date=datetime.date(2026, 5, 20))
    assert str(error.value) == (
        "Une date clé a une date et une description : donnez les deux, ou aucune."
    )
    assert Bulletin.objects.count() == 0


def test_a_description_without_its_key_date_is_refused(team):
    with pytest.raises(services.BulletinError):
        write(team, key_date_description="Comité de pilotage")
    assert Bulletin.objects.count() == 0


def test_a_text_longer_than_300_characters_is_refused(team):
    with pytest.raises(services.BulletinError):
        write(team, priority="x" * 301)
    assert Bulletin.objects.count() == 0


def test_an_edit_after_the_lock_is_refused(team):
    first = write(team)
    with pytest.raises(services.BulletinError) as error:
        write(team, version=first.version, priority="Trop tard", now=paris(2026, 5, 15, 15, 5))
    assert str(error.value) == (
        "Le bulletin de la semaine 20 de 2026 est clos depuis 15/05/2026 à 15:05 : il ne peut "
        "plus être modifié."
    )
    assert Bulletin.objects.get().priority == "Livrer la première version"


def test_the_lock_comes_on_thursday_when_friday_is_a_holiday(team):
    with pytest.raises(services.BulletinError):
        services.save_bulletin(
            challenge=team.challenge,
            person=team.fellow,
            week=(2026, 18),
            version=None,
            mood=Mood.HARD,
            priority="p",
            ups_and_downs="u",
            now=paris(2026, 4, 30, 15, 5),
        )
    assert Bulletin.objects.count() == 0


def test_a_week_not_yet_open_is_refused(team):
    with pytest.raises(services.BulletinError):
        write(team, now=paris(2026, 5, 10, 20, 0))


@pytest.mark.parametrize("who", ["other_fellow", "sponsor", "coach", "mentor"])
def test_only_the_team_s_fellows_and_project_owner_write(team, who):
    with pytest.raises(services.BulletinError) as error:
        write(team, getattr(team, who))
    assert str(error.value) == "Seuls les membres de l’équipe de ce défi écrivent son bulletin."
    assert Bulletin.objects.count() == 0


def test_ticking_open_a_help_request_opens_one_linked_both_ways(team):
    bulletin = write(team, help_needed="Relire notre plan d’expérimentation", open_request=True)
    request = HelpRequest.objects.get()
    assert (
        request.author,
        request.challenge,
        request.description,
        request.origin_type,
        request.origin_id,
        bulletin.help_request,
    ) == (
        team.fellow,
        team.challenge,
        "Relire notre plan d’expérimentation",
        ContentType.objects.get_for_model(Bulletin),
        bulletin.pk,
        request,
    )
    assert (
        request.subject == "Bulletin de la semaine 20 de 2026 : Relire notre plan d’expérimentation"
    )


def test_a_second_save_does_not_open_a_second_request(team):
    bulletin = write(team, help_needed="Relire notre plan", open_request=True)
    write(team, version=bulletin.version, help_needed="Relire notre plan", open_request=True)
    assert HelpRequest.objects.count() == 1


def test_open_a_help_request_without_a_need_is_refused(team):
    with pytest.raises(services.BulletinError) as error:
        write(team, open_request=True)
    assert str(error.value) == (
        "Décrivez l’aide dont l’équipe a besoin pour ouvrir une demande d’aide."
    )
    assert (Bulletin.objects.count(), HelpRequest.objects.count()) == (0, 0)


# --- Reminders and digest ----------------------------------------------------------------------

FRIDAY_10 = paris(2026, 5, 15, 10, 0)
FRIDAY_14 = paris(2026, 5, 15, 14, 0)
FRIDAY_LOCK = paris(2026, 5, 15, 15, 5)


def test_the_team_reminder_goes_to_silent_teams_only_and_once(team, mailoutbox):
    write(team)
    assert services.remind_silent_teams(now=FRIDAY_10) == 1
    assert services.remind_silent_teams(now=FRIDAY_10) == 0
    [message] = mailoutbox
    assert message.to == [team.other_fellow.email]
    assert "« Défi Bêta » n’est pas encore écrit" in message.body
    assert list(Sending.objects.values_list("kind", "challenge", "recipients")) == [
        ("team_reminder", team.other_challenge.pk, 1)
    ]


def test_the_team_reminder_after_the_lock_sends_nothing(team, mailoutbox):
    assert services.remind_silent_teams(now=FRIDAY_LOCK) == 0
    assert mailoutbox == []


def test_reminders_run_by_hand_before_the_last_working_day_send_nothing(team, mailoutbox):
    assert services.remind_silent_teams(now=WEDNESDAY) == 0
    assert services.remind_silent_members(now=WEDNESDAY) == 0
    assert (mailoutbox, Sending.objects.count()) == ([], 0)


def test_with_a_friday_holiday_the_reminders_come_on_thursday(team, mailoutbox):
    # 1 May 2026 is a Friday holiday: Thursday 30 April is the week's last working day.
    assert services.remind_silent_teams(now=paris(2026, 4, 30, 10, 0)) == 2
    assert services.remind_silent_members(now=paris(2026, 5, 1, 14, 0)) == 0


class _Hook(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def hook_server():
    _Hook.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True)
def test_the_team_reminder_is_posted_to_the_team_s_chat_webhook(team, hook_server, mailoutbox):
    host, port = hook_server.server_address
    TeamSettingsFactory(challenge=team.challenge, webhook_url=f"http://{host}:{port}/hooks/x")
    services.remind_silent_teams(now=FRIDAY_10)
    assert len(_Hook.received) == 1
    assert _Hook.received[0]["text"].startswith(
        "Rappel : le bulletin de la semaine 20 de 2026 de l’équipe « Défi Alpha » n’est pas encore écrit."
    )


def test_the_member_reminder_goes_to_each_writer_of_a_still_silent_team(team, mailoutbox):
    write(team)
    assert services.remind_silent_members(now=FRIDAY_14) == 1
    assert services.remind_silent_members(now=FRIDAY_14) == 0
    assert [m.to for m in mailoutbox] == [[team.other_fellow.email]]


def test_the_member_reminder_reaches_fellows_and_project_owner_not_the_sponsor(team, mailoutbox):
    services.remind_silent_members(now=FRIDAY_14)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [team.fellow.email, team.teammate.email, team.owner.email, team.other_fellow.email]
    )


def test_the_digest_waits_for_the_lock(team, mailoutbox):
    assert services.send_digest(now=paris(2026, 5, 15, 15, 4)) == 0
    assert mailoutbox == []


def test_the_digest_goes_to_coaches_and_subscribers_once(team, mailoutbox):
    DigestSubscriptionFactory(person=team.other_fellow)
    DigestSubscriptionFactory(person=team.mentor)
    write(team, help_needed="Une revue de code confidentielle", help_is_private=True)
    assert services.send_digest(now=FRIDAY_LOCK) == 3
    assert services.send_digest(now=FRIDAY_LOCK) == 0
    by_person = {m.to[0]: m.body for m in mailoutbox}
    assert sorted(by_person) == sorted(
        [team.coach.email, team.other_fellow.email, team.mentor.email]
    )
    assert "Une revue de code confidentielle" in by_person[team.coach.email]
    assert "Une revue de code confidentielle" not in by_person[team.other_fellow.email]
    assert "Pas de nouvelles de : Défi Bêta." in by_person[team.coach.email]


def test_the_digest_gives_its_sections_in_order(team, mailoutbox):
    write(
        team,
        help_needed="Un regard UX",
        key_date=datetime.date(2026, 5, 19),
        key_date_description="Démo au ministère",
    )
    services.save_bulletin(
        challenge=team.other_challenge,
        person=team.other_fellow,
        week=WEEK,
        version=None,
        mood=Mood.EXCELLENT,
        priority="Ouvrir le code",
        ups_and_downs="Tout va bien",
        now=WEDNESDAY,
    )
    services.send_digest(now=FRIDAY_LOCK)
    [message] = mailoutbox
    body = message.body
    positions = [
        body.index("== Demandes d’aide =="),
        body.index("- Défi Alpha : Un regard UX"),
        body.index("== Dates clés de la semaine à venir =="),
        body.index("mardi 19 mai — Défi Alpha : Démo au ministère"),
        body.index("== Les nouvelles des équipes =="),
        body.index("== Sans nouvelles =="),
        body.index("Toutes les équipes ont écrit leur bulletin."),
    ]
    assert positions == sorted(positions)


def test_the_panels_are_shuffled_the_same_way_all_week(team):
    from magellan.bulletins import queries

    bulletins = [BulletinFactory(cohort=team.cohort, iso_year=2026, iso_week=20) for _ in range(6)]
    once = queries.shuffled(bulletins, cohort=team.cohort, week=WEEK)
    again = queries.shuffled(list(reversed(bulletins)), cohort=team.cohort, week=WEEK)
    assert once == again
    assert sorted(b.pk for b in once) == sorted(b.pk for b in bulletins)


def test_subscribing_needs_a_cohort_role(team):
    from tests.factories import PersonFactory

    outsider = PersonFactory(with_account=True)
    with pytest.raises(services.BulletinError):
        services.set_digest_subscription(person=outsider, subscribed=True)
    assert services.set_digest_subscription(person=team.fellow, subscribed=True) is True


def test_a_webhook_must_be_an_address(team):
    with pytest.raises(services.BulletinError):
        services.set_webhook(challenge=team.challenge, url="javascript:alert(1)")
    assert services.set_webhook(challenge=team.challenge, url="https://x.test/h").webhook_url == (
        "https://x.test/h"
    )


def test_a_subscriber_of_another_cohort_does_not_receive_this_cohort_s_digest(team, mailoutbox):
    from tests.factories import CohortFactory, PersonFactory

    elsewhere = PersonFactory(fellow=True, cohort=CohortFactory(past=True))
    DigestSubscriptionFactory(person=elsewhere)
    services.send_digest(now=FRIDAY_LOCK)
    assert [m.to for m in mailoutbox] == [[team.coach.email]]


def test_the_digest_gives_only_the_key_dates_of_the_coming_week(team):
    from magellan.bulletins import queries

    BulletinFactory(
        challenge=team.challenge,
        cohort=team.cohort,
        iso_year=2026,
        iso_week=19,
        key_date=datetime.date(2026, 5, 24),  # Sunday of week 21: the coming week
        key_date_description="Hackathon",
    )
    BulletinFactory(
        challenge=team.other_challenge,
        cohort=team.cohort,
        iso_year=2026,
        iso_week=20,
        key_date=datetime.date(2026, 5, 25),  # Monday of week 22: too far
        key_date_description="Trop loin",
    )
    digest = queries.digest_for(team.cohort, WEEK, coach=True)
    assert [b.key_date_description for b in digest.key_dates] == ["Hackathon"]


def test_a_team_without_writers_owes_no_bulletin(team, mailoutbox):
    from tests.factories import ChallengeFactory, ChallengeMembershipFactory, PersonFactory

    lonely = ChallengeFactory(cohorts=[team.cohort], title="Défi sans équipe")
    ChallengeMembershipFactory(
        person=PersonFactory(sponsor=True, cohort=team.cohort), challenge=lonely, role="sponsor"
    )
    assert [c.title for _cohort, c in services.silent_teams(WEEK)] == ["Défi Alpha", "Défi Bêta"]


def test_a_challenge_outside_a_running_cohort_gets_no_bulletin(team):
    team.cohort.end_date = datetime.date(2026, 5, 1)
    team.cohort.save()
    with pytest.raises(services.BulletinError) as error:
        write(team)
    assert str(error.value) == "Ce défi ne fait partie d’aucune promotion en cours cette semaine."

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.bulletins import weeks
from magellan.bulletins.models import Bulletin, DigestSubscription, Mood, TeamSettings
from tests.factories import (
    BulletinFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
)
from tests.query_counts import assert_queries_do_not_grow

from .conftest import PARIS, make_team

pytestmark = pytest.mark.django_db

SECRET = "Une revue de notre contrat de données, confidentielle"


@pytest.fixture
def team(db):
    """A cohort running now, two teams; `now` is the Wednesday 11:00 of this ISO week."""
    return make_team(CohortFactory())


@pytest.fixture
def wednesday(monkeypatch):
    today = datetime.date.today()
    moment = datetime.datetime.combine(
        today - datetime.timedelta(days=today.weekday() - 2), datetime.time(11, 0), tzinfo=PARIS
    )
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def page(client, person, url):
    client.force_login(person.user)
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def form_data(**fields):
    return {
        "mood": str(Mood.MIXED.value),
        "priority": "Finir l’entretien des utilisateurs",
        "ups_and_downs": "Bon atelier ; serveur en panne",
        "help_needed": "",
        "key_date": "",
        "key_date_description": "",
        "version": "",
    } | fields


def test_a_fellow_writes_the_bulletin_from_the_page(client, team, wednesday):
    client.force_login(team.fellow.user)
    url = reverse("bulletins:write", args=[team.challenge.pk])
    response = client.post(url, form_data())
    assert response.status_code == 302
    bulletin = Bulletin.objects.get()
    week = weeks.week_of(wednesday.date())
    assert (bulletin.challenge, (bulletin.iso_year, bulletin.iso_week), bulletin.mood) == (
        team.challenge,
        week,
        Mood.MIXED,
    )
    text = page(client, team.fellow, url)
    assert "Finir l’entretien des utilisateurs</textarea>" in text


def test_the_mood_labels_are_text_and_the_emoji_hidden(client, team, wednesday):
    text = page(client, team.fellow, reverse("bulletins:write", args=[team.challenge.pk]))
    for label in ("Difficile", "Mitigée", "Bonne", "Excellente"):
        assert label in text
    assert '<span aria-hidden="true">😀</span> Excellente' in text


def test_a_stale_edit_keeps_the_writer_s_text_and_shows_the_saved_one(client, team, wednesday):
    bulletin = BulletinFactory(
        challenge=team.challenge,
        cohort=team.cohort,
        author=team.teammate,
        priority="Texte de Bruno",
    )
    Bulletin.objects.filter(pk=bulletin.pk).update(version=3)
    client.force_login(team.fellow.user)
    response = client.post(
        reverse("bulletins:write", args=[team.challenge.pk]),
        form_data(priority="Texte d’Alice", version="2"),
    )
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Bruno Petit a modifié ce bulletin pendant que vous écriviez" in text
    assert "Texte d’Alice" in text
    assert "Texte de Bruno" in text
    assert 'name="version" value="3"' in text
    assert Bulletin.objects.get().priority == "Texte de Bruno"


def test_a_key_date_without_description_is_answered_on_the_form(client, team, wednesday):
    client.force_login(team.fellow.user)
    response = client.post(
        reverse("bulletins:write", args=[team.challenge.pk]), form_data(key_date="2030-01-07")
    )
    assert response.status_code == 200
    assert "donnez les deux, ou aucune" in html.unescape(response.content.decode())
    assert Bulletin.objects.count() == 0


def test_another_team_s_member_never_edits(client, team, wednesday):
    client.force_login(team.other_fellow.user)
    response = client.post(reverse("bulletins:write", args=[team.challenge.pk]), form_data())
    assert response.status_code == 403
    assert Bulletin.objects.count() == 0


def _private(team):
    return BulletinFactory(
        challenge=team.challenge,
        cohort=team.cohort,
        author=team.fellow,
        help_needed=SECRET,
        help_is_private=True,
    )


@pytest.mark.parametrize("reader", ["other_fellow", "mentor"])
def test_a_private_help_need_never_reaches_the_cohort(client, team, reader):
    bulletin = _private(team)
    person = getattr(team, reader)
    urls = [
        reverse("bulletins:team", args=[team.challenge.pk]),
        reverse("bulletins:digest", args=[team.cohort.slug, bulletin.iso_year, bulletin.iso_week]),
    ]
    for url in urls:
        text = page(client, person, url)
        assert bulletin.priority in text
        assert SECRET not in text


@pytest.mark.parametrize("reader", ["teammate", "sponsor", "coach"])
def test_the_team_and_the_coaches_read_the_private_help_need(client, team, reader):
    bulletin = _private(team)
    url = reverse("bulletins:digest", args=[team.cohort.slug, bulletin.iso_year, bulletin.iso_week])
    assert SECRET in page(client, getattr(team, reader), url)


def test_the_digest_page_says_when_every_team_wrote(client, team):
    first = BulletinFactory(challenge=team.challenge, cohort=team.cohort, author=team.fellow)
    BulletinFactory(challenge=team.other_challenge, cohort=team.cohort, author=team.other_fellow)
    url = reverse("bulletins:digest", args=[team.cohort.slug, first.iso_year, first.iso_week])
    assert "Toutes les équipes ont écrit leur bulletin." in page(client, team.coach, url)


def test_the_team_page_shows_the_mood_chart_and_its_table(client, team):
    BulletinFactory(
        challenge=team.challenge, cohort=team.cohort, author=team.fellow, mood=Mood.HARD
    )
    text = page(client, team.sponsor, reverse("bulletins:team", args=[team.challenge.pk]))
    assert 'role="img"' in text
    assert (
        '<title id="humeur-equipe-title">Humeur de l’équipe « Défi Alpha » semaine par semaine</title>'
        in text
    )
    assert "1 — Difficile" in text


def _teams_with_bulletins(cohort):
    counter = iter(range(1000))

    def make() -> str:
        n = next(counter)
        challenge = ChallengeFactory(cohorts=[cohort], title=f"Équipe numéro {n}")
        bulletin = BulletinFactory(challenge=challenge, cohort=cohort, priority=f"Priorité {n}")
        ChallengeMembershipFactory(person=bulletin.author, challenge=challenge)
        return f"Équipe numéro {n}"

    return make


def test_the_digest_page_does_not_grow_with_teams(client, team):
    client.force_login(team.coach.user)
    year, week = weeks.week_of(datetime.date.today())
    url = reverse("bulletins:digest", args=[team.cohort.slug, year, week])
    assert_queries_do_not_grow(client, url, _teams_with_bulletins(team.cohort))


def test_the_cohort_page_does_not_grow_with_teams(client, team):
    client.force_login(team.other_fellow.user)
    url = reverse("bulletins:cohort", args=[team.cohort.slug])
    assert_queries_do_not_grow(client, url, _teams_with_bulletins(team.cohort))


def test_the_team_page_does_not_grow_with_bulletins(client, team):
    client.force_login(team.mentor.user)
    url = reverse("bulletins:team", args=[team.challenge.pk])
    monday = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
    counter = iter(range(1, 100))

    def make() -> str:
        n = next(counter)
        year, week = weeks.week_of(monday - datetime.timedelta(weeks=n))
        BulletinFactory(
            challenge=team.challenge,
            cohort=team.cohort,
            iso_year=year,
            iso_week=week,
            priority=f"Priorité de la semaine {n}",
            author=team.fellow,
            key_date=monday + datetime.timedelta(days=n),
            key_date_description=f"Jalon {n}",
        )
        return f"Priorité de la semaine {n}"

    assert_queries_do_not_grow(client, url, make)


def test_the_home_page_does_not_grow_with_my_teams(client, team):
    client.force_login(team.fellow.user)
    counter = iter(range(100))

    def make() -> str:
        challenge = ChallengeFactory(cohorts=[team.cohort], title=f"Mon équipe {next(counter)}")
        ChallengeMembershipFactory(person=team.fellow, challenge=challenge)
        return challenge.title

    assert_queries_do_not_grow(client, reverse("bulletins:home"), make)


def test_the_csv_export_lists_every_bulletin_with_its_help_need(client, team):
    _private(team)
    client.force_login(team.coach.user)
    response = client.get(
        reverse(
            "exports:download",
            kwargs={"slug": team.cohort.slug, "name": "bulletins", "extension": "csv"},
        )
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Année ISO;Semaine;Lundi;Défi;Humeur (1 à 4)")
    assert "Défi Alpha" in text
    assert SECRET in text


def test_a_member_opts_in_and_out_of_the_digest(client, team):
    client.force_login(team.other_fellow.user)
    url = reverse("bulletins:subscription")
    assert client.post(url, {"subscribed": "on"}).status_code == 302
    assert DigestSubscription.objects.filter(person=team.other_fellow).exists()
    assert client.post(url, {}).status_code == 302
    assert not DigestSubscription.objects.filter(person=team.other_fellow).exists()


def test_a_team_sets_its_webhook_and_a_bad_address_is_refused(client, team):
    client.force_login(team.fellow.user)
    url = reverse("bulletins:team_settings", args=[team.challenge.pk])
    response = client.post(url, {"webhook_url": "pas une adresse"})
    assert response.status_code == 200
    assert TeamSettings.objects.count() == 0
    assert client.post(url, {"webhook_url": "https://tchap.example/hook"}).status_code == 302
    assert TeamSettings.objects.get().webhook_url == "https://tchap.example/hook"


def test_the_help_request_link_is_only_for_those_who_can_open_it(client, team, wednesday):
    from magellan.bulletins import services

    bulletin = services.save_bulletin(
        challenge=team.challenge,
        person=team.fellow,
        week=weeks.week_of(wednesday.date()),
        version=None,
        mood=Mood.GOOD,
        priority="Avancer",
        ups_and_downs="Bien",
        help_needed="Un regard sur notre feuille de route",
        open_request=True,
        now=wednesday,
    )
    link = bulletin.help_request.get_absolute_url()
    url = reverse("bulletins:digest", args=[team.cohort.slug, bulletin.iso_year, bulletin.iso_week])
    other = page(client, team.other_fellow, url)
    assert "Un regard sur notre feuille de route" in other
    assert link not in other
    assert link in page(client, team.sponsor, url)
    assert client.get(link).status_code == 200
    assert link in page(client, team.fellow, reverse("bulletins:write", args=[team.challenge.pk]))


def test_the_help_request_tick_box_follows_the_help_need(client, team, wednesday):
    text = page(client, team.fellow, reverse("bulletins:write", args=[team.challenge.pk]))
    order = [
        text.index(f'name="{name}"')
        for name in ("help_needed", "open_request", "help_is_private", "key_date")
    ]
    assert order == sorted(order)

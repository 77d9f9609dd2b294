import pytest

from magellan.bulletins.models import Bulletin


@pytest.mark.django_db
def test_demo_has_ten_weeks_of_varied_bulletins_and_a_help_request(demo_site: None) -> None:
    bulletins = list(Bulletin.objects.filter(cohort__slug="promotion-9"))
    teams = {b.challenge_id for b in bulletins}
    weeks = {(b.iso_year, b.iso_week) for b in bulletins}
    assert len(weeks) == 10
    assert len({b.mood for b in bulletins}) >= 3
    # Silent weeks: fewer bulletins than teams × weeks.
    assert len(bulletins) < len(teams) * len(weeks)
    assert any(b.key_date for b in bulletins)
    [opened] = [b for b in bulletins if b.help_request_id]
    assert opened.help_request.origin == opened

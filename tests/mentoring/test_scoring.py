import datetime

import pytest

from magellan.mentoring.models import Level, Mode
from magellan.mentoring.scoring import (
    MentorProfile,
    NeedProfile,
    Refusal,
    score_pair,
    weights,
)

W = {
    "main_expertise": 40,
    "secondary_expertise": 10,
    "preference": 25,
    "availability": 10,
    "mode": 5,
    "load": -5,
    "novelty": -20,
}


def _need(**changes):
    values = {
        "pk": 1,
        "person_id": 10,
        "mentee_ids": frozenset({10}),
        "main_expertise": (1, "Data science"),
        "secondary": {2: "Recherche utilisateur"},
        "preferences": {},
        "availability": frozenset({"mon_am", "tue_am", "wed_am", "thu_am"}),
        "mode": Mode.EITHER,
        "wished_start": None,
        "wished_end": None,
        "administration_ids": frozenset({100}),
        "challenge_ids": frozenset({200}),
        "allow_same_affiliation": False,
    }
    values.update(changes)
    return NeedProfile(**values)


def _mentor(**changes):
    values = {
        "person_id": 20,
        "name": "Marraine",
        "expertises": {1: ("Data science", Level.EXPERT)},
        "availability": frozenset({"mon_am", "tue_am", "wed_am"}),
        "mode": Mode.EITHER,
        "away": [],
        "administration_ids": frozenset({101}),
        "challenge_ids": frozenset({201}),
    }
    values.update(changes)
    return MentorProfile(**values)


def test_score_pair_explains_every_term():
    need = _need(preferences={20: 1})
    mentor = _mentor(
        expertises={
            1: ("Data science", Level.EXPERT),
            2: ("Recherche utilisateur", Level.CONFIRMED),
        },
        load=1,
        past_mentee_ids=frozenset({10}),
    )

    score = score_pair(need, mentor, W)

    assert [(t.label, t.points) for t in score.terms] == [
        ("expertise « Data science » (besoin principal) : expert·e", 40.0),
        ("expertise « Recherche utilisateur » (besoin secondaire) : confirmé·e", 6.67),
        ("choisi·e en préférence n° 1", 25.0),
        ("disponibilités communes : 3 demi-journées", 10.0),
        ("modalité compatible", 5),
        ("charge : 1 mentoré·e déjà en cours ou en attente", -5),
        ("déjà un cycle ensemble", -20),
    ]
    assert score.total == 61.67


def test_score_pair_scales_level_rank_and_overlap():
    need = _need(preferences={20: 3}, availability=frozenset({"mon_am"}), secondary={})
    mentor = _mentor(expertises={1: ("Data science", Level.PRACTICE)})

    score = score_pair(need, mentor, W)

    assert [t.points for t in score.terms] == [13.33, 8.33, 3.33, 5]


@pytest.mark.parametrize(
    ("need", "mentor", "refusal"),
    [
        (
            _need(),
            _mentor(expertises={2: ("Recherche utilisateur", Level.EXPERT)}),
            Refusal.EXPERTISE,
        ),
        (_need(), _mentor(administration_ids=frozenset({100})), Refusal.AFFILIATION),
        (_need(), _mentor(challenge_ids=frozenset({200})), Refusal.AFFILIATION),
        (_need(availability=frozenset({"fri_pm"})), _mentor(), Refusal.AVAILABILITY),
        (_need(mode=Mode.ONLINE), _mentor(mode=Mode.IN_PERSON), Refusal.AVAILABILITY),
        (
            _need(wished_start=datetime.date(2027, 1, 4), wished_end=datetime.date(2027, 1, 29)),
            _mentor(away=[(datetime.date(2027, 1, 1), datetime.date(2027, 2, 1))]),
            Refusal.AVAILABILITY,
        ),
        (_need(), _mentor(person_id=10), Refusal.SELF),
    ],
)
def test_score_pair_refuses(need, mentor, refusal):
    assert score_pair(need, mentor, W).refusal == refusal


def test_score_pair_same_affiliation_allowed_when_a_coach_lifts_it():
    need = _need(allow_same_affiliation=True)

    assert score_pair(need, _mentor(administration_ids=frozenset({100})), W).is_allowed


def test_weights_are_read_from_settings_at_each_call(settings):
    settings.MAGELLAN_MENTORING_WEIGHTS = {**W, "mode": 7}

    assert weights()["mode"] == 7
    last = score_pair(_need(), _mentor(), weights()).terms[-1]
    assert (last.label, last.points) == ("modalité compatible", 7)

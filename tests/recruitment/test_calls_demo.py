import pytest

from magellan.demo.recruitment import load_recruitment_demo
from magellan.recruitment.models import Application, Call, CallKind, DossierStatus, Wish


@pytest.mark.django_db
def test_demo_has_the_next_cohorts_calls_dossiers_and_applications(demo_site):
    challenges_call = Call.objects.get(kind=CallKind.CHALLENGES)
    fellows_call = Call.objects.get(kind=CallKind.FELLOWS)

    assert challenges_call.cohort == fellows_call.cohort
    assert challenges_call.cohort.slug == "promotion-10"
    assert sorted(challenges_call.dossiers.values_list("status", flat=True)) == sorted(
        [DossierStatus.ACCEPTED, DossierStatus.SUBMITTED, DossierStatus.SUBMITTED, "draft"]
    )
    accepted = challenges_call.dossiers.get(status=DossierStatus.ACCEPTED)
    assert list(accepted.challenge.cohorts.all()) == [challenges_call.cohort]
    assert challenges_call.dossiers.get(status="draft").token_hash != ""
    assert challenges_call.criteria.count() == 5
    assert fellows_call.criteria.count() == 12
    assert Application.objects.filter(call=fellows_call).count() == 12
    wishes = Wish.objects.filter(application__call=fellows_call)
    assert wishes.exists()
    assert {w.challenge.cohorts.get() for w in wishes} == {fellows_call.cohort}
    assert load_recruitment_demo() == 0  # idempotent: the calls exist, nothing added

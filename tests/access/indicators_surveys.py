"""Indicators, part S: the follow-up surveys.

The personal link's page opens without signing in (anyone holding the link); a person reads and
corrects only their own answer (anyone else: 404); the coaches see the response rates and send a
survey again; anyone else signed in gets a 403."""

from typing import Any

from django.urls import reverse

from . import Case, World, statuses

TOKEN = "jeton-du-monde-des-acces"


def _data(world: World) -> dict[str, Any]:
    """The alumni answered the end-of-programme survey of their cohort; the fellow has an
    unanswered invitation (the link `TOKEN`)."""
    from tests.factories import SurveyAnswerFactory, SurveyInvitationFactory

    if "indicators_surveys" not in world.extra:
        cohort = world.alumni.cohort_roles.first().cohort
        answer = SurveyAnswerFactory(
            invitation__person=world.alumni, invitation__cohort=cohort, invitation__wave="end"
        )
        pending = SurveyInvitationFactory(
            person=world.fellow, cohort=world.cohort, wave="end", token=TOKEN
        )
        world.extra["indicators_surveys"] = {"answer": answer, "pending": pending}
    return world.extra["indicators_surveys"]


CASES = [
    Case(
        "indicators:surveys",
        lambda w: (_data(w), reverse("indicators:surveys"))[1],
        statuses(403, anonymous=302, coaches=200),
    ),
    Case(
        "indicators:survey_resend",
        lambda w: reverse("indicators:survey_resend", args=[_data(w)["pending"].pk]),
        statuses(403, anonymous=302, coaches=302),
        method="post",
        redirect=lambda w: reverse("indicators:surveys"),
    ),
    Case(
        "indicators:my_surveys",
        lambda w: (_data(w), reverse("indicators:my_surveys"))[1],
        statuses(200, anonymous=302),
    ),
    Case(
        "indicators:my_survey_edit",
        lambda w: reverse("indicators:my_survey_edit", args=[_data(w)["answer"].pk]),
        statuses(404, anonymous=302, alumni=200),
    ),
    Case(
        "indicators:survey",
        lambda w: (_data(w), reverse("indicators:survey", args=[TOKEN]))[1],
        statuses(200),
    ),
]

import pytest
from django.utils import timezone

from magellan.program.models import Attendance, Feedback, RegistrationStatus, Session


@pytest.mark.usefixtures("demo_site")
def test_demo_plans_promotion_9_with_registrations_attendance_and_feedback():
    # The mentoring demo adds its cycles' sessions (format « mentorat ») and the help-desk demo its
    # planned session (« permanence », the « Bureau d’aide »): they are not the year plan.
    sessions = Session.objects.filter(cohort__slug="promotion-9").exclude(
        format__slug__in=("mentorat", "permanence")
    )
    past = sessions.filter(ends_at__lt=timezone.now())

    # The 15 committees of each phase start on the phase's last Monday and fill three working days,
    # so that the last phase's all fit before the cohort's last day (Wednesday 30 June 2027).
    assert sessions.count() == 166
    committees = sessions.filter(format__slug="comite-evaluation")
    assert committees.count() == 15 * sessions.first().cohort.phases.count()
    assert not sessions.filter(starts_at__date__gt=sessions.first().cohort.end_date).exists()
    assert set(sessions.values_list("format__slug", flat=True).distinct()) == {
        "groupe-de-pairs",
        "groupe-de-partage",
        "conference",
        "carnet-de-bord",
        "comite-evaluation",
        "atelier-collaboratif",
        "seminaire-porteurs",
        "seminaire-promotion",
    }
    assert Attendance.objects.filter(session__in=past).exists()
    assert Feedback.objects.filter(session__in=past).exists()
    assert not Attendance.objects.exclude(session__in=past).exists()
    assert sessions.filter(registrations__status=RegistrationStatus.WAITLISTED).exists()

import pytest
from django.utils import timezone

from magellan.core import services
from magellan.core.models import Job, JobStatus
from tests.factories import JobFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_job_is_pending_with_its_creator() -> None:
    user = UserFactory()

    job = services.create_job(kind="grouping", label="Former les groupes", created_by=user, total=5)

    job.refresh_from_db()
    assert (job.status, job.created_by, job.progress_total, job.progress_done) == (
        JobStatus.PENDING,
        user,
        5,
        0,
    )


def test_create_job_ignores_anonymous_creator() -> None:
    from django.contrib.auth.models import AnonymousUser

    job = services.create_job(kind="grouping", label="x", created_by=AnonymousUser())

    assert job.created_by is None


def test_start_job_marks_it_running() -> None:
    job = JobFactory()

    services.start_job(job, total=8, message="Préparation")

    job.refresh_from_db()
    assert (job.status, job.progress_total, job.message) == (JobStatus.RUNNING, 8, "Préparation")
    assert job.started_at is not None


def test_report_progress_updates_only_progress_fields() -> None:
    job = JobFactory(running=True, label="Original")
    Job.objects.filter(pk=job.pk).update(label="Changed elsewhere")

    services.report_progress(job, done=7, total=12, message="Recherche")

    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.message, job.label) == (
        7,
        12,
        "Recherche",
        "Changed elsewhere",
    )


def test_report_progress_clamps_negative_values() -> None:
    job = JobFactory(running=True)

    services.report_progress(job, done=-1, total=-4)

    job.refresh_from_db()
    assert (job.progress_done, job.progress_total) == (0, 0)


def test_finish_job_stores_result_and_completes_progress() -> None:
    job = JobFactory(running=True)

    services.finish_job(job, result={"url": "/groupes/1/", "groups": 9}, message="9 groupes")

    job.refresh_from_db()
    assert (job.status, job.result, job.progress_done, job.percent, job.next_url) == (
        JobStatus.SUCCEEDED,
        {"url": "/groupes/1/", "groups": 9},
        10,
        100,
        "/groupes/1/",
    )
    assert job.finished_at is not None
    assert job.is_finished


def test_fail_job_records_the_error() -> None:
    job = JobFactory(running=True)

    services.fail_job(job, error="Le défi A compte 5 membres pour 4 groupes.")

    job.refresh_from_db()
    assert (job.status, job.error, job.is_finished) == (
        JobStatus.FAILED,
        "Le défi A compte 5 membres pour 4 groupes.",
        True,
    )


@pytest.mark.parametrize(
    ("done", "total", "expected"), [(0, 0, 0), (3, 10, 30), (10, 10, 100), (15, 10, 100)]
)
def test_job_percent_from_progress(done: int, total: int, expected: int) -> None:
    job = Job(status=JobStatus.RUNNING, progress_done=done, progress_total=total)

    assert job.percent == expected


def test_progress_reporter_records_on_the_job() -> None:
    job = JobFactory()

    services.progress_reporter(job, message="Étape")(3, 10)

    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.message) == (3, 10, "Étape")


def test_failing_on_crash_fails_the_job_and_lets_the_error_through() -> None:
    job = JobFactory(running=True)

    with pytest.raises(ZeroDivisionError), services.failing_on_crash(job):
        _ = 1 / 0

    job.refresh_from_db()
    assert (job.status, job.error) == (
        JobStatus.FAILED,
        "Une erreur inattendue est survenue ; l’équipe technique est prévenue.",
    )


def test_create_job_defaults_have_no_progress_and_no_way_back() -> None:
    job = services.create_job(kind="directory.import_people", label="Import", created_by=None)

    job.refresh_from_db()
    assert (
        job.kind,
        job.label,
        job.created_by,
        job.progress_total,
        job.back_url,
        job.back_label,
    ) == ("directory.import_people", "Import", None, 0, "", "")


def test_create_job_keeps_its_way_back_within_the_columns() -> None:
    job = services.create_job(
        kind="grouping", label="x", back_url="/programme/seances/4/", back_label="L" * 150
    )

    job.refresh_from_db()
    assert (job.back_url, job.back_label) == ("/programme/seances/4/", "L" * 100)


def test_job_messages_are_cut_to_their_column() -> None:
    started, progressed, finished = JobFactory(), JobFactory(running=True), JobFactory(running=True)

    services.start_job(started, message="a" * 300)
    services.report_progress(progressed, done=1, message="b" * 300)
    services.finish_job(finished, result={}, message="c" * 300)

    assert [Job.objects.get(pk=j.pk).message for j in (started, progressed, finished)] == [
        "a" * 255,
        "b" * 255,
        "c" * 255,
    ]


def test_start_and_finish_without_message_leave_it_empty() -> None:
    started, finished = JobFactory(message="avant"), JobFactory(running=True, message="avant")

    services.start_job(started)
    services.finish_job(finished, result={})

    assert [Job.objects.get(pk=j.pk).message for j in (started, finished)] == ["", ""]


def test_report_progress_updates_the_callers_job_too() -> None:
    job = JobFactory(running=True)

    services.report_progress(job, done=9, total=12, message="Presque")

    # Without reading the row again: finish_job and the task go on with this instance.
    assert (job.progress_done, job.progress_total, job.message) == (9, 12, "Presque")


def test_job_transitions_write_only_their_fields() -> None:
    """A worker's stale instance must not undo what another writer recorded (here, the label)."""
    started, finished, failed = JobFactory(), JobFactory(running=True), JobFactory(running=True)
    Job.objects.update(label="Renommée ailleurs")

    services.start_job(started)
    services.finish_job(finished, result={})
    services.fail_job(failed, error="Erreur.")

    assert (
        list(Job.objects.order_by("pk").values_list("label", flat=True))
        == ["Renommée ailleurs"] * 3
    )


def test_fail_job_records_when_it_ended() -> None:
    job = JobFactory(running=True)
    before = timezone.now()

    services.fail_job(job, error="Erreur.")

    job.refresh_from_db()
    assert job.finished_at is not None
    assert before <= job.finished_at <= timezone.now()

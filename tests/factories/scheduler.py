import datetime

import factory

from magellan.scheduler.models import JobRun, Outcome


class JobRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRun

    job_name = "program.send_reminders"
    due_at = factory.Sequence(
        lambda n: (
            datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
        )
    )
    started_at = factory.LazyAttribute(lambda run: run.due_at + datetime.timedelta(seconds=5))
    finished_at = factory.LazyAttribute(lambda run: run.started_at + datetime.timedelta(seconds=1))
    outcome = Outcome.SUCCEEDED
    summary = "0"

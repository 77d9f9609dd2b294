import factory

from magellan.core.models import Job, JobStatus

from .accounts import UserFactory


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    kind = "test"
    label = factory.Sequence(lambda n: f"Tâche {n}")
    created_by = factory.SubFactory(UserFactory)

    class Params:
        running = factory.Trait(status=JobStatus.RUNNING, progress_done=3, progress_total=10)
        succeeded = factory.Trait(
            status=JobStatus.SUCCEEDED,
            progress_done=10,
            progress_total=10,
            result={"url": "/resultat/"},
        )
        failed = factory.Trait(status=JobStatus.FAILED, error="Trop de membres dans un défi.")

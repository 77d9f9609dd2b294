import threading

import pytest
from django.db import connection

from magellan.privacy import services
from magellan.privacy.models import Erasure, ErasureRequest, ErasureStatus
from tests.factories import ErasureRequestFactory, PersonFactory


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers: the race only exists on PostgreSQL (CI runs it).",
)
@pytest.mark.django_db(transaction=True)
def test_two_coaches_deciding_at_once_decide_once() -> None:
    request = ErasureRequestFactory()
    coaches = [PersonFactory(coach=True).user for _ in range(2)]
    barrier = threading.Barrier(2)
    refusals: list[BaseException] = []

    def confirm() -> None:
        try:
            barrier.wait()
            services.confirm_erasure(request=request, by=coaches[0])
        except services.PrivacyError as error:
            refusals.append(error)
        finally:
            connection.close()

    def refuse() -> None:
        try:
            barrier.wait()
            services.refuse_erasure(request=request, by=coaches[1], reason="Pas encore.")
        except services.PrivacyError as error:
            refusals.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm), threading.Thread(target=refuse)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    request = ErasureRequest.objects.get()
    assert len(refusals) == 1
    assert "déjà été traitée" in str(refusals[0])
    assert (request.status == ErasureStatus.CONFIRMED) == Erasure.objects.exists()

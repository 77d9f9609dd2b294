import datetime
import io

import pytest
from axes.models import AccessLog
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _logged_in(days_ago: float) -> AccessLog:
    entry = AccessLog.objects.create(username=f"{days_ago}@example.org", ip_address="127.0.0.1")
    AccessLog.objects.filter(pk=entry.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return entry


@override_settings(MAGELLAN_LOGIN_LOG_RETENTION_DAYS=30)
def test_purge_login_log_deletes_entries_past_the_retention_only() -> None:
    _logged_in(31)
    _logged_in(45)
    kept = _logged_in(29)

    out = io.StringIO()
    call_command("purge_login_log", stdout=out)

    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]
    assert out.getvalue() == "2 login log entr(y/ies) older than 30 days deleted.\n"

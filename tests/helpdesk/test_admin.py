import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import HelperProfileFactory, HelpRequestFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_admin_reads_but_never_writes_requests() -> None:
    request = HelpRequestFactory(subject="Visible dans l’admin")
    HelperProfileFactory()
    client = Client()
    client.force_login(PersonFactory(staff_coach=True).user)

    listing = client.get(reverse("admin:helpdesk_helprequest_changelist"))
    page = client.get(reverse("admin:helpdesk_helprequest_change", args=[request.pk]))
    post = client.post(
        reverse("admin:helpdesk_helprequest_change", args=[request.pk]), {"subject": "Changé"}
    )
    add = client.get(reverse("admin:helpdesk_helprequest_add"))

    assert listing.status_code == 200
    assert "Visible dans l’admin" in listing.content.decode()
    assert page.status_code == 200
    assert (post.status_code, add.status_code) == (403, 403)
    request.refresh_from_db()
    assert request.subject == "Visible dans l’admin"
    assert client.get(reverse("admin:helpdesk_helperprofile_changelist")).status_code == 200

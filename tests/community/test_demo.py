import pytest
from django.test import Client

from magellan.community.models import Answer, Question, Revision
from magellan.demo import services
from magellan.demo.community import load_community_demo
from magellan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_has_answered_accepted_verified_unanswered_and_hidden_posts():
    services.load_demo()

    assert Question.objects.count() == 8
    assert Question.objects.filter(from_help_request__isnull=False).count() == 1
    assert Question.objects.filter(accepted_answer__isnull=False).count() == 2
    assert Answer.objects.filter(is_verified=True).count() == 2
    assert Question.objects.filter(answers__isnull=True, is_hidden=False).count() == 3
    assert Question.objects.filter(unanswered_pushed_at__isnull=False).count() == 1
    assert Question.objects.filter(is_hidden=True).count() == 1
    assert Answer.objects.filter(is_hidden=True).count() == 1
    assert Revision.objects.count() == 1
    fellow = Question.objects.get(title__startswith="Quelle licence").author
    assert fellow.user is not None
    assert fellow.user.email == "eig@demo.magellan.test"
    community_kinds = ("question_answered", "thread_activity", "question_in_expertise")
    mine = Notification.objects.filter(recipient=fellow.user, kind__in=community_kinds)
    assert (mine.count(), mine.filter(read_at=None).count()) == (2, 1)
    assert load_community_demo() == 0


def test_the_demo_fellow_sees_the_questions():
    services.load_demo()
    fellow = Question.objects.get(title__startswith="Quelle licence").author.user
    client = Client()
    client.force_login(fellow)
    html = client.get("/entraide/").content.decode()
    assert "Quelle licence libre choisir" in html
    assert "Vends écran" not in html

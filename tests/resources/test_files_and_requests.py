import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from magellan.helpdesk.models import Status
from magellan.resources import queries, services
from magellan.resources.models import GuideFile, GuideUse
from tests.factories import GuideFactory, HelpRequestFactory, PersonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _client(person):
    client = Client()
    client.force_login(person.user)
    return client


def test_a_pdf_is_attached_and_served_only_to_those_who_read_the_guide():
    coach = PersonFactory(coach=True)
    guide = GuideFactory(members=True)

    _client(coach).post(
        reverse("resources:file_add", args=[guide.slug]),
        {"file": SimpleUploadedFile("grille.pdf", PDF)},
    )

    stored = GuideFile.objects.get()
    assert (stored.name, stored.content_type, stored.size) == (
        "grille.pdf",
        "application/pdf",
        len(PDF),
    )
    assert "grille" not in stored.file.name
    member = _client(PersonFactory(fellow=True)).get(stored.get_absolute_url())
    assert member.content == PDF
    assert member["Content-Disposition"] == 'attachment; filename="grille.pdf"'
    assert member["Cache-Control"] == "private, no-store"
    assert Client().get(stored.get_absolute_url()).status_code == 404


def test_a_program_renamed_pdf_is_refused_and_nothing_stored():
    coach = PersonFactory(coach=True)
    guide = GuideFactory()

    response = _client(coach).post(
        reverse("resources:file_add", args=[guide.slug]),
        {"file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 60)},
        follow=True,
    )

    assert "n’est pas un fichier .pdf" in response.content.decode()
    assert GuideFile.objects.count() == 0


def test_a_member_cannot_attach_files_to_a_guide_they_did_not_write():
    with pytest.raises(services.ResourcesError, match="pas modifier"):
        services.add_file(
            GuideFactory(),
            by=PersonFactory(fellow=True).user,
            upload=SimpleUploadedFile("grille.pdf", PDF),
        )
    assert GuideFile.objects.count() == 0


def test_the_assigned_helper_links_a_guide_to_the_request_and_the_team_cannot():
    helper = PersonFactory(mentor=True)
    request = HelpRequestFactory(status=Status.TAKEN, helpers=[helper])
    guide = GuideFactory(title="Guide de l’expérimentation")

    use = services.link_guide(guide, by=helper.user, help_request=request)

    assert (use.help_request, use.session) == (request, None)
    with pytest.raises(services.ResourcesError, match="aidant"):
        services.link_guide(GuideFactory(), by=request.author.user, help_request=request)
    with pytest.raises(services.ResourcesError, match="une séance ou à une demande"):
        services.link_guide(GuideFactory(), by=helper.user)
    assert GuideUse.objects.count() == 1


def test_a_guide_lists_a_help_request_only_to_those_who_may_see_it():
    helper = PersonFactory(mentor=True)
    request = HelpRequestFactory(subject="Demande confidentielle", helpers=[helper])
    guide = GuideFactory()
    GuideUse.objects.create(guide=guide, help_request=request)

    def listed(user):
        return [r.subject for r in queries.uses_visible_to(user, guide)["help_requests"]]

    assert listed(helper.user) == ["Demande confidentielle"]
    assert listed(request.author.user) == ["Demande confidentielle"]
    assert listed(PersonFactory(coach=True).user) == ["Demande confidentielle"]
    assert listed(PersonFactory(mentor=True).user) == []
    assert listed(PersonFactory(fellow=True).user) == []
    assert listed(None) == []
    page = Client().get(guide.get_absolute_url()).content.decode()
    assert "Demande confidentielle" not in page


def test_the_request_page_lists_its_guides_and_offers_the_link_to_its_helper():
    helper = PersonFactory(mentor=True)
    request = HelpRequestFactory(status=Status.TAKEN, helpers=[helper])
    GuideUse.objects.create(guide=GuideFactory(title="Guide relié"), help_request=request)

    helper_page = _client(helper).get(request.get_absolute_url()).content.decode()
    author_page = _client(request.author).get(request.get_absolute_url()).content.decode()

    assert "Guide relié" in helper_page
    assert "Relier un guide" in helper_page
    assert "Guide relié" in author_page
    assert "Relier un guide" not in author_page


def test_removing_a_help_request_use_is_a_404_for_those_who_may_not_see_the_request():
    helper = PersonFactory(mentor=True)
    request = HelpRequestFactory(status=Status.TAKEN, helpers=[helper])
    use = GuideUse.objects.create(guide=GuideFactory(), help_request=request)
    url = reverse("resources:use_remove", args=[use.pk])

    stranger = _client(PersonFactory(fellow=True)).post(url)
    author = _client(request.author).post(url)
    done = _client(helper).post(url)

    assert (stranger.status_code, author.status_code) == (404, 403)
    assert done["Location"] == reverse("resources:help_request_link", args=[request.pk])
    assert GuideUse.objects.count() == 0


def test_the_author_of_a_draft_reads_and_edits_it_and_nobody_else_but_coaches():
    author = PersonFactory(fellow=True)
    guide = GuideFactory(draft=True, author=author, title="Mon brouillon")
    edit = reverse("resources:guide_edit", args=[guide.slug])

    assert _client(author).get(guide.get_absolute_url()).status_code == 200
    assert _client(author).get(edit).status_code == 200
    assert _client(PersonFactory(fellow=True)).get(guide.get_absolute_url()).status_code == 404
    assert _client(PersonFactory(coach=True)).get(edit).status_code == 200

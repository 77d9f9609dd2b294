import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from magellan.helpdesk import lifecycle, services
from magellan.helpdesk.models import (
    Assignment,
    Attachment,
    Comment,
    EventKind,
    HelperProfile,
    HelpRequest,
    RequestSession,
    Status,
)
from magellan.notifications.models import Notification
from magellan.program.models import Registration
from magellan.program.queries import sessions_visible_to
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    ExpertiseFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    PersonFactory,
)

from . import files

pytestmark = pytest.mark.django_db


@dataclass
class Scene:
    cohort: Any
    challenge: Any
    author: Any
    teammate: Any
    outsider: Any
    coach: Any
    helper: Any
    other_helper: Any
    design: Any
    data: Any


@pytest.fixture
def scene() -> Scene:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    author = PersonFactory(fellow=True, cohort=cohort)
    teammate = PersonFactory(fellow=True, cohort=cohort)
    ChallengeMembershipFactory(person=author, challenge=challenge)
    ChallengeMembershipFactory(person=teammate, challenge=challenge)
    design = ExpertiseFactory(name="Design")
    data = ExpertiseFactory(name="Données")
    helper = PersonFactory(mentor=True, cohort=cohort, name="Hélène Aidante")
    other_helper = PersonFactory(mentor=True, cohort=cohort, name="Omar Autre")
    HelperProfileFactory(person=helper, expertises=[design, data])
    HelperProfileFactory(person=other_helper, expertises=[data])
    return Scene(
        cohort=cohort,
        challenge=challenge,
        author=author,
        teammate=teammate,
        outsider=PersonFactory(fellow=True, cohort=cohort),
        coach=PersonFactory(coach=True, cohort=cohort),
        helper=helper,
        other_helper=other_helper,
        design=design,
        data=data,
    )


def _open(scene: Scene, **kwargs: Any) -> HelpRequest:
    values: dict[str, Any] = {
        "author": scene.author,
        "subject": "Relire notre plan d’expérimentation",
        "description": "Nous testons un **nouveau parcours** avec cinq agents.",
        "expertises": [scene.design],
    }
    return services.open_help_request(**(values | kwargs))


def _kinds(request: HelpRequest) -> list[str]:
    return list(request.events.order_by("created_at", "pk").values_list("kind", flat=True))


def _taken(scene: Scene) -> HelpRequest:
    request = _open(scene)
    return services.assign_helpers(request=request, helpers=[scene.helper], by=scene.coach.user)


def _resolved(scene: Scene) -> HelpRequest:
    request = _taken(scene)
    return services.resolve_request(
        request=request, by=scene.helper.user, summary="Plan relu, trois pistes."
    )


# --- Opening ---------------------------------------------------------------------------------


def test_open_defaults_to_the_authors_current_challenge_and_its_cohort(scene: Scene) -> None:
    request = _open(scene)

    assert (request.status, request.challenge, request.cohort, request.filed_by) == (
        Status.NEW,
        scene.challenge,
        scene.cohort,
        None,
    )
    assert list(request.expertises.all()) == [scene.design]
    assert _kinds(request) == [EventKind.OPENED]
    event = request.events.get()
    assert (event.actor, event.to_status) == (scene.author.user, Status.NEW)


def test_open_prefers_the_challenge_of_a_current_cohort(scene: Scene) -> None:
    old = ChallengeFactory(cohorts=[CohortFactory(past=True, number=1)])
    ChallengeMembershipFactory(person=scene.author, challenge=old)

    assert _open(scene).challenge == scene.challenge


def test_open_for_a_project_owner_takes_their_challenge(scene: Scene) -> None:
    owner = PersonFactory(project_owner=True, cohort=scene.cohort)
    ChallengeMembershipFactory(person=owner, challenge=scene.challenge, role="project_owner")

    assert _open(scene, author=owner).challenge == scene.challenge


def test_open_tells_the_cohorts_coaches_in_the_queue(scene: Scene) -> None:
    other_coach = PersonFactory(coach=True, cohort=CohortFactory())

    request = _open(scene, urgency="urgent")

    notes = list(Notification.objects.values_list("recipient", "kind", "title", "url"))
    assert notes == [
        (
            scene.coach.user.pk,
            "help_queue",
            "Urgent — Nouvelle demande d’aide : Relire notre plan d’expérimentation",
            request.get_absolute_url(),
        )
    ]
    assert not Notification.objects.filter(recipient=other_coach.user).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"subject": "  "}, "Indiquez le sujet de votre demande."),
        ({"description": "\n "}, "Décrivez votre besoin : c’est ce que liront les aidant·es."),
        ({"subject": "x" * 201}, "Le sujet tient en 200 caractères au plus."),
        ({"urgency": "immense"}, "Urgence inconnue : « normale » ou « urgente »."),
        (
            {"wished_form": "pigeon"},
            "Forme souhaitée inconnue : une réponse écrite ou une séance.",
        ),
    ],
)
def test_open_refuses_bad_input_and_writes_nothing(
    scene: Scene, changes: dict[str, str], message: str
) -> None:
    with pytest.raises(services.HelpdeskError) as error:
        _open(scene, **changes)

    assert str(error.value) == message
    assert HelpRequest.objects.count() == 0


def test_open_refuses_another_teams_challenge_for_a_fellow(scene: Scene) -> None:
    with pytest.raises(services.HelpdeskError) as error:
        _open(scene, author=scene.outsider, challenge=scene.challenge)

    assert str(error.value) == (
        "Vous ne faites pas partie de l’équipe de ce défi : choisissez le vôtre."
    )
    assert HelpRequest.objects.count() == 0


def test_a_coach_files_for_a_team(scene: Scene) -> None:
    request = _open(scene, author=scene.coach, challenge=scene.challenge, by=scene.coach.user)

    assert (request.author, request.challenge, request.cohort) == (
        scene.coach,
        scene.challenge,
        scene.cohort,
    )


def test_open_keeps_its_origin(scene: Scene) -> None:
    origin = ChallengeFactory()

    request = _open(scene, origin=origin)

    request.refresh_from_db()
    assert (request.origin_type, request.origin_id, request.origin) == (
        ContentType.objects.get_for_model(origin),
        origin.pk,
        origin,
    )


# --- Attachments -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("plan.pdf", files.PDF, "application/pdf"),
        ("maquette.PNG", files.PNG, "image/png"),
        ("photo.jpg", files.JPEG, "image/jpeg"),
        ("photo.jpeg", files.JPEG, "image/jpeg"),
        ("anim.gif", files.GIF, "image/gif"),
        ("image.webp", files.WEBP, "image/webp"),
        (
            "note.docx",
            files.DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            files.XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.pptx",
            files.PPTX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("note.odt", files.ODT, "application/vnd.oasis.opendocument.text"),
        ("budget.ods", files.ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("slides.odp", files.ODP, "application/vnd.oasis.opendocument.presentation"),
        ("ancien.doc", files.OLE2, "application/msword"),
        ("ancien.xls", files.OLE2, "application/vnd.ms-excel"),
        ("ancien.ppt", files.OLE2, "application/vnd.ms-powerpoint"),
    ],
)
def test_accepted_attachments_are_stored_under_a_secret_name(
    scene: Scene, name: str, content: bytes, content_type: str
) -> None:
    request = _open(scene, attachments=[files.upload(name, content)])

    attachment = request.attachments.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(content),
    )
    assert name not in attachment.file.name
    assert attachment.file.name.startswith("helpdesk/")
    assert len(attachment.file.name) >= len("helpdesk/") + 32
    with attachment.file.open("rb") as handle:
        assert handle.read() == content
    assert _kinds(request) == [EventKind.OPENED, EventKind.ATTACHED]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "plan.pdf",
            files.EXE,
            "Le contenu de « plan.pdf » n’est pas un fichier .pdf : il est refusé (le type est "
            "vérifié d’après le contenu, pas seulement le nom).",
        ),
        (
            "photo.png",
            files.PDF,
            "Le contenu de « photo.png » n’est pas un fichier .png : il est refusé (le type est "
            "vérifié d’après le contenu, pas seulement le nom).",
        ),
        (
            "note.docx",
            files.PLAIN_ZIP,
            "Le contenu de « note.docx » n’est pas un fichier .docx : il est refusé (le type est "
            "vérifié d’après le contenu, pas seulement le nom).",
        ),
        (
            "note.docx",
            files.ODT,
            "Le contenu de « note.docx » n’est pas un fichier .docx : il est refusé (le type est "
            "vérifié d’après le contenu, pas seulement le nom).",
        ),
        (
            "outil.exe",
            files.EXE,
            "« outil.exe » n’est pas d’un type accepté : PDF, images (PNG, JPEG, GIF, WebP) ou "
            "documents bureautiques (Word, Excel, PowerPoint, OpenDocument).",
        ),
        ("vide.pdf", b"", "« vide.pdf » est vide."),
    ],
)
def test_refused_attachments_refuse_the_request(
    scene: Scene, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(services.HelpdeskError) as error:
        _open(scene, attachments=[files.upload("bon.pdf", files.PDF), files.upload(name, content)])

    assert str(error.value) == message
    assert (HelpRequest.objects.count(), Attachment.objects.count()) == (0, 0)


def test_an_oversized_attachment_is_refused(scene: Scene, settings: Any) -> None:
    settings.MAGELLAN_HELPDESK_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = files.PDF + b"0" * (1024 * 1024)

    with pytest.raises(services.HelpdeskError) as error:
        _open(scene, attachments=[files.upload("gros.pdf", big)])

    assert str(error.value) == "« gros.pdf » dépasse 1 Mo : joignez un fichier plus léger."
    assert HelpRequest.objects.count() == 0


def test_a_file_at_the_limit_is_accepted(scene: Scene, settings: Any) -> None:
    settings.MAGELLAN_HELPDESK_ATTACHMENT_MAX_BYTES = 1024
    exact = files.PDF + b"0" * (1024 - len(files.PDF))

    request = _open(scene, attachments=[files.upload("juste.pdf", exact)])

    assert request.attachments.get().size == 1024


def test_add_attachments_later_by_a_helper(scene: Scene) -> None:
    request = _taken(scene)

    stored = services.add_attachments(
        request=request, by=scene.helper.user, files=[files.upload("pistes.pdf", files.PDF)]
    )

    assert [(a.original_name, a.uploaded_by) for a in stored] == [("pistes.pdf", scene.helper)]
    assert _kinds(request)[-1] == EventKind.ATTACHED


def test_add_attachments_refused_to_someone_who_does_not_see_it(scene: Scene) -> None:
    request = _open(scene)

    with pytest.raises(services.HelpdeskError):
        services.add_attachments(
            request=request, by=scene.outsider.user, files=[files.upload("x.pdf", files.PDF)]
        )

    assert Attachment.objects.count() == 0


# --- The life of a request -------------------------------------------------------------------


EVERY_CHANGE = [(current, target) for current in Status.values for target in Status.values]


@pytest.mark.parametrize(("current", "target"), EVERY_CHANGE)
def test_the_lifecycle_table(current: str, target: str) -> None:
    allowed = {
        ("new", "taken"),
        ("new", "withdrawn"),
        ("taken", "session_planned"),
        ("taken", "resolved"),
        ("taken", "withdrawn"),
        ("session_planned", "session_planned"),
        ("session_planned", "resolved"),
        ("session_planned", "withdrawn"),
        ("resolved", "closed"),
        ("resolved", "taken"),
    }
    assert lifecycle.is_allowed(current, target) == ((current, target) in allowed)
    if (current, target) not in allowed:
        assert lifecycle.refusal(current, target)


def test_assign_takes_a_new_request_and_tells_everyone(scene: Scene) -> None:
    request = _open(scene)
    Notification.objects.all().delete()

    request = services.assign_helpers(
        request=request, helpers=[scene.helper, scene.other_helper], by=scene.coach.user
    )

    assert request.status == Status.TAKEN
    assert request.first_response_at is not None
    assert sorted(request.assignments.values_list("helper__name", flat=True)) == [
        "Hélène Aidante",
        "Omar Autre",
    ]
    event = request.events.get(kind=EventKind.ASSIGNED)
    assert (event.actor, event.from_status, event.to_status, event.detail) == (
        scene.coach.user,
        Status.NEW,
        Status.TAKEN,
        "Hélène Aidante, Omar Autre",
    )
    assert sorted(Notification.objects.values_list("recipient__email", "kind")) == sorted(
        [
            (scene.helper.user.email, "help_request_assigned"),
            (scene.other_helper.user.email, "help_request_assigned"),
            (scene.author.user.email, "help_request_update"),
            (scene.teammate.user.email, "help_request_update"),
        ]
    )


def test_assign_more_helpers_keeps_the_status(scene: Scene) -> None:
    request = _taken(scene)

    request = services.assign_helpers(
        request=request, helpers=[scene.other_helper], by=scene.coach.user
    )

    assert request.status == Status.TAKEN
    assert _kinds(request) == [EventKind.OPENED, EventKind.ASSIGNED, EventKind.ASSIGNED]


@pytest.mark.parametrize(
    ("who", "helper", "message"),
    [
        ("helper", "other_helper", "Seuls les coachs désignent des aidant·es."),
        ("coach", "outsider", "Personne"),
        ("coach", "teammate", "Personne"),
    ],
)
def test_assign_refusals(scene: Scene, who: str, helper: str, message: str) -> None:
    request = _open(scene)
    person = getattr(scene, helper)
    if helper == "teammate":
        HelperProfileFactory(person=scene.teammate, expertises=[scene.design])

    with pytest.raises(services.HelpdeskError) as error:
        services.assign_helpers(request=request, helpers=[person], by=getattr(scene, who).user)

    expected = {
        "outsider": f"{scene.outsider.name} n’est pas aidant·e en ce moment (profil absent ou en pause).",
        "teammate": "On n’aide pas sur sa propre demande : choisissez quelqu’un d’autre.",
    }.get(helper, message)
    assert str(error.value) == expected
    request.refresh_from_db()
    assert (request.status, request.assignments.count()) == (Status.NEW, 0)


def test_assign_a_paused_helper_is_refused(scene: Scene) -> None:
    HelperProfile.objects.filter(person=scene.helper).update(is_active=False)

    with pytest.raises(services.HelpdeskError) as error:
        services.assign_helpers(request=_open(scene), helpers=[scene.helper], by=scene.coach.user)

    assert str(error.value) == (
        "Hélène Aidante n’est pas aidant·e en ce moment (profil absent ou en pause)."
    )


def test_assign_refused_on_a_closed_request(scene: Scene) -> None:
    request = services.withdraw_request(request=_open(scene), by=scene.author.user)

    with pytest.raises(services.HelpdeskError) as error:
        services.assign_helpers(request=request, helpers=[scene.helper], by=scene.coach.user)

    assert str(error.value) == "Cette demande a été retirée : elle ne change plus."
    assert Assignment.objects.count() == 0


def test_a_helper_takes_a_request_of_their_queue(scene: Scene) -> None:
    request = _open(scene)

    request = services.take_request(request=request, by=scene.helper.user)

    assert request.status == Status.TAKEN
    assert list(request.assignments.values_list("helper", flat=True)) == [scene.helper.pk]
    assert request.first_response_at is not None
    assert _kinds(request) == [EventKind.OPENED, EventKind.TAKEN]


def test_a_request_taken_once_cannot_be_taken_again(scene: Scene) -> None:
    request = _open(scene, expertises=[scene.data])
    services.take_request(request=request, by=scene.helper.user)

    with pytest.raises(services.HelpdeskError) as error:
        services.take_request(request=request, by=scene.other_helper.user)

    assert str(error.value) == "Quelqu’un a déjà pris cette demande."
    assert request.assignments.count() == 1


def test_take_outside_ones_expertises_is_refused(scene: Scene) -> None:
    request = _open(scene, expertises=[scene.design])

    with pytest.raises(services.HelpdeskError) as error:
        services.take_request(request=request, by=scene.other_helper.user)

    assert str(error.value) == (
        "Cette demande n’est pas dans votre file (hors de vos expertises ou la vôtre)."
    )


def test_take_by_a_non_helper_is_refused(scene: Scene) -> None:
    with pytest.raises(services.HelpdeskError) as error:
        services.take_request(request=_open(scene), by=scene.outsider.user)

    assert str(error.value) == "Seul·es les aidant·es inscrit·es prennent une demande."


def _soon(days: int = 3) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=10, minute=0, second=0, microsecond=0)


def test_plan_session_makes_a_private_program_session_in_everyones_calendar(
    scene: Scene,
) -> None:
    request = _taken(scene)

    session = services.plan_session(request=request, by=scene.helper.user, starts_at=_soon())

    request.refresh_from_db()
    assert request.status == Status.SESSION_PLANNED
    assert (session.format.slug, session.format.name, session.is_private, session.cohort) == (
        "permanence",
        "Bureau d’aide",
        True,
        scene.cohort,
    )
    assert session.title == "Bureau d’aide : Relire notre plan d’expérimentation"
    assert session.ends_at - session.starts_at == datetime.timedelta(minutes=60)
    assert list(session.facilitators.all()) == [scene.helper]
    assert sorted(
        Registration.objects.filter(session=session).values_list("person__name", flat=True)
    ) == sorted([scene.author.name, scene.teammate.name])
    assert RequestSession.objects.get(request=request).session == session
    for person in (scene.author, scene.teammate, scene.helper):
        assert session in sessions_visible_to(person.user)
    assert session not in sessions_visible_to(scene.outsider.user)


def test_plan_session_refused_before_the_request_is_taken(scene: Scene) -> None:
    request = _open(scene)

    with pytest.raises(services.HelpdeskError) as error:
        services.plan_session(request=request, by=scene.coach.user, starts_at=_soon())

    assert str(error.value) == (
        "Une demande doit être prise en charge avant qu’une séance soit planifiée."
    )
    assert RequestSession.objects.count() == 0


def test_plan_session_refused_in_the_past_and_to_others(scene: Scene) -> None:
    request = _taken(scene)

    with pytest.raises(services.HelpdeskError) as past:
        services.plan_session(request=request, by=scene.helper.user, starts_at=_soon(-1))
    with pytest.raises(services.HelpdeskError) as other:
        services.plan_session(request=request, by=scene.other_helper.user, starts_at=_soon())

    assert str(past.value) == "Choisissez une date à venir."
    assert str(other.value) == "Seul·es les aidant·es de la demande et les coachs planifient."
    assert RequestSession.objects.count() == 0


def test_resolve_needs_a_summary(scene: Scene) -> None:
    request = _taken(scene)

    with pytest.raises(services.HelpdeskError) as error:
        services.resolve_request(request=request, by=scene.helper.user, summary="  ")

    assert str(error.value) == "Résumez la résolution : ce qui a été trouvé, ce qui reste à faire."
    request.refresh_from_db()
    assert (request.status, request.resolved_at) == (Status.TAKEN, None)


def test_resolve_by_a_helper(scene: Scene) -> None:
    request = _resolved(scene)

    assert (request.status, request.resolution_summary) == (
        Status.RESOLVED,
        "Plan relu, trois pistes.",
    )
    assert request.resolved_at is not None
    assert _kinds(request)[-1] == EventKind.RESOLVED


def test_resolve_refused_to_the_author_and_to_a_new_request(scene: Scene) -> None:
    request = _open(scene)
    with pytest.raises(services.HelpdeskError) as new:
        services.resolve_request(request=request, by=scene.coach.user, summary="Fait")
    services.assign_helpers(request=request, helpers=[scene.helper], by=scene.coach.user)
    with pytest.raises(services.HelpdeskError) as author:
        services.resolve_request(request=request, by=scene.author.user, summary="Fait")

    assert str(new.value) == "Une demande doit être prise en charge avant d’être résolue."
    assert str(author.value) == "Seul·es les aidant·es de la demande et les coachs la résolvent."


def test_close_a_resolved_request(scene: Scene) -> None:
    request = services.close_request(request=_resolved(scene), by=scene.teammate.user)

    assert request.status == Status.CLOSED
    assert request.closed_at is not None


def test_close_refused_before_resolution(scene: Scene) -> None:
    with pytest.raises(services.HelpdeskError) as error:
        services.close_request(request=_taken(scene), by=scene.author.user)

    assert str(error.value) == "Seule une demande résolue peut être close."


def test_withdraw_by_the_author_cancels_the_sessions_to_come(scene: Scene) -> None:
    request = _taken(scene)
    session = services.plan_session(request=request, by=scene.helper.user, starts_at=_soon())

    request = services.withdraw_request(request=request, by=scene.author.user)

    session.refresh_from_db()
    assert (request.status, session.status) == (Status.WITHDRAWN, "cancelled")


def test_withdraw_refused_to_a_teammate_and_once_resolved(scene: Scene) -> None:
    request = _taken(scene)
    with pytest.raises(services.HelpdeskError) as teammate:
        services.withdraw_request(request=request, by=scene.teammate.user)
    services.resolve_request(request=request, by=scene.helper.user, summary="Fait.")
    with pytest.raises(services.HelpdeskError) as resolved:
        services.withdraw_request(request=request, by=scene.author.user)

    assert str(teammate.value) == "Seule la personne qui a demandé de l’aide retire sa demande."
    assert str(resolved.value) == "Cette demande est résolue : rouvrez-la ou closez-la."


def test_reopen_within_the_window(scene: Scene) -> None:
    request = _resolved(scene)
    HelpRequest.objects.filter(pk=request.pk).update(
        resolved_at=timezone.now() - datetime.timedelta(days=29)
    )

    request = services.reopen_request(
        request=request, by=scene.author.user, reason="Une piste ne marche pas."
    )

    assert (request.status, request.resolved_at) == (Status.TAKEN, None)
    assert _kinds(request)[-1] == EventKind.REOPENED
    assert list(Comment.objects.values_list("body", flat=True)) == ["Une piste ne marche pas."]


def test_reopen_after_the_window_is_refused(scene: Scene, settings: Any) -> None:
    settings.MAGELLAN_HELPDESK_REOPEN_DAYS = 10
    request = _resolved(scene)
    HelpRequest.objects.filter(pk=request.pk).update(
        resolved_at=timezone.now() - datetime.timedelta(days=10, minutes=1)
    )

    with pytest.raises(services.HelpdeskError) as error:
        services.reopen_request(request=request, by=scene.author.user)

    assert str(error.value) == (
        "Une demande se rouvre dans les 10 jours qui suivent sa résolution : déposez-en une "
        "nouvelle."
    )
    request.refresh_from_db()
    assert request.status == Status.RESOLVED


def test_a_closed_request_never_reopens(scene: Scene) -> None:
    request = services.close_request(request=_resolved(scene), by=scene.author.user)

    with pytest.raises(services.HelpdeskError) as error:
        services.reopen_request(request=request, by=scene.author.user)

    assert str(error.value) == "Cette demande est close : elle ne change plus."


def test_reopen_refused_to_a_helper(scene: Scene) -> None:
    with pytest.raises(services.HelpdeskError) as error:
        services.reopen_request(request=_resolved(scene), by=scene.helper.user)

    assert str(error.value) == "Seule l’équipe qui a demandé de l’aide rouvre sa demande."


def test_a_status_change_works_on_the_row_as_it_is_now(scene: Scene) -> None:
    """A page shown before someone else's change: the service reads the locked row, not the page's copy."""
    request = _taken(scene)
    stale = HelpRequest.objects.get(pk=request.pk)
    services.withdraw_request(request=request, by=scene.author.user)

    with pytest.raises(services.HelpdeskError) as error:
        services.resolve_request(request=stale, by=scene.helper.user, summary="Trop tard.")

    assert str(error.value) == "Cette demande a été retirée : elle ne change plus."
    stale.refresh_from_db()
    assert (stale.status, stale.resolution_summary) == (Status.WITHDRAWN, "")


# --- Comments --------------------------------------------------------------------------------


def test_the_authors_comment_does_not_count_as_a_response(scene: Scene) -> None:
    request = _open(scene)

    services.add_comment(request=request, by=scene.author.user, body="Précision : avant vendredi.")

    request.refresh_from_db()
    assert request.first_response_at is None


def test_a_coachs_comment_is_the_first_response_and_tells_the_team(scene: Scene) -> None:
    request = _open(scene)
    Notification.objects.all().delete()

    comment = services.add_comment(request=request, by=scene.coach.user, body="On regarde.")

    request.refresh_from_db()
    assert request.first_response_at is not None
    assert request.first_response_at >= comment.created_at
    assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == sorted(
        [scene.author.user.email, scene.teammate.user.email]
    )
    assert _kinds(request)[-1] == EventKind.COMMENTED


def test_a_comment_is_refused_on_a_withdrawn_request_and_when_empty(scene: Scene) -> None:
    request = services.withdraw_request(request=_open(scene), by=scene.author.user)

    with pytest.raises(services.HelpdeskError) as closed:
        services.add_comment(request=request, by=scene.author.user, body="Encore là ?")
    with pytest.raises(services.HelpdeskError) as empty:
        services.add_comment(request=request, by=scene.author.user, body=" ")

    assert str(closed.value) == "Cette demande a été retirée : elle ne change plus."
    assert str(empty.value) == "Le message est vide."
    assert Comment.objects.count() == 0


def test_a_comment_is_refused_to_someone_who_does_not_see_the_request(scene: Scene) -> None:
    with pytest.raises(services.HelpdeskError):
        services.add_comment(request=_open(scene), by=scene.outsider.user, body="Coucou")

    assert Comment.objects.count() == 0


# --- Helpers and suggestions -----------------------------------------------------------------


def test_save_helper_profile_needs_an_expertise_to_be_active(scene: Scene) -> None:
    with pytest.raises(services.HelpdeskError) as error:
        services.save_helper_profile(person=scene.coach, expertises=[])

    assert str(error.value) == "Indiquez au moins une expertise pour recevoir des demandes."
    assert not HelperProfile.objects.filter(person=scene.coach).exists()


def test_a_coach_adds_an_expert(scene: Scene) -> None:
    expert = PersonFactory(with_account=True)

    profile = services.save_helper_profile(
        person=expert, expertises=[scene.data], by=scene.coach.user
    )

    assert (profile.added_by, profile.is_active, list(profile.expertises.all())) == (
        scene.coach,
        True,
        [scene.data],
    )


def test_suggestions_rank_by_fit_then_load_then_past_resolutions(scene: Scene) -> None:
    third = PersonFactory(mentor=True, cohort=scene.cohort, name="Théo Troisième")
    HelperProfileFactory(person=third, expertises=[scene.design])
    # Hélène has both expertises but two open requests; Théo resolved one in design before.
    for _ in range(2):
        HelpRequestFactory(status=Status.TAKEN, helpers=[scene.helper])
    done = HelpRequestFactory(status=Status.RESOLVED, helpers=[third], expertises=[scene.design])
    HelpRequest.objects.filter(pk=done.pk).update(resolved_at=timezone.now())
    request = _open(scene, expertises=[scene.design, scene.data])

    suggestions = services.suggest_helpers(request)

    assert [(s.person.name, s.score) for s in suggestions] == [
        ("Hélène Aidante", 70.0),  # 100 × 2/2 − 15 × 2
        ("Théo Troisième", 60.0),  # 100 × 1/2 + 10 × 1
        ("Omar Autre", 50.0),  # 100 × 1/2
    ]
    assert suggestions[0].reasons == [
        "Expertise : Design, Données (2 sur 2).",
        "Charge : 2 demandes en cours.",
        "Pas encore de demande résolue dans ces expertises.",
    ]
    assert suggestions[1].reasons == [
        "Expertise : Design (1 sur 2).",
        "Charge : aucune demande en cours.",
        "A déjà résolu 1 demande dans ces expertises.",
    ]


def test_suggestions_leave_out_the_paused_the_assigned_and_the_team(scene: Scene) -> None:
    HelperProfileFactory(person=scene.teammate, expertises=[scene.data])
    HelperProfile.objects.filter(person=scene.other_helper).update(is_active=False)
    request = _open(scene, expertises=[scene.data])

    assert [s.person for s in services.suggest_helpers(request)] == [scene.helper]
    services.assign_helpers(request=request, helpers=[scene.helper], by=scene.coach.user)
    assert services.suggest_helpers(request) == []


def test_suggestions_without_expertise_list_every_helper_by_load(scene: Scene) -> None:
    HelpRequestFactory(status=Status.TAKEN, helpers=[scene.helper])
    request = _open(scene, expertises=[])

    suggestions = services.suggest_helpers(request, limit=1)

    assert [(s.person, s.reasons[0]) for s in suggestions] == [
        (scene.other_helper, "La demande n’indique pas d’expertise.")
    ]


def test_plan_session_emails_the_ics_to_the_helper_and_the_team(
    scene: Scene, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    request = _taken(scene)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.plan_session(request=request, by=scene.helper.user, starts_at=_soon())

    session_mails = [m for m in mail.outbox if m.subject.startswith("Séance du bureau d’aide")]
    assert sorted(address for m in session_mails for address in m.to) == sorted(
        [scene.helper.email, scene.author.email, scene.teammate.email]
    )
    body = session_mails[0].body
    assert "Une séance du bureau d’aide est planifiée" in body
    assert [a[2] for a in session_mails[0].attachments] == ["text/calendar"]

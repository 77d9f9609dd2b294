"""Knowledge base pages: a public guide, a members-only guide and a draft (each with text that
must not leak), a session that used the public guide. A members-only guide is a 404 for the
public and for accounts without a role; a draft is a 404 for everyone but the coaches."""

from typing import Any

from django.urls import reverse

from . import ROLES, Case, World, statuses

EVERYONE = dict.fromkeys(ROLES, 200)
MEMBERS_SEE = statuses(200, anonymous=404, outsiders=404)
COACHES_SEE = statuses(404, coaches=200)
COACH_ONLY = statuses(403, anonymous=302, coaches=200)
COACH_POSTS = statuses(403, anonymous=302, coaches=302)
DRAFT_POSTS = statuses(404, anonymous=302, coaches=302)


def _data(world: World) -> dict[str, Any]:
    from tests.factories import GuideFactory, GuideLinkFactory, GuideUseFactory, SessionFactory

    if "resources" not in world.extra:
        public = GuideFactory(title="Guide ouvert", body="Tout le monde peut lire ceci.")
        members = GuideFactory(members=True, body="Réservé aux membres du programme.")
        draft = GuideFactory(draft=True, author=world.coach, body="Brouillon pas encore relu.")
        session = SessionFactory(cohort=world.cohort)
        world.extra["resources"] = {
            "public": public,
            "members": members,
            "draft": draft,
            "link": GuideLinkFactory(guide=public),
            "session": session,
            "use": GuideUseFactory(guide=public, session=session),
        }
    return world.extra["resources"]


def _guide(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[_data(w)[key].slug])


def _to(key: str, anchor: str = "") -> Any:
    return lambda w: _data(w)[key].get_absolute_url() + anchor


CASES = [
    Case(
        "resources:guide_list", lambda w: (_data(w), reverse("resources:guide_list"))[1], EVERYONE
    ),
    Case("resources:guide_create", lambda w: reverse("resources:guide_create"), COACH_ONLY),
    Case(
        "resources:guide_detail",
        _guide("resources:guide_detail", "public"),
        EVERYONE,
        id="guide_detail public",
    ),
    Case(
        "resources:guide_detail",
        _guide("resources:guide_detail", "members"),
        MEMBERS_SEE,
        id="guide_detail members-only",
    ),
    Case(
        "resources:guide_detail",
        _guide("resources:guide_detail", "draft"),
        COACHES_SEE,
        id="guide_detail draft",
    ),
    Case(
        "resources:guide_edit",
        _guide("resources:guide_edit", "public"),
        COACH_ONLY,
        id="guide_edit public",
    ),
    Case(
        "resources:guide_edit",
        _guide("resources:guide_edit", "draft"),
        statuses(404, anonymous=302, coaches=200),
        id="guide_edit draft",
    ),
    Case(
        "resources:guide_history",
        _guide("resources:guide_history", "members"),
        statuses(200, anonymous=302, outsiders=404),
        id="guide_history members-only",
    ),
    Case(
        "resources:guide_history",
        _guide("resources:guide_history", "public"),
        statuses(200, anonymous=302, outsiders=403),
        id="guide_history public",
    ),
    Case(
        "resources:guide_history",
        _guide("resources:guide_history", "draft"),
        statuses(404, anonymous=302, coaches=200),
        id="guide_history draft",
    ),
    Case(
        "resources:guide_publish",
        _guide("resources:guide_publish", "draft"),
        DRAFT_POSTS,
        method="post",
        redirect=_to("draft"),
    ),
    Case(
        "resources:guide_unpublish",
        _guide("resources:guide_unpublish", "public"),
        COACH_POSTS,
        method="post",
        redirect=_to("public"),
    ),
    Case(
        "resources:link_add",
        _guide("resources:link_add", "public"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"label": "Référentiel", "url": "https://example.org/referentiel"},
        redirect=_to("public", "#liens"),
    ),
    Case(
        "resources:link_remove",
        lambda w: reverse(
            "resources:link_remove", args=[_data(w)["public"].slug, _data(w)["link"].pk]
        ),
        COACH_POSTS,
        method="post",
        redirect=_to("public", "#liens"),
    ),
    Case(
        "resources:session_link",
        lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
        COACH_ONLY,
    ),
    Case(
        "resources:session_link",
        lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
        COACH_POSTS,
        method="post",
        data=lambda w: {"guide": _data(w)["members"].pk},
        redirect=lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
        id="session_link post",
    ),
    Case(
        "resources:use_remove",
        lambda w: reverse("resources:use_remove", args=[_data(w)["use"].pk]),
        COACH_POSTS,
        method="post",
        redirect=lambda w: reverse("resources:session_link", args=[_data(w)["session"].pk]),
    ),
]

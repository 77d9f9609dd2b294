"""Import the EIG website's Hugo content: `defis/*.md` (challenges) and `personnes/*.md` (people).

Every file is read and checked first; any malformed file (no front matter, invalid YAML, missing
title, unknown promotion or role) aborts the whole import with a message naming the file. The
writes then run in one transaction, are idempotent (objects are found again by slug, and
administrations by name, acronym or alias), and never delete anything: relations found on the
site are added, those a coach added by hand stay.

Mapping decisions, from reading the site's data:

- Challenge: slug from the file name (ASCII), `title`, `description` → summary, Markdown body →
  description (Hugo shortcodes stripped: `arrow-link` becomes a Markdown link, `dailymotion` a
  video link), `who` → administration, `themes`, `promos` → cohorts, `town`, `expertises`,
  `visible` → is_visible; `urlSET`, `arrow-link` and `dailymotion` URLs → ChallengeLink
  (github/gitlab → repository, data.gouv.fr datasets → dataset). `_index.md` is skipped.
- Administration: the ministry part of "Ministère X, Direction Y" is dropped, a trailing
  "(ACRONYM)" becomes the acronym; spellings that share a normalised name or acronym, or whose
  names are nearly equal (difflib ratio ≥ 0.9), are one administration, the others become aliases.
  An existing administration is never renamed (coaches may have fixed its name).
- Person `role` → role in their `promos` and in their challenges' teams:
  `participant` → fellow; `agent-public` → project owner (sponsor when the job title says
  "Sponsor"); `agent-ecosysteme` → mentor; `agent-programme` and `agent-programme-alumni`
  (current and former program staff) → alumni. The site never grants the coach role, which gives
  management rights: coaches grant it by hand. Without `promos`, the cohorts of the person's
  challenges are used. Profession comes from `job` (the raw title is kept in job_title), falling
  back on the role (staff → coaching, public agents → public management).
- Files "name-1.md" that repeat the name of "name.md" are the same person with a second profile
  (e.g. a fellow who later became a project owner): one Person, both roles.
- People published on the site consented to appear publicly: is_public is set on creation only,
  so a withdrawal recorded by hand is kept. Email and gender are never touched.
- A person's challenge is found by normalised title, then slug, then an unambiguous fuzzy match
  (ratio ≥ 0.9); "A, B" naming two challenges links both; anything else is reported unmatched.
"""

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from magellan.audit.services import IMPORT_REASON, create_with_history
from magellan.directory.models import (
    Administration,
    AdministrationAlias,
    Challenge,
    ChallengeLink,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Expertise,
    LinkKind,
    Person,
    Profession,
    Role,
    Theme,
    normalize_label,
)

from .normalize import (
    FUZZY_MIN_RATIO,
    AdministrationName,
    CohortKey,
    TitleIndex,
    clean_text,
    normalize_profession,
    parse_administration,
    parse_cohort_label,
    unique_slug,
)
from .report import ImportReport, InvalidImportError, Outcome, Progress

SITE_ROLES = {
    "participant": Role.FELLOW,
    "agent-public": Role.PROJECT_OWNER,
    "agent-ecosysteme": Role.MENTOR,
    "agent-programme": Role.ALUMNI,
    "agent-programme-alumni": Role.ALUMNI,
}
ROLE_PROFESSIONS = {
    Role.PROJECT_OWNER: Profession.PUBLIC_MANAGEMENT,
    Role.SPONSOR: Profession.PUBLIC_MANAGEMENT,
    Role.ALUMNI: Profession.COACHING,
}

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n?---[ \t]*(?:\n(?P<body>.*))?\Z", re.S)
_SHORTCODE_RE = re.compile(r"\{\{[<%]\s*(?P<name>[\w-]+)(?P<args>.*?)\s*[>%]\}\}", re.S)
_ATTRIBUTE_RE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_DAILYMOTION_RE = re.compile(r'^\s*(?P<id>[\w]+)?\s*(?:"(?P<title>[^"]*)")?')
_SAME_PERSON_SUFFIX_RE = re.compile(r"-\d+$")
_is_url = URLValidator(schemes=["http", "https"])
_CHALLENGE_RELATIONS = {"cohorts": "cohort_id", "themes": "theme_id", "expertises": "expertise_id"}


@dataclass(frozen=True)
class SiteLink:
    kind: str
    label: str
    url: str


@dataclass
class SiteChallenge:
    path: str
    slug: str
    title: str
    summary: str
    description: str
    who: str
    cohorts: list[CohortKey]
    themes: list[str]
    expertises: list[str]
    town: str
    is_visible: bool
    links: list[SiteLink]


@dataclass
class SiteProfile:
    """One `personnes/*.md` file: one person's role in some cohorts and challenges."""

    path: str
    slug: str
    name: str
    job: str
    role: Role
    cohorts: list[CohortKey]
    challenges: list[str]
    expertises: list[str]
    bio: str
    urls: list[str]


@dataclass
class SitePerson:
    """A person and their profiles (usually one)."""

    slug: str
    profiles: list[SiteProfile] = field(default_factory=list)

    @property
    def main(self) -> SiteProfile:
        """The profile of the latest cohort (the first file when none has a cohort)."""
        return max(
            self.profiles,
            key=lambda p: max((c.number for c in p.cohorts), default=0),
        )


@dataclass
class SiteContent:
    challenges: list[SiteChallenge]
    people: list[SitePerson]


def import_eig_site(
    path: Path | str, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import the site's challenges and people from a Hugo content folder; all or nothing."""
    content = read_site(Path(path))
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _SiteWriter(report, progress).write(content)
        if dry_run:
            transaction.set_rollback(True)
    return report


# Reading -----------------------------------------------------------------------------------


def read_site(root: Path) -> SiteContent:
    """Read and check every file of the folder; raise InvalidImportError listing every problem."""
    if not root.is_dir():
        raise InvalidImportError([_("%(path)s : dossier introuvable.") % {"path": root}])
    folders = [root / "defis", root / "personnes"]
    missing = [
        _("%(path)s : pas de dossier %(folder)s/.") % {"path": root, "folder": folder.name}
        for folder in folders
        if not folder.is_dir()
    ]
    if missing:
        raise InvalidImportError(missing)
    problems: list[str] = []
    challenges = [
        challenge
        for file in _markdown_files(folders[0])
        if (challenge := _read_one(file, root, _parse_challenge, problems)) is not None
    ]
    profiles = [
        profile
        for file in _markdown_files(folders[1])
        if (profile := _read_one(file, root, _parse_profile, problems)) is not None
    ]
    if problems:
        raise InvalidImportError(problems)
    if not challenges and not profiles:
        raise InvalidImportError(
            [
                _("%(path)s : aucun fichier Markdown dans defis/ ni dans personnes/.")
                % {"path": root}
            ]
        )
    return SiteContent(challenges=challenges, people=_group_profiles(profiles))


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("_"))


def _read_one(file: Path, root: Path, parse: Any, problems: list[str]) -> Any:
    name = file.relative_to(root).as_posix()
    try:
        data, body = _front_matter(file)
        return parse(name, file.stem, data, body)
    except ValueError as error:
        problems.append(_("%(file)s : %(problem)s") % {"file": name, "problem": error})
        return None


def _front_matter(file: Path) -> tuple[dict[str, Any], str]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            _("ce n’est pas du texte UTF-8 (%(reason)s à l’octet %(byte)s)")
            % {"reason": error.reason, "byte": error.start}
        ) from error
    match = _FRONT_MATTER_RE.match(text.replace("\r\n", "\n"))
    if match is None:
        raise ValueError(
            _("pas d’en-tête YAML (le fichier doit commencer par un en-tête encadré de lignes ---)")
        )
    try:
        data = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if mark is None:
            raise ValueError(
                _("en-tête YAML invalide : %(problem)s") % {"problem": problem}
            ) from error
        raise ValueError(
            _("en-tête YAML invalide à la ligne %(line)s : %(problem)s")
            % {"line": mark.line + 2, "problem": problem}
        ) from error
    if not isinstance(data, dict):
        raise ValueError(_("l’en-tête n’est pas une suite de lignes « clé: valeur »"))
    return data, (match.group("body") or "").strip()


def _text(data: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key)
    if isinstance(value, list | dict):
        raise ValueError(_("le champ « %(key)s » doit être un texte, pas une liste") % {"key": key})
    text = clean_text(value)
    if required and not text:
        raise ValueError(_("champ « %(key)s » manquant") % {"key": key})
    return text


def _texts(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    if any(isinstance(item, list | dict) for item in items):
        raise ValueError(_("le champ « %(key)s » doit être une liste de textes") % {"key": key})
    return list(dict.fromkeys(text for item in items if (text := clean_text(item))))


def _cohorts(data: dict[str, Any]) -> list[CohortKey]:
    keys = []
    for label in _texts(data, "promos"):
        key = parse_cohort_label(label)
        if key is None:
            raise ValueError(
                _("promotion « %(label)s » inconnue (attendu par exemple : « Promotion 3 - DIG »)")
                % {"label": label}
            )
        keys.append(key)
    return list(dict.fromkeys(keys))


def _parse_challenge(name: str, stem: str, data: dict[str, Any], body: str) -> SiteChallenge:
    visible = data.get("visible", True)
    if not isinstance(visible, bool):
        raise ValueError(
            _("le champ « visible » doit valoir true ou false, pas « %(value)s »")
            % {"value": visible}
        )
    description, links = _strip_shortcodes(body)
    url_set = _text(data, "urlSET")
    if url_set:
        links.insert(0, SiteLink(LinkKind.WEBSITE, "Fiche beta.gouv.fr", url_set))
    return SiteChallenge(
        path=name,
        slug=slugify(stem),
        title=_text(data, "title", required=True),
        summary=_text(data, "description"),
        description=description,
        who=_text(data, "who"),
        cohorts=_cohorts(data),
        themes=_texts(data, "themes"),
        expertises=_texts(data, "expertises"),
        town=_text(data, "town"),
        is_visible=visible,
        links=[link for link in dict.fromkeys(links) if _valid_url(link.url)],
    )


def _parse_profile(name: str, stem: str, data: dict[str, Any], body: str) -> SiteProfile:
    site_role = _text(data, "role")
    if site_role not in SITE_ROLES:
        raise ValueError(
            _("rôle « %(role)s » inconnu (valeurs possibles : %(roles)s)")
            % {"role": site_role, "roles": ", ".join(SITE_ROLES)}
        )
    job = _text(data, "job")
    role = SITE_ROLES[site_role]
    if role == Role.PROJECT_OWNER and normalize_label(job) == "sponsor":
        role = Role.SPONSOR
    return SiteProfile(
        path=name,
        slug=slugify(stem),
        name=_text(data, "title", required=True),
        job=job,
        role=role,
        cohorts=_cohorts(data),
        challenges=_texts(data, "defis"),
        expertises=_texts(data, "expertises"),
        bio=_strip_shortcodes(body)[0],
        urls=[url for key in ("linkedin", "github") if _valid_url(url := _text(data, key))],
    )


def _group_profiles(profiles: list[SiteProfile]) -> list[SitePerson]:
    """One SitePerson per person: "x-1.md" joins "x.md" when both bear the same name."""
    people: dict[str, SitePerson] = {}
    names = {p.slug: normalize_label(p.name) for p in profiles}
    for profile in profiles:
        base = _SAME_PERSON_SUFFIX_RE.sub("", profile.slug)
        slug = (
            base
            if base != profile.slug and names.get(base) == names[profile.slug]
            else profile.slug
        )
        people.setdefault(slug, SitePerson(slug=slug)).profiles.append(profile)
    return list(people.values())


def _valid_url(url: str) -> bool:
    try:
        _is_url(url)
    except ValidationError:
        return False
    return len(url) <= 500


def _link_kind(url: str) -> str:
    if re.search(r"//(www\.)?(github\.com|gitlab\.|framagit\.org)", url):
        return LinkKind.REPOSITORY
    if re.search(r"data\.gouv\.fr/.*datasets", url):
        return LinkKind.DATASET
    return LinkKind.WEBSITE


def _strip_shortcodes(body: str) -> tuple[str, list[SiteLink]]:
    """The Markdown body without Hugo shortcodes, and the links they carried."""
    links: list[SiteLink] = []

    def replace(match: re.Match[str]) -> str:
        name, args = match.group("name"), match.group("args")
        if name == "arrow-link":
            attributes = dict(_ATTRIBUTE_RE.findall(args))
            url, title = attributes.get("url", ""), clean_text(attributes.get("title", ""))
            if not url:
                return ""
            links.append(SiteLink(_link_kind(url), (title or url)[:200], url))
            return f"[{title or url}]({url})"
        if name == "dailymotion":
            video = _DAILYMOTION_RE.match(args)
            if video and video.group("id"):
                label = clean_text(video.group("title") or "") or "Vidéo"
                url = f"https://www.dailymotion.com/video/{video.group('id')}"
                links.append(SiteLink(LinkKind.OTHER, label[:200], url))
        return ""

    text = _SHORTCODE_RE.sub(replace, body)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip(), links


# Writing -----------------------------------------------------------------------------------


class _SiteWriter:
    """Writes a SiteContent with bulk reads up front, one save per changed object."""

    def __init__(self, report: ImportReport, progress: Progress | None) -> None:
        self.report = report
        self.progress = progress
        self.cohorts = {(c.number, c.variant.upper()): c for c in Cohort.objects.all()}
        self.cohort_slugs = {c.slug for c in self.cohorts.values()}
        self.themes = {normalize_label(t.name): t for t in Theme.objects.all()}
        self.theme_slugs = {t.slug for t in self.themes.values()}
        self.expertises = {normalize_label(e.name): e for e in Expertise.objects.all()}
        self.expertise_slugs = {e.slug for e in self.expertises.values()}
        self.challenges = {c.slug: c for c in Challenge.objects.all()}
        self.people = {p.slug: p for p in Person.objects.all()}
        self.links = {(link.challenge_id, link.url): link for link in ChallengeLink.objects.all()}
        self.related: dict[str, set[tuple[int, int]]] = {
            kind: set(getattr(Challenge, kind).through.objects.values_list("challenge_id", column))
            for kind, column in _CHALLENGE_RELATIONS.items()
        }
        self.person_expertises = set(
            Person.expertises.through.objects.values_list("person_id", "expertise_id")
        )
        self.roles = set(CohortRole.objects.values_list("person_id", "cohort_id", "role"))
        self.memberships = set(
            ChallengeMembership.objects.values_list("person_id", "challenge_id", "role")
        )
        self.new_rows: dict[type[models.Model], list[Any]] = {}

    def write(self, content: SiteContent) -> None:
        total, done = len(content.challenges) + len(content.people), 0
        administrations = self._administrations([c.who for c in content.challenges])
        for site in content.challenges:
            self._challenge(site, administrations.get(site.who))
            done += 1
            self._tick(done, total)
        index = TitleIndex({slug: c.title for slug, c in self.challenges.items()})
        self.challenge_cohorts: dict[int, list[int]] = {}
        for challenge_id, cohort_id in sorted(self.related["cohorts"]):
            self.challenge_cohorts.setdefault(challenge_id, []).append(cohort_id)
        for person in content.people:
            self._person(person, index)
            done += 1
            self._tick(done, total)
        for model, rows in self.new_rows.items():
            create_with_history(model, rows, reason=IMPORT_REASON, batch_size=500)

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def _add_row(self, row: Any) -> None:
        self.new_rows.setdefault(type(row), []).append(row)

    # Reference data --------------------------------------------------------------------

    def _cohort(self, key: CohortKey) -> Cohort:
        cohort = self.cohorts.get((key.number, key.variant.upper()))
        if cohort is None:
            slug = unique_slug(key.slug, self.cohort_slugs, max_length=50)
            cohort = Cohort.objects.create(number=key.number, variant=key.variant, slug=slug)
            self.cohorts[(key.number, key.variant.upper())] = cohort
            self.report.add("cohorts", Outcome.CREATED)
        return cohort

    def _named(self, kind: str, name: str) -> Theme | Expertise:
        if kind == "themes":
            return _find_or_create(Theme, self.themes, self.theme_slugs, name, self.report, kind)
        return _find_or_create(
            Expertise, self.expertises, self.expertise_slugs, name, self.report, kind
        )

    def _administrations(self, labels: Iterable[str]) -> dict[str, Administration]:
        """Each `who` label's administration, grouping spellings, creating what is missing."""
        labels = list(labels)
        parsed = {label: name for label in set(labels) if (name := parse_administration(label))}
        frequency = Counter(parsed[label].name for label in labels if label in parsed)
        groups = _group_administrations(sorted(set(parsed.values()), key=repr))
        admins = list(Administration.objects.all())
        by_key: dict[str, Administration] = {}
        for admin in admins:
            if admin.acronym:
                by_key.setdefault(normalize_label(admin.acronym), admin)
        for admin in admins:
            by_key[normalize_label(admin.name)] = admin
        by_id = {admin.pk: admin for admin in admins}
        aliases = {
            key: by_id[admin_id]
            for key, admin_id in AdministrationAlias.objects.values_list("key", "administration_id")
        }
        slugs = set(Administration.objects.values_list("slug", flat=True))
        result: dict[str, Administration] = {}
        for group in groups:
            admin = self._administration(group, parsed, frequency, by_key, aliases, slugs)
            for label, name in parsed.items():
                if name in group:
                    result[label] = admin
            self._aliases(admin, group, parsed, aliases)
        return result

    def _administration(
        self,
        group: list[AdministrationName],
        parsed: dict[str, AdministrationName],
        frequency: Counter[str],
        by_key: dict[str, Administration],
        aliases: dict[str, Administration],
        slugs: set[str],
    ) -> Administration:
        labels = [label for label, name in parsed.items() if name in group]
        keys = [normalize_label(label) for label in labels] + [k for n in group for k in n.keys]
        existing = next((aliases[k] for k in keys if k in aliases), None) or next(
            (by_key[k] for k in keys if k in by_key), None
        )
        acronyms = Counter(n.acronym for n in group if n.acronym)
        acronym = max(sorted(acronyms), key=lambda a: acronyms[a]) if acronyms else ""
        if existing is not None:
            if acronym and not existing.acronym:
                existing.acronym = acronym
                existing.save(update_fields=["acronym", "updated_at"])
                self.report.add("administrations", Outcome.UPDATED)
            else:
                self.report.add("administrations", Outcome.UNCHANGED)
            return existing
        name = _canonical_name(group, frequency)
        admin = Administration.objects.create(
            name=name, acronym=acronym, slug=unique_slug(name, slugs, max_length=255)
        )
        for key in (normalize_label(name), normalize_label(acronym)):
            if key:
                by_key.setdefault(key, admin)
        self.report.add("administrations", Outcome.CREATED)
        return admin

    def _aliases(
        self,
        admin: Administration,
        group: list[AdministrationName],
        parsed: dict[str, AdministrationName],
        aliases: dict[str, Administration],
    ) -> None:
        spellings = [label for label, name in sorted(parsed.items()) if name in group]
        spellings += sorted({n.name for n in group})
        own = {normalize_label(admin.name)}
        for spelling in spellings:
            text = clean_text(spelling).strip(" ,;.")
            key = normalize_label(text)
            if not key or key in own:
                continue
            if key in aliases:
                self.report.add("administration aliases", Outcome.UNCHANGED)
            else:
                aliases[key] = admin
                AdministrationAlias.objects.create(administration=admin, name=text[:255])
                self.report.add("administration aliases", Outcome.CREATED)
            own.add(key)

    # Challenges ------------------------------------------------------------------------

    def _challenge(self, site: SiteChallenge, admin: Administration | None) -> Challenge:
        fields = {
            "title": site.title[:255],
            "summary": site.summary,
            "description": site.description,
            "administration_id": admin.pk if admin else None,
            "town": site.town[:120],
            "is_visible": site.is_visible,
        }
        challenge = self.challenges.get(site.slug)
        if challenge is None:
            challenge = Challenge.objects.create(slug=site.slug, **fields)
            self.challenges[site.slug] = challenge
            outcome = Outcome.CREATED
        else:
            outcome = _update(challenge, fields)
        added = self._relate("cohorts", challenge.pk, [self._cohort(k).pk for k in site.cohorts])
        added |= self._relate(
            "themes", challenge.pk, [self._named("themes", n).pk for n in site.themes]
        )
        added |= self._relate(
            "expertises", challenge.pk, [self._named("expertises", n).pk for n in site.expertises]
        )
        if added and outcome == Outcome.UNCHANGED:
            outcome = Outcome.UPDATED
        self.report.add("challenges", outcome)
        for link in site.links:
            self._link(challenge, link)
        return challenge

    def _relate(self, kind: str, challenge_id: int, target_ids: list[int]) -> bool:
        """Add the missing relations of one kind; True when there were some."""
        existing = self.related[kind]
        new = [t for t in dict.fromkeys(target_ids) if (challenge_id, t) not in existing]
        existing.update((challenge_id, t) for t in new)
        through = getattr(Challenge, kind).through
        for target_id in new:
            self._add_row(
                through(challenge_id=challenge_id, **{_CHALLENGE_RELATIONS[kind]: target_id})
            )
        return bool(new)

    def _link(self, challenge: Challenge, site: SiteLink) -> None:
        link = self.links.get((challenge.pk, site.url))
        if link is None:
            link = ChallengeLink.objects.create(
                challenge=challenge, kind=site.kind, label=site.label, url=site.url
            )
            self.links[(challenge.pk, site.url)] = link
            self.report.add("challenge links", Outcome.CREATED)
        else:
            self.report.add(
                "challenge links", _update(link, {"kind": site.kind, "label": site.label})
            )

    # People ----------------------------------------------------------------------------

    def _person(self, site: SitePerson, index: TitleIndex) -> None:
        main = site.main
        urls = [url for profile in site.profiles for url in profile.urls]
        fields = {
            "name": main.name[:200],
            "job_title": main.job[:200],
            "profession": normalize_profession(main.job)
            or ROLE_PROFESSIONS.get(main.role, Profession.OTHER),
            "bio": next((p.bio for p in [main, *site.profiles] if p.bio), ""),
            "linkedin_url": next((u for u in urls if "linkedin.com" in u), ""),
            "github_url": next((u for u in urls if "github.com" in u), ""),
            "website_url": next(
                (u for u in urls if "linkedin.com" not in u and "github.com" not in u), ""
            ),
        }
        person = self.people.get(site.slug)
        if person is None:
            person = Person.objects.create(slug=site.slug, is_public=True, **fields)
            self.people[site.slug] = person
            outcome = Outcome.CREATED
        else:
            outcome = _update(person, fields)
        added = False
        for profile in site.profiles:
            expertise_ids = [self._named("expertises", n).pk for n in profile.expertises]
            for expertise_id in expertise_ids:
                if (person.pk, expertise_id) not in self.person_expertises:
                    self.person_expertises.add((person.pk, expertise_id))
                    self._add_row(
                        Person.expertises.through(person_id=person.pk, expertise_id=expertise_id)
                    )
                    added = True
            added |= self._profile_roles(person, profile, index)
        if added and outcome == Outcome.UNCHANGED:
            outcome = Outcome.UPDATED
        self.report.add("people", outcome)

    def _profile_roles(self, person: Person, profile: SiteProfile, index: TitleIndex) -> bool:
        challenges: list[Challenge] = []
        for mention in profile.challenges:
            slugs = index.match_all(mention)
            if not slugs:
                self.report.unmatched.append(
                    _("%(file)s : « %(mention)s » ne correspond à aucun défi")
                    % {"file": profile.path, "mention": mention}
                )
            challenges.extend(self.challenges[slug] for slug in slugs)
        cohort_ids = [self._cohort(key).pk for key in profile.cohorts] or [
            cohort_id for c in challenges for cohort_id in self.challenge_cohorts.get(c.pk, [])
        ]
        added = False
        for cohort_id in dict.fromkeys(cohort_ids):
            key = (person.pk, cohort_id, profile.role.value)
            if key in self.roles:
                self.report.add("cohort roles", Outcome.UNCHANGED)
                continue
            self.roles.add(key)
            self._add_row(CohortRole(person_id=person.pk, cohort_id=cohort_id, role=profile.role))
            self.report.add("cohort roles", Outcome.CREATED)
            added = True
        for challenge in dict.fromkeys(challenges):
            key = (person.pk, challenge.pk, profile.role.value)
            if key in self.memberships:
                self.report.add("challenge memberships", Outcome.UNCHANGED)
                continue
            self.memberships.add(key)
            self._add_row(
                ChallengeMembership(
                    person_id=person.pk, challenge_id=challenge.pk, role=profile.role
                )
            )
            self.report.add("challenge memberships", Outcome.CREATED)
            added = True
        return added


_Named = TypeVar("_Named", Theme, Expertise)


def _find_or_create(
    model: type[_Named],
    cache: dict[str, _Named],
    slugs: set[str],
    name: str,
    report: ImportReport,
    kind: str,
) -> _Named:
    """The theme or expertise of this name (compared normalised), created when missing."""
    key = normalize_label(name)
    found = cache.get(key)
    if found is None:
        slug = unique_slug(name, slugs, max_length=120)
        found = model._default_manager.create(name=name[:120], slug=slug)
        cache[key] = found
        report.add(kind, Outcome.CREATED)
    return found


def _update(obj: Any, fields: dict[str, Any]) -> Outcome:
    """Set the fields that differ and save only them."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if not changed:
        return Outcome.UNCHANGED
    for name in changed:
        setattr(obj, name, fields[name])
    extra = ["updated_at"] if hasattr(obj, "updated_at") else []
    obj.save(update_fields=[*changed, *extra])
    return Outcome.UPDATED


def _group_administrations(names: list[AdministrationName]) -> list[list[AdministrationName]]:
    """Groups of names that designate one administration (shared key, or nearly equal names)."""
    unique = list(dict.fromkeys(names))
    parent = list(range(len(unique)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    first_with_key: dict[str, int] = {}
    for i, name in enumerate(unique):
        for key in name.keys:
            if key in first_with_key:
                union(i, first_with_key[key])
            else:
                first_with_key[key] = i
    labels = [normalize_label(n.name) for n in unique]
    for i in range(len(unique)):
        for j in range(i + 1, len(unique)):
            matcher = difflib.SequenceMatcher(None, labels[i], labels[j])
            if matcher.real_quick_ratio() >= FUZZY_MIN_RATIO and matcher.ratio() >= FUZZY_MIN_RATIO:
                union(i, j)
    groups: dict[int, list[AdministrationName]] = {}
    for i, name in enumerate(unique):
        groups.setdefault(find(i), []).append(name)
    return sorted(groups.values(), key=lambda g: normalize_label(g[0].name))


def _canonical_name(group: list[AdministrationName], frequency: Counter[str]) -> str:
    """The most used full name of a group (a bare acronym only when there is nothing else)."""
    acronym_keys = {normalize_label(n.acronym) for n in group if n.acronym}
    names = sorted({n.name for n in group})
    full = [n for n in names if normalize_label(n) not in acronym_keys] or names
    by_key = Counter[str]()
    for name in full:
        by_key[normalize_label(name)] += frequency[name]
    return min(
        full,
        key=lambda n: (
            -by_key[normalize_label(n)],
            not n[:1].isupper(),
            -frequency[n],
            sum(c.isupper() for c in n),
            n,
        ),
    )[:255]

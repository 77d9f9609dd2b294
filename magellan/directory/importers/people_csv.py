"""Import a cohort's people from a CSV file (UTF-8 with or without BOM, `;` or `,` separated).

Columns (header names in English or French, any case): name, email, profession (label or code,
any case or gender), job_title, role (default fellow), challenge (title or slug), gender
(optional), public (optional yes/no). People are found again by email, so a second run only
updates what changed. Every row is checked first: any problem (reported with its line, column and
cause) means nothing is imported. Fields left empty never erase what is already known.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from magellan.directory.models import (
    Challenge,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Gender,
    Person,
    Profession,
    Role,
    normalize_label,
)

from .normalize import TitleIndex, clean_text, normalize_profession, parse_bool, unique_slug
from .report import ImportReport, InvalidImportError, Outcome, Progress

COLUMNS = ("name", "email", "profession", "job_title", "role", "challenge", "gender", "public")
REQUIRED_COLUMNS = ("name", "email")
_COLUMN_ALIASES = {
    "nom": "name",
    "nom complet": "name",
    "e mail": "email",
    "mail": "email",
    "courriel": "email",
    "adresse e mail": "email",
    "metier": "profession",
    "job title": "job_title",
    "poste": "job_title",
    "intitule de poste": "job_title",
    "role": "role",
    "defi": "challenge",
    "genre": "gender",
    "annuaire public": "public",
}
_ROLE_WORDS = {
    Role.FELLOW: ("fellow", "eig", "participant", "participante", "entrepreneur d interet general"),
    Role.PROJECT_OWNER: (
        "project owner",
        "porteur",
        "porteuse",
        "porteur de projet",
        "porteuse de projet",
        "porteur euse de projet",
    ),
    Role.SPONSOR: ("sponsor", "mentor de defi", "mentore de defi"),
    Role.COACH: ("coach",),
    Role.MENTOR: ("mentor", "parrain", "marraine", "parrain marraine"),
    Role.ALUMNI: ("alumni", "alumnus", "ancien", "ancienne"),
}
_GENDER_WORDS = {
    Gender.FEMALE: ("f", "femme", "female", "woman", "w"),
    Gender.MALE: ("h", "m", "homme", "male", "man"),
    Gender.NON_BINARY: ("nb", "non binaire", "non binary", "non_binary"),
}


@dataclass(frozen=True)
class PersonRow:
    line: int
    name: str
    email: str
    profession: str
    job_title: str
    role: str
    challenge_slug: str
    gender: str
    is_public: bool | None


def import_people(
    path: Path | str,
    *,
    cohort_slug: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a cohort's people from a CSV file; all rows or none."""
    cohort = Cohort.objects.filter(slug=cohort_slug).first()
    if cohort is None:
        known = ", ".join(Cohort.objects.order_by("slug").values_list("slug", flat=True))
        raise InvalidImportError(
            [
                _("promotion « %(slug)s » inconnue (promotions connues : %(known)s)")
                % {"slug": cohort_slug, "known": known or _("aucune")}
            ]
        )
    rows = read_people_csv(Path(path))
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _write(rows, cohort, report, progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


def parse_role(value: str) -> Role | None:
    """The role a label or code names ("Porteuse de projet", "fellow", "EIG"…)."""
    key = normalize_label(value)
    for role, words in _ROLE_WORDS.items():
        if key == normalize_label(role.value) or key == normalize_label(str(role.label)):
            return role
        if key in words:
            return role
    return None


def parse_gender(value: str) -> Gender | None:
    """The declared gender a label names ("F", "femme", "non binaire"…)."""
    key = normalize_label(value)
    return next((g for g, words in _GENDER_WORDS.items() if key in words), None)


def read_people_csv(path: Path) -> list[PersonRow]:
    """Read and check every row; raise InvalidImportError listing every problem."""
    if not path.is_file():
        raise InvalidImportError([_("%(path)s : fichier introuvable.") % {"path": path}])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidImportError(
            [
                _(
                    "%(name)s : ce n’est pas du texte UTF-8 (octet %(byte)s) ; "
                    "enregistrez-le au format CSV UTF-8."
                )
                % {"name": path.name, "byte": error.start}
            ]
        ) from error
    if not text.strip():
        raise InvalidImportError([_("%(name)s : le fichier est vide.") % {"name": path.name}])
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip()), delimiter=delimiter)
    header = [_column(cell) for cell in next(reader)]
    _check_header(path.name, header)
    challenges = TitleIndex(dict(Challenge.objects.values_list("slug", "title")))
    problems: list[str] = []
    rows: list[PersonRow] = []
    seen_emails: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(
                _(
                    "ligne %(line)s : %(cells)s cellules pour %(columns)s colonnes (le "
                    "séparateur « %(delimiter)s » est-il dans une valeur sans guillemets ?)"
                )
                % {
                    "line": line,
                    "cells": len(cells),
                    "columns": len(header),
                    "delimiter": delimiter,
                }
            )
            continue
        values = {column: clean_text(cell) for column, cell in zip(header, cells, strict=False)}
        row = _check_row(line, values, challenges, seen_emails, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise InvalidImportError(problems)
    if not rows:
        raise InvalidImportError(
            [_("%(name)s : aucune ligne de données sous l’en-tête.") % {"name": path.name}]
        )
    return rows


def _column(cell: str) -> str:
    key = normalize_label(cell)
    return _COLUMN_ALIASES.get(key, key.replace(" ", "_"))


def _check_header(name: str, header: list[str]) -> None:
    unknown = [column for column in header if column not in COLUMNS]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    duplicated = sorted({column for column in header if header.count(column) > 1})
    problems = []
    if unknown:
        problems.append(_("colonnes inconnues : %(columns)s") % {"columns": ", ".join(unknown)})
    if missing:
        problems.append(_("colonnes manquantes : %(columns)s") % {"columns": ", ".join(missing)})
    if duplicated:
        problems.append(_("colonnes en double : %(columns)s") % {"columns": ", ".join(duplicated)})
    if problems:
        raise InvalidImportError(
            [
                _("%(name)s : en-tête incorrect : %(problems)s (colonnes attendues : %(expected)s)")
                % {"name": name, "problems": " ; ".join(problems), "expected": ", ".join(COLUMNS)}
            ]
        )


def _check_row(
    line: int,
    values: dict[str, str],
    challenges: TitleIndex,
    seen_emails: dict[str, int],
    problems: list[str],
) -> PersonRow | None:
    errors: list[str] = []

    def error(message: str, column: str, **details: object) -> None:
        """Add a problem; `message` has the %(line)s and %(column)s placeholders."""
        errors.append(message % {"line": line, "column": column, **details})

    name, email = values.get("name", ""), values.get("email", "").lower()
    if not name:
        error(_("ligne %(line)s, colonne %(column)s : valeur manquante"), "name")
    if not email:
        error(_("ligne %(line)s, colonne %(column)s : valeur manquante"), "email")
    else:
        try:
            validate_email(email)
        except ValidationError:
            error(
                _(
                    "ligne %(line)s, colonne %(column)s : « %(value)s » n’est pas une adresse e-mail"
                ),
                "email",
                value=email,
            )
        if email in seen_emails:
            error(
                _(
                    "ligne %(line)s, colonne %(column)s : %(value)s figure déjà à la ligne %(other)s"
                ),
                "email",
                value=email,
                other=seen_emails[email],
            )
        else:
            seen_emails[email] = line
    profession = ""
    if values.get("profession"):
        found = normalize_profession(values["profession"])
        if found is None:
            error(
                _("ligne %(line)s, colonne %(column)s : métier « %(value)s » inconnu"),
                "profession",
                value=values["profession"],
            )
        else:
            profession = found.value
    role: Role | None = Role.FELLOW
    if values.get("role"):
        role = parse_role(values["role"])
        if role is None:
            error(
                _("ligne %(line)s, colonne %(column)s : rôle « %(value)s » inconnu"),
                "role",
                value=values["role"],
            )
    challenge_slug = ""
    if values.get("challenge"):
        challenge_slug = challenges.match(values["challenge"]) or ""
        if not challenge_slug:
            error(
                _("ligne %(line)s, colonne %(column)s : aucun défi n’a pour titre « %(value)s »"),
                "challenge",
                value=values["challenge"],
            )
    gender: Gender | None = None
    if values.get("gender"):
        gender = parse_gender(values["gender"])
        if gender is None:
            error(
                _("ligne %(line)s, colonne %(column)s : genre « %(value)s » inconnu"),
                "gender",
                value=values["gender"],
            )
    is_public = None
    if values.get("public"):
        is_public = parse_bool(values["public"])
        if is_public is None:
            error(
                _("ligne %(line)s, colonne %(column)s : « %(value)s » n’est ni oui ni non"),
                "public",
                value=values["public"],
            )
    if errors or role is None:
        problems.extend(errors)
        return None
    return PersonRow(
        line=line,
        name=name[:200],
        email=email,
        profession=profession,
        job_title=values.get("job_title", "")[:200],
        role=role.value,
        challenge_slug=challenge_slug,
        gender=gender.value if gender else "",
        is_public=is_public,
    )


def _write(
    rows: list[PersonRow], cohort: Cohort, report: ImportReport, progress: Progress | None
) -> None:
    people = {p.email.lower(): p for p in Person.objects.exclude(email="")}
    slugs = set(Person.objects.values_list("slug", flat=True))
    challenges = dict(
        Challenge.objects.filter(slug__in={row.challenge_slug for row in rows}).values_list(
            "slug", "pk"
        )
    )
    roles = set(CohortRole.objects.filter(cohort=cohort).values_list("person_id", "role"))
    memberships = set(ChallengeMembership.objects.values_list("person_id", "challenge_id", "role"))
    for done, row in enumerate(rows, start=1):
        fields: dict[str, object] = {"name": row.name}
        for column in ("profession", "job_title", "gender"):
            if getattr(row, column):
                fields[column] = getattr(row, column)
        if row.is_public is not None:
            fields["is_public"] = row.is_public
        person = people.get(row.email)
        if person is None:
            fields.setdefault("profession", Profession.OTHER)
            person = Person.objects.create(
                email=row.email, slug=unique_slug(row.name, slugs), **fields
            )
            people[row.email] = person
            report.add("people", Outcome.CREATED)
        else:
            changed = [key for key, value in fields.items() if getattr(person, key) != value]
            for key in changed:
                setattr(person, key, fields[key])
            if changed:
                person.save(update_fields=[*changed, "updated_at"])
            report.add("people", Outcome.UPDATED if changed else Outcome.UNCHANGED)
        if (person.pk, row.role) in roles:
            report.add("cohort roles", Outcome.UNCHANGED)
        else:
            CohortRole.objects.create(person=person, cohort=cohort, role=row.role)
            roles.add((person.pk, row.role))
            report.add("cohort roles", Outcome.CREATED)
        if row.challenge_slug:
            membership = (person.pk, challenges[row.challenge_slug], row.role)
            if membership in memberships:
                report.add("challenge memberships", Outcome.UNCHANGED)
            else:
                ChallengeMembership.objects.create(
                    person=person, challenge_id=membership[1], role=row.role
                )
                memberships.add(membership)
                report.add("challenge memberships", Outcome.CREATED)
        if progress is not None:
            progress(done, len(rows))

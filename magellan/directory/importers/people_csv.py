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
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.audit.services import IMPORT_REASON, create_with_history, record_changes
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
PROGRESS_EVERY = 500  # rows between two progress reports
BATCH_SIZE = 1000  # rows per bulk INSERT or UPDATE
DEFAULT_ROLE = Role.FELLOW  # an empty role cell
# The longest cell the CSV reader accepts (the csv module's own default, 128 KiB): a longer one
# makes the file unreadable, whatever another library set the process-wide limit to.
CSV_FIELD_LIMIT = 131_072
DEFAULT_PROFESSION = Profession.OTHER  # a new person's, when the profession cell is empty
# The longest value each text column takes (the model's field lengths).
MAX_LENGTHS = {
    "name": Person._meta.get_field("name").max_length,
    "email": Person._meta.get_field("email").max_length,
    "job_title": Person._meta.get_field("job_title").max_length,
}
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
    display_name: str | None = None,
) -> ImportReport:
    """Import a cohort's people from a CSV file; all rows or none.

    Every row is read and checked first (progress is reported then, outside any transaction,
    so that a page polling the job sees it); the writes are then done in bulk, in one transaction.
    `display_name` is the file's name as its author knows it (an upload's), used in the messages.
    """
    cohort = Cohort.objects.filter(slug=cohort_slug).first()
    if cohort is None:
        known = ", ".join(Cohort.objects.order_by("slug").values_list("slug", flat=True))
        raise InvalidImportError(
            [
                _("promotion « %(slug)s » inconnue (promotions connues : %(known)s)")
                % {"slug": cohort_slug, "known": known or _("aucune")}
            ]
        )
    rows = read_people_csv(Path(path), display_name=display_name, progress=progress)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _write(rows, cohort, report)
        if dry_run:
            transaction.set_rollback(True)
    if progress is not None:
        progress(len(rows), len(rows))
    return report


def accepted_values() -> dict[str, list[tuple[str, str]]]:
    """The label and code of each role and profession, which the role and profession columns take.

    Built from the same choices parse_role and normalize_profession recognise (the import page
    lists them); synonyms ("porteuse", "data scientist"…) are taken too.
    """
    return {
        "role": [(str(role.label), role.value) for role in Role],
        "profession": [(str(profession.label), profession.value) for profession in Profession],
    }


def parse_role(value: str) -> Role | None:
    """The role a label or code names ("Porteuse de projet", "fellow", "EIG"…)."""
    key = normalize_label(value)
    for role in Role:
        if key == normalize_label(role.value) or key == normalize_label(str(role.label)):
            return role
        if key in _ROLE_WORDS.get(role, ()):
            return role
    return None


def parse_gender(value: str) -> Gender | None:
    """The declared gender a label names ("F", "femme", "non binaire"…)."""
    key = normalize_label(value)
    return next((g for g, words in _GENDER_WORDS.items() if key in words), None)


def read_people_csv(
    path: Path, *, display_name: str | None = None, progress: Progress | None = None
) -> list[PersonRow]:
    """Read and check every row; raise InvalidImportError listing every problem."""
    name = display_name or path.name
    if not path.is_file():
        raise InvalidImportError(
            [_("%(path)s : fichier introuvable.") % {"path": display_name or path}]
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidImportError(
            [
                _(
                    "%(name)s : ce n’est pas du texte UTF-8 (octet %(byte)s) ; "
                    "enregistrez-le au format CSV UTF-8."
                )
                % {"name": name, "byte": error.start}
            ]
        ) from error
    if not text.strip():
        raise InvalidImportError([_("%(name)s : le fichier est vide.") % {"name": name}])
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidImportError(
            [
                _(
                    "%(name)s, ligne %(line)s : caractère nul (octet 0) ; ce n’est pas un "
                    "fichier CSV texte."
                )
                % {"name": name, "line": line}
            ]
        )
    # The csv module's field limit is global to the process, and other libraries raise it (e.g.
    # frictionless at import): set ours for the read, then put back what was there.
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        return _read_rows(text, name, progress)
    except csv.Error as error:
        raise InvalidImportError(
            [
                _("%(name)s : le fichier CSV est illisible (%(error)s).")
                % {"name": name, "error": error}
            ]
        ) from error
    finally:
        csv.field_size_limit(previous)


def _read_rows(text: str, name: str, progress: Progress | None) -> list[PersonRow]:
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip()), delimiter=delimiter)
    header = [_column(cell) for cell in next(reader)]
    check_header(name, header, columns=COLUMNS, required=REQUIRED_COLUMNS)
    total = max(0, len(text.strip().splitlines()) - 1)  # data lines (a quoted cell may span two)
    read = 0
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
        read += 1
        if progress is not None and read % PROGRESS_EVERY == 0:
            progress(min(read, total), total)
    if problems:
        raise InvalidImportError(problems)
    if not rows:
        raise InvalidImportError(
            [_("%(name)s : aucune ligne de données sous l’en-tête.") % {"name": name}]
        )
    return rows


def _column(cell: str) -> str:
    key = normalize_label(cell)
    return _COLUMN_ALIASES.get(key, key.replace(" ", "_"))


def check_header(
    name: str, header: list[str], *, columns: tuple[str, ...], required: tuple[str, ...]
) -> None:
    """Refuse a CSV header with unknown, missing or repeated columns, saying which (every CSV
    import: the people's, the candidates')."""
    unknown = [column for column in header if column not in columns]
    missing = [column for column in required if column not in header]
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
                % {"name": name, "problems": " ; ".join(problems), "expected": ", ".join(columns)}
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
    for column, limit in MAX_LENGTHS.items():
        if limit and len(values.get(column, "")) > limit:
            error(
                _("ligne %(line)s, colonne %(column)s : %(length)s caractères, %(limit)s au plus"),
                column,
                length=len(values[column]),
                limit=limit,
            )
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
    role: Role | None = DEFAULT_ROLE
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
        # services imports this package's normalisers: imported here, not at the top.
        from ..services import team_role_refusal

        refusal = team_role_refusal(role=role) if role is not None else None
        if not challenge_slug:
            error(
                _("ligne %(line)s, colonne %(column)s : aucun défi n’a pour titre « %(value)s »"),
                "challenge",
                value=values["challenge"],
            )
        elif refusal:
            error(
                _("ligne %(line)s, colonne %(column)s : %(refusal)s"),
                "challenge",
                refusal=refusal,
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
        name=name,
        email=email,
        profession=profession,
        job_title=values.get("job_title", ""),
        role=role.value,
        challenge_slug=challenge_slug,
        gender=gender.value if gender else "",
        is_public=is_public,
    )


def _write(rows: list[PersonRow], cohort: Cohort, report: ImportReport) -> None:
    """Create or update every row's person, cohort role and membership, in bulk."""
    emails = sorted({row.email for row in rows})
    people: dict[str, Person] = {}
    for start in range(0, len(emails), BATCH_SIZE):
        found = Person.objects.annotate(email_key=Lower("email")).filter(
            email_key__in=emails[start : start + BATCH_SIZE]
        )
        people.update((person.email.lower(), person) for person in found)
    slugs = set(Person.objects.values_list("slug", flat=True))
    challenges = dict(
        Challenge.objects.filter(slug__in={row.challenge_slug for row in rows}).values_list(
            "slug", "pk"
        )
    )
    new_people: list[Person] = []
    changed_people: dict[int, Person] = {}
    changed_fields: set[str] = set()
    for row in rows:
        fields: dict[str, object] = {"name": row.name}
        for column in ("profession", "job_title", "gender"):
            if getattr(row, column):
                fields[column] = getattr(row, column)
        if row.is_public is not None:
            fields["is_public"] = row.is_public
        person = people.get(row.email)
        if person is None:
            fields.setdefault("profession", DEFAULT_PROFESSION)
            person = Person(email=row.email, slug=unique_slug(row.name, slugs), **fields)
            people[row.email] = person
            new_people.append(person)
            report.add("people", Outcome.CREATED)
            continue
        changed = [key for key, value in fields.items() if getattr(person, key) != value]
        for key in changed:
            setattr(person, key, fields[key])
        if changed:
            changed_people[person.pk] = person
            changed_fields.update(changed)
        report.add("people", Outcome.UPDATED if changed else Outcome.UNCHANGED)
    create_with_history(Person, new_people, reason=IMPORT_REASON, batch_size=BATCH_SIZE)
    if changed_people:
        now = timezone.now()
        for person in changed_people.values():
            person.updated_at = now
        Person.objects.bulk_update(
            list(changed_people.values()), [*sorted(changed_fields), "updated_at"], BATCH_SIZE
        )
        record_changes(Person, changed_people, reason=IMPORT_REASON)
    person_ids = sorted({people[row.email].pk for row in rows})
    roles: set[tuple[int, str]] = set()
    memberships: set[tuple[int, int, str]] = set()
    for start in range(0, len(person_ids), BATCH_SIZE):
        batch = person_ids[start : start + BATCH_SIZE]
        roles.update(
            CohortRole.objects.filter(cohort=cohort, person_id__in=batch).values_list(
                "person_id", "role"
            )
        )
        memberships.update(
            ChallengeMembership.objects.filter(person_id__in=batch).values_list(
                "person_id", "challenge_id", "role"
            )
        )
    new_roles: list[CohortRole] = []
    new_memberships: list[ChallengeMembership] = []
    for row in rows:
        person_id = people[row.email].pk
        if (person_id, row.role) in roles:
            report.add("cohort roles", Outcome.UNCHANGED)
        else:
            new_roles.append(CohortRole(person_id=person_id, cohort=cohort, role=row.role))
            roles.add((person_id, row.role))
            report.add("cohort roles", Outcome.CREATED)
        if row.challenge_slug:
            membership = (person_id, challenges[row.challenge_slug], row.role)
            if membership in memberships:
                report.add("challenge memberships", Outcome.UNCHANGED)
            else:
                new_memberships.append(
                    ChallengeMembership(
                        person_id=person_id, challenge_id=membership[1], role=row.role
                    )
                )
                memberships.add(membership)
                report.add("challenge memberships", Outcome.CREATED)
    create_with_history(CohortRole, new_roles, reason=IMPORT_REASON, batch_size=BATCH_SIZE)
    create_with_history(
        ChallengeMembership, new_memberships, reason=IMPORT_REASON, batch_size=BATCH_SIZE
    )

"""Import a call's applications from the form tool's CSV export (UTF-8, `;` or `,` separated).

Columns (French or English, any case): reference, prénom, nom, e-mail, téléphone, genre, métier,
compétences, expérience, motivation, vœu 1, vœu 2, vœu 3 (a challenge of the call's cohort, by
title or slug). Every row is checked first, as the people import does (the directory's readers and
report): any problem, reported with its line, column and cause, means nothing is imported.
Applications are found again by reference: a second run updates what changed.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from magellan.directory.importers.normalize import TitleIndex, clean_text, normalize_profession
from magellan.directory.importers.people_csv import CSV_FIELD_LIMIT, check_header, parse_gender
from magellan.directory.importers.report import ImportReport, InvalidImportError, Outcome
from magellan.directory.models import normalize_label

from .models import Application, Call, Wish
from .services.calls import MAX_WISHES, RecruitmentError, check_application_call

COLUMNS = (
    "reference",
    "first_name",
    "last_name",
    "email",
    "phone",
    "gender",
    "profession",
    "skills",
    "experience",
    "motivation",
    "wish_1",
    "wish_2",
    "wish_3",
)
REQUIRED_COLUMNS = ("reference", "first_name", "last_name", "email")
_ALIASES = {
    "reference": "reference",
    "ref": "reference",
    "prenom": "first_name",
    "first name": "first_name",
    "nom": "last_name",
    "last name": "last_name",
    "e mail": "email",
    "email": "email",
    "mail": "email",
    "courriel": "email",
    "telephone": "phone",
    "phone": "phone",
    "genre": "gender",
    "gender": "gender",
    "metier": "profession",
    "profession": "profession",
    "competences": "skills",
    "skills": "skills",
    "experience": "experience",
    "motivation": "motivation",
    "voeu 1": "wish_1",
    "voeu 2": "wish_2",
    "voeu 3": "wish_3",
    "wish 1": "wish_1",
    "wish 2": "wish_2",
    "wish 3": "wish_3",
}
MAX_LENGTHS = {
    name: getattr(Application._meta.get_field(name), "max_length", None)
    for name in ("reference", "first_name", "last_name", "email", "phone")
}
# The report's kinds, in the coaches' words.
APPLICATIONS = "candidatures"
WISHES = "vœux"


@dataclass(frozen=True)
class ApplicationRow:
    line: int
    values: dict[str, str]
    wishes: tuple[str, ...]  # challenge slugs, ranked


def import_applications(
    text: str | bytes, *, call: Call, dry_run: bool = False, display_name: str = "CSV"
) -> ImportReport:
    """Import applications into a call for fellows; all rows or none (InvalidImportError)."""
    try:
        check_application_call(call)
    except RecruitmentError as error:
        raise InvalidImportError([str(error)]) from error
    rows = read_applications_csv(text, call=call, display_name=display_name)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _write(rows, call, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _decode(text: str | bytes, name: str) -> str:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
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
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InvalidImportError([_("%(name)s : le fichier est vide.") % {"name": name}])
    if "\x00" in text:
        raise InvalidImportError(
            [_("%(name)s : caractère nul ; ce n’est pas un fichier CSV texte.") % {"name": name}]
        )
    return text


def read_applications_csv(
    text: str | bytes, *, call: Call, display_name: str = "CSV"
) -> list[ApplicationRow]:
    """Read and check every row; raise InvalidImportError listing every problem."""
    content = _decode(text, display_name)
    previous = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        return _read_rows(content, call, display_name)
    except csv.Error as error:
        raise InvalidImportError(
            [
                _("%(name)s : le fichier CSV est illisible (%(error)s).")
                % {"name": display_name, "error": error}
            ]
        ) from error
    finally:
        csv.field_size_limit(previous)


def _column(cell: str) -> str:
    key = normalize_label(cell)
    return _ALIASES.get(key, key.replace(" ", "_"))


def _read_rows(text: str, call: Call, name: str) -> list[ApplicationRow]:
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip()), delimiter=delimiter)
    header = [_column(cell) for cell in next(reader)]
    check_header(name, header, columns=COLUMNS, required=REQUIRED_COLUMNS)
    challenges = TitleIndex(dict(call.cohort.challenges.values_list("slug", "title")))
    elsewhere = dict(Application.objects.exclude(call=call).values_list("reference", "call__title"))
    problems: list[str] = []
    rows: list[ApplicationRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(
                _("ligne %(line)s : %(cells)s cellules pour %(columns)s colonnes")
                % {"line": line, "cells": len(cells), "columns": len(header)}
            )
            continue
        values = {column: clean_text(cell) for column, cell in zip(header, cells, strict=False)}
        row = _check_row(line, values, challenges, elsewhere, seen, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise InvalidImportError(problems)
    if not rows:
        raise InvalidImportError(
            [_("%(name)s : aucune ligne de données sous l’en-tête.") % {"name": name}]
        )
    return rows


def _check_row(
    line: int,
    values: dict[str, str],
    challenges: TitleIndex,
    elsewhere: dict[str, str],
    seen: dict[str, int],
    problems: list[str],
) -> ApplicationRow | None:
    errors: list[str] = []

    def error(message: str, column: str, **details: object) -> None:
        errors.append(message % {"line": line, "column": column, **details})

    for column, limit in MAX_LENGTHS.items():
        if limit and len(values.get(column, "")) > limit:
            error(
                _("ligne %(line)s, colonne %(column)s : %(length)s caractères, %(limit)s au plus"),
                column,
                length=len(values[column]),
                limit=limit,
            )
    for column in REQUIRED_COLUMNS:
        if not values.get(column):
            error(_("ligne %(line)s, colonne %(column)s : valeur manquante"), column)
    reference = values.get("reference", "")
    if reference:
        if reference in seen:
            error(
                _(
                    "ligne %(line)s, colonne %(column)s : %(value)s figure déjà à la ligne %(other)s"
                ),
                "reference",
                value=reference,
                other=seen[reference],
            )
        else:
            seen[reference] = line
        if reference in elsewhere:
            error(
                _(
                    "ligne %(line)s, colonne %(column)s : la référence %(value)s est celle d’une "
                    "candidature de l’appel « %(call)s »"
                ),
                "reference",
                value=reference,
                call=elsewhere[reference],
            )
    email = values.get("email", "").lower()
    values["email"] = email
    if email:
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
    if values.get("profession"):
        found = normalize_profession(values["profession"])
        if found is None:
            error(
                _("ligne %(line)s, colonne %(column)s : métier « %(value)s » inconnu"),
                "profession",
                value=values["profession"],
            )
        else:
            values["profession"] = found.value
    if values.get("gender"):
        gender = parse_gender(values["gender"])
        if gender is None:
            error(
                _("ligne %(line)s, colonne %(column)s : genre « %(value)s » inconnu"),
                "gender",
                value=values["gender"],
            )
        else:
            values["gender"] = gender.value
    wishes: list[str] = []
    for rank in range(1, MAX_WISHES + 1):
        column = f"wish_{rank}"
        if not values.get(column):
            continue
        slug = challenges.match(values[column])
        if slug is None:
            error(
                _(
                    "ligne %(line)s, colonne %(column)s : aucun défi de la promotion n’a pour "
                    "titre « %(value)s »"
                ),
                column,
                value=values[column],
            )
        elif slug in wishes:
            error(
                _("ligne %(line)s, colonne %(column)s : ce défi figure déjà dans un vœu précédent"),
                column,
            )
        else:
            wishes.append(slug)
    if errors:
        problems.extend(errors)
        return None
    fields = {c: values[c] for c in COLUMNS if not c.startswith("wish_") and values.get(c)}
    return ApplicationRow(line=line, values=fields, wishes=tuple(wishes))


def _write(rows: list[ApplicationRow], call: Call, report: ImportReport) -> None:
    existing = {a.reference: a for a in call.applications.all()}
    challenge_ids = dict(call.cohort.challenges.values_list("slug", "pk"))
    for row in rows:
        application = existing.get(row.values["reference"])
        if application is None:
            application = Application.objects.create(call=call, **row.values)
            report.add(APPLICATIONS, Outcome.CREATED)
        else:
            changed = [k for k, v in row.values.items() if getattr(application, k) != v]
            for key in changed:
                setattr(application, key, row.values[key])
            if changed:
                application.save()
            report.add(APPLICATIONS, Outcome.UPDATED if changed else Outcome.UNCHANGED)
        if not row.wishes:
            continue
        wanted = [challenge_ids[slug] for slug in row.wishes]
        current = list(application.wishes.order_by("rank").values_list("challenge_id", flat=True))
        if current == wanted:
            report.add(WISHES, Outcome.UNCHANGED, len(wanted))
            continue
        application.wishes.all().delete()
        Wish.objects.bulk_create(
            Wish(application=application, challenge_id=pk, rank=rank)
            for rank, pk in enumerate(wanted, start=1)
        )
        report.add(WISHES, Outcome.CREATED if not current else Outcome.UPDATED, len(wanted))

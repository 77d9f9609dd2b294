"""Import a cohort's people from CSV: `manage.py import_people FILE.csv --cohort SLUG`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from magellan.directory.importers import InvalidImportError, import_people

from ._import_errors import refuse


class Command(BaseCommand):
    help = (
        "Import a cohort's people from a CSV file (columns: name, email, profession, job_title, "
        "role, challenge, gender, public). All rows or none; people are matched by email."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8, ; or , separated).")
        parser.add_argument("--cohort", required=True, help="The cohort's slug, e.g. promotion-8.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the report and change nothing."
        )

    def handle(self, *args: Any, file: Path, cohort: str, dry_run: bool, **options: Any) -> None:
        try:
            report = import_people(file, cohort_slug=cohort, dry_run=dry_run)
        except InvalidImportError as error:
            raise refuse(error, stderr=self.stderr) from error
        self.stdout.write("\n".join(report.lines()))

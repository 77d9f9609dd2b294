"""Import a cohort's people from CSV: `manage.py import_people FILE.csv --cohort SLUG`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from magellan.directory.importers import InvalidImportError, import_people


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
            if len(error.problems) == 1:
                raise CommandError(
                    _("Rien n’a été importé : %(problem)s") % {"problem": error.problems[0]}
                ) from error
            for problem in error.problems:
                self.stderr.write(f"  - {problem}")
            raise CommandError(
                _("Rien n’a été importé : %(count)s problèmes (listés ci-dessus).")
                % {"count": len(error.problems)}
            ) from error
        self.stdout.write("\n".join(report.lines()))

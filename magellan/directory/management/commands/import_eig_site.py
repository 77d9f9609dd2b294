"""Import the EIG website's Hugo content: `manage.py import_eig_site PATH [--dry-run]`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from magellan.directory.importers import InvalidImportError, import_eig_site


class Command(BaseCommand):
    help = (
        "Import challenges and people from the EIG website's content folder (with defis/ and "
        "personnes/). All or nothing; running it again only updates what changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The Hugo content folder.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the report and change nothing."
        )

    def handle(self, *args: Any, path: Path, dry_run: bool, **options: Any) -> None:
        try:
            report = import_eig_site(path, dry_run=dry_run)
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

"""Import the EIG website's Hugo content: `manage.py import_eig_site PATH [--dry-run]`."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from magellan.directory.importers import InvalidImportError, import_eig_site

from ._import_errors import refuse


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
            raise refuse(error, stderr=self.stderr) from error
        self.stdout.write("\n".join(report.lines()))

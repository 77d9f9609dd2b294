"""Importers that fill the directory from outside files: the EIG website's content and CSV lists.

Each importer reads and checks everything first, then writes in one transaction (or, in a dry
run, rolls it back) and returns an ImportReport; bad input raises InvalidImportError.
"""

from .eig_site import import_eig_site
from .people_csv import import_people
from .report import ImportReport, InvalidImportError

__all__ = ["ImportReport", "InvalidImportError", "import_eig_site", "import_people"]

"""How the import commands report a refused import (shared by import_eig_site and import_people)."""

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _

from magellan.directory.importers import InvalidImportError


def refuse(error: InvalidImportError, *, stderr: OutputWrapper) -> CommandError:
    """One problem: one line; several: listed on stderr, then counted in the error."""
    if len(error.problems) == 1:
        return CommandError(
            _("Rien n’a été importé : %(problem)s") % {"problem": error.problems[0]}
        )
    for problem in error.problems:
        stderr.write(f"  - {problem}")
    return CommandError(
        _("Rien n’a été importé : %(count)s problèmes (listés ci-dessus).")
        % {"count": len(error.problems)}
    )

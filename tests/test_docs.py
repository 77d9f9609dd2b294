"""The docs guard themselves: every setting read from the environment, every command and every role is documented."""

import re
from pathlib import Path

from magellan.directory.models import Role
from tests.conftest import REPO_ROOT

DOCS = REPO_ROOT / "docs"


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_environment_variable_is_documented() -> None:
    read = set()
    for path in (REPO_ROOT / "config" / "settings").glob("*.py"):
        read |= set(re.findall(r"""environ(?:\.get)?\(\s*["']([A-Z_]+)["']""", path.read_text()))
        read |= set(re.findall(r"""_required\(\s*["']([A-Z_]+)["']""", path.read_text()))

    missing = sorted(name for name in read if f"`{name}`" not in _read("settings.md"))

    assert missing == []


def test_every_management_command_is_documented() -> None:
    commands = {
        path.stem
        for path in Path(REPO_ROOT / "magellan").glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }

    missing = sorted(name for name in commands if f"`{name}" not in _read("commands.md"))

    assert missing == []


def test_every_role_is_documented() -> None:
    missing = sorted(role.value for role in Role if f"`{role.value}`" not in _read("roles.md"))

    assert missing == []

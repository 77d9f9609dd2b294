"""Every Magellan setting, read from the environment or not, is documented in docs/settings.md."""

import re

from tests.conftest import REPO_ROOT


def test_every_magellan_setting_is_documented() -> None:
    names = set()
    for path in (REPO_ROOT / "config" / "settings").glob("*.py"):
        names |= set(re.findall(r"^(MAGELLAN_[A-Z_]+)\s*=", path.read_text(), flags=re.MULTILINE))
    documented = (REPO_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")

    missing = sorted(name for name in names if f"`{name}`" not in documented)

    assert missing == []

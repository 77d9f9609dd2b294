"""Hand-written DSFR markup that the design system renders differently from what it says."""

import re
from pathlib import Path

import magellan

TEMPLATES = sorted(Path(magellan.__file__).parent.glob("*/templates/**/*.html"))
GROUP = re.compile(r'<ul class="(fr-btns-group[^"]*)"(.*?)</ul>', re.S)


def test_the_walk_finds_templates():
    assert len(TEMPLATES) > 50


def test_a_button_group_with_labelled_icon_buttons_says_where_the_icon_goes():
    # Inside `fr-btns-group`, DSFR shrinks a `fr-btn fr-icon-…` button to its icon (its label is
    # cut off at 2.5 rem) unless the group carries `fr-btns-group--icon-left` or `--icon-right`.
    wrong = [
        f"{path.relative_to(Path(magellan.__file__).parent)}: {match.group(1)}"
        for path in TEMPLATES
        for match in GROUP.finditer(path.read_text())
        if re.search(r'class="fr-btn[^"]* fr-icon-', match.group(2))
        and "fr-btns-group--icon-" not in match.group(1)
    ]
    assert wrong == []

"""docs/engine.md guards itself: every public name of the engine is documented."""

from pathlib import Path

import pytest

import magellan.engine

DOC = (Path(__file__).resolve().parents[2] / "docs" / "engine.md").read_text()


@pytest.mark.parametrize("name", magellan.engine.__all__)
def test_public_name_is_documented(name):
    assert f"`{name}" in DOC or f"{name}(" in DOC

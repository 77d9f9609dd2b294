import pytest

from magellan.core.validators import parse_id


@pytest.mark.parametrize("value", ["1", "42", "9" * 18])
def test_parse_id_reads_ascii_digits(value: str) -> None:
    assert parse_id(value) == int(value)


@pytest.mark.parametrize("value", [None, "", "0", "abc", "1.5", "-1", " 1", "²", "١", "9" * 19])
def test_parse_id_refuses_anything_else(value: str | None) -> None:
    assert parse_id(value) is None

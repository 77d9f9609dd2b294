"""Dates read as French writes them: « 1er décembre », never « 1 décembre »."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from magellan.core.dates import format_date
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (datetime.date(2026, 12, 1), "j F Y", "1er décembre 2026"),
        (datetime.date(2026, 12, 2), "j F Y", "2 décembre 2026"),
        (datetime.date(2026, 12, 11), "j F Y", "11 décembre 2026"),
        (datetime.date(2026, 12, 21), "j F", "21 décembre"),
        (datetime.date(2027, 1, 1), "l j F Y", "vendredi 1er janvier 2027"),
        (datetime.date(2026, 12, 1), "d/m/Y", "01/12/2026"),
        (datetime.date(2026, 12, 1), r"\j j", "j 1er"),
    ],
)
def test_format_date_writes_the_first_of_the_month_1er(
    value: datetime.date, fmt: str, expected: str
) -> None:
    assert format_date(value, fmt) == expected


def test_format_date_reads_an_aware_datetime_in_local_time() -> None:
    # 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
    value = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)

    assert format_date(value, "l j F Y, H:i") == "mardi 1er décembre 2026, 00:30"


def test_format_date_leaves_other_languages_alone() -> None:
    with translation.override("en"):
        assert format_date(datetime.date(2026, 12, 1), "j") == "1"


def test_display_date_filter_writes_1er_in_templates() -> None:
    template = Template('{% load magellan_dates %}{{ when|display_date:"l j F Y, H:i" }}')
    when = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 30))

    assert template.render(Context({"when": when})) == "mardi 1er décembre 2026, 09:30"


def test_no_template_or_module_shows_a_day_without_the_rule() -> None:
    """Django's `date` filter and `date_format` would write « 1 décembre »: use display_date."""
    # A format with the day token `j`, or none (DATE_FORMAT is « j F Y »).
    day_token = re.compile(
        r"""(\|date:|date_format\([^,]+,\s*)["'][^"']*(?<!\\)j|\|date\s*[|}%]|date_format\([^,()]+\)"""
    )
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted((REPO_ROOT / "magellan").rglob("*"))
        if path.suffix in {".html", ".txt", ".py"} and day_token.search(path.read_text())
    ]

    assert offenders == []


def test_no_template_or_module_shows_a_month_by_its_three_letter_abbreviation() -> None:
    """Django's `M` writes « Jui » for both juin and juillet in French: use `N` (« juil. ») or
    `F` (the whole name)."""
    three_letters = re.compile(
        r"""(display_date:|\|date:|format_date\([^,]+,\s*)["'][^"']*(?<!\\)M"""
    )
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted((REPO_ROOT / "magellan").rglob("*"))
        if path.suffix in {".html", ".txt", ".py"} and three_letters.search(path.read_text())
    ]

    assert offenders == []

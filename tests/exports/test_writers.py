import datetime
import io

import pytest
from openpyxl import load_workbook

from magellan.exports.writers import neutralise, to_csv, to_xlsx


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Awa Diallo", "Awa Diallo"),
        ("", ""),
        (-3, -3),
        (None, None),
    ],
)
def test_neutralise_quotes_only_text_a_spreadsheet_would_run(value, expected):
    assert neutralise(value) == expected


def test_csv_is_utf8_with_bom_semicolons_and_french_values():
    body = to_csv(
        ["Nom", "Présent·e", "Début", "Note"],
        [("Élodie", True, datetime.datetime(2026, 12, 1, 9, 30), 3.5), ("=1+1", False, None, 4)],
    )

    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").split("\r\n") == [
        "Nom;Présent·e;Début;Note",
        "Élodie;oui;01/12/2026 09:30;3,5",
        "'=1+1;non;;4",
        "",
    ]


def test_csv_quotes_a_cell_holding_the_separator_or_a_newline():
    body = to_csv(["Commentaire"], [("Bien; mais\ncourt",)])

    assert body.decode("utf-8-sig") == 'Commentaire\r\n"Bien; mais\ncourt"\r\n'


def test_xlsx_has_a_bold_header_real_dates_and_neutralised_cells():
    body = to_xlsx(
        "Présences: par/personne [test] trop long pour un onglet",
        ["Nom", "Début", "Présent·e"],
        [("@evil", datetime.datetime(2026, 12, 1, 9, 30), True)],
    )

    workbook = load_workbook(io.BytesIO(body))
    sheet = workbook.active
    assert sheet.title == "Présences par personne test tro"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Nom", "Début", "Présent·e"],
        ["'@evil", datetime.datetime(2026, 12, 1, 9, 30), "oui"],
    ]
    assert sheet["A1"].font.bold is True


def test_xlsx_shows_dates_the_french_way_and_widens_columns_to_their_header():
    body = to_xlsx(
        "Séances",
        ["Début de la séance", "Jour", "Note"],
        [(datetime.datetime(2026, 12, 1, 9, 30), datetime.date(2026, 12, 1), 4)],
    )

    sheet = load_workbook(io.BytesIO(body)).active
    assert [cell.number_format for cell in sheet[2]] == [
        "dd/mm/yyyy hh:mm",
        "dd/mm/yyyy",
        "General",
    ]
    assert [sheet.column_dimensions[c].width for c in "ABC"] == [20, 16, 16]

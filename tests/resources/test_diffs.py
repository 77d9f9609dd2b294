from magellan.resources.diffs import Line, Piece, diff_revisions, diff_text


def test_a_changed_line_shows_the_words_removed_and_added():
    assert diff_text("Le guide est court.", "Le guide est long.") == [
        Line(
            "changed",
            (
                Piece("Le guide est", "same"),
                Piece("court.", "removed"),
                Piece("long.", "added"),
            ),
        )
    ]


def test_unchanged_lines_far_from_a_change_are_left_out():
    old = "\n".join(f"ligne {n}" for n in range(10))
    new = old.replace("ligne 8", "ligne huit") + "\nligne ajoutée"

    lines = diff_text(old, new)

    assert [line.kind for line in lines] == ["gap", "same", "same", "changed", "same", "added"]
    assert lines[-1].pieces == (Piece("ligne ajoutée", "added"),)


def test_lines_removed_and_added_in_different_numbers():
    assert [line.kind for line in diff_text("a\nb", "c")] == ["removed", "removed", "added"]


class _Revision:
    def __init__(self, title, summary, body):
        self.title, self.summary, self.body = title, summary, body


def test_only_the_fields_that_changed_are_listed_and_the_first_revision_is_all_new():
    first = _Revision("Titre", "Résumé", "Corps")
    second = _Revision("Titre", "Résumé", "Corps revu")

    assert [d.label for d in diff_revisions(None, first)] == ["Titre", "Résumé", "Contenu"]
    assert [d.label for d in diff_revisions(first, second)] == ["Contenu"]
    assert diff_revisions(first, first) == []

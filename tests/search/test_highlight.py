from magellan.search.highlight import (
    START,
    STOP,
    excerpt,
    fold,
    marked,
    plain_text,
    query_prefixes,
    window,
)


def test_fold_lowers_and_drops_accents_and_ligatures():
    assert (
        fold("Accessibilité, ŒUVRE, cœur, Straße, Ça")
        == "accessibilite, oeuvre, coeur, strasse, ca"
    )


def test_marked_escapes_the_text_then_marks_the_hits():
    text = f'<script>alert("x")</script> {START}données{STOP} <img src=x onerror=alert(1)>'

    assert marked(text) == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>données</mark> "
        "&lt;img src=x onerror=alert(1)&gt;"
    )


def test_marked_drops_stray_markers_so_tags_stay_balanced():
    assert marked(f"a{STOP}b {START}c{START}d{STOP} e{START}") == "ab c<mark>d</mark> e"


def test_excerpt_marks_every_hit_whatever_its_case_and_accents():
    assert excerpt("Le Déploiement puis le deploiement.", ["deploiement"]) == (
        f"Le {START}Déploiement{STOP} puis le {START}deploiement{STOP}."
    )


def test_excerpt_cuts_around_the_first_hit_on_word_boundaries():
    text = (
        " ".join(f"mot{i}" for i in range(100))
        + " cible "
        + " ".join(f"fin{i}" for i in range(100))
    )

    cut = excerpt(text, ["cible"], size=80)

    assert cut.startswith("… mot9")
    assert f"{START}cible{STOP}" in cut
    assert cut.endswith(" …")
    assert len(cut) <= 80 + 6


def test_excerpt_without_a_hit_is_the_beginning_of_the_text():
    assert (
        excerpt("Un texte   court\nsur deux lignes.", ["absent"])
        == "Un texte court sur deux lignes."
    )


def test_excerpt_removes_markers_written_in_the_document():
    assert marked(excerpt(f"{START}<b>faux</b>{STOP} vrai", ["vrai"])) == (
        "&lt;b&gt;faux&lt;/b&gt; <mark>vrai</mark>"
    )


def test_window_starts_a_little_before_the_first_word_with_a_query_prefix():
    text = "x " * 1000 + "Le Déploiement continu " + "y " * 1000

    cut = window(text, ["deploie"], size=100)

    assert cut.startswith("x x ")
    assert "Le Déploiement continu y" in cut
    assert len(cut) == 100


def test_window_of_a_short_text_or_without_a_hit_is_its_beginning():
    assert window("Un texte court", ["absent"], size=100) == "Un texte court"
    assert window("a " * 100, ["absent"], size=10) == "a a a a a "


def test_plain_text_drops_the_markdown_markup():
    source = "## Pourquoi\n\n- **Une mention** et `du code`\n1. un [lien](https://x.test) > non\n> citation"

    assert plain_text(source) == "Pourquoi\n\nUne mention et du code\nun lien > non\ncitation"


def test_the_prefixes_of_a_query_skip_excluded_and_short_words():
    assert query_prefixes('l’accessibilité "données ouvertes" -licence de') == [
        "accessibil",
        "donn",
        "ouver",
    ]

import pytest

from magellan.search.services import search


@pytest.mark.usefixtures("demo_site")
def test_the_public_finds_the_demo_guide_on_public_algorithms():
    results = search(None, "algorithmes publics")

    titles = [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in results.hits]
    assert titles[0] == "Expliquer les algorithmes publics"
    assert {hit.kind for hit in results.hits} == {"guide"}

"""Issue 13's "done when" on the demo data: the coaches' indicators page shows every registered
indicator with its chart and table; the public statistics page shows the public ones; the data
package of the demo validates under `frictionless`."""

import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from frictionless import validate

from magellan.directory.models import Person
from magellan.indicators import registry

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_site")
def test_the_demo_shows_every_indicator_and_its_data_package_validates(tmp_path: Path) -> None:
    coach = Person.objects.get(user__email="coach@demo.magellan.test")
    client = Client()
    client.force_login(coach.user)

    html = client.get(reverse("indicators:list")).content.decode()
    every = registry.all_indicators()
    assert len(every) >= 11
    for indicator in every:
        assert str(indicator.title) in html
    assert html.count('role="img"') >= len(every)
    assert html.count("<table") >= len(every)

    public = Client().get(reverse("indicators:statistics")).content.decode()
    for indicator in registry.all_indicators(public_only=True):
        assert str(indicator.title) in public

    anonymous = Client()
    descriptor = anonymous.get(reverse("indicators:datapackage")).json()
    for resource in descriptor["resources"]:
        response = anonymous.get(reverse("indicators:resource", args=[resource["name"]]))
        (tmp_path / resource["path"]).write_bytes(response.content)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])

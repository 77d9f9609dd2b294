"""The health check's plain functions on git repositories made in tmp_path (never the network)."""

import datetime
import random
import time
from pathlib import Path

import pytest

from magellan.values import health
from tests.values.git_repos import (
    HEALTHY,
    MIT_TEXT,
    PUBLICCODE,
    make_hanging_repository,
    make_repository,
    run_git,
)

NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
MB = 1024 * 1024


def _clone(source: Path, tmp_path: Path, **options: object) -> Path:
    dest = tmp_path / "copy"
    arguments: dict = {"timeout": 30, "max_bytes": 50 * MB, "allow_local": True} | options
    health.clone(str(source), dest, **arguments)
    return dest


def _by_code(criteria: list[health.Criterion]) -> dict[str, health.Criterion]:
    return {criterion.code: criterion for criterion in criteria}


def test_a_healthy_repository_meets_every_criterion(tmp_path: Path) -> None:
    source = make_repository(tmp_path / "source", HEALTHY)
    inspection = health.inspect(_clone(source, tmp_path), now=NOW)
    assert [(c.code, c.ok) for c in inspection.criteria] == [
        ("licence", True),
        ("readme", True),
        ("contributing", True),
        ("publiccode", True),
        ("last_commit", True),
        ("tests", True),
        ("ci", True),
    ]
    assert inspection.licence == "MIT"
    assert inspection.last_commit_at == datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC)
    assert _by_code(inspection.criteria)["last_commit"].detail == "Dernier commit le 2026-11-30."


def test_the_clone_is_shallow(tmp_path: Path) -> None:
    source = make_repository(tmp_path / "source", {"README.md": "un\n"})
    (source / "README.md").write_text("deux\n")
    run_git(source, "commit", "-qam", "Deux")
    copy = _clone(source, tmp_path)
    assert run_git(copy, "rev-list", "--count", "HEAD").strip() == "1"
    assert (copy / "README.md").read_text() == "deux\n"


def test_an_empty_repository_says_what_is_missing_and_how_to_fix_it(tmp_path: Path) -> None:
    source = make_repository(tmp_path / "source", {"main.py": "print('bonjour')\n"})
    criteria = _by_code(health.check(_clone(source, tmp_path), now=NOW))
    assert {code: c.ok for code, c in criteria.items()} == {
        "licence": False,
        "readme": False,
        "contributing": False,
        "publiccode": False,
        "last_commit": True,
        "tests": False,
        "ci": False,
    }
    assert criteria["licence"].detail == (
        "Aucun fichier de licence (LICENSE, LICENCE, COPYING) à la racine du dépôt."
    )
    assert criteria["licence"].fix.startswith("Ajoutez à la racine un fichier LICENSE")
    assert "EUPL-1.2" in criteria["licence"].fix
    assert criteria["ci"].fix.startswith("Ajoutez une configuration qui lance les tests")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SPDX-License-Identifier: AGPL-3.0-or-later\n", "AGPL-3.0"),
        ("SPDX-License-Identifier: EUPL-1.2\n", "EUPL-1.2"),
        (MIT_TEXT, "MIT"),
        ("GNU AFFERO GENERAL PUBLIC LICENSE\n Version 3, 19 November 2007\n", "AGPL-3.0"),
        ("GNU LESSER GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n", "LGPL-3.0"),
        ("GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n", "GPL-3.0"),
        ("Apache License\n Version 2.0, January 2004\n", "Apache-2.0"),
        ("Mozilla Public License Version 2.0\n", "MPL-2.0"),
        ("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n", "EUPL-1.2"),
        ("CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL-B\n", "CECILL-B"),
        ("CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL\nVersion 2.1 du 2013-06-21\n", "CECILL-2.1"),
        (
            "Redistribution and use in source and binary forms, with or without modification, "
            "are permitted. Neither the name of the copyright holder...",
            "BSD-3-Clause",
        ),
        ("Redistribution and use in source and binary forms, with or without", "BSD-2-Clause"),
        ("Tous droits réservés.\n", ""),
    ],
)
def test_the_licence_is_recognised_by_its_spdx_line_or_its_phrases(
    text: str, expected: str
) -> None:
    assert health.licence_of_text(text) == expected


def test_a_licence_not_accepted_by_the_administration_fails_and_says_which(
    tmp_path: Path,
) -> None:
    make_repository(
        tmp_path / "r", {"LICENSE": "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n"}
    )
    criterion, spdx = health.licence_criterion(tmp_path / "r")
    assert (criterion.ok, spdx) == (False, "GPL-2.0")
    assert criterion.detail == (
        "La licence trouvée (GPL-2.0) n’est pas une des licences libres acceptées par "
        "l’administration."
    )


def test_an_unrecognised_licence_text_fails(tmp_path: Path) -> None:
    make_repository(tmp_path / "r", {"LICENCE.txt": "Tous droits réservés.\n"})
    criterion, spdx = health.licence_criterion(tmp_path / "r")
    assert (criterion.ok, spdx) == (False, "")
    assert criterion.detail == "Le fichier LICENCE.txt ne contient pas une licence reconnue."


def test_the_accepted_licences_are_the_decree_s_fourteen_minus_none() -> None:
    assert sorted(health.ACCEPTED_LICENCES) == [
        "AGPL-3.0",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "CECILL-2.1",
        "CECILL-B",
        "CECILL-C",
        "EPL-2.0",
        "EUPL-1.2",
        "GPL-3.0",
        "LGPL-3.0",
        "MIT",
        "MPL-2.0",
    ]


def test_a_valid_publiccode_has_no_problem() -> None:
    import yaml

    assert health.validate_publiccode(yaml.safe_load(PUBLICCODE)) == []


def test_publiccode_problems_name_each_missing_key() -> None:
    data = {
        "publiccodeYmlVersion": "0.4",
        "name": "Projet",
        "url": "https://forge.example.fr/p.git",
        "platforms": [],
        "developmentStatus": "en cours",
        "softwareType": "standalone/web",
        "description": {"fr": {"shortDescription": "Court"}},
        "legal": {},
        "maintenance": {"type": "internal"},
        "localisation": {"availableLanguages": ["fr"]},
    }
    assert health.validate_publiccode(data) == [
        "legal.license manque",
        "platforms manque (une liste non vide)",
        "categories manque (une liste non vide)",
        "developmentStatus manque ou n’est pas une des valeurs concept, development, beta, stable, obsolete",
        "localisation.localisationReady manque (true ou false)",
        "maintenance.contacts manque (au moins un contact)",
        "description.fr.longDescription manque",
        "description.fr.features manque (une liste non vide)",
    ]


def test_a_publiccode_that_is_not_yaml_says_where(tmp_path: Path) -> None:
    make_repository(tmp_path / "r", {"publiccode.yml": "name: [ouvert\nurl: x\n"})
    criterion = health.publiccode_criterion(tmp_path / "r")
    assert criterion.ok is False
    assert criterion.detail.startswith("publiccode.yml n’est pas un YAML valide (ligne ")


def test_an_incomplete_publiccode_lists_what_is_missing(tmp_path: Path) -> None:
    make_repository(tmp_path / "r", {"publiccode.yml": "name: Projet\n"})
    criterion = health.publiccode_criterion(tmp_path / "r")
    assert criterion.ok is False
    assert criterion.detail.startswith(
        "publiccode.yml est incomplet : publiccodeYmlVersion manque ;"
    )


def test_an_old_last_commit_is_flagged(tmp_path: Path) -> None:
    source = make_repository(
        tmp_path / "source", {"README.md": "# Ancien\n"}, date="2024-01-15T09:00:00+00:00"
    )
    criteria = _by_code(health.check(_clone(source, tmp_path), now=NOW, stale_days=365))
    assert criteria["last_commit"].ok is False
    assert criteria["last_commit"].detail == (
        "Dernier commit le 2024-01-15, il y a 1057 jours (plus de 365 jours)."
    )


@pytest.mark.parametrize(
    ("files", "found"),
    [
        ({"src/app_test.go": "package app\n"}, "Fichier de tests trouvé : src/app_test.go."),
        ({"web/button.spec.ts": "it()\n"}, "Fichier de tests trouvé : web/button.spec.ts."),
        ({"spec/model_spec.rb": "x\n"}, "Dossier de tests trouvé : spec/."),
    ],
)
def test_tests_are_found_by_folder_or_file_name(
    tmp_path: Path, files: dict[str, str], found: str
) -> None:
    make_repository(tmp_path / "r", files)
    assert health.tests_criterion(tmp_path / "r").detail == found


@pytest.mark.parametrize(
    "path",
    [".gitlab-ci.yml", ".woodpecker.yml", ".woodpecker/test.yml", ".github/workflows/ci.yml"],
)
def test_ci_configurations_of_the_usual_forges_are_found(tmp_path: Path, path: str) -> None:
    make_repository(tmp_path / "r", {path: "steps: []\n"})
    assert health.ci_criterion(tmp_path / "r").ok is True


@pytest.mark.parametrize(
    "url",
    [
        "ssh://git@forge.example.fr/eig/projet.git",
        "git@github.com:etalab/projet.git",
        "ftp://forge.example.fr/projet.git",
        "ext::sh -c touch% /tmp/pwned",
        "--upload-pack=touch /tmp/pwned",
        "https://",
        "",
    ],
)
def test_addresses_that_can_never_be_cloned_are_refused_before_git_runs(
    url: str, tmp_path: Path
) -> None:
    with pytest.raises(health.CloneError):
        health.clone(url, tmp_path / "copy", timeout=5, max_bytes=MB)
    assert not (tmp_path / "copy").exists()


def test_local_addresses_are_refused_unless_allowed(tmp_path: Path) -> None:
    source = make_repository(tmp_path / "source", {"README.md": "# Local\n"})
    for url in (str(source), source.as_uri()):
        with pytest.raises(health.CloneError) as refused:
            health.clone(url, tmp_path / "copy", timeout=5, max_bytes=MB, allow_local=False)
        assert refused.value.message.startswith("Les dépôts locaux ne sont pas acceptés")
    health.clone(source.as_uri(), tmp_path / "copy", timeout=30, max_bytes=MB, allow_local=True)
    assert (tmp_path / "copy" / "README.md").read_text() == "# Local\n"


def test_https_addresses_are_accepted_as_they_are() -> None:
    url = "https://github.com/etalab/projet.git"
    assert health.clone_source(url, allow_local=False) == url


def test_an_address_that_is_not_a_git_repository_fails_with_a_clear_message(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "pas-un-depot"
    folder.mkdir()
    (folder / "index.html").write_text("<p>Bonjour</p>")
    with pytest.raises(health.CloneError) as refused:
        health.clone(folder.as_uri(), tmp_path / "copy", timeout=30, max_bytes=MB, allow_local=True)
    assert refused.value.message.startswith(
        "Le dépôt n’a pas pu être copié : aucun dépôt git n’a été trouvé à cette adresse (git : « fatal:"
    )
    assert not (tmp_path / "copy").exists()


def test_a_hanging_clone_is_stopped_at_the_time_limit_and_cleaned_up(tmp_path: Path) -> None:
    source = make_hanging_repository(tmp_path / "bloque")
    started = time.monotonic()
    with pytest.raises(health.CloneError) as refused:
        health.clone(source.as_uri(), tmp_path / "copy", timeout=1, max_bytes=MB, allow_local=True)
    assert time.monotonic() - started < 10
    assert refused.value.message == (
        "La copie du dépôt a dépassé le temps permis (1 s) et a été arrêtée. Vérifiez que "
        "l’adresse répond, ou réessayez plus tard."
    )
    assert not (tmp_path / "copy").exists()


def test_a_repository_over_the_size_limit_is_refused_and_removed(tmp_path: Path) -> None:
    noise = random.Random(13).randbytes(3 * MB)  # noqa: S311 - incompressible: the pack is as large
    source = make_repository(tmp_path / "gros", {"README.md": "# Gros\n", "data.bin": noise})
    with pytest.raises(health.CloneError) as refused:
        health.clone(source.as_uri(), tmp_path / "copy", timeout=30, max_bytes=MB, allow_local=True)
    assert refused.value.message.startswith(
        "Le dépôt dépasse la taille permise (1.0 Mo pour la dernière version)"
    )
    assert not (tmp_path / "copy").exists()


def test_a_licence_file_that_is_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "dehors.txt"
    outside.write_text(MIT_TEXT)
    make_repository(tmp_path / "r", {"README.md": "# Lien\n"})
    (tmp_path / "r" / "LICENSE").symlink_to(outside)
    criterion, spdx = health.licence_criterion(tmp_path / "r")
    assert (criterion.ok, spdx) == (False, "")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/projet.git",
        "http://169.254.169.254/latest/",
        "https://10.0.0.4/eig/projet.git",
        "git://[::1]/projet.git",
        "https://localhost/projet.git",
    ],
)
def test_addresses_of_the_internal_network_are_refused(url: str) -> None:
    with pytest.raises(health.CloneError) as refused:
        health.clone_source(url, allow_local=False)
    assert refused.value.message.startswith("Cette adresse désigne une machine du réseau interne")


def test_a_public_ip_address_is_accepted() -> None:
    assert health.clone_source("https://37.59.0.1/projet.git", allow_local=False) == (
        "https://37.59.0.1/projet.git"
    )

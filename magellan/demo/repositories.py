"""Demo code repositories (synthetic): small git repositories made on disk by the loader, under
`settings.VAR_DIR / "demo-repos"`, followed by challenges of the current and previous cohorts
and checked at once, so that the health checks show a range of results — every criterion met,
criteria missing, a licence the administration does not accept with an old last commit, and an
address that is not a git repository. Deterministic for a given day."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from magellan.directory.models import Challenge
from magellan.values.models import Repository
from magellan.values.services import repositories as services

MIT = """MIT License

Copyright (c) {year} Programme Entrepreneurs d’intérêt général

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software.
"""

PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: {title}
url: https://git.example.org/eig/{slug}
platforms: [web]
categories: [data-analytics]
developmentStatus: beta
softwareType: standalone/web
description:
  fr:
    shortDescription: {title}, un service numérique public du programme EIG.
    longDescription: >
      {title} aide les agents et les usagers au quotidien. Ce dépôt fictif sert de
      démonstration à la vérification de santé des dépôts de Magellan.
    features:
      - Recherche
      - Tableau de bord
legal:
  license: {licence}
maintenance:
  type: internal
  contacts:
    - name: Équipe du défi
localisation:
  localisationReady: true
  availableLanguages: [fr]
"""


def _files(kind: str, challenge: Challenge, year: int) -> dict[str, str]:
    """The files of a demo repository of each kind."""
    readme = f"# {challenge.title}\n\n{challenge.summary}\n"
    if kind == "healthy":
        return {
            "LICENSE": MIT.format(year=year),
            "README.md": readme,
            "CONTRIBUTING.md": "# Contribuer\n\nOuvrez un ticket, puis une demande de fusion.\n",
            "publiccode.yml": PUBLICCODE.format(
                title=challenge.title, slug=challenge.slug, licence="MIT"
            ),
            "tests/test_service.py": "def test_le_service_repond():\n    assert True\n",
            ".gitlab-ci.yml": "tests:\n  script: pytest\n",
            "app/main.py": "print('Bonjour')\n",
        }
    if kind == "partial":
        return {
            "LICENSE": "SPDX-License-Identifier: EUPL-1.2\n\nEUROPEAN UNION PUBLIC LICENCE v. 1.2\n",
            "README.md": readme,
            "publiccode.yml": f'publiccodeYmlVersion: "0.4"\nname: {challenge.title}\n',
            "src/app.test.js": "test('ok', () => {});\n",
        }
    # "stale": a licence not accepted by the administration, no README, an old commit
    return {
        "COPYING": "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n",
        "script.sh": "echo bonjour\n",
    }


def _git(path: Path, *args: str, date: datetime.datetime) -> None:
    stamp = date.isoformat()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/nonexistent",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "Équipe EIG",
        "GIT_AUTHOR_EMAIL": "equipe@example.org",
        "GIT_COMMITTER_NAME": "Équipe EIG",
        "GIT_COMMITTER_EMAIL": "equipe@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    subprocess.run(  # noqa: S603 - fixed arguments
        ["git", *args],  # noqa: S607 - git from PATH, as the health check does
        cwd=path,
        env=env,
        check=True,
        capture_output=True,
    )


def make_demo_repository(path: Path, files: dict[str, str], *, date: datetime.datetime) -> Path:
    """A git repository at `path` with `files` in one commit dated `date` (replaced if there)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    _git(path, "init", "-q", "-b", "main", date=date)
    for name, content in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    _git(path, "add", "-A", date=date)
    _git(path, "commit", "-q", "-m", "Première version publique", date=date)
    return path


# The kinds of repository, in the order of the challenges that get one.
PLAN = ("healthy", "partial", "stale", "not_git", "healthy", "partial")


def load_repositories_demo(
    *, root: Path | None = None, cohort_numbers: tuple[int, ...] = (9, 8)
) -> int:
    """Make the demo repositories, follow them and check them; returns how many were checked."""
    if Repository.objects.exists():
        return 0
    root = root or Path(settings.VAR_DIR) / "demo-repos"
    now = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    challenges = list(
        Challenge.objects.filter(cohorts__number__in=cohort_numbers)
        .order_by("-cohorts__number", "pk")
        .distinct()[: len(PLAN)]
    )
    checked = 0
    for index, (kind, challenge) in enumerate(zip(PLAN, challenges, strict=False)):
        path = root / f"{index + 1:02d}-{challenge.slug}"
        if kind == "not_git":
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
            (path / "index.html").write_text("<p>Une page, pas un dépôt git.</p>\n")
        else:
            age = 900 if kind == "stale" else 3 + 7 * index
            date = now - datetime.timedelta(days=age)
            make_demo_repository(path, _files(kind, challenge, date.year), date=date)
        repository = services.add_repository(
            challenge=challenge,
            url=path.as_uri(),
            licence="MIT" if kind == "healthy" else "",
            by=None,
            allow_local=True,
        )
        services.check_now(repository=repository, allow_local=True)
        checked += 1
    return checked

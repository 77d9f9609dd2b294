"""Git repositories made on the fly for the health-check tests (never the network)."""

import os
import subprocess
from pathlib import Path

AUTHOR_DATE = "2026-11-30T10:00:00+00:00"

MIT_TEXT = """MIT License

Copyright (c) 2026 Programme EIG

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction.
"""

PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Projet fictif
url: https://forge.example.fr/eig/projet-fictif.git
platforms: [web]
categories: [it-development]
developmentStatus: beta
softwareType: standalone/web
description:
  fr:
    shortDescription: Un service fictif.
    longDescription: Un service fictif du programme, décrit assez longuement pour le test.
    features: [Recherche]
legal:
  license: MIT
maintenance:
  type: internal
  contacts:
    - name: Camille Fictive
localisation:
  localisationReady: true
  availableLanguages: [fr]
"""

HEALTHY = {
    "LICENSE": MIT_TEXT,
    "README.md": "# Projet fictif\n",
    "CONTRIBUTING.md": "Contribuer\n",
    "publiccode.yml": PUBLICCODE,
    "tests/test_app.py": "def test_ok():\n    assert True\n",
    ".github/workflows/ci.yml": "on: push\n",
}


def git_env(date: str = AUTHOR_DATE) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/nonexistent",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "Camille Fictive",
        "GIT_AUTHOR_EMAIL": "camille@example.fr",
        "GIT_COMMITTER_NAME": "Camille Fictive",
        "GIT_COMMITTER_EMAIL": "camille@example.fr",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }


def make_repository(path: Path, files: dict[str, str | bytes], *, date: str = AUTHOR_DATE) -> Path:
    """`git init` at `path`, write `files` and commit them once (fixed author and date)."""
    path.mkdir(parents=True, exist_ok=True)
    env = git_env(date)
    run_git(path.parent, "init", "-q", "-b", "main", str(path), env=env)
    for name, content in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    run_git(path, "add", "-A", env=env)
    run_git(path, "commit", "-q", "-m", "Premier commit", env=env)
    return path


def run_git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in `cwd` (fixed author and date); its output."""
    result = subprocess.run(  # noqa: S603 - the tests' own arguments
        ["git", *args],  # noqa: S607 - git from PATH, as the health check does
        cwd=cwd,
        env=env or git_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def make_hanging_repository(path: Path) -> Path:
    """A repository whose clone never ends: its object store's alternates file is a FIFO nobody
    writes to, so the upload-pack serving the clone blocks when it opens it."""
    make_repository(path, {"README.md": "# Bloqué\n"})
    alternates = path / ".git" / "objects" / "info" / "alternates"
    alternates.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(alternates)
    return path

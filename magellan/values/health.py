"""The health check of a code repository, as plain functions (no Django here: the caller reads the
settings and passes them in).

- `clone(url, dest, *, timeout, max_bytes, allow_local)`: a shallow clone (`--depth 1 --no-tags
  --single-branch`), no prompt, no hooks, no submodules, only `https://`, `http://` and `git://`
  (ssh refused; `file://` and local paths only when `allow_local`), stopped when it takes more than
  `timeout` seconds or grows over `max_bytes` (the partial copy is removed). Raises `CloneError`.
- `inspect(path)` / `check(path)`: the criteria — a free licence accepted by the French
  administration (`ACCEPTED_LICENCES`), a README, a contributing guide, a valid `publiccode.yml`,
  a recent last commit, tests, a CI configuration — each with what was found and how to fix it.

Messages are in French: they are stored with the check's results and shown as they are.
"""

import contextlib
import datetime
import ipaddress
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

# The free licences the French administration accepts for the source code it publishes (décret
# n° 2021-1559, article D. 323-2-1 of the code des relations entre le public et l'administration),
# by their SPDX identifier: permissive, weak and strong reciprocity.
ACCEPTED_LICENCES: dict[str, str] = {
    "Apache-2.0": "Apache 2.0",
    "BSD-2-Clause": "BSD 2-Clause",
    "BSD-3-Clause": "BSD 3-Clause",
    "CECILL-B": "CeCILL-B",
    "MIT": "MIT",
    "CECILL-C": "CeCILL-C",
    "EPL-2.0": "Eclipse Public License 2.0",
    "LGPL-3.0": "GNU LGPL v3",
    "MPL-2.0": "Mozilla Public License 2.0",
    "AGPL-3.0": "GNU AGPL v3",
    "CECILL-2.1": "CeCILL 2.1",
    "EUPL-1.2": "EUPL 1.2",
    "GPL-3.0": "GNU GPL v3",
}

# Distinctive phrases of each licence's text (all must appear, case and spacing ignored), most
# specific first: the AGPL and LGPL texts mention the GPL, the BSD-3 text contains the BSD-2 one.
LICENCE_PHRASES: list[tuple[str, tuple[str, ...]]] = [
    ("AGPL-3.0", ("gnu affero general public license", "version 3")),
    ("LGPL-3.0", ("gnu lesser general public license", "version 3")),
    ("GPL-3.0", ("gnu general public license", "version 3")),
    ("GPL-2.0", ("gnu general public license", "version 2")),
    ("MPL-2.0", ("mozilla public license", "2.0")),
    ("EUPL-1.2", ("european union public licence", "1.2")),
    ("EPL-2.0", ("eclipse public license", "2.0")),
    ("CECILL-B", ("cecill-b",)),
    ("CECILL-C", ("cecill-c",)),
    ("CECILL-2.1", ("cecill", "2.1")),
    ("Apache-2.0", ("apache license", "version 2.0")),
    ("MIT", ("permission is hereby granted, free of charge, to any person obtaining a copy",)),
    (
        "BSD-3-Clause",
        ("redistribution and use in source and binary forms", "neither the name of"),
    ),
    ("BSD-2-Clause", ("redistribution and use in source and binary forms",)),
    ("Unlicense", ("this is free and unencumbered software released into the public domain",)),
]

ALLOWED_SCHEMES = ("https", "http", "git")
LOCAL_SCHEMES = ("file",)

LICENCE_NAMES = re.compile(r"^(licen[cs]e|copying|unlicense)([._-].*)?$", re.IGNORECASE)
README_NAMES = re.compile(r"^readme([._-].*)?$", re.IGNORECASE)
CONTRIBUTING_NAMES = re.compile(r"^contributing([._-].*)?$", re.IGNORECASE)
SPDX_LINE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)")
TEST_DIRS = frozenset({"test", "tests", "spec", "specs", "__tests__", "testing"})
TEST_FILES = re.compile(
    r"^(test_.+\.py|.+_test\.(py|go|rb|exs?)|.+\.(test|spec)\.[jt]sx?|.+Test\.(java|kt|php)"
    r"|.+_spec\.rb)$"
)
CI_PATHS = (
    ".github/workflows",
    ".gitlab-ci.yml",
    ".woodpecker.yml",
    ".woodpecker.yaml",
    ".woodpecker",
    ".circleci/config.yml",
    ".travis.yml",
    ".drone.yml",
    "Jenkinsfile",
    "azure-pipelines.yml",
    "bitbucket-pipelines.yml",
    ".forgejo/workflows",
    ".gitea/workflows",
)
# Folders never walked when looking for tests (dependencies and build output).
SKIPPED_DIRS = frozenset({".git", "node_modules", "vendor", ".venv", "venv", "dist", "build"})
WALK_LIMIT = 20_000  # files looked at, at most, when looking for tests

# publiccode.yml: the standard's values for its closed lists.
DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")


class CloneError(Exception):
    """The repository could not be copied: the message (in French) says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Criterion:
    """One criterion of the health check: met or not, what was found, how to fix it."""

    code: str
    label: str
    ok: bool
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Inspection:
    """Everything the check found in a working copy."""

    criteria: list[Criterion] = field(default_factory=list)
    licence: str = ""
    last_commit_at: datetime.datetime | None = None


# --- The clone ------------------------------------------------------------------------------


def clone_source(url: str, *, allow_local: bool) -> str:
    """The address git is given for `url`, or a `CloneError` when it is refused.

    Accepted: `https://`, `http://`, `git://`; refused: ssh (`ssh://`, `user@host:path`), any
    other transport, and local copies (`file://`, a path) unless `allow_local`.
    """
    url = (url or "").strip()
    if not url:
        raise CloneError("Indiquez l’adresse du dépôt git.")
    if url.startswith("-") or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise CloneError("Cette adresse de dépôt n’est pas valide.")
    if url.startswith(("/", "./", "../")):
        if not allow_local:
            raise CloneError(_local_refused())
        return Path(url).resolve().as_uri()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in LOCAL_SCHEMES:
        if not allow_local:
            raise CloneError(_local_refused())
        return url
    if scheme in ("ssh", "git+ssh", "ssh+git") or (
        not scheme and re.match(r"^[\w.-]+@[\w.-]+:", url)
    ):
        raise CloneError(
            "Les adresses ssh ne sont pas acceptées : donnez l’adresse https publique du dépôt "
            "(par exemple https://github.com/organisation/projet.git)."
        )
    if scheme not in ALLOWED_SCHEMES or not parts.hostname:
        raise CloneError(
            "Cette adresse n’est pas celle d’un dépôt git accessible : elle doit commencer par "
            "https://, http:// ou git:// (par exemple https://github.com/organisation/projet.git)."
        )
    if not allow_local and _internal_host(parts.hostname):
        raise CloneError(
            "Cette adresse désigne une machine du réseau interne : donnez l’adresse publique "
            "du dépôt (par exemple https://github.com/organisation/projet.git)."
        )
    return url


def _internal_host(hostname: str) -> bool:
    """`localhost` or an IP address that is not public (loopback, private, link-local…): the
    check would otherwise reach the server's own network."""
    if hostname.lower() == "localhost" or hostname.lower().endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return not address.is_global


def _local_refused() -> str:
    return (
        "Les dépôts locaux ne sont pas acceptés : donnez l’adresse https publique du dépôt "
        "(par exemple https://github.com/organisation/projet.git)."
    )


def git_environment(*, allow_local: bool) -> dict[str, str]:
    """The environment of every git command: no prompt, no user or system configuration, only
    the accepted transports."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/nonexistent",
        "LANG": "C",
        "LC_ALL": "C",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "/bin/false",
        "SSH_ASKPASS": "/bin/false",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_ALLOW_PROTOCOL": ":".join(ALLOWED_SCHEMES + (LOCAL_SCHEMES if allow_local else ())),
        "GIT_LFS_SKIP_SMUDGE": "1",
    }


def directory_size(path: Path) -> int:
    """The bytes of the files under `path` (links not followed)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def clone(
    url: str,
    dest: Path,
    *,
    timeout: float,
    max_bytes: int,
    allow_local: bool = False,
    poll: float = 0.1,
) -> None:
    """Copy the repository's last commit into `dest` (which must not exist yet).

    Raises `CloneError` when the address is refused or is not a git repository, when the copy
    takes more than `timeout` seconds or grows over `max_bytes`; `dest` is then removed.
    """
    source = clone_source(url, allow_local=allow_local)
    dest = Path(dest)
    command = [
        "git",
        "-c",
        "core.hooksPath=/dev/null",
        "-c",
        "protocol.allow=never",
        *[
            arg
            for scheme in ALLOWED_SCHEMES + (LOCAL_SCHEMES if allow_local else ())
            for arg in ("-c", f"protocol.{scheme}.allow=always")
        ],
        "clone",
        "--depth",
        "1",
        "--no-tags",
        "--single-branch",
        "--no-recurse-submodules",
        "--template=",
        "--quiet",
        "--",
        source,
        str(dest),
    ]
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - fixed command, the address checked above
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=git_environment(allow_local=allow_local),
        start_new_session=True,
    )
    problem = ""
    try:
        while process.poll() is None:
            if time.monotonic() - started > timeout:
                problem = (
                    f"La copie du dépôt a dépassé le temps permis ({timeout:g} s) et a été "
                    "arrêtée. Vérifiez que l’adresse répond, ou réessayez plus tard."
                )
                break
            if dest.exists() and directory_size(dest) > max_bytes:
                problem = _too_large(max_bytes)
                break
            time.sleep(poll)
    finally:
        if process.poll() is None:
            _kill(process)
    stderr = (process.stderr.read() if process.stderr else b"").decode("utf-8", "replace")
    if process.stderr:
        process.stderr.close()
    if not problem and process.returncode != 0:
        problem = _clone_failure(stderr)
    if not problem and directory_size(dest) > max_bytes:
        problem = _too_large(max_bytes)
    if problem:
        shutil.rmtree(dest, ignore_errors=True)
        raise CloneError(problem)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop git and what it started (upload-pack, remote helpers)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _too_large(max_bytes: int) -> str:
    megabytes = max_bytes / (1024 * 1024)
    return (
        f"Le dépôt dépasse la taille permise ({megabytes:.1f} Mo pour la dernière version) : la "
        "copie a été arrêtée. Retirez les gros fichiers du dépôt (ou servez-les avec Git LFS)."
    )


def _clone_failure(stderr: str) -> str:
    lowered = stderr.lower()
    if (
        "not found" in lowered
        or "does not appear to be a git repository" in lowered
        or ("not valid" in lowered)
    ):
        reason = "aucun dépôt git n’a été trouvé à cette adresse"
    elif "could not resolve host" in lowered or "couldn't resolve" in lowered:
        reason = "le serveur de cette adresse est introuvable"
    elif "authentication" in lowered or "could not read username" in lowered or "403" in lowered:
        reason = "ce dépôt demande une authentification (il n’est pas public)"
    elif "transport" in lowered and "not allowed" in lowered:
        reason = "ce type d’adresse n’est pas accepté"
    else:
        reason = "git n’a pas pu le copier"
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    first = next((line for line in lines if line.startswith("fatal:")), lines[0] if lines else "")
    detail = f" (git : « {first[:300]} »)" if first else ""
    return (
        f"Le dépôt n’a pas pu être copié : {reason}{detail}. Vérifiez l’adresse de clonage "
        "(celle du bouton « Cloner » de la forge, en https) et que le dépôt est public."
    )


def last_commit_at(path: Path) -> datetime.datetime | None:
    """The committer date of the working copy's last commit (`git log -1 --format=%cI`)."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cI"],  # noqa: S607 - git from PATH, as for the clone
            cwd=path,
            capture_output=True,
            text=True,
            timeout=30,
            env=git_environment(allow_local=False) | {"GIT_CEILING_DIRECTORIES": str(path.parent)},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = result.stdout.strip()
    if result.returncode != 0 or not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None


# --- The criteria ---------------------------------------------------------------------------


def normalise_spdx(identifier: str) -> str:
    """`GPL-3.0-or-later` → `GPL-3.0`; identifiers compared case-insensitively."""
    value = identifier.strip().rstrip("+")
    for suffix in ("-or-later", "-only"):
        if value.lower().endswith(suffix):
            value = value[: -len(suffix)]
    for known in [*ACCEPTED_LICENCES, *(spdx for spdx, _ in LICENCE_PHRASES)]:
        if known.lower() == value.lower():
            return known
    return value


def licence_of_text(text: str) -> str:
    """The SPDX identifier of a licence text: its `SPDX-License-Identifier` line, else its
    distinctive phrases; "" when not recognised."""
    found = SPDX_LINE.search(text)
    if found:
        return normalise_spdx(found.group(1))
    flat = " ".join(text.lower().split())
    for spdx, phrases in LICENCE_PHRASES:
        if all(phrase in flat for phrase in phrases):
            return spdx
    return ""


def _read(path: Path, limit: int = 256 * 1024) -> str:
    """The start of a file of the copy; a symbolic link is not followed (it could point outside)."""
    if path.is_symlink():
        return ""
    try:
        with path.open("rb") as handle:
            return handle.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


def _root_files(path: Path, pattern: re.Pattern[str]) -> list[Path]:
    return sorted(
        entry for entry in path.iterdir() if entry.is_file() and pattern.match(entry.name)
    )


def licence_criterion(path: Path) -> tuple[Criterion, str]:
    """A licence file, recognised, among the licences the French administration accepts."""
    label = "Licence libre reconnue"
    files = _root_files(path, LICENCE_NAMES)
    if (path / "LICENSES").is_dir():  # REUSE layout: LICENSES/<SPDX>.txt
        files += sorted(p for p in (path / "LICENSES").iterdir() if p.is_file())
    accepted = ", ".join(ACCEPTED_LICENCES)
    if not files:
        return (
            Criterion(
                "licence",
                label,
                False,
                "Aucun fichier de licence (LICENSE, LICENCE, COPYING) à la racine du dépôt.",
                "Ajoutez à la racine un fichier LICENSE contenant le texte complet d’une licence "
                f"acceptée par l’administration ({accepted}).",
            ),
            "",
        )
    spdx = ""
    for file in files:
        spdx = licence_of_text(_read(file))
        if not spdx and file.parent.name == "LICENSES":
            spdx = normalise_spdx(file.stem)
        if spdx:
            break
    names = ", ".join(str(file.relative_to(path)) for file in files)
    if not spdx:
        return (
            Criterion(
                "licence",
                label,
                False,
                f"Le fichier {names} ne contient pas une licence reconnue.",
                "Copiez le texte officiel de la licence sans le modifier, ou commencez le fichier "
                "par une ligne « SPDX-License-Identifier: <identifiant> » "
                f"(par exemple SPDX-License-Identifier: MIT). Licences acceptées : {accepted}.",
            ),
            "",
        )
    if spdx not in ACCEPTED_LICENCES:
        return (
            Criterion(
                "licence",
                label,
                False,
                f"La licence trouvée ({spdx}) n’est pas une des licences libres acceptées par "
                "l’administration.",
                f"Publiez le code sous une licence de la liste officielle : {accepted}.",
            ),
            spdx,
        )
    return (
        Criterion(
            "licence",
            label,
            True,
            f"Licence {spdx} ({ACCEPTED_LICENCES[spdx]}) trouvée dans {names}.",
        ),
        spdx,
    )


def readme_criterion(path: Path) -> Criterion:
    files = _root_files(path, README_NAMES)
    if files:
        return Criterion("readme", "README", True, f"Trouvé : {files[0].name}.")
    return Criterion(
        "readme",
        "README",
        False,
        "Aucun fichier README à la racine du dépôt.",
        "Ajoutez un README.md qui dit à quoi sert le service, comment l’installer et le lancer, "
        "et qui contacter.",
    )


def contributing_criterion(path: Path) -> Criterion:
    label = "Guide de contribution"
    for folder in (path, path / ".github", path / "docs"):
        if folder.is_dir():
            files = _root_files(folder, CONTRIBUTING_NAMES)
            if files:
                return Criterion(
                    "contributing", label, True, f"Trouvé : {files[0].relative_to(path)}."
                )
    return Criterion(
        "contributing",
        label,
        False,
        "Aucun fichier CONTRIBUTING (à la racine, dans .github/ ou docs/).",
        "Ajoutez un CONTRIBUTING.md qui explique comment signaler un problème, proposer une "
        "modification et lancer les tests.",
    )


def _get(data: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _filled(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        return True
    return bool(value)


def validate_publiccode(data: Any) -> list[str]:
    """What is missing or wrong in a publiccode.yml (the standard's required keys), in French;
    an empty list when it is valid."""
    if not isinstance(data, dict):
        return ["le fichier ne contient pas un dictionnaire YAML"]
    problems: list[str] = [
        f"{key} manque"
        for key in ("publiccodeYmlVersion", "name", "url", "legal.license", "maintenance.type")
        if not _filled(_get(data, key))
    ]
    for key in ("platforms", "categories", "localisation.availableLanguages"):
        value = _get(data, key)
        if not isinstance(value, list) or not value:
            problems.append(f"{key} manque (une liste non vide)")
    status = _get(data, "developmentStatus")
    if status not in DEVELOPMENT_STATUSES:
        problems.append(
            f"developmentStatus manque ou n’est pas une des valeurs {', '.join(DEVELOPMENT_STATUSES)}"
        )
    software = _get(data, "softwareType")
    if software not in SOFTWARE_TYPES:
        problems.append(
            f"softwareType manque ou n’est pas une des valeurs {', '.join(SOFTWARE_TYPES)}"
        )
    if not isinstance(_get(data, "localisation.localisationReady"), bool):
        problems.append("localisation.localisationReady manque (true ou false)")
    maintenance = _get(data, "maintenance.type")
    if maintenance and maintenance not in MAINTENANCE_TYPES:
        problems.append(
            f"maintenance.type n’est pas une des valeurs {', '.join(MAINTENANCE_TYPES)}"
        )
    if maintenance in ("internal", "community"):
        contacts = _get(data, "maintenance.contacts")
        if not isinstance(contacts, list) or not contacts:
            problems.append("maintenance.contacts manque (au moins un contact)")
    descriptions = _get(data, "description")
    if not isinstance(descriptions, dict) or not descriptions:
        problems.append("description manque (au moins une langue, par exemple description.fr)")
    else:
        for lang, description in sorted(descriptions.items()):
            problems.extend(
                f"description.{lang}.{key} manque"
                for key in ("shortDescription", "longDescription")
                if not _filled(_get(description, key))
            )
            features = _get(description, "features")
            if not isinstance(features, list) or not features:
                problems.append(f"description.{lang}.features manque (une liste non vide)")
    return problems


def publiccode_criterion(path: Path) -> Criterion:
    label = "publiccode.yml valide"
    fix_missing = (
        "Ajoutez à la racine un fichier publiccode.yml (modèle et éditeur : "
        "https://publiccode.net/ et https://code.gouv.fr/) décrivant le logiciel."
    )
    file = next(
        (path / name for name in ("publiccode.yml", "publiccode.yaml") if (path / name).is_file()),
        None,
    )
    if file is None:
        return Criterion(
            "publiccode", label, False, "Aucun fichier publiccode.yml à la racine.", fix_missing
        )
    try:
        data = yaml.safe_load(_read(file))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (ligne {mark.line + 1})" if mark is not None else ""
        return Criterion(
            "publiccode",
            label,
            False,
            f"{file.name} n’est pas un YAML valide{where}.",
            "Corrigez la syntaxe YAML du fichier (indentation, deux-points, guillemets).",
        )
    problems = validate_publiccode(data)
    if problems:
        return Criterion(
            "publiccode",
            label,
            False,
            f"{file.name} est incomplet : " + " ; ".join(problems) + ".",
            "Complétez les clés obligatoires du standard publiccode.yml listées ci-dessus.",
        )
    return Criterion("publiccode", label, True, f"{file.name} contient les clés obligatoires.")


def last_commit_criterion(
    commit_at: datetime.datetime | None, *, now: datetime.datetime, stale_days: int
) -> Criterion:
    label = "Activité récente"
    if commit_at is None:
        return Criterion(
            "last_commit",
            label,
            False,
            "La date du dernier commit n’a pas pu être lue.",
            "Vérifiez que la branche par défaut du dépôt contient au moins un commit.",
        )
    age = (now - commit_at).days
    when = commit_at.date().isoformat()
    if age > stale_days:
        return Criterion(
            "last_commit",
            label,
            False,
            f"Dernier commit le {when}, il y a {age} jours (plus de {stale_days} jours).",
            "Si le service vit encore, publiez ses dernières modifications ; sinon, indiquez "
            "dans le README et publiccode.yml (developmentStatus: obsolete) qu’il n’est plus "
            "maintenu.",
        )
    return Criterion("last_commit", label, True, f"Dernier commit le {when}.")


def _walk(path: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    seen = 0
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        seen += len(files)
        yield root, dirs, files
        if seen > WALK_LIMIT:
            return


def tests_criterion(path: Path) -> Criterion:
    label = "Tests automatisés"
    for root, dirs, files in _walk(path):
        for name in dirs:
            if name.lower() in TEST_DIRS:
                found = Path(root, name).relative_to(path)
                return Criterion("tests", label, True, f"Dossier de tests trouvé : {found}/.")
        for name in sorted(files):
            if TEST_FILES.match(name):
                found = Path(root, name).relative_to(path)
                return Criterion("tests", label, True, f"Fichier de tests trouvé : {found}.")
    return Criterion(
        "tests",
        label,
        False,
        "Aucun dossier tests/ ni fichier de test (test_*.py, *_test.go, *.test.js…).",
        "Ajoutez des tests automatisés dans un dossier tests/, même quelques-uns pour commencer.",
    )


def ci_criterion(path: Path) -> Criterion:
    label = "Intégration continue"
    for relative in CI_PATHS:
        candidate = path / relative
        if candidate.is_file() or (candidate.is_dir() and any(candidate.iterdir())):
            return Criterion("ci", label, True, f"Configuration trouvée : {relative}.")
    return Criterion(
        "ci",
        label,
        False,
        "Aucune configuration d’intégration continue (.github/workflows/, .gitlab-ci.yml, "
        ".woodpecker.yml…).",
        "Ajoutez une configuration qui lance les tests à chaque modification (GitHub Actions, "
        "GitLab CI, Woodpecker…).",
    )


def inspect(
    path: Path, *, now: datetime.datetime | None = None, stale_days: int = 365
) -> Inspection:
    """Every criterion for the working copy at `path`, the licence found and the last commit."""
    path = Path(path)
    now = now or datetime.datetime.now(datetime.UTC)
    licence, spdx = licence_criterion(path)
    commit_at = last_commit_at(path)
    criteria = [
        licence,
        readme_criterion(path),
        contributing_criterion(path),
        publiccode_criterion(path),
        last_commit_criterion(commit_at, now=now, stale_days=stale_days),
        tests_criterion(path),
        ci_criterion(path),
    ]
    return Inspection(criteria=criteria, licence=spdx, last_commit_at=commit_at)


def check(
    path: Path, *, now: datetime.datetime | None = None, stale_days: int = 365
) -> list[Criterion]:
    """The criteria of the health check for the working copy at `path`."""
    return inspect(path, now=now, stale_days=stale_days).criteria

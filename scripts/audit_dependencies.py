"""Audit the pinned dependencies for known vulnerabilities with pip-audit, and say what it could not check.

    .venv/bin/python scripts/audit_dependencies.py [--strict]

Runs `pip-audit -r requirements/lock.txt --no-deps` against PyPI's advisory data (the OSV database behind
it) and reads its JSON report. Exit 1 when a pinned package has a known vulnerability that is not
justified in `docs/security/audit-exceptions.toml` (each exception: the advisory's id, the package,
why it does not apply or what mitigates it, and until when). A package that could not be checked (the
advisory service unreachable, as on a machine whose package mirror does not serve PyPI's per-release
JSON) is listed with the reason; with --strict (or MAGELLAN_AUDIT_STRICT=1) that fails too.
"""

import argparse
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
EXCEPTIONS = ROOT / "docs" / "security" / "audit-exceptions.toml"


def load_exceptions(path: Path = EXCEPTIONS) -> dict[str, dict[str, str]]:
    """The justified advisories, by id; each needs a package, a reason and an end date."""
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("exception", [])
    justified: dict[str, dict[str, str]] = {}
    for entry in entries:
        missing = [key for key in ("id", "package", "reason", "until") if not entry.get(key)]
        if missing:
            raise SystemExit(f"{path}: an exception lacks {', '.join(missing)}: {entry}")
        justified[entry["id"]] = entry
    return justified


def run_pip_audit() -> dict[str, Any]:
    """pip-audit's JSON report for the lock file (never installs anything)."""
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "-r",
        str(LOCK),
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if not done.stdout.strip():
        raise SystemExit(f"pip-audit gave no report (exit {done.returncode}):\n{done.stderr}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def summarise(
    report: dict[str, Any], justified: dict[str, dict[str, str]]
) -> tuple[list[str], list[str], list[str], int]:
    """(unjustified findings, justified findings, packages not checked, packages checked)."""
    findings: list[str] = []
    accepted: list[str] = []
    skipped: list[str] = []
    checked = 0
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']} {dependency.get('version', '')}".strip()
        if dependency.get("skip_reason"):
            skipped.append(f"{name}: {dependency['skip_reason']}")
            continue
        checked += 1
        for vulnerability in dependency.get("vulns", []):
            ids = [vulnerability["id"], *vulnerability.get("aliases", [])]
            line = f"{name}: {vulnerability['id']} (fixed in {', '.join(vulnerability.get('fix_versions', [])) or '—'})"
            if any(identifier in justified for identifier in ids):
                accepted.append(line)
            else:
                findings.append(line)
    return findings, accepted, skipped, checked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail when a package was not checked")
    args = parser.parse_args()
    strict = args.strict or os.environ.get("MAGELLAN_AUDIT_STRICT") == "1"
    findings, accepted, skipped, checked = summarise(run_pip_audit(), load_exceptions())
    total = checked + len(skipped)
    print(f"pip-audit: {checked} of {total} pinned packages checked against the advisory database")
    for line in accepted:
        print(f"  justified (docs/security/audit-exceptions.toml): {line}")
    for line in findings:
        print(f"  VULNERABLE: {line}")
    if skipped:
        print(f"  {len(skipped)} not checked; the first: {skipped[0]}")
    if findings:
        print(
            "Known vulnerabilities: upgrade the package in pyproject.toml and requirements/lock.txt,"
        )
        print("or justify the advisory in docs/security/audit-exceptions.toml.")
        return 1
    if skipped and strict:
        print("Strict mode: every package must be checked.")
        return 1
    if skipped:
        print(
            "WARNING: the advisory service did not answer for these packages; nothing is known about "
            "them from this run (MAGELLAN_AUDIT_STRICT=1 makes this an error)."
        )
    else:
        print("No known vulnerability.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

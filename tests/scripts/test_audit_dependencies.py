"""scripts/audit_dependencies.py: findings fail unless justified; unchecked packages are said."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit_dependencies.py")
assert spec is not None
audit = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(audit)

REPORT = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {
            "name": "somepkg",
            "version": "1.0",
            "vulns": [{"id": "PYSEC-1", "aliases": ["CVE-1"], "fix_versions": ["1.1"]}],
        },
        {
            "name": "otherpkg",
            "version": "2.0",
            "vulns": [{"id": "GHSA-2", "aliases": [], "fix_versions": []}],
        },
        {"name": "lost", "skip_reason": "Dependency not found on PyPI"},
    ]
}


def test_summary_separates_findings_justified_and_unchecked() -> None:
    findings, accepted, skipped, checked = audit.summarise(
        REPORT, {"CVE-1": {"id": "CVE-1", "package": "somepkg", "reason": "r", "until": "x"}}
    )
    assert findings == ["otherpkg 2.0: GHSA-2 (fixed in —)"]
    assert accepted == ["somepkg 1.0: PYSEC-1 (fixed in 1.1)"]
    assert skipped == ["lost: Dependency not found on PyPI"]
    assert checked == 3


def test_an_exception_without_its_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "exceptions.toml"
    path.write_text('[[exception]]\nid = "GHSA-2"\npackage = "otherpkg"\nuntil = "2027-01-01"\n')
    with pytest.raises(SystemExit, match="lacks reason"):
        audit.load_exceptions(path)


def test_the_shipped_exceptions_file_is_valid() -> None:
    assert audit.load_exceptions() == {}

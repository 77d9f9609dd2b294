import csv
import io
import subprocess
import sys

import pytest

from magellan.engine.cli import main

PEOPLE = """id,profession,administration,gender,challenge
a,dev,DINUM,f,c1
b,dev,DINUM,m,c1
c,data,Insee,f,c2
d,data,Insee,m,c2
e,design,DINUM,f,c3
f,dev,Insee,m,c3
g,data,MinArm,f,c4
h,design,MinArm,m,c4
i,dev,MinArm,f,c5
j,data,DINUM,m,c5
k,design,Insee,m,c6
l,dev,DINUM,f,c6
"""


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def people_csv(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE)
    return path


def _rows(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def test_groups_writes_id_session_group_and_a_summary(people_csv, tmp_path):
    out_csv = tmp_path / "groups.csv"

    code, out, err = run(
        [
            "groups",
            str(people_csv),
            "--size",
            "4",
            "--by",
            "profession:3",
            "--by",
            "gender",
            "--apart",
            "challenge",
            "--sessions",
            "2",
            "--iterations",
            "20",
            "--out",
            str(out_csv),
        ]
    )

    assert (code, err) == (0, "")
    rows = _rows(out_csv)
    assert len(rows) == 24
    assert {r["session"] for r in rows} == {"0", "1"}
    assert {r["group"] for r in rows} == {"1", "2", "3"}
    assert "Same-category pairs (weighted)" in out
    assert "Repeated encounters: 3" in out


def test_history_chains_runs(people_csv, tmp_path):
    first, second = tmp_path / "s0.csv", tmp_path / "s1.csv"
    base = ["groups", str(people_csv), "--groups", "3", "--iterations", "5", "--quiet"]

    assert run([*base, "--out", str(first)])[0] == 0
    code, _, _ = run([*base, "--history", str(first), "--out", str(second)])

    assert code == 0
    before = {r["id"]: r["group"] for r in _rows(first)}
    after = {r["id"]: r["group"] for r in _rows(second)}
    assert {r["session"] for r in _rows(second)} == {"1"}
    again = [
        (x, y)
        for x in before
        for y in before
        if x < y and before[x] == before[y] and after[x] == after[y]
    ]
    assert len(again) == 3  # each new group of 4 draws on 3 old groups: one pair must meet again


def test_peers_subcommand(people_csv):
    code, out, _ = run(["peers", str(people_csv), "--size", "2", "--iterations", "3"])

    assert code == 0
    assert "dev 1" in out
    assert "design 1" in out


def test_mdgp_subcommand(tmp_path):
    instance = tmp_path / "tiny.txt"
    instance.write_text("4 2 ss 2 2 2 2\n0 1 1\n0 2 9\n0 3 9\n1 2 9\n1 3 9\n2 3 1\n")
    solution = tmp_path / "sol.txt"

    code, out, _ = run(
        ["mdgp", str(instance), "--iterations", "3", "--out", str(solution), "--quiet"]
    )

    assert code == 0
    assert out == "18.000000\n"
    assert len(solution.read_text().split()) == 4


@pytest.mark.parametrize(
    ("content", "argv", "message"),
    [
        ("", [], "is empty"),
        ("name,profession\nx,dev\n", [], "has no 'id' column"),
        ("id,profession\nx,dev\nx,data\n", [], "duplicate id 'x' (lines 2 and 3)"),
        (PEOPLE, ["--by", "age"], "has no 'age' column"),
        (PEOPLE, ["--groups", "5", "--min", "3", "--max", "3"], "cannot fill 5 groups"),
        (PEOPLE, ["--apart", "challenge", "--groups", "1"], "has 2 people to keep apart"),
        (PEOPLE, ["--together", "a,b", "--apart", "challenge"], "must be together but share"),
        (PEOPLE, ["--pin", "a"], "write ID:GROUP"),
    ],
    ids=[
        "empty-file",
        "missing-id",
        "duplicate-id",
        "missing-column",
        "impossible-sizes",
        "apart-vs-groups",
        "contradiction",
        "bad-pin",
    ],
)
def test_bad_input_gets_one_line_and_status_2(tmp_path, content, argv, message):
    path = tmp_path / "people.csv"
    path.write_text(content)
    argv = ["groups", str(path), *argv]
    if "--groups" not in argv:
        argv += ["--size", "4"]

    code, out, err = run([*argv, "--iterations", "2"])

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_module_entry_point_reports_usage_errors_without_traceback(tmp_path):
    proc = subprocess.run(  # noqa: S603 - fixed argv: this interpreter and our own module
        [
            sys.executable,
            "-m",
            "magellan.engine",
            "groups",
            str(tmp_path / "missing.csv"),
            "--size",
            "3",
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_mdgp_bad_instance_gets_one_line_and_status_2(tmp_path):
    instance = tmp_path / "broken.txt"
    instance.write_text("not an instance\n")

    code, out, err = run(["mdgp", str(instance), "--iterations", "1"])

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "bad header" in err

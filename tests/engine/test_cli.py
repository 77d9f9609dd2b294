import csv
import io
import json
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


MATCH_INSTANCE = {
    "needs": ["n1", "n2", "n3", "n4"],
    "mentors": [
        {"id": "m1", "capacity": 1},
        {"id": "m2", "capacity": 2},
        {"id": "m3", "capacity": 0},
    ],
    "scores": [
        ["n1", "m1", 10],
        ["n1", "m2", 4.5],
        ["n2", "m1", 8],
        ["n2", "m2", -1],
        ["n3", "m2", 3],
        ["n3", "m3", 50],
    ],
    "pins": [["n2", "m1"]],
    "exclusions": [["n3", "m2"]],
}


def _write_json(tmp_path, data, name="instance.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_match_writes_the_result_file_and_a_summary(tmp_path):
    instance = _write_json(tmp_path, MATCH_INSTANCE)
    result = tmp_path / "result.json"

    code, out, err = run(["match", str(instance), "--out", str(result)])

    assert (code, err) == (0, "")
    # n2 is pinned to m1 (its only place), so n1 goes to m2; n3's only scored mentor with room
    # is excluded (m2) or full (m3); n4 has no score at all.
    assert json.loads(result.read_text()) == {
        "assignment": [["n1", "m2"], ["n2", "m1"]],
        "unmatched": ["n3", "n4"],
        "objective": 12.5,
    }
    assert "2 matched, 2 unmatched" in out
    assert "unmatched n3: all allowed mentors at capacity" in out
    assert "unmatched n4: no allowed mentor" in out


def test_match_without_out_prints_the_result_json(tmp_path):
    data = {"needs": ["n1"], "mentors": [{"id": "m1", "capacity": 1}], "scores": [["n1", "m1", 2]]}
    instance = _write_json(tmp_path, data)

    code, out, err = run(["match", str(instance), "--quiet"])

    assert (code, err) == (0, "")
    assert json.loads(out) == {"assignment": [["n1", "m1"]], "unmatched": [], "objective": 2.0}


def test_match_through_the_module_entry_point(tmp_path):
    instance = _write_json(tmp_path, MATCH_INSTANCE)
    result = tmp_path / "result.json"

    proc = subprocess.run(  # noqa: S603 - fixed argv: this interpreter and our own module
        [sys.executable, "-m", "magellan.engine", "match", str(instance), "--out", str(result)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert proc.returncode == 0, proc.stderr
    assert json.loads(result.read_text())["objective"] == 12.5


def _with(**changes):
    data = json.loads(json.dumps(MATCH_INSTANCE))
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not valid JSON: Expecting value (line 1, column 1)"),
        ('{"needs": ["n1"],', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        (_with(exclusion=[]), 'unknown key "exclusion"'),
        ({"needs": [], "mentors": []}, '"scores" is missing'),
        (_with(needs="n1 n2"), '"needs" must be a list of non-empty strings'),
        (_with(needs=["n1", ""]), '"needs" must be a list of non-empty strings'),
        (_with(mentors=[{"id": "m1"}]), '"mentors"[0]: write {"id": "m1", "capacity": 2}'),
        (_with(mentors=[{"id": 7, "capacity": 1}]), '"mentors"[0]: the id must be'),
        (
            _with(mentors=[{"id": "m1", "capacity": -1}, {"id": "m2", "capacity": 2}]),
            "mentor 'm1': negative capacity -1",
        ),
        (
            _with(mentors=[{"id": "m1", "capacity": 1.5}, {"id": "m2", "capacity": 2}]),
            "mentor 'm1': the capacity must be a whole number, not 1.5",
        ),
        (
            _with(scores=[["n1", "m1", "12"]]),
            'the score of (n1, m1) must be a finite number, not "12"',
        ),
        (
            '{"needs": ["n1"], "mentors": [{"id": "m1", "capacity": 1}], '
            '"scores": [["n1", "m1", NaN]]}',
            "NaN is not a number JSON allows",
        ),
        (
            '{"needs": ["n1"], "mentors": [{"id": "m1", "capacity": 1}], '
            '"scores": [["n1", "m1", 1e999]]}',
            "the score of (n1, m1) must be a finite number, not Infinity",
        ),
        (_with(scores=[["n1", "m1"]]), '"scores"[0]: write ["need", "mentor", score]'),
        (_with(scores=[["n1", "m1", 1], ["n1", "m1", 2]]), "(n1, m1) is scored twice"),
        (_with(scores=[["n9", "m1", 1]]), "unknown need 'n9'"),
        (_with(scores=[["n1", "m9", 1]]), "unknown mentor 'm9'"),
        (_with(pins=[["n1", "m9"]]), "pin ('n1', 'm9'): unknown mentor 'm9'"),
        (_with(pins=[["n4", "m1"]]), "pin ('n4', 'm1'): the pair is forbidden"),
        (_with(pins="n1:m1"), '"pins" must be a list'),
        (_with(exclusions=[["n1"]]), '"exclusions"[0]: write ["need", "mentor"]'),
        (_with(needs=["n1", "n1", "n2", "n3", "n4"]), "duplicate need id 'n1'"),
    ],
    ids=[
        "empty-file",
        "truncated-json",
        "not-an-object",
        "unknown-key",
        "missing-scores",
        "needs-not-a-list",
        "empty-need-id",
        "mentor-without-capacity",
        "mentor-id-not-a-string",
        "negative-capacity",
        "fractional-capacity",
        "score-not-a-number",
        "score-nan",
        "score-infinite",
        "score-without-value",
        "score-twice",
        "unknown-need",
        "unknown-mentor",
        "pin-unknown-mentor",
        "pin-forbidden-pair",
        "pins-not-a-list",
        "exclusion-half-pair",
        "duplicate-need",
    ],
)
def test_match_bad_input_gets_one_line_and_status_2(tmp_path, content, message):
    instance = _write_json(tmp_path, content)
    result = tmp_path / "result.json"

    code, out, err = run(["match", str(instance), "--out", str(result)])

    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"python -m magellan.engine: error: {instance}: ")
    assert message in err
    assert not result.exists()


def test_match_missing_file_gets_one_line_and_status_2(tmp_path):
    code, out, err = run(["match", str(tmp_path / "missing.json")])

    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "cannot read" in err

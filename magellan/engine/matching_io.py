"""The JSON files of ``python -m magellan.engine match`` (see docs/engine.md).

Instance: ``{"needs": ["n1", ...], "mentors": [{"id": "m1", "capacity": 2}, ...],
"scores": [["n1", "m1", 12.5], ...], "pins": [["n1", "m1"]], "exclusions": [["n2", "m1"]]}``,
pins and exclusions optional. Result: ``{"assignment": [["n1", "m1"], ...], "unmatched":
["n7", ...], "objective": 123.4}``.
"""

from __future__ import annotations

import json
import math
from typing import Any

from magellan.engine.matching import MatchingProblem, MatchingResult, Mentor

KEYS = ("needs", "mentors", "scores", "pins", "exclusions")


class MatchingFormatError(ValueError):
    """The instance is not in the format above; the message says where, on one line."""


def _reject_constant(name: str) -> float:
    raise MatchingFormatError(f"{name} is not a number JSON allows")


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _pairs(data: dict[str, Any], key: str, width: int) -> list[list[Any]]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise MatchingFormatError(f'"{key}" must be a list, not {_show(items)}')
    shape = '["need", "mentor", score]' if width == 3 else '["need", "mentor"]'
    for index, item in enumerate(items):
        if not isinstance(item, list) or len(item) != width:
            raise MatchingFormatError(f'"{key}"[{index}]: write {shape}, not {_show(item)}')
        if not _is_id(item[0]) or not _is_id(item[1]):
            raise MatchingFormatError(
                f'"{key}"[{index}]: the need and the mentor are non-empty strings, not {_show(item)}'
            )
    return items


def problem_from_json(text: str) -> MatchingProblem:
    """Parse and check an instance; raises MatchingFormatError with a one-line reason."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise MatchingFormatError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(data, dict):
        raise MatchingFormatError("the instance must be a JSON object with needs, mentors, scores")
    unknown = [key for key in data if key not in KEYS]
    if unknown:
        raise MatchingFormatError(
            f"unknown key {_show(unknown[0])} (the keys are {', '.join(KEYS)})"
        )
    for key in ("needs", "mentors", "scores"):
        if key not in data:
            raise MatchingFormatError(f'"{key}" is missing')
    needs = data["needs"]
    if not isinstance(needs, list) or not all(_is_id(n) for n in needs):
        raise MatchingFormatError('"needs" must be a list of non-empty strings')
    mentors = data["mentors"]
    if not isinstance(mentors, list):
        raise MatchingFormatError('"mentors" must be a list of {"id": ..., "capacity": ...}')
    for index, mentor in enumerate(mentors):
        if not isinstance(mentor, dict) or set(mentor) != {"id", "capacity"}:
            raise MatchingFormatError(
                f'"mentors"[{index}]: write {{"id": "m1", "capacity": 2}}, not {_show(mentor)}'
            )
        if not _is_id(mentor["id"]):
            raise MatchingFormatError(f'"mentors"[{index}]: the id must be a non-empty string')
    scores: dict[tuple[str, str], float] = {}
    for index, (need, mentor, score) in enumerate(_pairs(data, "scores", 3)):
        if (
            isinstance(score, bool)
            or not isinstance(score, int | float)
            or not math.isfinite(score)
        ):
            raise MatchingFormatError(
                f'"scores"[{index}]: the score of ({need}, {mentor}) must be a finite number, '
                f"not {_show(score)}"
            )
        if (need, mentor) in scores:
            raise MatchingFormatError(f'"scores"[{index}]: ({need}, {mentor}) is scored twice')
        scores[(need, mentor)] = float(score)
    pins = [(n, m) for n, m in _pairs(data, "pins", 2)]
    exclusions = [(n, m) for n, m in _pairs(data, "exclusions", 2)]
    try:
        return MatchingProblem(
            needs=tuple(needs),
            mentors=tuple(Mentor(m["id"], m["capacity"]) for m in mentors),
            scores=scores,
            pins=tuple(pins),
            exclusions=frozenset(exclusions),
        )
    except ValueError as error:
        raise MatchingFormatError(str(error)) from None


def result_to_json(result: MatchingResult) -> str:
    """The result file: assignment in the order of the needs (a pair per line), unmatched, objective."""
    pairs = ",\n".join(
        "    " + json.dumps([m.need, m.mentor], ensure_ascii=False) for m in result.assignment
    )
    unmatched = json.dumps([u.need for u in result.unmatched], ensure_ascii=False)
    return (
        '{\n  "assignment": ['
        + (f"\n{pairs}\n  " if pairs else "")
        + f'],\n  "unmatched": {unmatched},\n  "objective": {json.dumps(result.objective)}\n}}\n'
    )

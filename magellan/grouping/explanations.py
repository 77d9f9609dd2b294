"""What a coach reads about a grouping: each group's mix, who meets someone new, who met before.

Built from `services.evaluate_grouping` (the scores recomputed from the members as they stand), so
that the page says in words what the numbers behind its "Détails" say.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from magellan.directory.models import Person, Profession

from . import services
from .models import Group, Grouping, GroupingKind
from .problems import Participant
from .scoring import Evaluation, GroupScore, Verdict, verdict

PROFESSIONS = dict(Profession.choices)


@dataclass(frozen=True)
class MemberLine:
    person: Person
    participant: Participant | None
    new: int  # group-mates this person never met


@dataclass(frozen=True)
class MetBefore:
    """Two group-mates who have already been in a group together, and how many times."""

    first: Person
    second: Person
    times: int


@dataclass(frozen=True)
class GroupExplanation:
    group: Group
    members: tuple[MemberLine, ...]
    professions: tuple[tuple[str, int], ...]
    administrations: tuple[tuple[str, int], ...]
    challenges: int
    meeting_someone_new: int
    met_before: tuple[MetBefore, ...]
    # What this group fails to mix: "profession", "administration", "challenge" (two of one).
    unmixed: tuple[str, ...]
    violations: tuple[dict[str, Any], ...] = field(default=())

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Explanation:
    evaluation: Evaluation
    kind: str
    groups: tuple[GroupExplanation, ...]
    verdict: Verdict

    @property
    def people(self) -> int:
        return sum(g.size for g in self.groups)

    @property
    def meeting_someone_new(self) -> int:
        return sum(g.meeting_someone_new for g in self.groups)

    @property
    def everyone_meets_someone_new(self) -> bool:
        return self.meeting_someone_new == self.people

    @property
    def unmixed_groups(self) -> tuple[GroupExplanation, ...]:
        return tuple(g for g in self.groups if g.unmixed)

    @property
    def met_before(self) -> int:
        return sum(len(g.met_before) for g in self.groups)


def _unmixed(kind: str, score: GroupScore) -> tuple[str, ...]:
    """What a group of two or more does not mix: one profession (sharing groups only), one
    administration, two members of one challenge."""
    if score.size < 2:
        return ()
    missing = []
    professions = score.counts.get("profession", {})
    if kind != GroupingKind.PEER and len(professions) == 1 and sum(professions.values()) > 1:
        missing.append("profession")
    administrations = score.counts.get("administration", {})
    if len(administrations) == 1 and sum(administrations.values()) > 1:
        missing.append("administration")
    if any(count > 1 for count in score.counts.get("challenge", {}).values()):
        missing.append("challenge")
    return tuple(missing)


def _group(
    kind: str, group: Group, score: GroupScore | None, participants: dict[str, Participant]
) -> GroupExplanation:
    members = list(group.members.all())
    people = {str(m.person_id): m.person for m in members}
    if score is None:  # a group emptied by moves: nothing to say about it
        return GroupExplanation(group, (), (), (), 0, 0, (), ())
    names = {pid: person.name for pid, person in people.items()}
    return GroupExplanation(
        group=group,
        members=tuple(
            MemberLine(
                m.person,
                participants.get(str(m.person_id)),
                score.new_encounters.get(str(m.person_id), 0),
            )
            for m in members
        ),
        professions=tuple(
            (str(PROFESSIONS.get(value, value)), count)
            for value, count in score.counts.get("profession", {}).items()
        ),
        administrations=tuple(sorted(score.counts.get("administration", {}).items())),
        challenges=len(score.counts.get("challenge", {})),
        meeting_someone_new=score.meeting_someone_new,
        met_before=tuple(
            sorted(
                (
                    MetBefore(people[a], people[b], times)
                    for (a, b), times in zip(score.repeat_pairs, score.repeat_times, strict=True)
                ),
                key=lambda pair: (-pair.times, pair.first.name, pair.second.name),
            )
        ),
        unmixed=_unmixed(kind, score),
        violations=tuple(
            {"violation": v, "names": [names.get(i, i) for i in v.ids]} for v in score.violations
        ),
    )


def explain(grouping: Grouping, groups: Sequence[Group] | None = None) -> Explanation:
    """The grouping's groups as a coach reads them (`groups` prefetched with their members)."""
    evaluation, participants = services.evaluate_grouping(grouping)
    scores = {score.number: score for score in evaluation.groups}
    groups = list(grouping.groups.all()) if groups is None else list(groups)
    return Explanation(
        evaluation=evaluation,
        kind=grouping.kind,
        groups=tuple(
            _group(grouping.kind, group, scores.get(group.number), participants) for group in groups
        ),
        verdict=verdict(
            cost=evaluation.cost, bound=evaluation.bound, violations=evaluation.violations
        ),
    )

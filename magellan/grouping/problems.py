"""From the program's people and past groups to the engine's problems (pure: no Django here).

A participant becomes an engine `Person` with four attributes: profession, administration (of
their challenge), challenge and gender (declared, optional; used to mix groups, never shown).
Past groups, restricted to the people actually present, become the engine's `History`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from magellan import engine


@dataclass(frozen=True)
class Participant:
    """Who is to be grouped, as plain values (ids are strings)."""

    id: str
    name: str
    profession: str = ""
    administration: str = ""
    challenge: str = ""
    gender: str = ""


@dataclass(frozen=True)
class Spec:
    """How a kind of grouping scores: weighted categories, kept-apart and shared attributes.

    `criteria` are (attribute, weight): two group members sharing a value cost the weight.
    `apart`: attributes whose members never share a group (a challenge's team).
    `same`: the attribute every member of a group shares (the profession, for peer groups).
    """

    criteria: tuple[tuple[str, float], ...]
    apart: tuple[str, ...] = ()
    same: str = ""
    decay: float = 0.7

    @property
    def max_weight(self) -> float:
        return float(sum(weight for _, weight in self.criteria))

    def repeat_weight(self, max_size: int) -> float:
        """More than the diversity any single move can change, so that repeats go first."""
        return 2.0 * max_size * self.max_weight + 1.0


# Sharing groups: professions first, then administrations, then gender; a challenge's team apart.
DIVERSE = Spec(
    criteria=(("profession", 3.0), ("administration", 2.0), ("gender", 1.0)),
    apart=("challenge",),
)
# Peer groups: one profession per group; inside it, challenges then administrations mixed.
PEER = Spec(criteria=(("challenge", 2.0), ("administration", 1.0)), same="profession")

DEFAULT_SIZE = 5
DEFAULT_PEER_SIZE = 6


def engine_people(participants: Iterable[Participant]) -> tuple[engine.Person, ...]:
    """Engine people with the attributes the specs use."""
    return tuple(
        engine.Person(
            id=p.id,
            attributes={
                "profession": p.profession,
                "administration": p.administration,
                "challenge": p.challenge,
                "gender": p.gender,
            },
        )
        for p in participants
    )


def history_from_groups(
    past: Sequence[Mapping[str, int]], *, among: Iterable[str], decay: float = DIVERSE.decay
) -> engine.History:
    """Past sessions (oldest first, person id → group), kept to the people being grouped."""
    ids = set(among)
    sessions = tuple({pid: group for pid, group in groups.items() if pid in ids} for groups in past)
    return engine.History(sessions=tuple(s for s in sessions if len(s) > 1), decay=decay)


def size_range(
    min_size: int | None, max_size: int | None, *, default: int = DEFAULT_SIZE
) -> tuple[int, int]:
    """A format's group sizes, with a default where they are missing."""
    low = min_size or (max_size if max_size and max_size < default else default)
    high = max_size or max(low, default)
    return (min(low, high), max(low, high))


def diverse_problem(
    participants: Sequence[Participant],
    *,
    min_size: int,
    max_size: int,
    history: engine.History = engine.History(),  # noqa: B008 - frozen, so a safe default
    sessions: int = 1,
) -> engine.RotationProblem:
    """Sharing groups for one or `sessions` successive sessions, avoiding past encounters."""
    spec = DIVERSE
    return engine.RotationProblem(
        people=engine_people(participants),
        sessions=sessions,
        criteria=tuple(engine.CategoricalCriterion(a, w) for a, w in spec.criteria),
        constraints=tuple(engine.KeepApart(a) for a in spec.apart),
        min_size=min_size,
        max_size=max_size,
        history=history,
        repeat_weight=spec.repeat_weight(max_size),
    )


def peer_problem(participants: Sequence[Participant], *, size: int) -> engine.PeerGroupProblem:
    """Peer groups: one profession each, of balanced sizes close to `size`."""
    spec = PEER
    return engine.PeerGroupProblem(
        people=engine_people(participants),
        profession=spec.same,
        size=size,
        criteria=tuple(engine.CategoricalCriterion(a, w) for a, w in spec.criteria),
    )

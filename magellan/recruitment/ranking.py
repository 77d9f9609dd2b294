"""The ranking of a call's stage: each subject's reviewers' weighted means, their mean, their
spread and the disagreement flag (`MAGELLAN_RECRUITMENT_DISAGREEMENT`); per challenge and profile."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from magellan.directory.models import Challenge

from .models import Application, Call, ChallengeDossier, Score


@dataclass
class Ranked:
    """One subject of a stage's ranking: its reviewers' weighted means, their mean and spread."""

    subject: Application | ChallengeDossier
    means: list[float] = field(default_factory=list)

    @property
    def reviews(self) -> int:
        return len(self.means)

    @property
    def mean(self) -> float | None:
        return sum(self.means) / len(self.means) if self.means else None

    @property
    def spread(self) -> float | None:
        return max(self.means) - min(self.means) if len(self.means) > 1 else None

    @property
    def disagreement(self) -> bool:
        """The reviewers' weighted means are further apart than MAGELLAN_RECRUITMENT_DISAGREEMENT."""
        spread = self.spread
        return spread is not None and spread > settings.MAGELLAN_RECRUITMENT_DISAGREEMENT


def weighted_mean(scores: list[tuple[Decimal, int]]) -> float | None:
    """A review's mean: its scores weighted by their criteria's weights."""
    total = sum(weight for weight, _value in scores)
    if not total:
        return None
    return float(sum(weight * value for weight, value in scores) / total)


def ranking(call: Call, stage: str) -> list[Ranked]:
    """Every subject of the stage with its submitted reviews' means, best mean first (unreviewed
    last), then by name."""
    from .services.jury import subject_label, subjects_to_review

    subjects = subjects_to_review(call, stage)
    if call.kind == "fellows":
        prefetch_related_objects(subjects, "wishes__challenge")
    key = (
        "review__assignment__dossier_id"
        if call.kind == "challenges"
        else ("review__assignment__application_id")
    )
    per_review: dict[int, tuple[int, list[tuple[Decimal, int]]]] = {}
    for review_id, subject_id, weight, value in Score.objects.filter(
        review__submitted_at__isnull=False,
        review__assignment__stage=stage,
        review__assignment__reviewer__call=call,
    ).values_list("review_id", key, "criterion__weight", "value"):
        per_review.setdefault(review_id, (subject_id, []))[1].append((weight, value))
    rows = {s.pk: Ranked(subject=s) for s in subjects}
    for subject_id, scores in per_review.values():
        mean = weighted_mean(scores)
        if subject_id in rows and mean is not None:
            rows[subject_id].means.append(mean)
    return sorted(
        rows.values(),
        key=lambda r: (r.mean is None, -(r.mean or 0), subject_label(r.subject)),
    )


@dataclass
class RankingGroup:
    """The ranking of one challenge (a wish) and profile; `challenge` is None for dossiers."""

    title: str
    challenge: Challenge | None
    rows: list[Ranked]


def ranking_groups(call: Call, stage: str) -> list[RankingGroup]:
    """The ranking per challenge (each wish) and profile for fellows; one list for dossiers."""
    rows = ranking(call, stage)
    if call.kind == "challenges":
        return [RankingGroup(title="", challenge=None, rows=rows)]
    groups: dict[tuple[str, str], RankingGroup] = {}
    for row in rows:
        application = row.subject
        assert isinstance(application, Application)  # noqa: S101 - a call for fellows
        profile = str(application.get_profession_display()) or "—"
        for wish in application.wishes.all():
            key = (wish.challenge.title, profile)
            if key not in groups:
                groups[key] = RankingGroup(f"{key[0]} · {profile}", wish.challenge, [])
            groups[key].rows.append(row)
        if not application.wishes.all():
            key = ("—", profile)
            groups.setdefault(key, RankingGroup(f"{_('Sans vœu')} · {profile}", None, []))
            groups[key].rows.append(row)
    return [groups[key] for key in sorted(groups)]

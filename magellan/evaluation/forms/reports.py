"""Forms of the coaches' report and of an action's status (DSFR rendering); rules stay in
`services/reports.py` and `services/actions.py`."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from .. import scale
from ..models import ActionOwner, ActionStatus, Axis, Report

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _level_choices() -> list[tuple[Any, Any]]:
    return [("", _("Non évalué")), *scale.choices()]


class ReportForm(DsfrBaseForm):
    """The three axes (level on the scale and comment), strengths, recommendations; the version
    the coach started from travels with the form (the service checks it)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    strengths = forms.CharField(
        label=_("Points forts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown."),
    )
    recommendations = forms.CharField(
        label=_("Recommandations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for axis in Axis:
            self.fields[f"level_{axis.value}"] = forms.TypedChoiceField(
                label=_("Niveau — %(axis)s") % {"axis": axis.label},
                choices=_level_choices(),
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"comment_{axis.value}"] = forms.CharField(
                label=_("Commentaire — %(axis)s") % {"axis": axis.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @staticmethod
    def initial_for(report: Report | None) -> dict[str, Any]:
        if report is None:
            return {"version": 0}
        initial: dict[str, Any] = {
            "version": report.version,
            "strengths": report.strengths,
            "recommendations": report.recommendations,
        }
        for assessment in report.assessments.all():
            initial[f"level_{assessment.axis}"] = assessment.level
            initial[f"comment_{assessment.axis}"] = assessment.comment
        return initial

    def axis_fields(self) -> list[tuple[Any, Any, Any]]:
        """(axis label, level field, comment field) per axis, in the programme's order."""
        return [
            (axis.label, self[f"level_{axis.value}"], self[f"comment_{axis.value}"])
            for axis in Axis
        ]

    def assessments(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            axis.value: (data.get(f"level_{axis.value}"), data.get(f"comment_{axis.value}") or "")
            for axis in Axis
        }


class ActionForm(DsfrBaseForm):
    """One action of the report: what, who, by when (an empty extra row is ignored)."""

    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Qui"), choices=[("", "—"), *ActionOwner.choices])
    due_date = forms.DateField(label=_("Échéance"), widget=DATE_INPUT)


ActionFormSet = forms.formset_factory(ActionForm, extra=2, can_delete=True, max_num=30)


def action_initial(report: Report | None) -> list[dict[str, Any]]:
    if report is None:
        return []
    return [
        {"pk": a.pk, "title": a.title, "owner": a.owner, "due_date": a.due_date}
        for a in report.actions.all()
    ]


def action_rows(formset: Any) -> list[dict[str, Any]]:
    """The formset's rows as the service takes them (unchanged empty rows left out)."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or (not data.get("pk") and not form.has_changed()):
            continue
        rows.append(
            {
                "pk": data.get("pk"),
                "title": data.get("title", ""),
                "owner": data.get("owner", ""),
                "due_date": data.get("due_date"),
                "delete": bool(data.get("DELETE")),
            }
        )
    return rows


class ActionStatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("État"), choices=ActionStatus.choices)
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class AcknowledgeForm(DsfrBaseForm):
    text = forms.CharField(
        label=_("Ce que l’équipe retient de son bilan interne"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facultatif. Markdown."),
    )

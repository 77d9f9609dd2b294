"""The whole logbook of a fellow as a document: Markdown (their own text, as written) and PDF
(fpdf2, pure Python: docs/decisions/0011-logbook-pdf-and-charts.md)."""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from fpdf import FPDF

from magellan.core.dates import format_date
from magellan.directory.models import Person

from .models import Entry


def _sections(entry: Entry) -> list[tuple[str, str]]:
    """An entry's answered questions, in the form's order, as (heading, text)."""
    status = entry.get_previous_goals_status_display() if entry.previous_goals_status else ""
    looking_back = "\n\n".join(
        part for part in (str(status).capitalize(), entry.previous_goals_comment) if part
    )
    skills = ", ".join(entry.skill_labels)
    if entry.skills_other:
        skills = f"{skills} — {entry.skills_other}" if skills else entry.skills_other
    staying = entry.get_staying_display() if entry.staying else ""
    path = "\n\n".join(part for part in (str(staying).capitalize(), entry.staying_why) if part)
    ratings = "\n".join(f"- {r.competence} : {r.get_level_display()}" for r in entry.ratings.all())
    needs = []
    for need in entry.needs.all():
        fate = ""
        if need.help_request_id:
            fate = _(" (devenu une demande d’aide : %(status)s)") % {
                "status": need.help_request.get_status_display()  # type: ignore[union-attr]
            }
        elif need.mentoring_need_id:
            fate = _(" (devenu un besoin de mentorat : %(status)s)") % {
                "status": need.mentoring_need.get_status_display()  # type: ignore[union-attr]
            }
        needs.append(f"- {need.text}{fate}")
    sections = [
        (_("Mes objectifs du mois dernier"), looking_back),
        (_("Mes objectifs pour le mois"), entry.goals),
        (_("Ce que j’ai appris"), entry.learnt),
        (_("Compétences de la phase"), ratings),
        (_("Compétences hors de ma spécialité"), skills),
        (_("Après le programme"), path),
        (_("Mes besoins"), "\n".join(needs)),
        (_("Notes libres"), entry.notes),
    ]
    return [(heading, text.strip()) for heading, text in sections if text and text.strip()]


def _month(entry: Entry) -> str:
    return format_date(entry.month, "F Y").capitalize()


def logbook_markdown(person: Person, entries: Sequence[Entry]) -> str:
    """The logbook as one Markdown file, the oldest month first."""
    lines = [f"# {_('Carnet de bord de %(name)s') % {'name': person.name}}", ""]
    for entry in sorted(entries, key=lambda e: e.month):
        lines += [f"## {_month(entry)}", ""]
        for heading, text in _sections(entry):
            lines += [f"### {heading}", "", text, ""]
    return "\n".join(lines).rstrip() + "\n"


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.cell(0, 10, f"{self.page_no()}", align="C")


def _latin(text: str) -> str:
    """The core PDF fonts speak Windows-1252 (’ « » — … œ included); anything else becomes « ? »."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def logbook_pdf(person: Person, entries: Sequence[Entry]) -> bytes:
    """The logbook as a PDF: the same sections as the Markdown export, plain text."""
    pdf = _Pdf()
    pdf.core_fonts_encoding = "windows-1252"
    title = _("Carnet de bord de %(name)s") % {"name": person.name}
    pdf.set_title(_latin(title))
    pdf.set_lang("fr")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=18)
    pdf.multi_cell(0, 10, _latin(title), new_x="LMARGIN", new_y="NEXT")
    for entry in sorted(entries, key=lambda e: e.month):
        pdf.ln(4)
        pdf.set_font("helvetica", style="B", size=14)
        pdf.multi_cell(0, 8, _latin(_month(entry)), new_x="LMARGIN", new_y="NEXT")
        for heading, text in _sections(entry):
            pdf.set_font("helvetica", style="B", size=11)
            pdf.multi_cell(0, 7, _latin(heading), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("helvetica", size=10)
            pdf.multi_cell(0, 5, _latin(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    return bytes(pdf.output())

"""The program's grids (program-spec (h)): the criteria a new call starts with, all 0–5, weight 1.

- A call for challenges: the 5 equal criteria of the EIG6 call for projects.
- A call for fellows: the 6 EIG6 preselection criteria (anonymous, on paper), then the 6 EIG6
  interview criteria.
"""

from django.utils.translation import gettext_lazy as _

from .models import CallKind, Stage

DOSSIER_CRITERIA = (
    (_("Pertinence du besoin"), _("Le problème est réel, précis et touche des usagers.")),
    (
        _("Caractère entrepreneurial"),
        _("Le projet laisse aux EIG la liberté d’explorer, d’itérer et de prototyper."),
    ),
    (
        _("Engagement de la structure d’accueil"),
        _("Porteur disponible, mentor de défi, moyens et accès aux données assurés."),
    ),
    (
        _("Transformation numérique"),
        _("Le défi fait évoluer les pratiques et les méthodes de l’administration."),
    ),
    (
        _("Ouverture"),
        _("Opportunités d’ouverture des données, du code et des résultats."),
    ),
)

PRESELECTION_CRITERIA = (
    (_("Sensibilité à l’intérêt général"), _("Motivation pour servir le public.")),
    (_("Adéquation du profil au poste"), _("Compétences et expérience au regard du métier.")),
    (
        _("Capacité à entreprendre"),
        _("Initiative, capacité à lancer et mener des projets."),
    ),
    (
        _("Travail avec d’autres métiers"),
        _("Expérience de la collaboration pluridisciplinaire."),
    ),
    (
        _("Adaptation à un environnement de travail"),
        _("Capacité à s’adapter à un cadre nouveau, notamment administratif."),
    ),
    (
        _("Communication claire et convaincante"),
        _("Clarté et conviction de l’expression écrite."),
    ),
)

INTERVIEW_CRITERIA = (
    (
        _("Compréhension et cadrage du problème"),
        _("Sait reformuler le défi et en dégager les enjeux."),
    ),
    (_("Structuration et organisation"), _("Propose une démarche ordonnée et réaliste.")),
    (_("Pertinence des compétences"), _("Ses compétences répondent aux besoins du défi.")),
    (_("Collaboration et coopération"), _("Travaille avec les autres, partage, écoute.")),
    (
        _("Compréhension du défi et intérêt pour lui"),
        _("Connaît le défi et montre un intérêt sincère."),
    ),
    (_("Savoir-être en groupe"), _("Attitude dans un collectif, respect, ouverture.")),
)


def default_grid(kind: str) -> dict[str, tuple[tuple[object, object], ...]]:
    """The default criteria (label, description) per stage for a call of this kind."""
    if kind == CallKind.CHALLENGES:
        return {Stage.DOSSIER: DOSSIER_CRITERIA}
    return {Stage.PRESELECTION: PRESELECTION_CRITERIA, Stage.INTERVIEW: INTERVIEW_CRITERIA}


def stages_of(kind: str) -> tuple[str, ...]:
    """The stages of review of a call of this kind, in order."""
    return tuple(default_grid(kind))

"""Seed the ten formats ("dispositifs") of the EIG program; coaches edit them afterwards."""

from django.db import migrations

FELLOW, OWNER, SPONSOR, COACH, MENTOR, ALUMNI = (
    "fellow",
    "project_owner",
    "sponsor",
    "coach",
    "mentor",
    "alumni",
)

FORMATS = [
    {
        "slug": "atelier-collaboratif",
        "name": "Atelier collaboratif",
        "summary": "Un atelier par défi avec l’équipe et ses porteurs pour avancer sur un "
        "enjeu de la phase (cartographie des usagers, priorisation, démonstration).",
        "audience_roles": [FELLOW, OWNER, SPONSOR],
        "registration_required": False,
        "frequency": "per_phase",
        "frequency_detail": "Une à deux fois par phase, par défi",
        "duration_minutes": 240,
        "preparation": "Rassembler les questions ouvertes du défi et les éléments à montrer.",
        "follow_up": "Partager le support et les décisions avec l’équipe et les coachs.",
        "grouping_mode": "per_challenge",
    },
    {
        "slug": "comite-evaluation",
        "name": "Comité d’évaluation",
        "summary": "Le point d’étape de chaque défi en fin de phase, avec ses porteurs et les coachs.",
        "audience_roles": [FELLOW, OWNER, SPONSOR, COACH],
        "registration_required": False,
        "frequency": "per_phase",
        "frequency_detail": "Une fois par phase, par défi",
        "duration_minutes": 90,
        "is_online": True,
        "preparation": "Remplir l’auto-évaluation de l’équipe et préparer une démonstration de "
        "dix minutes.",
        "follow_up": "Lire le compte rendu des coachs et reporter les actions dans la phase suivante.",
        "grouping_mode": "per_challenge",
    },
    {
        "slug": "permanence",
        "name": "Permanence d’aide",
        "summary": "Une heure avec un·e coach ou un·e expert·e pour débloquer une difficulté.",
        "audience_roles": [FELLOW, OWNER],
        "registration_required": True,
        "frequency": "on_request",
        "frequency_detail": "À la demande",
        "duration_minutes": 60,
        "is_online": True,
        "default_capacity": 4,
        "preparation": "Décrire la difficulté en quelques lignes et ce qui a déjà été essayé.",
        "follow_up": "Noter la solution trouvée pour la partager avec la promotion.",
        "grouping_mode": "none",
    },
    {
        "slug": "seminaire-porteurs",
        "name": "Séminaire des porteurs",
        "summary": "Une demi-journée entre porteurs et mentors de défis pour partager leurs "
        "pratiques de pilotage.",
        "audience_roles": [OWNER, SPONSOR],
        "registration_required": True,
        "frequency": "per_phase",
        "frequency_detail": "Une fois par phase",
        "duration_minutes": 210,
        "default_capacity": 40,
        "preparation": "Venir avec une réussite et une difficulté de la phase.",
        "follow_up": "Partager avec l’équipe les pistes retenues.",
        "grouping_mode": "diverse",
        "group_size_min": 4,
        "group_size_max": 6,
    },
    {
        "slug": "mentorat",
        "name": "Mentorat",
        "summary": "Un cycle de quatre séances d’1 h 30 sur un mois avec un parrain ou une marraine.",
        "audience_roles": [FELLOW, MENTOR],
        "registration_required": True,
        "frequency": "cycle",
        "frequency_detail": "Cycles de 4 séances d’1 h 30 sur un mois",
        "duration_minutes": 90,
        "default_capacity": 2,
        "preparation": "Formuler l’objectif du cycle et les questions de la séance.",
        "follow_up": "Écrire en quelques lignes ce qui a été décidé pour la séance suivante.",
        "grouping_mode": "none",
    },
    {
        "slug": "carnet-de-bord",
        "name": "Revue du carnet de bord",
        "summary": "Un entretien individuel mensuel avec un·e coach autour du carnet de bord.",
        "audience_roles": [FELLOW],
        "registration_required": False,
        "frequency": "monthly",
        "frequency_detail": "Mensuel, individuel",
        "duration_minutes": 60,
        "is_online": True,
        "preparation": "Mettre à jour son carnet de bord du mois (objectifs, compétences, besoins).",
        "follow_up": "Reporter les engagements pris dans le carnet de bord.",
        "grouping_mode": "none",
    },
    {
        "slug": "seminaire-promotion",
        "name": "Séminaire de promotion",
        "summary": "Deux jours pour toute la promotion : intégration trois semaines après le "
        "début, accélération deux mois avant la fin.",
        "audience_roles": [FELLOW, OWNER, SPONSOR, COACH],
        "registration_required": False,
        "frequency": "twice_a_year",
        "frequency_detail": "Deux fois par an, deux jours",
        "duration_minutes": 33 * 60,
        "preparation": "Lire le programme et préparer la présentation de son défi.",
        "follow_up": "Répondre au questionnaire de satisfaction.",
        "grouping_mode": "diverse",
        "group_size_min": 5,
        "group_size_max": 7,
    },
    {
        "slug": "conference",
        "name": "Conférence / masterclass",
        "summary": "Une intervention d’1 h 30 d’un·e expert·e de l’État numérique, suivie "
        "de questions.",
        "audience_roles": [FELLOW, OWNER, SPONSOR, MENTOR, ALUMNI],
        "registration_required": True,
        "frequency": "monthly",
        "frequency_detail": "Mensuel",
        "duration_minutes": 90,
        "default_capacity": 60,
        "preparation": "Lire la présentation de l’intervenant·e et préparer ses questions.",
        "follow_up": "Retrouver le support et les ressources citées.",
        "grouping_mode": "none",
    },
    {
        "slug": "groupe-de-pairs",
        "name": "Groupe de pairs",
        "summary": "Les EIG d’un même métier échangent sur leurs pratiques.",
        "audience_roles": [FELLOW],
        "registration_required": False,
        "frequency": "monthly",
        "frequency_detail": "Mensuel, par métier",
        "duration_minutes": 90,
        "preparation": "Apporter une question de métier ou un retour d’expérience.",
        "follow_up": "Partager les ressources échangées avec le groupe.",
        "grouping_mode": "peer_by_profession",
        "group_size_min": 3,
        "group_size_max": 8,
    },
    {
        "slug": "groupe-de-partage",
        "name": "Groupe de partage pluridisciplinaire",
        "summary": "En petits groupes mixtes (métiers, administrations, défis), chacun·e partage "
        "une situation et reçoit l’éclairage des autres.",
        "audience_roles": [FELLOW],
        "registration_required": True,
        "frequency": "monthly",
        "frequency_detail": "Mensuel, petits groupes mixtes",
        "duration_minutes": 90,
        "preparation": "Choisir une situation vécue à partager en cinq minutes.",
        "follow_up": "Revenir vers son groupe avec ce qui a été tenté.",
        "grouping_mode": "diverse",
        "group_size_min": 4,
        "group_size_max": 5,
    },
]


def seed_formats(apps, schema_editor):  # type: ignore[no-untyped-def]
    Format = apps.get_model("program", "Format")
    for position, data in enumerate(FORMATS, start=1):
        Format.objects.update_or_create(
            slug=data["slug"], defaults={**data, "position": position}
        )


def unseed_formats(apps, schema_editor):  # type: ignore[no-untyped-def]
    Format = apps.get_model("program", "Format")
    Format.objects.filter(slug__in=[data["slug"] for data in FORMATS], sessions=None).delete()


class Migration(migrations.Migration):
    dependencies = [("program", "0001_initial")]

    operations = [migrations.RunPython(seed_formats, unseed_formats)]

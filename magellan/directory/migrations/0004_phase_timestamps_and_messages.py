# Phases carry their last update, so that an edit page can tell when someone changed one meanwhile;
# the uniqueness and dates constraints say in French what they refuse (pages and admin).

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_names_collation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="phase",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="created at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="phase",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AlterConstraint(
            model_name="challengemembership",
            name="unique_challenge_membership",
            constraint=models.UniqueConstraint(
                fields=("person", "challenge", "role"),
                name="unique_challenge_membership",
                violation_error_message="Cette personne a déjà ce rôle dans l’équipe du défi.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="cohort",
            name="unique_cohort_number_variant",
            constraint=models.UniqueConstraint(
                fields=("number", "variant"),
                name="unique_cohort_number_variant",
                violation_error_message="Une promotion porte déjà ce numéro et cette variante.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="cohortrole",
            name="unique_person_cohort_role",
            constraint=models.UniqueConstraint(
                fields=("person", "cohort", "role"),
                name="unique_person_cohort_role",
                violation_error_message="Cette personne a déjà ce rôle dans cette promotion.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="person",
            name="unique_person_email_when_set",
            constraint=models.UniqueConstraint(
                condition=models.Q(("email", ""), _negated=True),
                fields=("email",),
                name="unique_person_email_when_set",
                violation_error_message="Une autre personne a déjà cette adresse e-mail.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="phase",
            name="unique_phase_per_cohort",
            constraint=models.UniqueConstraint(
                fields=("cohort", "kind"),
                name="unique_phase_per_cohort",
                violation_error_message="La promotion a déjà cette phase.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="phase",
            name="phase_dates_ordered",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_date__gte", models.F("start_date"))),
                name="phase_dates_ordered",
                violation_error_message="La fin de la phase doit être après son début.",
            ),
        ),
    ]

"""Names sort as French does (magellan.core.sorting): the `magellan_names` collation on the name columns.

PostgreSQL gets an ICU collation for French; SQLite knows the collation from the function that
every connection registers (CoreConfig.ready), so there is nothing to create there.
"""

from django.db import migrations, models

CREATE = "CREATE COLLATION IF NOT EXISTS magellan_names (provider = icu, locale = 'fr')"
DROP = "DROP COLLATION IF EXISTS magellan_names"


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_cohort_cohort_dates_ordered")]

    operations = [
        migrations.RunPython(create_collation, drop_collation),
        migrations.AlterField(
            model_name="administration",
            name="name",
            field=models.CharField(
                db_collation="magellan_names", max_length=255, unique=True, verbose_name="nom"
            ),
        ),
        migrations.AlterField(
            model_name="challenge",
            name="title",
            field=models.CharField(
                db_collation="magellan_names", max_length=255, verbose_name="titre"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="name",
            field=models.CharField(
                db_collation="magellan_names", max_length=200, verbose_name="nom"
            ),
        ),
    ]

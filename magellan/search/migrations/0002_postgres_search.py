"""PostgreSQL: extensions, the french_unaccent configuration, triggers and GIN indexes
(magellan/search/postgres.py). Nothing on SQLite."""

from django.db import migrations

from magellan.search.postgres import install, uninstall


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("resources", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]

"""PostgreSQL: search the community's questions and answers too (the same install)."""

from django.db import migrations

from magellan.search.postgres import install


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_help_requests"),
        ("community", "0001_initial"),
        ("resources", "0002_help_requests"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

"""PostgreSQL: search help requests too (the same install, now with the helpdesk's model)."""

from django.db import migrations

from magellan.search.postgres import install


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_search"),
        ("helpdesk", "0002_rename_helpdesk_format"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

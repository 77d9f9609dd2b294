"""PostgreSQL: the vocabulary's function inserts only new words, and a deadlock between two writers
adding the same new words drops those words instead of failing the save (postgres.install)."""

from django.db import migrations

from magellan.search.postgres import install


class Migration(migrations.Migration):
    dependencies = [("search", "0004_community")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

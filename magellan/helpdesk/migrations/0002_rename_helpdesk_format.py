"""The seeded « Permanence d’aide » format becomes « Bureau d’aide » (its name only, and only if a
coach has not renamed it): help-desk sessions are held in it (`services.plan_session`)."""

from django.db import migrations

OLD_NAME = "Permanence d’aide"
NEW_NAME = "Bureau d’aide"


def rename(apps, schema_editor):  # type: ignore[no-untyped-def]
    Format = apps.get_model("program", "Format")
    if not Format.objects.filter(name=NEW_NAME).exists():
        Format.objects.filter(slug="permanence", name=OLD_NAME).update(name=NEW_NAME)


def restore(apps, schema_editor):  # type: ignore[no-untyped-def]
    Format = apps.get_model("program", "Format")
    if not Format.objects.filter(name=OLD_NAME).exists():
        Format.objects.filter(slug="permanence", name=NEW_NAME).update(name=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0001_initial"),
        ("program", "0002_seed_formats"),
    ]

    operations = [migrations.RunPython(rename, restore)]

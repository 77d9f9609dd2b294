"""Mentoring sessions are the pair's: the "Mentorat" format's audience becomes nobody.

Under the program's audience rule a format's audience sees all its sessions in the cohort; a
mentoring session must show only to its mentor (a facilitator) and its mentee(s) (registered), so
the format is meant for nobody and the pair is in through facilitation and registration.
"""

from django.db import migrations


def make_private(apps, schema_editor):
    Format = apps.get_model("program", "Format")
    Format.objects.filter(slug="mentorat").update(audience_roles=[], registration_required=True)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_initial"),
        ("program", "0005_attendance_excused"),
    ]

    operations = [migrations.RunPython(make_private, migrations.RunPython.noop)]

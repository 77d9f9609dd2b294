"""Create the DSFR site configuration that every page's header and footer read."""

from django.db import migrations


def create_site_config(apps, schema_editor):
    DsfrConfig = apps.get_model("dsfr", "DsfrConfig")
    if not DsfrConfig.objects.exists():
        DsfrConfig.objects.create(
            language="fr",
            site_title="Magellan",
            site_tagline="Le programme d’accompagnement des Entrepreneurs d’intérêt général",
            header_brand="République française",
            header_brand_html="République<br>française",
            footer_brand="République française",
            footer_brand_html="République<br>française",
            footer_description=(
                "Magellan est la plateforme du programme Entrepreneurs d’intérêt général "
                "(EIG) de la direction interministérielle du numérique."
            ),
            mourning=False,
            accessibility_status="NOT",
        )


class Migration(migrations.Migration):
    dependencies = [("dsfr", "0012_dsfrconfig_notice_description_and_more")]

    operations = [migrations.RunPython(create_site_config, migrations.RunPython.noop)]

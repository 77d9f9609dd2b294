from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "word",
                    models.CharField(
                        max_length=60, primary_key=True, serialize=False, verbose_name="mot"
                    ),
                ),
            ],
            options={
                "verbose_name": "mot indexé",
                "verbose_name_plural": "mots indexés",
            },
        ),
    ]

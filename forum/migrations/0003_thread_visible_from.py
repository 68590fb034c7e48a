from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forum", "0002_site_from_settings")]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="visible_from",
            field=models.DateTimeField(
                blank=True,
                help_text="When the hosting page becomes public; empty: not public",
                null=True,
            ),
        ),
    ]

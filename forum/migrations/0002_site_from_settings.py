from django.conf import settings
from django.db import migrations


def name_the_site(apps, schema_editor):
    """Name the Sites framework's site after SITE_URL and SITE_NAME (allauth's e-mails use it)."""
    Site = apps.get_model("sites", "Site")
    domain = settings.SITE_URL.split("://", 1)[-1].rstrip("/")
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain[:100], "name": settings.SITE_NAME[:50]}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]

from django.db import migrations


def copy_visibility(apps, schema_editor):
    """Give existing threads the publication time of their article."""
    Article = apps.get_model("articles", "Article")
    Thread = apps.get_model("forum", "Thread")
    for article in Article.objects.exclude(thread=None).filter(status="published"):
        Thread.objects.filter(pk=article.thread_id).update(visible_from=article.published_at)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial"), ("forum", "0003_thread_visible_from")]

    operations = [migrations.RunPython(copy_visibility, migrations.RunPython.noop)]

"""Render the stored articles and pages again: their text now gets typographic quotes."""

from django.db import migrations

from forum.markdown import render_markdown


def render_again(apps, schema_editor):
    """Store each article's and page's HTML as the renderer writes it now."""
    # update(), not save(): the historical models have no renderer, and no "Updated" date
    # should move for a change of punctuation.
    Article = apps.get_model("articles", "Article")
    Page = apps.get_model("articles", "Page")
    for pk, body, invitation in Article.objects.values_list("pk", "body", "invitation"):
        Article.objects.filter(pk=pk).update(
            body_html=render_markdown(body, user_content=False),
            invitation_html=render_markdown(invitation, user_content=False),
        )
    for pk, body in Page.objects.values_list("pk", "body"):
        Page.objects.filter(pk=pk).update(body_html=render_markdown(body, user_content=False))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_search_vector"),
    ]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]

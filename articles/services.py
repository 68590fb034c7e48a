from django.db import transaction

from forum.models import Thread


@transaction.atomic
def article_sync_thread(*, article):
    """Give the article its discussion thread, keeping the thread's title and URL current."""
    visible_from = article.published_at if article.status == article.Status.PUBLISHED else None
    if article.thread_id is None:
        article.thread = Thread.objects.create(
            key=f"article:{article.pk}",
            title=article.title,
            url=article.get_absolute_url(),
            visible_from=visible_from,
        )
        article.save(update_fields=["thread"])
        return article.thread
    thread = article.thread
    url = article.get_absolute_url()
    if (thread.title, thread.url, thread.visible_from) != (article.title, url, visible_from):
        thread.title, thread.url, thread.visible_from = article.title, url, visible_from
        thread.save(update_fields=["title", "url", "visible_from"])
    return thread

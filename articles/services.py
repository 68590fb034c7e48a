from django.db import transaction

from forum.models import Thread


@transaction.atomic
def article_sync_thread(*, article):
    """Give the article its discussion thread, keeping the thread's title and URL current."""
    if article.thread_id is None:
        article.thread = Thread.objects.create(
            key=f"article:{article.pk}", title=article.title, url=article.get_absolute_url()
        )
        article.save(update_fields=["thread"])
        return article.thread
    thread = article.thread
    url = article.get_absolute_url()
    if (thread.title, thread.url) != (article.title, url):
        thread.title, thread.url = article.title, url
        thread.save(update_fields=["title", "url"])
    return thread

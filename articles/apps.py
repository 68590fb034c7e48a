from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from forum.platform import pagecache


def _content_changed(sender, raw=False, **kwargs):
    # Articles, topics and pages appear in every listing and sidebar: refresh every page.
    if not raw:
        pagecache.invalidate(site=True)


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        for name in ("Topic", "Article", "Reference", "RelatedArticle", "Page"):
            model = self.get_model(name)
            for signal in (post_save, post_delete):
                signal.connect(_content_changed, sender=model, dispatch_uid=f"pc-{name}-{signal}")

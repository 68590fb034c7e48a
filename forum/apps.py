from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Discussion"

    def ready(self):
        from forum import integrations, invalidation, metrics

        integrations.connect()
        metrics.connect()
        invalidation.connect()

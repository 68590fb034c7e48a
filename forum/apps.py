from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Discussion"

    def ready(self):
        from forum import integrations, invalidation, metrics
        from forum.discussion import notifications
        from forum.live import events as live_events

        integrations.connect()
        metrics.connect()
        # The listeners of the comment lifecycle's one event.
        invalidation.connect()
        live_events.connect()
        notifications.connect()

from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Discussion"

    def ready(self):
        # Imported here, not above: its modules import models, which need the app registry.
        from forum import listeners

        listeners.connect()

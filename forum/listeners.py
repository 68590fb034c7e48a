"""Connect what listens to the forum's signals: the comment lifecycle's event, model saves.

Called once, from the app's ready(), when every model is loaded.
"""

from forum import integrations, invalidation
from forum.discussion import notifications, prerender
from forum.embed import tokens as embed_tokens
from forum.live import events as live_events
from forum.moderation import spam_feedback
from forum.moderation import tasks as moderation_tasks
from forum.notices import deciding
from forum.platform import metrics
from forum.webhooks import outbox as webhooks


def connect():
    """Connect every listener of the forum (each connects once: dispatch_uid)."""
    integrations.connect()
    metrics.connect()
    embed_tokens.connect()
    # The listeners of the comment lifecycle's one event.
    invalidation.connect()
    # After the page cache's tokens have moved: renders the new page under them.
    prerender.connect()
    live_events.connect()
    notifications.connect()
    # Before the rejection e-mail: a rejection stated here is told by its statement instead.
    deciding.connect()
    moderation_tasks.connect()
    spam_feedback.connect()
    # Deliveries are written in each change's transaction (the outbox).
    webhooks.connect()

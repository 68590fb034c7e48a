"""Split the page's messages: those of the whole page, and those placed next to an element."""

from django import template

from forum.results import anchor_of

register = template.Library()


@register.simple_tag(takes_context=True)
def page_messages(context):
    """Return the messages that belong at the top of the page."""
    return [m for m in context.get("messages", ()) if not anchor_of(m)]


@register.simple_tag(takes_context=True)
def messages_at(context, anchor):
    """Return the messages placed next to the element with id `anchor`."""
    return [m for m in context.get("messages", ()) if anchor_of(m) == anchor]

"""`{{ comment|hold_label }}`: why a comment is held, in the desk's words (one table)."""

from django import template

from forum.comments import reasons

register = template.Library()


@register.filter
def hold_label(comment):
    """Return why `comment` is held, as the desk and the audit log say it."""
    return reasons.hold_label(comment)

"""`{{ comment|hold_label }}`, `{{ comment|score_note }}` and `{{ comment|remote_notes }}`: why
a comment is held, in the desk's words (one table), and its automatic scores."""

from django import template

from forum.comments import reasons

register = template.Library()


@register.filter
def hold_label(comment):
    """Return why `comment` is held, as the desk and the audit log say it."""
    return reasons.hold_label(comment)


@register.filter
def score_note(comment):
    """Return the comment's automatic score for the desk, unless its hold label says it."""
    return reasons.score_note(comment)


@register.filter
def remote_notes(comment):
    """Return the desk's lines about the external scorers (scores, or why there are none)."""
    return reasons.remote_notes(comment)

"""Marks around the parts of a page that differ per member (forum/platform/frames.py)."""

from django import template
from django.utils.safestring import mark_safe

from forum.platform import frames

register = template.Library()


@register.simple_tag(takes_context=True)
def frame_region(context, name):
    """Open the region `name` while a frame is being built; print nothing otherwise."""
    if context.get(frames.BUILDING):
        return mark_safe(frames.START + name + frames.NAME_END)  # noqa: S308 (control characters)
    return ""


@register.simple_tag(takes_context=True)
def end_frame_region(context):
    if context.get(frames.BUILDING):
        return mark_safe(frames.END)  # noqa: S308 (a control character)
    return ""

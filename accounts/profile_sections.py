"""Sections other apps add to the public profile, without accounts importing them.

An app registers a template and a function from its AppConfig.ready():

    from accounts.profile_sections import register_profile_section
    register_profile_section("forum/_profile_comments.html", profile_comments_context)

`context_fn(member, request)` returns the template's context (a dict), or None to leave the
section out. It must run a constant number of queries.
"""

from django.template.loader import render_to_string

_sections = []


def register_profile_section(template_name, context_fn):
    """Add a section to every public profile page (registering the same pair twice is a no-op)."""
    if (template_name, context_fn) not in _sections:
        _sections.append((template_name, context_fn))


def render_profile_sections(member, request):
    """Return the rendered HTML of every registered section, in registration order."""
    rendered = []
    for template_name, context_fn in _sections:
        context = context_fn(member, request)
        if context is None:
            continue
        rendered.append(
            render_to_string(template_name, {"member": member, **context}, request=request)
        )
    return rendered

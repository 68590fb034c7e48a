"""The error summary at the top of a form that was refused (GOV.UK's error summary pattern)."""

from django import template

register = template.Library()


def field_anchor(bound_field):
    """Return the id a summary link should point at: the field, or its first choice."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    # Radio buttons and checkbox lists have no single input: go to the first one, as GOV.UK does.
    subwidgets = bound_field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else bound_field.auto_id


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form, target=None, description=""):
    """List a form's errors, each a link to its field; nothing when the form has none.

    Errors of the whole form, and of hidden fields, link to `target` (a field's id) or else to
    the first visible field: they are about what the person typed there. `description` is
    a sentence shown above the list (what did not happen).
    """
    if form is None or not form.is_bound or not form.errors:
        return {"items": []}
    visible = form.visible_fields()
    fallback = target or (field_anchor(visible[0]) if visible else "")
    items = [(fallback, error) for error in form.non_field_errors()]
    for bound_field in form:
        anchor = fallback if bound_field.is_hidden else field_anchor(bound_field)
        items.extend((anchor, error) for error in bound_field.errors)
    return {"items": items, "description": description}

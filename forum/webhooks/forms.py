"""The forms of the integrations pages: an endpoint's address, kind, events and switch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models.webhooks import Endpoint, Event


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where each event is POSTed. It must be reachable on the public internet."),
        error_messages={"required": _("Enter the address to send events to.")},
    )
    description = forms.CharField(
        label=_("What it is for (optional)"), max_length=200, required=False
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event to send to this address.")},
    )


class EndpointAddForm(EndpointForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Endpoint.Kind.choices,
        initial=Endpoint.Kind.STANDARD,
        widget=forms.RadioSelect,
        help_text=_(
            "A Slack-compatible endpoint gets one line of text per event, unsigned: "
            "choose the alerts (a new notice, a comment hidden by reports, a thread heating up)."
        ),
    )
    field_order = ["url", "kind", "description", "events"]


class EndpointEditForm(EndpointForm):
    is_active = forms.BooleanField(
        label=_("Active: send events to this address"),
        required=False,
        help_text=_("An address failing for a day is switched off; switch it back on here."),
    )

    @classmethod
    def of(cls, endpoint):
        return cls(
            initial={
                "url": endpoint.url,
                "description": endpoint.description,
                "events": endpoint.events,
                "is_active": endpoint.is_active,
            }
        )

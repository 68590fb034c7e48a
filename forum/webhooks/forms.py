"""The forms of the integrations pages: an endpoint's address, kind, events and switch."""

from django import forms

from forum.models.webhooks import Endpoint, Event


class EndpointForm(forms.Form):
    url = forms.URLField(
        label="Address (URL)",
        max_length=500,
        assume_scheme="https",
        help_text="Where each event is POSTed. It must be reachable on the public internet.",
        error_messages={"required": "Enter the address to send events to."},
    )
    description = forms.CharField(label="What it is for (optional)", max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label="Events",
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event to send to this address."},
    )


class EndpointAddForm(EndpointForm):
    kind = forms.ChoiceField(
        label="Kind",
        choices=Endpoint.Kind.choices,
        initial=Endpoint.Kind.STANDARD,
        widget=forms.RadioSelect,
        help_text="A Slack-compatible endpoint gets one line of text per event, unsigned: "
        "choose the alerts (a new notice, a comment hidden by reports, a thread heating up).",
    )
    field_order = ["url", "kind", "description", "events"]


class EndpointEditForm(EndpointForm):
    is_active = forms.BooleanField(
        label="Active: send events to this address",
        required=False,
        help_text="An address failing for a day is switched off; switch it back on here.",
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

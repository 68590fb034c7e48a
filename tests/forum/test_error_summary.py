"""The error summary tag: one link per error, to the field it is about; nothing when valid."""

from django import forms
from django.template import Context, Template

from forum.templatetags.error_summary import error_summary


class ExampleForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label="Name")
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect)

    def clean(self):
        data = super().clean()
        if data.get("name") == "taken":
            raise forms.ValidationError("That name is taken.")
        return data


def render(form, **kwargs):
    return Template("{% load error_summary %}{% error_summary form %}").render(
        Context({"form": form, **kwargs})
    )


def test_each_error_links_to_its_field_and_radios_to_the_first_choice():
    form = ExampleForm({"token": "t", "name": ""})
    items = error_summary(form)["items"]
    assert [anchor for anchor, _ in items] == ["id_name", "id_colour_0"]


def test_errors_of_the_whole_form_and_of_hidden_fields_go_to_the_first_visible_field():
    form = ExampleForm({"name": "taken", "colour": "r"})
    assert error_summary(form)["items"] == [
        ("id_name", "That name is taken."),
        ("id_name", "This field is required."),
    ]
    assert error_summary(form, target="id_colour_1")["items"][0][0] == "id_colour_1"


def test_the_summary_is_marked_up_as_govuk_has_it():
    html = render(ExampleForm({"token": "t", "name": "", "colour": "g"}))
    assert '<div class="error-summary" tabindex="-1" autofocus>' in html
    assert '<div role="alert">' in html
    assert '<h2 class="error-summary__title">There is a problem</h2>' in html
    assert '<li><a href="#id_name">This field is required.</a></li>' in html


def test_nothing_for_a_valid_an_unbound_or_a_missing_form():
    assert render(ExampleForm({"token": "t", "name": "Ada", "colour": "r"})).strip() == ""
    assert render(ExampleForm()).strip() == ""
    assert render(None).strip() == ""


def test_messages_are_escaped():
    form = ExampleForm({"token": "t", "name": "ok", "colour": "r"})
    form.is_valid()
    form.add_error("name", "<b>bold</b>")
    assert "&lt;b&gt;bold&lt;/b&gt;" in render(form)

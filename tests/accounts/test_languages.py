"""A reader's language: the footer's menu, a member's setting, and a member's e-mails."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from tests.helpers import sign_up

COOKIE = settings.LANGUAGE_COOKIE_NAME
CHOOSE = reverse("choose_language")
SETTINGS = reverse("accounts:settings")


def language_of(user):
    return User.objects.get(pk=user.pk).language


def compact(html):
    """Return the page without the line breaks Django's widgets put before `>`."""
    return re.sub(r"\s+>", ">", html)


def writes(queries):
    """Return the statements that wrote to the database."""
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verbs)]


def csrf_client_as(user):
    """Return a client signed in as `user` that checks CSRF, and its token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(SETTINGS)  # renders a form, which sets the CSRF cookie
    return client, client.cookies[settings.CSRF_COOKIE_NAME].value


# The footer's menu (accounts/languages.py `choose`) -------------------------------------


@pytest.mark.django_db
def test_choosing_a_language_sets_the_cookie_and_goes_back(client):
    response = client.get(CHOOSE, {"language": "de", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == "de"
    assert response.cookies[COOKIE]["max-age"] == settings.LANGUAGE_COOKIE_AGE


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client, member):
    client.force_login(member)
    response = client.get(CHOOSE, {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert COOKIE not in response.cookies
    assert language_of(member) == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/", "//elsewhere.example/path", "javascript:alert(1)"]
)
def test_next_on_another_host_goes_home(client, next_url):
    response = client.get(CHOOSE, {"language": "fr", "next": next_url})
    assert response["Location"] == "/"
    assert response.cookies[COOKIE].value == "fr"


@pytest.mark.django_db
def test_a_members_post_keeps_the_language_and_speaks_it_whatever_the_browser(member):
    client, token = csrf_client_as(member)
    response = client.post(
        CHOOSE, {"language": "de", "next": SETTINGS, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"] == SETTINGS
    assert language_of(member) == "de"
    # Another browser, asking for English and with an English cookie: still German.
    client.cookies[COOKIE] = "en"
    page = client.get(SETTINGS, HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "de"
    assert '<html lang="de"' in page.content.decode()


@pytest.mark.django_db
def test_a_members_post_without_the_csrf_token_is_refused(member):
    client, _token = csrf_client_as(member)
    response = client.post(CHOOSE, {"language": "de", "next": "/"})
    assert response.status_code == 403
    assert language_of(member) == ""


@pytest.mark.django_db
def test_an_anonymous_get_never_writes_to_any_account(client, member):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHOOSE, {"language": "ko", "next": "/"})
    assert response.cookies[COOKIE].value == "ko"
    assert writes(queries.captured_queries) == []
    assert language_of(member) == ""


@pytest.mark.django_db
def test_a_members_get_sets_only_the_cookie(client, member):
    # A GET carries no CSRF token: a link elsewhere must not change the account.
    client.force_login(member)
    response = client.get(CHOOSE, {"language": "es", "next": "/"})
    assert response.cookies[COOKIE].value == "es"
    assert language_of(member) == ""


@pytest.mark.django_db
def test_without_a_choice_the_browser_decides(client):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr")
    assert page["Content-Language"] == "fr"


# The settings page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_settings_page_offers_every_language_and_the_browsers(client, member):
    client.force_login(member)
    html = compact(client.get(SETTINGS).content.decode())
    assert '<select name="language"' in html
    assert '<option value="" selected>The language of my browser</option>' in html
    for code, name in settings.LANGUAGES:
        assert f'<option value="{code}">{name}</option>' in html


@pytest.mark.django_db
def test_saving_a_language_keeps_it_and_sets_the_cookie(client, member):
    client.force_login(member)
    response = client.post(SETTINGS, {"display_name": "Ada", "language": "ar"})
    assert response.status_code == 302
    assert language_of(member) == "ar"
    assert response.cookies[COOKIE].value == "ar"
    page = compact(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert '<html lang="ar" dir="rtl"' in page
    assert '<option value="ar" selected>' in page


@pytest.mark.django_db
def test_choosing_the_browsers_language_forgets_the_choice_and_the_cookie(client, member):
    member.language = "de"
    member.save(update_fields=["language"])
    client.force_login(member)
    client.cookies[COOKIE] = "de"
    response = client.post(SETTINGS, {"display_name": "Ada", "language": ""})
    assert response.status_code == 302
    assert language_of(member) == ""
    assert response.cookies[COOKIE].value == ""
    assert response.cookies[COOKIE]["max-age"] == 0
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="es")
    assert page["Content-Language"] == "es"


@pytest.mark.django_db
def test_a_language_the_site_does_not_offer_is_refused(client, member):
    client.force_login(member)
    response = client.post(SETTINGS, {"display_name": "Ada", "language": "xx"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert language_of(member) == ""
    assert COOKIE not in response.cookies


# allauth's e-mails in the member's language (accounts/adapters.py) ----------------------


@pytest.mark.django_db
def test_a_password_reset_goes_out_in_the_members_language(client, member):
    member.language = "de"
    member.save(update_fields=["language"])
    response = client.post(
        reverse("account_reset_password"), {"email": member.email}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject.endswith("Passwort zurücksetzen")
    assert "Neues Passwort wählen" in message.alternatives[0].content
    # The page the member is on stays in the browser's language.
    assert response.wsgi_request.LANGUAGE_CODE == "en"


@pytest.mark.django_db
def test_without_a_choice_the_e_mail_is_in_the_language_of_the_page(client, member):
    response = client.post(
        reverse("account_reset_password"), {"email": member.email}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject.endswith("Reset your password")


@pytest.mark.django_db
def test_a_heads_up_naming_only_the_address_finds_the_members_language(client, member):
    member.language = "de"
    member.save(update_fields=["language"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = sign_up(client, email=member.email, username="someone-else")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject.endswith("Sie haben bereits ein Konto")


@pytest.mark.django_db
def test_a_new_member_gets_the_confirmation_in_the_language_of_the_page(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    response = sign_up(client)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject.endswith("Confirmez votre adresse e-mail")

"""The API's `message` is in the request's language; its `code` is the same in every one."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Nothing was found at this address."),
        ("de", "Unter dieser Adresse wurde nichts gefunden."),
        ("fr", "Rien n’a été trouvé à cette adresse."),
    ],
)
def test_an_error_speaks_the_request_language(api, language, message):
    response = api.get("/threads/999999999/", headers={"Accept-Language": language})

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": message}


def test_an_address_without_endpoint_answers_in_german(api):
    response = api.get("/no-such-endpoint/", headers={"Accept-Language": "de-DE,de;q=0.9"})

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Unter dieser Adresse gibt es keinen Endpunkt.",
    }


def test_a_refused_token_answers_in_german_with_the_same_code(api):
    headers = {"Authorization": "Bearer not-a-token", "Accept-Language": "de"}

    german = api.get("/threads/1/comments/", headers=headers)
    english = api.get("/threads/1/comments/", headers={**headers, "Accept-Language": "en"})

    assert german.status_code == english.status_code == 401
    assert german.json()["code"] == english.json()["code"] == "unauthenticated"
    assert german.json()["message"] == (
        "Dieses Token ist ungültig: Es wurde möglicherweise widerrufen."
    )
    assert english.json()["message"] == "This token is not valid: it may have been revoked."

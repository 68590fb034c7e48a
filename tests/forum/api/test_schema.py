"""The OpenAPI document is valid, its docs page keeps the strict CSP, and responses match it."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.tokens import token_create
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    schemathesis.openapi.from_dict(document).validate()  # against the OpenAPI 3.1 meta-schema
    paths = set(document["paths"])
    for path in [
        "/api/v1/articles/",
        "/api/v1/articles/{slug}/",
        "/api/v1/threads/{thread_id}/comments/",
        "/api/v1/comments/{comment_id}/",
        "/api/v1/comments/{comment_id}/vote/",
        "/api/v1/comments/{comment_id}/report/",
        "/api/v1/members/{username}/",
        "/api/v1/members/{username}/comments/",
        "/api/v1/counts/",
    ]:
        assert path in paths


def test_docs_page_uses_static_files_only(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.fixture
def api_schema(db):
    """The API's schema, served by the real WSGI application, over a thread with comments."""
    # As Django's test client does: a request's start and end must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    article = ArticleFactory(slug="seeded")
    for _ in range(3):
        CommentFactory(parent=CommentFactory(thread=article.thread))
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def write_token(db):
    return token_create(user=UserFactory(username="fuzzer"), name="fuzz", scope="write")[1]


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_responses_match_the_schema(api_schema, write_token):
    """Random valid and invalid input to every operation, as a member with a write token.

    No response is a 500, and every status, content type and body is the one documented.
    Bounded by the number of examples (never by time): 15 per operation, about 250 requests.
    """
    # identity: the WSGI transport hands back gzipped bodies undecoded.
    headers = {"Authorization": f"Bearer {write_token}", "Accept-Encoding": "identity"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()

"""Fixtures of the API tests: a JSON client, tokens of each scope, a thread with comments."""

import json

import pytest

from accounts.tokens import token_create
from tests.factories import CommentFactory


class Api:
    """A test client speaking JSON to /api/v1/, with a token or the session."""

    def __init__(self, client, token=None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _call(self, method, path, data=None, raw=None, **extra):
        kwargs = {"headers": {**self.headers, **extra.pop("headers", {})}, **extra}
        if raw is not None or data is not None:
            kwargs["data"] = raw if raw is not None else json.dumps(data)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs)

    def get(self, path, **extra):
        return self._call("get", path, **extra)

    def post(self, path, data=None, **extra):
        return self._call("post", path, data, **extra)

    def patch(self, path, data=None, **extra):
        return self._call("patch", path, data, **extra)

    def delete(self, path, **extra):
        return self._call("delete", path, **extra)


@pytest.fixture
def api(client):
    """An anonymous reader."""
    return Api(client)


@pytest.fixture
def api_as(client):
    """Return a function giving an Api client with a token of `scope` for `user`."""

    def make(user, scope="write"):
        _, secret = token_create(user=user, name="test", scope=scope)
        return Api(client, secret)

    return make


@pytest.fixture
def comment(thread, other_member):
    return CommentFactory(thread=thread, author=other_member, body="Published **words**")

"""What the sign-in-with-the-newsroom tests share: tokens signed as a publisher would."""

import time
import uuid

import jwt

SECRET = "a-shared-secret-of-the-publisher-32-bytes-long!"


def claims(**overrides):
    now = int(time.time())
    values = {
        "sub": "reader-42",
        "email": "jane@news.example",
        "name": "Jane Smith",
        "iat": now,
        "exp": now + 300,
        "jti": uuid.uuid4().hex,
    }
    values.update(overrides)
    return {name: value for name, value in values.items() if value is not None}


def hs256(secret=SECRET, **overrides):
    """Return a token signed with the shared secret, as the publisher's backend makes it."""
    return jwt.encode(claims(**overrides), secret, algorithm="HS256")

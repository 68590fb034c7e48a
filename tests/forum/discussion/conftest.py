"""Fixtures of the discussion tests."""

import pytest


@pytest.fixture(autouse=True)
def _no_premoderation(settings):
    # Hold rules are tested in the moderation tests; here every member's comment publishes.
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0

"""Fixtures of the live-update tests: a fresh hub and listener for each test."""

import pytest

# Imported before any test patches `hub`: a module first imported while the hub is patched
# would keep the patched one for good.
from forum.live import hub as hub_module
from forum.live import listener, views  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_hub(monkeypatch):
    """Give each test its own hub (the module's is per process)."""
    fresh = hub_module.Hub()
    for module in ("forum.live.hub", "forum.live.views", "forum.live.listener"):
        monkeypatch.setattr(f"{module}.hub", fresh)
    monkeypatch.setattr(listener, "_task", None)
    yield fresh


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0

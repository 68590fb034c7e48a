"""Fixtures of the translation checks: the messages the sources mark, extracted once a run."""

import pytest

from tests.i18n.catalogues import extract


@pytest.fixture(scope="session")
def extracted(tmp_path_factory):
    """Return the locale/ of a copy of the project after makemessages (see catalogues.extract)."""
    return extract(tmp_path_factory.mktemp("extracted"))

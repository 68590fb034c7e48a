from pathlib import Path

import pytest

from tests.factories import ArticleFactory

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"


@pytest.fixture
def sample():
    """Return the path of a sample archive in tests/data/imports/."""
    return lambda name: str(DATA / name)


@pytest.fixture
def articles(db):
    """The articles the sample archives' threads belong to (by URL path and by slug)."""
    return {
        slug: ArticleFactory(slug=slug)
        for slug in ("the-2019-hanoi-summit-explained", "north-koreas-nuclear-tests-a-timeline")
    }

"""The optional external scorers (Perspective API, Akismet) against a real local HTTP server.

The server answers in each API's documented shape, errors and slowness included; nothing of
the HTTP client is mocked.
"""

import time

import environ
import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from forum import settings_scorers
from forum.comments import breaker, external, reasons, transitions
from forum.errors import CommentRefused
from forum.models import Comment, ScoringPolicy
from forum.refusals import Code
from tests.forum.comments import scorer_server
from tests.forum.comments.scorer_server import (
    AKISMET_PATH,
    PERSPECTIVE_PATH,
    Answer,
    perspective_error,
    perspective_scores,
)

CIVIL = "I disagree with the article: the talks were stalling well before Hanoi."
HELD, PUBLISHED = Comment.Status.PENDING, Comment.Status.PUBLISHED
THRESHOLDS = {"TOXICITY": 0.8, "THREAT": 0.7}


@pytest.fixture
def server():
    server = scorer_server.start()
    yield server
    scorer_server.stop(server)


@pytest.fixture
def perspective(server, settings):
    """Switch Perspective on, pointed at the local server; return the server."""
    settings.PERSPECTIVE_API_KEY = "test-key"
    settings.PERSPECTIVE_URL = server.url + PERSPECTIVE_PATH
    settings.PERSPECTIVE_THRESHOLDS = THRESHOLDS
    settings.SCORER_TIMEOUT_SECONDS = 0.5
    settings.SCORER_BREAKER_FAILURES = 3
    return server


@pytest.fixture
def akismet(server, settings):
    """Switch Akismet on, pointed at the local server; return the server."""
    settings.AKISMET_API_KEY = "akismet-key"
    settings.AKISMET_BLOG_URL = "https://news.example.org"
    settings.AKISMET_URL = server.url + AKISMET_PATH
    settings.SCORER_TIMEOUT_SECONDS = 0.5
    return server


def post(author, thread, body=CIVIL):
    comment = transitions.comment_create(author=author, thread=thread, body=body)
    comment.refresh_from_db()
    return comment


def desk_page(client_as, moderator, comment):
    url = reverse("moderation:comment", args=[comment.pk])
    return client_as(moderator).get(url).content.decode()


pytestmark = pytest.mark.django_db


# Perspective -------------------------------------------------------------------------------


def test_a_comment_over_a_threshold_is_held_with_its_scores_on_the_desk(
    perspective, regular, thread, client_as, moderator
):
    perspective.answers[PERSPECTIVE_PATH] = perspective_scores(TOXICITY=0.93, THREAT=0.12)
    comment = post(regular, thread)
    assert (comment.status, comment.hold_reason) == (HELD, Comment.HoldReason.LIKELY_ABUSIVE)
    assert comment.remote_scores == {
        "perspective": {"scores": {"TOXICITY": 0.93, "THREAT": 0.12}, "thresholds": THRESHOLDS}
    }
    page = desk_page(client_as, moderator, comment)
    assert "Likely abusive: Perspective TOXICITY 0.93 ≥ 0.80" in page
    assert "Perspective: THREAT 0.12 &lt; 0.70, TOXICITY 0.93 ≥ 0.80" in page
    (request,) = perspective.calls(PERSPECTIVE_PATH)
    assert request.query == {"key": ["test-key"]}
    assert request.json() == {
        "comment": {"text": CIVIL},
        "requestedAttributes": {"TOXICITY": {}, "THREAT": {}},
        "doNotStore": True,
    }


def test_a_threat_alone_is_held_as_a_threat(perspective, regular, thread):
    perspective.answers[PERSPECTIVE_PATH] = perspective_scores(TOXICITY=0.3, THREAT=0.85)
    assert post(regular, thread).hold_reason == Comment.HoldReason.LIKELY_THREAT


def test_a_comment_under_every_threshold_is_published_with_its_scores(perspective, regular, thread):
    perspective.answers[PERSPECTIVE_PATH] = perspective_scores(TOXICITY=0.2, THREAT=0.1)
    comment = post(regular, thread)
    assert comment.status == PUBLISHED
    assert comment.remote_scores["perspective"]["scores"] == {"TOXICITY": 0.2, "THREAT": 0.1}


def test_the_site_s_policy_decides_what_a_high_score_does(perspective, regular, thread):
    perspective.answers[PERSPECTIVE_PATH] = perspective_scores(TOXICITY=0.95, THREAT=0.1)
    policy = ScoringPolicy.current()
    policy.action = ScoringPolicy.Action.REJECT
    policy.save()
    with pytest.raises(CommentRefused) as refused:
        post(regular, thread)
    assert refused.value.code == Code.LIKELY_ABUSIVE
    policy.action = ScoringPolicy.Action.MARK
    policy.save()
    assert post(regular, thread, CIVIL + " Again.").status == PUBLISHED


@pytest.mark.parametrize(
    "answer, failure, why",
    [
        (perspective_error(400, "Attribute THREAT does not support request languages: ko",
                           "INVALID_ARGUMENT"), "refused", "the service refused this text"),
        (perspective_error(429, "Quota exceeded", "RESOURCE_EXHAUSTED"), "unavailable",
         "the service failed or could not be reached"),
        (perspective_error(500, "Internal error encountered.", "INTERNAL"), "unavailable",
         "the service failed or could not be reached"),
        (Answer(body="<html>not json</html>"), "bad_answer", "its answer could not be read"),
    ],
)  # fmt: skip
def test_an_error_lets_the_comment_through_the_other_phases_noted_not_scored(
    perspective, regular, member, thread, client_as, moderator, answer, failure, why
):
    perspective.answers[PERSPECTIVE_PATH] = answer
    published = post(regular, thread)
    assert published.status == PUBLISHED
    assert published.remote_scores == {"perspective": {"failure": failure}}
    assert f"Not scored by Perspective ({why}" in desk_page(client_as, moderator, published)
    # A new member's comment is held as it would be anyway.
    held = post(member, thread, "My first comment here.")
    assert (held.status, held.hold_reason) == (HELD, Comment.HoldReason.NEW_MEMBER)
    assert held.remote_scores == {"perspective": {"failure": failure}}


def test_a_timeout_waits_no_longer_than_the_setting(perspective, regular, thread):
    perspective.answers[PERSPECTIVE_PATH] = Answer(delay=2.0, body="{}")
    started = time.monotonic()
    comment = post(regular, thread)
    assert time.monotonic() - started < 1.2  # the setting is 0.5 s; the server sleeps 2 s
    assert comment.status == PUBLISHED
    assert comment.remote_scores == {"perspective": {"failure": "timeout"}}


def test_the_breaker_opens_after_n_failures_and_the_next_comment_makes_no_call(
    perspective, regular, thread, settings, client_as, moderator
):
    settings.SCORER_BREAKER_SECONDS = 1
    perspective.answers[PERSPECTIVE_PATH] = perspective_error(500, "Backend error", "INTERNAL")
    for n in range(3):
        post(regular, thread, f"{CIVIL} ({n})")
    assert len(perspective.calls(PERSPECTIVE_PATH)) == 3 and breaker.is_open("perspective")
    skipped = post(regular, thread, CIVIL + " Later.")
    assert len(perspective.calls(PERSPECTIVE_PATH)) == 3
    assert skipped.status == PUBLISHED
    assert skipped.remote_scores == {"perspective": {"failure": "breaker_open"}}
    assert "Not scored by Perspective (skipped for a while" in desk_page(
        client_as, moderator, skipped
    )
    # After the pause one call goes through; one more failure opens the breaker again at once.
    time.sleep(1.1)
    post(regular, thread, CIVIL + " After the pause.")
    assert len(perspective.calls(PERSPECTIVE_PATH)) == 4 and breaker.is_open("perspective")


def test_a_success_closes_the_breaker_and_a_text_s_own_error_does_not_count(
    perspective, regular, thread
):
    perspective.answers[PERSPECTIVE_PATH] = perspective_error(500, "Backend error", "INTERNAL")
    post(regular, thread, "One.")
    post(regular, thread, "Two.")
    perspective.answers[PERSPECTIVE_PATH] = perspective_scores(TOXICITY=0.1, THREAT=0.1)
    post(regular, thread, "Three.")
    perspective.answers[PERSPECTIVE_PATH] = perspective_error(400, "Bad text", "INVALID_ARGUMENT")
    for n in range(4):
        post(regular, thread, f"Unsupported text {n}.")
    assert not breaker.is_open("perspective")


def test_the_breaker_is_shared_by_every_app_server(perspective, monkeypatch):
    one, two = (
        RedisCache("redis://127.0.0.1:6379/13", {}),
        RedisCache("redis://127.0.0.1:6379/13", {}),
    )
    try:
        one.clear()
    except Exception:  # noqa: BLE001 - any connection error
        pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setattr(breaker, "cache", one)
    for _ in range(3):
        breaker.failed("perspective")
    monkeypatch.setattr(breaker, "cache", two)
    assert breaker.is_open("perspective")
    one.clear()


def test_an_edit_is_scored_again(perspective, regular, thread):
    perspective.answers[PERSPECTIVE_PATH] = perspective_scores(TOXICITY=0.1, THREAT=0.1)
    comment = post(regular, thread)
    perspective.answers[PERSPECTIVE_PATH] = perspective_scores(TOXICITY=0.9, THREAT=0.1)
    transitions.comment_edit(comment=comment, editor=regular, body=CIVIL + " Edited.")
    comment.refresh_from_db()
    assert (comment.status, comment.held_on_edit) == (HELD, True)
    assert comment.remote_scores["perspective"]["scores"]["TOXICITY"] == 0.9


def test_the_thresholds_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PERSPECTIVE_THRESHOLDS", "toxicity=0.5, THREAT=0.9")
    monkeypatch.delenv("PERSPECTIVE_API_KEY", raising=False)
    read = settings_scorers.scorer_settings(environ.Env())
    assert read["PERSPECTIVE_THRESHOLDS"] == {"TOXICITY": 0.5, "THREAT": 0.9}
    assert read["PERSPECTIVE_API_KEY"] == "" and read["SCORER_TIMEOUT_SECONDS"] == 2.0


# Off unless configured ---------------------------------------------------------------------


def test_no_scorer_is_called_when_none_is_configured(server, regular, thread):
    comment = post(regular, thread)
    assert external.configured() == [] and server.requests == []
    assert comment.status == PUBLISHED and comment.remote_scores == {}


def test_a_moderator_s_comment_is_not_sent(perspective, akismet, moderator, thread):
    comment = post(moderator, thread)
    assert perspective.requests == [] and comment.remote_scores == {}


# Akismet -----------------------------------------------------------------------------------


def test_spam_is_held_and_the_desk_says_akismet_found_it(
    akismet, regular, thread, client_as, moderator
):
    akismet.answers[AKISMET_PATH] = Answer(body="true")
    comment = post(regular, thread, "Cheap watches, best prices, visit my shop today")
    assert (comment.status, comment.hold_reason) == (HELD, Comment.HoldReason.LIKELY_SPAM)
    assert comment.remote_scores == {"akismet": {"spam": True, "discard": False}}
    page = desk_page(client_as, moderator, comment)
    assert "Likely spam" in page and "Akismet: spam" in page
    form = akismet.calls(AKISMET_PATH)[0].form()
    assert form["api_key"] == "akismet-key" and form["blog"] == "https://news.example.org"
    assert form["comment_type"] == "comment" and form["comment_author"] == "regular"
    assert form["comment_content"].startswith("Cheap watches")
    # Outside a request (this test posts directly) there is no client to tell Akismet of.
    assert form.get("user_ip", "") == "" and form.get("user_agent", "") == ""


def test_akismet_is_told_the_posters_address_and_browser(akismet, regular, thread, client):
    akismet.answers[AKISMET_PATH] = Answer(body="false")
    client.force_login(regular)
    response = client.post(
        reverse("forum:comment_post", args=[thread.pk]),
        {"body": "A fair point about sanctions."},
        HTTP_USER_AGENT="Mozilla/5.0 (test)",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code in (200, 302)
    form = akismet.calls(AKISMET_PATH)[0].form()
    assert form["user_ip"] == "203.0.113.9" and form["user_agent"] == "Mozilla/5.0 (test)"


def test_the_author_of_held_spam_is_told_why(akismet, regular, thread):
    akismet.answers[AKISMET_PATH] = Answer(body="true")
    comment = post(regular, thread)
    assert "automatic check read it as possible spam" in reasons.posted_message(comment)


def test_blatant_spam_is_held_too_and_the_desk_says_so(
    akismet, regular, thread, client_as, moderator
):
    akismet.answers[AKISMET_PATH] = Answer(body="true", headers={"X-akismet-pro-tip": "discard"})
    comment = post(regular, thread)
    assert comment.status == HELD
    assert comment.remote_scores == {"akismet": {"spam": True, "discard": True}}
    assert "Akismet: blatant spam" in desk_page(client_as, moderator, comment)


def test_a_comment_akismet_clears_is_published(akismet, regular, thread):
    akismet.answers[AKISMET_PATH] = Answer(body="false")
    comment = post(regular, thread)
    assert comment.status == PUBLISHED
    assert comment.remote_scores == {"akismet": {"spam": False, "discard": False}}


def test_an_invalid_key_is_noted_and_the_comment_goes_on(
    akismet, regular, thread, client_as, moderator
):
    akismet.answers[AKISMET_PATH] = Answer(
        body="invalid", headers={"X-akismet-debug-help": "We were unable to verify your key."}
    )
    comment = post(regular, thread)
    assert comment.status == PUBLISHED
    assert comment.remote_scores == {"akismet": {"failure": "invalid_key"}}
    assert "Not scored by Akismet (the service refused the site’s API key)" in desk_page(
        client_as, moderator, comment
    )


def test_an_akismet_timeout_is_noted_and_the_comment_goes_on(akismet, regular, thread):
    akismet.answers[AKISMET_PATH] = Answer(body="true", delay=2.0)
    started = time.monotonic()
    comment = post(regular, thread)
    assert time.monotonic() - started < 1.2
    assert comment.status == PUBLISHED
    assert comment.remote_scores == {"akismet": {"failure": "timeout"}}


def test_both_scorers_are_asked_at_once_so_two_timeouts_cost_one(
    perspective, akismet, regular, thread
):
    perspective.answers[PERSPECTIVE_PATH] = Answer(delay=2.0, body="{}")
    akismet.answers[AKISMET_PATH] = Answer(delay=2.0, body="false")
    started = time.monotonic()
    comment = post(regular, thread)
    assert time.monotonic() - started < 0.9  # one timeout of 0.5 s, not two
    assert comment.remote_scores == {
        "perspective": {"failure": "timeout"},
        "akismet": {"failure": "timeout"},
    }


@pytest.fixture(autouse=True)
def _closed_breakers_and_room_to_post(settings):
    settings.COMMENT_RATE_PER_MINUTE = 100
    cache.clear()

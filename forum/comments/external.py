"""The optional external scorers: Perspective API (toxicity) and Akismet (spam).

Each is off unless its key is set (forum/settings_scorers.py). The configured ones are asked
at the same time, on worker threads, and waited for SCORER_TIMEOUT_SECONDS at most, however
slowly a server answers; a scorer that times out, errs or is behind an open breaker
(forum/comments/breaker.py) gives a failure instead of a score, and the comment goes on
through the other phases. What each answered is kept with the comment (`remote_scores`):

    {"perspective": {"scores": {"TOXICITY": 0.93}, "thresholds": {"TOXICITY": 0.8}},
     "akismet": {"spam": true, "discard": false}}
    {"perspective": {"failure": "timeout"}}

Akismet is spoken to through its REST protocol with `requests` (the `akismet` package is not
a dependency). It is told the poster's address and browser (the request's), which are kept
with its answer: when a moderator decides otherwise than it did, it is told so
(`akismet_feedback`: submit-spam or submit-ham) with the same fields as the check, as its
API asks. The member's e-mail address is never sent.
"""

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import requests
from django.conf import settings

from forum.comments import breaker
from forum.platform.client_address import current_client

logger = logging.getLogger(__name__)

PERSPECTIVE, AKISMET = "perspective", "akismet"

# Failures, as stored: the desk words them (forum/comments/reasons.py).
TIMEOUT, UNAVAILABLE, REFUSED, BAD_KEY, BAD_ANSWER, SKIPPED = (
    "timeout",
    "unavailable",
    "refused",
    "invalid_key",
    "bad_answer",
    "breaker_open",
)

# Calls that outlive their wait finish here, in the background, bounded by the same timeout.
_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="scorer")


class ScorerFailed(Exception):
    """A scorer gave no usable answer: `failure` says how, `counts` if the breaker counts it."""

    def __init__(self, failure, detail="", *, counts=True):
        super().__init__(f"{failure}: {detail}" if detail else failure)
        self.failure, self.counts = failure, counts


def configured():
    """Return the names of the external scorers this site has switched on."""
    names = []
    if settings.PERSPECTIVE_API_KEY and settings.PERSPECTIVE_THRESHOLDS:
        names.append(PERSPECTIVE)
    if settings.AKISMET_API_KEY and settings.AKISMET_BLOG_URL:
        names.append(AKISMET)
    return names


def _post(url, **kwargs):
    timeout = settings.SCORER_TIMEOUT_SECONDS
    try:
        return requests.post(url, timeout=(timeout, timeout), **kwargs)
    except requests.Timeout as error:
        raise ScorerFailed(TIMEOUT, str(error)) from error
    except requests.RequestException as error:
        raise ScorerFailed(UNAVAILABLE, str(error)) from error


def perspective(*, author, body):
    """Return Perspective's score of each attribute asked for, with its threshold."""
    thresholds = dict(settings.PERSPECTIVE_THRESHOLDS)
    response = _post(
        settings.PERSPECTIVE_URL,
        params={"key": settings.PERSPECTIVE_API_KEY},
        json={
            "comment": {"text": body},
            "requestedAttributes": {name: {} for name in thresholds},
            "doNotStore": True,
        },
    )
    if response.status_code == 400:
        # This text's own problem (e.g. a language an attribute does not support): the
        # service is up, so the breaker does not count it.
        raise ScorerFailed(REFUSED, response.text[:200], counts=False)
    if response.status_code in (401, 403):
        raise ScorerFailed(BAD_KEY, response.text[:200])
    if response.status_code != 200:
        raise ScorerFailed(UNAVAILABLE, f"HTTP {response.status_code}")
    try:
        attributes = response.json()["attributeScores"]
        scores = {
            name: round(float(attributes[name]["summaryScore"]["value"]), 2) for name in thresholds
        }
    except (ValueError, KeyError, TypeError) as error:
        raise ScorerFailed(BAD_ANSWER, repr(error)) from error
    return {"scores": scores, "thresholds": thresholds}


def _akismet_fields(author_name, body, client):
    """Return what Akismet is told of a comment; `client` is {"user_ip", "user_agent"} or {}."""
    return {
        "user_ip": client.get("user_ip", ""),
        "user_agent": client.get("user_agent", ""),
        "api_key": settings.AKISMET_API_KEY,
        "blog": settings.AKISMET_BLOG_URL,
        "comment_type": "comment",
        "comment_author": author_name,
        "comment_content": body,
        "blog_lang": settings.LANGUAGE_CODE,
        "blog_charset": "UTF-8",
    }


def akismet(*, author, body, client=None):
    """Return whether Akismet reads the text as spam, and as blatant spam ("discard").

    `client` is the poster's request's (address and browser, which Akismet's API asks for);
    they are kept with the answer, for telling Akismet of a moderator's decision later.
    """
    sent = {"user_ip": client.address or "", "user_agent": client.user_agent} if client else {}
    response = _post(
        settings.AKISMET_URL,
        data=_akismet_fields(author.username, body, sent),
        headers={"User-Agent": "forum/1.0"},
    )
    answer = response.text.strip()
    if response.status_code != 200:
        raise ScorerFailed(UNAVAILABLE, f"HTTP {response.status_code}")
    if answer == "invalid":
        raise ScorerFailed(BAD_KEY, response.headers.get("X-akismet-debug-help", ""))
    if answer not in ("true", "false"):
        raise ScorerFailed(BAD_ANSWER, response.headers.get("X-akismet-debug-help", answer[:200]))
    discard = response.headers.get("X-akismet-pro-tip", "").strip().lower() == "discard"
    found = {"spam": answer == "true", "discard": answer == "true" and discard}
    return found | ({"client": sent} if sent else {})


SPAM, HAM = "spam", "ham"


def akismet_feedback(verdict, *, author_name, body, answer):
    """Tell Akismet that a comment it checked is spam (`SPAM`) or not (`HAM`) after all.

    `answer` is what its check answered (kept with the comment): the same fields are sent
    again. The call goes through the scorer's breaker: skipped while it is open
    (ScorerFailed(SKIPPED)), a failure counted towards opening it.
    """
    if breaker.is_open(AKISMET):
        raise ScorerFailed(SKIPPED, counts=False)
    url = f"{settings.AKISMET_URL.rsplit('/', 1)[0]}/submit-{verdict}"
    try:
        response = _post(
            url,
            data=_akismet_fields(author_name, body, answer.get("client", {})),
            headers={"User-Agent": "forum/1.0"},
        )
        if response.status_code != 200:
            raise ScorerFailed(UNAVAILABLE, f"HTTP {response.status_code}")
        if response.text.strip() == "invalid":
            raise ScorerFailed(BAD_KEY, response.headers.get("X-akismet-debug-help", ""))
    except ScorerFailed as error:
        _failed(AKISMET, error)
        raise
    breaker.succeeded(AKISMET)


SCORERS = {PERSPECTIVE: perspective, AKISMET: akismet}


def _arguments(name, author, body):
    # Read here, in the request's own thread: the pool's threads don't share its context.
    client = {"client": current_client()} if name == AKISMET else {}
    return {"author": author, "body": body, **client}


def scores(*, author, body):
    """Ask every configured scorer about `body` at once; return what each answered or how it failed.

    Nothing here waits longer than SCORER_TIMEOUT_SECONDS (and a little scheduling).
    """
    deadline = time.monotonic() + settings.SCORER_TIMEOUT_SECONDS
    calls, results = {}, {}
    for name in configured():
        if breaker.is_open(name):
            results[name] = {"failure": SKIPPED}
        else:
            calls[name] = _pool.submit(SCORERS[name], **_arguments(name, author, body))
    for name, call in calls.items():
        try:
            results[name] = call.result(timeout=max(deadline - time.monotonic(), 0))
        except FutureTimeout:
            results[name] = _failed(name, ScorerFailed(TIMEOUT))
        except ScorerFailed as error:
            results[name] = _failed(name, error)
        except Exception as error:  # a scorer's bug must not lose the comment
            logger.exception("scorer %s crashed", name)
            results[name] = _failed(name, ScorerFailed(BAD_ANSWER, repr(error)))
        else:
            breaker.succeeded(name)
    return results


def _failed(name, error):
    logger.warning("scorer %s gave no score: %s", name, error)
    if error.counts and breaker.failed(name):
        logger.warning("scorer %s skipped for %ss", name, settings.SCORER_BREAKER_SECONDS)
    return {"failure": error.failure}

"""The reader's part of a comment card: vote, reply, report, edit, moderate, a result.

Rendered per request from a small template (forum/_comment_reader.html) and spliced into
the shared card's slots by forum.discussion.cards. Rendering it once per comment would cost
more than the rest of the page, so each kind of part is rendered once with sample values and
stamped with each comment's own (`ReaderStamps`).

Moderators also see each author's trust level there (forum.comments.trust), read for the
whole page in one query.
"""

import functools
import re
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import trans_real

from forum import refusals
from forum.comments import trust

READER_TEMPLATE = "forum/_comment_reader.html"
SLOT_SEPARATOR = "<!--slot-->"
# Where a moderator's stamp takes each author's trust level: a text no template writes.
_STANDING_MARK = "\x02standing\x02"


# Reversed once per process: `{% url %}` for every action of 200 comments costs more than
# the rest of the reader's part.
_COMMENT_ACTIONS = {
    "vote": "forum:comment_vote",
    "reply": "forum:comment_reply",
    "report": "forum:comment_report",
    "notice": "notices:notice_comment",
    "edit": "forum:comment_edit",
    "delete": "forum:comment_delete",
    "moderate": "moderation:comment",
}
_SAMPLE_PK = 987654321


@functools.cache
def _url_patterns():
    return {
        name: reverse(view, args=[_SAMPLE_PK]).replace(str(_SAMPLE_PK), "{}")
        for name, view in _COMMENT_ACTIONS.items()
    }


def comment_urls(pk):
    """Return the URLs of a comment's actions, as {% url %} would give them."""
    return {name: pattern.format(pk) for name, pattern in _url_patterns().items()}


_SAMPLE_SCORE = 123456789
_LINE_BREAK = re.compile(r"\s*\n\s*")  # in our own markup: no <pre> or <textarea> in it


class ReaderStamps:
    """Render the reader's part of a card once per kind of comment, then fill in each one.

    The reader's part varies with a few flags (published, own, voted, still editable, one
    vote or several) and otherwise only by the comment's id and score: render each kind
    once with sample values and put the real ones in by replacing text, a few microseconds
    per comment instead of a template render. After an action (a result to show) each card
    is rendered in full.
    """

    def __init__(self, template, context, *, login_url, standings=None):
        self.template = template
        self.context = context
        self.login_url = login_url
        self.standings = standings  # {author id: HTML}, for a moderator; else None
        self.stamps = {}
        self.samples = {}  # plural form -> sample score
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.plural = trans_real.translation(language).plural
        self.now = timezone.now()  # one edit window for the whole page

    def _render(self, card, *, is_own, voted, editable, standing=""):
        urls = comment_urls(card.pk) | {"login": self.login_url}
        node = SimpleNamespace(is_own=is_own, voted=voted, editable=editable, standing=standing)
        with self.context.push(node=node, comment=card, urls=urls):
            return self.template.render(self.context)

    def _sample_score(self, score):
        """Return a sample score that takes the plural form `score` takes in the page's
        language ("1 up-vote", "5 up-votes"; Arabic has six forms), or None when no other
        number does (English's 1, Arabic's 0, 1 and 2): such a score is rendered as it is."""
        if score <= 2:  # 0, 1 and 2 have forms of their own in some language, or its fallback
            return None
        form = self.plural(score)
        if form not in self.samples:
            candidates = range(_SAMPLE_SCORE, _SAMPLE_SCORE + 100)
            self.samples[form] = next((n for n in candidates if self.plural(n) == form), None)
        return self.samples[form]

    def render(self, card, *, is_own, voted):
        """Return the reader's part of `card`: one piece per slot."""
        editable = card.editable_by(self.context["user"], self.now)
        standing = self.standings.get(card.author_id, "") if self.standings else ""
        if self.context["has_results"]:
            flags = {"is_own": is_own, "voted": voted, "editable": editable}
            rendered = self._render(card, **flags, standing=standing)
            return rendered.split(SLOT_SEPARATOR)
        sample_score = self._sample_score(card.score)
        kind = (
            bool(standing),
            card.is_published,
            is_own,
            voted,
            editable,
            sample_score or card.score,
        )
        pieces = self.stamps.get(kind)
        if pieces is None:
            sample = card._replace(pk=_SAMPLE_PK, score=sample_score or card.score)
            stamp = self._render(
                sample,
                is_own=is_own,
                voted=voted,
                editable=editable,
                standing=_STANDING_MARK if standing else "",
            )
            # Repeated on every card: its indentation alone would add tens of KB to a page.
            stamp = _LINE_BREAK.sub("\n", stamp)
            # A format string per slot: {0} the comment's id, {1} its score, {2} the standing.
            stamp = stamp.replace("{", "{{").replace("}", "}}")
            stamp = stamp.replace(str(_SAMPLE_PK), "{0}").replace(_STANDING_MARK, "{2}")
            if sample_score:
                stamp = stamp.replace(str(sample_score), "{1}")
            pieces = self.stamps[kind] = stamp.split(SLOT_SEPARATOR)
        return [piece.format(card.pk, card.score, standing) for piece in pieces]


def reader_stamps(request, context, *, author_ids=()):
    """Return the ReaderStamps of this request's reader for the cards of one page.

    `context` holds what the reader's part needs besides the card: `thread`, `is_moderator`,
    and `result`/`result_level` for an htmx answer. A moderator also gets the trust levels of
    `author_ids`.
    """
    messages = get_messages(request)
    user = request.user
    reader = Context(
        {
            "user": user,
            "request": request,
            "csrf_token": get_token(request) if user.is_authenticated else "",
            "SITE_URL": settings.SITE_URL,
            "messages": messages,
            "has_results": bool(messages) or bool(context.get("result")),
            # Asked once per page, not once per comment.
            "signed_in": user.is_authenticated,
            "can_act": not refusals.participation(user),
            "thread_open": context["thread"].is_open,
            "thread_url_quoted": quote(context["thread"].url, safe=""),
            **context,
        },
        autoescape=True,
    )
    standings = None
    if context.get("is_moderator"):
        standings = {
            author_id: _standing_html(standing)
            for author_id, standing in trust.standings(author_ids).items()
        }
    return ReaderStamps(
        get_template(READER_TEMPLATE).template,
        reader,
        login_url=reverse("account_login"),
        standings=standings,
    )


def _standing_html(standing):
    # As the desk shows it (forum/moderation/desk.html).
    return format_html(
        '<p class="comment__trust">{} <strong class="trust trust--{}">{}</strong>'
        ' <span class="meta">({})</span></p>',
        _("Trust:"),
        standing.code,
        standing.label,
        standing.why,
    )

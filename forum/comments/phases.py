"""The moderation of a new or edited comment: an ordered list of small phases.

Each phase reads the submission and returns a Verdict with a typed reason, or None to
leave the decision to the next one. This module only decides; the transitions write.
"""

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings

from forum import refusals
from forum.comments import external, scoring, slowmode, trust
from forum.comments.contempt import contempt_in
from forum.comments.slurs import slur_in
from forum.comments.threats import threat_in
from forum.comments.words import word_lists
from forum.models import Comment, ScoringPolicy
from forum.refusals import Code, Refusal
from forum.roles import is_moderator

URL_PATTERN = re.compile(r"(https?://|www\.|mailto:|\]\()", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    """What happens to a new comment: published, held with a reason, or refused."""

    status: str
    hold_reason: str = ""  # a Comment.HoldReason
    refusal: Refusal | None = None
    hold_detail: str = ""
    rejection_reason: str = ""  # for a refusal kept as a rejected comment
    # What the scoring measured, kept with the comment; not part of the decision itself.
    toxicity_score: float | None = dataclasses.field(default=None, compare=False)
    toxicity_threshold: float | None = dataclasses.field(default=None, compare=False)
    remote_scores: dict = dataclasses.field(default_factory=dict, compare=False)


class Submission:
    """A new or edited comment as the phases see it; what they read is read once."""

    def __init__(self, *, author, thread, body, new=True, remote=None):
        self.author, self.thread, self.body = author, thread, body
        self.new = new  # a new comment, not an edit of one
        if remote is not None:  # asked before the transaction (`ask_external_scorers`)
            self.remote = remote

    @cached_property
    def writes_the_article(self):
        """Whether the author is one of the article's authors (one query, asked only in
        slow mode)."""
        return self.thread.authors.filter(pk=self.author.pk).exists()

    @cached_property
    def words(self):
        """(banned, suspect): the phrases of the word lists that the text uses."""
        return word_lists(self.body)

    @cached_property
    def policy(self):
        """The site's scoring policy (what a score at or past the threshold does)."""
        return ScoringPolicy.current()

    @cached_property
    def toxicity(self):
        """The text's toxicity score (0 to 1), computed once, when a phase asks for it."""
        return scoring.toxicity(self.body)

    @property
    def scored(self):
        return "toxicity" in self.__dict__

    @cached_property
    def remote(self):
        """What the external scorers answered, or how they failed, by scorer (maybe none)."""
        return ask_external_scorers(author=self.author, body=self.body)

    @cached_property
    def history(self):
        """The author's published comments and recent rejections (one query)."""
        return trust.histories([self.author.pk]).get(self.author.pk, trust.History())

    @property
    def published(self):
        """How many of the author's comments are published."""
        return self.history.published

    @cached_property
    def level(self):
        """The author's trust level (forum/comments/trust.py)."""
        return trust.standing(self.author, self.history).level


PUBLISH = Verdict(Comment.Status.PUBLISHED)
HELD, WHY = Comment.Status.PENDING, Comment.HoldReason


def refuse_banned_words(s):
    if banned := s.words[0]:
        return Verdict(
            status="refused",
            refusal=Refusal(Code.BANNED_WORD, {"word": banned[0]}),
            hold_reason=WHY.BANNED_WORD,
            rejection_reason="banned_word",
        )
    return None


def refuse_non_participants(s):
    """Refuse an author who may not take part now (banned, suspended, unconfirmed)."""
    if refusal := refusals.participation(s.author):
        return Verdict("refused", refusal=refusal)
    return None


def publish_moderators(s):
    return PUBLISH if is_moderator(s.author) else None


def wait_in_slow_mode(s):
    """Refuse, for now, a member's next comment in a thread in slow mode until their wait ends.

    The article's authors are not slowed: answering readers is what they are there for.
    """
    if not s.new or not (seconds := slowmode.wait_seconds(s.thread.pk, s.author.pk)):
        return None
    if s.writes_the_article:
        return None
    mode = slowmode.current(s.thread.pk)
    minutes = mode.interval_minutes if mode else 1
    return Verdict(
        "wait", refusal=Refusal(Code.SLOW_MODE, {"seconds": seconds, "minutes": minutes})
    )


def hold_new_members_in_slow_mode(s):
    """Hold a new member's comment in a thread in slow mode."""
    if s.new and s.level == trust.Level.NEW and slowmode.current(s.thread.pk):
        if not s.writes_the_article:
            return Verdict(HELD, WHY.SLOW_MODE)
    return None


def score_toxicity(s):
    """Hold, refuse or only mark a text whose toxicity score reaches the site's threshold."""
    if not settings.TOXICITY_SCORING:
        return None
    policy = s.policy
    if s.toxicity < policy.threshold or policy.action == ScoringPolicy.Action.MARK:
        return None
    if policy.action == ScoringPolicy.Action.REJECT:
        return Verdict(
            "refused",
            refusal=Refusal(Code.LIKELY_ABUSIVE),
            hold_reason=WHY.LIKELY_ABUSIVE,
            rejection_reason="likely_abusive",
        )
    reason, phrase = _named(s)
    return Verdict(HELD, reason, hold_detail=phrase)


def _named(s):
    """(reason, phrase) for a text the score holds: a pattern's, when one names what it is,
    so the desk says "Possible threat …: knows where you live" rather than only a number."""
    for find, reason in (
        (threat_in, WHY.LIKELY_THREAT),
        (slur_in, WHY.LIKELY_THREAT),
        (contempt_in, WHY.LIKELY_ABUSIVE),
    ):
        if phrase := find(s.body):
            return reason, phrase[:100]
    return WHY.LIKELY_ABUSIVE, ""


def score_perspective(s):
    """Hold or refuse, as the site's policy says, a text Perspective scores past a threshold."""
    scored = s.remote.get(external.PERSPECTIVE, {})
    scores, thresholds = scored.get("scores", {}), scored.get("thresholds", {})
    over = [name for name, score in scores.items() if score >= thresholds.get(name, 2)]
    if not over or s.policy.action == ScoringPolicy.Action.MARK:
        return None
    if s.policy.action == ScoringPolicy.Action.REJECT:
        return Verdict(
            "refused",
            refusal=Refusal(Code.LIKELY_ABUSIVE),
            hold_reason=WHY.LIKELY_ABUSIVE,
            rejection_reason="likely_abusive",
        )
    figures = ", ".join(f"{name} {scores[name]:.2f} ≥ {thresholds[name]:.2f}" for name in over)
    reason = WHY.LIKELY_THREAT if over == ["THREAT"] else WHY.LIKELY_ABUSIVE
    return Verdict(HELD, reason, hold_detail=f"Perspective {figures}"[:100])


def hold_spam(s):
    """Hold a text Akismet reads as spam (only marked when the site's policy only marks).

    Never refused: the refusal's words are about abuse, and a held false positive loses nothing.
    """
    if not s.remote.get(external.AKISMET, {}).get("spam"):
        return None
    return None if s.policy.action == ScoringPolicy.Action.MARK else Verdict(HELD, WHY.LIKELY_SPAM)


def hold_threats(s):
    """Hold a text that threatens someone or dehumanises a group (patterns, not the model)."""
    if settings.TOXICITY_SCORING and (phrase := threat_in(s.body)):
        return Verdict(HELD, WHY.LIKELY_THREAT, hold_detail=phrase[:100])
    return None


def hold_slurs(s):
    """Hold a text that uses a slur for a people, a sexuality or a disability (a list)."""
    if settings.TOXICITY_SCORING and (slur := slur_in(s.body)):
        return Verdict(HELD, WHY.LIKELY_THREAT, hold_detail=slur[:100])
    return None


def hold_contempt(s):
    """Hold a text that insults a person without swearing ("you pompous windbag"; patterns).

    Held, never refused, as a pattern is cruder than a person; a site that only marks
    likely abusive comments does not hold these either.
    """
    if not settings.TOXICITY_SCORING or s.policy.action == ScoringPolicy.Action.MARK:
        return None
    if phrase := contempt_in(s.body):
        return Verdict(HELD, WHY.LIKELY_ABUSIVE, hold_detail=phrase[:100])
    return None


def hold_premoderated_thread(s):
    return Verdict(HELD, WHY.THREAD_PREMODERATED) if s.thread.premoderate else None


def hold_premoderated_member(s):
    return Verdict(HELD, WHY.MEMBER_PREMODERATED) if s.author.always_premoderate else None


def hold_new_member(s):
    """Hold the first comments of a new member (a trusted or member level skips it)."""
    if s.level == trust.Level.NEW and s.published < settings.PREMODERATE_FIRST_COMMENTS:
        return Verdict(HELD, WHY.NEW_MEMBER)
    return None


def hold_suspect_words(s):
    if suspect := s.words[1]:
        return Verdict(HELD, WHY.SUSPECT_WORD, hold_detail=suspect[0][:100])
    return None


def hold_links_from_new_members(s):
    """Hold a link from a member at the new level (too few comments, or a recent rejection)."""
    if s.level == trust.Level.NEW and URL_PATTERN.search(s.body):
        return Verdict(HELD, WHY.LINK_FROM_NEW_MEMBER)
    return None


# The moderation of a new comment (or an edit), in order: the first phase that decides,
# wins; a comment none of them decides on is published. A new rule is a new phase here.
PHASES = (
    refuse_banned_words,
    refuse_non_participants,
    publish_moderators,
    wait_in_slow_mode,
    score_toxicity,
    score_perspective,
    hold_spam,
    hold_threats,
    hold_slurs,
    hold_contempt,
    hold_premoderated_thread,
    hold_premoderated_member,
    hold_new_members_in_slow_mode,
    hold_new_member,
    hold_suspect_words,
    hold_links_from_new_members,
)


def ask_external_scorers(*, author, body):
    """Return what the configured external scorers say of a text (none for a moderator's).

    The transitions call it before their transaction, so no lock is held while a remote
    service is waited for.
    """
    if not external.configured() or is_moderator(author):
        return {}
    return external.scores(author=author, body=body)


def review_new_comment(*, author, thread, body, new=True, remote=None):
    """Decide whether a new comment is published, held for review, or refused outright.

    `new=False` reviews an edit: the rules about posting again (slow mode) don't apply.
    `remote` is what `ask_external_scorers` answered, when asked beforehand.
    """
    submission = Submission(author=author, thread=thread, body=body, new=new, remote=remote)
    verdict = next(filter(None, (phase(submission) for phase in PHASES)), PUBLISH)
    # The scores are kept with the comment whatever decided it, for the desk to show.
    if "remote" in submission.__dict__:
        verdict = dataclasses.replace(verdict, remote_scores=submission.remote)
    if not submission.scored:
        return verdict
    return dataclasses.replace(
        verdict,
        toxicity_score=submission.toxicity,
        toxicity_threshold=submission.policy.threshold,
    )

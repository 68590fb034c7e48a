"""Why the forum refuses an action: the one table of the words of each code (forum/codes.py).

Services raise a refusal with a code and its parameters (forum.errors.ActionRefused); the
pages show its words (`str(error)`), the API chooses its status from the code
(forum/api/errors.py). Words are for people: translate them, never compare them.
"""

from dataclasses import dataclass, field
from datetime import UTC

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from forum.codes import Code

FORM_NOT_UTF8 = _(
    "Your form could not be read: it contained characters that aren’t valid UTF-8 text, "
    "so nothing was saved. Go back, copy your text into the form again and send it."
)


def _suspended(until, reason=""):
    # In the page's language and its date format; the time in UTC, as the words say.
    until = date_format(until.astimezone(UTC), "DATETIME_FORMAT")
    if reason:
        return gettext("Your account is suspended until {until} UTC: {reason}").format(
            until=until, reason=reason
        )
    return gettext("Your account is suspended until {until} UTC.").format(until=until)


def _slow_mode(minutes, seconds):
    # Two counts, each with its language's plural ("every minute", "in 1 second").
    every = ngettext(
        "This discussion is busy, so everyone can post one comment every minute.",
        "This discussion is busy, so everyone can post one comment every {minutes} minutes.",
        minutes,
    ).format(minutes=minutes)
    wait = ngettext(
        "You can post again in {seconds} second; your text is still here.",
        "You can post again in {seconds} seconds; your text is still here.",
        seconds,
    ).format(seconds=seconds)
    return f"{every} {wait}"


def _dated(text, **formats):
    """Return the words of `text` with the named dates in the language's own format."""

    def words(**params):
        dates = {name: date_format(params[name], fmt) for name, fmt in formats.items()}
        return str(text).format(**(params | dates))

    return words


# The words of each code: a text whose {fields} are the refusal's parameters, or a function
# of them for a text that changes its shape.
WORDS = {
    Code.SIGN_IN: _("Sign in to join the discussion."),
    Code.BANNED: _("Your account can no longer take part in discussions."),
    Code.SUSPENDED: _suspended,
    Code.UNVERIFIED: _("Confirm your e-mail address to join the discussion."),
    Code.MODERATORS_ONLY: _("Only moderators can do this."),
    Code.ADMINISTRATORS_ONLY: _("Only administrators can grant or revoke moderator rights."),
    Code.EMPTY_COMMENT: _("Your comment is empty. Write something, then post it."),
    Code.NOTHING_TO_READ: _(
        "Your comment has only formatting marks and nothing to read. Write something, then post it."
    ),
    Code.COMMENT_TOO_LONG: _(
        "Your comment is {length:,} characters long; the limit is {limit:,}. "
        "Shorten it and post again."
    ),
    Code.THREAD_CLOSED: _("Comments on this article are closed."),
    Code.OTHER_THREAD: _("That comment belongs to another discussion."),
    Code.PARENT_UNAVAILABLE: _(
        "The comment you’re replying to is no longer available, so your reply wasn’t "
        "posted. Your text is still here."
    ),
    Code.BANNED_WORD: _(
        "Your comment uses language our community guidelines don’t allow (“{word}”). "
        "Please edit it and post again."
    ),
    Code.SLOW_MODE: _slow_mode,
    Code.LIKELY_ABUSIVE: _(
        "Our automatic check reads your comment as likely abusive, so it wasn’t posted. "
        "Your text is still here: please rephrase it and post again."
    ),
    Code.KEY_REUSED: _(
        "This looks like a comment you already posted; your new text is still here."
    ),
    Code.IMPORT_REFUSED: _(
        "The archive’s comment {key} can’t be imported: {reason} Nothing was imported."
    ),
    # A retry of a comment taken down since it was posted: the same words as an author's
    # removal of it, but the API answers it as a refused comment, not as a conflict.
    Code.TAKEN_DOWN_SINCE_POSTED: _("This comment was already taken down by the moderators."),
    Code.COMMENT_TAKEN_DOWN: _("This comment was already taken down by the moderators."),
    Code.POSTING_TOO_FAST: _(
        "You’re posting faster than we allow ({limit} comments a minute). "
        "Your text is still here: wait a minute, then post it."
    ),
    Code.DAILY_LIMIT: _(
        "You’ve reached today’s limit of {limit} comments. "
        "Your text is still here: please come back tomorrow."
    ),
    Code.EDITING_TOO_FAST: _(
        "You’re editing faster than we allow. Wait a minute, then save again."
    ),
    Code.NOT_AUTHOR_EDIT: _("Only the author can edit a comment."),
    Code.NOT_YOURS_TO_CLAIM: _(
        "These imported comments are not under one of your verified e-mail addresses "
        "(or were claimed already); nothing changed."
    ),
    Code.NOT_AUTHOR_REMOVE: _("Only the author can remove a comment."),
    Code.UNDER_REVIEW: _(
        "This comment is being reviewed by the moderators; it can’t be edited now."
    ),
    Code.EDIT_WINDOW_CLOSED: _("Comments can only be edited for {minutes} minutes after posting."),
    Code.OWN_COMMENT_VOTE: _("You can’t vote for your own comment."),
    Code.NOT_PUBLISHED_VOTE: _("Only published comments can be voted on."),
    Code.VOTING_TOO_FAST: _(
        "You’re voting faster than we allow ({limit} votes a minute). "
        "Your votes so far are counted: wait a minute, then carry on."
    ),
    Code.VOTES_FROM_ADDRESS: _(
        "A lot of votes came from your network in the last minute. Wait a minute, then try again."
    ),
    Code.FOLLOWING_TOO_FAST: _(
        "You’re following and unfollowing faster than we allow ({limit} a minute). "
        "Wait a minute, then try again."
    ),
    Code.FOLLOWS_FROM_ADDRESS: _(
        "A lot of follows came from your network in the last minute. Wait a minute, then try again."
    ),
    Code.REPORT_WITHOUT_REASON: _("Choose a reason for your report."),
    Code.REPORT_OTHER_WITHOUT_NOTE: _("Tell us briefly what’s wrong when you choose “Other”."),
    Code.NOTE_TOO_LONG: _("Keep the note to {limit:,} characters or fewer."),
    Code.REPORTING_TOO_FAST: _(
        "You’ve sent a lot of reports in the last hour. Thank you; please try again later."
    ),
    Code.REPORTS_FROM_ADDRESS: _(
        "A lot of reports came from your network in the last hour. "
        "Thank you; please try again later."
    ),
    Code.OWN_COMMENT_REPORT: _("You can’t report your own comment."),
    Code.NOTHING_TO_REPORT: _("This comment is no longer shown, so there is nothing to report."),
    Code.ALREADY_REPORTED: _(
        "You already reported this comment. Thank you: moderators will review it."
    ),
    Code.COMMENT_REMOVED_BY_AUTHOR: _(
        "This comment was removed by its author; nothing was changed."
    ),
    Code.ALREADY_REJECTED: _(
        "This comment was already rejected by {by} at {at}; nothing was changed."
    ),
    Code.ALREADY_APPROVED: _(
        "This comment was already approved by {by} at {at}; nothing was changed."
    ),
    Code.ALREADY_RESTORED: _(
        "This comment was already restored or approved by {by} at {at}; nothing was changed."
    ),
    Code.ALREADY_PUBLISHED: _("This comment is already published; nothing was changed."),
    Code.AWAITING_MODERATION: _("This comment is awaiting moderation; nothing was changed."),
    Code.ONLY_PUBLISHED_FEATURED: _(
        "Only published comments can be featured; nothing was changed."
    ),
    Code.ALREADY_FEATURED: _("This comment was already featured at {at}; nothing was changed."),
    Code.NOT_FEATURED: _("This comment isn’t featured any more; nothing was changed."),
    Code.REPORTS_ALREADY_SETTLED: _(
        "The reports on this comment were already settled by {by} at {at}; nothing was changed."
    ),
    Code.NO_OPEN_REPORTS: _("This comment has no open reports; nothing was changed."),
    Code.THREAD_ALREADY_CLOSED: _("This discussion is already closed; nothing was changed."),
    Code.THREAD_ALREADY_OPEN: _("This discussion is already open; nothing was changed."),
    Code.CLOSING_TIME_UNCHANGED: _(
        "The discussion already has this closing time; nothing was changed."
    ),
    Code.THREAD_NOT_PREMODERATED: _("This discussion is not pre-moderated; nothing was changed."),
    Code.THREAD_ALREADY_PREMODERATED: _(
        "This discussion is already pre-moderated; nothing was changed."
    ),
    Code.MEMBER_NOT_PREMODERATED: _("{name} is not pre-moderated; nothing was changed."),
    Code.MEMBER_ALREADY_PREMODERATED: _(
        "{name} is already always pre-moderated; nothing was changed."
    ),
    Code.MEMBER_IS_BANNED: _("{name} is banned; nothing was changed."),
    Code.MEMBER_ALREADY_SUSPENDED: _(
        "{name} is already suspended until {until}; nothing was changed."
    ),
    Code.MEMBER_NOT_SANCTIONED: _("{name} isn’t {sanction}; nothing was changed."),
    Code.MEMBER_ALREADY_BANNED: _("{name} was already banned at {at}; nothing was changed."),
    Code.PHRASE_ALREADY_REMOVED: _("That phrase was already removed; nothing was changed."),
    Code.ALREADY_RESTRICTED: _("This comment is already restricted; nothing was changed."),
    Code.NOTICE_ALREADY_DECIDED: _("This notice was already decided; nothing was changed."),
    Code.FLAGGER_NOT_TRUSTED: _("{name} is not trusted any more; nothing was changed."),
    Code.OWN_ACCOUNT: _("You can’t apply this to your own account."),
    Code.TARGET_IS_MODERATOR: _(
        "Moderators and staff can’t be suspended or banned from the desk; revoke their role first."
    ),
    Code.END_IN_PAST: _("Choose an end date and time in the future."),
    Code.SUSPENSION_WITHOUT_REASON: _("Give a reason: the member is told why they are suspended."),
    Code.BAN_WITHOUT_REASON: _("Give a reason for the ban; it is kept in the log."),
    Code.EMPTY_NOTE: _("The note is empty. Write something, then save it."),
    Code.CLOSING_TIME_IN_PAST: _(
        "Choose a closing time in the future, or close the discussion now."
    ),
    Code.REJECTION_WITHOUT_REASON: _("Choose a reason for rejecting this comment."),
    Code.BULK_REJECTION_WITHOUT_REASON: _("Choose a reason for rejecting these comments."),
    Code.BULK_ACTION_UNKNOWN: _("Choose approve or reject."),
    Code.PHRASE_EMPTY: _("Enter a word or phrase."),
    Code.PHRASE_TOO_LONG: _("Keep the phrase to 100 characters or fewer."),
    Code.WORD_LIST_UNKNOWN: _("Choose banned or suspect."),
    Code.PHRASE_ON_LIST: _("“{phrase}” is already on the {kind} list; nothing was changed."),
    Code.PHRASE_ON_A_LIST: _("“{phrase}” is already on a list; nothing was changed."),
    Code.SLOW_MODE_DURATION: _("Choose a duration from 1 to 1440 minutes; nothing changed."),
    Code.SLOW_MODE_NOT_ON: _("This discussion is not in slow mode (it may have just ended)."),
    Code.TRUST_LEVEL_UNKNOWN: _("Choose a trust level: computed, new, member or trusted."),
    Code.TRUST_LEVEL_UNCHANGED: _("That is already this member’s trust level; nothing changed."),
    Code.SCORING_ACTION_UNKNOWN: _("Choose what a high score does: hold, reject or mark."),
    Code.SCORING_THRESHOLD_RANGE: _(
        "The threshold is a score above 0 and at most 1, such as 0.80; nothing was changed."
    ),
    Code.NOTICE_CATEGORY_MISSING: _("Choose the kind of illegal content you are reporting."),
    Code.NOTICE_EXPLANATION_MISSING: _(
        "Explain why you believe this content is illegal: the law needs your reasons."
    ),
    Code.NOTICE_LOCATION_MISSING: _(
        "Give the exact address (URL) of the content on this site, starting with http."
    ),
    Code.NOTICE_COUNTRY_MISSING: _("Choose the country whose law the content breaks."),
    Code.NOTICE_IDENTITY_MISSING: _(
        "Give your name and e-mail address, so that we can tell you what we decide."
    ),
    Code.NOTICE_GOOD_FAITH_MISSING: _(
        "Confirm that you believe in good faith that what you say in this notice is accurate "
        "and complete."
    ),
    Code.NOTICE_TOO_LONG: _("Keep the explanation to {limit:,} characters or fewer."),
    Code.NOTICES_TOO_FAST: _(
        "We have received many notices from you in the last hour. Your text is still here: "
        "please send it again later."
    ),
    Code.NOTIFIER_SUSPENDED: _dated(
        _(
            "You can’t send notices until {until} after sending notices that were "
            "manifestly unfounded. You were told why by e-mail."
        ),
        until="DATE_FORMAT",
    ),
    Code.DECISION_ACTION_MISSING: _("Choose what to do with the comment."),
    Code.DECISION_GROUND_MISSING: _(
        "Choose the ground: illegal content, or against the community guidelines."
    ),
    Code.DECISION_RULE_MISSING: _("Choose the rule of the community guidelines it breaks."),
    Code.DECISION_LEGAL_GROUND_MISSING: _(
        "Choose the kind of illegality and name the law (for example “§ 130 StGB”)."
    ),
    Code.DECISION_FACTS_MISSING: _(
        "State the facts in a sentence: the author reads it in the statement of reasons."
    ),
    Code.DECISION_NO_COMMENT: _(
        "This notice names no comment on the site; only “No action” can be decided on it."
    ),
    Code.APPEAL_EMPTY: _("Tell us why you think the decision is wrong."),
    Code.APPEAL_CLOSED: _dated(
        _("Appeals against this decision closed on {deadline}."), deadline="DATE_FORMAT"
    ),
    Code.APPEAL_NOT_OPEN_TO_YOU: _("Only the person a decision concerns can appeal against it."),
    Code.ALREADY_APPEALED: _(
        "You have already appealed against this decision; a moderator will decide it."
    ),
    Code.APPEAL_OWN_DECISION: _(
        "Another moderator must decide this appeal: the decision appealed against is yours."
    ),
    Code.APPEAL_OUTCOME_MISSING: _("Choose whether the decision is upheld or reversed."),
    Code.AUTHORS_UNKNOWN: _("No member has the username {names}: nothing was changed."),
    Code.APPEAL_ALREADY_DECIDED: _(
        "This appeal was already decided ({outcome}); nothing was changed."
    ),
    Code.APPEAL_REASON_MISSING: _("Give the reasons for the outcome: the appellant is told them."),
    Code.FLAGGER_NAME_MISSING: _("Give the organisation’s name."),
    Code.FLAGGER_TARGET_MISSING: _(
        "Give the organisation’s e-mail domain (example.org) or a member’s username."
    ),
    Code.NOTIFIER_SUSPENSION_REASON_MISSING: _(
        "Give the reason for suspending this notifier: they are told it."
    ),
    Code.INTEGRATIONS_ONLY: _(
        "Only moderators with the “integrations” permission can manage webhooks. "
        "Ask an administrator for it."
    ),
    Code.WEBHOOK_ADDRESS_REFUSED: _("{why} Nothing was saved."),
    Code.WEBHOOK_NO_EVENTS: _("Choose at least one event to send to this address."),
    Code.WEBHOOKS_TOO_FAST: _(
        "You’ve changed a lot of webhooks in the last hour. Please try again later."
    ),
}


def words(code, **params):
    """Return the words, in the active language, for a refusal with `code` and `params`."""
    entry = WORDS[code]
    return entry(**params) if callable(entry) else str(entry).format(**params)


@dataclass(frozen=True)
class Refusal:
    """A reason to refuse, not raised yet: a code and its parameters; str() gives its words."""

    code: Code
    params: dict = field(default_factory=dict)

    def __str__(self):
        return words(self.code, **self.params)


def participation(member):
    """Return why `member` may not post, vote, report or follow now, or None when they may."""
    if not member.is_authenticated:
        return Refusal(Code.SIGN_IN)
    if member.is_banned:
        return Refusal(Code.BANNED)
    if member.is_suspended:
        return Refusal(
            Code.SUSPENDED,
            {"until": member.suspended_until, "reason": member.suspension_reason},
        )
    if not member.can_participate:
        return Refusal(Code.UNVERIFIED)
    return None

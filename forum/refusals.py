"""Why the forum refuses an action: each reason's words, written once for every page and service."""

from django.conf import settings

from forum.markdown import MAX_COMMENT_LENGTH

SIGN_IN = "Sign in to join the discussion."
BANNED = "Your account can no longer take part in discussions."
UNVERIFIED = "Confirm your e-mail address to join the discussion."
THREAD_CLOSED = "Comments on this article are closed."
COMMENT_TAKEN_DOWN = "This comment was already taken down by the moderators."
EMPTY_COMMENT = "Your comment is empty. Write something, then post it."
NOTHING_TO_READ = (
    "Your comment has only formatting marks and nothing to read. Write something, then post it."
)
KEY_REUSED = "This looks like a comment you already posted; your new text is still here."
EDITING_TOO_FAST = "You’re editing faster than we allow. Wait a minute, then save again."
FORM_NOT_UTF8 = (
    "Your form could not be read: it contained characters that aren’t valid UTF-8 text, "
    "so nothing was saved. Go back, copy your text into the form again and send it."
)
REPORT_WITHOUT_REASON = "Choose a reason for your report."
REPORT_OTHER_WITHOUT_NOTE = "Tell us briefly what’s wrong when you choose “Other”."
REPORTING_TOO_FAST = (
    "You’ve sent a lot of reports in the last hour. Thank you; please try again later."
)


def suspended(member):
    """Return the refusal for a suspended member, with the end of the suspension and its reason."""
    reason = f": {member.suspension_reason}" if member.suspension_reason else "."
    return f"Your account is suspended until {member.suspended_until:%d %B %Y, %H:%M} UTC{reason}"


def participation(member):
    """Return why `member` may not post, vote, report or follow now, or "" when they may."""
    if not member.is_authenticated:
        return SIGN_IN
    if member.is_banned:
        return BANNED
    if member.is_suspended:
        return suspended(member)
    if not member.can_participate:
        return UNVERIFIED
    return ""


def comment_too_long(length):
    """Return the refusal for a comment of `length` characters, over the limit."""
    return (
        f"Your comment is {length:,} characters long; the limit is "
        f"{MAX_COMMENT_LENGTH:,}. Shorten it and post again."
    )


def posting_too_fast():
    """Return the refusal for a member over the per-minute comment limit."""
    return (
        "You’re posting faster than we allow "
        f"({settings.COMMENT_RATE_PER_MINUTE} comments a minute). "
        "Your text is still here: wait a minute, then post it."
    )


def daily_limit_reached():
    """Return the refusal for a member over the per-day comment limit."""
    return (
        f"You’ve reached today’s limit of {settings.COMMENT_RATE_PER_DAY} comments. "
        "Your text is still here: please come back tomorrow."
    )

"""The moderation desk's writes, one module per subject; every public one is named here."""

from forum.moderation.services.comments import (
    comment_approve,
    comment_feature,
    comment_reject,
    comment_restore,
    comment_unfeature,
    comments_bulk,
    reports_dismiss,
)
from forum.moderation.services.common import (
    AlreadyReported,
    ModerationConflict,
    ModerationError,
)
from forum.moderation.services.members import (
    member_ban,
    member_lift_ban,
    member_lift_premoderation,
    member_lift_suspension,
    member_set_premoderation,
    member_suspend,
    moderator_grant,
    moderator_revoke,
    note_add,
)
from forum.moderation.services.reports import report_create, reported_message
from forum.moderation.services.threads import (
    thread_close,
    thread_reopen,
    thread_set_closing_time,
    thread_set_premoderation,
)
from forum.moderation.services.words import clean_phrase, word_rule_add, word_rule_remove

__all__ = [
    "AlreadyReported",
    "ModerationConflict",
    "ModerationError",
    "clean_phrase",
    "comment_approve",
    "comment_feature",
    "comment_reject",
    "comment_restore",
    "comment_unfeature",
    "comments_bulk",
    "member_ban",
    "member_lift_ban",
    "member_lift_premoderation",
    "member_lift_suspension",
    "member_set_premoderation",
    "member_suspend",
    "moderator_grant",
    "moderator_revoke",
    "note_add",
    "report_create",
    "reported_message",
    "reports_dismiss",
    "thread_close",
    "thread_reopen",
    "thread_set_closing_time",
    "thread_set_premoderation",
    "word_rule_add",
    "word_rule_remove",
]

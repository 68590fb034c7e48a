"""The moderation desk's writes on members, threads and words; every one is named here.

A moderator's decisions on comments are the lifecycle's (forum.comments.decisions).
"""

from forum.errors import AlreadyReported, ModerationConflict, ModerationError
from forum.moderation.services.members import (
    member_ban,
    member_lift_ban,
    member_lift_premoderation,
    member_lift_suspension,
    member_set_premoderation,
    member_set_trust,
    member_suspend,
    moderator_grant,
    moderator_revoke,
    note_add,
)
from forum.moderation.services.scoring import scoring_policy_set
from forum.moderation.services.threads import (
    thread_close,
    thread_reopen,
    thread_set_authors,
    thread_set_closing_time,
    thread_set_premoderation,
    thread_slow_mode_end,
    thread_slow_mode_start,
)
from forum.moderation.services.words import clean_phrase, word_rule_add, word_rule_remove

__all__ = [
    "AlreadyReported",
    "ModerationConflict",
    "ModerationError",
    "clean_phrase",
    "scoring_policy_set",
    "member_ban",
    "member_lift_ban",
    "member_lift_premoderation",
    "member_lift_suspension",
    "member_set_premoderation",
    "member_set_trust",
    "member_suspend",
    "moderator_grant",
    "moderator_revoke",
    "note_add",
    "thread_close",
    "thread_reopen",
    "thread_set_authors",
    "thread_set_closing_time",
    "thread_set_premoderation",
    "thread_slow_mode_end",
    "thread_slow_mode_start",
    "word_rule_add",
    "word_rule_remove",
]

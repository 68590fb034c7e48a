"""Members' writes beside their comments: votes, follows, and their share of account deletion.

A comment's own changes (post, edit, remove, report) are transitions of its lifecycle
(forum.comments.transitions).
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from forum.comments import lifecycle, transitions
from forum.comments.events import Change
from forum.errors import DiscussionError
from forum.models import Comment, Follow, Thread, Vote
from forum.refusals import Code


@transaction.atomic
def vote_toggle(*, comment, voter):
    """Add the member's up-vote, or take it back; return (voted, score)."""
    transitions.check_participation(voter)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id == voter.pk:
        raise DiscussionError(Code.OWN_COMMENT_VOTE)
    if not comment.is_published:
        raise DiscussionError(Code.NOT_PUBLISHED_VOTE)
    if not Thread.objects.get(pk=comment.thread_id).is_open:
        raise DiscussionError(Code.THREAD_CLOSED)
    deleted, _ = Vote.objects.filter(comment=comment, voter=voter).delete()
    if deleted:
        comment.score = F("score") - 1
        voted = False
    else:
        try:
            with transaction.atomic():
                Vote.objects.create(comment=comment, voter=voter)
        except IntegrityError:  # a double click raced us; the vote is there already
            comment.refresh_from_db(fields=["score"])
            return True, comment.score
        comment.score = F("score") + 1
        voted = True
    comment.save(update_fields=["score"])
    comment.refresh_from_db(fields=["score"])
    lifecycle.change(comment, Change.VOTED, actor=voter, before=comment.status)
    return voted, comment.score


def follow_set(*, member, thread, following):
    """Follow or stop following a thread; return whether the member now follows it."""
    if following:
        Follow.objects.get_or_create(member=member, thread=thread)
    else:
        Follow.objects.filter(member=member, thread=thread).delete()
    return following


@transaction.atomic
def member_comments_handle_deletion(*, member, remove_comments):
    """Prepare a member's discussion data for the deletion of their account.

    Their votes go with the account (the scores they counted in are recounted without
    them), and so do the address and browser kept with their comments for Akismet. When
    they asked to remove their comments, every one of them is removed for good,
    rejected ones included, so a moderator has nothing left to restore.
    """
    voted_ids = list(Comment.objects.filter(votes__voter=member).values_list("pk", flat=True))
    Vote.objects.filter(voter=member).delete()
    lifecycle.rescored(voted_ids)
    transitions.comments_forget_poster(member=member)
    if remove_comments:
        transitions.comments_erase_with_account(member=member)

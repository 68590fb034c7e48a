"""One comment: reading it, and its author's edit and removal, members' votes and reports."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from forum import limits
from forum.api import auth, schemas
from forum.api.shaping import comment_out
from forum.api.threads import ERRORS
from forum.comments import reasons, transitions
from forum.discussion import services
from forum.models import Comment

router = Router(tags=["comments"])

WRITE_ERRORS = {409: schemas.Error, 429: schemas.Error, **ERRORS}


def _comment(pk, queryset=None):
    queryset = queryset if queryset is not None else Comment.objects.all()
    return get_object_or_404(
        queryset.on_visible_threads().select_related("thread", "author"), pk=pk
    )


@router.get(
    "/{comment_id}/",
    response={200: schemas.Comment, 400: schemas.Error, 401: schemas.Error, 404: schemas.Error},
)
def comment_detail(request, comment_id: int):
    """Return one comment the reader may see (published, or their own held one)."""
    reader = auth.reader(request)
    return comment_out(_comment(comment_id, Comment.objects.visible_to(reader)))


@router.patch("/{comment_id}/", auth=auth.MEMBERS, response={200: schemas.Comment, **WRITE_ERRORS})
def comment_edit(request, comment_id: int, data: schemas.CommentEdit):
    """Correct your comment within the edit window; an edit may be held like a new comment."""
    comment = _comment(comment_id, Comment.objects.visible_to(request.auth))
    comment = transitions.comment_edit(comment=comment, editor=request.auth, body=data.body)
    return comment_out(comment)


@router.delete("/{comment_id}/", auth=auth.MEMBERS, response={204: None, **WRITE_ERRORS})
def comment_delete(request, comment_id: int):
    """Remove your comment; replies keep their place under a placeholder."""
    comment = _comment(comment_id, Comment.objects.visible_to(request.auth))
    transitions.comment_remove(comment=comment, member=request.auth)
    return Status(204, None)


@router.post(
    "/{comment_id}/vote/", auth=auth.MEMBERS, response={200: schemas.VoteOut, **WRITE_ERRORS}
)
def comment_vote(request, comment_id: int):
    """Up-vote a comment, or take your up-vote back (a toggle, as on the page)."""
    comment = _comment(comment_id, Comment.objects.published())
    limits.check("vote", member=request.auth, request=request)
    voted, score = services.vote_toggle(comment=comment, voter=request.auth)
    return {"voted": voted, "score": score}


@router.post(
    "/{comment_id}/report/", auth=auth.MEMBERS, response={201: schemas.Done, **WRITE_ERRORS}
)
def comment_report(request, comment_id: int, data: schemas.ReportIn):
    """Report a comment to the moderators, once, with a reason."""
    comment = _comment(comment_id, Comment.objects.visible_to(request.auth))
    limits.check("report", member=request.auth, request=request)
    report = transitions.comment_report(
        comment=comment, reporter=request.auth, reason=data.reason, note=data.note
    )
    return Status(201, {"message": reasons.reported_message(report)})

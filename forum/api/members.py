"""Members: a public profile and the comments it lists, as the profile page shows them."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router

from forum.api import auth, schemas
from forum.api.shaping import comment_out, member_out
from forum.integrations import profile_comments_context

router = Router(tags=["members"])


def _member(username):
    return get_object_or_404(get_user_model(), username=username, is_active=True)


@router.get(
    "/{username}/",
    response={200: schemas.Member, 400: schemas.Error, 401: schemas.Error, 404: schemas.Error},
)
def member_detail(request, username: str = Path(..., pattern=schemas.USERNAME)):
    """Return a member's public profile (never their e-mail address)."""
    auth.reader(request)
    return member_out(_member(username))


@router.get(
    "/{username}/comments/",
    response={200: schemas.CommentList, 400: schemas.Error, 401: schemas.Error, 404: schemas.Error},
)
def member_comments(
    request,
    username: str = Path(..., pattern=schemas.USERNAME),
    page: int = Query(1, ge=1, le=1_000_000),
):
    """Return a page (20) of a member's comments, newest first, as their profile lists them."""
    request.user = auth.reader(request)
    member = _member(username)
    comments_page = profile_comments_context(member, request)["comments_page"]
    return {
        "page": comments_page.number,
        "pages": comments_page.paginator.num_pages,
        "count": comments_page.paginator.count,
        "comments": [comment_out(c) for c in comments_page],
    }

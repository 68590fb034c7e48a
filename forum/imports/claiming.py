"""Members claim the comments they wrote on the old system, under a verified e-mail address."""

from forum.models import Comment, GuestAuthor


def claimable(member):
    """Return the guests `member` may claim, each with `comment_count` and a few `examples`.

    A guest is one archive's author under one address: a member has few (one per verified
    address and archive), so a query or two each is fine.
    """
    guests = list(GuestAuthor.objects.claimable_by(member).order_by("pk"))
    for guest in guests:
        unclaimed = Comment.objects.filter(guest=guest, author__isnull=True)
        guest.comment_count = unclaimed.count()
        guest.examples = list(
            unclaimed.published().select_related("thread").order_by("-created_at")[:3]
        )
    return [guest for guest in guests if guest.comment_count]

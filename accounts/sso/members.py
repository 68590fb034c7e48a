"""The member behind a newsroom account: made on first sign-in, kept up to date, erased.

The rules (docs/integration.md, "Sign-in with the newsroom's accounts"):
- A first sign-in links the newsroom account (issuer, subject) to the member here whose
  confirmed address the newsroom vouches for, or else makes a new member.
- Names: the username is the newsroom's username or name made unique here with a number
  ("jane-smith2"); the display name is the newsroom's name, followed by " 2", " 3" ... when
  another member already shows that name, so nobody appears as someone else.
- The e-mail address follows the newsroom's on every sign-in, confirmed only when the
  newsroom says it verified it, unless another member here confirmed that address: then the
  member keeps theirs.
- Bans and suspensions are ours: nothing here writes them, so a sign-in never lifts one.
"""

from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import PublisherAccount, User
from accounts.services import account_delete

DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length


@dataclass(frozen=True)
class Identity:
    """Who the newsroom says the reader is."""

    issuer: str
    subject: str
    email: str = ""
    email_verified: bool = False
    name: str = ""
    username: str = ""
    avatar: str = ""  # an https URL of the reader's picture at the publisher
    badge: str = ""  # a word the publisher shows beside the name ("Subscriber", "Staff")


def _clean(text):
    """Return one line of printable text, runs of spaces made one."""
    return " ".join("".join(ch for ch in str(text or "") if ch.isprintable()).split())


def display_name_for(name):
    """Return `name` as a display name nobody here shows yet ("Jane Smith 2" when taken)."""
    name = _clean(name)[: DISPLAY_NAME_MAX_LENGTH - 4]
    if not name:
        return ""
    # One query: every public name that starts like this one, then the first free number.
    shown = {
        public.lower()
        for display, username in User.objects.filter(
            Q(display_name__istartswith=name) | Q(display_name="", username__istartswith=name)
        ).values_list("display_name", "username")
        for public in [display or username]
    }
    if name.lower() not in shown:
        return name
    number = 2
    while f"{name} {number}".lower() in shown:
        number += 1
    return f"{name} {number}"


def username_for(*candidates):
    """Return a username nobody has, from the first usable candidate (a number added if taken)."""
    return get_adapter().generate_unique_username([*(_clean(c) for c in candidates), "reader"])


def email_follow(*, user, email, verified):
    """Make `email` the member's address, as the newsroom says; return whether it is theirs now.

    An address the newsroom verified counts as confirmed here; one it did not verify must be
    confirmed by the member (allauth sends the link at sign-in). An address another member
    confirmed here stays theirs, and this member keeps the address they had.
    """
    email = _clean(email).lower()
    if not email:
        return False
    if EmailAddress.objects.filter(email__iexact=email, verified=True).exclude(user=user).exists():
        return False
    with transaction.atomic():
        address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        if address is None:
            EmailAddress.objects.filter(user=user, email__iexact=user.email).delete()
            EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
        else:
            # We never unconfirm an address the member confirmed here.
            address.verified = address.verified or verified
            if not address.primary:
                EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
                address.primary = True
            address.save(update_fields=["verified", "primary"])
        if user.email != email:
            user.email = email
            user.save(update_fields=["email"])
        user.__dict__.pop("has_verified_email", None)
    return True


def _member_new(identity):
    user = User(
        username=username_for(identity.username, identity.name, identity.email.split("@")[0]),
        display_name=display_name_for(identity.name),
    )
    user.set_unusable_password()
    user.save()
    email_follow(user=user, email=identity.email, verified=identity.email_verified)
    return user


def _member_vouched_for(identity):
    """Return the member whose confirmed address the newsroom verified, if any."""
    if not (identity.email and identity.email_verified):
        return None
    address = (
        EmailAddress.objects.filter(email__iexact=identity.email, verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None


def _publisher_details(identity):
    """Return the avatar and badge to keep: an https avatar only, both cut to their fields."""
    avatar = identity.avatar if identity.avatar.startswith("https://") else ""
    return {
        "avatar_url": avatar[: PublisherAccount._meta.get_field("avatar_url").max_length],
        "badge": _clean(identity.badge)[: PublisherAccount._meta.get_field("badge").max_length],
    }


def member_for_identity(identity):
    """Return the member linked to the newsroom account, linking or making one the first time."""
    now = timezone.now()
    link = (
        PublisherAccount.objects.select_related("user")
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if link is not None:
        PublisherAccount.objects.filter(pk=link.pk).update(
            last_signed_in_at=now, **_publisher_details(identity)
        )
        email_follow(user=link.user, email=identity.email, verified=identity.email_verified)
        return link.user
    try:
        with transaction.atomic():
            user = _member_vouched_for(identity) or _member_new(identity)
            PublisherAccount.objects.create(
                user=user,
                issuer=identity.issuer,
                subject=identity.subject,
                last_signed_in_at=now,
                **_publisher_details(identity),
            )
            return user
    except IntegrityError:
        # The same reader's first sign-in twice at once: the other request linked them.
        return (
            PublisherAccount.objects.select_related("user")
            .get(issuer=identity.issuer, subject=identity.subject)
            .user
        )


def members_linked(*, issuer, subject):
    """Return the members linked to the subject: by signed token, and by OpenID Connect."""
    users = {link.user for link in PublisherAccount.objects.filter(issuer=issuer, subject=subject)}
    if settings.OIDC_ISSUER:
        users |= {
            account.user
            for account in SocialAccount.objects.filter(
                provider=settings.OIDC_PROVIDER_ID, uid=subject
            ).select_related("user")
        }
    return users


def member_erase(*, issuer, subject):
    """Delete the members the newsroom deleted, through the account deletion; return how many.

    Their comments are removed too unless SSO_DELETION_REMOVES_COMMENTS is off; then they stay
    as "[deleted member]". Asking again for the same subject deletes nothing more.
    """
    users = members_linked(issuer=issuer, subject=subject)
    for user in users:
        account_delete(user=user, remove_comments=settings.SSO_DELETION_REMOVES_COMMENTS)
    return len(users)

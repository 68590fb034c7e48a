"""Limits on failed sign-ins that slow an attacker without locking the owner out.

Each password attempt takes one unit from up to three allowances before the password is
checked; allauth gives the units back when the password is right, so only failures count.
The allowances are rates in ACCOUNT_RATE_LIMITS (the numbers are in forum/settings.py and
docs/deployment.md):

- "login_failed", per account and address: one address guessing one account's password.
  An attacker elsewhere cannot use it up for the owner.
- "login_failed_address", per address, every account together: one address trying many
  accounts. It is far above what a shared office, campus or mobile carrier needs.
- "login_failed_account", per account, every address together: many addresses guessing
  one account's password.

The last two do not apply when the account has signed in from this address before
(remembered for KNOWN_ADDRESS_DAYS), so nobody elsewhere can lock the owner out of their
usual places; a sign-in code sent by e-mail (ACCOUNT_LOGIN_BY_CODE_ENABLED) counts against
none of them and gets the owner in from anywhere.

An account is the login as typed, lower-cased, whether or not it exists: the limits behave
the same for unknown accounts and reveal nothing.
"""

import hashlib

from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache

# allauth's own limiter (its public module hides the usage needed to give units back).
APP = "allauth.account"
PER_ACCOUNT_AND_ADDRESS = "login_failed"
PER_ADDRESS = "login_failed_address"
PER_ACCOUNT = "login_failed_account"
KNOWN_ADDRESS_DAYS = 90


def _account(request, credentials):
    login = credentials.get("email") or credentials.get("username") or ""
    return f"{get_current_site(request).domain}:{login.strip().lower()}"


def _known_address_key(account, address):
    digest = hashlib.sha256(f"{account}|{address}".encode()).hexdigest()
    return f"accounts:known-address:{digest}"


def account_and_address(request, credentials):
    """Return the key of the attempts on one account from the request's address."""
    return f"{_account(request, credentials)}|{ratelimit.get_ip(request)}"


def consume(request, credentials):
    """Take one attempt from each allowance that applies; return the usage, None if spent."""
    account = _account(request, credentials)
    address = ratelimit.get_ip(request)
    allowances = [(PER_ACCOUNT_AND_ADDRESS, f"{account}|{address}")]
    if cache.get(_known_address_key(account, address)) is None:
        allowances += [(PER_ADDRESS, None), (PER_ACCOUNT, account)]
    usages = []
    for action, key in allowances:
        usage = ratelimit.consume(request, app=APP, action=action, key=key)
        if usage is None:
            # Give back what this attempt already took: a refused attempt costs nothing.
            for taken in usages:
                taken.rollback()
            return None
        usages.append(usage)
    return ratelimit.RateLimitUsage(usage=[u for usage in usages for u in usage.usage])


def forget_failures(request, credentials):
    """Clear the account's failures (after a password reset by its owner)."""
    ratelimit.clear(
        request,
        app=APP,
        action=PER_ACCOUNT_AND_ADDRESS,
        key=account_and_address(request, credentials),
    )
    ratelimit.clear(request, app=APP, action=PER_ACCOUNT, key=_account(request, credentials))


def remember_address(request, user):
    """Record that `user` signed in from the request's address, under each of its logins."""
    address = ratelimit.get_ip(request)
    emails = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    logins = [user.get_username(), user.email, *emails]
    timeout = KNOWN_ADDRESS_DAYS * 24 * 3600
    cache.set_many(
        {
            _known_address_key(_account(request, {"username": login}), address): True
            for login in logins
            if login
        },
        timeout=timeout,
    )

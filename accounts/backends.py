"""Sign-in by username or e-mail address at the cost of one password hash per attempt."""

from allauth.account import auth_backends
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


class AuthenticationBackend(auth_backends.AuthenticationBackend):
    """allauth's backend, checking each account's password at most once per attempt.

    allauth passes a login that looks like an e-mail address both as "username" and as
    "email", and its backend tries the address under each name: two hashes for an existing
    address against one (the dummy hash) for an unknown one, a difference an attacker can
    time. Remembering the answer for each account makes every attempt cost exactly one
    hash: the account's, or the dummy when no account matches.

    It is the only backend (Django's ModelBackend would add a hash of its own); it still
    provides ModelBackend's permission checks for the admin.
    """

    def authenticate(self, request, **credentials):
        self._answers = {}
        return super().authenticate(request, **credentials)

    def _check_password(self, user, password):
        if user is None:
            return None
        if user.pk not in self._answers:
            self._answers[user.pk] = super()._check_password(user, password)
        return self._answers[user.pk]

    def get_user(self, user_id):
        """Return the signed-in member, knowing in the same query whether they confirmed an e-mail.

        Every page a member reads asks `can_participate`: one query fewer on each of them.
        Written in SQL: asked on every signed-in request, the ORM's building of this query
        cost more than running it.
        """
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        users = get_user_model()
        # Safe: only our models' table and column names are formatted in; the id is bound.
        sql = (
            f"SELECT u.*, EXISTS (SELECT 1 FROM {EmailAddress._meta.db_table} e"  # noqa: S608
            " WHERE e.user_id = u.id AND e.verified) AS verified"
            f" FROM {users._meta.db_table} u WHERE u.id = %s"
        )
        user = next(iter(users._default_manager.raw(sql, [user_id])), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        user.__dict__["has_verified_email"] = bool(user.verified)  # fills the cached_property
        return user

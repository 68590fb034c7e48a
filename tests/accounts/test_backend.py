"""The signed-in member as the authentication backend reads them on every request."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db.models import Model
from django.utils import timezone

from accounts.backends import AuthenticationBackend
from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fields(user):
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_the_member_is_read_as_the_orm_reads_them():
    member = UserFactory(
        display_name="Ada L.", is_staff=True, suspended_until=timezone.now() + timedelta(days=1)
    )
    read = AuthenticationBackend().get_user(member.pk)
    assert isinstance(read, Model) and read._state.db == "default" and not read._state.adding
    assert fields(read) == fields(User.objects.get(pk=member.pk))
    assert read.is_staff is True and read.is_active is True


def test_whether_the_address_is_confirmed_is_known_without_another_query(
    django_assert_num_queries,
):
    member = UserFactory()
    with django_assert_num_queries(1):
        assert AuthenticationBackend().get_user(member.pk).has_verified_email is True
    EmailAddress.objects.filter(user=member).update(verified=False)
    with django_assert_num_queries(1):
        assert AuthenticationBackend().get_user(member.pk).has_verified_email is False


def test_no_member_for_an_unknown_id_an_inactive_account_or_a_bad_value():
    inactive = UserFactory(is_active=False)
    backend = AuthenticationBackend()
    assert backend.get_user(inactive.pk) is None
    assert backend.get_user(inactive.pk + 1000) is None
    assert backend.get_user("not a number") is None

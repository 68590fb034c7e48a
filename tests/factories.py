"""Factories for the test suite: real model instances with sensible defaults."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Reference, Topic
from articles.services import article_sync_thread


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Confirm the member's e-mail unless verified=False is passed."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda t: t.name.lower().replace(" ", "-"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-number-{n}")
    standfirst = "A short standfirst."
    byline = "Staff writer"
    body = "## A section\n\nSome *body* text."
    invitation = "What do **you** think?"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def thread(article, create, extracted, **kwargs):
        if create:
            article_sync_thread(article=article)

    @factory.post_generation
    def topics(article, create, extracted, **kwargs):
        if create and extracted:
            article.topics.set(extracted)


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Source {n}")

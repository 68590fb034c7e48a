"""Factories for the test suite: real model instances with sensible defaults."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Reference, Topic
from articles.services import article_sync_thread
from forum.markdown import render_markdown
from forum.models import Comment, Thread
from forum.roles import moderators_group


class ModelFactory(factory.django.DjangoModelFactory):
    """The factories' base: their post-generation hooks save what they change themselves."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True


class UserFactory(ModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    class Params:
        banned = factory.Trait(banned_at=factory.LazyFunction(timezone.now), ban_reason="Spam")
        suspended = factory.Trait(
            suspended_until=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)),
            suspension_reason="Cooling off",
        )

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Confirm the member's e-mail unless verified=False is passed."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class ModeratorFactory(UserFactory):
    """A member of the Moderators group, as `manage.py grant_moderator` makes one."""

    username = factory.Sequence(lambda n: f"moderator{n}")

    @factory.post_generation
    def moderators(user, create, extracted, **kwargs):
        if create:
            user.groups.add(moderators_group())


class TopicFactory(ModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda t: t.name.lower().replace(" ", "-"))


class ArticleFactory(ModelFactory):
    class Meta:
        model = Article

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


class ReferenceFactory(ModelFactory):
    class Meta:
        model = Reference

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Source {n}")


class ThreadFactory(ModelFactory):
    """A public, open thread not attached to an article (ArticleFactory makes one per article)."""

    class Meta:
        model = Thread

    key = factory.Sequence(lambda n: f"test:{n}")
    title = factory.Sequence(lambda n: f"Discussion {n}")
    url = factory.Sequence(lambda n: f"/discussions/{n}/")
    visible_from = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class CommentFactory(ModelFactory):
    """A comment written straight to the database (no hold rules, no rate limits, no e-mails).

    A published comment keeps its thread's comment_count exact. `parent=` (or the `reply`
    trait, which makes a parent too) files the comment under it, in the parent's thread.
    """

    class Meta:
        model = Comment

    class Params:
        pending = factory.Trait(
            status=Comment.Status.PENDING, hold_reason=Comment.HoldReason.NEW_MEMBER
        )
        reply = factory.Trait(parent=factory.SubFactory("tests.factories.CommentFactory"))

    parent = None
    thread = factory.Maybe(
        "parent",
        yes_declaration=factory.SelfAttribute("parent.thread"),
        no_declaration=factory.SubFactory(ThreadFactory),
    )
    root = factory.LazyAttribute(lambda c: (c.parent.root or c.parent) if c.parent else None)
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 0)
    author = factory.SubFactory(UserFactory)
    body = "A thoughtful comment."
    body_html = factory.LazyAttribute(lambda c: render_markdown(c.body))
    status = Comment.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comment = super()._create(model_class, *args, **kwargs)
        if comment.status == Comment.Status.PUBLISHED:
            thread = comment.thread
            thread.comment_count = thread.comments.published().count()
            Thread.objects.filter(pk=thread.pk).update(comment_count=thread.comment_count)
        return comment

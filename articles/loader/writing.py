"""Write checked content: create or update topics, articles and pages by slug."""

from articles.models import Article, Page, Reference, RelatedArticle, Topic
from articles.services import article_sync_thread

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def write_content(content):
    """Write the checked content and return (kind, slug, outcome) for every item."""
    results = [
        ("topic", entry.slug, upsert(Topic, entry.slug, entry.values)[1])
        for entry in content.topics
    ]

    articles = []
    for entry in content.articles:
        article, outcome = write_article(entry)
        article_sync_thread(article=article)
        articles.append((entry, article, outcome))
    # Related articles point at one another, so they are linked once every article exists.
    for entry, article, outcome in articles:
        if write_related(article, entry.related) and outcome == UNCHANGED:
            outcome = UPDATED
        results.append(("article", entry.slug, outcome))

    results += [
        ("page", entry.slug, upsert(Page, entry.slug, entry.values)[1]) for entry in content.pages
    ]
    return results


def upsert(model, slug, values):
    """Create or update the object with this slug, saving it only if a value differs."""
    instance = model.objects.filter(slug=slug).first()
    if instance is None:
        instance = model(slug=slug, **values)
        instance.save()
        return instance, CREATED
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, UNCHANGED
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    return instance, UPDATED


def write_article(entry):
    """Create or update one article with its topics and references."""
    article, outcome = upsert(Article, entry.slug, entry.values)
    changed = write_topics(article, entry.topics)
    changed = write_references(article, entry.references) or changed
    if changed and outcome == UNCHANGED:
        outcome = UPDATED
    return article, outcome


def write_topics(article, slugs):
    """Give the article exactly these topics; return whether they changed."""
    if set(article.topics.values_list("slug", flat=True)) == set(slugs):
        return False
    article.topics.set(Topic.objects.filter(slug__in=slugs))
    return True


def write_references(article, references):
    """Replace the article's references if they differ from `references`; return whether."""
    current = [(ref.title, ref.url, ref.note) for ref in article.references.all()]
    if current == references:
        return False
    article.references.all().delete()
    Reference.objects.bulk_create(
        Reference(article=article, position=position, title=title, url=url, note=note)
        for position, (title, url, note) in enumerate(references)
    )
    return True


def write_related(article, slugs):
    """Replace the article's related articles if they differ from `slugs`; return whether."""
    links = article.related_links.order_by("position", "pk").values_list("target__slug", flat=True)
    if list(links) == slugs:
        return False
    article.related_links.all().delete()
    targets = Article.objects.in_bulk(slugs, field_name="slug")
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=article, target=targets[slug], position=position)
        for position, slug in enumerate(slugs)
    )
    return True

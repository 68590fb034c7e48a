"""Structured data (JSON-LD) for articles and their threads, and its safe embedding.

The JSON goes inside a `<script type="application/ld+json">` element. Browsers don't
execute it, but an HTML parser still ends the element at the first `</script>`, so
`<`, `>` and `&` are written as JSON escapes, as Django's `json_script` does.
"""

import json
import unicodedata

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, add_truncation_text
from django.utils.translation import gettext

from articles.sharing import absolute_url, plain_excerpt, plain_text
from forum.discussion.reading import PAGE_COMMENTS_LISTED

# (character, JSON escape) pairs; str.replace per pair is far faster than str.translate.
_JSON_ESCAPES = (
    (">", "\\u003E"),
    ("<", "\\u003C"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def json_ld_script(data):
    """Return `data` as a safely escaped `<script type="application/ld+json">` element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for char, escaped in _JSON_ESCAPES:
        text = text.replace(char, escaped)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def clip(text, length):
    """Return `Truncator(text).chars(length)`, without its walk over every character when
    the text is already short enough or has no combining characters (plain ASCII)."""
    text = unicodedata.normalize("NFC", str(text))
    if len(text) <= length:
        return text
    if text.isascii():
        # The ellipsis counts as one character, as in Truncator.
        return add_truncation_text(text[: length - 1], None)
    return Truncator(text).chars(length)


def article_summary(article, length=200):
    """Return the article's description: its standfirst, else the start of its text."""
    text = article.standfirst or strip_tags(article.body_html)
    return clip(" ".join(text.split()), length)


def publisher():
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"}


def article_image_url(article):
    return settings.SITE_URL + reverse("articles:preview", args=[article.slug])


def comment_image_url(comment):
    return settings.SITE_URL + reverse("articles:comment_preview", args=[comment.pk])


def _person(comment):
    person = {"@type": "Person", "name": comment.author_name}
    if comment.author_id:
        person["url"] = settings.SITE_URL + reverse(
            "accounts:profile", args=[comment.author.username]
        )
    return person


# Search engines read a page's discussion from its first comments; the rest only adds weight
# to every page view. Keep the structured data small whatever the thread's size.
JSON_LD_COMMENT_LIMIT = PAGE_COMMENTS_LISTED  # the page lists no more
JSON_LD_COMMENT_CHARS = 500
JSON_LD_COMMENTS_BUDGET = 16_000  # bytes of JSON for all comments together


def _comment(comment):
    url = absolute_url(comment.get_absolute_url())
    return {
        "@type": "Comment",
        "@id": url,
        "url": url,
        "author": _person(comment),
        "dateCreated": comment.created_at,
        "datePublished": comment.created_at,
        **({"dateModified": comment.edited_at} if comment.edited_at else {}),
        "text": clip(comment.body, JSON_LD_COMMENT_CHARS),
        "upvoteCount": comment.score,
    }


def comment_tree(comments):
    """Return the first comments as nested Comment objects, within a fixed size budget."""
    nodes, size = {}, 0
    for comment in comments[:JSON_LD_COMMENT_LIMIT]:
        node = _comment(comment)
        size += len(json.dumps(node, cls=DjangoJSONEncoder, ensure_ascii=False))
        if size > JSON_LD_COMMENTS_BUDGET:
            break
        nodes[comment.pk] = node
    top = []
    for c in comments:
        if c.pk not in nodes:
            continue
        parent = nodes.get(c.parent_id)
        if parent is not None:
            parent.setdefault("comment", []).append(nodes[c.pk])
        else:
            top.append(nodes[c.pk])
    return top


def article_graph(article, page_comments=()):
    """Return the JSON-LD graph of an article page: the NewsArticle and its discussion."""
    url = absolute_url(article.get_absolute_url())
    topics = [t.name for t in article.topics.all()]
    author = {"@type": "Person", "name": article.byline} if article.byline else publisher()
    news = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "mainEntityOfPage": url,
        "url": url,
        "headline": article.title[:110],
        "description": article_summary(article),
        "image": [article_image_url(article)],
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "author": [author],
        "publisher": publisher(),
        "commentCount": article.comment_count,
        "discussionUrl": url + "#discussion",
        "isAccessibleForFree": True,
    }
    if topics:
        news["articleSection"] = topics[0]
        news["keywords"] = topics
    graph = [news]
    if article.thread_id:
        discussion = {
            "@type": "DiscussionForumPosting",
            "@id": url + "#discussion",
            "url": url + "#discussion",
            "headline": article.title[:110],
            "text": plain_text(article.invitation),
            "author": author,
            "datePublished": article.published_at,
            "isPartOf": {"@id": url + "#article"},
            "commentCount": article.comment_count,
            "interactionStatistic": {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/CommentAction",
                "userInteractionCount": article.comment_count,
            },
            "comment": comment_tree([c for c in page_comments if c.is_published]),
        }
        graph.append(discussion)
    return {"@context": "https://schema.org", "@graph": graph}


def article_social(article, shared_comment=None):
    """Return the Open Graph values of an article page, or of a comment shared from it."""
    url = absolute_url(article.get_absolute_url())
    if shared_comment is None:
        return {
            "canonical": url,
            "url": url,
            "title": article.title,
            "description": article_summary(article),
            "image": article_image_url(article),
            "image_alt": article.title,
        }
    quote = plain_excerpt(shared_comment.body, 200)
    return {
        "canonical": url,
        "url": f"{url}?comment={shared_comment.pk}",
        "title": gettext("%(author)s on “%(title)s”")
        % {"author": shared_comment.author_name, "title": article.title},
        "description": quote,
        "image": comment_image_url(shared_comment),
        "image_alt": gettext("“%(quote)s” by %(author)s")
        % {"quote": quote, "author": shared_comment.author_name},
    }

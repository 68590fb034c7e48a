from django.urls import path

from articles import feeds, views
from forum.platform.pagecache import cache_anonymous_page

# Feed readers poll: serve them from the shared cache (refreshed by any discussion change).
feed = cache_anonymous_page(timeout=views.LISTING_TIMEOUT)

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("feeds/latest/", feed(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/latest/atom/", feed(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("robots.txt", views.robots_txt, name="robots"),
    # Sharing and discovery
    path("search/", views.search, name="search"),
    path("share/mastodon/", views.share_mastodon, name="share_mastodon"),
    path("preview.png", views.site_preview, name="site_preview"),
    path("articles/<slug:slug>/preview.png", views.article_preview, name="preview"),
    path("comments/<int:comment_id>/share/", views.comment_share, name="comment_share"),
    path("comments/<int:comment_id>/preview.png", views.comment_preview, name="comment_preview"),
    path(
        "articles/<slug:slug>/comments/feed/",
        feed(feeds.ArticleCommentsFeed()),
        name="comments_feed_rss",
    ),
    path(
        "articles/<slug:slug>/comments/feed/atom/",
        feed(feeds.ArticleCommentsAtomFeed()),
        name="comments_feed_atom",
    ),
    path("topics/<slug:slug>/feed/", feed(feeds.TopicArticlesFeed()), name="topic_feed_rss"),
    path(
        "topics/<slug:slug>/feed/atom/", feed(feeds.TopicArticlesAtomFeed()), name="topic_feed_atom"
    ),
]

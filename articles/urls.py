from django.urls import path

from articles import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("feeds/latest/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("robots.txt", views.robots_txt, name="robots"),
]

"""URLs of the embed: the scripts at the site's root, and the page in the iframe."""

from django.urls import path

from forum.embed import popup, views

app_name = "embed"

urlpatterns = [
    path("embed.js", views.embed_js, name="script"),
    path("count.js", views.count_js, name="count_script"),
    path("embed/", views.embed_thread, name="thread"),
    path("embed/sign-in/", popup.embed_sign_in, name="sign_in"),
]

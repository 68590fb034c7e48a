from django.conf import settings


def site(request):
    """Give every template the site's name and absolute base URL."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}

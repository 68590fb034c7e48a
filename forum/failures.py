"""What a request that failed is answered: Django's handler500 for the whole site.

Under /api/ the API's JSON error (forum/api/errors.py), wherever the exception escaped
(an endpoint's are answered by the API itself; this catches middleware's and the rest);
elsewhere the 500 page. A database outage is a 503 with Retry-After in both: the request
may well succeed in a moment, and a load balancer or client can tell it from a bug.
"""

import sys

from django.http import HttpResponse
from django.template import loader

from forum.api import errors as api_errors

API_PREFIX = "/api/"


def server_error(request):
    """Answer an uncaught exception: JSON under /api/, else a page; 503 for a database outage."""
    exc = sys.exc_info()[1]  # Django calls the handler while handling the exception
    if request.path.startswith(API_PREFIX):
        return api_errors.failure_response(exc)
    # Rendered without a request context: the error may be in a context processor, or the
    # database that the context would read.
    if isinstance(exc, api_errors.OUTAGES):
        page = loader.get_template("503.html").render()
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(api_errors.OUTAGE_RETRY_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)

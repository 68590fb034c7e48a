"""The desk's integrations pages: endpoints, their secret shown once, their deliveries."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from forum.errors import ActionRefused
from forum.models.webhooks import Attempt, Endpoint
from forum.moderation.views.common import desk_context
from forum.refusals import Code, words
from forum.webhooks import services
from forum.webhooks.forms import EndpointAddForm, EndpointEditForm

DELIVERIES_PER_PAGE = 25
ATTEMPTS_SHOWN = 10


def integrations_required(view):
    """Send anonymous visitors to sign in; refuse (403) anyone who may not manage webhooks."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.can_manage(request.user):
            raise PermissionDenied(words(Code.INTEGRATIONS_ONLY))
        return view(request, *args, **kwargs)

    return wrapped


def _list(request, form, status=200):
    endpoints = Endpoint.objects.select_related("owner")
    context = desk_context(request, endpoints=endpoints, form=form, queue="integrations")
    return render(request, "forum/webhooks/integrations.html", context, status=status)


@integrations_required
def integrations(request):
    """List the endpoints, with the form to add one."""
    return _list(request, EndpointAddForm())


@never_cache
@require_POST
@integrations_required
def endpoint_add(request):
    """Add an endpoint and show its secret, this once."""
    form = EndpointAddForm(request.POST)
    if not form.is_valid():
        return _list(request, form, status=400)
    try:
        endpoint = services.endpoint_create(actor=request.user, **form.cleaned_data)
    except ActionRefused as refused:
        form.add_error("url", str(refused))
        return _list(request, form, status=400)
    context = desk_context(request, endpoint=endpoint, queue="integrations")
    return render(request, "forum/webhooks/endpoint_created.html", context, status=201)


@require_http_methods(["GET", "POST"])
@integrations_required
def endpoint_detail(request, endpoint_id):
    """Show an endpoint's settings and change them."""
    endpoint = get_object_or_404(Endpoint.objects.select_related("owner"), pk=endpoint_id)
    form = EndpointEditForm(request.POST) if request.method == "POST" else None
    if form is not None and form.is_valid():
        try:
            services.endpoint_update(actor=request.user, endpoint=endpoint, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error("url", str(refused))
        else:
            messages.success(request, _("Saved the endpoint."))
            return redirect("webhooks:endpoint", endpoint.pk)
    context = desk_context(
        request, endpoint=endpoint, form=form or EndpointEditForm.of(endpoint), queue="integrations"
    )
    status = 400 if form is not None else 200
    return render(request, "forum/webhooks/endpoint.html", context, status=status)


@require_POST
@integrations_required
def endpoint_delete(request, endpoint_id):
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    services.endpoint_delete(actor=request.user, endpoint=endpoint)
    messages.success(
        request, _("Deleted the endpoint %(url)s and its deliveries.") % {"url": endpoint.url}
    )
    return redirect("webhooks:integrations")


@integrations_required
def deliveries(request, endpoint_id):
    """List an endpoint's deliveries, newest first, each with its latest attempts."""
    endpoint = get_object_or_404(Endpoint, pk=endpoint_id)
    attempts = Attempt.objects.order_by("-started_at", "-pk")
    page = Paginator(
        endpoint.deliveries.prefetch_related(Prefetch("attempts", queryset=attempts)),
        DELIVERIES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    context = desk_context(
        request,
        endpoint=endpoint,
        page_obj=page,
        deliveries=page.object_list,
        attempts_shown=ATTEMPTS_SHOWN,
        queue="integrations",
    )
    return render(request, "forum/webhooks/deliveries.html", context)

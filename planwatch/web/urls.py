"""URL map: the admin, the JSON API (/api/, OpenAPI at /api/openapi.json, docs at /api/docs) and the
static files the docs and admin need, served from the installed apps so nothing loads from a CDN."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.staticfiles.views import serve as _serve_static
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.i18n import set_language

from planwatch.web.api import api
from planwatch.web.health import healthz, readyz


def static(request: HttpRequest, path: str) -> HttpResponse:
    """App static files without DEBUG (small intranet deployments run without a separate web server)."""
    return _serve_static(request, path, insecure=True)


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("", include("planwatch.web.jobs.urls")),
    path("", include("planwatch.web.reports.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^static/(?P<path>.*)$", static),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="ui/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("planwatch.web.registers.urls")),
    path("", include("planwatch.web.cycle.urls")),
    path("", include("planwatch.web.ledger.urls")),
    path("", include("planwatch.web.search.urls")),
    path("", include("planwatch.web.plans.urls")),
    path("", include("planwatch.web.data.urls")),
    path("", include("planwatch.web.ui.urls")),
]

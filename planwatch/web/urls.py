"""URL map: the admin, the JSON API (/api/, OpenAPI at /api/openapi.json, docs at /api/docs)."""

from django.contrib import admin
from django.urls import path

from planwatch.web.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

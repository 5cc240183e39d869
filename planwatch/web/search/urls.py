"""URL map of the site search."""

from django.urls import path

from planwatch.web.search import views

app_name = "search"

urlpatterns = [
    path("search/", views.results, name="results"),
]

"""URL map of the annual-plan pages."""

from django.urls import path

from planwatch.web.plans import views

app_name = "plans"

urlpatterns = [
    path("plans/<int:pk>/annual/", views.annual_plan, name="annual"),
    path("plans/<int:pk>/annual/year/", views.set_year, name="set_year"),
    path("targets/<int:pk>/parent/", views.link_parent, name="link_parent"),
    path("targets/<int:pk>/year-to-date/", views.year_to_date, name="year_to_date"),
]

"""URL map of the plan pages: the list, a plan's page and reader, upload and review of an extraction,
decomposition of targets to units, and the annual-plan pages."""

from django.urls import path

from planwatch.web.plans import decomposition, pages, review_views, views

app_name = "plans"

urlpatterns = [
    path("plans/", pages.plans, name="plans"),
    path("plans/<int:pk>/", pages.plan_detail, name="plan"),
    path("plans/<int:pk>/reader/", pages.plan_reader, name="reader"),
    path("upload/", review_views.upload, name="upload"),
    path("review/<int:pk>/", review_views.review, name="review"),
    path("targets/<int:pk>/assign/", decomposition.assign_target, name="assign_target"),
    path("assignments/<int:pk>/withdraw/", decomposition.unassign_target, name="unassign_target"),
    path("plans/<int:pk>/annual/", views.annual_plan, name="annual"),
    path("plans/<int:pk>/annual/year/", views.set_year, name="set_year"),
    path("targets/<int:pk>/parent/", views.link_parent, name="link_parent"),
    path("targets/<int:pk>/year-to-date/", views.year_to_date, name="year_to_date"),
]

"""URL map of the browser application."""

from django.urls import path

from planwatch.web.ui import dashboard, decomposition, forms_views, mapping_views, pages, portal

app_name = "ui"

urlpatterns = [
    path("", pages.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("plans/", pages.plans, name="plans"),
    path("plans/<int:pk>/", pages.plan_detail, name="plan"),
    path("targets/<int:pk>/assign/", decomposition.assign_target, name="assign_target"),
    path("assignments/<int:pk>/withdraw/", decomposition.unassign_target, name="unassign_target"),
    path("plans/<int:pk>/reader/", pages.plan_reader, name="reader"),
    path("indicators/", pages.indicators, name="indicators"),
    path("indicators/<int:pk>/", pages.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/observe/", forms_views.observe, name="observe"),
    path("audit/", pages.audit, name="audit"),
    path("history/<str:model>/<int:pk>/", pages.history, name="history"),
    path("upload/", forms_views.upload, name="upload"),
    path("review/<int:pk>/", forms_views.review, name="review"),
    path("import/", forms_views.import_table, name="import"),
    path("mapping/", mapping_views.mapping, name="mapping"),
    path("portal/", portal.portal, name="portal"),
    path("portal/plans/<int:pk>/", portal.portal_plan, name="portal_plan"),
]

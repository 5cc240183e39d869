"""URL map of the shared pages: home, dashboard, audit findings, record history and the public portal.
Each domain's pages have their own app and URL map (plans, data, ledger, cycle, registers, reports,
jobs, search)."""

from django.urls import path

from planwatch.web.ui import dashboard, pages, portal

app_name = "ui"

urlpatterns = [
    path("", pages.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("audit/", pages.audit, name="audit"),
    path("history/<str:model>/<int:pk>/", pages.history, name="history"),
    path("portal/", portal.portal, name="portal"),
    path("portal/plans/<int:pk>/", portal.portal_plan, name="portal_plan"),
]

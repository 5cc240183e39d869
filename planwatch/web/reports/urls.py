"""Report downloads; included from planwatch/web/urls.py."""

from django.urls import path

from planwatch.web.reports.editor import report_text
from planwatch.web.reports.views import plan_report

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/report/", plan_report, name="plan_report"),
    path("plans/<int:pk>/report/text/", report_text, name="report_text"),
]

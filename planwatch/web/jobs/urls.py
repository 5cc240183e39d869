"""Job pages; included from planwatch/web/urls.py."""

from django.urls import path

from planwatch.web.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/status/", views.job_status, name="status"),
    path("jobs/<int:pk>/file/", views.job_file, name="file"),
    path("plans/<int:pk>/report/jobs/", views.start_report, name="start_report"),
]

"""URL map of the monitoring cycle pages."""

from django.urls import path

from planwatch.web.cycle import views

app_name = "cycle"

urlpatterns = [
    path("todo/", views.todo, name="todo"),
    path("todo/read/", views.read_notifications, name="read_notifications"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/remind/", views.remind, name="remind"),
    path("rounds/<int:pk>/close/", views.close_round, name="close_round"),
    path("round-reports/<int:pk>/", views.round_report, name="round_report"),
    path("round-reports/<int:pk>/grade/", views.grade, name="grade"),
    path("plans/<int:pk>/self-evaluations/", views.plan_self_evaluations, name="self_evaluations"),
    path("assessment/", views.assessment, name="assessment"),
    path("assessment/<int:year>/export.xlsx", views.assessment_export, name="assessment_export"),
    path("assessment/<int:year>/scheme/", views.save_scheme, name="save_scheme"),
    path("assessment/<int:year>/units/<int:unit>/", views.assessment_unit, name="assessment_unit"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/new/", views.new_rectification, name="new_rectification"),
    path("rectifications/<int:pk>/", views.rectification, name="rectification"),
    path("ledger/<int:pk>/reassign/", views.reassign, name="reassign"),
    path("extensions/<int:pk>/endorse/", views.endorse, name="endorse_extension"),
]

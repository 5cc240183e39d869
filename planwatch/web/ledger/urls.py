"""URL map of the ledger (台账) pages: the task list and its export, a task with its 督办 actions,
milestones, extensions, progress updates and their approval, evidence files."""

from django.urls import path

from planwatch.web.ledger import views

app_name = "ledger"

urlpatterns = [
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/export.xlsx", views.ledger_export, name="ledger_export"),
    path("ledger/<int:pk>/", views.task_detail, name="task"),
    path("ledger/<int:pk>/extension/", views.request_extension, name="request_extension"),
    path("extensions/<int:pk>/decide/", views.decide_extension, name="decide_extension"),
    path("ledger/<int:pk>/milestones/", views.add_milestone, name="add_milestone"),
    path("milestones/<int:pk>/done/", views.complete_milestone, name="complete_milestone"),
    path("ledger/<int:pk>/<str:action>/", views.task_action, name="task_action"),
    path("updates/<int:pk>/review/", views.review_update, name="review_update"),
    path("approvals/", views.approvals, name="approvals"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]

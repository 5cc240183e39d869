"""URL map of the registers' pages (mounted at the site root: /registers/…, /portal/registers/)."""

from django.urls import path

from planwatch.web.registers import views

app_name = "registers"

urlpatterns = [
    path("registers/", views.index, name="index"),
    path("registers/enterprises/", views.enterprises, name="enterprises"),
    path("registers/enterprises/export.xlsx", views.enterprises_export, name="enterprises_export"),
    path("registers/enterprises/import/", views.enterprises_import, name="enterprises_import"),
    path("registers/enterprises/<int:pk>/", views.enterprise_detail, name="enterprise"),
    path("registers/targets/<int:target_id>/rule/", views.rule_new, name="rule_new"),
    path("registers/rules/<int:pk>/", views.rule_detail, name="rule"),
    path("registers/rules/<int:pk>/edit/", views.rule_edit, name="rule_edit"),
    path("registers/rules/<int:pk>/feed/", views.rule_feed, name="rule_feed"),
    path("registers/rules/<int:pk>/<int:year>/", views.rule_members, name="rule_members"),
    path("registers/plans/<int:plan_id>/projects/", views.projects, name="projects"),
    path("registers/plans/<int:plan_id>/projects/sync/", views.projects_sync, name="projects_sync"),
    path("registers/projects/sync/", views.projects_sync_any, name="projects_sync_any"),
    path("registers/projects/<int:pk>/", views.project_detail, name="project"),
    path("portal/registers/", views.portal_registers, name="portal"),
]

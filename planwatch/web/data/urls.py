"""URL map of the indicator pages: the list, an indicator's page, entering, importing and mapping
actual data."""

from django.urls import path

from planwatch.web.data import views

app_name = "data"

urlpatterns = [
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/observe/", views.observe, name="observe"),
    path("import/", views.import_table, name="import"),
    path("mapping/", views.mapping, name="mapping"),
]

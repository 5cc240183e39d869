from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search (the box in the top navigation) and its results page."""

    name = "planwatch.web.search"
    label = "search"
    verbose_name = "查找 search"

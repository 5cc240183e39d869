"""The JSON REST API (django-ninja), one router per domain."""

from ninja import NinjaAPI

api = NinjaAPI(title="PlanWatch API", version="1")

"""The Django project of PlanWatch: the store, the ledger, the JSON API.

Depends on the plain-Python layers (extract, progress ...), never the reverse.
"""

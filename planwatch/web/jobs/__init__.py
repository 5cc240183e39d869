"""Background jobs: a ``Job`` row per unit of work (state, progress, result, owner) executed by a
Celery worker, so every page shows a job's state whatever the transport (see docs/deploy.md)."""

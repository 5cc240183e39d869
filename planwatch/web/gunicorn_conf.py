"""gunicorn settings for ``planwatch serve --production`` and the scale-out set: JSON-lines logs
(one object per request, the same shape as the application's logs) and sane timeouts.

Workers and threads come from the command line (``-w``/``--threads``); see docs/deploy.md."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

_JSON = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
}

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": _JSON},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False, "qualname": "gunicorn.error"},
        "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False,
                            "qualname": "gunicorn.access"},
    },
}


class JsonAccessLogger(Logger):
    """One JSON object per request: method, path, status, duration, size, client."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if environ.get("PATH_INFO", "").startswith("/static/"):
            return
        self.access_log.info("request", extra={
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": getattr(resp, "status_code", None),
            "ms": round(request_time.total_seconds() * 1000, 1),
            "bytes": getattr(resp, "sent", None),
            "remote": environ.get("REMOTE_ADDR"),
        })


logger_class = JsonAccessLogger
timeout = 120  # a report rendered synchronously through the API may take a while
graceful_timeout = 20
worker_tmp_dir = "/dev/shm"

"""Django settings of PlanWatch.

SQLite file under ``var/`` (or ``$PLANWATCH_DATA_DIR``) is the embedded default; ``DATABASE_URL``
selects PostgreSQL in production. The secret key comes from ``PLANWATCH_SECRET_KEY`` or a file
generated once in the data directory, so a fresh install works without configuration.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("PLANWATCH_DATA_DIR") or BASE_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    env = os.environ.get("PLANWATCH_SECRET_KEY")
    if env:
        return env
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("PLANWATCH_DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("PLANWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "planwatch.web.reports",
    "planwatch.web.history",
    "planwatch.web.ledger",
    "planwatch.web.accounts",
    "planwatch.web.plans",
    "planwatch.web.data",
    "planwatch.web.cycle",
    "planwatch.web.ui",
    "planwatch.web.search",
    "planwatch.web.registers",
    "planwatch.web.safety",
    "axes",
    "planwatch.web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the web processes themselves (no separate web server on one machine).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planwatch.web.ui.middleware.ChineseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "planwatch.web.safety.nul.RejectNulMiddleware",  # PostgreSQL text holds no NUL: 400, not 500
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "planwatch.web.history.middleware.AuditActorMiddleware",
    "planwatch.web.busy.BusyDatabaseMiddleware",
    "planwatch.web.safety.idempotency.IdempotencyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its answer
]

# Login throttling (django-axes): after PLANWATCH_LOGIN_FAILURES wrong passwords for one username from
# one address, the next attempt (and any until AXES_COOLOFF_TIME has passed) is refused (the login page and the token endpoint alike);
# a correct login resets the count. `planwatch manage axes_reset` unlocks everyone.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("PLANWATCH_LOGIN_FAILURES", 5)) + 1
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("PLANWATCH_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "ui/locked_out.html"

ROOT_URLCONF = "planwatch.web.urls"
WSGI_APPLICATION = "planwatch.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE for the language button
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planwatch.web.ui.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'planwatch.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A multi-user server on SQLite: WAL lets readers work while one connection writes; write
    # transactions start IMMEDIATE, so they queue for the write lock within the busy timeout instead
    # of failing at once with "database is locked" when a read transaction upgrades to a write (which
    # SQLite cannot wait for). What still times out answers 503 + Retry-After (planwatch.web.busy).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": int(os.environ.get("PLANWATCH_SQLITE_TIMEOUT", 30)),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
    # Persistent per-thread connections: opening one (file, WAL index, schema, Django's SQL
    # functions, the pragmas) costs about a millisecond per request otherwise.
    DATABASES["default"]["CONN_MAX_AGE"] = 600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = os.environ.get("PLANWATCH_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/portal/"
LOCALE_PATHS: list[Path] = [Path(__file__).resolve().parent / "locale"]  # English edition (gettext)
LANGUAGE_COOKIE_NAME = "planwatch_language"

# Uploads: hard limits checked before any parsing (see planwatch.web.data.uploads).
PLANWATCH_MAX_UPLOAD_BYTES = int(os.environ.get("PLANWATCH_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
PLANWATCH_MAX_UNZIPPED_BYTES = int(os.environ.get("PLANWATCH_MAX_UNZIPPED_BYTES", 200 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = PLANWATCH_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Reminders: a yellow light this many days before a deadline, red after it.
PLANWATCH_REMIND_DAYS = int(os.environ.get("PLANWATCH_REMIND_DAYS", 14))

# Email is sent only when SMTP is configured (EMAIL_HOST); otherwise notifications stay in-app.
EMAIL_HOST = os.environ.get("PLANWATCH_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("PLANWATCH_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("PLANWATCH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PLANWATCH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("PLANWATCH_EMAIL_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("PLANWATCH_EMAIL_FROM", "planwatch@localhost")

NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500
NINJA_PAGINATION_CLASS = "ninja.pagination.PageNumberPagination"

# ---- static and uploaded files ---------------------------------------------------------------------
# ``planwatch serve --production`` collects the static files into STATIC_ROOT; the finders serve them
# from the apps when they were not collected (development, tests).
WHITENOISE_USE_FINDERS = True
# Evidence files and job files (uploads, generated reports): the data directory, or an S3-compatible
# bucket through django-storages when PLANWATCH_S3_BUCKET is set (the scale-out set, docs/deploy.md).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("PLANWATCH_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["PLANWATCH_S3_BUCKET"],
            "endpoint_url": os.environ.get("PLANWATCH_S3_ENDPOINT") or None,
            "region_name": os.environ.get("PLANWATCH_S3_REGION", "us-east-1"),
            "access_key": os.environ.get("PLANWATCH_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("PLANWATCH_S3_SECRET_KEY") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }

# ---- background jobs (planwatch.web.jobs, docs/deploy.md) ------------------------------------------
# celery: a worker process runs them (scripts/run.sh starts one); thread: inside the web process
# (``planwatch serve`` for development); sync: at once, in the caller (tests).
PLANWATCH_JOBS_MODE = os.environ.get("PLANWATCH_JOBS_MODE", "celery")
PLANWATCH_JOB_BEAT_SECONDS = float(os.environ.get("PLANWATCH_JOB_BEAT_SECONDS", 5))
PLANWATCH_JOB_STALE_SECONDS = float(os.environ.get("PLANWATCH_JOB_STALE_SECONDS", 60))
PLANWATCH_JOB_REQUEUE_SECONDS = float(os.environ.get("PLANWATCH_JOB_REQUEUE_SECONDS", 600))
PLANWATCH_JOB_MAX_ATTEMPTS = int(os.environ.get("PLANWATCH_JOB_MAX_ATTEMPTS", 3))
PLANWATCH_WORKER_BEAT_SECONDS = float(os.environ.get("PLANWATCH_WORKER_BEAT_SECONDS", 10))

_QUEUE_DIR = DATA_DIR / "queue"
CELERY_BROKER_URL = os.environ.get("PLANWATCH_BROKER_URL") or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem"):
    # No broker server: messages are files in the data directory (kombu's filesystem transport).
    for _sub in ("messages", "control"):
        (_QUEUE_DIR / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_QUEUE_DIR / "messages"),
        "data_folder_out": str(_QUEUE_DIR / "messages"),
        "control_folder": str(_QUEUE_DIR / "control"),
    }
else:
    # Redis keeps a message a killed worker had taken and delivers it again after this long.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("PLANWATCH_VISIBILITY_TIMEOUT", 900))}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")


def _beat_schedule() -> dict[str, dict[str, object]]:
    from celery.schedules import crontab

    return {
        "recover-jobs": {"task": "planwatch.recover_jobs", "schedule": 30.0},
        # Deadline reminders (yellow before, red after), instead of a cron entry.
        "daily-reminders": {"task": "planwatch.daily_reminders",
                            "schedule": crontab(hour=int(os.environ.get("PLANWATCH_REMIND_HOUR", 8)), minute=0)},
    }


CELERY_BEAT_SCHEDULE = _beat_schedule()
CELERY_TIMEZONE = TIME_ZONE

# ---- logs: one JSON object per line on stderr (web processes and workers alike) --------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
        },
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("PLANWATCH_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "celery": {"level": "INFO"},
    },
}

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
    "planwatch.web.registers",
    "planwatch.web.safety",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planwatch.web.ui.middleware.ChineseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
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
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/portal/"
LOCALE_PATHS: list[Path] = []
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

"""Settings of the production server the browser tests start (tests/web/production_server.py): the
real settings, plus the fast password hasher the test users are created with."""

from planwatch.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                    "django.contrib.auth.hashers.PBKDF2PasswordHasher"]

# The test database is written by several processes; take SQLite's write lock at the start of a
# transaction (and wait for it) rather than fail when a reading transaction upgrades.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"  # noqa: F405

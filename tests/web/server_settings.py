"""Settings of the production server the browser tests start (tests/web/production_server.py): the
real settings, plus the fast password hasher the test users are created with."""

from planwatch.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                    "django.contrib.auth.hashers.PBKDF2PasswordHasher"]

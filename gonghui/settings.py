"""One settings module; everything that differs between machines comes from the environment.

Defaults run the demo county on SQLite in ./var/. Production sets DATABASE_URL (PostgreSQL),
SECRET_KEY, GONGHUI_FIELD_KEY and DEBUG=0.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("GONGHUI_VAR_DIR", PROJECT_DIR / "var"))
(VAR_DIR / "staticfiles").mkdir(parents=True, exist_ok=True)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-gonghui-demo-county")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

# Key for ID numbers at rest (AES-GCM) and for their lookup hash (HMAC). Production must set it;
# the default keeps the demo and tests working on a fresh machine.
FIELD_ENCRYPTION_KEY = os.environ.get("GONGHUI_FIELD_KEY", "dev-only-field-key-change-me-in-production")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "auditlog",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "gonghui.orgs",
    "gonghui.people",
    "gonghui.audit",
    "gonghui.ledgers",
    "gonghui.core",
    "gonghui.assistance",
    "gonghui.threecares",
    "gonghui.membership",
    "gonghui.safety",
    "gonghui.relief",
    # Reporting's demo (targets, reports, assessment, closing 2008) runs after every area's: keep it last.
    "gonghui.reporting",
    "gonghui.summary",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gonghui.querystring.RefuseNulCharacters",
    "gonghui.orgs.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "gonghui.reporting.middleware.ClosedYearRefusal",
]

ROOT_URLCONF = "gonghui.urls"
WSGI_APPLICATION = "gonghui.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gonghui.orgs.context_processors.navigation",
            ],
            "builtins": ["gonghui.templatetags.gonghui"],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("GONGHUI_SQLITE", str(VAR_DIR / "gonghui.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while an import writes; IMMEDIATE avoids the
                # "database is locked" upgrade deadlock between two writers.
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gonghui.orgs.backends.UserWithOrganizationBackend",  # ModelBackend, the organisation joined
    "django.contrib.auth.backends.ModelBackend",  # sessions begun before it
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout: five wrong passwords for one account lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Locking by IP would lock a whole township office out (one NAT address for everyone there).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Sessions end after 8 idle hours or when the browser closes (shared office computers).
SESSION_COOKIE_AGE = 8 * 3600
# Idle expiry: gonghui.orgs.middleware.IdleSessionMiddleware pushes it on as people work.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "gonghui.errors.csrf_failure"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
EXPORT_RETENTION_HOURS = int(os.environ.get("GONGHUI_EXPORT_RETENTION_HOURS", 24))  # ledgers.exports

TASKS = {
    "default": {
        "BACKEND": os.environ.get("GONGHUI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

"""Settings shared by every environment. Environment-specific files import * from here."""

import datetime
import email.utils
import ipaddress
import os
import warnings
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("MAGELLAN_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "widget_tweaks",
    "dsfr",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "simple_history",
    "mozilla_django_oidc",
    "magellan.core",
    "magellan.accounts",
    "magellan.directory",
    "magellan.api",
    "magellan.demo",
    "magellan.program",
    "magellan.grouping",
    "magellan.mentoring",
    "magellan.exports",
    "magellan.dashboard",
    "magellan.notifications",
    "magellan.helpdesk",
    "magellan.community",
    "magellan.resources",
    "magellan.search",
    "magellan.logbook",
    "magellan.evaluation",
    "magellan.values",
    "magellan.indicators",
    "magellan.bulletins",
    "magellan.scheduler",
    "magellan.audit",
    "magellan.privacy",
    "magellan.recruitment",
]

MIDDLEWARE = [
    # First: X-Forwarded-* from a peer that is not a trusted proxy are dropped (magellan.core.security).
    "magellan.core.security.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy, on every response.
    "csp.middleware.CSPMiddleware",
    "magellan.core.middleware.PermissionsPolicyMiddleware",
    # Before anything reads the database: a NUL byte in the address is a 400 (magellan.core).
    "magellan.core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, whose process_view is the first to read a POST body: an oversized one is a 413
    # before it is read (and written to disk).
    "magellan.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out a session idle or old beyond the settings below (magellan.core.middleware).
    "magellan.core.middleware.SessionExpiryMiddleware",
    # Records who made each change in the audit history (magellan.audit).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "magellan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dsfr.context_processors.site_config",
                "magellan.core.context_processors.navigation",
                "magellan.notifications.context_processors.unread_notifications",
            ],
        },
    },
]


def database_from_environment() -> dict[str, object]:
    """PostgreSQL when POSTGRES_DB (or DATABASE_NAME) is set, the embedded SQLite file otherwise."""
    name = os.environ.get("POSTGRES_DB")
    if name:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": os.environ.get("POSTGRES_USER", "magellan"),
            "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),
            "HOST": os.environ.get("POSTGRES_HOST", "127.0.0.1"),
            "PORT": os.environ.get("POSTGRES_PORT", "5432"),
            "CONN_MAX_AGE": int(os.environ.get("POSTGRES_CONN_MAX_AGE", "60")),
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "magellan.sqlite3")),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every login path (password, link, admin) once a client is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "magellan.accounts.backends.EmailLinkBackend",
    # ProConnect (OpenID Connect); answers only the ProConnect callback's own call.
    "magellan.accounts.oidc.ProConnectBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long a one-time login link stays valid, in seconds.
MAGELLAN_LOGIN_LINK_MAX_AGE = int(os.environ.get("MAGELLAN_LOGIN_LINK_MAX_AGE", 15 * 60))

# The public address of the site, for links in e-mails and calendar files (no request there).
MAGELLAN_SITE_URL = os.environ.get("MAGELLAN_SITE_URL", "http://127.0.0.1:8000")

# Rate limits (django-axes): after AXES_FAILURE_LIMIT failed logins for one address, or from one
# IP address, every login is refused for AXES_COOLOFF_TIME (the right password included).
AXES_FAILURE_LIMIT = int(os.environ.get("MAGELLAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("MAGELLAN_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "magellan.accounts.lockout.username"
AXES_LOCKOUT_CALLABLE = "magellan.accounts.lockout.response"
AXES_RESET_ON_SUCCESS = True
# Failed logins kept in a durable log too (django-axes's AccessFailureLog): the staff's page
# `audit:logins` lists them with the successful ones; both purged after MAGELLAN_LOGIN_LOG_RETENTION_DAYS.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The reverse proxies in front of Magellan (IPs or CIDRs, comma-separated; empty: none). Only from
# them are X-Forwarded-For and X-Forwarded-Proto believed; the client's address is then the last one
# of X-Forwarded-For that is not a proxy (magellan.core.security). Replaces MAGELLAN_PROXY_COUNT.
MAGELLAN_TRUSTED_PROXIES = [
    str(ipaddress.ip_network(entry.strip(), strict=False))
    for entry in os.environ.get("MAGELLAN_TRUSTED_PROXIES", "").split(",")
    if entry.strip()
]
if os.environ.get("MAGELLAN_PROXY_COUNT", "0").strip() not in ("", "0"):
    raise ImproperlyConfigured(
        "MAGELLAN_PROXY_COUNT is replaced by MAGELLAN_TRUSTED_PROXIES: set the proxies' addresses "
        "(e.g. MAGELLAN_TRUSTED_PROXIES=127.0.0.1) and remove MAGELLAN_PROXY_COUNT."
    )
AXES_CLIENT_IP_CALLABLE = "magellan.core.security.client_ip"
# Login-link e-mails: at most this many per address, and per IP address, in each window.
MAGELLAN_LOGIN_LINK_LIMIT_PER_EMAIL = 3
MAGELLAN_LOGIN_LINK_LIMIT_PER_IP = 10
MAGELLAN_LOGIN_LINK_LIMIT_WINDOW = 15 * 60

# ProConnect, the State agents' OpenID Connect federation (docs/proconnect.md). Off (no button,
# its URLs answer 404) while MAGELLAN_PROCONNECT_CLIENT_ID is empty. The endpoints and the signing
# algorithms come from the issuer's discovery document.
MAGELLAN_PROCONNECT_ISSUER = os.environ.get(
    "MAGELLAN_PROCONNECT_ISSUER", "https://auth.agentconnect.gouv.fr/api/v2"
).rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("MAGELLAN_PROCONNECT_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("MAGELLAN_PROCONNECT_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("MAGELLAN_PROCONNECT_SCOPES", "openid email given_name usual_name")
# ProConnect's identity providers vouch for the e-mail and send no `email_verified` claim: an
# absent claim is accepted while this is on; `email_verified: false` is refused either way.
MAGELLAN_PROCONNECT_EMAIL_VOUCHED = os.environ.get(
    "MAGELLAN_PROCONNECT_EMAIL_VOUCHED", "true"
).lower() in ("1", "true", "yes")
# Space-separated acr_values sent with the request (empty: none, ProConnect then uses eidas1).
MAGELLAN_PROCONNECT_ACR_VALUES = os.environ.get("MAGELLAN_PROCONNECT_ACR_VALUES", "")
# Seconds of clock difference tolerated on the ID token's exp and iat.
MAGELLAN_PROCONNECT_CLOCK_SKEW = int(os.environ.get("MAGELLAN_PROCONNECT_CLOCK_SKEW", "30"))
OIDC_TIMEOUT = int(os.environ.get("MAGELLAN_PROCONNECT_TIMEOUT", "10"))
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False  # accounts come from the coaches' imports; ProConnect only links them
OIDC_STORE_ID_TOKEN = True  # kept for the logout at ProConnect (id_token_hint)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:proconnect_callback"

# Every other form that sends an e-mail (help requests, community, mentoring, registrations…):
# POSTs per account and per IP address, each view apart (django-ratelimit rates: "20/h", "5/15m").
MAGELLAN_EMAIL_FORM_RATE_PER_ACCOUNT = os.environ.get(
    "MAGELLAN_EMAIL_FORM_RATE_PER_ACCOUNT", "30/h"
)
MAGELLAN_EMAIL_FORM_RATE_PER_IP = os.environ.get("MAGELLAN_EMAIL_FORM_RATE_PER_IP", "100/h")
# The rate-limit counters. One process here; production shares them between workers (prod.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security headers (docs/security.md). Content-Security-Policy: nothing inline, nothing from
# elsewhere; data: images for the DSFR's icons in its CSS. No form-action: the ProConnect login and
# logout leave for the provider by redirect, which form-action would block.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, refused to the page and anything it could embed.
MAGELLAN_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)
# Sessions: signed out after this many minutes without a request, and in any case this many hours
# after signing in (SessionExpiryMiddleware; the cookie itself lasts no longer).
MAGELLAN_SESSION_IDLE_MINUTES = int(os.environ.get("MAGELLAN_SESSION_IDLE_MINUTES", "120"))
MAGELLAN_SESSION_MAX_AGE_HOURS = int(os.environ.get("MAGELLAN_SESSION_MAX_AGE_HOURS", "12"))
SESSION_COOKIE_AGE = MAGELLAN_SESSION_MAX_AGE_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "fr"
# French only for now; another language needs its .po file in LOCALE_PATHS and an entry here.
LANGUAGES = [("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "magellan" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Request bodies. RequestSizeLimitMiddleware answers 413, before reading it, to a body over
# MAGELLAN_REQUEST_MAX_BYTES (files included, which Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not
# count); a view marked with magellan.core.uploads.accepts_upload takes its own cap on top.
MAGELLAN_REQUEST_MAX_BYTES = int(os.environ.get("MAGELLAN_REQUEST_MAX_BYTES", 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAGELLAN_REQUEST_MAX_BYTES
# Uploads above this size are spooled to a temporary file instead of memory (Django's default).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024 + 512 * 1024
# The largest CSV the people import takes: a 100,000-row list with every column filled is
# about 19 Mo (measured, see docs/settings.md).
MAGELLAN_IMPORT_MAX_BYTES = int(os.environ.get("MAGELLAN_IMPORT_MAX_BYTES", 20 * 1024 * 1024))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Magellan <magellan@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"

# The State site's mandatory pages (legal notice, accessibility, personal data): what differs
# between deployments. The contact receives accessibility reports and personal-data requests.
MAGELLAN_PUBLISHER = os.environ.get(
    "MAGELLAN_PUBLISHER",
    "Direction interministérielle du numérique (DINUM), 20 avenue de Ségur, 75007 Paris",
)
MAGELLAN_PUBLICATION_DIRECTOR = os.environ.get(
    "MAGELLAN_PUBLICATION_DIRECTOR", "La directrice ou le directeur interministériel du numérique"
)
MAGELLAN_HOSTING = os.environ.get("MAGELLAN_HOSTING", MAGELLAN_PUBLISHER)
MAGELLAN_CONTACT_EMAIL = os.environ.get(
    "MAGELLAN_CONTACT_EMAIL", email.utils.parseaddr(DEFAULT_FROM_EMAIL)[1]
)
# How long the log of successful logins (django-axes) is kept (`manage.py purge_login_log`, daily).
MAGELLAN_LOGIN_LOG_RETENTION_DAYS = int(os.environ.get("MAGELLAN_LOGIN_LOG_RETENTION_DAYS", "180"))

# Personal data (docs/privacy.md): alumni with no login for this many years are warned by e-mail,
# then anonymised MAGELLAN_RETENTION_WARNING_DAYS later unless they signed in meanwhile.
MAGELLAN_ALUMNI_RETENTION_YEARS = int(os.environ.get("MAGELLAN_ALUMNI_RETENTION_YEARS", "3"))
MAGELLAN_RETENTION_WARNING_DAYS = int(os.environ.get("MAGELLAN_RETENTION_WARNING_DAYS", "30"))
# Calendar feeds of accounts closed or unused this many days are deleted (daily job).
MAGELLAN_CALENDAR_FEED_INACTIVE_DAYS = int(
    os.environ.get("MAGELLAN_CALENDAR_FEED_INACTIVE_DAYS", "365")
)
# API tokens revoked or expired for this many days are deleted (daily job).
MAGELLAN_API_TOKEN_PURGE_DAYS = int(os.environ.get("MAGELLAN_API_TOKEN_PURGE_DAYS", "90"))

# Background work: django-tasks with its database backend (worker: `manage.py db_worker`).
# Two queues: e-mails run in their own worker, never behind a long import or grouping.
TASK_QUEUES = ["default", "emails"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# A running job that reports nothing for this long is taken for dead (its worker gone).
MAGELLAN_JOB_STALE_MINUTES = int(os.environ.get("MAGELLAN_JOB_STALE_MINUTES", "15"))
# Repository health checks (docs/values.md): a clone stops after this many seconds or once the copy
# grows over this many bytes; a last commit older than this many days is flagged; local addresses
# (file://, paths) are accepted only where allowed (the demo's repositories, the tests).
MAGELLAN_REPOSITORY_CLONE_TIMEOUT = int(os.environ.get("MAGELLAN_REPOSITORY_CLONE_TIMEOUT", "120"))
MAGELLAN_REPOSITORY_MAX_BYTES = int(
    os.environ.get("MAGELLAN_REPOSITORY_MAX_BYTES", 200 * 1024 * 1024)
)
MAGELLAN_REPOSITORY_STALE_DAYS = int(os.environ.get("MAGELLAN_REPOSITORY_STALE_DAYS", "365"))
MAGELLAN_REPOSITORY_ALLOW_LOCAL = os.environ.get("MAGELLAN_REPOSITORY_ALLOW_LOCAL", "") == "1"

# The group engine's compiled kernels (numba's cache), written by `python -m magellan.engine warm`
# (make install/run/worker, a deployment) and read by every process that forms groups. Exported
# to the environment because the engine never imports Django: it reads the variable itself.
MAGELLAN_ENGINE_CACHE_DIR = Path(
    os.environ.get("MAGELLAN_ENGINE_CACHE_DIR", "").strip() or VAR_DIR / "engine-cache"
)
os.environ["MAGELLAN_ENGINE_CACHE_DIR"] = str(MAGELLAN_ENGINE_CACHE_DIR)

# django-dsfr adds integrity hashes to its CSS; manifest storage rewrites url() inside it.
DSFR_USE_INTEGRITY_CHECKSUMS = True
DSFR_MARK_OPTIONAL_FIELDS = True
# django-dsfr warns on every form that the opt-in above is transitional: say it once, here.
warnings.filterwarnings("ignore", message="Transitional Django setting DSFR_MARK_OPTIONAL_FIELDS")

# Directory page sizes.
MAGELLAN_PAGE_SIZE = 20
MAGELLAN_API_PAGE_SIZE = 50
# API tokens: an expiry is required, at most this many days ahead (docs/api.md).
MAGELLAN_API_TOKEN_MAX_DAYS = int(os.environ.get("MAGELLAN_API_TOKEN_MAX_DAYS", "365"))
# Requests per token (django-ratelimit's rate: "<count>/<s|m|h|d>"); beyond it, a 429 with Retry-After.
MAGELLAN_API_TOKEN_RATE = os.environ.get("MAGELLAN_API_TOKEN_RATE", "600/m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each step of each PDF, and fontTools each font it subsets, at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Year planner: the sessions of one day fit in these working hours (Monday–Friday).
MAGELLAN_WORKDAY_START = os.environ.get("MAGELLAN_WORKDAY_START", "09:00")
MAGELLAN_WORKDAY_END = os.environ.get("MAGELLAN_WORKDAY_END", "18:00")

# Mentoring: the weight of each term of a mentor–need score (points), shown on the matching page.
# main/secondary_expertise: for an expert (level 3; confirmed ×2/3, practice ×1/3); preference:
# rank 1 (rank 2 ×2/3, rank 3 ×1/3); availability: 3 or more common half-days (fewer: pro rata);
# mode: both can meet the way the need asks; load: per mentee the mentor already has;
# novelty: the pair already had a cycle together.
MAGELLAN_MENTORING_WEIGHTS = {
    "main_expertise": 40,
    "secondary_expertise": 10,
    "preference": 25,
    "availability": 10,
    "mode": 5,
    "load": -5,
    "novelty": -20,
}
# Days a mentor has to answer a proposal before the coaches are told.
MAGELLAN_MENTORING_ANSWER_DAYS = int(os.environ.get("MAGELLAN_MENTORING_ANSWER_DAYS", "7"))

# Help desk: the largest attachment (each file), what one sending may carry in files (the request
# size cap of the pages that take attachments), the days a resolved request may be reopened, and
# the age from which an open request counts as old in the coaches' figures.
MAGELLAN_HELPDESK_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("MAGELLAN_HELPDESK_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
)
MAGELLAN_HELPDESK_UPLOAD_MAX_BYTES = int(
    os.environ.get("MAGELLAN_HELPDESK_UPLOAD_MAX_BYTES", 30 * 1024 * 1024)
)
MAGELLAN_HELPDESK_REOPEN_DAYS = int(os.environ.get("MAGELLAN_HELPDESK_REOPEN_DAYS", "30"))
MAGELLAN_HELPDESK_STALE_DAYS = int(os.environ.get("MAGELLAN_HELPDESK_STALE_DAYS", "7"))

# Scheduler: a job never run before runs its latest due time only if it is at most this late (hours).
MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS = int(
    os.environ.get("MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS", "6")
)

# Weekly bulletins: the time (Europe/Paris, "HH:MM") at which the week's bulletin locks on its last
# working day, and the digest leaves; the chat webhook's timeout (seconds).
MAGELLAN_BULLETIN_LOCK_TIME = os.environ.get("MAGELLAN_BULLETIN_LOCK_TIME", "15:05")
MAGELLAN_BULLETIN_WEBHOOK_TIMEOUT = float(os.environ.get("MAGELLAN_BULLETIN_WEBHOOK_TIMEOUT", "5"))

# Evaluation per phase (docs/evaluation.md).
# The scale of the report's levels on each impact axis, lowest first, separated by "|" (the
# programme's documents fix none); empty: the default four levels, « insuffisant » to « excellent ».
MAGELLAN_EVALUATION_SCALE = [
    label.strip()
    for label in os.environ.get("MAGELLAN_EVALUATION_SCALE", "").split("|")
    if label.strip()
]
MAGELLAN_RETROSPECTIVE_OPENS_DAYS = int(os.environ.get("MAGELLAN_RETROSPECTIVE_OPENS_DAYS", "14"))
MAGELLAN_RETROSPECTIVE_REMINDER_DAYS = int(
    os.environ.get("MAGELLAN_RETROSPECTIVE_REMINDER_DAYS", "3")
)
# Follow-up surveys of the alumni (docs/indicators.md): the waves after the programme's end (months),
# how long a personal link stays valid, and after how many days an unanswered survey is reminded.
MAGELLAN_SURVEY_MONTHS_AFTER = tuple(
    int(months)
    for months in os.environ.get("MAGELLAN_SURVEY_MONTHS_AFTER", "6,12").split(",")
    if months.strip()
)
MAGELLAN_SURVEY_LINK_DAYS = int(os.environ.get("MAGELLAN_SURVEY_LINK_DAYS", "30"))
MAGELLAN_SURVEY_REMINDER_DAYS = int(os.environ.get("MAGELLAN_SURVEY_REMINDER_DAYS", "7"))

# Recruitment (docs/recruitment.md): how long a call's candidates' personal data is kept after the
# call's decision (days; each call may set its own), and how many reviews each application gets.
MAGELLAN_CANDIDATE_RETENTION_DAYS = int(os.environ.get("MAGELLAN_CANDIDATE_RETENTION_DAYS", "180"))
MAGELLAN_RECRUITMENT_REVIEWS_PER_APPLICATION = int(
    os.environ.get("MAGELLAN_RECRUITMENT_REVIEWS_PER_APPLICATION", "2")
)
# The largest CV a candidate's application takes (a PDF).
MAGELLAN_CANDIDATE_CV_MAX_BYTES = int(
    os.environ.get("MAGELLAN_CANDIDATE_CV_MAX_BYTES", 5 * 1024 * 1024)
)
# The spread between reviewers' weighted means (on a 0–5 scale) above which the ranking flags
# « désaccord ».
MAGELLAN_RECRUITMENT_DISAGREEMENT = float(
    os.environ.get("MAGELLAN_RECRUITMENT_DISAGREEMENT", "1.5")
)

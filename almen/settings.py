"""Almen settings: one module, configured by the environment.

With no environment set the portal runs embedded: SQLite, Celery tasks run eagerly,
email is printed to the console and the cache lives in memory. ``DATABASE_URL``,
``REDIS_URL`` and ``EMAIL_URL`` switch to PostgreSQL, a Redis broker and cache, and SMTP.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEVELOPMENT_SECRET_KEY = "django-insecure-almen-development-key-not-for-production"  # noqa: S105  # nosec B105

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# How many reverse proxies in front of the portal append to X-Forwarded-For (1 behind the
# compose proxy). Client addresses for rate limits are read at that depth; with 0 the
# socket's address is used and a client-supplied X-Forwarded-For is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# The address links in emails and PDFs point to (invitations, QR codes).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",  # accounts: two-factor authentication (TOTP, recovery codes, WebAuthn)
    "allauth.usersessions",  # accounts: a user sees and ends their other sessions
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "django_celery_beat",
    # Before reversion: its Danish catalogue overrides reversion's wording of the history.
    "almen.editorial",
    "reversion",  # editorial: every content change is a version (almen/editorial)
    "reversion_compare",
    "almen.core",
    "almen.accounts",
    "goals",
    "municipalities",
    "campaigns",
]

MIDDLEWARE = [
    # Health checks answer before host validation and the HTTPS redirect (almen/core/health.py).
    "almen.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Cached anonymous pages and API reads are answered here, before sessions, locale and
    # authentication (almen/core/page_cache.py). Middleware that sets per-request headers
    # belongs above it, middleware whose headers belong to the page below it: the
    # Content-Security-Policy and Permissions-Policy headers are stored with the page, so a
    # hit does not build the policy again.
    "almen.core.page_cache.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "almen.core.middleware.permissions_policy",
    "almen.core.middleware.reject_nul_bytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # accounts: sessions end after inactivity; staff and organisation administrators must
    # set up two-factor authentication before anything else.
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "almen.accounts.middleware.SessionIdleMiddleware",
    "almen.accounts.middleware.MfaRequiredMiddleware",
]

ROOT_URLCONF = "almen.urls"
WSGI_APPLICATION = "almen.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery ---------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # The cache is optional: with Redis down pages come from the database
            # (almen/core/cache_backends.py); short time-outs keep a dead Redis cheap.
            "BACKEND": "almen.core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "almen",
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT_SECONDS", default=0.5),
                "socket_timeout": env.float("CACHE_TIMEOUT_SECONDS", default=1.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered public pages live this long at most; publishing content invalidates them at once.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60 * 60)
# Each web process also keeps recent cached pages itself and trusts the content versions it
# read for this long: a publish shows in every process within it (almen/core/cache.py).
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
PAGE_CACHE_LOCAL_MAX_BYTES = env.int("PAGE_CACHE_LOCAL_MAX_BYTES", default=32 * 1024 * 1024)

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes the database connection before and after every task unless
# this is set (then only every 1,000 tasks); almen/celery.py recycles connections around each
# task as Django does around a request (CONN_MAX_AGE, health checks). Connecting cost an
# invitation about a sixth of its time.
CELERY_DB_REUSE_MAX = 1000
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Copenhagen"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A send with the broker down fails fast (the sweeper enqueues later) instead of hanging.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2

# --- Email --------------------------------------------------------------------------------
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-emails"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BL – Danmarks Almene Boliger <almen@bl.dk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# --- Email: resilience (almen/core/email.py) ---
# Seconds an SMTP connection may block: email goes out from Celery tasks (email_send_task),
# which retry, so a hung server must not hold a worker for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# First retry of an email after a temporary SMTP error, doubled per retry, at most an hour.
EMAIL_RETRY_BACKOFF_SECONDS = env.int("EMAIL_RETRY_BACKOFF_SECONDS", default=30)

# --- Authentication -----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # ASVS 2.1.1: at least 12 characters.
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# accounts (almen/accounts/): people sign in with their email and a password or a one-time
# code by email; nobody signs up, accounts come from invitations (almen/accounts/invitations).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_ADAPTER = "almen.accounts.adapters.AccountAdapter"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Almen: "
# allauth's limits, written out: failed sign-ins are limited per IP and per account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    # Rates, not passwords (bandit reads the key names):
    "reset_password": "20/m/ip,5/m/key",  # nosec B105
    "reset_password_from_key": "20/m/ip",  # nosec B105
    "change_password": "5/m/user",  # nosec B105
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# allauth wants a verified address before MFA; here every address came from an invitation or
# from BL (createsuperuser, admin), and staff made that way must still be able to set it up.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = "Almen (BL)"
# WebAuthn needs https, except on localhost while developing.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Sessions of signed-in users end after this many minutes without a request
# (almen.accounts.middleware.SessionIdleMiddleware keeps an active session alive).
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_MINUTES * 60
# How long an invitation link to an account works.
ACCOUNT_INVITATION_DAYS = env.int("ACCOUNT_INVITATION_DAYS", default=7)
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
FORMAT_MODULE_PATH = ["almen.formats"]  # 10.03.2026 in Danish (almen/formats/da/formats.py)
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# --- Local goals: attachments are private (served by a view that checks visibility) -----
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- REST API -----------------------------------------------------------------------------
# The partner API (almen/core/api/, <app>/api/): open reads throttled per IP, partner keys
# ("Authorization: Api-Key <key>", created in admin) lift the limit, JSON errors.
API_ANON_RATE = env("API_ANON_RATE", default="60/min") or None  # empty: no limit (benchmarks)
# Cache-Control max-age of public API reads (clients revalidate with ETag after that).
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=5 * 60)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "almen.core.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": ["almen.core.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "almen.core.api.pagination.ApiPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "almen.core.api.exceptions.api_exception_handler",
    # ?format=csv wins over an Accept header (almen/core/api/negotiation.py).
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": (
        "almen.core.api.negotiation.FormatFirstContentNegotiation"
    ),
    "COERCE_DECIMAL_TO_STRING": False,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Almen API",
    "DESCRIPTION": (
        "BL – Danmarks Almene Boliger: goal programmes, municipality figures (kommuneark), "
        "national facts, housing organisations and public campaign metadata, as data.\n\n"
        "Reading is open to everyone, limited per IP address; a partner key from BL "
        "(`Authorization: Api-Key <key>`) lifts the limit. Lists are paginated "
        "(`page`, `page_size` up to 100) in a stable order. Responses carry `ETag` and "
        "`Last-Modified`; send `If-None-Match` or `If-Modified-Since` to get `304 Not "
        "Modified`. Texts are BL's, in Danish; `Accept-Language: en` gives English labels "
        "and error messages. Times are ISO 8601 with time zone."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "almen.core.api.schema.document_http_headers",
        "almen.core.api.schema.nullable_references",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No validator badge (Swagger UI would fetch it from validator.swagger.io); no deep links
    # (they nest a link inside each operation's button, which screen readers cannot use).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "authorization", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# --- Security (production: DEBUG off) -----------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): every script is a file the portal serves, so no
# nonces are needed (they could not be, on pages served from the cache). Styles allow inline
# attributes: SVG charts and ReDoc set them, and they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the portal never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The container health check speaks plain HTTP (almen/core/health.py answers it first).
    SECURE_REDIRECT_EXEMPT = [r"^healthz"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Content and demo ---------------------------------------------------------------------
# Each app's loader for the published content in content/, run in this order by load_content.
CONTENT_LOADERS = [
    "goals.services.goals_content_load",
    "municipalities.services.municipalities_content_load",
    "campaigns.services.content.campaigns_content_load",
]
# The site search (/maal/soeg/) searches the goal programmes and, through these, other
# content: each returns an almen.core.search.SearchHitGroup (campaigns: /kampagner/).
SITE_SEARCH_PROVIDERS = ["campaigns.selectors.campaign_search_group"]
# Each app's builder of demo-only data (sample users, councillors), run by `manage.py demo`.
DEMO_DATA_BUILDERS = [
    "municipalities.services.municipalities_demo_data_create",  # two demo housing organisations
    "goals.local_goal_demo.local_goals_demo_data_create",  # their logins and local goals
    "campaigns.services.demo.campaigns_demo_data_create",
]

# --- Local goals (goals/local_goal_services.py, goals/notifications.py) ------------------
# Largest attachment of a progress update (PDF or image, checked by content).
LOCAL_GOAL_ATTACHMENT_MAX_BYTES = env.int(
    "LOCAL_GOAL_ATTACHMENT_MAX_BYTES", default=5 * 1024 * 1024
)
# A deleted local goal can be restored this many days; then the beat task purges it.
LOCAL_GOAL_DELETED_DAYS = env.int("LOCAL_GOAL_DELETED_DAYS", default=30)

# --- Campaigns (welcome packs) ------------------------------------------------------------
# How long a councillor's personal link (/velkommen/<token>/) keeps working.
CAMPAIGN_LINK_MAX_AGE_DAYS = env.int("CAMPAIGN_LINK_MAX_AGE_DAYS", default=365)
# A councillor's data is erased this many days after the invitation (the privacy notice
# says at the latest one year), by a nightly beat task.
RECIPIENT_RETENTION_DAYS = env.int("RECIPIENT_RETENTION_DAYS", default=365)

# --- Campaigns: sending invitations and reminders (campaigns/services/sending.py) ---------
# Campaign mail handed to SMTP, across all workers together ("10/s", "600/m", "30/m";
# empty: none), a token bucket in Redis (campaigns/services/rate_limit.py). 10/s suits an
# ordinary relay (Postfix, a transactional provider); Microsoft 365 SMTP AUTH allows 30/m.
CAMPAIGN_SEND_RATE_LIMIT = env("CAMPAIGN_SEND_RATE_LIMIT", default="10/s") or None
# Attempts per invitation before a temporary SMTP error counts as a permanent failure.
CAMPAIGN_SEND_MAX_ATTEMPTS = env.int("CAMPAIGN_SEND_MAX_ATTEMPTS", default=6)
# First retry after this many seconds, doubled on every attempt, at most one hour.
CAMPAIGN_SEND_RETRY_BACKOFF_SECONDS = env.int("CAMPAIGN_SEND_RETRY_BACKOFF_SECONDS", default=30)
# Socket timeout of the SMTP connection used for campaign mail.
CAMPAIGN_SMTP_TIMEOUT_SECONDS = env.int("CAMPAIGN_SMTP_TIMEOUT_SECONDS", default=30)
# Each worker reuses one SMTP connection (campaigns/services/smtp.py) until it has been idle
# this long or has carried this many messages.
CAMPAIGN_SMTP_IDLE_SECONDS = env.int("CAMPAIGN_SMTP_IDLE_SECONDS", default=30)
CAMPAIGN_SMTP_MESSAGES_PER_CONNECTION = env.int(
    "CAMPAIGN_SMTP_MESSAGES_PER_CONNECTION", default=100
)
# An invitation marked "sending" longer than this is taken to belong to a dead worker and
# may be sent again; it must be well above the SMTP timeout.
CAMPAIGN_SEND_LEASE_SECONDS = env.int("CAMPAIGN_SEND_LEASE_SECONDS", default=300)
# Reminders go out the day before a session (Danish time), from this hour on.
CAMPAIGN_REMINDER_FROM_HOUR = env.int("CAMPAIGN_REMINDER_FROM_HOUR", default=9)
# Redis redelivers a task whose worker died (acks late) once this many seconds have passed.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60),
}
# Registered in code; django-celery-beat's DatabaseScheduler copies it into its tables.
# How often beat enqueues invitations whose task was lost (broker down, a killed worker).
CAMPAIGN_SWEEP_SECONDS = env.int("CAMPAIGN_SWEEP_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    # Local goals: the weekly digest of overdue goals (Mondays, Danish time) and the purge
    # of goals deleted more than LOCAL_GOAL_DELETED_DAYS ago.
    "goals-overdue-digest": {
        "task": "goals.tasks.overdue_digests_send_task",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    "goals-purge-deleted": {
        "task": "goals.tasks.local_goals_purge_deleted_task",
        "schedule": crontab(minute=30, hour=3),
    },
    "campaigns-recipient-retention": {
        "task": "campaigns.tasks.recipients_retention_task",
        "schedule": crontab(minute=15, hour=3),
    },
    "campaigns-invitation-sweeper": {
        "task": "campaigns.tasks.campaign_sweep_task",
        "schedule": CAMPAIGN_SWEEP_SECONDS,
    },
    "campaigns-webinar-reminders": {
        "task": "campaigns.tasks.reminders_send_due_task",
        "schedule": 15 * 60,
    },
}

# --- Scheduled publishing and withdrawal (almen/editorial/scheduling.py) -------------------
CELERY_BEAT_SCHEDULE["editorial-scheduled-publishing"] = {
    "task": "almen.editorial.tasks.schedule_run_task",
    "schedule": 60,
}

# --- Admin imports (almen/core/uploads.py) ------------------------------------------------
# Uploads waiting for confirmation live in the database; beat removes stale ones hourly.
CELERY_BEAT_SCHEDULE["core-import-uploads-cleanup"] = {
    "task": "almen.core.tasks.import_uploads_cleanup_task",
    "schedule": 60 * 60,
}

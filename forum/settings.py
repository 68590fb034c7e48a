"""Settings for the discussion forum: every deployment value comes from the environment.

docs/settings.md lists each environment variable with its default.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP

from forum import languages
from forum.platform.logs import logging_config
from forum.settings_mail import mail_settings
from forum.settings_scorers import scorer_settings
from forum.settings_sign_in import sign_in_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("TESTING", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and (DEBUG or TESTING):
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdefghij"
# Without DEBUG and without SECRET_KEY the key stays empty: management commands that need
# no key (check, migrate) still run, but the WSGI/ASGI application refuses to start and
# anything that signs (sessions, tokens) raises ImproperlyConfigured.

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# ---------------------------------------------------------------------------------------------
# The forum's own knobs: each from the environment variable of its name, defaulted here only
# (docs/settings.md lists them); modules read django.conf.settings when they act. The client's
# address comes through ALLAUTH_TRUSTED_PROXY_COUNT (below, with allauth's settings).

# The site: the absolute base for links that leave it (feeds, e-mails, share links), its name.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="The Invitation")

# Discussions: the edit window, the page size, and holding the comments of new members.
COMMENT_EDIT_WINDOW = timedelta(minutes=env.int("COMMENT_EDIT_WINDOW_MINUTES", default=15))
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=50)
PREMODERATE_FIRST_COMMENTS = env.int("PREMODERATE_FIRST_COMMENTS", default=2)
LINKS_TRUSTED_AFTER_COMMENTS = env.int("LINKS_TRUSTED_AFTER_COMMENTS", default=5)
# The local toxicity score (forum/comments/scoring.py): on unless TOXICITY_SCORING=0; the
# threshold until a moderator sets one (/moderation/scoring/). See docs/moderation-scoring.md.
TOXICITY_SCORING = env.bool("TOXICITY_SCORING", default=True)
TOXICITY_THRESHOLD = env.float("TOXICITY_THRESHOLD", default=0.60)
# Perspective API and Akismet, off unless configured: forum/settings_scorers.py.
globals().update(scorer_settings(env))
# Trust levels (forum/comments/trust.py): "new" below LINKS_TRUSTED_AFTER_COMMENTS published
# comments or younger than TRUST_MEMBER_AFTER_DAYS; "trusted" from TRUST_TRUSTED_AFTER_COMMENTS
# with no rejection in TRUST_STRIKE_DAYS; a recent rejection lowers the level by one.
TRUST_MEMBER_AFTER_DAYS = env.int("TRUST_MEMBER_AFTER_DAYS", default=0)
TRUST_TRUSTED_AFTER_COMMENTS = env.int("TRUST_TRUSTED_AFTER_COMMENTS", default=20)
TRUST_STRIKE_DAYS = env.int("TRUST_STRIKE_DAYS", default=90)
# Slow mode (forum/comments/slowmode.py): starts by itself past SLOW_MODE_START_RATE comments a
# minute over SLOW_MODE_WINDOW_MINUTES, and RATIO times the thread's normal rate; lasts MINUTES.
SLOW_MODE_START_RATE = env.float("SLOW_MODE_START_RATE", default=8)
SLOW_MODE_START_RATIO = env.float("SLOW_MODE_START_RATIO", default=3)
SLOW_MODE_WINDOW_MINUTES = env.int("SLOW_MODE_WINDOW_MINUTES", default=3)
SLOW_MODE_MINUTES = env.int("SLOW_MODE_MINUTES", default=10)
SLOW_MODE_INTERVAL_SECONDS = env.int("SLOW_MODE_INTERVAL_SECONDS", default=120)
SLOW_MODE_REPORT_RATE = env.float("SLOW_MODE_REPORT_RATE", default=3)
SLOW_MODE_SCORED_SHARE = env.float("SLOW_MODE_SCORED_SHARE", default=0.3)
# Reports from distinct members that hide a comment until a moderator decides.
REPORTS_TO_HIDE = env.int("REPORTS_TO_HIDE", default=3)
# Cached pages show a vote within this many seconds (+STALE_SECONDS): forum/platform/pagetokens.py.
VOTE_PAGE_LAG_SECONDS = env.int("VOTE_PAGE_LAG_SECONDS", default=10)
# A cached page is rendered again at most this often, however fast its thread is written to.
PAGE_RENDER_INTERVAL_SECONDS = env.float("PAGE_RENDER_INTERVAL_SECONDS", default=0.5)
# After a write, its thread's page is rendered ahead of its readers (forum/discussion/
# prerender.py): "background" (a thread of the writer's process), "inline" (before the
# response: for tests), "off" (its first reader renders it).
PRERENDER_ON_WRITE = env.str("PRERENDER_ON_WRITE", default="background")

# Rate limits, counted in the shared cache (forum/platform/ratelimit.py, forum/limits.py).
COMMENT_RATE_PER_MINUTE = env.int("COMMENT_RATE_PER_MINUTE", default=5)
COMMENT_RATE_PER_DAY = env.int("COMMENT_RATE_PER_DAY", default=50)
EDIT_RATE_PER_MINUTE = env.int("EDIT_RATE_PER_MINUTE", default=10)
PREVIEW_RATE_PER_MINUTE = env.int("PREVIEW_RATE_PER_MINUTE", default=60)
REPORT_RATE_PER_HOUR = env.int("REPORT_RATE_PER_HOUR", default=30)
VOTE_RATE_PER_MINUTE = env.int("VOTE_RATE_PER_MINUTE", default=30)
VOTE_RATE_PER_ADDRESS_PER_MINUTE = env.int("VOTE_RATE_PER_ADDRESS_PER_MINUTE", default=120)
FOLLOW_RATE_PER_MINUTE = env.int("FOLLOW_RATE_PER_MINUTE", default=20)
FOLLOW_RATE_PER_ADDRESS_PER_MINUTE = env.int("FOLLOW_RATE_PER_ADDRESS_PER_MINUTE", default=60)
REPORT_RATE_PER_ADDRESS_PER_HOUR = env.int("REPORT_RATE_PER_ADDRESS_PER_HOUR", default=100)
# A listing page with many embeds opens many threads at once; a flood opens more.
EMBED_THREAD_RATE_PER_HOUR = env.int("EMBED_THREAD_RATE_PER_HOUR", default=60)

# The largest request body read (as nginx's client_max_body_size): refused texts go back whole.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=1024 * 1024)

# E-mails: a member e-mailed about a thread less than this long ago gets the next new
# comments in one e-mail at the end of the window (forum/discussion/notifications.py).
NOTIFICATION_DIGEST_WINDOW = timedelta(
    minutes=env.int("NOTIFICATION_DIGEST_WINDOW_MINUTES", default=10)
)
# Where a banned member may write to appeal (templates/accounts/banned.html), when set.
APPEALS_EMAIL = env.str("APPEALS_EMAIL", default="")

# Imported comments (docs/import-export.md): how long a guest author's e-mail is kept so that a
# member with the same verified address may claim their comments; then it is erased.
IMPORT_EMAIL_KEEP_DAYS = env.int("IMPORT_EMAIL_KEEP_DAYS", default=180)
IMPORT_BATCH_SIZE = env.int("IMPORT_BATCH_SIZE", default=2000)
# Processes converting a big archive's texts while the importer writes (0: none, in process).
IMPORT_WORKERS = env.int("IMPORT_WORKERS", default=min(4, os.cpu_count() or 1))
# Files uploaded on the desk wait here for the task worker (deleted once imported), up to:
IMPORT_UPLOAD_DIR = env.str("IMPORT_UPLOAD_DIR", default=str(BASE_DIR / "var" / "imports"))
IMPORT_UPLOAD_MAX_BYTES = env.int("IMPORT_UPLOAD_MAX_BYTES", default=2 * 1024**3)
# The EU Digital Services Act (forum/notices/, docs/dsa.md): records' retention (dsa_purge),
# the appeal window, notices per address and e-mail.
DSA_RETENTION_DAYS = env.int("DSA_RETENTION_DAYS", default=5 * 365)
DSA_APPEAL_WINDOW = timedelta(days=env.int("DSA_APPEAL_WINDOW_DAYS", default=183))
NOTICE_RATE_PER_HOUR = env.int("NOTICE_RATE_PER_HOUR", default=10)

# Signed webhooks (forum/webhooks/, docs/integration.md): private, loopback and link-local
# receivers only when allowed (tests, development); an endpoint failing this long is disabled.
WEBHOOKS_ALLOW_PRIVATE = env.bool("WEBHOOKS_ALLOW_PRIVATE", default=DEBUG or TESTING)
WEBHOOKS_DISABLE_AFTER = timedelta(hours=env.int("WEBHOOKS_DISABLE_AFTER_HOURS", default=24))
WEBHOOKS_TIMEOUT_SECONDS = env.float("WEBHOOKS_TIMEOUT_SECONDS", default=5.0)
# Where authors and notifiers are told they may go besides the internal appeal (Art. 21).
DSA_DISPUTE_SETTLEMENT_URL = env.str(
    "DSA_DISPUTE_SETTLEMENT_URL",
    default="https://digital-strategy.ec.europa.eu/en/policies/dsa-out-of-court-dispute-settlement",
)

# Live updates (forum/live/): Server-Sent Events per thread and for the desk, per worker.
LIVE_MAX_STREAMS = env.int("LIVE_MAX_STREAMS", default=2000)
LIVE_MAX_STREAMS_PER_ADDRESS = env.int("LIVE_MAX_STREAMS_PER_ADDRESS", default=20)
LIVE_HEARTBEAT_SECONDS = env.float("LIVE_HEARTBEAT_SECONDS", default=15)
LIVE_RETRY_SECONDS = env.int("LIVE_RETRY_SECONDS", default=3)
# A stream reconnecting with Last-Event-ID gets at most this many missed events, else "reload".
LIVE_REPLAY_MAX = env.int("LIVE_REPLAY_MAX", default=100)
# LISTEN's own postgres:// URL when DATABASE_URL is a transaction pooler (PgBouncer).
LIVE_DATABASE_URL = env.str("LIVE_DATABASE_URL", default="")

# The sites allowed to frame /embed/, open a thread there and read /api/v1/counts/ (comma-
# separated origins: "https://news.example,https://www.news.example").
EMBED_ALLOWED_ORIGINS = env.list("EMBED_ALLOWED_ORIGINS", default=[])
# The embed's sign-in on another site: its token's lifetime, and how many a member gets an hour
# (docs/integration.md, "The embed on your page").
EMBED_TOKEN_MINUTES = env.int("EMBED_TOKEN_MINUTES", default=60)
EMBED_TOKEN_RATE_PER_HOUR = env.int("EMBED_TOKEN_RATE_PER_HOUR", default=30)

# With a read replica (DATABASE_REPLICA_URL, below), a browser that wrote reads from the
# primary for this long (forum/platform/db_router.py).
READ_YOUR_WRITES_SECONDS = env.int("READ_YOUR_WRITES_SECONDS", default=5)

# Background tasks (docs/operations.md): attempts of a task meeting a passing error; each
# worker's heartbeat; a RUNNING task is queued again when its worker is lost, or when it
# has no heartbeat (an older release) and runs too long. Our tasks are safe to run twice.
TASK_MAX_ATTEMPTS = env.int("TASK_MAX_ATTEMPTS", default=5)
TASK_HEARTBEAT_SECONDS = env.float("TASK_HEARTBEAT_SECONDS", default=1.0)
TASK_WORKER_LOST_AFTER_SECONDS = env.float("TASK_WORKER_LOST_AFTER_SECONDS", default=5.0)
TASK_ABANDONED_AFTER_SECONDS = env.int("TASK_ABANDONED_AFTER_SECONDS", default=300)

# Prometheus metrics at /metrics, for these addresses or networks only (403 for others).
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])

# "json": a JSON object per line, with the request id, and a line per request; "text": plain.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
# The end of the forum's own knobs. -----------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "markdownx",
    "django_htmx",
    # The JSON API (forum/api/): its docs page's template and vendored Swagger UI files.
    "ninja",
    "accounts",
    # Before django_tasks_db: forum's `db_worker` command replaces the library's.
    "forum",
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    # First: counts and times the whole stack by view (Prometheus, /metrics).
    "forum.platform.metrics.RequestMetricsMiddleware",
    "forum.platform.logs.RequestLogMiddleware",
    # Who sent the request, for code its arguments don't reach (Akismet's user_ip).
    "forum.platform.client_address.CurrentClientMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files get the headers too.
    "forum.platform.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files come pre-compressed): gzips every other response over 200
    # bytes, at forum/platform/compression.py's level. Cached anonymous pages are stored gzipped.
    "forum.platform.compression.GZipMiddleware",
    # Before anything reads request.POST: a form post over MAX_REQUEST_BYTES is refused (413),
    # one that isn't UTF-8 too (400).
    "forum.platform.form_posts.FormPostMiddleware",
    # Above sessions: picks the database this request may read from (platform/db_router.py).
    "forum.platform.db_router.ReadReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language: the menu's cookie, else Accept-Language (no prefix in URLs).
    "django.middleware.locale.LocaleMiddleware",
    # Inside SecurityMiddleware: the embed's sign-in popup keeps its opener (forum/embed/popup.py).
    "forum.embed.popup.PopupOpenerMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A member's own choice of language, wherever they sign in (accounts/languages.py).
    "accounts.languages.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

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
                "forum.context_processors.site",
            ],
            # {% translate %} and {% blocktranslate %} in every template, with no {% load %}.
            "builtins": ["django.templatetags.i18n"],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: a SQLite file for a fresh machine; postgres://... in production and CI.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Optional read replica (platform/db_router.py): safe requests read from it, unless the browser
# wrote in the last READ_YOUR_WRITES_SECONDS; writes, transactions, commands and the task
# worker use "default". Tests see one database (a mirror) unless a test opts in.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = environ.Env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # Django's psycopg 3 pool (CONN_MAX_AGE 0); no server-side cursors behind PgBouncer.
        _database["CONN_MAX_AGE"] = 0
        _database["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DISABLE_SERVER_SIDE_CURSORS", False)
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DB_POOL_MIN", default=1),
            "max_size": env.int("DB_POOL_MAX", default=10),
            "timeout": 10,
        }
DATABASE_ROUTERS = ["forum.platform.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A real cache is required: allauth's and our rate limits live in it. The page cache
# (forum/platform/pagecache.py) has its own, "pages": PAGE_CACHE_URL may be a Redis that evicts
# without ever dropping sessions or rate-limit counters; unset, REDIS_URL's; neither, memory.
REDIS_URL = env.str("REDIS_URL", default="")
PAGE_CACHE_URL = env.str("PAGE_CACHE_URL", default="") or REDIS_URL
CACHES = {
    alias: {"BACKEND": "forum.platform.redis_cache.RedisCache", "LOCATION": url}
    if url
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"forum-{alias}"}
    for alias, url in (("default", REDIS_URL), ("pages", PAGE_CACHE_URL))
}

AUTH_USER_MODEL = "accounts.User"
# One backend: allauth's (username or e-mail, and the admin's permissions), costing one
# password hash per attempt whether or not the account exists (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["accounts.backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
SITE_ID = 1

# The interface's languages (forum/languages.py, docs/languages.md). LANGUAGES=de,en offers a
# newsroom's own only; the reader's Accept-Language picks among them, then the menu's cookie
# or a member's setting. URLs carry no language, so shared links keep working.
LANGUAGES = languages.offered(env.list("LANGUAGES", default=list(languages.NAMES)))
LANGUAGE_CODE = languages.default(env.str("LANGUAGE_CODE", default="en"), LANGUAGES)
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["forum.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

# E-mail: console in development, file-based for end-to-end tests, SMTP in production.
globals().update(mail_settings(env, site_name=SITE_NAME, debug=DEBUG, base_dir=BASE_DIR))

# Background work: django.tasks with the database backend (worker: manage.py db_worker,
# forum's own, which waits out a database restart; its knobs are the TASK_* ones above).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Security. The CSP needs no nonces: every script and style is a static file.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the shared cache (Redis in production), written through to the database:
# a signed-in page costs no session query, and a cache restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Sent on every response by forum/platform/headers.py. Every browser feature the site doesn't
# use is off; the share bar needs clipboard-write (web-share is "self" by default). Only names
# Chromium knows (another is a console error); clipboard-read keeps its default (it asks).
_FEATURES_OFF = (
    "accelerometer autoplay browsing-topics camera display-capture encrypted-media fullscreen "
    "geolocation gyroscope hid idle-detection magnetometer microphone midi payment "
    "picture-in-picture publickey-credentials-get screen-wake-lock serial usb xr-spatial-tracking"
)
PERMISSIONS_POLICY = dict(
    sorted(({name: [] for name in _FEATURES_OFF.split()} | {"clipboard-write": ["self"]}).items())
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not TESTING)
    SESSION_COOKIE_SECURE = not TESTING
    CSRF_COOKIE_SECURE = not TESTING
    LANGUAGE_COOKIE_SECURE = not TESTING
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# models.W040: SQLite (make run only) ignores the covering columns of an index; PostgreSQL,
# which production and CI use, reads a busy thread's page from them.
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=["models.W040"])

# markdownx: our sanitizer renders the preview; uploads stay unmounted (CVE-2024-2319).
MARKDOWNX_MARKDOWNIFY_FUNCTION = "forum.markdown.render_preview"
MARKDOWNX_URLS_PATH = "/markdown/preview/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdown/uploads-disabled/"
MARKDOWNX_UPLOAD_CONTENT_TYPES = ()
MARKDOWNX_EDITOR_RESIZABLE = True

# Django reads no request body over MAX_REQUEST_BYTES (above) into memory either.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES

# Logging: LOG_FORMAT (above) chooses plain text or one JSON object per line.
LOGGING = logging_config(level=env.str("LOG_LEVEL", default="INFO"), log_format=LOG_FORMAT)
# Accounts and sign-in: allauth, social sign-in, the newsroom's sign-in (settings_sign_in.py).
globals().update(
    sign_in_settings(env, INSTALLED_APPS, SECURE_CSP, site_name=SITE_NAME, site_url=SITE_URL)
)

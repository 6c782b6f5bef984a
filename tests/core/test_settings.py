import os
import subprocess
import sys

from django.conf import settings

BASE_ENV = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}


def run_check(extra_env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, **extra_env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_with_debug_off_and_the_development_secret_key():
    result = run_check({"DEBUG": "false"})
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment when DEBUG is off." in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = run_check(
        {"DEBUG": "false", "SECRET_KEY": "x" * 30 + "-production-like-key-0123456789abcdef"},
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_embedded_default_uses_sqlite_eager_celery_and_console_email_without_environment():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='almen.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND,"
        " s.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=BASE_ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_environment_switches_to_postgres_redis_and_smtp():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='almen.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL,"
        " s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.CACHES['default']['BACKEND'])"
    )
    env = {
        **BASE_ENV,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "EMAIL_URL": "smtp://mail.example.org:1025",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "redis://127.0.0.1:6379/3",
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "1025",
        "almen.core.cache_backends.ResilientRedisCache",
    ]

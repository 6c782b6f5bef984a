# One image for web, worker and beat.
# Pinned: the Python patch release and uv (the version uv.lock was written with).
FROM python:3.11.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .
RUN DEBUG=false SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
    python manage.py collectstatic --noinput \
    && useradd --system --home /app almen \
    && mkdir -p /app/media /app/private-media \
    && chown almen /app/media /app/private-media
USER almen
EXPOSE 8000
# Workers: WEB_CONCURRENCY (gunicorn reads it; docker-compose sets it).
CMD ["gunicorn", "almen.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]

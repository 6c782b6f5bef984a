#!/usr/bin/env bash
# Campaigns integration: 500 councillors imported and emailed by real Celery workers over
# Redis to an SMTP sink started by the test, exactly once per address, also after a re-send
# and after a worker is killed with SIGKILL mid-run (tests/integration/). About 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/almen_integration"  # test DB: test_almen_integration
export REDIS_URL="redis://127.0.0.1:6379/4"
unset EMAIL_URL CELERY_TASK_ALWAYS_EAGER

uv run pytest -m integration tests/integration -p no:cacheprovider --create-db

#!/usr/bin/env bash
# Campaigns integration: 500 councillors imported and emailed by real Celery workers over
# Redis to an SMTP sink started by the test, exactly once per address, also after a re-send
# and after a worker is killed with SIGKILL mid-run; the send rate held across two workers
# (counted at the sink); a killed worker's invitations sent within the lease by the sweeper;
# a send with the broker down (a redis-server the test starts and kills) sent once it is
# back; a confirmation email through an SMTP outage (tests/integration/). About 6 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/almen_integration"  # test DB: test_almen_integration
export REDIS_URL="redis://127.0.0.1:6379/4"
unset EMAIL_URL CELERY_TASK_ALWAYS_EAGER

uv run pytest -m integration tests/integration -p no:cacheprovider --create-db

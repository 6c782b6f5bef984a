"""docker-compose.yml and the Dockerfile, read (Docker does not run here): uploaded files
live on volumes every container that touches them shares, in directories the image's user
may write."""

from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_web_and_worker_share_the_upload_volumes():
    services = compose()["services"]
    for name in ("web", "worker"):
        volumes = services[name]["volumes"]
        assert "private-media:/app/private-media" in volumes, name
        assert "media:/app/media" in volumes, name
    assert {"private-media", "media"} <= set(compose()["volumes"])


def test_the_upload_directories_belong_to_the_image_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "WORKDIR /app" in dockerfile
    assert "mkdir -p /app/media /app/private-media" in dockerfile
    assert "chown almen /app/media /app/private-media" in dockerfile
    assert "USER almen" in dockerfile


def test_uploaded_files_stay_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"media/", "private-media/", ".env"} <= set(ignored)

"""Every UI string has a Danish translation (Danish is the portal's default language)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = [
    "locale",
    "almen/core/locale",
    "almen/accounts/locale",
    "almen/editorial/locale",
    "goals/locale",
    "municipalities/locale",
    "campaigns/locale",
]
SOURCES = ["manage.py", "almen", "goals", "municipalities", "campaigns", "templates"]
PO_ENTRY = re.compile(
    r'^(?:msgctxt "(?P<ctx>.*)"\n)?msgid (?P<id>(?:".*"\n)+)msgstr (?P<str>(?:".*"\n?)+)', re.M
)


def _entries(po_text: str) -> dict[tuple[str, str], str]:
    entries = {}
    for match in PO_ENTRY.finditer(po_text):
        msgid = "".join(re.findall(r'"(.*)"', match["id"]))
        if msgid:
            entries[(match["ctx"] or "", msgid)] = "".join(re.findall(r'"(.*)"', match["str"]))
    return entries


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_every_ui_string_has_a_danish_translation(tmp_path):
    # makemessages rewrites catalogues, so it runs on a copy of the sources without them.
    for name in SOURCES:
        source = settings.BASE_DIR / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("locale", "__pycache__")
            )
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "-v0"],
        cwd=tmp_path,
        check=True,
        timeout=300,
    )
    used = {}
    for po in tmp_path.rglob("django.po"):
        used.update(_entries(po.read_text(encoding="utf-8")))

    translated = {}
    for catalogue in CATALOGUES:
        po = Path(settings.BASE_DIR / catalogue / "da" / "LC_MESSAGES" / "django.po")
        translated.update(
            {key: text for key, text in _entries(po.read_text(encoding="utf-8")).items() if text}
        )

    missing = sorted(set(used) - set(translated))
    assert len(used) > 400
    assert missing == []

"""One history for every content change, whoever or whatever made it.

Admin saves are versioned by the admin itself. Everything else that changes content
(publishing and withdrawing, scheduled runs, imports, ``load_content``) records a version
here, with the user who did it, or with no user and a comment naming the process.
"""

from collections.abc import Iterable

import reversion
from django.db import models


def history_record(*, objects: Iterable[models.Model], comment: str, user=None) -> None:
    """Store the current state of ``objects`` as one version with ``comment``."""
    objects = [obj for obj in objects if reversion.is_registered(type(obj))]
    if not objects:
        return
    with reversion.create_revision(manage_manually=True):
        for obj in objects:
            reversion.add_to_revision(obj)
        reversion.set_comment(comment)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)

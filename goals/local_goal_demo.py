"""Demo only (``manage.py demo``): an administrator and an editor for each of the two demo
housing organisations, and a few local goals at different statuses, all of organisations
marked as demo data. Safe to run again: logins are reset, goals are made once."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from almen.accounts.models import Membership
from goals.local_goal_services import local_goals_changed
from goals.models import ActionItem, LocalGoal, Pillar, ProgressUpdate
from municipalities.models import HousingOrganisation, Municipality

# Only ever used by `manage.py demo`, which refuses to run with DEBUG off.
DEMO_ORGANISATION_PASSWORD = "almen-org-demo-2026"  # noqa: S105  # nosec B105
DEMO_PROGRAMME = "2026-2028"
DEMO_LOGINS = [
    # (organisation slug, email, role)
    ("demo-boligselskab-vest", "admin.vest@demo.almen.local", Membership.Role.ADMIN),
    ("demo-boligselskab-vest", "redaktoer.vest@demo.almen.local", Membership.Role.EDITOR),
    ("demo-almene-boliger-midt", "admin.midt@demo.almen.local", Membership.Role.ADMIN),
    ("demo-almene-boliger-midt", "redaktoer.midt@demo.almen.local", Membership.Role.EDITOR),
]
DEMO_GOALS = [
    # (organisation slug, municipality code, action item text start (or None: own goal
    #  under pillar 3), own text, status, progress, published, update text)
    (
        "demo-boligselskab-vest",
        "326",
        "involvere beboerne i grønne hverdagsvalg",
        "",
        LocalGoal.Status.IN_PROGRESS,
        40,
        True,
        "Beboermøde i afdeling 4 om affaldssortering og fælles dyrkningskasser.",
    ),
    (
        "demo-boligselskab-vest",
        "326",
        "udvikle og udbrede grønne driftsformer",
        "",
        LocalGoal.Status.PLANNED,
        0,
        False,
        "",
    ),
    (
        "demo-almene-boliger-midt",
        "657",
        "understøtte beboernes engagement og lokale initiativer",
        "Vi giver afdelingsbestyrelserne egne puljer til lokale initiativer.",
        LocalGoal.Status.ACHIEVED,
        100,
        True,
        "Alle afdelingsbestyrelser har nu en pulje.",
    ),
    (
        "demo-almene-boliger-midt",
        "657",
        None,
        "Et ungdomsråd i hver større afdeling.",
        LocalGoal.Status.PAUSED,
        20,
        True,
        "",
    ),
]


def _user(email: str):
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=email, defaults={"email": email})
    user.email = email
    user.set_password(DEMO_ORGANISATION_PASSWORD)
    user.save()
    return user


def _goal_create(organisation, spec, editor) -> None:
    _slug, code, action_start, text, status, progress, published, update_text = spec
    action = None
    if action_start:
        action = ActionItem.objects.filter(
            pillar__programme__slug=DEMO_PROGRAMME, text__startswith=action_start
        ).first()
        if action is None:
            return
        pillar = action.pillar
    else:
        pillar = Pillar.objects.filter(programme__slug=DEMO_PROGRAMME, number=3).first()
        if pillar is None:
            return
    now = timezone.now()
    goal = LocalGoal.objects.create(
        organisation=organisation,
        pillar=pillar,
        action_item=action,
        text=text,
        responsible_role="Driftschef" if action else "Direktør",
        target_date=date(2027, 12, 31),
        status=status,
        progress=progress,
        is_published=published,
        published_at=now if published else None,
        created_by=editor,
    )
    goal.municipalities.set(Municipality.objects.filter(code=code))
    if update_text:
        ProgressUpdate.objects.create(
            goal=goal,
            date=timezone.localdate(),
            text=update_text,
            status=status,
            progress=progress,
            created_by=editor,
        )


def local_goals_demo_data_create() -> list[str]:
    lines = []
    organisations = {
        organisation.slug: organisation
        for organisation in HousingOrganisation.objects.filter(
            slug__in={slug for slug, _email, _role in DEMO_LOGINS}
        )
    }
    editors = {}
    for slug, email, role in DEMO_LOGINS:
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        user = _user(email)
        Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        editors.setdefault(slug, user)
        label = "administrator" if role == Membership.Role.ADMIN else "redaktør"
        lines.append(f"{organisation.name}, {label}: {email} / {DEMO_ORGANISATION_PASSWORD}")
    # Goals of one organisation are made together; a second run finds them and adds none.
    with_goals = set(
        LocalGoal.objects.filter(organisation__in=organisations.values()).values_list(
            "organisation__slug", flat=True
        )
    )
    for spec in DEMO_GOALS:
        organisation = organisations.get(spec[0])
        if organisation is None or spec[0] in with_goals:
            continue
        _goal_create(organisation, spec, editors.get(spec[0]))
    local_goals_changed()
    if lines:
        lines.append("Lokale mål: log ind med en af ovenstående og åbn /min-organisation/")
    return lines

"""Who may see which field of a trajectory — the one place Koers decides confidentiality (issue 5).

Career coaching asked for by an organisation has two principals, the client and the organisation
(DOMAIN.md, "Two parties, one coach"; seed 1.2). The rule, per role and item:

============================  =======  ========  ==================  ==================
item                          coach    client    hr                  admin
============================  =======  ========  ==================  ==================
facts (exists, coach, phase,  yes      yes       yes                 yes
status, dates, hours, outcome)
agreement, consent history    yes      yes       yes                 yes
session schedule (when, how   yes      yes       yes                 yes
long, mode: the hours used)
session instruments           yes      yes       never               never
session summaries             yes      yes       consent             consent
goals and actions (progress)  yes      yes       consent             consent
closing report                yes      once      approved + consent  approved + consent
                                       submitted
private notes                 yes      never     never               never
intake content                yes      never     never               never
referral screening            yes      never     never               never
============================  =======  ========  ==================  ==================

"consent" means: the item is listed as shareable in the agreement *and* the client's newest consent
version grants it — withdrawing is a new version without it, effective at once. "coach" is the
trajectory's current coach while they hold a coach membership in its organisation; a user who is both
(e.g. HR who also coaches) gets the most specific role: coach, then client, then admin, then HR.

Every endpoint that returns coaching content asks :func:`may_see` / :func:`require`; the
"view as the organisation" endpoint renders ``coaching.report.trajectory_view`` with ``Role.hr`` — the
same function, through the same rules, that HR's own requests go through.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from koers.core.auth import Principal
from koers.core.errors import NotFound
from koers.trajectories.models import Trajectory


class Role(enum.StrEnum):
    coach = "coach"
    client = "client"
    hr = "hr"
    admin = "admin"


class Item(enum.StrEnum):
    facts = "facts"
    agreement = "agreement"
    consent = "consent"
    session_schedule = "session_schedule"
    session_instruments = "session_instruments"
    session_summary = "session_summary"
    action_plan = "action_plan"
    closing_report = "closing_report"
    private_notes = "private_notes"
    intake = "intake"
    referral_screening = "referral_screening"


class ConsentItem(enum.StrEnum):
    """What the client can agree to share with the organisation."""

    session_summaries = "session_summaries"
    goal_progress = "goal_progress"
    closing_report = "closing_report"


class Access(enum.Enum):
    always = "always"
    with_consent = "with_consent"
    never = "never"


A, C, N = Access.always, Access.with_consent, Access.never

_ORG = {Item.session_summary: C, Item.action_plan: C, Item.closing_report: C}
_CLIENT_NEVER = {Item.private_notes, Item.intake, Item.referral_screening}
_ORG_NEVER = _CLIENT_NEVER | {Item.session_instruments}

RULES: dict[Role, dict[Item, Access]] = {
    Role.coach: dict.fromkeys(Item, A),
    Role.client: {item: (N if item in _CLIENT_NEVER else A) for item in Item},
    Role.hr: {item: (N if item in _ORG_NEVER else _ORG.get(item, A)) for item in Item},
    Role.admin: {item: (N if item in _ORG_NEVER else _ORG.get(item, A)) for item in Item},
}

# Which consent item unlocks which item for the organisation.
CONSENT_FOR: dict[Item, ConsentItem] = {
    Item.session_summary: ConsentItem.session_summaries,
    Item.action_plan: ConsentItem.goal_progress,
    Item.closing_report: ConsentItem.closing_report,
}

CONFIDENTIAL_ITEMS = frozenset({Item.private_notes, Item.intake, Item.referral_screening})


@dataclass(frozen=True)
class Shared:
    """The consent items in force: shareable in the agreement and granted by the newest consent."""

    items: frozenset[ConsentItem] = frozenset()

    @classmethod
    def of(cls, shareable: Iterable[str] | None, granted: Iterable[str] | None) -> Shared:
        both = set(shareable or ()) & set(granted or ())
        return cls(frozenset(ConsentItem(i) for i in both if i in ConsentItem.__members__))


def role_of(principal: Principal, trajectory: Trajectory) -> Role | None:
    """The principal's role for this trajectory, or ``None`` when they may not see it at all."""
    if trajectory.coach_id == principal.id and trajectory.organisation_id in principal.coach_orgs:
        return Role.coach
    if principal.is_client_of(trajectory.employee_id):
        return Role.client
    if principal.is_admin:
        return Role.admin
    if trajectory.organisation_id in principal.hr_orgs:
        return Role.hr
    return None


def require_role(principal: Principal, trajectory: Trajectory) -> Role:
    """:func:`role_of`, or 404 ``Trajectory`` (the same answer as a missing id)."""
    role = role_of(principal, trajectory)
    if role is None:
        raise NotFound("Trajectory")
    return role


def may_see(role: Role, item: Item, shared: Shared = Shared(), *, report_status: str | None = None) -> bool:
    """Whether ``role`` may see ``item`` given the consent in force. For ``Item.closing_report`` pass the
    report's status: the client sees it once submitted, the organisation only when approved."""
    access = RULES[role][item]
    if access is Access.never:
        return False
    if item is Item.closing_report and report_status is not None:
        if role is Role.client and report_status == "draft":
            return False
        if role in (Role.hr, Role.admin) and report_status != "approved":
            return False
    if access is Access.with_consent:
        return CONSENT_FOR[item] in shared.items
    return True


def require(role: Role, item: Item, shared: Shared = Shared(), *, report_status: str | None = None) -> None:
    """Raise 404 (named after the item) unless :func:`may_see`. A hidden item answers like a missing one, so
    its existence is not revealed either."""
    if not may_see(role, item, shared, report_status=report_status):
        raise NotFound(item.value.replace("_", " ").capitalize())


# Audit entries about coaching content would tell the organisation what the consent does not: that a referral
# screening was recorded, that a closing report was drafted or sent back, that goals were changed. The audit
# log (read by HR) keeps the exact type and id, but shows the organisation all such records as one opaque
# dossier type without id, and the client's verdict on a report (approve, return) as a plain update.
DOSSIER_RECORD_TYPES = frozenset(
    {"intake", "intake_entry", "referral_screening", "goal", "action", "action_plan", "closing_report"}
)
DOSSIER_RECORD = "coaching_dossier"
_VERDICTS = frozenset({"approve", "return"})


def audit_entry_for_organisation(
    record_type: str, record_id: uuid.UUID | None, action: str
) -> tuple[str, uuid.UUID | None, str]:
    """An audit entry's record type, id and action as the organisation (HR, admins) sees them: coaching
    content (:data:`DOSSIER_RECORD_TYPES`) becomes ``coaching_dossier`` without an id, and a verdict on it
    becomes ``update``; anything else (agreement, consent, sessions, invitations) is unchanged."""
    if record_type in DOSSIER_RECORD_TYPES:
        return DOSSIER_RECORD, None, "update" if action in _VERDICTS else action
    return record_type, record_id, action


__all__ = [
    "CONFIDENTIAL_ITEMS",
    "RULES",
    "Access",
    "ConsentItem",
    "Item",
    "Role",
    "Shared",
    "audit_entry_for_organisation",
    "may_see",
    "require",
    "require_role",
    "role_of",
]

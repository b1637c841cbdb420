"""HTTP routes: coaching inside a trajectory (issue 5). Who may see what: ``koers.visibility``; rules:
``coaching.service`` and its siblings. ``extra_router`` holds the one public route (accepting an
invitation)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlmodel import col, select

from koers.coaching import dossier, report, service, work
from koers.coaching.models import AuditEntry, CatalogueKind, CoachingSession, IntakeSection
from koers.coaching.schemas import (
    ActionCreate,
    ActionPublic,
    ActionUpdate,
    AgreementPublic,
    AgreementWrite,
    AuditEntryPublic,
    CatalogueItemCreate,
    CatalogueItemPublic,
    ClientInvitationAccept,
    ClientInvitationPublic,
    ClosingReportPublic,
    ClosingReportReturn,
    ClosingReportWrite,
    ConsentPublic,
    ConsentWrite,
    GoalCreate,
    GoalPublic,
    GoalUpdate,
    IntakeEntryPublic,
    IntakeEntryWrite,
    ReferralScreeningCreate,
    ReferralScreeningPublic,
    SessionCreate,
    SessionPublic,
    SessionUpdate,
    TrajectoryView,
)
from koers.core.auth import CurrentPrincipal
from koers.core.concurrency import IfMatch, set_etag
from koers.core.db import SessionDep
from koers.core.pagination import Cursor, Limit, Page, SortKey, paginate
from koers.users.models import TokenPair
from koers.visibility import Item, Role, audit_entry_for_organisation, require

router = APIRouter(tags=["coaching"])
extra_router = APIRouter(tags=["coaching"])

T = "/trajectories/{trajectory_id}"


# --- client accounts -------------------------------------------------------------------------------


@router.post(f"{T}/client-invitations", operation_id="create_client_invitation", status_code=201, tags=["clients"])
def create_client_invitation(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> ClientInvitationPublic:
    """A one-time link for the trajectory's client to create their own login (coach, HR, admins). The token
    is returned once; valid for 7 days."""
    ctx = service.context(session, principal, trajectory_id)
    return service.invite_client(session, ctx)


@extra_router.post("/client-invitations/accept", operation_id="accept_client_invitation", tags=["clients"])
def accept_client_invitation(body: ClientInvitationAccept, request: Request, session: SessionDep) -> TokenPair:
    """Redeem an invitation (public: the token is the credential): creates the client's login, or links an
    existing account after checking its password (throttled like a login: 429). 404 unknown, 409 used,
    410 expired."""
    address = request.client.host if request.client else "unknown"
    return service.accept_invitation(session, body, address)


# --- the whole trajectory --------------------------------------------------------------------------


@router.get(f"{T}/coaching", operation_id="read_trajectory_coaching")
def read_trajectory_coaching(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> TrajectoryView:
    """Everything about the trajectory the caller may see in their role (``as_role``); hidden parts are null."""
    ctx = service.context(session, principal, trajectory_id)
    return report.trajectory_view(session, ctx, ctx.role)


@router.get(f"{T}/as-organisation", operation_id="read_trajectory_as_organisation")
def read_trajectory_as_organisation(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> TrajectoryView:
    """ "View as HR": exactly what the organisation's HR sees of this trajectory now, produced by the same
    visibility rule. For the client (and the coach, and HR themselves)."""
    ctx = service.context(session, principal, trajectory_id)
    return report.trajectory_view(session, ctx, Role.hr)


# --- intake and referral screening -----------------------------------------------------------------


@router.get(f"{T}/intake", operation_id="read_intake")
def read_intake(trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> list[IntakeEntryPublic]:
    """The intake questions and the five questions (coach only; 404 for everyone else)."""
    ctx = service.context(session, principal, trajectory_id)
    return dossier.read_intake(session, ctx)


@router.put(f"{T}/intake/{{section}}", operation_id="write_intake_section")
def write_intake_section(
    trajectory_id: uuid.UUID,
    section: IntakeSection,
    body: IntakeEntryWrite,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> IntakeEntryPublic:
    """Write one section's working text and instruments (coach only)."""
    ctx = service.context(session, principal, trajectory_id)
    return dossier.write_intake(session, ctx, section, body, if_match)


@router.get(f"{T}/referral-screenings", operation_id="list_referral_screenings")
def list_referral_screenings(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> list[ReferralScreeningPublic]:
    """Referral screenings, newest first (coach only)."""
    ctx = service.context(session, principal, trajectory_id)
    return dossier.read_screenings(session, ctx)


@router.post(f"{T}/referral-screenings", operation_id="create_referral_screening", status_code=201)
def create_referral_screening(
    trajectory_id: uuid.UUID, body: ReferralScreeningCreate, principal: CurrentPrincipal, session: SessionDep
) -> ReferralScreeningPublic:
    """Record signals and the decision; a referral pauses or closes (outcome ``referred``) the trajectory."""
    ctx = service.context(session, principal, trajectory_id)
    return dossier.record_screening(session, ctx, body)


# --- sessions --------------------------------------------------------------------------------------

SESSION_SORT = SortKey("starts_at", (CoachingSession.starts_at,), kind="datetime")


@router.get(f"{T}/sessions", operation_id="list_coaching_sessions")
def list_coaching_sessions(
    trajectory_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[SessionPublic]:
    """The trajectory's sessions by start time, each redacted for the caller's role (cursor-paged)."""
    ctx = service.context(session, principal, trajectory_id)
    require(ctx.role, Item.session_schedule, ctx.shared)
    rows, nxt = paginate(
        select(CoachingSession).where(col(CoachingSession.trajectory_id) == trajectory_id),
        SESSION_SORT,
        False,
        CoachingSession.id,
        limit,
        cursor,
        lambda q: session.exec(q).all(),  # type: ignore[call-overload]
        lambda r: [r.starts_at, r.id],
    )
    work.audit_session_read(session, ctx, rows)
    return Page(items=[work.session_out(r, ctx.role, ctx.shared) for r in rows], next_cursor=nxt)


@router.post(f"{T}/sessions", operation_id="create_coaching_session", status_code=201)
def create_coaching_session(
    trajectory_id: uuid.UUID, body: SessionCreate, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> SessionPublic:
    ctx = service.context(session, principal, trajectory_id)
    row = work.create_session(session, ctx, body)
    set_etag(response, row)
    return work.session_out(row, ctx.role, ctx.shared)


@router.get(f"{T}/sessions/{{session_id}}", operation_id="read_coaching_session")
def read_coaching_session(
    trajectory_id: uuid.UUID,
    session_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
) -> SessionPublic:
    ctx = service.context(session, principal, trajectory_id)
    row = work.get_session(session, ctx, session_id)
    work.audit_session_read(session, ctx, [row])
    set_etag(response, row)
    return work.session_out(row, ctx.role, ctx.shared)


@router.patch(f"{T}/sessions/{{session_id}}", operation_id="update_coaching_session")
def update_coaching_session(
    trajectory_id: uuid.UUID,
    session_id: uuid.UUID,
    body: SessionUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> SessionPublic:
    ctx = service.context(session, principal, trajectory_id)
    row = work.update_session(session, ctx, work.get_session(session, ctx, session_id), body, if_match)
    set_etag(response, row)
    return work.session_out(row, ctx.role, ctx.shared)


@router.delete(f"{T}/sessions/{{session_id}}", operation_id="delete_coaching_session", status_code=204)
def delete_coaching_session(
    trajectory_id: uuid.UUID, session_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    ctx = service.context(session, principal, trajectory_id)
    work.delete_session(session, ctx, work.get_session(session, ctx, session_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- action plan -----------------------------------------------------------------------------------


@router.get(f"{T}/goals", operation_id="list_goals")
def list_goals(trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> list[GoalPublic]:
    """The action plan: goals with their actions (HR only with the client's consent to goal progress)."""
    ctx = service.context(session, principal, trajectory_id)
    return work.read_goals(session, ctx)


@router.post(f"{T}/goals", operation_id="create_goal", status_code=201)
def create_goal(
    trajectory_id: uuid.UUID, body: GoalCreate, principal: CurrentPrincipal, session: SessionDep
) -> GoalPublic:
    ctx = service.context(session, principal, trajectory_id)
    return GoalPublic.model_validate(work.create_goal(session, ctx, body))


@router.patch(f"{T}/goals/{{goal_id}}", operation_id="update_goal")
def update_goal(
    trajectory_id: uuid.UUID,
    goal_id: uuid.UUID,
    body: GoalUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> GoalPublic:
    ctx = service.context(session, principal, trajectory_id)
    goal = work.update_goal(session, ctx, work.get_goal(session, ctx, goal_id), body, if_match)
    return GoalPublic.model_validate(goal)


@router.delete(f"{T}/goals/{{goal_id}}", operation_id="delete_goal", status_code=204)
def delete_goal(
    trajectory_id: uuid.UUID, goal_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    ctx = service.context(session, principal, trajectory_id)
    work.delete_goal(session, ctx, work.get_goal(session, ctx, goal_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(f"{T}/goals/{{goal_id}}/actions", operation_id="create_action", status_code=201)
def create_action(
    trajectory_id: uuid.UUID, goal_id: uuid.UUID, body: ActionCreate, principal: CurrentPrincipal, session: SessionDep
) -> ActionPublic:
    ctx = service.context(session, principal, trajectory_id)
    return ActionPublic.model_validate(work.create_action(session, ctx, work.get_goal(session, ctx, goal_id), body))


@router.patch(f"{T}/actions/{{action_id}}", operation_id="update_action")
def update_action(
    trajectory_id: uuid.UUID,
    action_id: uuid.UUID,
    body: ActionUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> ActionPublic:
    """Coach: any field. Client: the status of their own actions."""
    ctx = service.context(session, principal, trajectory_id)
    action = work.update_action(session, ctx, work.get_action(session, ctx, action_id), body, if_match)
    return ActionPublic.model_validate(action)


@router.delete(f"{T}/actions/{{action_id}}", operation_id="delete_action", status_code=204)
def delete_action(
    trajectory_id: uuid.UUID, action_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    ctx = service.context(session, principal, trajectory_id)
    work.delete_action(session, ctx, work.get_action(session, ctx, action_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- agreement and consent -------------------------------------------------------------------------


@router.get(f"{T}/agreement", operation_id="read_agreement")
def read_agreement(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> AgreementPublic:
    """Goals, planned hours and which items the organisation may see once the client consents."""
    ctx = service.context(session, principal, trajectory_id)
    require(ctx.role, Item.agreement, ctx.shared)
    out = service.agreement_out(ctx.trajectory, service.get_agreement(session, trajectory_id))
    response.headers["ETag"] = f'W/"{out.version}"'
    return out


@router.put(f"{T}/agreement", operation_id="write_agreement")
def write_agreement(
    trajectory_id: uuid.UUID,
    body: AgreementWrite,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> AgreementPublic:
    """Write the agreement (coach, HR, admins)."""
    ctx = service.context(session, principal, trajectory_id)
    agreement = service.write_agreement(session, ctx, body, if_match)
    set_etag(response, agreement)
    return service.agreement_out(ctx.trajectory, agreement)


@router.get(f"{T}/consents", operation_id="list_consents")
def list_consents(trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> list[ConsentPublic]:
    """Every consent version, newest first (the first one is in force)."""
    ctx = service.context(session, principal, trajectory_id)
    require(ctx.role, Item.consent, ctx.shared)
    return [service.consent_out(c) for c in service.consent_history(session, trajectory_id)]


@router.post(f"{T}/consents", operation_id="give_consent", status_code=201)
def give_consent(
    trajectory_id: uuid.UUID, body: ConsentWrite, principal: CurrentPrincipal, session: SessionDep
) -> ConsentPublic:
    """The client states what the organisation may see from now on (an empty list withdraws everything)."""
    ctx = service.context(session, principal, trajectory_id)
    return service.consent_out(service.give_consent(session, ctx, body))


# --- closing report --------------------------------------------------------------------------------


@router.get(f"{T}/closing-report", operation_id="read_closing_report")
def read_closing_report(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> ClosingReportPublic:
    ctx = service.context(session, principal, trajectory_id)
    row = report.visible_report(session, ctx)
    set_etag(response, row)
    return report.report_out(row)


@router.get(
    f"{T}/closing-report.pdf",
    operation_id="download_closing_report_pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def download_closing_report_pdf(trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> Response:
    ctx = service.context(session, principal, trajectory_id)
    row = report.visible_report(session, ctx)
    return Response(
        report.report_pdf(session, ctx, row),
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="closing-report.pdf"', "Cache-Control": "no-store"},
    )


@router.put(f"{T}/closing-report", operation_id="write_closing_report")
def write_closing_report(
    trajectory_id: uuid.UUID,
    body: ClosingReportWrite,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ClosingReportPublic:
    """Create or edit the draft (coach only; 409 while submitted or once approved)."""
    ctx = service.context(session, principal, trajectory_id)
    row = report.write_report(session, ctx, body, if_match)
    set_etag(response, row)
    return report.report_out(row)


@router.post(f"{T}/closing-report/submit", operation_id="submit_closing_report")
def submit_closing_report(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> ClosingReportPublic:
    ctx = service.context(session, principal, trajectory_id)
    return report.report_out(report.submit_report(session, ctx))


@router.post(f"{T}/closing-report/approve", operation_id="approve_closing_report")
def approve_closing_report(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> ClosingReportPublic:
    ctx = service.context(session, principal, trajectory_id)
    return report.report_out(report.decide_report(session, ctx, approve=True))


@router.post(f"{T}/closing-report/return", operation_id="return_closing_report")
def return_closing_report(
    trajectory_id: uuid.UUID, body: ClosingReportReturn, principal: CurrentPrincipal, session: SessionDep
) -> ClosingReportPublic:
    ctx = service.context(session, principal, trajectory_id)
    return report.report_out(report.decide_report(session, ctx, approve=False, data=body))


# --- catalogues ------------------------------------------------------------------------------------


@router.get("/catalogues/{kind}", operation_id="list_catalogue_items", tags=["catalogues"])
def list_catalogue_items(
    kind: CatalogueKind,
    principal: CurrentPrincipal,
    session: SessionDep,
    organisation_id: uuid.UUID | None = None,
) -> list[CatalogueItemPublic]:
    """Koers's starter items plus those of the caller's organisations (or of ``organisation_id`` only, when
    the caller belongs to it; another organisation's filter adds nothing)."""
    orgs = set(principal.roles)
    if organisation_id is not None:
        orgs = {organisation_id} & (orgs | ({organisation_id} if principal.is_admin else set()))
    items = dossier.list_catalogue(session, kind, orgs)
    return [CatalogueItemPublic.model_validate(i) for i in items]


@router.post(
    "/organisations/{organisation_id}/catalogues/{kind}",
    operation_id="create_catalogue_item",
    status_code=201,
    tags=["catalogues"],
)
def create_catalogue_item(
    organisation_id: uuid.UUID,
    kind: CatalogueKind,
    body: CatalogueItemCreate,
    principal: CurrentPrincipal,
    session: SessionDep,
) -> CatalogueItemPublic:
    """Add an organisation's own item (its HR and admins)."""
    principal.require_hr(organisation_id)
    from koers.organisations.service import visible_organisation

    visible_organisation(session, principal, organisation_id)
    return CatalogueItemPublic.model_validate(dossier.add_catalogue_item(session, organisation_id, kind, body))


# --- audit log -------------------------------------------------------------------------------------

AUDIT_SORT = SortKey("occurred_at", (AuditEntry.occurred_at,), kind="datetime")


@router.get("/organisations/{organisation_id}/audit-log", operation_id="list_audit_log", tags=["audit"])
def list_audit_log(
    organisation_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    trajectory_id: Annotated[uuid.UUID | None, Query()] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AuditEntryPublic]:
    """Who read or changed which coaching record, newest first (the organisation's HR and admins). Ids only,
    never content; coaching content (intake, referral screening, goals, actions, the closing report) shows
    only as ``coaching_dossier`` (without id, a verdict as ``update``), so the log does not reveal what the
    dossier holds or what the client decided (``koers.visibility.audit_entry_for_organisation``)."""
    principal.require_hr(organisation_id)
    query = select(AuditEntry).where(col(AuditEntry.organisation_id) == organisation_id)
    if trajectory_id is not None:
        query = query.where(col(AuditEntry.trajectory_id) == trajectory_id)
    rows, nxt = paginate(
        query,
        AUDIT_SORT,
        True,
        AuditEntry.id,
        limit,
        cursor,
        lambda q: session.exec(q).all(),  # type: ignore[call-overload]
        lambda e: [e.occurred_at, e.id],
    )
    items = []
    for r in rows:
        record_type, record_id, action = audit_entry_for_organisation(r.record_type, r.record_id, r.action)
        items.append(
            AuditEntryPublic.model_validate(r).model_copy(
                update={"record_type": record_type, "record_id": record_id, "action": type(r.action)(action)}
            )
        )
    return Page(items=items, next_cursor=nxt)

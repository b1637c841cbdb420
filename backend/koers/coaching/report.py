"""The closing report (eindrapportage) and the whole trajectory as one role sees it.

Report life cycle: the coach drafts (``draft``), submits it to the client (``submitted``); the client
approves (``approved``, final) or returns it with a comment (``returned``), after which the coach edits and
submits again. The organisation sees it only approved and with the client's consent (``visibility``).
"""

from __future__ import annotations

from fpdf import FPDF
from sqlmodel import Session, select

from koers.coaching import dossier, work
from koers.coaching.models import AuditAction, ClosingReport, ReportStatus
from koers.coaching.schemas import (
    ClosingReportPublic,
    ClosingReportReturn,
    ClosingReportWrite,
    TrajectoryView,
)
from koers.coaching.service import (
    Ctx,
    agreement_out,
    audit,
    consent_history,
    consent_out,
    get_agreement,
    require_client,
    require_coach,
)
from koers.core.concurrency import apply_changes
from koers.core.db import utcnow
from koers.core.errors import Conflict, NotFound
from koers.employees.models import Employee
from koers.trajectories.models import TrajectoryPublic
from koers.visibility import Item, Role, Shared, may_see, require


def get_report(session: Session, ctx: Ctx) -> ClosingReport | None:
    return session.exec(select(ClosingReport).where(ClosingReport.trajectory_id == ctx.trajectory.id)).first()


def report_out(report: ClosingReport) -> ClosingReportPublic:
    return ClosingReportPublic.model_validate(report)


def visible_report(session: Session, ctx: Ctx) -> ClosingReport:
    """The report if the caller's role may see it in its current status (404 otherwise); audited."""
    report = get_report(session, ctx)
    if report is None:
        raise NotFound("Closing report")
    require(ctx.role, Item.closing_report, ctx.shared, report_status=report.status.value)
    audit(session, ctx, AuditAction.read, "closing_report", report.id)
    return report


def write_report(session: Session, ctx: Ctx, data: ClosingReportWrite, if_match: str | None) -> ClosingReport:
    """Create or edit the draft (coach only). A submitted or approved report cannot be edited (409
    ``report-locked``); editing a returned report makes it a draft again."""
    require_coach(ctx)
    report = get_report(session, ctx)
    if report is None:
        report = ClosingReport(trajectory_id=ctx.trajectory.id, body=data.body)
        session.add(report)
        session.flush()
        audit(session, ctx, AuditAction.create, "closing_report", report.id)
        return report
    if report.status in (ReportStatus.submitted, ReportStatus.approved):
        raise Conflict(f"The report is {report.status.value} and cannot be edited.", slug="report-locked")
    apply_changes(session, report, {"body": data.body, "status": ReportStatus.draft}, if_match)
    audit(session, ctx, AuditAction.update, "closing_report", report.id)
    return report


def _move(session: Session, ctx: Ctx, report: ClosingReport, allowed_from: set[ReportStatus], values: dict) -> None:
    if report.status not in allowed_from:
        raise Conflict(
            f"The report is {report.status.value}; this step needs it to be "
            f"{' or '.join(sorted(s.value for s in allowed_from))}.",
            slug="illegal-report-step",
        )
    apply_changes(session, report, values, None)


def submit_report(session: Session, ctx: Ctx) -> ClosingReport:
    """The coach sends the draft to the client for approval (409 unless draft or returned)."""
    require_coach(ctx)
    report = get_report(session, ctx)
    if report is None:
        raise NotFound("Closing report")
    _move(
        session,
        ctx,
        report,
        {ReportStatus.draft, ReportStatus.returned},
        {"status": ReportStatus.submitted, "submitted_at": utcnow()},
    )
    audit(session, ctx, AuditAction.update, "closing_report", report.id)
    return report


def decide_report(session: Session, ctx: Ctx, approve: bool, data: ClosingReportReturn | None = None) -> ClosingReport:
    """The client approves the submitted report, or returns it with a comment (409 unless submitted)."""
    require_client(ctx)
    report = get_report(session, ctx)
    if report is None or report.status == ReportStatus.draft:
        raise NotFound("Closing report")
    values = {
        "status": ReportStatus.approved if approve else ReportStatus.returned,
        "decided_at": utcnow(),
        "client_comment": None if approve or data is None else data.comment,
    }
    _move(session, ctx, report, {ReportStatus.submitted}, values)
    audit(session, ctx, AuditAction.approve if approve else AuditAction.return_, "closing_report", report.id)
    return report


def _latin1(text: str) -> str:
    # The PDF core fonts cover Latin-1 (all Dutch letters); anything else becomes '?', never an error.
    return text.encode("latin-1", "replace").decode("latin-1")


def report_pdf(session: Session, ctx: Ctx, report: ClosingReport) -> bytes:
    """The report as a PDF (fpdf2, A4, uncompressed text streams)."""
    employee = session.get(Employee, ctx.trajectory.employee_id)
    name = (
        " ".join(p for p in (employee.given_name, employee.family_name_prefix, employee.family_name) if p)
        if employee
        else ""
    )
    pdf = FPDF(format="A4")
    pdf.set_compression(False)
    pdf.set_title("Closing report")
    pdf.set_creator("Koers")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Eindrapportage / Closing report", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    status = report.status.value + (f" ({report.decided_at:%Y-%m-%d})" if report.decided_at else "")
    pdf.multi_cell(0, 6, _latin1(f"Client: {name}\nTrajectory: {ctx.trajectory.id}\nStatus: {status}"))
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, _latin1(report.body))
    return bytes(pdf.output())


# --- the trajectory as one role sees it ------------------------------------------------------------


def trajectory_view(session: Session, ctx: Ctx, role: Role) -> TrajectoryView:
    """Everything about the trajectory that ``role`` may see, decided item by item by ``visibility``.
    ``role`` is the caller's own role, or ``Role.hr`` for "view as the organisation". A fixed number of
    queries. Confidential reads are audited."""
    shared: Shared = ctx.shared
    trajectory = ctx.trajectory
    rows = work.sessions(session, trajectory.id)
    report = get_report(session, ctx)
    history = consent_history(session, trajectory.id)
    view = TrajectoryView(
        as_role=role,
        trajectory=TrajectoryPublic.model_validate(trajectory),
        used_hours=round(sum(r.duration_minutes for r in rows) / 60, 2),
        agreement=agreement_out(trajectory, get_agreement(session, trajectory.id))
        if may_see(role, Item.agreement, shared)
        else None,
        consent=consent_out(history[0]) if history and may_see(role, Item.consent, shared) else None,
        sessions=[work.session_out(r, role, shared) for r in rows] if may_see(role, Item.session_schedule) else [],
        goals=work.goals(session, trajectory.id) if may_see(role, Item.action_plan, shared) else None,
        closing_report=report_out(report)
        if report is not None and may_see(role, Item.closing_report, shared, report_status=report.status.value)
        else None,
        intake=dossier.intake_entries(session, trajectory.id) if may_see(role, Item.intake, shared) else None,
        referral_screenings=dossier.screenings(session, trajectory.id)
        if may_see(role, Item.referral_screening, shared)
        else None,
    )
    if role is ctx.role and (view.intake is not None or view.closing_report is not None or rows):
        audit(session, ctx, AuditAction.read, "trajectory_view")
    return view


__all__ = ["trajectory_view"]

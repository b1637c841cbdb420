import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { ClosingReportApproval } from "./ClosingReportApproval";
import { answer, renderWithProviders } from "./testing";

type Report = Schemas["ClosingReportPublic"];

const calls = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../../api/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../api/client")>()),
  api: calls,
}));

const submitted: Report = {
  trajectory_id: "t1",
  body: "Het traject leidde tot een interne overstap.",
  status: "submitted",
  client_comment: null,
  submitted_at: "2026-11-30T09:00:00Z",
  decided_at: null,
  version: 2,
};

beforeEach(() => {
  calls.POST.mockReset().mockImplementation((path: string, init: { body?: { comment: string } }) => {
    if (path.endsWith("/approve")) {
      return answer({ ...submitted, status: "approved", decided_at: "2026-11-30T10:00:00Z", version: 3 });
    }
    if (path.endsWith("/return")) {
      if (!init.body?.comment) {
        return answer({ type: "about:blank", title: "Unprocessable", status: 422 }, 422);
      }
      return answer({ ...submitted, status: "returned", client_comment: init.body.comment, version: 3 });
    }
    throw new Error(`unexpected POST ${path}`);
  });
});

describe("ClosingReportApproval", () => {
  it("approves a submitted report", async () => {
    const user = userEvent.setup();
    renderWithProviders(<ClosingReportApproval trajectoryId="t1" report={submitted} />);
    expect(screen.getByTestId("client-report-status")).toHaveTextContent("Ligt bij de cliënt");
    expect(screen.getByTestId("client-report-body")).toHaveTextContent("interne overstap");

    await user.click(screen.getByRole("button", { name: "Goedkeuren" }));
    await waitFor(() => expect(screen.getByTestId("client-report-status")).toHaveTextContent("Goedgekeurd"));
    expect(calls.POST).toHaveBeenCalledWith(
      "/api/v1/trajectories/{trajectory_id}/closing-report/approve",
      expect.objectContaining({ params: { path: { trajectory_id: "t1" } } }),
    );
    // Decided: no more approve or return.
    expect(screen.queryByRole("button", { name: "Goedkeuren" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Terugsturen/ })).toBeNull();
  });

  it("returns the report with a required comment", async () => {
    const user = userEvent.setup();
    renderWithProviders(<ClosingReportApproval trajectoryId="t1" report={submitted} />, "en");
    await user.click(screen.getByRole("button", { name: "Return with a comment" }));
    await user.click(screen.getByRole("button", { name: "Return to the coach" }));
    expect(await screen.findByText("Required")).toBeInTheDocument();
    expect(calls.POST).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/Your comment for the coach/), "Graag mijn opleiding noemen.");
    await user.click(screen.getByRole("button", { name: "Return to the coach" }));
    await waitFor(() =>
      expect(screen.getByTestId("client-report-status")).toHaveTextContent("Returned by the client"),
    );
    expect(screen.getByText("Graag mijn opleiding noemen.")).toBeInTheDocument();
    expect(calls.POST).toHaveBeenCalledWith(
      "/api/v1/trajectories/{trajectory_id}/closing-report/return",
      expect.objectContaining({ body: { comment: "Graag mijn opleiding noemen." } }),
    );
  });

  it("waits while there is no report for the client yet", () => {
    renderWithProviders(<ClosingReportApproval trajectoryId="t1" report={null} />);
    expect(screen.getByText("Je coach werkt nog aan de eindrapportage.")).toBeInTheDocument();
  });
});

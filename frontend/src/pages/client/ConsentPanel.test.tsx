import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { ConsentPanel } from "./ConsentPanel";
import { answer, renderWithProviders } from "./testing";

type Consent = Schemas["ConsentPublic"];

const calls = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock("../../api/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../api/client")>()),
  api: calls,
}));

/** The server's consent history, newest first: each POST appends a version. */
let history: Consent[] = [];

beforeEach(() => {
  history = [];
  calls.GET.mockReset().mockImplementation((path: string) => {
    if (path.endsWith("/consents")) return answer([...history]);
    throw new Error(`unexpected GET ${path}`);
  });
  calls.POST.mockReset().mockImplementation((path: string, init: { body: { items: string[] } }) => {
    if (!path.endsWith("/consents")) throw new Error(`unexpected POST ${path}`);
    const version = (history[0]?.version ?? 0) + 1;
    const consent = {
      version,
      items: [...init.body.items].sort(),
      given_by: "u1",
      given_at: `2026-11-30T10:0${version}:00Z`,
    } as Consent;
    history = [consent, ...history];
    return answer(consent, 201);
  });
});

describe("ConsentPanel", () => {
  it("gives and withdraws consent per item, and the view and history follow", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <ConsentPanel trajectoryId="t1" shareable={["session_summaries", "closing_report"]} />,
    );

    const summaries = await screen.findByTestId("consent-session_summaries");
    expect(within(summaries).getByText("Niet gedeeld")).toBeInTheDocument();
    // Only what the agreement allows is offered.
    expect(screen.queryByTestId("consent-goal_progress")).toBeNull();
    expect(screen.getByText("Nog geen toestemming gegeven.")).toBeInTheDocument();

    await user.click(within(summaries).getByRole("button", { name: /Delen: Samenvattingen/ }));
    await waitFor(() => expect(within(summaries).getByText("Gedeeld")).toBeInTheDocument());
    expect(calls.POST).toHaveBeenLastCalledWith(
      "/api/v1/trajectories/{trajectory_id}/consents",
      expect.objectContaining({ body: { items: ["session_summaries"] } }),
    );
    expect(within(screen.getByTestId("consent-history")).getByText(/Versie 1/)).toBeInTheDocument();

    // Giving a second item keeps the first (the complete set is posted).
    const report = screen.getByTestId("consent-closing_report");
    await user.click(within(report).getByRole("button", { name: /Delen/ }));
    await waitFor(() => expect(within(report).getByText("Gedeeld")).toBeInTheDocument());
    expect(calls.POST).toHaveBeenLastCalledWith(
      "/api/v1/trajectories/{trajectory_id}/consents",
      expect.objectContaining({ body: { items: ["session_summaries", "closing_report"] } }),
    );

    await user.click(within(summaries).getByRole("button", { name: /Intrekken: Samenvattingen/ }));
    await waitFor(() => expect(within(summaries).getByText("Niet gedeeld")).toBeInTheDocument());
    expect(within(report).getByText("Gedeeld")).toBeInTheDocument();
    expect(calls.POST).toHaveBeenLastCalledWith(
      "/api/v1/trajectories/{trajectory_id}/consents",
      expect.objectContaining({ body: { items: ["closing_report"] } }),
    );
    const versions = within(screen.getByTestId("consent-history")).getAllByRole("listitem");
    expect(versions).toHaveLength(3);
    expect(versions[0]).toHaveTextContent("Versie 3");
  });

  it("says so when the agreement allows nothing to be shared", async () => {
    renderWithProviders(<ConsentPanel trajectoryId="t1" shareable={[]} />, "en");
    expect(await screen.findByText("Nothing in the agreement can be shared yet.")).toBeInTheDocument();
  });
});

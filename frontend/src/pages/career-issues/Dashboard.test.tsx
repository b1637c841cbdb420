import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Schemas } from "../../api/client";
import { renderUi } from "../../test/render";
import { DashboardFigures } from "./Dashboard";

const base = {
  by_status: { proposed: 1, active: 4, paused: 0, closed: 3 },
  outcomes: { internal_move: 1, external_placement: 1, retirement: 1 },
  median_days_to_close_by_outcome: {},
};

const figures: Schemas["CareerIssueDashboard"] = {
  ...base,
  career_issue_id: "c1",
  affected_employees: 12,
  trajectories: 8,
  by_phase: { intake: 2, self_analysis: 3, market_orientation: 1, action: 1, aftercare: 1 },
  closed: 3,
  placement_rate: 2 / 3,
  median_days_to_close: 87.5,
  planned_hours: 96,
  used_hours: 20.5,
  per_coach: [
    {
      ...base,
      coach_id: "u1",
      coach_name: "Cor van den Berg",
      trajectories: 5,
      by_phase: { intake: 1 },
      closed: 2,
      placement_rate: 0.5,
      median_days_to_close: 60,
      planned_hours: 60,
      used_hours: 12.25,
    },
  ],
};

describe("the programme dashboard's figures", () => {
  it("shows the key figures in Dutch notation", () => {
    renderUi(<DashboardFigures figures={figures} />);
    expect(screen.getByTestId("kpi-affected")).toHaveTextContent("12");
    expect(screen.getByTestId("kpi-trajectories")).toHaveTextContent("8");
    expect(screen.getByTestId("kpi-placement").textContent).toMatch(/^66,7\s?%$/);
    expect(screen.getByTestId("kpi-median")).toHaveTextContent("87,5 dagen");
    expect(screen.getByTestId("kpi-hours")).toHaveTextContent("96");
    expect(screen.getByText("20,5 uur besteed")).toBeInTheDocument();
  });

  it("lists trajectories by phase, outcomes and per coach", () => {
    renderUi(<DashboardFigures figures={figures} />);
    const phases = within(screen.getByTestId("by-phase"));
    expect(phases.getByRole("row", { name: /Zelfanalyse/ })).toHaveTextContent("3");
    const outcomes = within(screen.getByTestId("outcomes"));
    expect(outcomes.getByRole("row", { name: /Externe plaatsing/ })).toHaveTextContent("1");
    expect(outcomes.queryByRole("row", { name: /Opleiding/ })).toBeNull();
    const coach = within(screen.getByTestId("per-coach")).getByRole("row", { name: /Cor van den Berg/ });
    expect(coach.textContent).toMatch(/Cor van den Berg5\s*32\s*50\s?%60\s*6012,3/);
  });

  it("says so when there are no trajectories yet, and in English too", () => {
    renderUi(
      <DashboardFigures
        figures={{ ...figures, trajectories: 0, placement_rate: null, median_days_to_close: null }}
      />,
      "en",
    );
    expect(screen.getByText("No trajectories yet.")).toBeInTheDocument();
    expect(screen.getByTestId("kpi-placement")).toHaveTextContent("—");
  });
});

import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderUi } from "../../test/render";
import { TransitionDialog } from "./TransitionDialog";

async function choose(label: string, option: string) {
  await userEvent.click(screen.getByRole("textbox", { name: label }));
  await userEvent.click(await screen.findByRole("option", { name: option }));
}

describe("the transition dialog", () => {
  it("offers only the legal moves: from an active intake the next phase, pause or (not here) close", async () => {
    renderUi(
      <TransitionDialog
        opened
        mode="transition"
        phase="intake"
        status="active"
        onClose={() => undefined}
        onSubmit={vi.fn()}
      />,
    );
    await userEvent.click(screen.getByRole("textbox", { name: "Nieuwe status" }));
    expect(await screen.findByRole("option", { name: "Gepauzeerd" })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Afgesloten" })).not.toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    await userEvent.click(screen.getByRole("textbox", { name: "Nieuwe fase" }));
    const phases = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(phases).toEqual(["Zelfanalyse"]);
  });

  it("sends the phase with the reason", async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    const onClose = vi.fn();
    renderUi(
      <TransitionDialog
        opened
        mode="transition"
        phase="self_analysis"
        status="active"
        onClose={onClose}
        onSubmit={onSubmit}
      />,
    );
    await choose("Nieuwe fase", "Marktoriëntatie");
    await userEvent.type(screen.getByRole("textbox", { name: "Reden" }), "Zelfbeeld is helder.");
    await userEvent.click(screen.getByRole("button", { name: "Toepassen" }));
    expect(onSubmit).toHaveBeenCalledWith({
      phase: "market_orientation",
      status: null,
      outcome: null,
      reason: "Zelfbeeld is helder.",
    });
    expect(onClose).toHaveBeenCalled();
  });

  it("requires a reason to go back a phase", async () => {
    const onSubmit = vi.fn();
    renderUi(
      <TransitionDialog
        opened
        mode="transition"
        phase="action"
        status="active"
        onClose={() => undefined}
        onSubmit={onSubmit}
      />,
    );
    await choose("Nieuwe fase", "Intake");
    await userEvent.click(screen.getByRole("button", { name: "Toepassen" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText("Verplicht")).toBeInTheDocument();
  });

  it("does not close without an outcome, and closes with one", async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderUi(
      <TransitionDialog
        opened
        mode="close"
        phase="action"
        status="active"
        onClose={() => undefined}
        onSubmit={onSubmit}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Traject afsluiten" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText("Kies een uitkomst")).toBeInTheDocument();
    await choose("Uitkomst", "Externe plaatsing");
    await userEvent.click(screen.getByRole("button", { name: "Traject afsluiten" }));
    expect(onSubmit).toHaveBeenCalledWith({
      phase: null,
      status: "closed",
      outcome: "external_placement",
      reason: null,
    });
  });

  it("puts the server's field errors on the form", async () => {
    const { ApiError } = await import("../../api/client");
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError(422, {
        type: "about:blank",
        title: "Unprocessable",
        status: 422,
        detail: "Invalid input",
        errors: [{ loc: ["body", "reason"], msg: "Too long for the server", type: "value_error" }],
      }),
    );
    renderUi(
      <TransitionDialog
        opened
        mode="transition"
        phase="intake"
        status="paused"
        onClose={() => undefined}
        onSubmit={onSubmit}
      />,
    );
    await choose("Nieuwe status", "Actief");
    await userEvent.click(screen.getByRole("button", { name: "Toepassen" }));
    expect(await screen.findByText("Too long for the server")).toBeInTheDocument();
  });
});

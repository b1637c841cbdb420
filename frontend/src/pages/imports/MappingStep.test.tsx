import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Schemas } from "../../api/client";
import { renderUi } from "../../test/render";
import { MappingStep } from "./MappingStep";
import { type MappingState, mappingFromPreview, mappingJson } from "./mapping";

const preview: Schemas["ImportPreview"] = {
  file_format: "csv",
  encoding: "utf-8",
  delimiter: ";",
  headers: ["Personeelsnr", "Voornaam", "Achternaam", "Afdeling", "Geb. datum", "Extra"],
  rows: [
    ["000101", "Pieter", "Berg", "Financiën", "03-04-1985", "x"],
    ["000102", "Fatima", "El Amrani", "ICT", "04-03-1990", "y"],
  ],
  mapping: {
    employee_number: "Personeelsnr",
    given_name: "Voornaam",
    family_name: "Achternaam",
    department: "Afdeling",
  },
  unmapped_columns: ["Geb. datum", "Extra"],
  name_column: null,
  name_order: null,
  date_order: null,
  date_order_ambiguous: true,
  missing_fields: [],
};

function Harness({ onState }: { onState: (s: MappingState) => void }) {
  const [state, setState] = useState(mappingFromPreview(preview));
  return (
    <MappingStep
      preview={preview}
      value={state}
      onChange={(next) => {
        setState(next);
        onState(next);
      }}
    />
  );
}

describe("the import wizard's mapping step", () => {
  it("shows the first rows and the detected mapping", () => {
    renderUi(<Harness onState={() => undefined} />);
    const table = screen.getByTestId("preview-table");
    expect(within(table).getByText("El Amrani")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Personeelsnummer" })).toHaveValue("Personeelsnr");
    expect(screen.getByRole("textbox", { name: "Afdeling" })).toHaveValue("Afdeling");
    expect(screen.getByRole("textbox", { name: "Geboortedatum" })).toHaveValue("(niet in bestand)");
  });

  it("asks for the date order when the dates are ambiguous", () => {
    renderUi(<Harness onState={() => undefined} />);
    expect(screen.getByText("Verplicht")).toBeInTheDocument();
  });

  it("lets the user map an undetected column and sends it as JSON", async () => {
    const onState = vi.fn();
    renderUi(<Harness onState={onState} />);
    await userEvent.click(screen.getByRole("textbox", { name: "Geboortedatum" }));
    await userEvent.click(await screen.findByRole("option", { name: "Geb. datum" }));
    const state = onState.mock.calls.at(-1)?.[0] as MappingState;
    expect(state.fields.date_of_birth).toBe("Geb. datum");

    await userEvent.click(screen.getByRole("textbox", { name: "Datumvolgorde" }));
    await userEvent.click(await screen.findByRole("option", { name: "dd-mm-jjjj" }));
    const latest = onState.mock.calls.at(-1)?.[0] as MappingState;
    const sent = JSON.parse(mappingJson(latest)) as Record<string, string | null>;
    expect(sent).toMatchObject({
      employee_number: "Personeelsnr",
      date_of_birth: "Geb. datum",
      date_order: "dmy",
      email: null,
    });
  });

  it("warns when one column is chosen for two fields", async () => {
    renderUi(<Harness onState={() => undefined} />);
    fireEvent.click(screen.getByRole("textbox", { name: "Functie" }));
    await userEvent.click(await screen.findByRole("option", { name: "Afdeling" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Afdeling");
  });
});

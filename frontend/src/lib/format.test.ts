import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatPercent, personName } from "./format";

describe("format", () => {
  it("writes Dutch dates day-first with dashes and English ones with slashes", () => {
    expect(formatDate("2026-04-03", "nl")).toBe("03-04-2026");
    expect(formatDate("2026-04-03", "en")).toBe("03/04/2026");
    expect(formatDate(null, "nl")).toBe("—");
  });
  it("writes decimal commas in Dutch", () => {
    expect(formatNumber(0.8, 2, "nl")).toBe("0,8");
    expect(formatNumber("0.8", 2, "en")).toBe("0.8");
    expect(formatPercent(0.625, "nl")).toMatch(/62,5\s?%/);
  });
  it("puts the particle between given and family name", () => {
    expect(personName({ given_name: "Jan", family_name_prefix: "van der", family_name: "Berg" })).toBe(
      "Jan van der Berg",
    );
  });
});

import { describe, expect, it } from "vitest";
import { formatSessionStart, offsetAt, zonedIso } from "./format";

describe("session times", () => {
  it("gives the zone's offset at that wall-clock time, across daylight saving", () => {
    expect(offsetAt("2026-12-01T10:00", "Europe/Amsterdam")).toBe("+01:00");
    expect(offsetAt("2026-07-01T10:00", "Europe/Amsterdam")).toBe("+02:00");
    expect(offsetAt("2026-07-01T10:00", "America/New_York")).toBe("-04:00");
    expect(offsetAt("2026-07-01T10:00", "Asia/Kolkata")).toBe("+05:30");
    expect(zonedIso("2026-12-01T10:00", "UTC")).toBe("2026-12-01T10:00:00+00:00");
  });

  it("shows a session's start as agreed, in its own zone", () => {
    expect(
      formatSessionStart({ local_start: "2026-12-01T10:00:00+01:00", time_zone: "Europe/Amsterdam" }),
    ).toBe("01-12-2026 10:00 (Europe/Amsterdam)");
  });
});

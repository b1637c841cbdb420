/** Formatting of coaching values. */
import { formatDate } from "../../lib/format";

/**
 * A session's start as agreed: the wall-clock date and time in its own time zone (from `local_start`,
 * ISO 8601 with offset), followed by the zone's name — "01-12-2026 10:00 (Europe/Amsterdam)".
 */
export function formatSessionStart(session: { local_start: string; time_zone: string }): string {
  const m = session.local_start.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/);
  if (!m) return session.local_start;
  return `${formatDate(m[1])} ${m[2]} (${session.time_zone})`;
}

/** The wall-clock value for a `datetime-local` input ("2026-12-01T10:00") from `local_start`. */
export function localInputValue(localStart: string): string {
  return localStart.slice(0, 16);
}

/** The browser's IANA time zone (the default for a new session). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Amsterdam";
  } catch {
    return "Europe/Amsterdam";
  }
}

/** The IANA zones the browser knows (for the time-zone picker); a short list when it cannot say. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  const base = zones.length > 0 ? zones : ["Europe/Amsterdam", "Europe/Brussels", "Europe/London", "UTC"];
  return base.includes("UTC") ? base : [...base, "UTC"];
}

/**
 * The offset (+01:00) of `zone` at the wall-clock time `local` ("2026-12-01T10:00"), through `Intl`:
 * the zone's clock for the UTC instant read as if local, compared with that instant, refined once for
 * the hours around a daylight-saving change.
 */
export function offsetAt(local: string, zone: string): string {
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) return "Z";
  const offsetOf = (instant: number): number => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }).formatToParts(new Date(instant));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
    return Math.round((wall - instant) / 60_000);
  };
  let minutes = offsetOf(asUtc);
  minutes = offsetOf(asUtc - minutes * 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** "2026-12-01T10:00" in `zone` as ISO 8601 with its offset ("2026-12-01T10:00:00+01:00"). */
export function zonedIso(local: string, zone: string): string {
  return `${local}:00${offsetAt(local, zone)}`;
}

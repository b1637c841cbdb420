/**
 * Dates and numbers through `Intl`, in the UI language: nl gives 03-04-2026 and "0,8"; en gives 03/04/2026
 * and "0.8". Date-only values (YYYY-MM-DD) are calendar dates, formatted without a time-zone shift.
 */
import { currentLanguage } from "../i18n";

function locale(lang?: string): string {
  return (lang ?? currentLanguage()) === "en" ? "en-GB" : "nl-NL";
}

/** A calendar date ("2026-04-03") or a UTC timestamp as a day; empty input gives "—". */
export function formatDate(value: string | null | undefined, lang?: string): string {
  if (!value) return "—";
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale(lang), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    ...(dateOnly ? { timeZone: "UTC" } : {}),
  }).format(date);
}

/** A UTC timestamp as local date and time (03-04-2026 14:05). */
export function formatDateTime(value: string | null | undefined, lang?: string): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale(lang), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** A number with at most `digits` decimals (0,8). */
export function formatNumber(value: number | string | null | undefined, digits = 2, lang?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = typeof value === "string" ? Number(value) : value;
  if (Number.isNaN(n)) return "—";
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(n);
}

/** A fraction 0..1 as a percentage (62,5%). */
export function formatPercent(value: number | null | undefined, lang?: string): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(value);
}

/** The display name of an employee: given name, particle, family name (Jan van der Berg). */
export function personName(e: {
  given_name: string;
  family_name_prefix?: string | null;
  family_name: string;
}): string {
  return [e.given_name, e.family_name_prefix, e.family_name].filter(Boolean).join(" ");
}

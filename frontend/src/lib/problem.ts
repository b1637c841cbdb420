/**
 * Problem details (RFC 9457) onto forms: `errors[].loc` = ["body", field, ...] lands on that field;
 * everything else becomes a notification.
 */
import { notifications } from "@mantine/notifications";
import { ApiError } from "../api/client";
import i18n from "../i18n";

export interface FieldSetter {
  setFieldError: (path: string, error: string) => void;
}

/** The field errors of a problem, keyed by field name (first location part after "body"/"query"). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !error.problem?.errors) return out;
  for (const item of error.problem.errors) {
    const parts = item.loc.filter((p) => p !== "body" && p !== "query" && p !== "path");
    const key = parts.length > 0 ? String(parts[0]) : "";
    if (key && !(key in out)) out[key] = item.msg;
  }
  return out;
}

/** A human sentence for any error from the API or the network. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem?.detail ?? error.problem?.title ?? error.message;
  if (error instanceof TypeError) return i18n.t("errors.network");
  return error instanceof Error ? error.message : String(error);
}

/**
 * Put a failed submit's field errors on the form; when none match a known field, notify instead.
 * Returns true when the error was a 409/412 conflict (the caller shows the reload offer).
 */
export function applyProblem(form: FieldSetter, error: unknown, knownFields: readonly string[]): boolean {
  if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
    if (error.status === 412) return true;
  }
  const errors = fieldErrors(error);
  let placed = false;
  for (const [field, msg] of Object.entries(errors)) {
    if (knownFields.includes(field)) {
      form.setFieldError(field, msg);
      placed = true;
    }
  }
  if (!placed) {
    notifications.show({ color: "red", title: i18n.t("common.error"), message: errorMessage(error) });
  }
  return false;
}

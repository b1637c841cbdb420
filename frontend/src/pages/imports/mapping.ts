/** The import mapping the wizard edits and sends (`mapping` form field, a JSON object). */
import type { Schemas } from "../../api/client";

/** Koers fields a file can map onto (backend `koers.imports.mapping.FIELDS`). */
export const IMPORT_FIELDS = [
  "employee_number",
  "given_name",
  "family_name_prefix",
  "family_name",
  "email",
  "date_of_birth",
  "job_title",
  "department",
  "hire_date",
  "employment_status",
  "fte",
  "mobility_willingness",
  "mobility_capacity",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The i18n key of each field's label (the employee form's labels). */
export const FIELD_LABEL: Record<ImportField, string> = {
  employee_number: "employees.employeeNumber",
  given_name: "employees.givenName",
  family_name_prefix: "employees.familyNamePrefix",
  family_name: "employees.familyName",
  email: "employees.email",
  date_of_birth: "employees.dateOfBirth",
  job_title: "employees.jobTitle",
  department: "employees.department",
  hire_date: "employees.hireDate",
  employment_status: "employees.status",
  fte: "employees.fte",
  mobility_willingness: "employees.willingness",
  mobility_capacity: "employees.capacity",
};

export type DateOrder = "dmy" | "mdy" | "ymd";
export type NameOrder = "family_first" | "given_first";

export interface MappingState {
  fields: Record<ImportField, string | null>;
  date_order: DateOrder | null;
  name_column: string | null;
  name_order: NameOrder | null;
}

/** The mapping the server detected, as the wizard's starting point. */
export function mappingFromPreview(preview: Schemas["ImportPreview"]): MappingState {
  const fields = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, preview.mapping[f] ?? null])) as Record<
    ImportField,
    string | null
  >;
  return {
    fields,
    date_order: (preview.date_order as DateOrder | null) ?? null,
    name_column: preview.name_column,
    name_order: (preview.name_order as NameOrder | null) ?? null,
  };
}

/** The JSON the API takes: every field named (null = not in the file), plus the options that are set. */
export function mappingJson(state: MappingState): string {
  const out: Record<string, string | null> = { ...state.fields };
  if (state.date_order) out.date_order = state.date_order;
  if (state.name_column) {
    out.name_column = state.name_column;
    out.name_order = state.name_order ?? "given_first";
    out.given_name = null;
    out.family_name = null;
    out.family_name_prefix = null;
  }
  return JSON.stringify(out);
}

/** Columns chosen for more than one field (a mistake the user should see before sending). */
export function duplicateColumns(state: MappingState): string[] {
  const seen = new Map<string, number>();
  for (const column of Object.values(state.fields)) {
    if (column) seen.set(column, (seen.get(column) ?? 0) + 1);
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([c]) => c);
}

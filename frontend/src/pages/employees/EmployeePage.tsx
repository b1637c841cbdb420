/** HR: one employee — details and edit (mobility willingness and capacity included), with If-Match. */
import {
  Button,
  Group,
  NumberInput,
  Paper,
  Rating,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, okWithEtag, type Schemas } from "../../api/client";
import { ConflictAlert } from "../../components/ConflictAlert";
import { DateField } from "../../components/DateField";
import { AnchorLink } from "../../components/links";
import { ErrorState, Loading, PageHeader } from "../../components/states";
import { personName } from "../../lib/format";
import { applyProblem } from "../../lib/problem";

const route = getRouteApi("/_auth/_hr/employees/$employeeId");

type Employee = Schemas["EmployeePublic"];
interface Values {
  employee_number: string;
  given_name: string;
  family_name_prefix: string;
  family_name: string;
  email: string;
  date_of_birth: string | null;
  hire_date: string | null;
  job_title: string;
  department: string;
  employment_status: Schemas["EmploymentStatus"];
  fte: number | string;
  mobility_willingness: number;
  mobility_capacity: number;
}
const FIELDS = [
  "employee_number",
  "given_name",
  "family_name_prefix",
  "family_name",
  "email",
  "date_of_birth",
  "hire_date",
  "job_title",
  "department",
  "employment_status",
  "fte",
  "mobility_willingness",
  "mobility_capacity",
] as const;

function toValues(e: Employee): Values {
  return {
    employee_number: e.employee_number,
    given_name: e.given_name,
    family_name_prefix: e.family_name_prefix ?? "",
    family_name: e.family_name,
    email: e.email ?? "",
    date_of_birth: e.date_of_birth ?? null,
    hire_date: e.hire_date ?? null,
    job_title: e.job_title ?? "",
    department: e.department ?? "",
    employment_status: e.employment_status,
    fte: e.fte ?? "",
    mobility_willingness: e.mobility_willingness ?? 0,
    mobility_capacity: e.mobility_capacity ?? 0,
  };
}

/** The changed fields only, with empty text as null (PATCH semantics). */
function changes(before: Values, after: Values): Schemas["EmployeeUpdate"] {
  const out: Record<string, unknown> = {};
  for (const key of FIELDS) {
    if (before[key] === after[key]) continue;
    const value = after[key];
    if (key === "mobility_willingness" || key === "mobility_capacity") out[key] = value === 0 ? null : value;
    else if (key === "fte") out[key] = value === "" ? null : Number(value);
    else out[key] = value === "" || value === null ? null : value;
  }
  return out as Schemas["EmployeeUpdate"];
}

export function EmployeePage() {
  const { t, i18n } = useTranslation();
  const { employeeId } = route.useParams();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const query = useQuery({
    queryKey: ["employee", employeeId],
    queryFn: () =>
      okWithEtag(
        api.GET("/api/v1/employees/{employee_id}", { params: { path: { employee_id: employeeId } } }),
      ),
  });
  const form = useForm<Values>({ initialValues: toValues({} as Employee) as Values });
  const [base, setBase] = useState<Values | null>(null);
  const [etag, setEtag] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form only when fresh data arrives
  useEffect(() => {
    if (query.data && "version" in query.data.data && (base === null || !form.isDirty())) {
      const values = toValues(query.data.data as Employee);
      setBase(values);
      setEtag(query.data.etag);
      form.setValues(values);
      form.resetDirty(values);
    }
  }, [query.data]);

  async function save(values: Values) {
    if (!base) return;
    const body = changes(base, values);
    const answer = await api.PATCH("/api/v1/employees/{employee_id}", {
      params: { path: { employee_id: employeeId } },
      body,
      headers: etag ? { "If-Match": etag } : {},
    });
    if (!answer.response.ok) {
      const { ApiError } = await import("../../api/client");
      const error = new ApiError(answer.response.status, (answer.error as Schemas["Problem"]) ?? null);
      if (applyProblem(form, error, FIELDS)) setConflict(true);
      return;
    }
    const fresh = answer.data as Employee;
    const values2 = toValues(fresh);
    setBase(values2);
    setEtag(answer.response.headers.get("ETag"));
    form.setValues(values2);
    form.resetDirty(values2);
    setConflict(false);
    queryClient.setQueryData(["employee", employeeId], {
      data: fresh,
      etag: answer.response.headers.get("ETag"),
    });
    void queryClient.invalidateQueries({ queryKey: ["employees"] });
    notifications.show({ color: "green", message: t("common.saved") });
  }

  /** Take the server's latest version as the new base, keeping the fields the user changed. */
  async function reloadLatest() {
    const typed = form.getValues();
    const latest = await queryClient.fetchQuery({
      queryKey: ["employee", employeeId],
      queryFn: () =>
        okWithEtag(
          api.GET("/api/v1/employees/{employee_id}", { params: { path: { employee_id: employeeId } } }),
        ),
      staleTime: 0,
    });
    const fresh = toValues(latest.data as Employee);
    // Keep what the user changed; take everything else from the latest version.
    const merged = { ...fresh };
    for (const key of FIELDS) {
      if (base && typed[key] !== base[key]) Object.assign(merged, { [key]: typed[key] });
    }
    setBase(fresh);
    setEtag(latest.etag);
    form.setValues(merged);
    form.resetDirty(fresh);
    setConflict(false);
  }

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const employee = query.data.data as Employee;

  return (
    <>
      <AnchorLink to="/employees" size="sm">
        ← {t("employees.title")}
      </AnchorLink>
      <PageHeader title={personName(employee)} />
      <Paper withBorder p="md" maw={900}>
        <form onSubmit={form.onSubmit(save)} noValidate aria-label={t("employees.edit")}>
          <Stack>
            {conflict && <ConflictAlert onReload={reloadLatest} />}
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <TextInput
                label={t("employees.employeeNumber")}
                required
                {...form.getInputProps("employee_number")}
              />
              <TextInput label={t("employees.givenName")} required {...form.getInputProps("given_name")} />
              <TextInput
                label={t("employees.familyNamePrefix")}
                {...form.getInputProps("family_name_prefix")}
              />
              <TextInput label={t("employees.familyName")} required {...form.getInputProps("family_name")} />
              <TextInput label={t("employees.email")} type="email" {...form.getInputProps("email")} />
              <DateField label={t("employees.dateOfBirth")} {...form.getInputProps("date_of_birth")} />
              <DateField label={t("employees.hireDate")} {...form.getInputProps("hire_date")} />
              <TextInput label={t("employees.jobTitle")} {...form.getInputProps("job_title")} />
              <TextInput label={t("employees.department")} {...form.getInputProps("department")} />
              <Select
                label={t("employees.status")}
                data={(["active", "leaving", "left"] as const).map((s) => ({
                  value: s,
                  label: t(`employees.statuses.${s}`),
                }))}
                allowDeselect={false}
                {...form.getInputProps("employment_status")}
              />
              <NumberInput
                label={t("employees.fte")}
                min={0}
                max={1.5}
                step={0.1}
                decimalScale={2}
                decimalSeparator={i18n.language === "en" ? "." : ","}
                {...form.getInputProps("fte")}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <ScaleInput
                label={t("employees.willingness")}
                help={t("employees.willingnessHelp")}
                notAssessed={t("employees.notAssessed")}
                {...form.getInputProps("mobility_willingness")}
              />
              <ScaleInput
                label={t("employees.capacity")}
                help={t("employees.capacityHelp")}
                notAssessed={t("employees.notAssessed")}
                {...form.getInputProps("mobility_capacity")}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}

/** A 1–5 scale (0 = not assessed), keyboard operable (Mantine Rating is a radio group). */
function ScaleInput(props: {
  label: string;
  help: string;
  notAssessed: string;
  value?: number;
  onChange?: (value: number) => void;
  error?: string;
}) {
  const id = `scale-${props.label.replace(/\W+/g, "-")}`;
  return (
    <Stack gap={4}>
      <Text component="span" fw={500} size="sm" id={id}>
        {props.label}
      </Text>
      <Text size="xs" c="dimmed">
        {props.help}
      </Text>
      <Group gap="xs">
        <Rating
          count={5}
          value={props.value ?? 0}
          onChange={props.onChange}
          aria-labelledby={id}
          getSymbolLabel={(i) => `${props.label}: ${i}`}
        />
        <Text size="sm">{!props.value ? props.notAssessed : `${props.value} / 5`}</Text>
        {!!props.value && (
          <Button size="compact-xs" variant="subtle" onClick={() => props.onChange?.(0)}>
            {props.notAssessed}
          </Button>
        )}
      </Group>
      {props.error && (
        <Text size="xs" c="red">
          {props.error}
        </Text>
      )}
    </Stack>
  );
}

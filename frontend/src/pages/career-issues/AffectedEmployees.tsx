/** A career issue's affected employees: the list, adding by filter, and the bulk start of trajectories. */
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok, type Schemas } from "../../api/client";
import { AnchorLink } from "../../components/links";
import { ScrollTable } from "../../components/ScrollTable";
import { Empty, ErrorState, Loading } from "../../components/states";
import { COACHING_TYPES, type CoachingType } from "../../lib/domain";
import { personName } from "../../lib/format";
import { applyProblem } from "../../lib/problem";

type Issue = Schemas["CareerIssuePublic"];

export function AffectedEmployees({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    queryKey: ["career-issue-employees", issue.id, cursor],
    queryFn: () =>
      ok(
        api.GET("/api/v1/career-issues/{career_issue_id}/employees", {
          params: { path: { career_issue_id: issue.id }, query: { limit: 50, cursor: cursor ?? undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <EnrolForm issue={issue} />
        <BulkStartForm issue={issue} />
      </SimpleGrid>
      <section aria-labelledby="affected-title">
        <Title order={2} size="h4" id="affected-title" mb="sm">
          {t("careerIssues.affected")}
        </Title>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Empty>{t("careerIssues.noAffected")}</Empty>
        ) : (
          <>
            <ScrollTable label={t("careerIssues.affected")} minWidth={600}>
              <Table striped data-testid="affected-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("employees.employeeNumber")}</Table.Th>
                    <Table.Th scope="col">{t("employees.name")}</Table.Th>
                    <Table.Th scope="col">{t("employees.department")}</Table.Th>
                    <Table.Th scope="col">{t("employees.jobTitle")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{e.employee_number}</Table.Td>
                      <Table.Td>
                        <AnchorLink to="/employees/$employeeId" params={{ employeeId: e.id }}>
                          {personName(e)}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{e.department ?? "—"}</Table.Td>
                      <Table.Td>{e.job_title ?? "—"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            <Group justify="flex-end" mt="sm" gap="xs">
              <Button
                variant="default"
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t("common.back")}
              </Button>
              <Button
                variant="default"
                disabled={!query.data.next_cursor}
                onClick={() => setCursors((c) => [...c, query.data.next_cursor ?? null])}
              >
                {t("common.next")}
              </Button>
            </Group>
          </>
        )}
      </section>
    </Stack>
  );
}

function EnrolForm({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Schemas["EnrolResult"] | null>(null);
  const form = useForm({
    initialValues: {
      department: "",
      job_title: "",
      employment_status: null as Schemas["EmploymentStatus"] | null,
    },
  });

  async function submit(values: typeof form.values) {
    setResult(null);
    try {
      const answer = await ok(
        api.POST("/api/v1/career-issues/{career_issue_id}/employees", {
          params: { path: { career_issue_id: issue.id } },
          body: {
            filter: {
              department: values.department.trim() || null,
              job_title: values.job_title.trim() || null,
              employment_status: values.employment_status,
            },
          },
        }),
      );
      setResult(answer);
      void queryClient.invalidateQueries({ queryKey: ["career-issue-employees", issue.id] });
      void queryClient.invalidateQueries({ queryKey: ["dashboard", issue.id] });
    } catch (error) {
      applyProblem(form, error, ["department", "job_title", "employment_status"]);
    }
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="enrol-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="enrol-title">
            {t("careerIssues.enrol")}
          </Title>
          <TextInput label={t("employees.department")} {...form.getInputProps("department")} />
          <TextInput label={t("employees.jobTitle")} {...form.getInputProps("job_title")} />
          <Select
            label={t("employees.status")}
            clearable
            placeholder={t("common.all")}
            data={(["active", "leaving", "left"] as const).map((s) => ({
              value: s,
              label: t(`employees.statuses.${s}`),
            }))}
            {...form.getInputProps("employment_status")}
          />
          {result && (
            <Alert color="green" role="status" data-testid="enrol-result">
              {t("careerIssues.enrolled", result)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={form.submitting}>
              {t("common.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function BulkStartForm({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Schemas["BulkStartResult"] | null>(null);
  const members = useQuery({
    queryKey: ["members", issue.organisation_id],
    queryFn: () =>
      ok(
        api.GET("/api/v1/organisations/{organisation_id}/members", {
          params: { path: { organisation_id: issue.organisation_id } },
        }),
      ),
  });
  const coaches = (members.data ?? []).filter((m) => m.role === "coach" && m.is_active);
  const form = useForm({
    initialValues: {
      coaching_type: "career_counselling" as CoachingType,
      planned_hours: 12 as number | string,
      coach_ids: [] as string[],
    },
    validate: {
      coach_ids: (v) => (v.length > 0 ? null : t("common.required")),
      planned_hours: (v) => (v === "" ? t("common.required") : null),
    },
  });

  async function submit(values: typeof form.values) {
    setResult(null);
    try {
      const answer = await ok(
        api.POST("/api/v1/career-issues/{career_issue_id}/trajectories", {
          params: { path: { career_issue_id: issue.id } },
          body: {
            coaching_type: values.coaching_type,
            planned_hours: Number(values.planned_hours),
            coach_ids: values.coach_ids,
          },
        }),
      );
      setResult(answer);
      notifications.show({
        color: "green",
        message: t("careerIssues.started", { started: answer.started, skipped: answer.skipped.length }),
      });
      void queryClient.invalidateQueries({ queryKey: ["dashboard", issue.id] });
      void queryClient.invalidateQueries({ queryKey: ["trajectories"] });
    } catch (error) {
      applyProblem(form, error, ["coaching_type", "planned_hours", "coach_ids"]);
    }
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="start-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="start-title">
            {t("careerIssues.startTrajectories")}
          </Title>
          <Select
            label={t("careerIssues.coachingType")}
            data={COACHING_TYPES.map((c) => ({ value: c, label: t(`trajectories.coachingTypes.${c}`) }))}
            allowDeselect={false}
            {...form.getInputProps("coaching_type")}
          />
          <NumberInput
            label={t("careerIssues.plannedHours")}
            min={0}
            max={10000}
            {...form.getInputProps("planned_hours")}
          />
          <MultiSelect
            label={t("careerIssues.coaches")}
            description={t("careerIssues.coachesHelp")}
            data={coaches.map((c) => ({ value: c.user_id, label: c.full_name }))}
            required
            {...form.getInputProps("coach_ids")}
            data-testid="coach-select"
          />
          {result && (
            <Alert color="green" role="status" data-testid="start-result">
              <Text size="sm">
                {t("careerIssues.started", { started: result.started, skipped: result.skipped.length })}
              </Text>
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={form.submitting}>
              {t("careerIssues.startTrajectories")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

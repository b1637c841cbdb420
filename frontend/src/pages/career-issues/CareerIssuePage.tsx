/** HR: one career issue — affected employees (add by filter, bulk start), the programme dashboard, details. */
import { Badge, Button, Group, Paper, Select, Stack, Tabs, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, okWithEtag, type Schemas } from "../../api/client";
import { ConflictAlert } from "../../components/ConflictAlert";
import { DateField } from "../../components/DateField";
import { AnchorLink } from "../../components/links";
import { ErrorState, Loading, PageHeader } from "../../components/states";
import { FAMILIES, type Family, KINDS_BY_FAMILY, type Kind } from "../../lib/domain";
import { applyProblem } from "../../lib/problem";
import { AffectedEmployees } from "./AffectedEmployees";
import { ISSUE_STATUS_COLOR } from "./CareerIssuesPage";
import { IssueTrajectories } from "./IssueTrajectories";

const Dashboard = lazy(() => import("./Dashboard").then((m) => ({ default: m.Dashboard })));
const route = getRouteApi("/_auth/_hr/career-issues/$careerIssueId");
type Issue = Schemas["CareerIssuePublic"];
type IssueTab = "employees" | "trajectories" | "dashboard" | "details";

function issueQuery(id: string) {
  return {
    queryKey: ["career-issue", id],
    queryFn: () =>
      okWithEtag(
        api.GET("/api/v1/career-issues/{career_issue_id}", { params: { path: { career_issue_id: id } } }),
      ),
  };
}

export function CareerIssuePage() {
  const { t } = useTranslation();
  const { careerIssueId } = route.useParams();
  const { tab = "employees" } = route.useSearch();
  const navigate = useNavigate();
  const query = useQuery(issueQuery(careerIssueId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const issue = query.data.data;

  return (
    <>
      <AnchorLink to="/career-issues" size="sm">
        ← {t("careerIssues.title")}
      </AnchorLink>
      <PageHeader title={issue.title} />
      <Group gap="xs" mb="md" mt={-8}>
        <Badge variant="outline">{t(`careerIssues.families.${issue.family}`)}</Badge>
        <Badge variant="light">{t(`careerIssues.kinds.${issue.kind}`)}</Badge>
        <Badge color={ISSUE_STATUS_COLOR[issue.status]}>{t(`careerIssues.statuses.${issue.status}`)}</Badge>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) =>
          navigate({
            to: "/career-issues/$careerIssueId",
            params: { careerIssueId },
            search: { tab: (value as IssueTab | null) ?? "employees" },
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="employees">{t("careerIssues.tabs.employees")}</Tabs.Tab>
          <Tabs.Tab value="trajectories">{t("careerIssues.tabs.trajectories")}</Tabs.Tab>
          <Tabs.Tab value="dashboard">{t("careerIssues.tabs.dashboard")}</Tabs.Tab>
          <Tabs.Tab value="details">{t("careerIssues.tabs.details")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="employees">
          <AffectedEmployees issue={issue} />
        </Tabs.Panel>
        <Tabs.Panel value="trajectories">
          <IssueTrajectories careerIssueId={issue.id} />
        </Tabs.Panel>
        <Tabs.Panel value="dashboard">
          <Suspense fallback={<Loading />}>
            <Dashboard careerIssueId={issue.id} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="details">
          <IssueForm issue={issue} etag={query.data.etag} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

interface Values {
  title: string;
  description: string;
  family: Family;
  kind: Kind | null;
  status: Schemas["CareerIssueStatus"];
  start_date: string | null;
  target_date: string | null;
}
const FIELDS = ["title", "description", "family", "kind", "status", "start_date", "target_date"] as const;

function toValues(issue: Issue): Values {
  return {
    title: issue.title,
    description: issue.description ?? "",
    family: issue.family,
    kind: issue.kind,
    status: issue.status,
    start_date: issue.start_date,
    target_date: issue.target_date,
  };
}

function IssueForm({ issue, etag: initialEtag }: { issue: Issue; etag: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [etag, setEtag] = useState(initialEtag);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({ initialValues: toValues(issue) });

  // biome-ignore lint/correctness/useExhaustiveDependencies: take the server's version only when the form is clean
  useEffect(() => {
    if (!form.isDirty()) {
      form.setValues(toValues(issue));
      form.resetDirty(toValues(issue));
      setEtag(initialEtag);
    }
  }, [issue, initialEtag]);

  async function save(values: Values) {
    try {
      const answer = await okWithEtag(
        api.PATCH("/api/v1/career-issues/{career_issue_id}", {
          params: { path: { career_issue_id: issue.id } },
          body: {
            title: values.title,
            description: values.description.trim() || null,
            family: values.family,
            kind: values.kind,
            status: values.status,
            start_date: values.start_date || null,
            target_date: values.target_date || null,
          },
          headers: etag ? { "If-Match": etag } : {},
        }),
      );
      setConflict(false);
      setEtag(answer.etag);
      form.resetDirty(toValues(answer.data));
      queryClient.setQueryData(["career-issue", issue.id], answer);
      void queryClient.invalidateQueries({ queryKey: ["career-issues"] });
      notifications.show({ color: "green", message: t("common.saved") });
    } catch (error) {
      if (error instanceof ApiError || error instanceof TypeError) {
        if (applyProblem(form, error, FIELDS)) setConflict(true);
      }
    }
  }

  async function reloadLatest() {
    const typed = form.getValues();
    const latest = await queryClient.fetchQuery({ ...issueQuery(issue.id), staleTime: 0 });
    const fresh = toValues(latest.data);
    // Keep the fields the user changed; take everything else from the latest version.
    const merged = { ...fresh };
    for (const key of FIELDS) {
      if (form.isDirty(key)) Object.assign(merged, { [key]: typed[key] });
    }
    setEtag(latest.etag);
    form.setValues(merged);
    form.resetDirty(fresh);
    setConflict(false);
  }

  return (
    <Paper withBorder p="md" maw={800}>
      <form onSubmit={form.onSubmit(save)} noValidate>
        <Stack>
          {conflict && <ConflictAlert onReload={reloadLatest} />}
          <TextInput label={t("careerIssues.issueTitle")} required {...form.getInputProps("title")} />
          <Group grow align="flex-start">
            <Select
              label={t("careerIssues.family")}
              data={FAMILIES.map((f) => ({ value: f, label: t(`careerIssues.families.${f}`) }))}
              allowDeselect={false}
              {...form.getInputProps("family")}
              onChange={(v) => {
                form.setFieldValue("family", (v as Family) ?? issue.family);
                form.setFieldValue("kind", null);
              }}
            />
            <Select
              label={t("careerIssues.kind")}
              required
              data={KINDS_BY_FAMILY[form.values.family].map((k) => ({
                value: k,
                label: t(`careerIssues.kinds.${k}`),
              }))}
              {...form.getInputProps("kind")}
            />
          </Group>
          <Textarea
            label={t("careerIssues.description")}
            autosize
            minRows={3}
            {...form.getInputProps("description")}
          />
          <Group grow align="flex-start">
            <Select
              label={t("careerIssues.status")}
              data={(["draft", "active", "closed"] as const).map((s) => ({
                value: s,
                label: t(`careerIssues.statuses.${s}`),
              }))}
              allowDeselect={false}
              {...form.getInputProps("status")}
            />
            <DateField label={t("careerIssues.startDate")} {...form.getInputProps("start_date")} />
            <DateField label={t("careerIssues.targetDate")} {...form.getInputProps("target_date")} />
          </Group>
          <Text size="xs" c="dimmed">
            v{issue.version}
          </Text>
          <Group>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

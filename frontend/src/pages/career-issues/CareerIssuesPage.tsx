/** HR: career issues grouped by the three families of table 1.2; a new one's kind list follows its family. */
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { DateField } from "../../components/DateField";
import { AnchorLink } from "../../components/links";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { FAMILIES, type Family, KINDS_BY_FAMILY, type Kind } from "../../lib/domain";
import { formatDate } from "../../lib/format";
import { applyProblem } from "../../lib/problem";

type Issue = Schemas["CareerIssuePublic"];

export const ISSUE_STATUS_COLOR = { draft: "gray", active: "blue", closed: "dark" } as const;

export function CareerIssuesPage() {
  const { t } = useTranslation();
  const { organisationId } = useSession();
  const [opened, { open, close }] = useDisclosure(false);
  const query = useQuery({
    queryKey: ["career-issues", organisationId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/career-issues", {
          params: {
            query: { organisation_id: organisationId ?? undefined, limit: 200, sort: "-created_at" },
          },
        }),
      ),
    enabled: organisationId !== null,
  });

  return (
    <>
      <PageHeader
        title={t("careerIssues.title")}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
            {t("careerIssues.new")}
          </Button>
        }
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Stack gap="xl">
          {FAMILIES.map((family) => {
            const issues = query.data.items.filter((i) => i.family === family);
            return (
              <section key={family} aria-labelledby={`family-${family}`}>
                <Title order={2} size="h3" id={`family-${family}`} mb="sm">
                  {t(`careerIssues.families.${family}`)}
                </Title>
                {issues.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t("careerIssues.empty")}
                  </Text>
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                    {issues.map((issue) => (
                      <IssueCard key={issue.id} issue={issue} />
                    ))}
                  </SimpleGrid>
                )}
              </section>
            );
          })}
          {query.data.items.length === 0 && <Empty />}
        </Stack>
      )}
      <Modal opened={opened} onClose={close} title={t("careerIssues.new")} size="lg">
        {organisationId && <NewIssueForm organisationId={organisationId} onDone={close} />}
      </Modal>
    </>
  );
}

function IssueCard({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid="career-issue-card">
      <Group justify="space-between" mb={4} wrap="nowrap">
        <AnchorLink to="/career-issues/$careerIssueId" params={{ careerIssueId: issue.id }} fw={600}>
          {issue.title}
        </AnchorLink>
        <Badge color={ISSUE_STATUS_COLOR[issue.status]} variant="light" style={{ flexShrink: 0 }}>
          {t(`careerIssues.statuses.${issue.status}`)}
        </Badge>
      </Group>
      <Text size="sm">{t(`careerIssues.kinds.${issue.kind}`)}</Text>
      <Text size="xs" c="dimmed">
        {formatDate(issue.start_date)} – {formatDate(issue.target_date)}
      </Text>
    </Card>
  );
}

interface NewValues {
  title: string;
  description: string;
  family: Family;
  kind: Kind | null;
  status: Schemas["CareerIssueStatus"];
  start_date: string | null;
  target_date: string | null;
}
const NEW_FIELDS = ["title", "description", "family", "kind", "status", "start_date", "target_date"] as const;

function NewIssueForm({ organisationId, onDone }: { organisationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<NewValues>({
    initialValues: {
      title: "",
      description: "",
      family: "reorganisation",
      kind: null,
      status: "active",
      start_date: null,
      target_date: null,
    },
    validate: {
      title: (v) => (v.trim() ? null : t("common.required")),
      kind: (v) => (v ? null : t("common.required")),
    },
  });
  const family = form.values.family;

  async function submit(values: NewValues) {
    try {
      const issue = await ok(
        api.POST("/api/v1/career-issues", {
          body: {
            organisation_id: organisationId,
            title: values.title,
            description: values.description.trim() || null,
            family: values.family,
            kind: values.kind as Kind,
            status: values.status,
            start_date: values.start_date || null,
            target_date: values.target_date || null,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ["career-issues"] });
      onDone();
      await navigate({ to: "/career-issues/$careerIssueId", params: { careerIssueId: issue.id } });
    } catch (error) {
      if (error instanceof ApiError || error instanceof TypeError) applyProblem(form, error, NEW_FIELDS);
    }
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <TextInput
          label={t("careerIssues.issueTitle")}
          required
          data-autofocus
          {...form.getInputProps("title")}
        />
        <Group grow align="flex-start">
          <Select
            label={t("careerIssues.family")}
            data={FAMILIES.map((f) => ({ value: f, label: t(`careerIssues.families.${f}`) }))}
            allowDeselect={false}
            {...form.getInputProps("family")}
            onChange={(v) => {
              form.setFieldValue("family", (v as Family) ?? "reorganisation");
              form.setFieldValue("kind", null);
            }}
          />
          <Select
            label={t("careerIssues.kind")}
            required
            data={KINDS_BY_FAMILY[family].map((k) => ({ value: k, label: t(`careerIssues.kinds.${k}`) }))}
            {...form.getInputProps("kind")}
          />
        </Group>
        <Textarea
          label={t("careerIssues.description")}
          autosize
          minRows={2}
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The client's own page: their trajectory (facts), the agreement, the summaries the coach shared with
 * them, the action plan, the closing report to approve or return, consent management, and "what my
 * organisation sees" (the API's as-organisation view, the same rule HR's requests go through).
 *
 * `GET /me` says nothing client-specific (memberships only), so a client is recognised by having
 * trajectories in `GET /trajectories` (which lists only their own) and no memberships.
 */
import { Badge, Group, Paper, Select, SimpleGrid, Stack, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { PHASE_COLOR } from "../../lib/domain";
import { formatDate, formatNumber } from "../../lib/format";
import { ActionPlanPanel } from "../coaching/ActionPlanPanel";
import { asOrganisationQuery, coachingQuery, type TrajectoryView } from "../coaching/api";
import { formatSessionStart } from "../coaching/format";
import { OrganisationView } from "../coaching/OrganisationView";
import { ClosingReportApproval } from "./ClosingReportApproval";
import { ConsentPanel } from "./ConsentPanel";

const route = getRouteApi("/_auth/client");
const TABS = ["overview", "summaries", "actionPlan", "closingReport", "consent", "organisation"] as const;
type Tab = (typeof TABS)[number];

function isClientTab(value: unknown): value is Tab {
  return typeof value === "string" && (TABS as readonly string[]).includes(value);
}

export function ClientHomePage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ["trajectories", "mine"],
    queryFn: () => ok(api.GET("/api/v1/trajectories", { params: { query: { limit: 50 } } })),
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const items = list.data.items;
  if (items.length === 0) {
    return (
      <>
        <PageHeader title={t("client.title")} />
        <Empty>{t("client.none")}</Empty>
      </>
    );
  }
  const chosen = items.find((i) => i.id === search.trajectory) ?? items[0];
  if (!chosen) return null;
  const go = (next: { trajectory?: string; tab?: Tab }) =>
    void navigate({ to: "/client", search: { ...search, ...next }, replace: true });

  return (
    <>
      <PageHeader
        title={t("client.title")}
        actions={
          items.length > 1 && (
            <Select
              aria-label={t("client.choose")}
              data={items.map((i) => ({
                value: i.id,
                label: `${t(`trajectories.coachingTypes.${i.coaching_type}`)} · ${formatDate(i.start_date ?? i.created_at)}`,
              }))}
              value={chosen.id}
              allowDeselect={false}
              onChange={(v) => v && go({ trajectory: v })}
            />
          )
        }
      />
      <ClientTrajectory
        key={chosen.id}
        trajectoryId={chosen.id}
        coachName={chosen.coach.full_name}
        tab={search.tab ?? "overview"}
        onTab={(tab) => go({ tab })}
      />
    </>
  );
}

function ClientTrajectory({
  trajectoryId,
  coachName,
  tab,
  onTab,
}: {
  trajectoryId: string;
  coachName: string;
  tab: Tab;
  onTab: (tab: Tab) => void;
}) {
  const { t } = useTranslation();
  const query = useQuery(coachingQuery(trajectoryId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const view = query.data;
  return (
    <Tabs value={tab} onChange={(v) => isClientTab(v) && onTab(v)} keepMounted={false}>
      <Tabs.List aria-label={t("client.title")}>
        {TABS.map((key) => (
          <Tabs.Tab key={key} value={key}>
            {t(`client.tabs.${key}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="overview" pt="md">
        <Overview view={view} coachName={coachName} />
      </Tabs.Panel>
      <Tabs.Panel value="summaries" pt="md">
        <Summaries view={view} />
      </Tabs.Panel>
      <Tabs.Panel value="actionPlan" pt="md">
        <ActionPlanPanel view={view} editor="client" />
      </Tabs.Panel>
      <Tabs.Panel value="closingReport" pt="md">
        <ClosingReportApproval
          key={view.closing_report?.version ?? 0}
          trajectoryId={trajectoryId}
          report={view.closing_report ?? null}
        />
      </Tabs.Panel>
      <Tabs.Panel value="consent" pt="md">
        <ConsentPanel trajectoryId={trajectoryId} shareable={view.agreement?.shareable_items ?? []} />
      </Tabs.Panel>
      <Tabs.Panel value="organisation" pt="md">
        <AsOrganisation trajectoryId={trajectoryId} />
      </Tabs.Panel>
    </Tabs>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={160} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

function Overview({ view, coachName }: { view: TrajectoryView; coachName: string }) {
  const { t } = useTranslation();
  const tr = view.trajectory;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Fact label={t("trajectories.coach")}>{coachName}</Fact>
          <Fact label={t("trajectories.phase")}>
            <Badge color={PHASE_COLOR[tr.phase]}>{t(`trajectories.phases.${tr.phase}`)}</Badge>
          </Fact>
          <Fact label={t("trajectories.status")}>{t(`trajectories.statuses.${tr.status}`)}</Fact>
          <Fact label={t("trajectories.coachingType")}>
            {t(`trajectories.coachingTypes.${tr.coaching_type}`)}
          </Fact>
          <Fact label={t("trajectories.startDate")}>{formatDate(tr.start_date)}</Fact>
          <Fact label={t("trajectories.endDate")}>{formatDate(tr.end_date ?? tr.closed_at)}</Fact>
          <Fact label={t("coaching.sessions.usedHours")}>
            {formatNumber(view.used_hours, 1)} / {formatNumber(tr.planned_hours, 1)}
          </Fact>
          {tr.outcome && (
            <Fact label={t("trajectories.outcome")}>{t(`trajectories.outcomes.${tr.outcome}`)}</Fact>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="agreement-title">
        <Title order={2} size="h4" id="agreement-title" mb="xs">
          {t("client.agreementTitle")}
        </Title>
        {view.agreement ? (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t("coaching.agreement.goals")}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {view.agreement.goals ?? "—"}
            </Text>
            <Text size="sm">
              {t("coaching.agreement.plannedHours")}: {formatNumber(view.agreement.planned_hours, 1)}
            </Text>
            <Text size="sm" fw={500}>
              {t("coaching.agreement.shareable")}
            </Text>
            <Group gap="xs">
              {view.agreement.shareable_items.length === 0
                ? "—"
                : view.agreement.shareable_items.map((i) => (
                    <Badge key={i} variant="light">
                      {t(`coaching.agreement.items.${i}`)}
                    </Badge>
                  ))}
            </Group>
            <Text size="xs" c="dimmed">
              {t("coaching.agreement.alwaysVisible")} {t("coaching.agreement.neverVisible")}
            </Text>
          </Stack>
        ) : (
          <Text c="dimmed" size="sm">
            {t("client.noAgreement")}
          </Text>
        )}
      </Paper>
    </SimpleGrid>
  );
}

function Summaries({ view }: { view: TrajectoryView }) {
  const { t } = useTranslation();
  const sessions = [...view.sessions].sort((a, b) => b.starts_at.localeCompare(a.starts_at));
  if (sessions.length === 0) return <Empty>{t("coaching.sessions.empty")}</Empty>;
  return (
    <Stack gap="sm">
      {sessions.map((s) => (
        <Paper key={s.id} withBorder p="md">
          <Text size="xs" c="dimmed">
            {formatSessionStart(s)} · {s.duration_minutes} min · {t(`coaching.sessions.modes.${s.mode}`)}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} c={s.summary ? undefined : "dimmed"}>
            {s.summary ?? t("client.noSummaries")}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

function AsOrganisation({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const query = useQuery(asOrganisationQuery(trajectoryId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t("coaching.organisationView.intro")}
      </Text>
      <OrganisationView view={query.data} />
    </Stack>
  );
}

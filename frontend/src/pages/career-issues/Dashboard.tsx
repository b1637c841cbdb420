/**
 * The programme dashboard of a career issue: key figures, trajectories by phase and by status, outcomes,
 * and the same per coach. Every chart has its numbers in a table next to it (screen readers, tests).
 */
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, ok, type Schemas } from "../../api/client";
import { ScrollTable } from "../../components/ScrollTable";
import { Empty, ErrorState, Loading } from "../../components/states";
import { OUTCOMES, PHASES, TRAJECTORY_STATUSES } from "../../lib/domain";
import { formatNumber, formatPercent } from "../../lib/format";

type Figures = Schemas["CareerIssueDashboard"];

export function Dashboard({ careerIssueId }: { careerIssueId: string }) {
  const query = useQuery({
    queryKey: ["dashboard", careerIssueId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/career-issues/{career_issue_id}/dashboard", {
          params: { path: { career_issue_id: careerIssueId } },
        }),
      ),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return <DashboardFigures figures={query.data} />;
}

function Kpi({
  label,
  value,
  help,
  testId,
}: {
  label: string;
  value: string;
  help?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed" id={`${testId}-label`}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId} aria-labelledby={`${testId}-label`}>
        {value}
      </Text>
      {help && (
        <Text size="xs" c="dimmed">
          {help}
        </Text>
      )}
    </Paper>
  );
}

export function DashboardFigures({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const phaseData = PHASES.map((p) => ({
    phase: t(`trajectories.phases.${p}`),
    count: figures.by_phase[p] ?? 0,
    key: p,
  }));
  const statusData = TRAJECTORY_STATUSES.map((s) => ({
    status: t(`trajectories.statuses.${s}`),
    count: figures.by_status[s] ?? 0,
  }));
  const outcomeData = OUTCOMES.map((o) => ({
    outcome: t(`trajectories.outcomes.${o}`),
    count: figures.outcomes[o] ?? 0,
  })).filter((o) => o.count > 0);
  const days = figures.median_days_to_close;

  return (
    <Stack gap="lg" data-testid="dashboard">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        <Kpi
          testId="kpi-affected"
          label={t("dashboard.affected")}
          value={formatNumber(figures.affected_employees)}
        />
        <Kpi
          testId="kpi-trajectories"
          label={t("dashboard.trajectories")}
          value={formatNumber(figures.trajectories)}
        />
        <Kpi
          testId="kpi-placement"
          label={t("dashboard.placementRate")}
          value={formatPercent(figures.placement_rate)}
          help={t("dashboard.placementHelp")}
        />
        <Kpi
          testId="kpi-median"
          label={t("dashboard.medianDays")}
          value={days === null ? "—" : t("dashboard.days", { value: formatNumber(days, 1) })}
        />
        <Kpi
          testId="kpi-hours"
          label={t("dashboard.plannedHours")}
          value={formatNumber(figures.planned_hours, 1)}
          help={t("dashboard.usedHours", { value: formatNumber(figures.used_hours, 1) })}
        />
      </SimpleGrid>
      {figures.trajectories === 0 ? (
        <Empty>{t("dashboard.noData")}</Empty>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {t("dashboard.byPhase")}
              </Title>
              <div aria-hidden>
                <BarChart
                  h={220}
                  data={phaseData}
                  dataKey="phase"
                  series={[{ name: "count", label: t("dashboard.trajectories"), color: "blue.7" }]}
                  tickLine="y"
                  withTooltip={false}
                />
              </div>
              <FigureTable
                testId="by-phase"
                caption={t("dashboard.byPhase")}
                head={[t("trajectories.phase"), t("dashboard.trajectories")]}
                rows={phaseData.map((p) => [p.phase, p.count])}
              />
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {t("dashboard.outcomes")}
              </Title>
              {outcomeData.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t("common.none")}
                </Text>
              ) : (
                <div aria-hidden>
                  <BarChart
                    h={220}
                    data={outcomeData}
                    dataKey="outcome"
                    orientation="vertical"
                    yAxisProps={{ width: 140 }}
                    series={[{ name: "count", label: t("dashboard.trajectories"), color: "teal.8" }]}
                    withTooltip={false}
                  />
                </div>
              )}
              <FigureTable
                testId="outcomes"
                caption={t("dashboard.outcomes")}
                head={[t("trajectories.outcome"), t("dashboard.trajectories")]}
                rows={outcomeData.map((o) => [o.outcome, o.count])}
              />
              <FigureTable
                testId="by-status"
                caption={t("dashboard.byStatus")}
                head={[t("trajectories.status"), t("dashboard.trajectories")]}
                rows={statusData.map((s) => [s.status, s.count])}
              />
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t("dashboard.perCoach")}
            </Title>
            <ScrollTable label={t("dashboard.perCoach")} minWidth={600}>
              <Table striped data-testid="per-coach">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("dashboard.coach")}</Table.Th>
                    <Table.Th scope="col">{t("dashboard.trajectories")}</Table.Th>
                    <Table.Th scope="col">{t("dashboard.open")}</Table.Th>
                    <Table.Th scope="col">{t("dashboard.closed")}</Table.Th>
                    <Table.Th scope="col">{t("dashboard.placementRate")}</Table.Th>
                    <Table.Th scope="col">{t("dashboard.medianDays")}</Table.Th>
                    <Table.Th scope="col">{t("dashboard.plannedHours")}</Table.Th>
                    <Table.Th scope="col">{t("dashboard.usedHoursColumn")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {figures.per_coach.map((c) => (
                    <Table.Tr key={c.coach_id}>
                      <Table.Th scope="row">{c.coach_name}</Table.Th>
                      <Table.Td>{formatNumber(c.trajectories)}</Table.Td>
                      <Table.Td>{formatNumber(c.trajectories - c.closed)}</Table.Td>
                      <Table.Td>{formatNumber(c.closed)}</Table.Td>
                      <Table.Td>{formatPercent(c.placement_rate)}</Table.Td>
                      <Table.Td>
                        {c.median_days_to_close === null ? "—" : formatNumber(c.median_days_to_close, 1)}
                      </Table.Td>
                      <Table.Td>{formatNumber(c.planned_hours, 1)}</Table.Td>
                      <Table.Td>{formatNumber(c.used_hours, 1)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Paper>
        </>
      )}
    </Stack>
  );
}

function FigureTable({
  caption,
  head,
  rows,
  testId,
}: {
  caption: string;
  head: [string, string];
  rows: [string, number][];
  testId: string;
}) {
  if (rows.length === 0) return null;
  return (
    <Table fz="sm" mt="sm" data-testid={testId} withRowBorders={false} captionSide="top">
      <caption style={{ textAlign: "left", fontWeight: 500 }}>{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{head[0]}</Table.Th>
          <Table.Th scope="col" ta="right">
            {head[1]}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, count]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={400}>
              {label}
            </Table.Th>
            <Table.Td ta="right">{formatNumber(count)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** HR: the trajectories of a career issue — client, coach, phase, status, outcome (no session content). */
import { Badge, Button, Group, Select, Table } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { AnchorLink } from "../../components/links";
import { ScrollTable } from "../../components/ScrollTable";
import { Empty, ErrorState, Loading } from "../../components/states";
import {
  PHASE_COLOR,
  PHASES,
  type Phase,
  TRAJECTORY_STATUSES,
  type TrajectoryStatus,
} from "../../lib/domain";
import { formatDate, formatNumber, personName } from "../../lib/format";

export function IssueTrajectories({ careerIssueId }: { careerIssueId: string }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase | null>(null);
  const [status, setStatus] = useState<TrajectoryStatus | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    queryKey: ["trajectories", "issue", careerIssueId, phase, status, cursor],
    queryFn: () =>
      ok(
        api.GET("/api/v1/trajectories", {
          params: {
            query: {
              career_issue_id: careerIssueId,
              phase: phase ?? undefined,
              status: status ?? undefined,
              sort: "client_name",
              limit: 50,
              cursor: cursor ?? undefined,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Group mb="md" align="flex-end">
        <Select
          label={t("trajectories.phase")}
          data={PHASES.map((p) => ({ value: p, label: t(`trajectories.phases.${p}`) }))}
          value={phase}
          onChange={(v) => {
            setPhase(v as Phase | null);
            setCursors([null]);
          }}
          clearable
          placeholder={t("common.all")}
        />
        <Select
          label={t("trajectories.status")}
          data={TRAJECTORY_STATUSES.map((s) => ({ value: s, label: t(`trajectories.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as TrajectoryStatus | null);
            setCursors([null]);
          }}
          clearable
          placeholder={t("common.all")}
        />
      </Group>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{t("dashboard.noData")}</Empty>
      ) : (
        <>
          <ScrollTable label={t("careerIssues.tabs.trajectories")} minWidth={700}>
            <Table striped data-testid="issue-trajectories">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("trajectories.client")}</Table.Th>
                  <Table.Th scope="col">{t("trajectories.coach")}</Table.Th>
                  <Table.Th scope="col">{t("trajectories.phase")}</Table.Th>
                  <Table.Th scope="col">{t("trajectories.status")}</Table.Th>
                  <Table.Th scope="col">{t("trajectories.outcome")}</Table.Th>
                  <Table.Th scope="col">{t("trajectories.plannedHours")}</Table.Th>
                  <Table.Th scope="col">{t("trajectories.startDate")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((tr) => (
                  <Table.Tr key={tr.id}>
                    <Table.Td>
                      <AnchorLink to="/trajectories/$trajectoryId" params={{ trajectoryId: tr.id }}>
                        {personName(tr.client)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{tr.coach.full_name}</Table.Td>
                    <Table.Td>
                      <Badge color={PHASE_COLOR[tr.phase]} variant="light">
                        {t(`trajectories.phases.${tr.phase}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t(`trajectories.statuses.${tr.status}`)}</Table.Td>
                    <Table.Td>{tr.outcome ? t(`trajectories.outcomes.${tr.outcome}`) : "—"}</Table.Td>
                    <Table.Td>{formatNumber(tr.planned_hours, 1)}</Table.Td>
                    <Table.Td>{formatDate(tr.start_date)}</Table.Td>
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
    </>
  );
}

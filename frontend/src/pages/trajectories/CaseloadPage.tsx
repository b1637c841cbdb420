/** Coach: "my caseload" — every trajectory they coach, across organisations. */
import { Badge, Group, SegmentedControl, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth/session";
import { AnchorLink, ButtonLink } from "../../components/links";
import { ScrollTable } from "../../components/ScrollTable";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { PHASE_COLOR } from "../../lib/domain";
import { formatDate, personName } from "../../lib/format";
import { useCaseload } from "./useTrajectories";

export function CaseloadPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [show, setShow] = useState<"open" | "closed" | "all">("open");
  const query = useCaseload(me.id);
  const orgName = new Map(me.memberships.map((m) => [m.organisation_id, m.organisation_name]));

  const items = (query.data ?? []).filter((tr) =>
    show === "all" ? true : show === "open" ? tr.status !== "closed" : tr.status === "closed",
  );

  return (
    <>
      <PageHeader
        title={t("trajectories.caseload")}
        actions={
          <ButtonLink to="/board" variant="light">
            {t("trajectories.board")}
          </ButtonLink>
        }
      />
      <Group mb="md">
        <SegmentedControl
          aria-label={t("trajectories.status")}
          value={show}
          onChange={(v) => setShow(v as typeof show)}
          data={[
            { value: "open", label: t("dashboard.open") },
            { value: "closed", label: t("dashboard.closed") },
            { value: "all", label: t("common.all") },
          ]}
        />
      </Group>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t("trajectories.empty")}</Empty>
      ) : (
        <ScrollTable label={t("trajectories.caseload")} minWidth={700}>
          <Table striped highlightOnHover data-testid="caseload">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("trajectories.client")}</Table.Th>
                <Table.Th scope="col">{t("trajectories.organisation")}</Table.Th>
                <Table.Th scope="col">{t("trajectories.coachingType")}</Table.Th>
                <Table.Th scope="col">{t("trajectories.phase")}</Table.Th>
                <Table.Th scope="col">{t("trajectories.status")}</Table.Th>
                <Table.Th scope="col">{t("trajectories.startDate")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((tr) => (
                <Table.Tr key={tr.id}>
                  <Table.Td>
                    <AnchorLink to="/trajectories/$trajectoryId" params={{ trajectoryId: tr.id }}>
                      {personName(tr.client)}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{orgName.get(tr.organisation_id) ?? "—"}</Table.Td>
                  <Table.Td>{t(`trajectories.coachingTypes.${tr.coaching_type}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={PHASE_COLOR[tr.phase]} variant="light">
                      {t(`trajectories.phases.${tr.phase}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {t(`trajectories.statuses.${tr.status}`)}
                    {tr.outcome && (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        ({t(`trajectories.outcomes.${tr.outcome}`)})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(tr.start_date)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </>
  );
}

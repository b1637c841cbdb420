/**
 * A trajectory as the organisation's HR sees it (`TrajectoryView` with `as_role` hr or admin): the facts,
 * the agreement, and only what the client consented to share. Used on HR's trajectory page and on the
 * client's "what my organisation sees" tab (the same rendering of the same visibility rule).
 */
import { Badge, Group, List, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format";
import type { TrajectoryView } from "./api";
import { formatSessionStart } from "./format";

export function OrganisationView({ view, headingLevel = 2 }: { view: TrajectoryView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const tr = view.trajectory;
  const consented = view.consent?.items ?? [];
  const shared = (view.agreement?.shareable_items ?? []).filter((i) => consented.includes(i));
  const summaries = view.sessions.filter((s) => s.summary);
  return (
    <Stack gap="md" data-testid="organisation-view">
      <Paper withBorder p="md">
        <Group gap="lg" wrap="wrap">
          <Text size="sm">
            {t("trajectories.phase")}: <strong>{t(`trajectories.phases.${tr.phase}`)}</strong>
          </Text>
          <Text size="sm">
            {t("trajectories.status")}: <strong>{t(`trajectories.statuses.${tr.status}`)}</strong>
          </Text>
          <Text size="sm">
            {t("coaching.sessions.usedHours")}: <strong>{formatNumber(view.used_hours, 1)}</strong>
            {" / "}
            {formatNumber(tr.planned_hours, 1)}
          </Text>
          {tr.outcome && (
            <Text size="sm">
              {t("trajectories.outcome")}: <strong>{t(`trajectories.outcomes.${tr.outcome}`)}</strong>
            </Text>
          )}
        </Group>
      </Paper>
      <div>
        <Title order={headingLevel} size="h5" mb={4}>
          {t("coaching.organisationView.consented")}
        </Title>
        {shared.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("coaching.organisationView.nothingShared")}
          </Text>
        ) : (
          <Group gap="xs">
            {shared.map((i) => (
              <Badge key={i} variant="light">
                {t(`coaching.agreement.items.${i}`)}
              </Badge>
            ))}
          </Group>
        )}
      </div>
      <div>
        <Title order={headingLevel} size="h5" mb={4}>
          {t("coaching.organisationView.sessions")}
        </Title>
        {view.sessions.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("coaching.sessions.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("coaching.sessions.startsAt")}</Table.Th>
                  <Table.Th>{t("coaching.sessions.duration")}</Table.Th>
                  <Table.Th>{t("coaching.sessions.mode")}</Table.Th>
                  {summaries.length > 0 && <Table.Th>{t("coaching.organisationView.summaries")}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.sessions.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{formatSessionStart(s)}</Table.Td>
                    <Table.Td>{s.duration_minutes}</Table.Td>
                    <Table.Td>{t(`coaching.sessions.modes.${s.mode}`)}</Table.Td>
                    {summaries.length > 0 && (
                      <Table.Td data-testid="shared-summary" style={{ whiteSpace: "pre-wrap" }}>
                        {s.summary ?? "—"}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </div>
      {view.goals && (
        <div>
          <Title order={headingLevel} size="h5" mb={4}>
            {t("coaching.organisationView.goals")}
          </Title>
          {view.goals.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("coaching.goals.empty")}
            </Text>
          ) : (
            <List spacing="xs">
              {view.goals.map((g) => (
                <List.Item key={g.id}>
                  <Text size="sm">
                    {g.title} — {t(`coaching.goals.statuses.${g.status}`)}
                  </Text>
                  <Progress value={g.progress} aria-label={`${g.title}: ${g.progress}%`} w={200} />
                </List.Item>
              ))}
            </List>
          )}
        </div>
      )}
      {view.closing_report && (
        <div>
          <Title order={headingLevel} size="h5" mb={4}>
            {t("coaching.organisationView.closingReport")}
          </Title>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="shared-report">
            {view.closing_report.body}
          </Text>
        </div>
      )}
    </Stack>
  );
}

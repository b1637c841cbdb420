/** Coach: a board of their open trajectories, one column per phase (intake → aftercare). */
import { Badge, Card, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth/session";
import { AnchorLink } from "../../components/links";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { PHASES } from "../../lib/domain";
import { personName } from "../../lib/format";
import { useCaseload } from "./useTrajectories";

export function BoardPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const query = useCaseload(me.id);
  const orgName = new Map(me.memberships.map((m) => [m.organisation_id, m.organisation_name]));
  const open = (query.data ?? []).filter((tr) => tr.status !== "closed");

  return (
    <>
      <PageHeader title={t("trajectories.board")} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : open.length === 0 ? (
        <Empty>{t("trajectories.empty")}</Empty>
      ) : (
        <ScrollArea type="auto">
          <SimpleGrid cols={5} miw={900} spacing="sm" data-testid="board">
            {PHASES.map((phase) => {
              const cards = open.filter((tr) => tr.phase === phase);
              return (
                <Paper
                  key={phase}
                  withBorder
                  p="xs"
                  bg="gray.0"
                  component="section"
                  aria-labelledby={`col-${phase}`}
                >
                  <Title order={2} size="h5" id={`col-${phase}`} mb="xs">
                    {t(`trajectories.phases.${phase}`)} ({cards.length})
                  </Title>
                  <Stack gap="xs">
                    {cards.map((tr) => (
                      <Card key={tr.id} withBorder padding="xs">
                        <AnchorLink
                          to="/trajectories/$trajectoryId"
                          params={{ trajectoryId: tr.id }}
                          fw={600}
                          size="sm"
                        >
                          {personName(tr.client)}
                        </AnchorLink>
                        <Text size="xs">{orgName.get(tr.organisation_id)}</Text>
                        <Badge
                          size="xs"
                          variant="light"
                          color={tr.status === "paused" ? "orange" : "gray"}
                          mt={4}
                        >
                          {t(`trajectories.statuses.${tr.status}`)}
                        </Badge>
                      </Card>
                    ))}
                  </Stack>
                </Paper>
              );
            })}
          </SimpleGrid>
        </ScrollArea>
      )}
    </>
  );
}

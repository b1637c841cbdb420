/** A trajectory: its facts, the timeline of events, phase/status transitions with reason, closing with outcome. */
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok, okWithEtag, type Schemas } from "../../api/client";
import { ConflictAlert } from "../../components/ConflictAlert";
import { ErrorState, Loading, PageHeader } from "../../components/states";
import { PHASE_COLOR, PHASES } from "../../lib/domain";
import { formatDate, formatDateTime, formatNumber, personName } from "../../lib/format";
import { errorMessage } from "../../lib/problem";
import { CoachingPanel } from "../coaching/CoachingPanel";
import { type TransitionBody, TransitionDialog } from "./TransitionDialog";

const route = getRouteApi("/_auth/trajectories/$trajectoryId");
type Event = Schemas["TrajectoryEventItem"];

export function TrajectoryPage() {
  const { t } = useTranslation();
  const { trajectoryId } = route.useParams();
  const queryClient = useQueryClient();
  const [transitionOpen, transition] = useDisclosure(false);
  const [closeOpen, closing] = useDisclosure(false);
  const [conflict, setConflict] = useState(false);
  const query = useQuery({
    queryKey: ["trajectory", trajectoryId],
    queryFn: () =>
      okWithEtag(
        api.GET("/api/v1/trajectories/{trajectory_id}", {
          params: { path: { trajectory_id: trajectoryId } },
        }),
      ),
  });
  const events = useQuery({
    queryKey: ["trajectory-events", trajectoryId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/trajectories/{trajectory_id}/events", {
          params: { path: { trajectory_id: trajectoryId }, query: { limit: 200 } },
        }),
      ),
  });

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const tr = query.data.data;
  const etag = query.data.etag;

  async function send(body: TransitionBody) {
    try {
      await ok(
        api.POST("/api/v1/trajectories/{trajectory_id}/transitions", {
          params: { path: { trajectory_id: trajectoryId }, header: etag ? { "if-match": etag } : {} },
          body,
        }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      throw error;
    }
    notifications.show({ color: "green", message: t("trajectories.changed") });
    setConflict(false);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["trajectory", trajectoryId] }),
      queryClient.invalidateQueries({ queryKey: ["trajectory-events", trajectoryId] }),
      queryClient.invalidateQueries({ queryKey: ["trajectories"] }),
    ]);
  }

  // "Next phase": one step forward; from proposed or paused it (re)activates in the same request.
  const next = PHASES[PHASES.indexOf(tr.phase) + 1];
  const canAdvance = next !== undefined && tr.status !== "closed";
  const advance = (): TransitionBody =>
    tr.status === "active" ? { phase: next } : { status: "active", phase: next };

  return (
    <>
      <PageHeader
        title={`${t("trajectories.title")}: ${personName(tr.client)}`}
        actions={
          tr.status !== "closed" && (
            <Group gap="xs">
              {canAdvance && next && (
                <Button
                  variant="light"
                  onClick={() =>
                    send(advance()).catch((error: unknown) => {
                      if (!(error instanceof ApiError && error.status === 412)) {
                        notifications.show({ color: "red", message: errorMessage(error) });
                      }
                    })
                  }
                >
                  {t("trajectories.advance")}: {t(`trajectories.phases.${next}`)}
                </Button>
              )}
              <Button variant="default" onClick={transition.open}>
                {t("trajectories.transition")}
              </Button>
              <Button color="red" variant="outline" onClick={closing.open}>
                {t("trajectories.closeTrajectory")}
              </Button>
            </Group>
          )
        }
      />
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setConflict(false);
            void query.refetch();
            void events.refetch();
          }}
        />
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Fact label={t("trajectories.phase")}>
              <Badge color={PHASE_COLOR[tr.phase]} data-testid="trajectory-phase">
                {t(`trajectories.phases.${tr.phase}`)}
              </Badge>
            </Fact>
            <Fact label={t("trajectories.status")}>
              <span data-testid="trajectory-status">{t(`trajectories.statuses.${tr.status}`)}</span>
            </Fact>
            {tr.outcome && (
              <Fact label={t("trajectories.outcome")}>
                <span data-testid="trajectory-outcome">{t(`trajectories.outcomes.${tr.outcome}`)}</span>
              </Fact>
            )}
            <Fact label={t("trajectories.client")}>
              {personName(tr.client)} ({tr.client.employee_number}
              {tr.client.department ? `, ${tr.client.department}` : ""})
            </Fact>
            <Fact label={t("trajectories.coach")}>{tr.coach.full_name}</Fact>
            <Fact label={t("trajectories.coachingType")}>
              {t(`trajectories.coachingTypes.${tr.coaching_type}`)}
            </Fact>
            <Fact label={t("trajectories.plannedHours")}>{formatNumber(tr.planned_hours, 1)}</Fact>
            <Fact label={t("trajectories.startDate")}>{formatDate(tr.start_date)}</Fact>
            <Fact label={t("trajectories.endDate")}>{formatDate(tr.end_date ?? tr.closed_at)}</Fact>
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
          <Title order={2} size="h4" id="timeline-title" mb="sm">
            {t("trajectories.timeline")}
          </Title>
          {events.isPending ? (
            <Loading />
          ) : events.isError ? (
            <ErrorState error={events.error} onRetry={() => events.refetch()} />
          ) : events.data.items.length === 0 ? (
            <Text c="dimmed">{t("trajectories.noEvents")}</Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} data-testid="timeline" active={events.data.items.length}>
              {events.data.items.map((e) => (
                <Timeline.Item key={e.id} title={<EventTitle event={e} />}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.occurred_at)}
                    {e.actor_name ? ` · ${e.actor_name}` : ""}
                  </Text>
                  {e.reason && <Text size="sm">{e.reason}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Paper>
      </SimpleGrid>
      <CoachingPanel trajectoryId={trajectoryId} />
      <TransitionDialog
        key={`t-${tr.version}`}
        opened={transitionOpen}
        mode="transition"
        phase={tr.phase}
        status={tr.status}
        onClose={transition.close}
        onSubmit={send}
      />
      <TransitionDialog
        key={`c-${tr.version}`}
        opened={closeOpen}
        mode="close"
        phase={tr.phase}
        status={tr.status}
        onClose={closing.close}
        onSubmit={send}
      />
    </>
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

function EventTitle({ event }: { event: Event }) {
  const { t } = useTranslation();
  const label = (value: string | null): string => {
    if (!value) return "—";
    const key =
      event.field === "phase"
        ? `trajectories.phases.${value}`
        : event.field === "status"
          ? `trajectories.statuses.${value}`
          : event.field === "outcome"
            ? `trajectories.outcomes.${value}`
            : event.field === "coaching_type"
              ? `trajectories.coachingTypes.${value}`
              : null;
    return key ? t(key) : value;
  };
  return (
    <>
      {t(`trajectories.events.${event.field}`, { from: label(event.from_value), to: label(event.to_value) })}
    </>
  );
}

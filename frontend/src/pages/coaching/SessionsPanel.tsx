/**
 * The coach's sessions of a trajectory: the list, and a dialog to record or edit one — start (date, time
 * and time zone), duration, mode, private notes (clearly only for the coach), a summary for the client,
 * instruments. Edits send `If-Match` with the version read; a 412 keeps what was typed and offers a reload.
 */
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconLock } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok } from "../../api/client";
import { ConflictAlert } from "../../components/ConflictAlert";
import { Empty } from "../../components/states";
import { formatNumber } from "../../lib/format";
import { applyProblem } from "../../lib/problem";
import {
  type CoachingSession,
  catalogueGroups,
  cataloguesQuery,
  ifMatch,
  type TrajectoryView,
  useRefreshCoaching,
} from "./api";
import { browserTimeZone, formatSessionStart, localInputValue, timeZones, zonedIso } from "./format";

const MODES = ["in_person", "video", "phone"] as const;
type Mode = (typeof MODES)[number];

interface Values {
  starts_at: string;
  time_zone: string;
  duration_minutes: number | string;
  mode: Mode;
  private_notes: string;
  summary: string;
  instrument_ids: string[];
}

export function SessionsPanel({ view }: { view: TrajectoryView }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<CoachingSession | "new" | null>(null);
  const refresh = useRefreshCoaching(view.trajectory.id);
  const sessions = [...view.sessions].sort((a, b) => b.starts_at.localeCompare(a.starts_at));

  async function remove(s: CoachingSession) {
    if (!window.confirm(t("coaching.sessions.confirmDelete"))) return;
    try {
      await ok(
        api.DELETE("/api/v1/trajectories/{trajectory_id}/sessions/{session_id}", {
          params: { path: { trajectory_id: view.trajectory.id, session_id: s.id } },
        }),
      );
      notifications.show({ color: "green", message: t("coaching.sessions.deleted") });
      await refresh();
    } catch (error) {
      applyProblem({ setFieldError: () => undefined }, error, []);
    }
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm">
          {t("coaching.sessions.usedHours")}: <strong>{formatNumber(view.used_hours, 1)}</strong> /{" "}
          {formatNumber(view.trajectory.planned_hours, 1)}
        </Text>
        <Button onClick={() => setEditing("new")}>{t("coaching.sessions.new")}</Button>
      </Group>
      {sessions.length === 0 ? (
        <Empty>{t("coaching.sessions.empty")}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("coaching.sessions.startsAt")}</Table.Th>
                <Table.Th>{t("coaching.sessions.duration")}</Table.Th>
                <Table.Th>{t("coaching.sessions.mode")}</Table.Th>
                <Table.Th>{t("coaching.sessions.summary")}</Table.Th>
                <Table.Th>{t("coaching.sessions.privateNotes")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatSessionStart(s)}</Table.Td>
                  <Table.Td>{s.duration_minutes}</Table.Td>
                  <Table.Td>{t(`coaching.sessions.modes.${s.mode}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap", maxWidth: 320 }}>{s.summary ?? "—"}</Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap", maxWidth: 320 }}>
                    {s.private_notes ? (
                      <Stack gap={2}>
                        <Badge color="grape" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
                          {t("coaching.onlyForYou")}
                        </Badge>
                        <Text size="sm">{s.private_notes}</Text>
                      </Stack>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => setEditing(s)}>
                        {t("common.edit")}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => remove(s)}>
                        {t("common.remove")}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("coaching.sessions.new") : t("coaching.sessions.edit")}
        size="lg"
      >
        {editing !== null && (
          <SessionForm
            key={editing === "new" ? "new" : `${editing.id}-${editing.version}`}
            trajectoryId={view.trajectory.id}
            session={editing === "new" ? null : editing}
            onDone={async () => {
              setEditing(null);
              await refresh();
            }}
            onReload={async () => {
              await refresh();
              setEditing(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function SessionForm({
  trajectoryId,
  session,
  onDone,
  onReload,
}: {
  trajectoryId: string;
  session: CoachingSession | null;
  onDone: () => Promise<void>;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const catalogues = useQuery(cataloguesQuery);
  const zone = session?.time_zone ?? browserTimeZone();
  const form = useForm<Values>({
    initialValues: {
      starts_at: session ? localInputValue(session.local_start) : "",
      time_zone: zone,
      duration_minutes: session?.duration_minutes ?? 60,
      mode: session?.mode ?? "in_person",
      private_notes: session?.private_notes ?? "",
      summary: session?.summary ?? "",
      instrument_ids: session?.instrument_ids ?? [],
    },
    validate: {
      starts_at: (v) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? null : t("common.required")),
      time_zone: (v) => (v ? null : t("common.required")),
      duration_minutes: (v) => (Number(v) >= 5 && Number(v) <= 480 ? null : "5–480"),
    },
  });
  const zones = timeZones();
  const zoneOptions = zones.includes(zone) ? zones : [zone, ...zones];

  async function submit(values: Values) {
    setBusy(true);
    const offsetZone = /^[+-]\d{2}:\d{2}$/.test(values.time_zone);
    const body = {
      starts_at: offsetZone
        ? `${values.starts_at}:00${values.time_zone}`
        : zonedIso(values.starts_at, values.time_zone),
      time_zone: values.time_zone,
      duration_minutes: Number(values.duration_minutes),
      mode: values.mode,
      private_notes: values.private_notes.trim() || null,
      summary: values.summary.trim() || null,
      instrument_ids: values.instrument_ids,
    };
    try {
      if (session) {
        await ok(
          api.PATCH("/api/v1/trajectories/{trajectory_id}/sessions/{session_id}", {
            params: {
              path: { trajectory_id: trajectoryId, session_id: session.id },
              header: ifMatch(session.version),
            },
            body,
          }),
        );
      } else {
        await ok(
          api.POST("/api/v1/trajectories/{trajectory_id}/sessions", {
            params: { path: { trajectory_id: trajectoryId } },
            body,
          }),
        );
      }
      notifications.show({ color: "green", message: t("common.saved") });
      await onDone();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else applyProblem(form, error, Object.keys(form.values));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        {conflict && <ConflictAlert onReload={() => void onReload()} />}
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t("coaching.sessions.startsAt")}
            required
            {...form.getInputProps("starts_at")}
          />
          <Select
            label={t("coaching.sessions.timeZone")}
            data={zoneOptions}
            searchable
            allowDeselect={false}
            required
            {...form.getInputProps("time_zone")}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t("coaching.sessions.duration")}
            min={5}
            max={480}
            step={15}
            required
            {...form.getInputProps("duration_minutes")}
          />
          <Select
            label={t("coaching.sessions.mode")}
            data={MODES.map((m) => ({ value: m, label: t(`coaching.sessions.modes.${m}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps("mode")}
          />
        </Group>
        <Textarea
          label={
            <Group gap={6} component="span">
              <IconLock size={14} aria-hidden />
              {t("coaching.sessions.privateNotes")} ({t("coaching.onlyForYou")})
            </Group>
          }
          description={t("coaching.sessions.privateNotesHelp")}
          autosize
          minRows={3}
          styles={{ input: { background: "var(--mantine-color-grape-light)" } }}
          {...form.getInputProps("private_notes")}
        />
        <Textarea
          label={t("coaching.sessions.summary")}
          description={t("coaching.sessions.summaryHelp")}
          autosize
          minRows={3}
          {...form.getInputProps("summary")}
        />
        <MultiSelect
          label={t("coaching.instruments")}
          data={catalogueGroups(catalogues.data ?? [], t)}
          searchable
          clearable
          {...form.getInputProps("instrument_ids")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

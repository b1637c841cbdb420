/**
 * The action plan: goals (status, progress, due date) with their actions (owner, due date, status). The
 * coach edits everything; the client sets the status of their own actions. Changes send `If-Match`.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok, type Schemas } from "../../api/client";
import { DateField } from "../../components/DateField";
import { Empty } from "../../components/states";
import { formatDate } from "../../lib/format";
import { applyProblem, errorMessage } from "../../lib/problem";
import { type Goal, type GoalAction, ifMatch, type TrajectoryView, useRefreshCoaching } from "./api";

type GoalStatus = Schemas["GoalStatus"];
type ActionStatus = Schemas["ActionStatus"];
type Owner = Schemas["ActionOwner"];
const GOAL_STATUSES: GoalStatus[] = ["open", "in_progress", "achieved", "dropped"];
const ACTION_STATUSES: ActionStatus[] = ["open", "done", "cancelled"];
const OWNERS: Owner[] = ["client", "coach"];

export function ActionPlanPanel({ view, editor }: { view: TrajectoryView; editor: "coach" | "client" }) {
  const { t } = useTranslation();
  const goals = view.goals ?? [];
  return (
    <Stack gap="md">
      {editor === "coach" && <NewGoal trajectoryId={view.trajectory.id} />}
      {goals.length === 0 ? (
        <Empty>{t("coaching.goals.empty")}</Empty>
      ) : (
        goals.map((g) => (
          <GoalCard key={`${g.id}-${g.version}`} trajectoryId={view.trajectory.id} goal={g} editor={editor} />
        ))
      )}
    </Stack>
  );
}

function useFailure() {
  const { t } = useTranslation();
  return (error: unknown) =>
    notifications.show({
      color: error instanceof ApiError && error.status === 412 ? "orange" : "red",
      title:
        error instanceof ApiError && error.status === 412 ? t("errors.conflictTitle") : t("common.error"),
      message: errorMessage(error),
    });
}

function GoalCard({
  trajectoryId,
  goal,
  editor,
}: {
  trajectoryId: string;
  goal: Goal;
  editor: "coach" | "client";
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCoaching(trajectoryId);
  const fail = useFailure();
  const [progress, setProgress] = useState<number | string>(goal.progress);
  const coach = editor === "coach";

  async function patchGoal(body: Schemas["GoalUpdate"]) {
    try {
      await ok(
        api.PATCH("/api/v1/trajectories/{trajectory_id}/goals/{goal_id}", {
          params: { path: { trajectory_id: trajectoryId, goal_id: goal.id }, header: ifMatch(goal.version) },
          body,
        }),
      );
    } catch (error) {
      fail(error);
    }
    await refresh();
  }

  async function removeGoal() {
    try {
      await ok(
        api.DELETE("/api/v1/trajectories/{trajectory_id}/goals/{goal_id}", {
          params: { path: { trajectory_id: trajectoryId, goal_id: goal.id } },
        }),
      );
    } catch (error) {
      fail(error);
    }
    await refresh();
  }

  async function patchAction(action: GoalAction, status: ActionStatus) {
    try {
      await ok(
        api.PATCH("/api/v1/trajectories/{trajectory_id}/actions/{action_id}", {
          params: {
            path: { trajectory_id: trajectoryId, action_id: action.id },
            header: ifMatch(action.version),
          },
          body: { status },
        }),
      );
    } catch (error) {
      fail(error);
    }
    await refresh();
  }

  return (
    <Card withBorder padding="md" component="section" aria-label={goal.title}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h5">
            {goal.title}
          </Title>
          {goal.description && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
              {goal.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t("coaching.goals.dueDate")}: {formatDate(goal.due_date)}
          </Text>
        </div>
        {coach ? (
          <Group gap="xs" align="flex-end">
            <Select
              size="xs"
              w={140}
              label={t("coaching.goals.status")}
              data={GOAL_STATUSES.map((s) => ({ value: s, label: t(`coaching.goals.statuses.${s}`) }))}
              value={goal.status}
              allowDeselect={false}
              onChange={(v) => v && void patchGoal({ status: v as GoalStatus })}
            />
            <NumberInput
              size="xs"
              w={110}
              label={t("coaching.goals.progress")}
              min={0}
              max={100}
              value={progress}
              onChange={setProgress}
              onBlur={() => {
                const n = Number(progress);
                if (n !== goal.progress && n >= 0 && n <= 100) void patchGoal({ progress: n });
              }}
            />
            <Button size="xs" variant="subtle" color="red" onClick={() => void removeGoal()}>
              {t("common.remove")}
            </Button>
          </Group>
        ) : (
          <Stack gap={2} align="flex-end">
            <Badge variant="light">{t(`coaching.goals.statuses.${goal.status}`)}</Badge>
            <Text size="xs">{goal.progress}%</Text>
          </Stack>
        )}
      </Group>
      <Text fw={500} size="sm" mt="sm">
        {t("coaching.goals.actions")}
      </Text>
      {goal.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("coaching.goals.noActions")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("coaching.goals.title")}</Table.Th>
                <Table.Th>{t("coaching.goals.owner")}</Table.Th>
                <Table.Th>{t("coaching.goals.dueDate")}</Table.Th>
                <Table.Th>{t("coaching.goals.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {goal.actions.map((a) => {
                const editable = coach || a.owner === "client";
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.title}</Table.Td>
                    <Table.Td>{t(`coaching.goals.owners.${a.owner}`)}</Table.Td>
                    <Table.Td>{formatDate(a.due_date)}</Table.Td>
                    <Table.Td>
                      {editable ? (
                        <Select
                          size="xs"
                          w={140}
                          aria-label={`${t("coaching.goals.status")}: ${a.title}`}
                          data={ACTION_STATUSES.map((s) => ({
                            value: s,
                            label: t(`coaching.goals.actionStatuses.${s}`),
                          }))}
                          value={a.status}
                          allowDeselect={false}
                          onChange={(v) => v && void patchAction(a, v as ActionStatus)}
                        />
                      ) : (
                        t(`coaching.goals.actionStatuses.${a.status}`)
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {coach && <NewAction trajectoryId={trajectoryId} goalId={goal.id} />}
    </Card>
  );
}

function NewGoal({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshCoaching(trajectoryId);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { title: "", description: "", due_date: null as string | null },
    validate: { title: (v) => (v.trim() ? null : t("common.required")) },
  });
  if (!open) {
    return (
      <Group justify="flex-end">
        <Button onClick={() => setOpen(true)}>{t("coaching.goals.new")}</Button>
      </Group>
    );
  }
  async function submit(values: { title: string; description: string; due_date: string | null }) {
    setBusy(true);
    try {
      await ok(
        api.POST("/api/v1/trajectories/{trajectory_id}/goals", {
          params: { path: { trajectory_id: trajectoryId } },
          body: {
            title: values.title.trim(),
            description: values.description.trim() || null,
            due_date: values.due_date || null,
            status: "open",
            progress: 0,
          },
        }),
      );
      form.reset();
      setOpen(false);
      await refresh();
    } catch (error) {
      applyProblem(form, error, ["title", "description", "due_date"]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="md">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <TextInput label={t("coaching.goals.title")} required {...form.getInputProps("title")} />
          <Textarea label={t("coaching.goals.description")} autosize {...form.getInputProps("description")} />
          <DateField label={t("coaching.goals.dueDate")} {...form.getInputProps("due_date")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("common.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function NewAction({ trajectoryId, goalId }: { trajectoryId: string; goalId: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshCoaching(trajectoryId);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { title: "", owner: "client" as Owner, due_date: null as string | null },
    validate: { title: (v) => (v.trim() ? null : t("common.required")) },
  });
  async function submit(values: { title: string; owner: Owner; due_date: string | null }) {
    setBusy(true);
    try {
      await ok(
        api.POST("/api/v1/trajectories/{trajectory_id}/goals/{goal_id}/actions", {
          params: { path: { trajectory_id: trajectoryId, goal_id: goalId } },
          body: {
            title: values.title.trim(),
            owner: values.owner,
            due_date: values.due_date || null,
            status: "open",
          },
        }),
      );
      form.reset();
      await refresh();
    } catch (error) {
      applyProblem(form, error, ["title", "owner", "due_date"]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Group align="flex-end" mt="sm" gap="xs" wrap="wrap">
        <TextInput
          size="xs"
          label={t("coaching.goals.newAction")}
          required
          style={{ flex: 1, minWidth: 180 }}
          {...form.getInputProps("title")}
        />
        <Select
          size="xs"
          w={120}
          label={t("coaching.goals.owner")}
          data={OWNERS.map((o) => ({ value: o, label: t(`coaching.goals.owners.${o}`) }))}
          allowDeselect={false}
          {...form.getInputProps("owner")}
        />
        <DateField
          size="xs"
          w={150}
          label={t("coaching.goals.dueDate")}
          {...form.getInputProps("due_date")}
        />
        <Button size="xs" type="submit" loading={busy}>
          {t("common.add")}
        </Button>
      </Group>
    </form>
  );
}

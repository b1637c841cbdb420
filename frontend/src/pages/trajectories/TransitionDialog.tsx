/**
 * Change a trajectory's phase and/or status with a reason, or close it with a required outcome.
 * Mirrors the backend's state machine (trajectories/states.py) so only legal moves are offered;
 * the server still decides, and its problem details land on the fields.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import {
  allowedPhases,
  isBackward,
  OUTCOMES,
  type Outcome,
  type Phase,
  STATUS_MOVES,
  type TrajectoryStatus,
} from "../../lib/domain";
import { applyProblem } from "../../lib/problem";

export type TransitionBody = Schemas["TransitionRequest"];

interface Values {
  phase: Phase | null;
  status: TrajectoryStatus | null;
  outcome: Outcome | null;
  reason: string;
}

export function TransitionDialog({
  opened,
  mode,
  phase,
  status,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  mode: "transition" | "close";
  phase: Phase;
  status: TrajectoryStatus;
  onClose: () => void;
  /** Sends the transition; throws the API error so it can land on the form. */
  onSubmit: (body: TransitionBody) => Promise<void>;
}) {
  const { t } = useTranslation();
  const closing = mode === "close";
  const form = useForm<Values>({
    initialValues: { phase: null, status: closing ? "closed" : null, outcome: null, reason: "" },
    validate: {
      outcome: (v, values) => (values.status === "closed" && !v ? t("trajectories.outcomeRequired") : null),
      reason: (v, values) =>
        values.phase && isBackward(phase, values.phase) && !v.trim() ? t("common.required") : null,
      phase: (v, values) => (!v && !values.status ? t("common.required") : null),
    },
  });
  const targetStatus = form.values.status;
  // A phase moves only while the trajectory is (or becomes) active; not together with closing or pausing.
  const phaseAllowed =
    !closing && (targetStatus === "active" || (status === "active" && targetStatus === null));
  const phaseOptions = phaseAllowed ? allowedPhases(phase) : [];
  const statusOptions = STATUS_MOVES[status].filter((s) => closing || s !== "closed");

  async function submit(values: Values) {
    const body: TransitionBody = {
      phase: phaseAllowed ? values.phase : null,
      status: values.status,
      outcome: values.status === "closed" ? values.outcome : null,
      reason: values.reason.trim() || null,
    };
    try {
      await onSubmit(body);
      form.reset();
      onClose();
    } catch (error) {
      applyProblem(form, error, ["phase", "status", "outcome", "reason"]);
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={closing ? t("trajectories.closeTrajectory") : t("trajectories.transition")}
    >
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          <Text size="sm">
            {t("trajectories.phase")}: <strong>{t(`trajectories.phases.${phase}`)}</strong> ·{" "}
            {t("trajectories.status")}: <strong>{t(`trajectories.statuses.${status}`)}</strong>
          </Text>
          {closing ? (
            <>
              <Text size="sm" c="dimmed">
                {t("trajectories.closeHelp")}
              </Text>
              <Select
                label={t("trajectories.outcome")}
                required
                data={OUTCOMES.map((o) => ({ value: o, label: t(`trajectories.outcomes.${o}`) }))}
                {...form.getInputProps("outcome")}
              />
            </>
          ) : (
            <>
              <Select
                label={t("trajectories.toStatus")}
                data={statusOptions.map((s) => ({ value: s, label: t(`trajectories.statuses.${s}`) }))}
                clearable
                {...form.getInputProps("status")}
              />
              <Select
                label={t("trajectories.toPhase")}
                data={phaseOptions.map((p) => ({ value: p, label: t(`trajectories.phases.${p}`) }))}
                clearable
                disabled={phaseOptions.length === 0}
                {...form.getInputProps("phase")}
              />
            </>
          )}
          <Textarea
            label={t("trajectories.reason")}
            description={t("trajectories.reasonHelp")}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps("reason")}
          />
          {status === "closed" && <Alert color="gray">{t("trajectories.statuses.closed")}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={form.submitting} color={closing ? "red" : undefined}>
              {closing ? t("trajectories.closeTrajectory") : t("trajectories.apply")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

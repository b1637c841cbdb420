/**
 * Referral screening (seed ch. 4): the coach records signals and a decision — continue, continue alongside
 * care, or refer (to whom, when), which pauses the trajectory or closes it with outcome `referred`.
 */
import { Alert, Button, Card, Group, Radio, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok, type Schemas } from "../../api/client";
import { DateField } from "../../components/DateField";
import { Empty } from "../../components/states";
import { formatDate, formatDateTime } from "../../lib/format";
import { applyProblem } from "../../lib/problem";
import { type TrajectoryView, useRefreshCoaching } from "./api";

type Decision = Schemas["ReferralDecision"];
type ReferralTo = Schemas["ReferralTo"];
const DECISIONS: Decision[] = ["continue", "continue_alongside_care", "refer"];
const REFERRAL_TOS: ReferralTo[] = ["gp", "psychologist", "company_doctor", "other"];

interface Values {
  signals: string;
  decision: Decision;
  referral_to: ReferralTo | null;
  referral_date: string | null;
  trajectory_action: "pause" | "close";
  notes: string;
}

export function ReferralPanel({ view }: { view: TrajectoryView }) {
  const { t } = useTranslation();
  const refresh = useRefreshCoaching(view.trajectory.id);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      signals: "",
      decision: "continue",
      referral_to: null,
      referral_date: null,
      trajectory_action: "pause",
      notes: "",
    },
    validate: {
      signals: (v) => (v.trim() ? null : t("common.required")),
      referral_to: (v, values) => (values.decision === "refer" && !v ? t("common.required") : null),
    },
  });
  const refer = form.values.decision === "refer";

  async function submit(values: Values) {
    setBusy(true);
    try {
      await ok(
        api.POST("/api/v1/trajectories/{trajectory_id}/referral-screenings", {
          params: { path: { trajectory_id: view.trajectory.id } },
          body: {
            signals: values.signals.trim(),
            decision: values.decision,
            notes: values.notes.trim() || null,
            ...(values.decision === "refer"
              ? {
                  referral_to: values.referral_to,
                  referral_date: values.referral_date || null,
                  trajectory_action: values.trajectory_action,
                }
              : {}),
          },
        }),
      );
      notifications.show({ color: "green", message: t("coaching.referral.recorded") });
      form.reset();
      await refresh();
    } catch (error) {
      applyProblem(form, error, Object.keys(form.values));
    } finally {
      setBusy(false);
    }
  }

  const screenings = view.referral_screenings ?? [];
  return (
    <Stack gap="md">
      <Alert color="grape" icon={<IconLock aria-hidden />} variant="light">
        {t("coaching.referral.intro")}
      </Alert>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <Textarea
            label={t("coaching.referral.signals")}
            required
            autosize
            minRows={3}
            {...form.getInputProps("signals")}
          />
          <Radio.Group label={t("coaching.referral.decision")} required {...form.getInputProps("decision")}>
            <Group mt={4}>
              {DECISIONS.map((d) => (
                <Radio key={d} value={d} label={t(`coaching.referral.decisions.${d}`)} />
              ))}
            </Group>
          </Radio.Group>
          {refer && (
            <Group grow align="flex-start">
              <Select
                label={t("coaching.referral.referralTo")}
                required
                data={REFERRAL_TOS.map((r) => ({ value: r, label: t(`coaching.referral.referralTos.${r}`) }))}
                {...form.getInputProps("referral_to")}
              />
              <DateField
                label={t("coaching.referral.referralDate")}
                {...form.getInputProps("referral_date")}
              />
              <Select
                label={t("coaching.referral.trajectoryAction")}
                required
                allowDeselect={false}
                data={(["pause", "close"] as const).map((a) => ({
                  value: a,
                  label: t(`coaching.referral.trajectoryActions.${a}`),
                }))}
                {...form.getInputProps("trajectory_action")}
              />
            </Group>
          )}
          <Textarea
            label={t("coaching.referral.notes")}
            autosize
            minRows={2}
            {...form.getInputProps("notes")}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t("coaching.referral.record")}
            </Button>
          </Group>
        </Stack>
      </form>
      {screenings.length === 0 ? (
        <Empty>{t("coaching.referral.empty")}</Empty>
      ) : (
        screenings.map((s) => (
          <Card key={s.id} withBorder padding="sm">
            <Text size="xs" c="dimmed">
              {formatDateTime(s.created_at)} · {t(`coaching.referral.decisions.${s.decision}`)}
              {s.referral_to ? ` · ${t(`coaching.referral.referralTos.${s.referral_to}`)}` : ""}
              {s.referral_date ? ` · ${formatDate(s.referral_date)}` : ""}
              {s.trajectory_action
                ? ` · ${t(`coaching.referral.trajectoryActions.${s.trajectory_action as "pause" | "close"}`)}`
                : ""}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {s.signals}
            </Text>
            {s.notes && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                {s.notes}
              </Text>
            )}
          </Card>
        ))
      )}
    </Stack>
  );
}

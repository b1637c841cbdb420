/**
 * The agreement between client, coach and organisation: goals, planned hours (the trajectory's), and per
 * item what the organisation may see once the client consents. Written by coach or HR (PUT, `If-Match`).
 */
import { Alert, Button, Checkbox, Group, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok } from "../../api/client";
import { ConflictAlert } from "../../components/ConflictAlert";
import { formatNumber } from "../../lib/format";
import { applyProblem } from "../../lib/problem";
import { CONSENT_ITEMS, type ConsentItem, ifMatch, type TrajectoryView, useRefreshCoaching } from "./api";

export function AgreementPanel({ view }: { view: TrajectoryView }) {
  const agreement = view.agreement;
  return <AgreementForm key={agreement?.version ?? 0} view={view} />;
}

function AgreementForm({ view }: { view: TrajectoryView }) {
  const { t } = useTranslation();
  const agreement = view.agreement;
  const refresh = useRefreshCoaching(view.trajectory.id);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const form = useForm<{ goals: string; shareable_items: ConsentItem[] }>({
    initialValues: { goals: agreement?.goals ?? "", shareable_items: agreement?.shareable_items ?? [] },
  });

  async function submit(values: { goals: string; shareable_items: ConsentItem[] }) {
    setBusy(true);
    try {
      const version = agreement?.version ?? 0;
      await ok(
        api.PUT("/api/v1/trajectories/{trajectory_id}/agreement", {
          params: {
            path: { trajectory_id: view.trajectory.id },
            header: version > 0 ? ifMatch(version) : {},
          },
          body: { goals: values.goals.trim() || null, shareable_items: values.shareable_items },
        }),
      );
      notifications.show({ color: "green", message: t("common.saved") });
      setConflict(false);
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else applyProblem(form, error, ["goals", "shareable_items"]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        {conflict && <ConflictAlert onReload={() => void refresh()} />}
        <Textarea
          label={t("coaching.agreement.goals")}
          autosize
          minRows={3}
          {...form.getInputProps("goals")}
        />
        <Text size="sm">
          {t("coaching.agreement.plannedHours")}: {formatNumber(view.trajectory.planned_hours, 1)}
        </Text>
        <Checkbox.Group label={t("coaching.agreement.shareable")} {...form.getInputProps("shareable_items")}>
          <Stack gap={6} mt={6}>
            {CONSENT_ITEMS.map((item) => (
              <Checkbox key={item} value={item} label={t(`coaching.agreement.items.${item}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Alert variant="light" color="blue">
          <Text size="sm">{t("coaching.agreement.alwaysVisible")}</Text>
          <Text size="sm">{t("coaching.agreement.neverVisible")}</Text>
        </Alert>
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

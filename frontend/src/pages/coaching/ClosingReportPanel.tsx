/**
 * The coach's closing report (eindrapportage): write the draft, submit it to the client, read the client's
 * comment when they return it, download the PDF. Locked while with the client and once approved.
 */
import { Alert, Badge, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok } from "../../api/client";
import { ConflictAlert } from "../../components/ConflictAlert";
import { formatDateTime } from "../../lib/format";
import { applyProblem, errorMessage } from "../../lib/problem";
import { downloadClosingReport, ifMatch, type TrajectoryView, useRefreshCoaching } from "./api";

const STATUS_COLOR = { draft: "gray", submitted: "blue", approved: "green", returned: "orange" } as const;

export function ClosingReportPanel({ view }: { view: TrajectoryView }) {
  return <ReportForm key={view.closing_report?.version ?? 0} view={view} />;
}

function ReportForm({ view }: { view: TrajectoryView }) {
  const { t } = useTranslation();
  const report = view.closing_report ?? null;
  const trajectoryId = view.trajectory.id;
  const refresh = useRefreshCoaching(trajectoryId);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const form = useForm({
    initialValues: { body: report?.body ?? "" },
    validate: { body: (v) => (v.trim() ? null : t("common.required")) },
  });
  const editable = !report || report.status === "draft" || report.status === "returned";

  async function save(values: { body: string }): Promise<boolean> {
    try {
      await ok(
        api.PUT("/api/v1/trajectories/{trajectory_id}/closing-report", {
          params: { path: { trajectory_id: trajectoryId }, header: report ? ifMatch(report.version) : {} },
          body: { body: values.body.trim() },
        }),
      );
      setConflict(false);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else applyProblem(form, error, ["body"]);
      return false;
    }
  }

  async function saveDraft(values: { body: string }) {
    setBusy(true);
    if (await save(values)) {
      notifications.show({ color: "green", message: t("common.saved") });
      await refresh();
    }
    setBusy(false);
  }

  async function submit() {
    const check = form.validate();
    if (check.hasErrors) return;
    setBusy(true);
    try {
      if (form.isDirty() || !report) {
        if (!(await save(form.values))) return;
      }
      await ok(
        api.POST("/api/v1/trajectories/{trajectory_id}/closing-report/submit", {
          params: { path: { trajectory_id: trajectoryId } },
        }),
      );
      notifications.show({ color: "green", message: t("coaching.report.submitted") });
      await refresh();
    } catch (error) {
      notifications.show({ color: "red", title: t("common.error"), message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function download() {
    try {
      await downloadClosingReport(trajectoryId);
    } catch (error) {
      notifications.show({ color: "red", title: t("common.error"), message: errorMessage(error) });
    }
  }

  return (
    <form onSubmit={form.onSubmit(saveDraft)} noValidate>
      <Stack gap="sm">
        {conflict && <ConflictAlert onReload={() => void refresh()} />}
        <Group gap="xs">
          <Text size="sm">{t("coaching.report.status")}:</Text>
          {report ? (
            <Badge color={STATUS_COLOR[report.status]} data-testid="report-status">
              {t(`coaching.report.statuses.${report.status}`)}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {t("coaching.report.none")}
            </Text>
          )}
          {report?.decided_at && (
            <Text size="xs" c="dimmed">
              {formatDateTime(report.decided_at)}
            </Text>
          )}
        </Group>
        {report?.status === "returned" && report.client_comment && (
          <Alert color="orange" title={t("coaching.report.clientComment")} data-testid="client-comment">
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {report.client_comment}
            </Text>
          </Alert>
        )}
        {!editable && (
          <Text size="sm" c="dimmed">
            {t("coaching.report.locked")}
          </Text>
        )}
        <Textarea
          label={t("coaching.report.body")}
          autosize
          minRows={8}
          readOnly={!editable}
          {...form.getInputProps("body")}
        />
        <Group justify="flex-end">
          {report && (
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
              {t("coaching.report.download")}
            </Button>
          )}
          {editable && (
            <>
              <Button type="submit" variant="light" loading={busy}>
                {t("coaching.report.saveDraft")}
              </Button>
              <Button onClick={() => void submit()} loading={busy}>
                {t("coaching.report.submit")}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The client's side of the closing report: read it, approve it, or return it to the coach with a comment.
 * Only an approved report can ever reach the organisation (and then only with consent). PDF download.
 */
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { errorMessage, fieldErrors } from "../../lib/problem";
import { type ClosingReport, downloadClosingReport } from "../coaching/api";

const STATUS_COLOR = { draft: "gray", submitted: "blue", approved: "green", returned: "orange" } as const;

export function ClosingReportApproval({
  trajectoryId,
  report: initial,
}: {
  trajectoryId: string;
  report: ClosingReport | null;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [report, setReport] = useState(initial);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!report) return <Text c="dimmed">{t("client.report.waiting")}</Text>;

  async function decide(approve: boolean) {
    if (!approve && !comment.trim()) {
      setCommentError(t("common.required"));
      return;
    }
    setBusy(true);
    try {
      const path = { path: { trajectory_id: trajectoryId } };
      const next = approve
        ? await ok(api.POST("/api/v1/trajectories/{trajectory_id}/closing-report/approve", { params: path }))
        : await ok(
            api.POST("/api/v1/trajectories/{trajectory_id}/closing-report/return", {
              params: path,
              body: { comment: comment.trim() },
            }),
          );
      setReport(next);
      setReturning(false);
      notifications.show({
        color: "green",
        message: approve ? t("client.report.approved") : t("client.report.returned"),
      });
      await queryClient.invalidateQueries({ queryKey: ["coaching", trajectoryId] });
    } catch (error) {
      const fields = fieldErrors(error);
      if (fields.comment) setCommentError(fields.comment);
      else notifications.show({ color: "red", title: t("common.error"), message: errorMessage(error) });
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
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm">{t("coaching.report.status")}:</Text>
        <Badge color={STATUS_COLOR[report.status]} data-testid="client-report-status">
          {t(`coaching.report.statuses.${report.status}`)}
        </Badge>
      </Group>
      <Paper withBorder p="md">
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="client-report-body">
          {report.body}
        </Text>
      </Paper>
      {report.status === "returned" && report.client_comment && (
        <Alert color="orange" title={t("coaching.report.clientComment")}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {report.client_comment}
          </Text>
        </Alert>
      )}
      {returning && (
        <Textarea
          label={t("client.report.comment")}
          required
          autosize
          minRows={3}
          value={comment}
          error={commentError}
          onChange={(e) => {
            setComment(e.currentTarget.value);
            setCommentError(null);
          }}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
          {t("coaching.report.download")}
        </Button>
        {report.status === "submitted" &&
          (returning ? (
            <>
              <Button variant="default" onClick={() => setReturning(false)}>
                {t("common.cancel")}
              </Button>
              <Button color="orange" loading={busy} onClick={() => void decide(false)}>
                {t("client.report.sendBack")}
              </Button>
            </>
          ) : (
            <>
              <Button variant="light" color="orange" onClick={() => setReturning(true)}>
                {t("client.report.return")}
              </Button>
              <Button color="green" loading={busy} onClick={() => void decide(true)}>
                {t("client.report.approve")}
              </Button>
            </>
          ))}
      </Group>
    </Stack>
  );
}

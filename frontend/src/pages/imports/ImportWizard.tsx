/**
 * HR: the employee import wizard — upload → preview with the detected mapping (editable) → dry-run report
 * with every row error → the import with live progress (the job is polled) → summary.
 */
import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { ButtonLink } from "../../components/links";
import { ScrollTable } from "../../components/ScrollTable";
import { ErrorState, PageHeader } from "../../components/states";
import { formatNumber } from "../../lib/format";
import { errorMessage } from "../../lib/problem";
import { MappingStep } from "./MappingStep";
import { type MappingState, mappingFromPreview, mappingJson } from "./mapping";

type Job = Schemas["EmployeeImportPublic"];
const ACTIVE = new Set(["queued", "validating", "running"]);

function form(file: File, fields: Record<string, string>): FormData {
  const data = new FormData();
  data.append("file", file);
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

function useJob(id: string | null) {
  return useQuery({
    queryKey: ["employee-import", id],
    queryFn: () =>
      ok(api.GET("/api/v1/employee-imports/{import_id}", { params: { path: { import_id: id ?? "" } } })),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.state) ? false : 500),
  });
}

export function ImportWizardPage() {
  const { t } = useTranslation();
  const { organisationId } = useSession();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Schemas["ImportPreview"] | null>(null);
  const [mapping, setMapping] = useState<MappingState | null>(null);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dryRun = useJob(dryRunId);
  const run = useJob(runId);
  const orgPath = { organisation_id: organisationId ?? "" };

  async function readFile() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const data = form(file, {});
      const answer = await ok(
        api.POST("/api/v1/organisations/{organisation_id}/employee-imports/preview", {
          params: { path: orgPath },
          body: { file: "" },
          bodySerializer: () => data,
        }),
      );
      setPreview(answer);
      setMapping(mappingFromPreview(answer));
      setStep(1);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function start(dry: boolean) {
    if (!file || !mapping) return;
    setBusy(true);
    setError(null);
    try {
      const data = form(file, { dry_run: String(dry), mapping: mappingJson(mapping) });
      const job = await ok(
        api.POST("/api/v1/organisations/{organisation_id}/employee-imports", {
          params: { path: orgPath },
          body: { file: "", dry_run: dry },
          bodySerializer: () => data,
        }),
      );
      if (dry) {
        setDryRunId(job.id);
        setStep(2);
      } else {
        setRunId(job.id);
        setStep(3);
      }
    } catch (e) {
      setError(e instanceof ApiError ? errorMessage(e) : String(e));
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setStep(0);
    setFile(null);
    setPreview(null);
    setMapping(null);
    setDryRunId(null);
    setRunId(null);
    setError(null);
  }

  const runDone = run.data && !ACTIVE.has(run.data.state);

  return (
    <>
      <PageHeader title={t("imports.title")} />
      <Stepper
        active={runDone ? 4 : step}
        onStepClick={(s) => s < step && step < 3 && setStep(s)}
        size="sm"
        mb="lg"
      >
        <Stepper.Step label={t("imports.steps.upload")} />
        <Stepper.Step label={t("imports.steps.mapping")} />
        <Stepper.Step label={t("imports.steps.dryRun")} />
        <Stepper.Step label={t("imports.steps.run")} />
        <Stepper.Step label={t("imports.steps.summary")} />
      </Stepper>
      {error && (
        <Alert color="red" role="alert" mb="md" title={t("common.error")} data-testid="import-error">
          {error}
        </Alert>
      )}
      <Paper withBorder p="md">
        {step === 0 && (
          <Stack maw={520}>
            <FileInput
              label={t("imports.fileLabel")}
              description={t("imports.fileHelp")}
              accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              value={file}
              onChange={setFile}
              clearable
              data-testid="import-file"
            />
            <Group>
              <Button onClick={readFile} disabled={!file} loading={busy}>
                {t("imports.preview")}
              </Button>
            </Group>
          </Stack>
        )}
        {step === 1 && preview && mapping && (
          <Stack>
            <MappingStep preview={preview} value={mapping} onChange={setMapping} />
            <Group>
              <Button variant="default" onClick={() => setStep(0)}>
                {t("common.back")}
              </Button>
              <Button onClick={() => start(true)} loading={busy}>
                {t("imports.runDryRun")}
              </Button>
            </Group>
          </Stack>
        )}
        {step === 2 && (
          <Stack>
            <Title order={2} size="h4">
              {t("imports.dryRunReport")}
            </Title>
            {dryRun.isError ? (
              <ErrorState error={dryRun.error} onRetry={() => dryRun.refetch()} />
            ) : !dryRun.data || ACTIVE.has(dryRun.data.state) ? (
              <JobProgress job={dryRun.data} />
            ) : (
              <>
                <Counts job={dryRun.data} />
                <RowErrors job={dryRun.data} />
                <Group>
                  <Button variant="default" onClick={() => setStep(1)}>
                    {t("common.back")}
                  </Button>
                  <Button
                    onClick={() => start(false)}
                    loading={busy}
                    disabled={dryRun.data.state !== "succeeded" || dryRun.data.errors_total > 0}
                  >
                    {t("imports.startImport")}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        )}
        {step === 3 && (
          <Stack>
            {run.isError ? (
              <ErrorState error={run.error} onRetry={() => run.refetch()} />
            ) : !runDone ? (
              <JobProgress job={run.data} />
            ) : (
              run.data && (
                <>
                  <Title order={2} size="h4">
                    {run.data.state === "succeeded" ? t("imports.done") : t("imports.states.failed")}
                  </Title>
                  <Counts job={run.data} />
                  <RowErrors job={run.data} />
                  <Group>
                    <ButtonLink to="/employees">{t("imports.toEmployees")}</ButtonLink>
                    <Button variant="default" onClick={restart}>
                      {t("imports.again")}
                    </Button>
                  </Group>
                </>
              )
            )}
          </Stack>
        )}
      </Paper>
    </>
  );
}

function JobProgress({ job }: { job: Job | undefined }) {
  const { t } = useTranslation();
  const total = job?.progress.total ?? null;
  const processed = job?.progress.processed ?? 0;
  const percent = total ? Math.round((processed / total) * 100) : 0;
  return (
    <Stack gap="xs" data-testid="import-progress">
      <Text size="sm">
        {t("imports.state")}: {job ? t(`imports.states.${job.state}`) : t("common.loading")}
        {total ? ` — ${formatNumber(processed)} / ${formatNumber(total)}` : ""}
      </Text>
      <Progress value={percent} animated={!total} aria-label={t("imports.progress")} size="lg" />
    </Stack>
  );
}

function Counts({ job }: { job: Job }) {
  const { t } = useTranslation();
  const keys = ["rows", "created", "updated", "unchanged", "failed"] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="import-counts">
      {keys.map((k) => (
        <Paper key={k} withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t(`imports.counts.${k}`)}
          </Text>
          <Text size="xl" fw={700} data-testid={`count-${k}`}>
            {formatNumber(job.counts[k])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function RowErrors({ job }: { job: Job }) {
  const { t } = useTranslation();
  if (job.failure_reason && job.errors.length === 0) {
    return (
      <Alert color="red" role="alert">
        {job.failure_reason}
      </Alert>
    );
  }
  if (job.errors_total === 0) {
    return (
      <Alert color="green" data-testid="no-row-errors">
        {t("imports.noErrors")}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      <Alert color="red" role="alert">
        {t("imports.hasErrors", { count: job.errors_total })}
      </Alert>
      <ScrollTable label={t("imports.rowErrors")} minWidth={500}>
        <Table striped withTableBorder data-testid="row-errors">
          <caption>{t("imports.rowErrors")}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("imports.line")}</Table.Th>
              <Table.Th scope="col">{t("imports.column")}</Table.Th>
              <Table.Th scope="col">{t("imports.value")}</Table.Th>
              <Table.Th scope="col">{t("imports.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {job.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several errors on one line
              <Table.Tr key={i}>
                <Table.Td>{e.line}</Table.Td>
                <Table.Td>{e.column ?? e.field ?? "—"}</Table.Td>
                <Table.Td>{e.value ?? "—"}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}

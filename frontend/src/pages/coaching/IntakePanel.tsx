/**
 * The coach's dossier: the four intake questions and the five questions, each with its working text and
 * the instruments used. Each section saves on its own (PUT, `If-Match` with the version read).
 */
import { Accordion, Alert, Button, Group, MultiSelect, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconLock } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok, type Schemas } from "../../api/client";
import { ConflictAlert } from "../../components/ConflictAlert";
import { applyProblem } from "../../lib/problem";
import {
  catalogueGroups,
  cataloguesQuery,
  FIVE_QUESTIONS,
  INTAKE_QUESTIONS,
  type IntakeSection,
  ifMatch,
  type TrajectoryView,
  useRefreshCoaching,
} from "./api";

type Entry = Schemas["IntakeEntryPublic"];

export function IntakePanel({ view }: { view: TrajectoryView }) {
  const { t } = useTranslation();
  const entries = new Map((view.intake ?? []).map((e) => [e.section, e]));
  const group = (title: string, sections: IntakeSection[]) => (
    <section>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Accordion multiple variant="separated">
        {sections.map((section) => {
          const entry = entries.get(section);
          return (
            <Accordion.Item key={section} value={section}>
              <Accordion.Control>
                {t(`coaching.sections.${section}`)}
                {entry?.text ? "" : " —"}
              </Accordion.Control>
              <Accordion.Panel>
                <SectionForm
                  key={`${section}-${entry?.version ?? 0}`}
                  trajectoryId={view.trajectory.id}
                  section={section}
                  entry={entry}
                />
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </section>
  );
  return (
    <Stack gap="md">
      <Alert color="grape" icon={<IconLock aria-hidden />} variant="light">
        {t("coaching.intakeConfidential")}
      </Alert>
      {group(t("coaching.intakeQuestions"), INTAKE_QUESTIONS)}
      {group(t("coaching.fiveQuestions"), FIVE_QUESTIONS)}
    </Stack>
  );
}

function SectionForm({
  trajectoryId,
  section,
  entry,
}: {
  trajectoryId: string;
  section: IntakeSection;
  entry: Entry | undefined;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCoaching(trajectoryId);
  const catalogues = useQuery(cataloguesQuery);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const form = useForm({
    initialValues: { text: entry?.text ?? "", instrument_ids: entry?.instrument_ids ?? [] },
  });

  async function submit(values: { text: string; instrument_ids: string[] }) {
    setBusy(true);
    try {
      const version = entry?.version ?? 0;
      await ok(
        api.PUT("/api/v1/trajectories/{trajectory_id}/intake/{section}", {
          params: {
            path: { trajectory_id: trajectoryId, section },
            header: version > 0 ? ifMatch(version) : {},
          },
          body: { text: values.text.trim() || null, instrument_ids: values.instrument_ids },
        }),
      );
      notifications.show({ color: "green", message: t("common.saved") });
      setConflict(false);
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else applyProblem(form, error, ["text", "instrument_ids"]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        {conflict && <ConflictAlert onReload={() => void refresh()} />}
        <Textarea
          label={t("coaching.workingText")}
          autosize
          minRows={4}
          data-testid={`intake-${section}`}
          {...form.getInputProps("text")}
        />
        <MultiSelect
          label={t("coaching.instruments")}
          data={catalogueGroups(catalogues.data ?? [], t)}
          searchable
          clearable
          {...form.getInputProps("instrument_ids")}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {entry?.updated_at ? `v${entry.version}` : ""}
          </Text>
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

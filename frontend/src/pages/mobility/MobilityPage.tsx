/**
 * HR: the mobility matrix — employees on the 5×5 grid of mobility willingness (rows, 5 on top) × mobility
 * capacity (columns), as a heat map; filterable by department and career issue.
 */
import { Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { useSession } from "../../auth/session";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { formatNumber } from "../../lib/format";

const SCALE = [1, 2, 3, 4, 5];

/** Background and text colour for a cell: darker blue for more people, text contrast kept at AA. */
export function heat(count: number, max: number): { background: string; color: string } {
  if (count === 0 || max === 0)
    return { background: "var(--mantine-color-gray-0)", color: "var(--mantine-color-dark-7)" };
  const level = Math.max(1, Math.min(9, Math.ceil((count / max) * 9)));
  return {
    background: `var(--mantine-color-blue-${level})`,
    color: level >= 5 ? "var(--mantine-color-white)" : "var(--mantine-color-dark-9)",
  };
}

export function MobilityMatrixGrid({ counts }: { counts: number[][] }) {
  const { t } = useTranslation();
  const max = Math.max(0, ...counts.flat());
  return (
    <table
      data-testid="mobility-matrix"
      style={{
        borderCollapse: "separate",
        borderSpacing: 4,
        tableLayout: "fixed",
        width: "100%",
        maxWidth: 560,
      }}
    >
      <caption style={{ captionSide: "bottom", textAlign: "left", paddingTop: 8 }}>
        <Text size="sm" c="dimmed" component="span">
          {t("mobility.intro")}
        </Text>
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <Text size="xs" component="span">
              {t("mobility.willingness")} ↑ / {t("mobility.capacity")} →
            </Text>
          </th>
          {SCALE.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...SCALE].reverse().map((w) => (
          <tr key={w}>
            <th scope="row">{w}</th>
            {SCALE.map((c) => {
              const count = counts[w - 1]?.[c - 1] ?? 0;
              const style = heat(count, max);
              return (
                <td
                  key={c}
                  aria-label={t("mobility.cell", { count, w, c })}
                  data-testid={`cell-${w}-${c}`}
                  style={{
                    ...style,
                    textAlign: "center",
                    height: 64,
                    borderRadius: 6,
                    fontWeight: 600,
                    fontSize: 18,
                  }}
                >
                  {formatNumber(count)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MobilityPage() {
  const { t } = useTranslation();
  const { organisationId } = useSession();
  const [department, setDepartment] = useState("");
  const [careerIssueId, setCareerIssueId] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(department, 300);
  const issues = useQuery({
    queryKey: ["career-issues", organisationId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/career-issues", {
          params: {
            query: { organisation_id: organisationId ?? undefined, limit: 200, sort: "-created_at" },
          },
        }),
      ),
    enabled: organisationId !== null,
  });
  const matrix = useQuery({
    queryKey: ["mobility-matrix", organisationId, debounced, careerIssueId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/organisations/{organisation_id}/mobility-matrix", {
          params: {
            path: { organisation_id: organisationId ?? "" },
            query: { department: debounced.trim() || undefined, career_issue_id: careerIssueId ?? undefined },
          },
        }),
      ),
    enabled: organisationId !== null,
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t("mobility.title")} />
      <Group align="flex-end" mb="md">
        <TextInput
          label={t("employees.department")}
          value={department}
          onChange={(e) => setDepartment(e.currentTarget.value)}
        />
        <Select
          label={t("mobility.careerIssue")}
          data={(issues.data?.items ?? []).map((i) => ({ value: i.id, label: i.title }))}
          value={careerIssueId}
          onChange={setCareerIssueId}
          clearable
          placeholder={t("common.all")}
          w={280}
        />
      </Group>
      {matrix.isPending ? (
        <Loading />
      ) : matrix.isError ? (
        <ErrorState error={matrix.error} onRetry={() => matrix.refetch()} />
      ) : (
        <Paper withBorder p="md" maw={620}>
          <Stack>
            {matrix.data.total === 0 && <Empty>{t("employees.empty")}</Empty>}
            <MobilityMatrixGrid counts={matrix.data.counts} />
            <Text size="sm" data-testid="unassessed">
              {t("mobility.notAssessed", { count: matrix.data.unassessed })} ·{" "}
              {formatNumber(matrix.data.total)} {t("nav.employees").toLowerCase()}
            </Text>
          </Stack>
        </Paper>
      )}
    </>
  );
}

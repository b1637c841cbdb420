/**
 * Server state of the coaching pages. One read, `GET /trajectories/{id}/coaching`, gives everything the
 * caller's role may see (`as_role`); writes go to the item's own endpoint and then refresh that read.
 * Versioned records send `If-Match: W/"<version>"` (the ETag the API gives for that version).
 */
import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, ok, type Schemas } from "../../api/client";

export type TrajectoryView = Schemas["TrajectoryView"];
export type CoachingSession = Schemas["SessionPublic"];
export type Goal = Schemas["GoalPublic"];
export type GoalAction = Schemas["ActionPublic"];
export type ConsentItem = Schemas["ConsentItem"];
export type ClosingReport = Schemas["ClosingReportPublic"];
export type IntakeSection = Schemas["IntakeSection"];
export type CatalogueItem = Schemas["CatalogueItemPublic"];

export const CONSENT_ITEMS: ConsentItem[] = ["session_summaries", "goal_progress", "closing_report"];
export const INTAKE_QUESTIONS: IntakeSection[] = ["why_here", "how_here", "setbacks", "meaning_of_work"];
export const FIVE_QUESTIONS: IntakeSection[] = [
  "who_am_i",
  "what_do_i_want",
  "what_can_i_do",
  "where_do_i_find_it",
  "how_do_i_get_there",
];
export const CATALOGUE_KINDS = ["values", "limiting_beliefs", "competencies"] as const;

/** The `If-Match` header for a record read at `version`. */
export function ifMatch(version: number): { "if-match": string } {
  return { "if-match": `W/"${version}"` };
}

const path = (trajectoryId: string) => ({ path: { trajectory_id: trajectoryId } });

export const coachingQuery = (trajectoryId: string) =>
  queryOptions({
    queryKey: ["coaching", trajectoryId],
    queryFn: () =>
      ok(api.GET("/api/v1/trajectories/{trajectory_id}/coaching", { params: path(trajectoryId) })),
  });

export const asOrganisationQuery = (trajectoryId: string) =>
  queryOptions({
    queryKey: ["coaching", trajectoryId, "as-organisation"],
    queryFn: () =>
      ok(api.GET("/api/v1/trajectories/{trajectory_id}/as-organisation", { params: path(trajectoryId) })),
  });

export const consentsQuery = (trajectoryId: string) =>
  queryOptions({
    queryKey: ["coaching", trajectoryId, "consents"],
    queryFn: () =>
      ok(api.GET("/api/v1/trajectories/{trajectory_id}/consents", { params: path(trajectoryId) })),
  });

/** All instruments (the three catalogues: Koers's starter items and the organisation's own). */
export const cataloguesQuery = queryOptions({
  queryKey: ["catalogues"],
  queryFn: async () => {
    const lists = await Promise.all(
      CATALOGUE_KINDS.map((kind) => ok(api.GET("/api/v1/catalogues/{kind}", { params: { path: { kind } } }))),
    );
    return lists.flat();
  },
  staleTime: 10 * 60_000,
});

/** Refresh everything cached about one trajectory's coaching (and the trajectory's facts). */
export function useRefreshCoaching(trajectoryId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["coaching", trajectoryId] }),
      queryClient.invalidateQueries({ queryKey: ["trajectory", trajectoryId] }),
      queryClient.invalidateQueries({ queryKey: ["trajectory-events", trajectoryId] }),
    ]);
  }, [queryClient, trajectoryId]);
}

/**
 * Download the closing report as PDF through the authenticated client (the bearer token is not in a
 * plain link), then hand the file to the browser.
 */
export async function downloadClosingReport(trajectoryId: string): Promise<void> {
  const blob = await ok(
    api.GET("/api/v1/trajectories/{trajectory_id}/closing-report.pdf", {
      params: path(trajectoryId),
      parseAs: "blob",
    }),
  );
  const url = URL.createObjectURL(blob as Blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = "eindrapportage.pdf";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Catalogue items grouped by their list, for a MultiSelect. */
export function catalogueGroups(
  items: CatalogueItem[],
  t: (key: string) => string,
): { group: string; items: { value: string; label: string }[] }[] {
  return CATALOGUE_KINDS.map((kind) => ({
    group: t(`coaching.catalogues.${kind}`),
    items: items.filter((i) => i.kind === kind).map((i) => ({ value: i.id, label: i.name })),
  })).filter((g) => g.items.length > 0);
}

/** The coach's caseload: their trajectories across all their organisations (every page fetched, ≤ 200 each). */
import { useQuery } from "@tanstack/react-query";
import { api, ok, type Schemas } from "../../api/client";

export type TrajectoryItem = Schemas["TrajectoryItem"];

export function useCaseload(coachId: string) {
  return useQuery({
    queryKey: ["trajectories", "caseload", coachId],
    queryFn: async () => {
      const items: TrajectoryItem[] = [];
      let cursor: string | undefined;
      // A caseload is tens of clients; the page loop is bounded all the same.
      for (let i = 0; i < 20; i++) {
        const page = await ok(
          api.GET("/api/v1/trajectories", {
            params: { query: { coach_id: coachId, limit: 200, sort: "client_name", cursor } },
          }),
        );
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
  });
}

/**
 * HR: the organisation's audit log — who read or changed which coaching record, newest first. Ids and
 * actions only (the API never returns content); filter by trajectory id; cursor paging ("load more").
 */
import { Button, Code, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { useSession } from "../../auth/session";
import { AnchorLink } from "../../components/links";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { formatDateTime } from "../../lib/format";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditLogPage() {
  const { t } = useTranslation();
  const { organisationId } = useSession();
  const [filter, setFilter] = useState("");
  const [debounced] = useDebouncedValue(filter.trim(), 300);
  const trajectoryId = UUID.test(debounced) ? debounced : undefined;
  const query = useInfiniteQuery({
    queryKey: ["audit-log", organisationId, trajectoryId ?? null],
    enabled: organisationId !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      ok(
        api.GET("/api/v1/organisations/{organisation_id}/audit-log", {
          params: {
            path: { organisation_id: organisationId ?? "" },
            query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}), trajectory_id: trajectoryId },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t("coaching.audit.title")} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("coaching.audit.intro")}
        </Text>
        <TextInput
          label={t("coaching.audit.filter")}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          maw={420}
          error={filter.trim() && !UUID.test(filter.trim()) ? "UUID" : undefined}
        />
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => query.refetch()} />
        ) : rows.length === 0 ? (
          <Empty>{t("coaching.audit.empty")}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped data-testid="audit-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("coaching.audit.occurredAt")}</Table.Th>
                  <Table.Th>{t("coaching.audit.action")}</Table.Th>
                  <Table.Th>{t("coaching.audit.record")}</Table.Th>
                  <Table.Th>{t("coaching.audit.recordId")}</Table.Th>
                  <Table.Th>{t("coaching.audit.trajectory")}</Table.Th>
                  <Table.Th>{t("coaching.audit.actor")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{formatDateTime(e.occurred_at)}</Table.Td>
                    <Table.Td>{t(`coaching.audit.actions.${e.action}`)}</Table.Td>
                    <Table.Td>
                      <Code>{e.record_type}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Code>{e.record_id ?? "—"}</Code>
                    </Table.Td>
                    <Table.Td>
                      {e.trajectory_id ? (
                        <AnchorLink
                          to="/trajectories/$trajectoryId"
                          params={{ trajectoryId: e.trajectory_id }}
                          size="sm"
                        >
                          <Code>{e.trajectory_id}</Code>
                        </AnchorLink>
                      ) : (
                        "—"
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Code>{e.actor_id ?? "—"}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {query.hasNextPage && (
          <Group justify="center">
            <Button variant="light" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t("common.loadMore")}
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}

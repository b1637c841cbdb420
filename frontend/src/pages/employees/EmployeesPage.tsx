/** HR: the organisation's employees, paged by the server (cursor), with search, filters and sort. */
import {
  Badge,
  Button,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconChevronDown, IconChevronUp, IconSearch, IconSelector } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok, type Schemas } from "../../api/client";
import { useSession } from "../../auth/session";
import { AnchorLink, ButtonLink } from "../../components/links";
import { ScrollTable } from "../../components/ScrollTable";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { formatNumber, personName } from "../../lib/format";

type Status = Schemas["EmploymentStatus"];
const STATUSES: Status[] = ["active", "leaving", "left"];
const PAGE_SIZE = 50;

export function EmployeesPage() {
  const { t } = useTranslation();
  const { organisationId } = useSession();
  const [q, setQ] = useState("");
  const [department, setDepartment] = useState("");
  const [jobTitle, setJobTitle] = useState("");
  const [status, setStatus] = useState<Status | null>(null);
  const [sort, setSort] = useState("family_name");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [debounced] = useDebouncedValue({ q, department, jobTitle }, 300);
  const cursor = cursors[cursors.length - 1] ?? null;

  const filters = { ...debounced, status, sort, organisationId };
  const query = useQuery({
    queryKey: ["employees", filters, cursor],
    queryFn: () =>
      ok(
        api.GET("/api/v1/employees", {
          params: {
            query: {
              organisation_id: organisationId ?? undefined,
              q: debounced.q.trim() || undefined,
              department: debounced.department.trim() || undefined,
              job_title: debounced.jobTitle.trim() || undefined,
              employment_status: status ?? undefined,
              sort,
              limit: PAGE_SIZE,
              cursor: cursor ?? undefined,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: organisationId !== null,
  });

  function resetPaging() {
    setCursors([null]);
  }

  function changeSort(next: string) {
    setSort(next);
    resetPaging();
  }

  return (
    <>
      <PageHeader
        title={t("employees.title")}
        actions={
          <ButtonLink to="/imports" variant="light">
            {t("nav.import")}
          </ButtonLink>
        }
      />
      <Group align="flex-end" mb="md" wrap="wrap">
        <TextInput
          label={t("employees.searchLabel")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            resetPaging();
          }}
          w={260}
          type="search"
        />
        <TextInput
          label={t("employees.department")}
          value={department}
          onChange={(e) => {
            setDepartment(e.currentTarget.value);
            resetPaging();
          }}
          w={180}
        />
        <TextInput
          label={t("employees.jobTitle")}
          value={jobTitle}
          onChange={(e) => {
            setJobTitle(e.currentTarget.value);
            resetPaging();
          }}
          w={180}
        />
        <Select
          label={t("employees.status")}
          data={STATUSES.map((s) => ({ value: s, label: t(`employees.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as Status | null);
            resetPaging();
          }}
          clearable
          placeholder={t("common.all")}
          w={160}
        />
        <Select
          label={t("employees.sort")}
          data={[
            { value: "family_name", label: t("employees.sortFamilyName") },
            { value: "-family_name", label: `${t("employees.sortFamilyName")} ↓` },
            { value: "employee_number", label: t("employees.sortEmployeeNumber") },
            { value: "-employee_number", label: `${t("employees.sortEmployeeNumber")} ↓` },
            { value: "-created_at", label: t("employees.sortCreated") },
          ]}
          value={sort}
          onChange={(v) => {
            setSort(v ?? "family_name");
            resetPaging();
          }}
          allowDeselect={false}
          w={180}
        />
      </Group>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{t("employees.empty")}</Empty>
      ) : (
        <>
          <ScrollTable label={t("employees.title")} minWidth={700}>
            <Table striped highlightOnHover aria-busy={query.isFetching}>
              <VisuallyHidden component="caption">{t("employees.title")}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <SortableTh column="employee_number" sort={sort} onSort={changeSort}>
                    {t("employees.employeeNumber")}
                  </SortableTh>
                  <SortableTh column="family_name" sort={sort} onSort={changeSort}>
                    {t("employees.name")}
                  </SortableTh>
                  <Table.Th scope="col">{t("employees.department")}</Table.Th>
                  <Table.Th scope="col">{t("employees.jobTitle")}</Table.Th>
                  <Table.Th scope="col">{t("employees.fte")}</Table.Th>
                  <Table.Th scope="col">{t("employees.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.employee_number}</Table.Td>
                    <Table.Td>
                      <AnchorLink to="/employees/$employeeId" params={{ employeeId: e.id }}>
                        {personName(e)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{e.department ?? t("common.none")}</Table.Td>
                    <Table.Td>{e.job_title ?? t("common.none")}</Table.Td>
                    <Table.Td>{"fte" in e ? formatNumber(e.fte) : t("common.none")}</Table.Td>
                    <Table.Td>
                      {"employment_status" in e ? (
                        <Badge variant="light" color={e.employment_status === "active" ? "green" : "gray"}>
                          {t(`employees.statuses.${e.employment_status}`)}
                        </Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed">
              {t("employees.count", { count: query.data.items.length })}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                disabled={cursors.length <= 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t("common.back")}
              </Button>
              <Button
                variant="default"
                disabled={!query.data.next_cursor}
                onClick={() => setCursors((c) => [...c, query.data.next_cursor ?? null])}
              >
                {t("common.next")}
              </Button>
            </Group>
          </Group>
        </>
      )}
    </>
  );
}

/** A column header that sorts the (server-side) list: click again to reverse; `aria-sort` tells the state. */
function SortableTh({
  column,
  sort,
  onSort,
  children,
}: {
  column: string;
  sort: string;
  onSort: (sort: string) => void;
  children: string;
}) {
  const active = sort.replace(/^-/, "") === column;
  const descending = sort.startsWith("-");
  return (
    <Table.Th scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
      <UnstyledButton
        onClick={() => onSort(active && !descending ? `-${column}` : column)}
        fw={700}
        fz="sm"
        style={{ display: "inline-flex", alignItems: "center", gap: 4 }}
      >
        {children}
        {active ? (
          descending ? (
            <IconChevronDown size={14} aria-hidden />
          ) : (
            <IconChevronUp size={14} aria-hidden />
          )
        ) : (
          <IconSelector size={14} aria-hidden />
        )}
      </UnstyledButton>
    </Table.Th>
  );
}

/** Admin: one organisation's members (HR and coaches) — add and remove. */
import { ActionIcon, Button, Group, Paper, Select, Stack, Table, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconTrash } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { AnchorLink } from "../../components/links";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { applyProblem, errorMessage } from "../../lib/problem";

const route = getRouteApi("/_auth/_admin/admin/organisations/$organisationId");

export function OrganisationPage() {
  const { t } = useTranslation();
  const { organisationId } = route.useParams();
  const queryClient = useQueryClient();
  const org = useQuery({
    queryKey: ["organisation", organisationId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/organisations/{organisation_id}", {
          params: { path: { organisation_id: organisationId } },
        }),
      ),
  });
  const members = useQuery({
    queryKey: ["members", organisationId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/organisations/{organisation_id}/members", {
          params: { path: { organisation_id: organisationId } },
        }),
      ),
  });
  const users = useQuery({
    queryKey: ["users", "all"],
    queryFn: () => ok(api.GET("/api/v1/users", { params: { query: { limit: 200 } } })),
  });
  const form = useForm({
    initialValues: { user_id: null as string | null, role: "coach" as "hr" | "coach" },
    validate: { user_id: (v) => (v ? null : t("common.required")) },
  });

  async function add(values: typeof form.values) {
    try {
      await ok(
        api.POST("/api/v1/organisations/{organisation_id}/members", {
          params: { path: { organisation_id: organisationId } },
          body: { user_id: values.user_id ?? "", role: values.role },
        }),
      );
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ["members", organisationId] });
    } catch (error) {
      applyProblem(form, error, ["user_id", "role"]);
    }
  }

  async function remove(userId: string) {
    try {
      await ok(
        api.DELETE("/api/v1/organisations/{organisation_id}/members/{user_id}", {
          params: { path: { organisation_id: organisationId, user_id: userId } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ["members", organisationId] });
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error) });
    }
  }

  if (org.isPending) return <Loading />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => org.refetch()} />;
  const memberIds = new Set((members.data ?? []).map((m) => m.user_id));

  return (
    <>
      <AnchorLink to="/admin/organisations" size="sm">
        ← {t("admin.organisations")}
      </AnchorLink>
      <PageHeader title={org.data.name} />
      <Stack>
        <Paper withBorder p="md">
          <form onSubmit={form.onSubmit(add)} noValidate aria-labelledby="add-member">
            <Title order={2} size="h4" id="add-member" mb="sm">
              {t("admin.addMember")}
            </Title>
            <Group align="flex-end">
              <Select
                label={t("admin.user")}
                searchable
                data={(users.data?.items ?? [])
                  .filter((u) => !memberIds.has(u.id))
                  .map((u) => ({ value: u.id, label: `${u.full_name} <${u.email}>` }))}
                w={340}
                {...form.getInputProps("user_id")}
              />
              <Select
                label={t("admin.role")}
                data={[
                  { value: "hr", label: t("roles.hr") },
                  { value: "coach", label: t("roles.coach") },
                ]}
                allowDeselect={false}
                w={180}
                {...form.getInputProps("role")}
              />
              <Button type="submit" loading={form.submitting}>
                {t("common.add")}
              </Button>
            </Group>
          </form>
        </Paper>
        <section aria-labelledby="members-title">
          <Title order={2} size="h4" id="members-title" mb="sm">
            {t("admin.members")}
          </Title>
          {members.isPending ? (
            <Loading />
          ) : members.isError ? (
            <ErrorState error={members.error} onRetry={() => members.refetch()} />
          ) : members.data.length === 0 ? (
            <Empty>{t("admin.noMembers")}</Empty>
          ) : (
            <Table striped data-testid="members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("admin.fullName")}</Table.Th>
                  <Table.Th scope="col">{t("admin.email")}</Table.Th>
                  <Table.Th scope="col">{t("admin.role")}</Table.Th>
                  <Table.Th scope="col">{t("common.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.map((m) => (
                  <Table.Tr key={m.user_id}>
                    <Table.Td>{m.full_name}</Table.Td>
                    <Table.Td>{m.email}</Table.Td>
                    <Table.Td>{t(`roles.${m.role}`)}</Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`${t("common.remove")}: ${m.full_name}`}
                        onClick={() => remove(m.user_id)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </section>
      </Stack>
    </>
  );
}

/** Admin: users — search, create, (de)activate. */
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Switch,
  Table,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok, type Schemas } from "../../api/client";
import { ScrollTable } from "../../components/ScrollTable";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { applyProblem, errorMessage } from "../../lib/problem";

export function UsersPage() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 300);
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["users", debounced],
    queryFn: () =>
      ok(api.GET("/api/v1/users", { params: { query: { q: debounced.trim() || undefined, limit: 200 } } })),
  });

  async function setActive(user: Schemas["UserPublic"], active: boolean) {
    try {
      await ok(
        api.PATCH("/api/v1/users/{user_id}", {
          params: { path: { user_id: user.id } },
          body: { is_active: active },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ["users"] });
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error) });
    }
  }

  return (
    <>
      <PageHeader
        title={t("admin.users")}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
            {t("admin.newUser")}
          </Button>
        }
      />
      <TextInput
        label={t("common.search")}
        type="search"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        w={300}
        mb="md"
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{t("admin.noUsers")}</Empty>
      ) : (
        <ScrollTable label={t("admin.users")} minWidth={600}>
          <Table striped data-testid="users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.fullName")}</Table.Th>
                <Table.Th scope="col">{t("admin.email")}</Table.Th>
                <Table.Th scope="col">{t("admin.role")}</Table.Th>
                <Table.Th scope="col">{t("admin.active")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.full_name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.is_admin && <Badge variant="light">{t("roles.admin")}</Badge>}</Table.Td>
                  <Table.Td>
                    <Switch
                      checked={u.is_active}
                      onChange={(e) => setActive(u, e.currentTarget.checked)}
                      aria-label={`${t("admin.active")}: ${u.full_name}`}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Modal opened={opened} onClose={close} title={t("admin.newUser")}>
        <NewUserForm onDone={close} />
      </Modal>
    </>
  );
}

function NewUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { full_name: "", email: "", password: "", is_admin: false },
    validate: {
      full_name: (v) => (v.trim() ? null : t("common.required")),
      email: (v) => (v.trim() ? null : t("common.required")),
      password: (v) => (v.length >= 10 ? null : "≥ 10"),
    },
  });
  async function submit(values: typeof form.values) {
    try {
      await ok(api.POST("/api/v1/users", { body: values }));
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      onDone();
    } catch (error) {
      applyProblem(form, error, ["full_name", "email", "password", "is_admin"]);
    }
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <TextInput label={t("admin.fullName")} required data-autofocus {...form.getInputProps("full_name")} />
        <TextInput label={t("admin.email")} type="email" required {...form.getInputProps("email")} />
        <PasswordInput
          label={t("admin.password")}
          required
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        <Checkbox label={t("admin.isAdmin")} {...form.getInputProps("is_admin", { type: "checkbox" })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

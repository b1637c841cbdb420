/** Admin: organisations — list and create. */
import { Button, Group, Modal, Stack, Table, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { AnchorLink } from "../../components/links";
import { ScrollTable } from "../../components/ScrollTable";
import { Empty, ErrorState, Loading, PageHeader } from "../../components/states";
import { formatDate } from "../../lib/format";
import { applyProblem } from "../../lib/problem";

export function OrganisationsPage() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const query = useQuery({
    queryKey: ["organisations", "admin"],
    queryFn: () => ok(api.GET("/api/v1/organisations", { params: { query: { limit: 200 } } })),
  });
  return (
    <>
      <PageHeader
        title={t("admin.organisations")}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
            {t("admin.newOrganisation")}
          </Button>
        }
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{t("admin.noOrganisations")}</Empty>
      ) : (
        <ScrollTable label={t("admin.organisations")} minWidth={500}>
          <Table striped data-testid="organisations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.name")}</Table.Th>
                <Table.Th scope="col">{t("admin.kvk")}</Table.Th>
                <Table.Th scope="col">{t("admin.sector")}</Table.Th>
                <Table.Th scope="col">{t("careerIssues.startDate")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <AnchorLink to="/admin/organisations/$organisationId" params={{ organisationId: o.id }}>
                      {o.name}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{o.chamber_of_commerce_number ?? "—"}</Table.Td>
                  <Table.Td>{o.sector ?? "—"}</Table.Td>
                  <Table.Td>{formatDate(o.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <Modal opened={opened} onClose={close} title={t("admin.newOrganisation")}>
        <NewOrganisationForm onDone={close} />
      </Modal>
    </>
  );
}

function NewOrganisationForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: "", chamber_of_commerce_number: "", sector: "" },
    validate: { name: (v) => (v.trim() ? null : t("common.required")) },
  });
  async function submit(values: typeof form.values) {
    try {
      await ok(
        api.POST("/api/v1/organisations", {
          body: {
            name: values.name,
            chamber_of_commerce_number: values.chamber_of_commerce_number.trim() || null,
            sector: values.sector.trim() || null,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ["organisations"] });
      onDone();
    } catch (error) {
      applyProblem(form, error, ["name", "chamber_of_commerce_number", "sector"]);
    }
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <TextInput label={t("admin.name")} required data-autofocus {...form.getInputProps("name")} />
        <TextInput label={t("admin.kvk")} {...form.getInputProps("chamber_of_commerce_number")} />
        <TextInput label={t("admin.sector")} {...form.getInputProps("sector")} />
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

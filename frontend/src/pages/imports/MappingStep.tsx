/** The wizard's mapping step: the file's first rows and, per Koers field, the column that holds it. */
import { Alert, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ScrollTable } from "../../components/ScrollTable";
import {
  type DateOrder,
  duplicateColumns,
  FIELD_LABEL,
  IMPORT_FIELDS,
  type ImportField,
  type MappingState,
  type NameOrder,
} from "./mapping";

const NOT_MAPPED = "__none__";

export function MappingStep({
  preview,
  value,
  onChange,
}: {
  preview: Schemas["ImportPreview"];
  value: MappingState;
  onChange: (next: MappingState) => void;
}) {
  const { t } = useTranslation();
  const columns = [
    { value: NOT_MAPPED, label: t("imports.notMapped") },
    ...preview.headers.map((h) => ({ value: h, label: h })),
  ];
  const duplicates = duplicateColumns(value);
  const nameFields: ImportField[] = ["given_name", "family_name_prefix", "family_name"];

  function setField(field: ImportField, column: string | null) {
    onChange({ ...value, fields: { ...value.fields, [field]: column === NOT_MAPPED ? null : column } });
  }

  return (
    <Stack>
      <Title order={2} size="h4">
        {t("imports.previewRows")}
      </Title>
      <ScrollTable label={t("imports.previewRows")} minWidth={500} maxHeight={260}>
        <Table striped withTableBorder fz="xs" data-testid="preview-table">
          <Table.Thead>
            <Table.Tr>
              {preview.headers.map((h) => (
                <Table.Th key={h} scope="col">
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.slice(0, 5).map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity of their own
              <Table.Tr key={i}>
                {preview.headers.map((h, j) => (
                  <Table.Td key={h}>{String(row[j] ?? "")}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>

      <Title order={2} size="h4">
        {t("imports.detected")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("imports.mappingHelp")}
      </Text>
      {duplicates.length > 0 && (
        <Alert color="orange" role="alert">
          {duplicates.join(", ")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} data-testid="mapping">
        {IMPORT_FIELDS.filter((f) => !(value.name_column && nameFields.includes(f))).map((field) => (
          <Select
            key={field}
            label={t(FIELD_LABEL[field])}
            data={columns}
            value={value.fields[field] ?? NOT_MAPPED}
            onChange={(v) => setField(field, v)}
            allowDeselect={false}
            error={value.fields[field] && duplicates.includes(value.fields[field]) ? " " : undefined}
          />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Select
          label={t("imports.dateOrder")}
          data={[
            { value: "auto", label: t("imports.dateOrderAuto") },
            { value: "dmy", label: "dd-mm-jjjj" },
            { value: "mdy", label: "mm-dd-yyyy" },
            { value: "ymd", label: "yyyy-mm-dd" },
          ]}
          value={value.date_order ?? "auto"}
          onChange={(v) => onChange({ ...value, date_order: v === "auto" || !v ? null : (v as DateOrder) })}
          allowDeselect={false}
          error={preview.date_order_ambiguous && !value.date_order ? t("common.required") : undefined}
        />
        {value.name_column && (
          <>
            <Select
              label={t("imports.nameColumn")}
              data={preview.headers}
              value={value.name_column}
              onChange={(v) => onChange({ ...value, name_column: v })}
              allowDeselect={false}
            />
            <Select
              label={t("imports.nameOrder")}
              data={[
                { value: "family_first", label: t("imports.familyFirst") },
                { value: "given_first", label: t("imports.givenFirst") },
              ]}
              value={value.name_order ?? "given_first"}
              onChange={(v) => onChange({ ...value, name_order: (v as NameOrder | null) ?? null })}
              allowDeselect={false}
            />
          </>
        )}
      </SimpleGrid>
    </Stack>
  );
}

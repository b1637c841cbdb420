import { Alert, Button, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Shown after a 412/409 from a concurrent edit: what the user typed stays in the form. */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" title={t("errors.conflictTitle")} role="alert" data-testid="conflict">
      <Text size="sm" mb="xs">
        {t("errors.conflictBody")}
      </Text>
      <Button size="xs" variant="light" color="orange" onClick={onReload}>
        {t("errors.reloadLatest")}
      </Button>
    </Alert>
  );
}

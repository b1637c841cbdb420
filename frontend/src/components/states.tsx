/** Loading, empty, error and no-access states, the same on every page. */
import { Alert, Button, Center, Loader, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconInbox, IconLock } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { errorMessage } from "../lib/problem";
import { ButtonLink } from "./links";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="md" aria-hidden />
      <Text ml="sm">{label ?? t("common.loading")}</Text>
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return error.status === 403 ? <Forbidden /> : <NotFound />;
  }
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      title={t("common.error")}
      role="alert"
      my="md"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Stack align="center" gap="xs">
        <IconInbox size={32} aria-hidden color="var(--mantine-color-dimmed)" />
        <Text c="dimmed">{children ?? t("common.empty")}</Text>
      </Stack>
    </Center>
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" gap="sm" data-testid="forbidden">
      <IconLock size={40} aria-hidden />
      <Title order={1} size="h2">
        {t("errors.forbiddenTitle")}
      </Title>
      <Text>{t("errors.forbiddenBody")}</Text>
      <ButtonLink to="/" variant="light">
        {t("errors.toHome")}
      </ButtonLink>
    </Stack>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" gap="sm">
      <Title order={1} size="h2">
        {t("errors.notFoundTitle")}
      </Title>
      <Text>{t("errors.notFoundBody")}</Text>
      <ButtonLink to="/" variant="light">
        {t("errors.toHome")}
      </ButtonLink>
    </Stack>
  );
}

/** A page title (the one h1 of the page) with optional actions on the right. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <Stack gap={0} mb="md">
      <div
        style={{
          display: "flex",
          justifyContent: "space-between",
          alignItems: "center",
          gap: 12,
          flexWrap: "wrap",
        }}
      >
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </div>
    </Stack>
  );
}

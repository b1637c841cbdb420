import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { login } from "../auth/tokens";
import { LanguageSwitch } from "../components/LanguageSwitch";

const route = getRouteApi("/login");

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { redirect } = route.useSearch();
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (v.trim() ? null : t("common.required")),
      password: (v) => (v ? null : t("common.required")),
    },
  });

  async function submit(values: { email: string; password: string }) {
    setBusy(true);
    setFailed(null);
    try {
      await login(values.email.trim(), values.password);
      queryClient.clear();
      await navigate({ to: redirect ?? "/" });
    } catch (error) {
      setFailed(error instanceof Response && error.status < 500 ? t("auth.failed") : t("errors.network"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack>
            <Group justify="space-between">
              <Title order={1} size="h3">
                {t("auth.title")}
              </Title>
              <LanguageSwitch />
            </Group>
            {failed && (
              <Alert color="red" role="alert">
                {failed}
              </Alert>
            )}
            <TextInput
              label={t("auth.email")}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps("email")}
            />
            <PasswordInput
              label={t("auth.password")}
              autoComplete="current-password"
              required
              {...form.getInputProps("password")}
            />
            <Button type="submit" loading={busy}>
              {t("auth.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

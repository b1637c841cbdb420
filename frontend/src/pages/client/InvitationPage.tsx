/**
 * Public page for a client's one-time invitation (`/client-invitation#token=…`, the `url` the API gives;
 * `?token=` works too). The client chooses a password; accepting returns tokens, so they are logged in
 * and land on their own page. The token stays in the fragment, out of server logs and Referer headers.
 */
import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, ok } from "../../api/client";
import { setTokens } from "../../auth/tokens";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { AnchorLink } from "../../components/links";
import { errorMessage, fieldErrors } from "../../lib/problem";

function tokenFromLocation(): string | null {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const search = new URLSearchParams(window.location.search);
  return hash.get("token") ?? search.get("token");
}

interface Values {
  full_name: string;
  password: string;
  repeat: string;
}

export function InvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [token] = useState(tokenFromLocation);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    initialValues: { full_name: "", password: "", repeat: "" },
    validate: {
      password: (v) => (v.length >= 10 ? null : t("client.invitation.tooShort")),
      repeat: (v, values) => (v === values.password ? null : t("client.invitation.mismatch")),
    },
  });

  async function submit(values: Values) {
    if (!token) return;
    setBusy(true);
    setFailure(null);
    try {
      const pair = await ok(
        api.POST("/api/v1/client-invitations/accept", {
          body: { token, password: values.password, full_name: values.full_name.trim() || null },
        }),
      );
      setTokens(pair);
      queryClient.clear();
      // The token is spent: drop it from the address bar and history.
      window.history.replaceState(null, "", "/client-invitation");
      await navigate({ to: "/client" });
    } catch (error) {
      const slug = error instanceof ApiError ? (error.problem?.type ?? "") : "";
      if (error instanceof ApiError && error.status === 404) setFailure(t("client.invitation.unknown"));
      else if (error instanceof ApiError && error.status === 410) setFailure(t("client.invitation.expired"));
      else if (slug.includes("account-exists")) setFailure(t("client.invitation.exists"));
      else if (error instanceof ApiError && error.status === 409) setFailure(t("client.invitation.used"));
      else {
        const fields = fieldErrors(error);
        if (fields.password) form.setFieldError("password", fields.password);
        else if (fields.full_name) form.setFieldError("full_name", fields.full_name);
        else setFailure(errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={460}>
        <Stack>
          <Group justify="space-between">
            <Title order={1} size="h3">
              {t("client.invitation.title")}
            </Title>
            <LanguageSwitch />
          </Group>
          {!token ? (
            <Alert color="red" role="alert">
              {t("client.invitation.missing")}
            </Alert>
          ) : (
            <form onSubmit={form.onSubmit(submit)} noValidate>
              <Stack>
                <Text size="sm">{t("client.invitation.intro")}</Text>
                {failure && (
                  <Alert color="red" role="alert" data-testid="invitation-error">
                    {failure}
                  </Alert>
                )}
                <TextInput
                  label={t("client.invitation.fullName")}
                  autoComplete="name"
                  {...form.getInputProps("full_name")}
                />
                <PasswordInput
                  label={t("client.invitation.password")}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps("password")}
                />
                <PasswordInput
                  label={t("client.invitation.repeat")}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps("repeat")}
                />
                <Button type="submit" loading={busy}>
                  {t("client.invitation.submit")}
                </Button>
              </Stack>
            </form>
          )}
          <AnchorLink to="/login" size="sm">
            {t("client.invitation.toLogin")}
          </AnchorLink>
        </Stack>
      </Paper>
    </Center>
  );
}

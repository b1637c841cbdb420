/**
 * The client's consent: per item the agreement allows, share or withdraw. Each change posts the complete
 * new set (a new, time-stamped consent version); withdrawing hides the item from the organisation at once.
 * The history lists every version, newest first (the first is in force).
 */
import { Badge, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { ErrorState, Loading } from "../../components/states";
import { formatDateTime } from "../../lib/format";
import { errorMessage } from "../../lib/problem";
import { CONSENT_ITEMS, type ConsentItem, consentsQuery } from "../coaching/api";

export function ConsentPanel({
  trajectoryId,
  shareable,
}: {
  trajectoryId: string;
  shareable: ConsentItem[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const history = useQuery(consentsQuery(trajectoryId));
  const [busy, setBusy] = useState<ConsentItem | null>(null);

  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  const current = history.data[0]?.items ?? [];
  const items = CONSENT_ITEMS.filter((i) => shareable.includes(i));

  async function change(item: ConsentItem, give: boolean) {
    setBusy(item);
    const next = give ? [...new Set([...current, item])] : current.filter((i) => i !== item);
    try {
      await ok(
        api.POST("/api/v1/trajectories/{trajectory_id}/consents", {
          params: { path: { trajectory_id: trajectoryId } },
          body: { items: next },
        }),
      );
      notifications.show({ color: "green", message: t("client.consent.saved") });
      await queryClient.invalidateQueries({ queryKey: ["coaching", trajectoryId] });
    } catch (error) {
      notifications.show({ color: "red", title: t("common.error"), message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm">{t("client.consent.intro")}</Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t("client.consent.notInAgreement")}</Text>
      ) : (
        <Stack gap="xs">
          {items.map((item) => {
            const on = current.includes(item);
            const label = t(`coaching.agreement.items.${item}`);
            return (
              <Card key={item} withBorder padding="sm" data-testid={`consent-${item}`}>
                <Group justify="space-between">
                  <Group gap="sm">
                    <Text fw={500}>{label}</Text>
                    <Badge color={on ? "green" : "gray"} variant="light">
                      {on ? t("client.consent.shared") : t("client.consent.notShared")}
                    </Badge>
                  </Group>
                  <Button
                    size="xs"
                    variant={on ? "outline" : "filled"}
                    color={on ? "red" : undefined}
                    loading={busy === item}
                    disabled={busy !== null && busy !== item}
                    onClick={() => void change(item, !on)}
                    aria-label={`${on ? t("client.consent.withdraw") : t("client.consent.give")}: ${label}`}
                  >
                    {on ? t("client.consent.withdraw") : t("client.consent.give")}
                  </Button>
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
      <section aria-labelledby="consent-history">
        <Title order={3} size="h5" id="consent-history" mb="xs">
          {t("client.consent.history")}
        </Title>
        {history.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("client.consent.noHistory")}
          </Text>
        ) : (
          <List spacing={4} size="sm" data-testid="consent-history">
            {history.data.map((c) => (
              <List.Item key={c.version}>
                {t("client.consent.version", { version: c.version })} · {formatDateTime(c.given_at)} ·{" "}
                {c.items.length === 0
                  ? t("client.consent.nothing")
                  : c.items.map((i) => t(`coaching.agreement.items.${i}`)).join(", ")}
              </List.Item>
            ))}
          </List>
        )}
      </section>
    </Stack>
  );
}

/**
 * "Invite client": asks the API for a one-time link (coach or HR) and shows it once, to copy and send.
 * The token is in the URL's fragment, so it never reaches a server log when the client opens it.
 */
import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMailForward } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../../api/client";
import { formatDateTime } from "../../lib/format";
import { errorMessage } from "../../lib/problem";

export function InviteClient({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [invitation, setInvitation] = useState<{ url: string; expires_at: string } | null>(null);

  async function invite() {
    setBusy(true);
    try {
      const answer = await ok(
        api.POST("/api/v1/trajectories/{trajectory_id}/client-invitations", {
          params: { path: { trajectory_id: trajectoryId } },
        }),
      );
      setInvitation({ url: new URL(answer.url, window.location.origin).href, expires_at: answer.expires_at });
    } catch (error) {
      notifications.show({ color: "red", title: t("common.error"), message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        variant="light"
        leftSection={<IconMailForward size={16} aria-hidden />}
        onClick={invite}
        loading={busy}
      >
        {t("coaching.invite.button")}
      </Button>
      <Modal
        opened={invitation !== null}
        onClose={() => setInvitation(null)}
        title={t("coaching.invite.title")}
      >
        {invitation && (
          <Stack gap="sm">
            <Text size="sm">
              {t("coaching.invite.intro", { date: formatDateTime(invitation.expires_at) })}
            </Text>
            <TextInput
              readOnly
              label={t("coaching.invite.title")}
              value={invitation.url}
              data-testid="invitation-url"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Group justify="flex-end">
              <CopyButton value={invitation.url}>
                {({ copied, copy }) => (
                  <Button onClick={copy} color={copied ? "green" : undefined}>
                    {copied ? t("coaching.invite.copied") : t("coaching.invite.copy")}
                  </Button>
                )}
              </CopyButton>
              <Button variant="default" onClick={() => setInvitation(null)}>
                {t("common.close")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

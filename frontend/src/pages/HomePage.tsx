import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth/session";
import { PageHeader } from "../components/states";

export function HomePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <>
      <PageHeader title={t("home.welcome", { name: me.full_name })} />
      {me.memberships.length === 0 && <Text>{t("home.noMemberships")}</Text>}
    </>
  );
}

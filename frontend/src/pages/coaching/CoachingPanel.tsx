/**
 * The coaching part of the trajectory page. One read (`/coaching`) says the caller's role: the coach gets
 * the tabs (intake and dossier, sessions, action plan, referral screening, agreement, closing report) and
 * "invite client"; HR and admins see what is shared with the organisation; a client is pointed to their
 * own page.
 */
import { Group, Paper, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../components/links";
import { ErrorState, Loading } from "../../components/states";
import { ActionPlanPanel } from "./ActionPlanPanel";
import { AgreementPanel } from "./AgreementPanel";
import { coachingQuery } from "./api";
import { ClosingReportPanel } from "./ClosingReportPanel";
import { IntakePanel } from "./IntakePanel";
import { InviteClient } from "./InviteClient";
import { OrganisationView } from "./OrganisationView";
import { ReferralPanel } from "./ReferralPanel";
import { SessionsPanel } from "./SessionsPanel";

const TABS = ["intake", "sessions", "actionPlan", "referral", "agreement", "closingReport"] as const;

export function CoachingPanel({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const query = useQuery(coachingQuery(trajectoryId));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const view = query.data;

  if (view.as_role === "client") {
    return (
      <Paper withBorder p="md" mt="md">
        <AnchorLink to="/client">{t("coaching.clientLink")}</AnchorLink>
      </Paper>
    );
  }
  if (view.as_role !== "coach") {
    return (
      <Paper withBorder p="md" mt="md" component="section" aria-labelledby="organisation-view-title">
        <Group justify="space-between">
          <Title order={2} size="h4" id="organisation-view-title">
            {t("coaching.organisationView.title")}
          </Title>
          <InviteClient trajectoryId={trajectoryId} />
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          {t("coaching.organisationView.intro")}
        </Text>
        <OrganisationView view={view} headingLevel={3} />
        {/* The agreement is written by coach or HR (the client agrees through consent). */}
        <Title order={3} size="h5" mt="md" mb="xs">
          {t("coaching.tabs.agreement")}
        </Title>
        <AgreementPanel view={view} />
      </Paper>
    );
  }

  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby="coaching-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="coaching-title">
          {t("coaching.tabsLabel")}
        </Title>
        <InviteClient trajectoryId={trajectoryId} />
      </Group>
      <Tabs defaultValue="sessions" keepMounted={false}>
        <Tabs.List aria-label={t("coaching.tabsLabel")}>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`coaching.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="intake" pt="md">
          <IntakePanel view={view} />
        </Tabs.Panel>
        <Tabs.Panel value="sessions" pt="md">
          <SessionsPanel view={view} />
        </Tabs.Panel>
        <Tabs.Panel value="actionPlan" pt="md">
          <ActionPlanPanel view={view} editor="coach" />
        </Tabs.Panel>
        <Tabs.Panel value="referral" pt="md">
          <ReferralPanel view={view} />
        </Tabs.Panel>
        <Tabs.Panel value="agreement" pt="md">
          <AgreementPanel view={view} />
        </Tabs.Panel>
        <Tabs.Panel value="closingReport" pt="md">
          <ClosingReportPanel view={view} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}

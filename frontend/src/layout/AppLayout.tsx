/** The authenticated shell: header (organisation switcher, language, log out), role-shaped navigation. */
import { Anchor, AppShell, Burger, Button, Group, Select, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconBriefcase,
  IconBuilding,
  IconGridDots,
  IconHistory,
  IconLayoutKanban,
  IconListDetails,
  IconRoute,
  IconUpload,
  IconUserShield,
  IconUsers,
} from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, ok } from "../api/client";
import { isCoachSomewhere, useSession } from "../auth/session";
import { logout } from "../auth/tokens";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { AnchorLink, NavLinkLink } from "../components/links";

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
}

function OrganisationSwitcher() {
  const { t } = useTranslation();
  const { me, organisationId, setOrganisation } = useSession();
  const all = useQuery({
    queryKey: ["organisations", "switcher"],
    queryFn: () => ok(api.GET("/api/v1/organisations", { params: { query: { limit: 200 } } })),
    enabled: me.is_admin,
  });
  const options = me.is_admin
    ? (all.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))
    : me.memberships.map((m) => ({
        value: m.organisation_id,
        label: `${m.organisation_name} (${t(`roles.${m.role}`)})`,
      }));
  if (options.length === 0) return null;
  if (options.length === 1 && !me.is_admin) {
    return (
      <Text size="sm" visibleFrom="xs" data-testid="current-organisation">
        {options[0]?.label}
      </Text>
    );
  }
  return (
    <Select
      aria-label={t("nav.organisation")}
      size="xs"
      w={240}
      data={options}
      value={organisationId}
      onChange={(value) => value && setOrganisation(value)}
      allowDeselect={false}
      data-testid="organisation-switcher"
    />
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { me, canHr } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  const hrItems: Item[] = canHr
    ? [
        { to: "/career-issues", label: t("nav.careerIssues"), icon: <IconBriefcase size={18} aria-hidden /> },
        { to: "/employees", label: t("nav.employees"), icon: <IconUsers size={18} aria-hidden /> },
        { to: "/imports", label: t("nav.import"), icon: <IconUpload size={18} aria-hidden /> },
        { to: "/mobility", label: t("nav.mobility"), icon: <IconGridDots size={18} aria-hidden /> },
        { to: "/audit-log", label: t("coaching.audit.title"), icon: <IconHistory size={18} aria-hidden /> },
      ]
    : [];
  // `/me` has no client flag: a user without memberships is a client (their own trajectories only).
  const clientItems: Item[] =
    me.memberships.length === 0 && !me.is_admin
      ? [{ to: "/client", label: t("client.nav"), icon: <IconRoute size={18} aria-hidden /> }]
      : [];
  const coachItems: Item[] = isCoachSomewhere(me)
    ? [
        { to: "/caseload", label: t("nav.caseload"), icon: <IconListDetails size={18} aria-hidden /> },
        { to: "/board", label: t("nav.board"), icon: <IconLayoutKanban size={18} aria-hidden /> },
      ]
    : [];
  const adminItems: Item[] = me.is_admin
    ? [
        {
          to: "/admin/organisations",
          label: t("nav.organisations"),
          icon: <IconBuilding size={18} aria-hidden />,
        },
        { to: "/admin/users", label: t("nav.users"), icon: <IconUserShield size={18} aria-hidden /> },
      ]
    : [];

  async function signOut() {
    await logout();
    queryClient.clear();
    await navigate({ to: "/login" });
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor
        href="#main"
        style={{ position: "absolute", left: -9999 }}
        onFocus={(e) => {
          e.currentTarget.style.left = "8px";
        }}
        onBlur={(e) => {
          e.currentTarget.style.left = "-9999px";
        }}
      >
        {t("app.skipToContent")}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />
            <AnchorLink to="/" fw={700} size="lg" underline="never">
              {t("app.name")}
            </AnchorLink>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <OrganisationSwitcher />
            <LanguageSwitch />
            <Text size="sm" visibleFrom="md" data-testid="user-name">
              {me.full_name}
            </Text>
            <Button size="xs" variant="default" onClick={signOut}>
              {t("auth.logout")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t("app.mainNav")}>
        {[...hrItems, ...coachItems, ...clientItems, ...adminItems].map((item) => (
          <NavLinkLink
            key={item.to}
            to={item.to}
            label={item.label}
            leftSection={item.icon}
            active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
            onClick={close}
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

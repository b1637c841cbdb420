/**
 * Routes (code-based, typed). Every page is its own chunk (`lazyRouteComponent`), so the first route loads
 * only the shell. The `_auth` layout is the login guard; `_hr`, `_coach` and `_admin` refuse pages the
 * user's roles do not allow (typed into the address bar or not).
 */
import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { ApiError } from "./api/client";
import { isCoachSomewhere, isHrSomewhere, type Me, meQuery } from "./auth/session";
import { hasSession, setUnauthenticatedHandler } from "./auth/tokens";
import { Forbidden, NotFound } from "./components/states";

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === "string" && search.redirect.startsWith("/")
      ? { redirect: search.redirect }
      : {},
  component: lazyRouteComponent(() => import("./pages/LoginPage"), "LoginPage"),
});

// A client's one-time invitation (public: the token in the fragment is the credential).
const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/client-invitation",
  component: lazyRouteComponent(() => import("./pages/client/InvitationPage"), "InvitationPage"),
});

async function loadMe(context: RouterContext, href: string): Promise<Me> {
  if (!hasSession()) throw redirect({ to: "/login", search: { redirect: href } });
  try {
    return await context.queryClient.ensureQueryData(meQuery);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw redirect({ to: "/login", search: { redirect: href } });
    }
    throw error;
  }
}

const authRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "_auth",
  beforeLoad: async ({ context, location }) => ({ me: await loadMe(context, location.href) }),
  component: lazyRouteComponent(() => import("./layout/AppLayout"), "AppLayout"),
});

const indexRoute = createRoute({
  getParentRoute: () => authRoute,
  path: "/",
  beforeLoad: ({ context }) => {
    const me = context.me;
    if (me.memberships.some((m) => m.role === "hr")) throw redirect({ to: "/career-issues" });
    if (isCoachSomewhere(me)) throw redirect({ to: "/caseload" });
    if (me.is_admin) throw redirect({ to: "/admin/organisations" });
    // `/me` has no client flag: a user without memberships is (or will be) a client of their own trajectory.
    throw redirect({ to: "/client" });
  },
  component: lazyRouteComponent(() => import("./pages/HomePage"), "HomePage"),
});

const noAccessRoute = createRoute({
  getParentRoute: () => authRoute,
  path: "/no-access",
  component: Forbidden,
});

const hrRoute = createRoute({
  getParentRoute: () => authRoute,
  id: "_hr",
  beforeLoad: ({ context }) => {
    if (!isHrSomewhere(context.me)) throw redirect({ to: "/no-access" });
  },
});

const employeesRoute = createRoute({
  getParentRoute: () => hrRoute,
  path: "/employees",
  component: lazyRouteComponent(() => import("./pages/employees/EmployeesPage"), "EmployeesPage"),
});
const employeeRoute = createRoute({
  getParentRoute: () => hrRoute,
  path: "/employees/$employeeId",
  component: lazyRouteComponent(() => import("./pages/employees/EmployeePage"), "EmployeePage"),
});
const importRoute = createRoute({
  getParentRoute: () => hrRoute,
  path: "/imports",
  component: lazyRouteComponent(() => import("./pages/imports/ImportWizard"), "ImportWizardPage"),
});
const careerIssuesRoute = createRoute({
  getParentRoute: () => hrRoute,
  path: "/career-issues",
  component: lazyRouteComponent(() => import("./pages/career-issues/CareerIssuesPage"), "CareerIssuesPage"),
});
const ISSUE_TABS = ["employees", "trajectories", "dashboard", "details"] as const;
const careerIssueRoute = createRoute({
  getParentRoute: () => hrRoute,
  path: "/career-issues/$careerIssueId",
  validateSearch: (search: Record<string, unknown>): { tab?: (typeof ISSUE_TABS)[number] } => {
    const tab = ISSUE_TABS.find((t) => t === search.tab);
    return tab ? { tab } : {};
  },
  component: lazyRouteComponent(() => import("./pages/career-issues/CareerIssuePage"), "CareerIssuePage"),
});
const auditLogRoute = createRoute({
  getParentRoute: () => hrRoute,
  path: "/audit-log",
  component: lazyRouteComponent(() => import("./pages/coaching/AuditLogPage"), "AuditLogPage"),
});
const mobilityRoute = createRoute({
  getParentRoute: () => hrRoute,
  path: "/mobility",
  component: lazyRouteComponent(() => import("./pages/mobility/MobilityPage"), "MobilityPage"),
});

const coachRoute = createRoute({
  getParentRoute: () => authRoute,
  id: "_coach",
  beforeLoad: ({ context }) => {
    if (!isCoachSomewhere(context.me)) throw redirect({ to: "/no-access" });
  },
});
const caseloadRoute = createRoute({
  getParentRoute: () => coachRoute,
  path: "/caseload",
  component: lazyRouteComponent(() => import("./pages/trajectories/CaseloadPage"), "CaseloadPage"),
});
const boardRoute = createRoute({
  getParentRoute: () => coachRoute,
  path: "/board",
  component: lazyRouteComponent(() => import("./pages/trajectories/BoardPage"), "BoardPage"),
});

const trajectoryRoute = createRoute({
  getParentRoute: () => authRoute,
  path: "/trajectories/$trajectoryId",
  component: lazyRouteComponent(() => import("./pages/trajectories/TrajectoryPage"), "TrajectoryPage"),
});

const CLIENT_TABS = [
  "overview",
  "summaries",
  "actionPlan",
  "closingReport",
  "consent",
  "organisation",
] as const;
type ClientTab = (typeof CLIENT_TABS)[number];
const clientRoute = createRoute({
  getParentRoute: () => authRoute,
  path: "/client",
  validateSearch: (search: Record<string, unknown>): { trajectory?: string; tab?: ClientTab } => ({
    ...(typeof search.trajectory === "string" ? { trajectory: search.trajectory } : {}),
    ...(CLIENT_TABS.includes(search.tab as ClientTab) ? { tab: search.tab as ClientTab } : {}),
  }),
  component: lazyRouteComponent(() => import("./pages/client/ClientHomePage"), "ClientHomePage"),
});

const adminRoute = createRoute({
  getParentRoute: () => authRoute,
  id: "_admin",
  beforeLoad: ({ context }) => {
    if (!context.me.is_admin) throw redirect({ to: "/no-access" });
  },
});
const organisationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/admin/organisations",
  component: lazyRouteComponent(() => import("./pages/admin/OrganisationsPage"), "OrganisationsPage"),
});
const organisationRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/admin/organisations/$organisationId",
  component: lazyRouteComponent(() => import("./pages/admin/OrganisationPage"), "OrganisationPage"),
});
const usersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/admin/users",
  component: lazyRouteComponent(() => import("./pages/admin/UsersPage"), "UsersPage"),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  invitationRoute,
  authRoute.addChildren([
    indexRoute,
    noAccessRoute,
    trajectoryRoute,
    clientRoute,
    hrRoute.addChildren([
      employeesRoute,
      employeeRoute,
      importRoute,
      careerIssuesRoute,
      careerIssueRoute,
      mobilityRoute,
      auditLogRoute,
    ]),
    coachRoute.addChildren([caseloadRoute, boardRoute]),
    adminRoute.addChildren([organisationsRoute, organisationRoute, usersRoute]),
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    defaultPendingComponent: undefined,
  });
  // The one global 401 handler: the session could not be refreshed, so back to login and then back here.
  setUnauthenticatedHandler(() => {
    queryClient.clear();
    const href = router.state.location.href;
    if (!href.startsWith("/login")) void router.navigate({ to: "/login", search: { redirect: href } });
  });
  return router;
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}

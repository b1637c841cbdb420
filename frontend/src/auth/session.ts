/**
 * The signed-in user (`GET /me`) and the organisation they are working in. The chosen organisation is
 * remembered in localStorage (an id, no secret). Roles: HR or coach per organisation; admins everywhere.
 */
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { api, ok, type Schemas } from "../api/client";

export type Me = Schemas["Me"];
export type Role = "hr" | "coach";

export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: () => ok(api.GET("/api/v1/me")),
  staleTime: 5 * 60_000,
});

const ORG_KEY = "koers.org";
const listeners = new Set<() => void>();

function readOrg(): string | null {
  return localStorage.getItem(ORG_KEY);
}

export function setCurrentOrganisation(id: string): void {
  localStorage.setItem(ORG_KEY, id);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The organisation in use: the remembered one when the user is still a member, else their first. */
export function resolveOrganisation(me: Me, stored: string | null): string | null {
  if (stored && me.memberships.some((m) => m.organisation_id === stored)) return stored;
  if (stored && me.is_admin) return stored;
  return me.memberships[0]?.organisation_id ?? null;
}

export function roleIn(me: Me, organisationId: string | null): Role | null {
  return me.memberships.find((m) => m.organisation_id === organisationId)?.role ?? null;
}

export function isHrSomewhere(me: Me): boolean {
  return me.is_admin || me.memberships.some((m) => m.role === "hr");
}

export function isCoachSomewhere(me: Me): boolean {
  return me.memberships.some((m) => m.role === "coach");
}

export interface Session {
  me: Me;
  organisationId: string | null;
  role: Role | null;
  /** HR of the current organisation, or an admin (who may act as HR anywhere). */
  canHr: boolean;
  setOrganisation: (id: string) => void;
}

/** The session for components inside the authenticated layout (where `me` is loaded). */
export function useSession(): Session {
  const { data: me } = useQuery(meQuery);
  const stored = useSyncExternalStore(subscribe, readOrg, () => null);
  const queryClient = useQueryClient();
  const setOrganisation = useCallback(
    (id: string) => {
      setCurrentOrganisation(id);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "me" });
    },
    [queryClient],
  );
  if (!me) throw new Error("useSession outside the authenticated layout");
  const organisationId = resolveOrganisation(me, stored);
  const role = roleIn(me, organisationId);
  return { me, organisationId, role, canHr: me.is_admin || role === "hr", setOrganisation };
}

export function storedOrganisation(): string | null {
  return readOrg();
}

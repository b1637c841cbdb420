/**
 * Tokens: the access token lives in memory only; the refresh token in sessionStorage (gone with the tab),
 * never in localStorage. Refresh tokens rotate (each works once), so refreshing is single-flight.
 */

const REFRESH_KEY = "koers.refresh";
const AUTH_PATHS = ["/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/auth/logout"];

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let onUnauthenticated: () => void = () => undefined;

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

function apiBase(): string {
  return (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/$/, "");
}

export function setTokens(pair: TokenPair): void {
  accessToken = pair.access_token;
  sessionStorage.setItem(REFRESH_KEY, pair.refresh_token);
}

export function clearTokens(): void {
  accessToken = null;
  sessionStorage.removeItem(REFRESH_KEY);
}

export function refreshToken(): string | null {
  return sessionStorage.getItem(REFRESH_KEY);
}

/** True when there is a session to resume (a refresh token in this tab). */
export function hasSession(): boolean {
  return accessToken !== null || refreshToken() !== null;
}

/** The one global handler for a session that cannot be refreshed (set by the router). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Exchange the refresh token for a new pair, once even when many requests ask at the same time. */
export function refreshAccess(): Promise<boolean> {
  if (refreshing) return refreshing;
  const token = refreshToken();
  if (!token) return Promise.resolve(false);
  refreshing = (async () => {
    try {
      const res = await fetch(`${apiBase()}/api/v1/auth/refresh`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: token }),
      });
      if (!res.ok) {
        clearTokens();
        return false;
      }
      setTokens((await res.json()) as TokenPair);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Log in with e-mail and password (OAuth2 password form). Throws the response on failure. */
export async function login(email: string, password: string): Promise<void> {
  const body = new URLSearchParams({ username: email, password });
  const res = await fetch(`${apiBase()}/api/v1/auth/token`, { method: "POST", body });
  if (!res.ok) throw res;
  setTokens((await res.json()) as TokenPair);
}

/** Revoke the refresh token on the server (best effort) and forget both tokens. */
export async function logout(): Promise<void> {
  const token = refreshToken();
  clearTokens();
  if (token) {
    await fetch(`${apiBase()}/api/v1/auth/logout`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: token }),
    }).catch(() => undefined);
  }
}

function isAuthPath(url: string): boolean {
  const path = new URL(url, window.location.origin).pathname;
  return AUTH_PATHS.some((p) => path.endsWith(p));
}

/**
 * `fetch` for the API client: adds the bearer token, and on a 401 refreshes once and retries; when that
 * fails too, hands over to the global unauthenticated handler (back to login, then back to the page).
 */
export async function authFetch(request: Request): Promise<Response> {
  if (isAuthPath(request.url)) return fetch(request);
  if (accessToken === null && refreshToken() !== null) await refreshAccess();
  const retry = request.clone();
  if (accessToken) request.headers.set("Authorization", `Bearer ${accessToken}`);
  const response = await fetch(request);
  if (response.status !== 401) return response;
  if (await refreshAccess()) {
    retry.headers.set("Authorization", `Bearer ${accessToken}`);
    const second = await fetch(retry);
    if (second.status !== 401) return second;
  }
  clearTokens();
  onUnauthenticated();
  return response;
}

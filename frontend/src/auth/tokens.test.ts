import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  authFetch,
  clearTokens,
  hasSession,
  refreshToken,
  setTokens,
  setUnauthenticatedHandler,
} from "./tokens";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("authFetch, the one global 401 handler", () => {
  const fetchMock = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>();
  const unauthenticated = vi.fn();

  beforeEach(() => {
    fetchMock.mockReset();
    unauthenticated.mockReset();
    vi.stubGlobal("fetch", fetchMock);
    setUnauthenticatedHandler(unauthenticated);
    setTokens({ access_token: "old-access", refresh_token: "refresh-1", expires_in: 900 });
  });
  afterEach(() => {
    clearTokens();
    vi.unstubAllGlobals();
  });

  it("keeps the refresh token in sessionStorage, never in localStorage", () => {
    expect(sessionStorage.getItem("koers.refresh")).toBe("refresh-1");
    expect(Object.values(localStorage).join()).not.toContain("refresh-1");
    expect(hasSession()).toBe(true);
  });

  it("sends the bearer token", async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ok: true }));
    await authFetch(new Request("http://localhost/api/v1/me"));
    const sent = fetchMock.mock.calls[0]?.[0] as Request;
    expect(sent.headers.get("Authorization")).toBe("Bearer old-access");
  });

  it("refreshes once on a 401 and retries with the new token (rotated refresh token kept)", async () => {
    fetchMock
      .mockResolvedValueOnce(json(401, { status: 401, title: "Unauthorized" }))
      .mockResolvedValueOnce(
        json(200, { access_token: "new-access", refresh_token: "refresh-2", expires_in: 900 }),
      )
      .mockResolvedValueOnce(json(200, { ok: true }));
    const res = await authFetch(
      new Request("http://localhost/api/v1/employees", { method: "POST", body: "{}" }),
    );
    expect(res.status).toBe(200);
    const retried = fetchMock.mock.calls[2]?.[0] as Request;
    expect(retried.headers.get("Authorization")).toBe("Bearer new-access");
    expect(await retried.text()).toBe("{}");
    expect(refreshToken()).toBe("refresh-2");
    expect(unauthenticated).not.toHaveBeenCalled();
  });

  it("asks for one refresh even when several requests fail at once", async () => {
    fetchMock.mockImplementation(async (input) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith("/auth/refresh")) {
        return json(200, { access_token: "new-access", refresh_token: "refresh-2", expires_in: 900 });
      }
      const auth = input instanceof Request ? input.headers.get("Authorization") : null;
      return auth === "Bearer new-access" ? json(200, {}) : json(401, {});
    });
    await Promise.all([
      authFetch(new Request("http://localhost/api/v1/a")),
      authFetch(new Request("http://localhost/api/v1/b")),
    ]);
    const refreshes = fetchMock.mock.calls.filter(([input]) => String(input).endsWith("/auth/refresh"));
    expect(refreshes).toHaveLength(1);
  });

  it("goes back to login when the refresh fails", async () => {
    fetchMock.mockResolvedValueOnce(json(401, {})).mockResolvedValueOnce(json(401, {}));
    const res = await authFetch(new Request("http://localhost/api/v1/me"));
    expect(res.status).toBe(401);
    expect(unauthenticated).toHaveBeenCalledTimes(1);
    expect(hasSession()).toBe(false);
  });
});

/**
 * The typed API client, generated from `openapi/openapi.json` (`npm run generate-client` writes
 * `schema.d.ts`). Every request goes through `authFetch` (bearer token, one refresh on 401).
 */
import createClient from "openapi-fetch";
import { authFetch } from "../auth/tokens";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];

/** Base URL of the API: same origin by default, `VITE_API_BASE_URL` for static hosting elsewhere. */
export const API_BASE: string = (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/$/, "");

export const api = createClient<paths>({ baseUrl: API_BASE, fetch: authFetch });

/** An API answer that was not 2xx, with its RFC 9457 problem details when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

type Answer<D> = { data?: D; error?: unknown; response: Response };

/** Resolve an openapi-fetch answer to its data, or throw an `ApiError`. */
export async function ok<D>(promise: Promise<Answer<D>>): Promise<D> {
  const answer = await promise;
  if (!answer.response.ok) {
    throw new ApiError(answer.response.status, isProblem(answer.error) ? answer.error : null);
  }
  return answer.data as D;
}

/** Like `ok`, and also the `ETag` header (for `If-Match` on the next update). */
export async function okWithEtag<D>(promise: Promise<Answer<D>>): Promise<{ data: D; etag: string | null }> {
  const answer = await promise;
  if (!answer.response.ok) {
    throw new ApiError(answer.response.status, isProblem(answer.error) ? answer.error : null);
  }
  return { data: answer.data as D, etag: answer.response.headers.get("ETag") };
}

/** Shared e2e fixtures: the test users, the running backend's address, logging in, screenshots, axe. */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const E2E_DIR = fileURLToPath(new URL(".", import.meta.url));
export const ORGANISATION = "Gemeente Rivierstad";
export const OTHER_ORGANISATION = "Zorggroep Noord";
export const ADMIN = {
  email: "admin@example.nl",
  password: "admin-e2e-wachtwoord",
  fullName: "Administrator",
};
export const HR = { email: "hr@example.nl", password: "hr-e2e-wachtwoord", fullName: "Hanna de Vries" };
export const COACHES = [
  { email: "coach1@example.nl", password: "coach1-e2e-wachtwoord", fullName: "Cor van den Berg" },
  { email: "coach2@example.nl", password: "coach2-e2e-wachtwoord", fullName: "Carla Jansen" },
] as const;

export interface E2EState {
  baseURL: string;
  organisationId: string;
  otherOrganisationId: string;
  users: Record<string, string>;
  dataDir: string;
}

export function state(): E2EState {
  const file = process.env.E2E_STATE_FILE;
  if (!file) throw new Error("E2E_STATE_FILE is not set: run the suite through playwright (global-setup)");
  return JSON.parse(readFileSync(file, "utf8")) as E2EState;
}

export const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their first argument
  baseURL: async ({}, use) => {
    await use(state().baseURL);
  },
});
export { expect };

/** Log in through the login form (Dutch UI unless the test switched). */
export async function login(
  page: Page,
  user: { email: string; password: string },
  path = "/",
): Promise<void> {
  await page.goto(path);
  await page.getByLabel(/E-mailadres|E-mail address/).fill(user.email);
  await page
    .getByLabel(/Wachtwoord|Password/, { exact: false })
    .first()
    .fill(user.password);
  await page.getByRole("button", { name: /Inloggen|Log in/ }).click();
  await expect(page.getByRole("navigation")).toBeVisible();
}

/** A full-page screenshot into the git-ignored artifacts folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(E2E_DIR, "artifacts", "screenshots", `${name}.png`), fullPage: true });
}

/** axe-core scan: no serious or critical violations (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Let opening transitions (a modal's fade-in) finish: mid-fade colours fail contrast checks at random.
  // (Endless animations such as loaders are left alone.)
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY ||
          (a.playState !== "running" && !a.pending),
      ),
  );
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)} ${n.failureSummary ?? ""}`).join(", ")}`,
  );
  expect(summary, `accessibility violations on ${name}`).toEqual([]);
}

/** An API call as a given user (for checks and set-up that the UI journey does not cover). */
export async function apiAs<T>(
  user: { email: string; password: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const base = state().baseURL;
  const tokenRes = await fetch(`${base}/api/v1/auth/token`, {
    method: "POST",
    body: new URLSearchParams({ username: user.email, password: user.password }),
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

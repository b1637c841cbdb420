/** axe-core on every main page (no serious or critical violations), with a screenshot of each. */
import type { Page } from "@playwright/test";
import {
  ADMIN,
  apiAs,
  COACHES,
  expect,
  expectAccessible,
  HR,
  login,
  screenshot,
  state,
  test,
} from "./fixtures";

async function visit(page: Page, path: string, name: string, heading: RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0); // no loader left
  await screenshot(page, name);
  await expectAccessible(page, name);
}

test("login page", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Inloggen bij Koers" })).toBeVisible();
  await screenshot(page, "login");
  await expectAccessible(page, "login");
});

test("HR pages", async ({ page }) => {
  const employees = await apiAs<{ items: { id: string }[] }>(HR, "GET", "/employees?limit=1");
  const issues = await apiAs<{ items: { id: string }[] }>(HR, "GET", "/career-issues?limit=1");
  await login(page, HR);
  await visit(page, "/employees", "employees-list", /Medewerkers/);
  if (employees.items[0]) await visit(page, `/employees/${employees.items[0].id}`, "employee", /./);
  await visit(page, "/career-issues", "career-issues", /Loopbaanvraagstukken/);
  await page.getByRole("button", { name: "Nieuw loopbaanvraagstuk" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, "new career issue dialog");
  await page.keyboard.press("Escape");
  if (issues.items[0]) {
    await visit(page, `/career-issues/${issues.items[0].id}?tab=details`, "career-issue-details", /./);
  }
  await visit(page, "/imports", "import-upload", /Medewerkers importeren/);
  await visit(page, "/mobility", "mobility", /Mobiliteitsmatrix/);
});

test("coach pages", async ({ page }) => {
  await login(page, COACHES[0]);
  await visit(page, "/caseload", "caseload-coach1", /Mijn cliënten/);
  await visit(page, "/board", "board-coach1", /Bord per fase/);
  await visit(page, "/no-access", "no-access", /Geen toegang/);
});

test("admin pages", async ({ page }) => {
  await login(page, ADMIN);
  await visit(page, "/admin/organisations", "admin-organisations", /Organisaties/);
  await visit(
    page,
    `/admin/organisations/${state().organisationId}`,
    "admin-organisation",
    /Gemeente Rivierstad/,
  );
  await visit(page, "/admin/users", "admin-users", /Gebruikers/);
});

test("tablet: pages fit the width, the menu opens from the burger", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await login(page, HR);
  for (const [path, name] of [
    ["/career-issues", "tablet-career-issues"],
    ["/employees", "tablet-employees"],
    ["/mobility", "tablet-mobility"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("status")).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways on a tablet`).toBeLessThanOrEqual(0);
    await screenshot(page, name);
  }
  await page.setViewportSize({ width: 600, height: 960 });
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("navigation").getByRole("link", { name: "Medewerkers", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Medewerkers" })).toBeVisible();
});

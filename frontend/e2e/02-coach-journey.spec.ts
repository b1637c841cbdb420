/**
 * The coach journey: sees only their own caseload, advances a phase, closes with a required outcome; an HR
 * page typed into the address bar is refused. An external coach switches between organisations.
 */
import { apiAs, COACHES, expect, expectAccessible, HR, login, screenshot, state, test } from "./fixtures";

interface Created {
  id: string;
}

test.beforeAll(async () => {
  const { organisationId, users } = state();
  // Idempotent: Playwright runs beforeAll again in a fresh worker after a failure.
  const existing = await apiAs<{ items: unknown[] }>(
    HR,
    "GET",
    `/employees?organisation_id=${organisationId}&q=C-00`,
  );
  if (existing.items.length > 0) return;
  const employee = async (number: string, given: string, family: string) =>
    apiAs<Created>(HR, "POST", `/organisations/${organisationId}/employees`, {
      employee_number: number,
      given_name: given,
      family_name: family,
      department: "Klantcontact",
    });
  const mine = await employee("C-001", "Klaas", "Coachklant");
  const theirs = await employee("C-002", "Karin", "Andermans");
  await apiAs(HR, "POST", "/trajectories", {
    employee_id: mine.id,
    coach_id: users[COACHES[1].email],
    coaching_type: "competency_coaching",
    planned_hours: 10,
    start_date: "2026-04-03",
  });
  await apiAs(HR, "POST", "/trajectories", {
    employee_id: theirs.id,
    coach_id: users[COACHES[0].email],
    coaching_type: "choice_guidance",
    planned_hours: 8,
  });
});

test("a coach works their caseload: advance a phase, close with an outcome", async ({ page }) => {
  await login(page, COACHES[1]);
  await expect(page).toHaveURL(/\/caseload$/);
  const caseload = page.getByTestId("caseload");
  await expect(caseload).toContainText("Klaas Coachklant");
  await expect(caseload).not.toContainText("Karin Andermans");
  await expect(page.getByRole("link", { name: "Medewerkers" })).toHaveCount(0);
  await screenshot(page, "caseload");

  await caseload.getByRole("link", { name: "Klaas Coachklant" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Klaas Coachklant");
  await expect(page.getByTestId("trajectory-phase")).toHaveText("Intake");
  await expect(page.getByText("03-04-2026")).toBeVisible();

  await page.getByRole("button", { name: "Volgende fase: Zelfanalyse" }).click();
  await expect(page.getByTestId("trajectory-phase")).toHaveText("Zelfanalyse");
  await expect(page.getByTestId("trajectory-status")).toHaveText("Actief");
  await expect(page.getByTestId("timeline")).toContainText("Fase: Intake → Zelfanalyse");

  // A transition with a reason: pause and resume.
  await page.getByRole("button", { name: "Fase of status wijzigen" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Nieuwe status" }).click();
  await page.getByRole("option", { name: "Gepauzeerd" }).click();
  await dialog.getByLabel("Reden").fill("Cliënt is twee weken op vakantie.");
  await dialog.getByRole("button", { name: "Toepassen" }).click();
  await expect(page.getByTestId("trajectory-status")).toHaveText("Gepauzeerd");
  await expect(page.getByTestId("timeline")).toContainText("Cliënt is twee weken op vakantie.");

  // Closing requires an outcome.
  await page.getByRole("button", { name: "Traject afsluiten" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Traject afsluiten" }).click();
  await expect(dialog.getByText("Kies een uitkomst")).toBeVisible();
  await expectAccessible(page, "close dialog");
  await dialog.getByRole("textbox", { name: "Uitkomst" }).click();
  await page.getByRole("option", { name: "Interne overstap" }).click();
  await dialog.getByRole("button", { name: "Traject afsluiten" }).click();
  await expect(page.getByTestId("trajectory-status")).toHaveText("Afgesloten");
  await expect(page.getByTestId("trajectory-outcome")).toHaveText("Interne overstap");
  await screenshot(page, "trajectory");
  await expectAccessible(page, "trajectory");

  // An HR page typed into the address bar is refused.
  await page.goto("/employees");
  await expect(page.getByRole("heading", { name: "Geen toegang" })).toBeVisible();
  await page.goto("/career-issues");
  await expect(page.getByRole("heading", { name: "Geen toegang" })).toBeVisible();
});

test("an external coach switches between organisations and sees a board by phase", async ({ page }) => {
  await login(page, COACHES[0]);
  const switcher = page.getByRole("textbox", { name: "Organisatie" });
  await expect(switcher).toBeVisible();
  await switcher.click();
  await expect(page.getByRole("option", { name: /Zorggroep Noord/ })).toBeVisible();
  await page.getByRole("option", { name: /Zorggroep Noord/ }).click();
  await expect(switcher).toHaveValue(/Zorggroep Noord/);

  await page.getByRole("navigation").getByRole("link", { name: "Bord per fase" }).click();
  const board = page.getByTestId("board");
  await expect(board).toContainText("Karin Andermans");
  await expect(board).not.toContainText("Klaas Coachklant");
  await screenshot(page, "board");
  await expectAccessible(page, "board");
});

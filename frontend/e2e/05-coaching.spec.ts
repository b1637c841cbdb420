/**
 * Coaching inside a trajectory (issue 5), in the browser: the coach records a session with private notes
 * and a summary, sets the agreement, submits the closing report and invites the client; the client accepts
 * the one-time link (their own login), gives consent for summaries; HR sees the summary but never the
 * private note; the client withdraws and HR no longer sees it; the client approves the closing report.
 * Axe scans of the coach's, the client's and HR's pages.
 */
import type { Browser, Page } from "@playwright/test";
import { apiAs, COACHES, expect, expectAccessible, HR, login, screenshot, state, test } from "./fixtures";

const MARKER = `PRIVEMARKER${Date.now().toString(36).toUpperCase()}`;
const SUMMARY = "Samen gekeken naar waarden en een eerste richting gekozen.";
const REPORT = "Het traject leidde tot een duidelijke keuze voor een interne overstap.";

/** A second browser (another person) on the same backend as this test's (read once: state.json is shared). */
async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test("coach, client and HR inside one trajectory: confidentiality and consent hold", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const s = state();
  const suffix = Date.now().toString().slice(-6);
  const employee = await apiAs<{ id: string }>(HR, "POST", `/organisations/${s.organisationId}/employees`, {
    employee_number: `C${suffix}`,
    given_name: "Noor",
    family_name: `Client${suffix}`,
    email: `noor.${suffix}@example.nl`,
  });
  const trajectory = await apiAs<{ id: string }>(HR, "POST", "/trajectories", {
    employee_id: employee.id,
    coach_id: s.users[COACHES[0].email],
    coaching_type: "career_counselling",
    planned_hours: 12,
  });
  const trajectoryPath = `/trajectories/${trajectory.id}`;

  // --- the coach: a session with private notes and a summary -------------------------------------
  await login(page, COACHES[0], trajectoryPath);
  await expect(page.getByRole("heading", { name: "Coaching" })).toBeVisible();
  await page.getByRole("button", { name: "Nieuw gesprek" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/^Datum en tijd/).fill("2026-12-01T10:00");
  await expect(dialog.getByText(/alleen voor jou/).first()).toBeVisible();
  await dialog.getByLabel(/Privé-aantekeningen/).fill(`Zorgen over thuissituatie ${MARKER}`);
  await dialog.getByLabel(/^Samenvatting voor de cliënt/).fill(SUMMARY);
  await dialog.getByRole("button", { name: "Opslaan" }).click();
  await expect(dialog).toBeHidden();
  const sessions = page.getByTestId("sessions-table");
  await expect(sessions).toContainText(SUMMARY);
  await expect(sessions).toContainText(MARKER);
  await expect(sessions).toContainText("01-12-2026 10:00 (Europe/Amsterdam)");
  await expect(page.getByText(/Gebruikte uren: 1 \/ 12/)).toBeVisible();
  // Editing sends If-Match with the version read; the hours used follow the duration.
  await sessions.getByRole("button", { name: "Bewerken" }).click();
  await dialog.getByLabel(/^Duur/).fill("90");
  await dialog.getByRole("button", { name: "Opslaan" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Gebruikte uren: 1,5 \/ 12/)).toBeVisible();
  await expect(sessions).toContainText(MARKER);
  await expectAccessible(page, "coach sessions");
  await screenshot(page, "coaching-sessions");

  // The dossier (intake) tab, scanned too.
  await page.getByRole("tab", { name: "Intake en dossier" }).click();
  await expect(page.getByText("Intakevragen")).toBeVisible();
  await expectAccessible(page, "coach intake");

  // The agreement: summaries and the closing report may be shared once the client consents.
  await page.getByRole("tab", { name: "Afspraken" }).click();
  await page.getByLabel("Samenvattingen van gesprekken").check();
  await page.getByLabel("De goedgekeurde eindrapportage").check();
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Opgeslagen").first()).toBeVisible();

  // The closing report: drafted and submitted to the client.
  await page.getByRole("tab", { name: "Eindrapportage" }).click();
  await page.getByLabel(/^Rapportage/).fill(REPORT);
  await page.getByRole("button", { name: "Voorleggen aan de cliënt" }).click();
  await expect(page.getByTestId("report-status")).toHaveText("Ligt bij de cliënt");
  await expectAccessible(page, "coach closing report");

  // Invite the client: the one-time link is shown once.
  await page.getByRole("button", { name: "Cliënt uitnodigen" }).click();
  const url = await page.getByTestId("invitation-url").inputValue();
  expect(url).toContain("/client-invitation#token=");
  await page.getByRole("dialog").getByRole("button", { name: "Sluiten" }).first().click();

  // --- the client: accepts the invitation and is logged in ----------------------------------------
  const client = await newPage(browser, s.baseURL);
  await client.goto(url);
  await expect(client.getByRole("heading", { name: "Maak je Koers-login aan" })).toBeVisible();
  await expectAccessible(client, "client invitation");
  await client.getByLabel(/^Wachtwoord/).fill("noor-e2e-wachtwoord");
  await client.getByLabel(/^Herhaal wachtwoord/).fill("noor-e2e-wachtwoord");
  await client.getByRole("button", { name: "Login aanmaken" }).click();
  await expect(client.getByRole("heading", { name: "Mijn traject" })).toBeVisible();
  await expect(client.getByRole("link", { name: "Mijn traject" })).toBeVisible();
  await expectAccessible(client, "client overview");

  // The client reads the summary, never the private note.
  await client.getByRole("tab", { name: "Samenvattingen" }).click();
  await expect(client.getByText(SUMMARY)).toBeVisible();
  expect(await client.content()).not.toContain(MARKER);

  // Consent for summaries.
  await client.getByRole("tab", { name: "Toestemming" }).click();
  const summariesConsent = client.getByTestId("consent-session_summaries");
  await summariesConsent.getByRole("button", { name: /Delen/ }).click();
  await expect(summariesConsent.getByText("Gedeeld", { exact: true })).toBeVisible();
  await expect(client.getByTestId("consent-history")).toContainText("Versie 1");
  await expectAccessible(client, "client consent");
  await screenshot(client, "client-consent");

  // --- HR: sees the shared summary, never the private note ----------------------------------------
  const hr = await newPage(browser, s.baseURL);
  await login(hr, HR, trajectoryPath);
  await expect(hr.getByRole("heading", { name: "Gedeeld met de organisatie" })).toBeVisible();
  await expect(hr.getByTestId("shared-summary").first()).toHaveText(SUMMARY);
  expect(await hr.content()).not.toContain(MARKER);
  await expectAccessible(hr, "HR trajectory with shared summary");

  // HR's audit log: ids and actions only.
  await hr.goto("/audit-log");
  await expect(hr.getByTestId("audit-log")).toBeVisible();
  await expect(hr.getByTestId("audit-log")).toContainText("coaching_session");
  expect(await hr.content()).not.toContain(MARKER);
  expect(await hr.content()).not.toContain(SUMMARY);
  await expectAccessible(hr, "HR audit log");

  // --- the client withdraws: HR no longer sees the summary ----------------------------------------
  await summariesConsent.getByRole("button", { name: /Intrekken/ }).click();
  await expect(summariesConsent.getByText("Niet gedeeld")).toBeVisible();
  await expect(client.getByTestId("consent-history")).toContainText("Versie 2");
  await client.getByRole("tab", { name: "Wat mijn organisatie ziet" }).click();
  await expect(client.getByTestId("organisation-view")).toBeVisible();
  await expect(client.getByTestId("shared-summary")).toHaveCount(0);
  await expectAccessible(client, "client view as organisation");

  await hr.goto(trajectoryPath);
  await expect(hr.getByRole("heading", { name: "Gedeeld met de organisatie" })).toBeVisible();
  await expect(hr.getByTestId("organisation-view")).toBeVisible();
  await expect(hr.getByTestId("shared-summary")).toHaveCount(0);
  const hrHtml = await hr.content();
  expect(hrHtml).not.toContain(SUMMARY);
  expect(hrHtml).not.toContain(MARKER);

  // --- the client approves the closing report -----------------------------------------------------
  await client.getByRole("tab", { name: "Eindrapportage" }).click();
  await expect(client.getByTestId("client-report-body")).toHaveText(REPORT);
  await expectAccessible(client, "client closing report");
  await client.getByRole("button", { name: "Goedkeuren" }).click();
  await expect(client.getByTestId("client-report-status")).toHaveText("Goedgekeurd");

  // The coach sees it approved.
  await page.reload();
  await page.getByRole("tab", { name: "Eindrapportage" }).click();
  await expect(page.getByTestId("report-status")).toHaveText("Goedgekeurd");
});

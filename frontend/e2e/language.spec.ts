import { expect, HR, login, test } from "./fixtures";

test("the language switch changes the UI and is remembered", async ({ page }) => {
  await login(page, HR, "/employees");
  await expect(page.getByRole("heading", { level: 1, name: "Medewerkers" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  await page.getByTestId("language-switch").getByText("EN").click();
  await expect(page.getByRole("heading", { level: 1, name: "Employees" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Career issues" })).toBeVisible();

  // Remembered across a reload (the session resumes through the refresh token).
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Employees" })).toBeVisible();

  await page.getByTestId("language-switch").getByText("NL").click();
  await expect(page.getByRole("heading", { level: 1, name: "Medewerkers" })).toBeVisible();
});

test("an unknown session goes to login and back to the page asked for", async ({ page }) => {
  await page.goto("/employees");
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByLabel("E-mailadres").fill(HR.email);
  await page.getByLabel("Wachtwoord").fill(HR.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/employees$/);
});

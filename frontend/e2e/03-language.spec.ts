import { expect, HR, login, test } from "./fixtures";

test("the language switch changes the UI, dates and numbers, and is remembered", async ({ page }) => {
  await login(page, HR, "/employees");
  await expect(page.getByRole("heading", { level: 1, name: "Medewerkers" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.getByLabel("Zoek op naam of personeelsnummer").fill("000101");
  await expect(page.getByRole("row", { name: /Pieter van der Berg/ })).toContainText("0,8");

  await page.getByTestId("language-switch").getByText("EN").click();
  await expect(page.getByRole("heading", { level: 1, name: "Employees" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Career issues" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Pieter van der Berg/ })).toContainText("0.8");

  await page.getByRole("link", { name: "Pieter van der Berg" }).click();
  await expect(page.getByRole("textbox", { name: "Date of birth" })).toHaveValue("23/04/1975");

  // Remembered across a reload (the session resumes through the refresh token).
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Date of birth" })).toHaveValue("23/04/1975");
  await page.getByTestId("language-switch").getByText("NL").click();
  await expect(page.getByRole("textbox", { name: "Geboortedatum" })).toHaveValue("23-04-1975");
});

test("without a session a page leads to login and then back to that page", async ({ page }) => {
  await page.goto("/mobility");
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByLabel("E-mailadres").fill(HR.email);
  await page.getByLabel("Wachtwoord").fill(HR.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/mobility$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mobiliteitsmatrix" })).toBeVisible();
});

test("a wrong password is said so, without leaving the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mailadres").fill(HR.email);
  await page.getByLabel("Wachtwoord").fill("niet-het-goede-wachtwoord");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("alert")).toHaveText("E-mailadres of wachtwoord is onjuist.");
});

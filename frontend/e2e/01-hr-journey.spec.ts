/**
 * The HR journey: log in, import a CSV with Dutch headers and semicolons (preview → mapping → dry run →
 * import), create a reorganisation, enrol a department, start trajectories, see the dashboard change.
 */
import { apiAs, COACHES, expect, expectAccessible, HR, login, screenshot, state, test } from "./fixtures";

const CSV = [
  "Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Geboortedatum;Functie;Afdeling;Datum in dienst;FTE;Mobiliteitsbereidheid;Mobiliteitsvermogen",
  "000101;Pieter;van der;Berg;pieter.berg@rivierstad.nl;23-04-1975;Beleidsmedewerker;Financiën;01-02-2001;0,8;4;3",
  "000102;Fatima;;El Amrani;fatima.elamrani@rivierstad.nl;14-11-1988;Controller;Financiën;15-09-2015;1,0;5;4",
  "000103;Sanne;de;Jong;sanne.dejong@rivierstad.nl;02-07-1969;Salarisadministrateur;Financiën;01-03-1995;0,6;2;2",
  "000104;Jeroen;;Bakker;jeroen.bakker@rivierstad.nl;30-01-1980;Medewerker crediteuren;Financiën;01-06-2008;1,0;3;4",
  "000105;Eva;van;Dijk;eva.vandijk@rivierstad.nl;19-05-1992;Ontwikkelaar;ICT;01-10-2019;1,0;4;5",
  "000106;Mohammed;;Yilmaz;m.yilmaz@rivierstad.nl;08-12-1985;Systeembeheerder;ICT;01-04-2012;0,9;;",
].join("\r\n");

test("HR imports employees, runs a reorganisation and sees the dashboard change", async ({ page }) => {
  await login(page, HR);
  await expect(page).toHaveURL(/\/career-issues$/);

  // Import: upload, preview with the detected mapping, dry run, import with progress, summary.
  await page.getByRole("link", { name: "Medewerkers importeren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Medewerkers importeren" })).toBeVisible();
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("import-file").click();
  await (await chooser).setFiles({
    name: "hris-export.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV, "utf8"),
  });
  await page.getByRole("button", { name: "Voorbeeld" }).click();
  await expect(page.getByTestId("preview-table")).toContainText("El Amrani");
  const mapping = page.getByTestId("mapping");
  await expect(mapping.getByRole("textbox", { name: "Personeelsnummer" })).toHaveValue("Personeelsnummer");
  await expect(mapping.getByRole("textbox", { name: "Afdeling" })).toHaveValue("Afdeling");
  await expect(mapping.getByRole("textbox", { name: "Mobiliteitsbereidheid" })).toHaveValue(
    "Mobiliteitsbereidheid",
  );
  await screenshot(page, "import-mapping");
  await expectAccessible(page, "import mapping");

  await page.getByRole("button", { name: "Bestand controleren (proefimport)" }).click();
  await expect(page.getByTestId("no-row-errors")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("count-rows")).toHaveText("6");
  await screenshot(page, "import-dry-run");

  await page.getByRole("button", { name: "Importeren", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Import afgerond" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("count-created")).toHaveText("6");
  await screenshot(page, "import-summary");

  // The employees table: server paging, search, Dutch numbers.
  await page.getByRole("link", { name: "Naar de medewerkers" }).click();
  await expect(page.getByRole("row")).toHaveCount(7);
  await expect(page.getByRole("row", { name: /Pieter van der Berg/ })).toContainText("0,8");
  // Sorting is the server's: by employee number, then reversed.
  await page.getByRole("button", { name: "Personeelsnummer" }).click();
  await expect(page.getByRole("row").nth(1)).toContainText("000101");
  await page.getByRole("button", { name: "Personeelsnummer" }).click();
  await expect(page.getByRole("row").nth(1)).toContainText("000106");
  await expect(page.getByRole("columnheader", { name: "Personeelsnummer" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await page.getByLabel("Zoek op naam of personeelsnummer").fill("berg");
  await expect(page.getByRole("row")).toHaveCount(2);
  await screenshot(page, "employees");

  // A reorganisation: the kind list follows the family.
  await page.getByRole("link", { name: "Loopbaanvraagstukken" }).click();
  await page.getByRole("button", { name: "Nieuw loopbaanvraagstuk" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Titel").fill("Reorganisatie Financiën 2027");
  await dialog.getByRole("textbox", { name: "Soort" }).click();
  await expect(page.getByRole("option", { name: "Kweekvijver" })).toHaveCount(0);
  await page.getByRole("option", { name: "Gedwongen interne mobiliteit" }).click();
  await dialog.getByRole("button", { name: "Aanmaken" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reorganisatie Financiën 2027" })).toBeVisible();

  // The dashboard before: nothing yet.
  await page.getByRole("tab", { name: "Programmadashboard" }).click();
  await expect(page.getByTestId("kpi-affected")).toHaveText("0");
  await expect(page.getByTestId("kpi-trajectories")).toHaveText("0");

  // Enrol the department, start trajectories over both coaches.
  await page.getByRole("tab", { name: "Betrokken medewerkers" }).click();
  await page
    .getByRole("form", { name: "Medewerkers toevoegen via filter" })
    .getByLabel("Afdeling")
    .fill("Financiën");
  await page.getByRole("button", { name: "Toevoegen" }).click();
  await expect(page.getByTestId("enrol-result")).toContainText("4 toegevoegd");
  await expect(page.getByTestId("affected-table").getByRole("row")).toHaveCount(5);

  await page.getByRole("textbox", { name: "Loopbaancoaches" }).click({ force: true });
  await page.getByRole("option", { name: COACHES[0].fullName }).click();
  await page.getByRole("option", { name: COACHES[1].fullName }).click();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Trajecten starten" }).click();
  await expect(page.getByTestId("start-result")).toContainText("4 trajecten gestart");
  await screenshot(page, "career-issue");
  await expectAccessible(page, "career issue");

  // HR follows the trajectories: client, coach, phase, status (nothing of the sessions).
  await page.getByRole("tab", { name: "Trajecten" }).click();
  await expect(page.getByTestId("issue-trajectories").getByRole("row")).toHaveCount(5);
  await expectAccessible(page, "career issue trajectories");

  // The dashboard after.
  await page.getByRole("tab", { name: "Programmadashboard" }).click();
  await expect(page.getByTestId("kpi-affected")).toHaveText("4");
  await expect(page.getByTestId("kpi-trajectories")).toHaveText("4");
  await expect(page.getByTestId("by-phase").getByRole("row", { name: /Intake/ })).toContainText("4");
  await expect(page.getByTestId("per-coach").getByRole("row")).toHaveCount(3);
  await screenshot(page, "dashboard");
  await expectAccessible(page, "dashboard");

  // The mobility matrix: Fatima (5, 4) and Eva (4, 5); Mohammed is not assessed.
  await page.getByRole("link", { name: "Mobiliteitsmatrix" }).click();
  await expect(page.getByTestId("cell-5-4")).toHaveText("1");
  await expect(page.getByTestId("cell-4-5")).toHaveText("1");
  await expect(page.getByTestId("unassessed")).toContainText("Niet beoordeeld: 1");
  await screenshot(page, "mobility-matrix");
});

test("a file with bad rows gets a report of every row error and imports nothing", async ({ page }) => {
  const broken = [
    "Personeelsnummer;Voornaam;Achternaam;Geboortedatum;Afdeling",
    "000201;Anna;Visser;31-02-1990;Inkoop",
    "000202;Bram;Smit;15-06-1983;Inkoop",
    ";Chris;Mulder;13-13-1977;Inkoop",
  ].join("\n");
  await login(page, HR, "/imports");
  const chooser = page.waitForEvent("filechooser");
  await page.getByTestId("import-file").click();
  await (await chooser).setFiles({
    name: "kapot.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(broken, "utf8"),
  });
  await page.getByRole("button", { name: "Voorbeeld" }).click();
  await page.getByRole("textbox", { name: "Datumvolgorde" }).click();
  await page.getByRole("option", { name: "dd-mm-jjjj" }).click();
  await page.getByRole("button", { name: "Bestand controleren (proefimport)" }).click();
  const errors = page.getByTestId("row-errors");
  await expect(errors).toBeVisible({ timeout: 30_000 });
  await expect(errors.getByRole("row", { name: /^2 / })).toContainText("31-02-1990");
  await expect(errors.getByRole("row", { name: /^4 / }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Importeren", exact: true })).toBeDisabled();
  await screenshot(page, "import-row-errors");
  await expectAccessible(page, "import row errors");
  const found = await apiAs<{ items: unknown[] }>(HR, "GET", "/employees?q=000201");
  expect(found.items).toHaveLength(0);
});

test("a concurrent edit is reported with a reload offer, and nothing typed is lost", async ({ page }) => {
  const employee = await apiAs<{ id: string }>(
    HR,
    "POST",
    `/organisations/${state().organisationId}/employees`,
    {
      employee_number: `X-${Date.now()}`,
      given_name: "Jeroen",
      family_name: "Bakker",
      job_title: "Medewerker crediteuren",
      department: "Financiën",
    },
  );
  await login(page, HR, `/employees/${employee.id}`);
  const jobTitle = page.getByRole("textbox", { name: "Functie" });
  await expect(jobTitle).toHaveValue("Medewerker crediteuren");

  // Someone else changes the record in the meantime.
  await apiAs(HR, "PATCH", `/employees/${employee.id}`, { department: "Financiën & Control" });

  await jobTitle.fill("Teamleider crediteuren");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByTestId("conflict")).toContainText("Iemand anders heeft dit gewijzigd");
  await expect(jobTitle).toHaveValue("Teamleider crediteuren");

  await page.getByRole("button", { name: "Nieuwste versie laden" }).click();
  await expect(page.getByTestId("conflict")).toHaveCount(0);
  await expect(jobTitle).toHaveValue("Teamleider crediteuren");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Opgeslagen")).toBeVisible();
  const saved = await apiAs<{ job_title: string; department: string }>(
    HR,
    "GET",
    `/employees/${employee.id}`,
  );
  expect(saved).toMatchObject({ job_title: "Teamleider crediteuren", department: "Financiën & Control" });
});

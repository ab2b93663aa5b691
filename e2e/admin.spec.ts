import { expect, expectNoHorizontalScroll, PHONE, test } from "./support/fixtures";
import { signIn } from "./support/session";

test.describe("administration", () => {
  test("the Secretariat adds an organization, a group and a liaison manager the directory shows", async ({ page }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const org = { acronym: `e2e-${suffix}`, name: `E2E Standards Body ${suffix}` };
    const person = { name: `Liv Manager ${suffix}`, email: `liv-${suffix}@e2e.example.org` };
    await signIn(page, "secretariat@example.org", { landing: "/admin" });
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();

    // A duplicate acronym is refused with the field named, and what was typed stays.
    await page.goto("/admin/organizations/new");
    await page.getByLabel("Acronym").fill("3GPP");
    await page.getByLabel("Name").fill(org.name);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "The acronym 3gpp is already used by another organization.",
    );
    await expect(page.getByLabel("Acronym")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Name")).toHaveValue(org.name);

    await page.getByLabel("Acronym").fill(org.acronym);
    await page.getByLabel("Web site").fill("https://sdo.example.org");
    await page.getByLabel("Side").selectOption("external");
    await page.getByLabel("Formal liaison relationship").check();
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Organization created.");
    const organizationUrl = page.url();

    await page.getByRole("link", { name: `New group in ${org.acronym}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `New group in ${org.name}` })).toBeVisible();
    await page.getByLabel("Acronym").fill(`${org.acronym}-tc1`);
    await page.getByLabel("Name").fill(`Technical Committee 1 ${suffix}`);
    await page.getByLabel("Default contacts").fill("TC1 Chair <tc1-chair@e2e.example.org>\nnot a mailbox");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByLabel("Default contacts")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("“not a mailbox”");
    await page.getByLabel("Default contacts").fill("TC1 Chair <tc1-chair@e2e.example.org>");
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Group created.");

    await page.goto("/admin/people/new");
    await page.getByLabel("Name").fill(person.name);
    await page.getByLabel("Primary e-mail").fill(person.email);
    await page.getByRole("button", { name: "Create person" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Person created.");

    await page.goto(organizationUrl);
    const managers = page.getByRole("region", { name: "Liaison managers" });
    await managers.getByLabel("Person").fill(person.email);
    await managers.getByRole("button", { name: "Add liaison manager" }).click();
    await expect(managers.getByRole("status")).toContainText("Role assigned.");
    await expect(managers.getByRole("table", { name: "Liaison managers" })).toContainText(person.name);

    await page.goto("/directory");
    const section = page.getByRole("region", { name: new RegExp(org.name) });
    await expect(section).toContainText(person.name);
    await expect(section.getByRole("link", { name: new RegExp(person.email) })).toHaveAttribute(
      "href",
      `mailto:${person.email}`,
    );

    await page.goto("/admin/audit");
    await expect(page.getByRole("table", { name: /Administrative changes/ })).toContainText(
      `Made ${person.name} Liaison manager of ${org.name}`,
    );
  });

  test("invites a person by e-mail; the link lets them choose a password and sign in", async ({
    page,
    browser,
    mail,
  }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const person = { name: `Ines Invited ${suffix}`, email: `ines-${suffix}@e2e.example.org` };
    await signIn(page, "secretariat@example.org", { landing: "/admin/people/new" });
    await page.getByLabel("Name").fill(person.name);
    await page.getByLabel("Primary e-mail").fill(person.email);
    await page.getByRole("button", { name: "Create person" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Person created.");

    const invitation = page.getByRole("region", { name: "Invitation" });
    await invitation.getByRole("button", { name: "Invite by e-mail" }).click();
    await expect(invitation.getByRole("status")).toContainText(`Invitation sent to ${person.email}`);
    const message = await mail.waitFor((m) => m.to.some((t) => t.address === person.email), {
      description: `invitation to ${person.email}`,
    });
    expect(message.subject).toMatch(/invited/i);
    const link = /https?:\/\/\S+\/reset-password\?purpose=invite&\S+/.exec(message.text)?.[0];
    expect(link, message.text).toBeTruthy();

    const invitee = await browser.newContext();
    const invitedPage = await invitee.newPage();
    await invitedPage.goto(link!);
    await invitedPage.getByLabel(/^Password/).fill("a-long-password-1");
    await invitedPage.getByLabel("Repeat the password").fill("a-long-password-1");
    await invitedPage.getByRole("button", { name: "Set password" }).click();
    await expect(invitedPage.getByRole("heading", { level: 1, name: person.name })).toBeVisible();
    await invitee.close();
  });

  test("administration pages have no serious or critical accessibility violations", async ({
    page,
    expectNoA11yViolations,
  }) => {
    test.slow(); // seven axe scans
    await signIn(page, "secretariat@example.org", { landing: "/admin/organizations/new" });
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await expectNoA11yViolations(page);
    for (const path of [
      "/admin",
      "/admin/organizations",
      "/admin/groups?organization=3gpp",
      "/admin/people?q=example",
      "/admin/audit",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoA11yViolations(page);
    }
    await page.goto("/admin/people?q=lm-3gpp");
    await page.getByRole("link", { name: "Mia Tanaka" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mia Tanaka" })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test("a WG chair gets 403 for every administration page", async ({ page }) => {
    await signIn(page, "chair@example.org");
    for (const path of ["/admin", "/admin/organizations", "/admin/people/1", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Not allowed");
    }
  });

  test("a signed-out visitor gets 403 too", async ({ page }) => {
    const response = await page.goto("/admin/organizations");
    expect(response?.status()).toBe(403);
  });
});

test.describe("administration without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a rejected form keeps the values and names the error; a valid one creates the organization", async ({
    page,
  }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    await signIn(page, "secretariat@example.org", { landing: "/admin/organizations/new" });
    await page.getByLabel("Acronym").fill("itu-t");
    await page.getByLabel("Name").fill(`No Script Body ${suffix}`);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("The acronym itu-t is already used");
    await expect(page.getByLabel("Name")).toHaveValue(`No Script Body ${suffix}`);
    await page.getByLabel("Acronym").fill(`noscript-${suffix}`);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Organization created.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`No Script Body ${suffix}`);
  });
});

test.describe("administration actions called directly", () => {
  test.use({ javaScriptEnabled: false });

  test("a WG chair calling the Secretariat's server action gets 403 and nothing is created", async ({
    page,
    browser,
    baseURL,
  }) => {
    const acronym = `forged-${Math.random().toString(36).slice(2, 8)}`;
    await signIn(page, "secretariat@example.org", { landing: "/admin/organizations/new" });
    // The server action's id, from the hidden fields React renders for the form (progressive enhancement).
    const reference = await page.locator("main form input[name$=':0']").first().getAttribute("value");
    const actionId = (JSON.parse(reference ?? "{}") as { id?: string }).id;
    expect(actionId).toBeTruthy();

    const chair = await browser.newContext();
    await signIn(await chair.newPage(), "chair@example.org");
    // What the browser sends for useActionState(action)(formData): the form's fields as reference 1, then
    // the arguments (previous state, the form). The order matters: the root part "0" comes last.
    const body = new FormData();
    for (const [name, value] of Object.entries({ acronym, name: "Forged Body", url: "", side: "external" })) {
      body.append(`_1_${name}`, value);
    }
    body.append("0", '[{"status":"idle"},"$K1"]');
    const response = await chair.request.post("/admin/organizations/new", {
      headers: { "Next-Action": actionId!, Accept: "text/x-component", origin: baseURL ?? "" },
      multipart: body,
    });
    expect(response.status()).toBe(403);
    await chair.close();

    await page.goto("/admin/organizations");
    await expect(page.getByRole("table", { name: "Organizations" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Organizations" })).not.toContainText(acronym);
  });
});

test.describe("administration on a phone", () => {
  test.use(PHONE);

  test("the pages fit the screen; wide tables scroll inside themselves", async ({ page }) => {
    await signIn(page, "secretariat@example.org", { landing: "/admin" });
    for (const path of ["/admin", "/admin/organizations", "/admin/groups", "/admin/people", "/admin/audit"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoHorizontalScroll(page);
    }
    await page.goto("/admin/people?q=lm-3gpp");
    await page.getByRole("link", { name: "Mia Tanaka" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mia Tanaka" })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await page.getByRole("link", { name: /3rd Generation Partnership Project/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /3rd Generation Partnership Project/ })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});

test("the administration's own navigation marks the page one is on", async ({ page }) => {
  await signIn(page, "secretariat@example.org", { landing: "/admin/people" });
  const nav = page.getByRole("navigation", { name: "Administration" });
  await expect(nav.getByRole("link", { name: "People" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current", /.*/);
  await page.getByRole("main").getByRole("link", { name: "Ada Lindqvist" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lindqvist" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "People" })).toHaveAttribute("aria-current", "true");
});

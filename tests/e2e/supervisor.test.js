"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

let browser, site, files;
before(async () => {
  site = h.buildSite();
  browser = await h.launch();
  files = await Promise.all([traineeFile("Ada Lovelace", false), traineeFile("Grace Hopper", true)]);
});
after(() => browser && browser.close());

/**
 * One trainee's exported progress file: she completes (or, with `poor`, half-does) the course in
 * her own browser, shares one reflection and keeps the other back.
 */
async function traineeFile(name, poor) {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "index.html"));
  await h.completeCourse(page, site, { poor, reflection: name + " shares this.", secret: name + " keeps this private." });
  await page.goto(h.fileUrl(site, "certificate/index.html"));
  await page.fill("[data-cert-name-input]", name);
  await page.locator("[data-cert-name-input]").blur();
  const code = poor ? null : await page.textContent("[data-cert-code]");
  await page.goto(h.fileUrl(site, "progress/index.html"));
  await page.uncheck('[data-export-share-list] li:has-text("Why do you want to run groups") input');
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-export]")]);
  const file = path.join(path.dirname(await download.path()), name.split(" ")[0].toLowerCase() + "-progress.json");
  fs.copyFileSync(await download.path(), file);
  await context.close();
  return { name, file, code };
}

test("export: unticked reflections are left out of the file, which still imports", async () => {
  const data = JSON.parse(fs.readFileSync(files[0].file, "utf8"));
  assert.equal(data.reflections["basics/own-groups"].text, "Ada Lovelace shares this.");
  assert.equal(data.reflections["practice/why-here"], undefined, "the private reflection stays out");
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "progress/index.html"));
  await page.setInputFiles("[data-import]", files[0].file);
  await page.waitForSelector('[data-transfer-status]:has-text("Imported")');
  assert.equal((await h.savedState(page)).reflections["basics/own-groups"].text, "Ada Lovelace shares this.");
  await context.close();
});

test("supervisor: two trainees' files kept apart, read-only, own progress unchanged", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await page.fill('textarea[data-reflection="basics/own-groups"]', "The supervisor's own note.");
  await page.locator("h1").click();
  await page.goto(h.fileUrl(site, "supervisor/index.html"));
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

  await page.setInputFiles("[data-supervisor-files]", files.map((f) => f.file));
  await page.waitForSelector("[data-trainee]:nth-of-type(2)");
  assert.match(await page.textContent("[data-supervisor-status]"), /Opened 2 of 2 files/);
  const [ada, grace] = await page.$$eval("[data-trainee]", (els) => els.map((e) => e.innerText));
  assert.match(ada, /^Ada Lovelace/);
  assert.match(ada, /Course completed on/);
  assert.ok(ada.includes(files[0].code), "Ada's verification code matches her certificate");
  assert.match(ada, /matches the code stated in the file/);
  assert.match(ada, /Check your understanding\s+100%\s+100%\s+80%\s+passed/);
  assert.match(ada, /The group comes together/);
  assert.match(ada, /Ada Lovelace shares this\./);
  assert.doesNotMatch(ada, /Grace|keeps this private|supervisor's own/, "nothing of the other trainee or the supervisor");
  assert.match(grace, /^Grace Hopper/);
  assert.match(grace, /The group drifts apart/);
  assert.match(grace, /Grace Hopper shares this\./);
  assert.doesNotMatch(grace, /Ada|keeps this private|supervisor's own/);

  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), before, "the supervisor's storage is untouched");
  await page.goto(h.fileUrl(site, "basics/index.html"));
  assert.equal(await page.inputValue('textarea[data-reflection="basics/own-groups"]'), "The supervisor's own note.");
  h.assertNoErrors(page);
  await context.close();
});

test("supervisor: a tampered file shows a different code; a file of another course is refused", async () => {
  const data = JSON.parse(fs.readFileSync(files[0].file, "utf8"));
  data.learner.name = "Ada King";
  const tampered = path.join(path.dirname(files[0].file), "tampered.json");
  fs.writeFileSync(tampered, JSON.stringify(data));
  const other = path.join(path.dirname(files[0].file), "other.json");
  fs.writeFileSync(other, JSON.stringify(Object.assign({}, data, { course: "another-course" })));
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "supervisor/index.html"));
  await page.setInputFiles("[data-supervisor-files]", [tampered, other]);
  await page.waitForSelector(".trainee:nth-of-type(2)");
  assert.match(await page.textContent("[data-supervisor-status]"), /Opened 1 of 2 files/);
  assert.match(await page.innerText(".trainee >> nth=0"), /states a different code/);
  assert.match(await page.innerText(".trainee >> nth=1"), /could not be read: the saved data belongs to another course/);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`supervisor: axe clean with trainees open, keyboard reaches the file picker (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await h.open(context, h.fileUrl(site, "supervisor/index.html"));
    assert.deepEqual(await h.seriousViolations(page), []);
    await h.tabTo(page, "[data-supervisor-files]");
    await page.setInputFiles("[data-supervisor-files]", files.map((f) => f.file));
    await page.waitForSelector("[data-trainee]:nth-of-type(2)");
    assert.deepEqual(await h.seriousViolations(page), []);
    await context.close();
  });
}

"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildSite(); browser = await h.launch(); });
after(() => browser && browser.close());

const Q1 = '[data-question="basics/group-vs-individual"]';
const REFLECTION = 'textarea[data-reflection="basics/own-groups"]';

async function passBasics(page) {
  await page.check(`${Q1} input[value="b"]`);
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.check('[data-question="basics/processes"] input[value="b"]');
  await page.click("[data-quiz-submit]");
}

test("export, reset and import: a round trip through a progress file", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await passBasics(page);
  await page.fill(REFLECTION, "My running club.");
  await page.locator("h1").click();
  await page.goto(h.fileUrl(site, "progress/index.html"));
  assert.match(await page.innerText("[data-report]"), /Check your understanding\s+100%\s+100%\s+80%\s+passed/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-export]")]);
  assert.match(download.suggestedFilename(), /^facilitating-therapy-groups-progress-\d{4}-\d\d-\d\d\.json$/);
  const file = fs.readFileSync(await download.path());
  assert.equal(JSON.parse(file).reflections["basics/own-groups"].text, "My running club.");

  page.once("dialog", (d) => d.dismiss());
  await page.click("[data-reset]");
  assert.match(await page.innerText("[data-report]"), /passed/, "dismissing the confirmation keeps everything");
  page.once("dialog", (d) => d.accept());
  await page.click("[data-reset]");
  assert.match(await page.textContent("[data-transfer-status]"), /deleted/);
  assert.match(await page.innerText("[data-report]"), /not passed yet/);
  assert.doesNotMatch(await page.innerText("[data-report]"), /running club/);

  await page.setInputFiles("[data-import]", { name: "progress.json", mimeType: "application/json", buffer: file });
  await page.waitForFunction(() => /Imported/.test(document.querySelector("[data-transfer-status]").textContent));
  assert.match(await page.innerText("[data-report]"), /passed[\s\S]*My running club\./);
  await page.goto(h.fileUrl(site, "basics/index.html"));
  assert.equal(await page.inputValue(REFLECTION), "My running club.");
  h.assertNoErrors(page);
  await context.close();
});

test("import: a bad file is refused with a reason and changes nothing", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "progress/index.html"));
  const before = await h.savedState(page);
  const attempts = [
    ["notes.json", "this is not JSON", /not valid JSON/],
    ["other.json", JSON.stringify({ version: 1, course: "another-course", visits: {}, quizzes: {}, scenarios: {}, reflections: {} }), /another course/],
    ["html.json", JSON.stringify({ version: 1, course: "e2e-groups", visits: "<img src=x onerror=alert(1)>", quizzes: {}, scenarios: {}, reflections: {} }), /wrong shape/]
  ];
  for (const [name, text, reason] of attempts) {
    await page.setInputFiles("[data-import]", { name, mimeType: "application/json", buffer: Buffer.from(text) });
    await page.waitForFunction(() => /Import failed/.test(document.querySelector("[data-transfer-status]").textContent));
    assert.match(await page.textContent("[data-transfer-status]"), reason);
    await page.evaluate(() => { document.querySelector("[data-transfer-status]").textContent = ""; });
  }
  assert.deepEqual(await h.savedState(page), before);
  const injected = { version: 1, course: "e2e-groups", visits: {}, quizzes: {}, scenarios: {},
    reflections: { "basics/own-groups": { text: "<img src=x onerror=\"document.title='pwned'\">", at: 1 } } };
  await page.setInputFiles("[data-import]", { name: "x.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(injected)) });
  await page.waitForFunction(() => /Imported/.test(document.querySelector("[data-transfer-status]").textContent));
  assert.equal(await page.$("[data-report] img"), null, "imported text is never parsed as HTML");
  assert.match(await page.innerText("[data-report]"), /<img src=x/);
  assert.notEqual(await page.title(), "pwned");
  h.assertNoErrors(page);
  await context.close();
});

test("corrupt storage: kept as a backup, the learner is told, the course starts clean", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "index.html"));
  await page.evaluate((k) => localStorage.setItem(k, "{\"version\":1,\"course\":"), h.STORAGE_KEY);
  await page.reload();
  assert.equal(await page.isVisible("[data-storage-note]"), true);
  assert.match(await page.textContent("[data-storage-note]"), /could not be read/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ":backup"), h.STORAGE_KEY), "{\"version\":1,\"course\":");
  assert.equal((await h.savedState(page)).course, "e2e-groups");
  await page.reload();
  assert.equal(await page.isVisible("[data-storage-note]"), false, "the notice is shown once");
  h.assertNoErrors(page);
  await context.close();
});

test("storage disabled: everything works in memory and the learner is told progress will not be kept", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("Access denied", "SecurityError"); } });
  });
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  assert.match(await page.textContent("[data-storage-note]"), /will not be kept/);
  await passBasics(page);
  assert.match(await page.textContent('[data-quiz="basics"] [data-quiz-result]'), /You passed/);
  await page.fill(REFLECTION, "Only in memory.");
  await page.locator("h1").click();
  assert.match(await page.textContent(`${REFLECTION} ~ .note [data-save-status]`), /Not saved/);
  h.assertNoErrors(page);
  await context.close();
});

test("two tabs: changes in one show up in the other and neither overwrites the other", async () => {
  const context = await browser.newContext();
  const a = await h.open(context, h.fileUrl(site, "basics/index.html"));
  const b = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await a.fill(REFLECTION, "Written in tab A.");
  await a.locator("h1").click();
  await b.waitForFunction((sel) => document.querySelector(sel).value === "Written in tab A.", REFLECTION);
  await passBasics(b);
  await a.waitForSelector('[data-quiz="basics"] [data-quiz-result]:not([hidden])');
  assert.match(await a.textContent('[data-quiz="basics"] [data-quiz-result]'), /You passed/);
  const saved = await h.savedState(a);
  assert.equal(saved.reflections["basics/own-groups"].text, "Written in tab A.");
  assert.equal(saved.quizzes.basics.best.score, 2);
  h.assertNoErrors(a);
  h.assertNoErrors(b);
  await context.close();
});

test("JavaScript off: quiz, scenario, reflection and vignette pages say what needs it", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const pages = {
    "basics/index.html": /Checking and saving your answer needs JavaScript/,
    "practice/first-session/index.html": /This scenario needs JavaScript/,
    "practice/index.html": /what you type here is lost when you leave the page/,
    "vignettes/new-member/index.html": /Saving your answers needs JavaScript/
  };
  for (const [url, expected] of Object.entries(pages)) {
    const page = await context.newPage();
    await page.goto(h.fileUrl(site, url));
    const notes = await page.locator("[data-needs-js]").allTextContents();
    assert.ok(notes.some((text) => expected.test(text)), `${url}: ${notes.join(" | ")}`);
    assert.ok(await page.locator("[data-needs-js]").first().isVisible(), `${url}: the notice shows`);
    await page.close();
  }
  await context.close();
});

test("partly invalid storage: valid records kept, the rest backed up, the learner told", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await page.fill(REFLECTION, "Kept.");
  await page.locator("h1").click();
  const state = await h.savedState(page);
  state.reflections["basics/other"] = { text: "Lost.", at: "yesterday" };
  const raw = JSON.stringify(state);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [h.STORAGE_KEY, raw]);
  await page.reload();
  assert.match(await page.textContent("[data-storage-note]"), /Part of your saved progress could not be read/);
  assert.equal(await page.inputValue(REFLECTION), "Kept.");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k + ":backup"), h.STORAGE_KEY), raw);
  const after = await h.savedState(page);
  assert.equal(after.reflections["basics/own-groups"].text, "Kept.");
  assert.equal(after.reflections["basics/other"], undefined);
  h.assertNoErrors(page);
  await context.close();
});

test("writes blocked, reads working: saved progress is shown and export holds it", async () => {
  const context = await browser.newContext();
  const first = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await first.fill(REFLECTION, "Written before storage filled up.");
  await first.locator("h1").click();
  const before = await h.savedState(first);
  await first.close();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
  });
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  assert.match(await page.textContent("[data-storage-note]"), /read your saved progress but not save/);
  assert.equal(await page.inputValue(REFLECTION), "Written before storage filled up.");
  await page.goto(h.fileUrl(site, "progress/index.html"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-export]")]);
  const exported = JSON.parse(fs.readFileSync(await download.path()));
  assert.equal(exported.reflections["basics/own-groups"].text, "Written before storage filled up.");
  assert.deepEqual(await h.savedState(page), before, "nothing was written");
  h.assertNoErrors(page);
  await context.close();
});

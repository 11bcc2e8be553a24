"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildSite(); browser = await h.launch(); });
after(() => browser && browser.close());

const DAY = 864e5;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const Q1 = '[data-question="basics/group-vs-individual"]';
const Q2 = '[data-question="basics/processes"]';
const ITEM1 = '[data-review-item="basics/group-vs-individual"]';
const ITEM2 = '[data-review-item="basics/processes"]';

/** A context whose clock starts at T0; `at(page, days)` moves it on and reloads. */
async function clocked(options = {}) {
  const context = await browser.newContext(options);
  await context.clock.install({ time: T0 });
  return context;
}
/** A minute past `days` days after T0 (the answers were given a little after T0). */
async function at(page, days) {
  await page.clock.setSystemTime(T0 + days * DAY + 60000);
  await page.reload();
}

/** Submits the basics quiz with question 1 wrong and question 2 right, and writes a reflection. */
async function answerQuiz(context) {
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await page.check(`${Q1} input[value="a"]`);
  await page.check(`${Q2} input[value="a"]`);
  await page.check(`${Q2} input[value="b"]`);
  await page.click("[data-quiz-submit]");
  await page.fill('textarea[data-reflection="basics/own-groups"]', "My running club.");
  await page.locator('textarea[data-reflection="basics/own-groups"]').blur();
  await page.close();
}

async function dueKeys(page) {
  return page.$$eval("[data-review-item]", (els) => els.map((e) => e.getAttribute("data-review-item")));
}

test("review: a wrong answer comes back after a day, a right one only after three; answering reschedules", async () => {
  const context = await clocked();
  await answerQuiz(context);
  const page = await h.open(context, h.fileUrl(site, "index.html"));
  await page.waitForSelector("[data-review]:not([hidden])");
  assert.deepEqual(await dueKeys(page), [], "nothing is due on the day of the quiz");
  assert.match(await page.textContent("[data-review]"), /Nothing is due now/);
  assert.match(await page.textContent(".review-later"), /Coming up \(3\)/);

  await at(page, 1);
  assert.deepEqual(await dueKeys(page), ["basics/group-vs-individual"], "the wrong answer is due after one day, the right one is not");
  assert.match(await page.textContent(ITEM1), /Box 1 of 5 · due since/);
  await page.click(`${ITEM1} button:has-text("Answer again")`);
  await page.waitForSelector(`${ITEM1} .review-q`);
  assert.match(await page.textContent(`${ITEM1} .q-text`), /social cure/, "the question text is loaded on demand");
  assert.equal(await page.evaluate(() => document.activeElement.name), "rv-basics-group-vs-individual", "focus moves to the first option");
  await page.keyboard.press("ArrowDown");
  await page.click(`${ITEM1} button:has-text("Check answer")`);
  await h.announced(page, /Correct\. It comes back on/);
  assert.match(await page.textContent(`${ITEM1} [data-option="b"] .verdict`), /Your answer: correct/);
  assert.match(await page.textContent(`${ITEM1} .review-explain`), /groups heal/);
  const reviewed = (await h.savedState(page)).review.items["basics/group-vs-individual"];
  assert.equal(reviewed.box, 2, "a right review answer moves the question up to box 2");
  assert.ok(reviewed.at >= T0 + DAY && reviewed.at < T0 + DAY + 120000, "dated by the (advanced) clock");

  await at(page, 2);
  assert.deepEqual(await dueKeys(page), [], "the reviewed question waits three days now");
  await at(page, 3);
  assert.deepEqual(await dueKeys(page), ["basics/processes"], "the right answer is due after three days");
  await at(page, 4.1);
  assert.deepEqual(await dueKeys(page), ["basics/processes", "basics/group-vs-individual"]);
  await page.click(`${ITEM2} button:has-text("Answer again")`);
  await page.waitForSelector(`${ITEM2} .review-q`);
  await page.check(`${ITEM2} input[value="c"]`);
  await page.click(`${ITEM2} button:has-text("Check answer")`);
  await h.announced(page, /Not quite/);
  assert.equal((await h.savedState(page)).review.items["basics/processes"].box, 1, "a wrong review answer goes back to box 1");
  await at(page, 5.2);
  assert.ok((await dueKeys(page)).includes("basics/processes"), "and comes back the next day");
  h.assertNoErrors(page);
  await context.close();
});

test("review: reflections are revisited after a week; the learner can add to them and turn review off", async () => {
  const context = await clocked();
  await answerQuiz(context);
  const page = await h.open(context, h.fileUrl(site, "index.html"));
  await at(page, 7);
  const ITEM = '[data-review-item="basics/own-groups"]';
  await page.click(`${ITEM} button:has-text("Revisit")`);
  assert.match(await page.textContent(`${ITEM} .review-before`), /My running club/);
  await page.fill(`${ITEM} textarea`, "And my choir.");
  await page.click(`${ITEM} button:has-text("Add to my journal")`);
  await h.announced(page, /Added to your journal/);
  const saved = await h.savedState(page);
  assert.match(saved.reflections["basics/own-groups"].text, /^My running club\.\n\nAdded on .*: And my choir\.$/);
  assert.equal(saved.review.items["basics/own-groups"].box, 4);

  await page.click("[data-review-switch]");
  assert.match(await page.textContent("[data-review]"), /Review is off/);
  assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-review-switch")), true, "focus stays on the switch");
  await page.reload();
  assert.deepEqual(await dueKeys(page), [], "off stays off");
  assert.equal((await h.savedState(page)).review.off, true);
  await page.click("[data-review-switch]");
  assert.ok((await dueKeys(page)).length > 0, "turned on again, due items return");
  h.assertNoErrors(page);
  await context.close();
});

test("review: an old version 1 state loads, is migrated, and its answers are scheduled", async () => {
  const context = await clocked();
  const v1 = { version: 1, course: "e2e-groups", seed: "abc", started: T0 - 9 * DAY, visits: { basics: T0 - 9 * DAY }, last: null,
    quizzes: { basics: { latest: { answers: { "group-vs-individual": ["c"], processes: ["a", "b"] }, at: T0 - 2 * DAY, score: 1, total: 2 } } },
    scenarios: {}, reflections: {} };
  await context.addInitScript((s) => { if (!localStorage.getItem("ingroup:e2e-groups")) localStorage.setItem("ingroup:e2e-groups", s); }, JSON.stringify(v1));
  const page = await h.open(context, h.fileUrl(site, "index.html"));
  await page.waitForSelector("[data-review]:not([hidden])");
  assert.deepEqual(await dueKeys(page), ["basics/group-vs-individual"]);
  assert.equal((await h.savedState(page)).version, 1, "loading alone does not rewrite the old state");
  await page.goto(h.fileUrl(site, "basics/index.html"));
  const saved = await h.savedState(page);
  assert.equal(saved.version, 3);
  assert.deepEqual(saved.quizzes, v1.quizzes, "the old attempts are kept");
  h.assertNoErrors(page);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`review: axe finds no serious violations with an open question (${scheme})`, async () => {
    const context = await clocked({ colorScheme: scheme });
    await answerQuiz(context);
    const page = await h.open(context, h.fileUrl(site, "index.html"));
    await at(page, 8);
    await page.click(`${ITEM1} button:has-text("Answer again")`);
    await page.waitForSelector(`${ITEM1} .review-q`);
    await page.click('[data-review-item="basics/own-groups"] button:has-text("Revisit")');
    await page.click(".review-later summary").catch(() => {});
    assert.deepEqual(await h.seriousViolations(page), []);
    await context.close();
  });
}

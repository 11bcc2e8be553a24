"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildSite(); browser = await h.launch(); });
after(() => browser && browser.close());

const Q1 = '[data-question="basics/group-vs-individual"]';
const Q2 = '[data-question="basics/processes"]';
const RESULT = '[data-quiz="basics"] [data-quiz-result]';

test("quiz: per-option feedback, explanation, score against the pass mark, retry", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  assert.equal(await page.isVisible(`${Q1} details.fb`), false, "feedback is hidden before answering");
  await page.click('[data-quiz-submit]');
  assert.equal(await page.evaluate(() => document.activeElement.name), "q-basics-group-vs-individual", "an unanswered question takes focus");
  await page.check(`${Q1} input[value="a"]`);
  await page.check(`${Q2} input[value="a"]`);
  await page.check(`${Q2} input[value="b"]`);
  await page.click('[data-quiz-submit]');
  await page.waitForSelector(`${RESULT}:not([hidden])`);
  assert.match(await page.textContent(RESULT), /1 of 2 correctly \(50%\).*Not passed yet: the pass mark is 80%/);
  assert.equal(await page.evaluate(() => document.activeElement.matches("[data-quiz-result]")), true, "focus moves to the result");
  assert.match(await page.textContent(`${Q1} [data-option="a"] [data-verdict]`), /Your answer: not correct/);
  assert.match(await page.textContent(`${Q1} [data-option="b"] [data-verdict]`), /Correct answer/);
  assert.match(await page.textContent(`${Q1} [data-question-result]`), /Not quite/);
  assert.equal(await page.isVisible(`${Q1} [data-option="a"] details.fb`), true, "option feedback shown");
  assert.match(await page.innerText(`${Q1} [data-option="a"]`), /shared identity/);
  assert.equal(await page.isVisible(`${Q1} .explain`), true, "explanation shown");
  assert.equal(await page.isDisabled(`${Q1} input[value="b"]`), true);
  await h.announced(page, /50%/);

  await page.click(`${RESULT} button:has-text("Try again")`);
  assert.equal(await page.isChecked(`${Q1} input[value="a"]`), false, "retry clears the answers");
  await page.check(`${Q1} input[value="b"]`);
  await page.check(`${Q2} input[value="a"]`);
  await page.check(`${Q2} input[value="b"]`);
  await page.click('[data-quiz-submit]');
  assert.match(await page.textContent(RESULT), /2 of 2 correctly \(100%\)\. ?You passed/);
  const saved = (await h.savedState(page)).quizzes.basics;
  assert.equal(saved.latest.score, 2);
  assert.equal(saved.best.score, 2);

  await page.reload();
  await page.waitForSelector(`${RESULT}:not([hidden])`);
  assert.match(await page.textContent(RESULT), /100%/, "the result persists across reloads");
  assert.equal(await page.isChecked(`${Q2} input[value="b"]`), true);
  assert.equal(await page.getAttribute('[data-nav-module="basics"]', "data-state"), "done", "navigation shows the module completed");
  h.assertNoErrors(page);
  await context.close();
});

test("standalone question: check, feedback, try again; shuffle is stable per learner", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "practice/index.html"));
  const q = '[data-question="check/norm"]';
  const order = await page.$$eval(`${q} [data-option]`, (els) => els.map((e) => e.dataset.option).join(""));
  await page.reload();
  assert.equal(await page.$$eval(`${q} [data-option]`, (els) => els.map((e) => e.dataset.option).join("")), order);
  await page.check(`${q} input[value="c"]`);
  await page.click(`${q} button:has-text("Check answer")`);
  assert.match(await page.textContent(`${q} [data-question-result]`), /Not quite/);
  assert.equal(await page.evaluate(() => document.activeElement.matches("[data-question-result]")), true);
  await page.click(`${q} button:has-text("Try again")`);
  await page.check(`${q} input[value="a"]`);
  await page.click(`${q} button:has-text("Check answer")`);
  assert.match(await page.textContent(`${q} [data-question-result]`), /Correct/);
  assert.equal((await h.savedState(page)).quizzes.check.best.score, 1);
  h.assertNoErrors(page);
  await context.close();
});

test("keyboard only: a quiz can be answered, submitted and retried without a mouse", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await h.tabTo(page, `${Q1} input`);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.isChecked(`${Q1} input[value="b"]`), true);
  await h.tabTo(page, `${Q2} input[value="a"]`);
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await h.tabTo(page, "[data-quiz-submit]");
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${RESULT}:not([hidden])`);
  assert.match(await page.textContent(RESULT), /You passed/);
  await h.tabTo(page, `${RESULT} button`);
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.name), "q-basics-group-vs-individual", "retry puts focus on the first question");
  // The focus ring is drawn around the option card that holds the focused input.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.closest("[data-option]")).outlineStyle);
  assert.notEqual(outline, "none", "focus is visible");
  h.assertNoErrors(page);
  await context.close();
});

test("course update: a removed question is ignored and the score recomputed", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await page.check(`${Q1} input[value="a"]`);
  await page.check(`${Q2} input[value="a"]`);
  await page.check(`${Q2} input[value="b"]`);
  await page.click('[data-quiz-submit]');
  assert.match(await page.textContent(RESULT), /50%/);

  const updated = h.buildSite((course) => {
    const file = path.join(course, "quizzes", "basics.yaml");
    const yaml = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, yaml.replace(/  - id: group-vs-individual[\s\S]*?(?=  - id: processes)/, ""));
  });
  await page.goto(h.fileUrl(updated, "basics/index.html"));
  assert.equal(await page.$(Q1), null, "the question is gone from the updated course");
  assert.match(await page.textContent(RESULT), /1 of 1 correctly \(100%\)/);
  await page.goto(h.fileUrl(updated, "index.html"));
  assert.match(await page.textContent('[data-module-card="basics"] [data-status]'), /Completed/);
  h.assertNoErrors(page);
  await context.close();
});

"use strict";
// Short written answers, ordering and matching questions: by mouse and by keyboard, across a
// reload, in the progress report, without JavaScript, and axe-clean in light and dark.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

const OVERLAY = path.join(__dirname, "..", "fixtures", "kinds");
let browser, site;
before(async () => {
  site = h.buildSite((course) => fs.cpSync(OVERLAY, course, { recursive: true }));
  browser = await h.launch();
});
after(() => browser && browser.close());

const PAGE = "kinds/index.html";
const SHORT = '[data-question="kinds/opening"]';
const ORDER = '[data-question="kinds/steps"]';
const MATCH = '[data-question="kinds/terms"]';
const RESULT = '[data-quiz="kinds"] [data-quiz-result]';
const RIGHT_ORDER = ["welcome", "purpose", "norms", "close"];

const orderOf = (page) => page.$$eval(`${ORDER} [data-item]`, (els) => els.map((e) => e.dataset.item));

/** Puts the ordering items in `want` order with the "move up" buttons, by mouse or keyboard. */
async function arrange(page, want, keyboard) {
  for (let target = 0; target < want.length; target++) {
    let at = (await orderOf(page)).indexOf(want[target]);
    while (at > target) {
      const button = `${ORDER} [data-item="${want[target]}"] [data-up]`;
      if (keyboard) {
        await page.focus(button);
        await page.keyboard.press("Enter");
        assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-up") || document.activeElement.hasAttribute("data-down")), true, "focus stays on the moved item's buttons");
      } else await page.click(button);
      at--;
    }
  }
  assert.deepEqual(await orderOf(page), want);
}

test("mouse: write, order and match, submit, see per-item feedback, rate the answer, keep it all across a reload", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, PAGE));
  assert.notDeepEqual(await orderOf(page), RIGHT_ORDER, "the items are shown shuffled");
  assert.equal(await page.isVisible(`${SHORT} [data-short-after]`), false, "the model answer waits for the learner's answer");
  assert.equal(await page.isVisible(".needs-js"), false, "no JavaScript notice when it runs");

  await page.fill(`${SHORT} textarea`, "Greet everyone, explain the purpose.");
  await arrange(page, ["purpose", "welcome", "norms", "close"], false);
  await page.selectOption(`${MATCH} [data-pair="prototypicality"] select`, "prototypicality");
  await page.selectOption(`${MATCH} [data-pair="advancement"] select`, "entrepreneurship");
  await page.selectOption(`${MATCH} [data-pair="entrepreneurship"] select`, "advancement");
  await page.selectOption(`${MATCH} [data-pair="impresarioship"] select`, "impresarioship");
  await page.click("[data-quiz-submit]");

  assert.match(await page.textContent(`${ORDER} [data-item="welcome"] [data-verdict]`), /Belongs in position 1/);
  assert.match(await page.textContent(`${ORDER} [data-item="norms"] [data-verdict]`), /Right place/);
  assert.match(await page.textContent(`${ORDER} [data-question-result]`), /2 of 4 items/);
  assert.equal(await page.isVisible(`${ORDER} [data-item="welcome"] details.fb`), true, "item feedback is shown");
  assert.match(await page.textContent(`${MATCH} [data-pair="advancement"] [data-verdict]`), /The match is “Doing it for us”/);
  assert.match(await page.textContent(`${MATCH} [data-pair="prototypicality"] [data-verdict]`), /Right match/);
  assert.equal(await page.isDisabled(`${MATCH} select`), true);
  assert.equal(await page.isVisible(`${SHORT} .model-answer`), true, "the model answer is shown after submitting");
  assert.match(await page.textContent(`${SHORT} .rubric`), /Self-assessed/);
  assert.match(await page.textContent(RESULT), /Rate your written answers/, "the quiz waits for the self-ratings");

  await page.click(`${SHORT} label[for="q-kinds-opening-welcome-met"]`);
  await page.click(`${SHORT} label[for="q-kinds-opening-purpose-partly"]`);
  assert.doesNotMatch(await page.textContent(RESULT), /You answered/, "one criterion is still unrated");
  await page.click(`${SHORT} label[for="q-kinds-opening-voice-not"]`);
  assert.match(await page.textContent(`${SHORT} [data-question-result]`), /Self-assessed: 1 criterion met, 1 criterion partly met, 1 criterion not yet met\. Not scored\./);
  assert.match(await page.textContent(RESULT), /You answered 0 of 2 correctly \(0%\)/, "the unscored short answer is not in the score");

  const saved = await h.savedState(page);
  assert.deepEqual(saved.quizzes.kinds.latest.answers.opening, ["submitted", "welcome:met", "purpose:partly", "voice:not"]);
  assert.equal(saved.reflections["kinds/opening"].text, "Greet everyone, explain the purpose.");

  await page.reload();
  assert.deepEqual(await orderOf(page), ["purpose", "welcome", "norms", "close"], "the submitted order persists");
  assert.equal(await page.inputValue(`${MATCH} [data-pair="advancement"] select`), "entrepreneurship");
  assert.equal(await page.inputValue(`${SHORT} textarea`), "Greet everyone, explain the purpose.");
  assert.equal(await page.isChecked("#q-kinds-opening-purpose-partly"), true);
  assert.match(await page.textContent(RESULT), /0 of 2/);

  await page.goto(h.fileUrl(site, "progress/index.html"));
  const report = await page.textContent("[data-report]");
  assert.match(report, /Ordering, matching and written answers/);
  assert.match(report, /2 of 4 items in the right place/);
  assert.match(report, /2 of 4 pairs matched/);
  assert.match(report, /Greet everyone, explain the purpose\./);
  assert.match(report, /Says what the group is for — partly met/);
  h.assertNoErrors(page);
  await context.close();
});

test("keyboard only: every kind can be answered, submitted and rated without a mouse", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, PAGE));
  await h.tabTo(page, `${SHORT} textarea`);
  await page.keyboard.type("Name each member and ask what they share.");
  await arrange(page, RIGHT_ORDER, true);
  for (const id of ["prototypicality", "advancement", "entrepreneurship", "impresarioship"]) {
    const select = `${MATCH} [data-pair="${id}"] select`;
    await page.focus(select);
    for (let i = 0; i < 6 && (await page.inputValue(select)) !== id; i++) await page.keyboard.press("ArrowDown");
    assert.equal(await page.inputValue(select), id, `the keyboard picks a match for ${id}`);
  }
  await h.tabTo(page, "[data-quiz-submit]");
  await page.keyboard.press("Enter");
  assert.match(await page.textContent(`${ORDER} [data-question-result]`), /Correct: every item is in its place/);
  assert.match(await page.textContent(`${MATCH} [data-question-result]`), /Correct: every pair matches/);
  await h.tabTo(page, `${SHORT} [data-criterion="welcome"] input`);
  await page.keyboard.press("Space");
  for (const criterion of ["purpose", "voice"]) {
    await h.tabTo(page, `${SHORT} [data-criterion="${criterion}"] input`);
    await page.keyboard.press("Space");
  }
  assert.equal(await page.isChecked("#q-kinds-opening-voice-met"), true);
  assert.match(await page.textContent(RESULT), /2 of 2 correctly \(100%\)\. ?You passed/);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.nextElementSibling).outlineStyle);
  assert.notEqual(outline, "none", "the focused rating is visibly outlined");
  await page.goto(h.fileUrl(site, "index.html"));
  assert.match(await page.textContent('[data-module-card="kinds"] [data-status]'), /pages read: 1 of 1|Completed/);
  h.assertNoErrors(page);
  await context.close();
});

test("without JavaScript: the task, the items, the matches, the model answer and the criteria are readable", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(h.fileUrl(site, PAGE));
  for (const q of [SHORT, ORDER, MATCH]) assert.equal(await page.isVisible(`${q} .needs-js`), true, `${q} says it needs JavaScript`);
  assert.match(await page.innerText(ORDER), /Welcome each member by name/);
  assert.match(await page.innerText(MATCH), /Making us matter/);
  assert.match(await page.innerText(SHORT), /Welcome each member by name, say what the group is for/);
  assert.match(await page.innerText(SHORT), /Lets members speak about what they share/);
  assert.equal(await page.isVisible(`${SHORT} textarea`), false, "no box to write in that could not be kept");
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`axe: the three kinds are clean in ${scheme} mode, open and answered`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await h.open(context, h.fileUrl(site, PAGE));
    assert.deepEqual(await h.seriousViolations(page), [], "open");
    await page.fill(`${SHORT} textarea`, "An answer.");
    await page.selectOption(`${MATCH} [data-pair="prototypicality"] select`, "advancement");
    for (const id of ["advancement", "entrepreneurship", "impresarioship"]) await page.selectOption(`${MATCH} [data-pair="${id}"] select`, id);
    await page.click("[data-quiz-submit]");
    await page.click(`${SHORT} label[for="q-kinds-opening-welcome-met"]`);
    assert.deepEqual(await h.seriousViolations(page), [], "answered");
    await page.goto(h.fileUrl(site, "progress/index.html"));
    assert.deepEqual(await h.seriousViolations(page), [], "progress report");
    h.assertNoErrors(page);
    await context.close();
  });
}

"use strict";
// Pass rules: a required question and a scenario that counts (`pass_on`) decide the quiz with
// its score, in the quiz result, the navigation and the progress report.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

const QUIZ = `title: Safety check
pass_mark: 50
questions:
  - id: risk
    kind: single
    required: true
    text: A member mentions a plan to end their life. What do you do first?
    explanation: Safety comes before the session plan.
    options:
      - text: Assess the risk now, with the member
        correct: true
        feedback: Yes, at once.
        see: safety#crisis
      - text: Note it for the next session
        feedback: No, risk is assessed now.
  - id: roles
    kind: single
    text: Who may a member call between sessions?
    explanation: The crisis line is open day and night.
    options:
      - text: The crisis line
        correct: true
        feedback: Yes.
      - text: Nobody
        feedback: No.
  - id: crisis
    kind: scenario
    title: A member in crisis
    pass_on: [positive]
    text: A member looks distressed at the end of the session.
    nodes:
      - id: start
        text: The others are leaving. What do you do?
        choices:
          - text: Ask the member to stay and talk with you
            rating: best
            feedback: You can assess how they are.
            next: safe
            see: safety#crisis
          - text: Let everyone leave on time
            rating: poor
            feedback: The member leaves alone.
            next: alone
      - id: safe
        ending: {outcome: positive, title: A safety plan is made}
      - id: alone
        ending: {outcome: negative, title: The member leaves alone}
`;

const MODULE = `---
title: Safety first
minutes: 10
---
What to do when a member is at risk.

## In a crisis {#crisis}

Assess risk at once, with the member.

{{quiz safety}}
`;

let browser, site;
before(async () => {
  site = h.buildSite((course) => {
    fs.writeFileSync(path.join(course, "quizzes", "safety.yaml"), QUIZ);
    fs.writeFileSync(path.join(course, "content", "02-safety.md"), MODULE);
  });
  browser = await h.launch();
});
after(() => browser && browser.close());

const RESULT = '[data-quiz="safety"] [data-quiz-result]';
const SC = '[data-question="safety/crisis"]';
const NAV = '[data-nav-module="safety"]';

async function answer(page, risk, roles) {
  await page.check(`[data-question="safety/risk"] input[value="${risk}"]`);
  await page.check(`[data-question="safety/roles"] input[value="${roles}"]`);
  await page.click('[data-quiz="safety"] [data-quiz-submit]');
  await page.waitForSelector(`${RESULT}:not([hidden])`);
}

test("pass rules: 100% on the questions does not pass until the scenario reaches a passing ending", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "safety/index.html"));
  assert.match(await page.innerText('[data-question="safety/risk"] .q-head'), /Must be answered correctly to pass/);
  assert.match(await page.innerText(`${SC} .q-head`), /Counts towards passing: reach a positive ending/);
  await answer(page, "a", "a");
  let result = await page.innerText(RESULT);
  assert.match(result, /2 of 2 correctly \(100%\)/);
  assert.match(result, /Not passed yet[\s\S]*The scenario “A member in crisis” has not reached a passing ending\./);
  assert.doesNotMatch(result, /You passed/);
  await h.announced(page, /has not reached a passing ending/);
  assert.notEqual(await page.getAttribute(NAV, "data-state"), "done", "the module is not complete");

  await page.click(`${SC} .sc-btn:has-text("Let everyone leave on time")`);
  assert.match(await page.innerText(`${SC} .sc-current`), /Negative outcome/);
  assert.match(await page.innerText(RESULT), /has not reached a passing ending/, "a negative ending does not pass");

  await page.click(`${SC} button:has-text("Play again")`);
  await page.click(`${SC} .sc-btn:has-text("Ask the member to stay")`);
  result = await page.innerText(RESULT);
  assert.match(result, /You passed: the pass mark is 50%/);
  assert.doesNotMatch(result, /has not reached/);
  assert.equal(await page.getAttribute(NAV, "data-state"), "done", "the module completes with the scenario");

  await page.click(`${SC} button:has-text("Play again")`);
  await page.click(`${SC} .sc-btn:has-text("Let everyone leave on time")`);
  await page.reload();
  assert.match(await page.innerText(RESULT), /You passed/, "a worse replay does not undo the pass");
  const saved = (await h.savedState(page)).scenarios["safety/crisis"];
  assert.equal(saved.done.outcome, "negative");
  assert.ok(saved.reached.positive > 0, "the first positive ending is kept");

  await page.goto(h.fileUrl(site, "progress/index.html"));
  const report = await page.innerText("[data-report]");
  assert.match(report, /Safety check\s+100%\s+100%\s+50%\s+passed/);
  assert.match(report, /Counts towards passing “Safety check”: needs a positive ending; reached on/);
  h.assertNoErrors(page);
  await context.close();
});

test("pass rules: a missed required question fails the quiz at an otherwise passing score, and says so", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "safety/index.html"));
  await page.click(`${SC} .sc-btn:has-text("Ask the member to stay")`);
  await answer(page, "b", "a");
  const result = await page.innerText(RESULT);
  assert.match(result, /1 of 2 correctly \(50%\)/);
  assert.match(result, /Not passed yet[\s\S]*Question 1 must be answered correctly\.[\s\S]*Read the feedback, then try again/);
  assert.doesNotMatch(result, /You passed|the pass mark is 50%/, "the score itself meets the pass mark");
  await h.announced(page, /Question 1 must be answered correctly/);
  assert.notEqual(await page.getAttribute(NAV, "data-state"), "done");
  assert.deepEqual(await h.seriousViolations(page), []);

  await page.goto(h.fileUrl(site, "progress/index.html"));
  assert.match(await page.innerText("[data-report]"), /Safety check\s+50%\s+50%\s+50%\s+not passed yet: Question 1 must be answered correctly\./);

  await page.goto(h.fileUrl(site, "safety/index.html"));
  await page.click(`${RESULT} button:has-text("Try again")`);
  await answer(page, "a", "b");
  assert.match(await page.innerText(RESULT), /1 of 2 correctly \(50%\)[\s\S]*You passed/, "the required question right, 50% passes");
  h.assertNoErrors(page);
  await context.close();
});

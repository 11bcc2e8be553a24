"use strict";
// Path-sensitive scenarios: early choices add to scores and set flags, and a later choice's
// `next:` branches on them, so the same last decision ends differently.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

const QUIZ = `title: Late
questions:
  - id: late
    kind: scenario
    title: Sam is late
    objectives: [practice-first-session]
    text: Sam arrives late to the third session.
    nodes:
      - id: arrive
        text: Sam comes in ten minutes late.
        choices:
          - id: welcome
            text: Welcome Sam warmly
            rating: best
            feedback: Sam feels part of the group.
            scores: {rapport: 1}
            debrief: Welcoming Sam first put belonging before the rules.
            next: round
          - id: time
            text: Point out the time
            rating: poor
            feedback: Sam feels judged.
            set: [judged]
            debrief: Naming the time first told Sam that rules come before belonging.
            next: round
      - id: round
        text: Sam is quiet in the round.
        choices:
          - id: invite
            text: Invite Sam to speak
            rating: best
            feedback: An open door.
            next:
              - {when: "rapport >= 1 and not judged", next: opens-up}
              - {next: polite}
          - id: skip
            text: Move on
            rating: poor
            feedback: Sam stays outside.
            next: withdrawn
      - id: opens-up
        ending: {outcome: positive, title: Sam opens up}
      - id: polite
        ending: {outcome: mixed, title: A polite answer}
      - id: withdrawn
        ending: {outcome: negative, title: Sam withdraws}
`;

let browser, site;
before(async () => {
  site = h.buildSite((course) => {
    fs.writeFileSync(path.join(course, "quizzes", "late.yaml"), QUIZ);
    fs.writeFileSync(path.join(course, "content", "01-practice", "02-late.md"),
      "---\ntitle: Sam is late\nfictional: true\n---\nPlay it twice.\n\n{{quiz late}}\n");
  });
  browser = await h.launch();
});
after(() => browser && browser.close());

const SC = '[data-question="late/late"]';
const choose = (page, text) => page.click(`${SC} .sc-btn:has-text("${text}")`);

test("path-sensitive scenario: the same last decision ends differently after different early choices", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "practice/late/index.html"));
  await choose(page, "Welcome Sam warmly");
  await choose(page, "Invite Sam to speak");
  let end = await page.innerText(`${SC} .sc-current`);
  assert.match(end, /Positive outcome[\s\S]*Sam opens up/);
  assert.match(end, /Welcome Sam warmly[\s\S]*Best choice[\s\S]*At the debrief[\s\S]*belonging before the rules/i);
  assert.doesNotMatch(end, /rules come before belonging/, "commentary on choices not taken stays hidden");

  await page.click(`${SC} button:has-text("Play again")`);
  await choose(page, "Point out the time");
  assert.doesNotMatch(await page.innerText(`${SC} .sc-last`), /At the debrief/i, "the debrief waits for the ending");
  await choose(page, "Invite Sam to speak");
  end = await page.innerText(`${SC} .sc-current`);
  assert.match(end, /Mixed outcome[\s\S]*A polite answer/);
  assert.match(end, /Point out the time[\s\S]*Poor choice[\s\S]*rules come before belonging/);
  let saved = (await h.savedState(page)).scenarios["late/late"];
  assert.deepEqual(saved.done, { path: ["time", "invite"], outcome: "mixed", at: saved.done.at }, "only the path is stored");

  await page.reload();
  assert.match(await page.innerText(`${SC} .sc-current`), /Mixed outcome[\s\S]*A polite answer/, "the ending is recomputed from the stored path");
  await page.click(`${SC} button:has-text("Replay from this decision") >> nth=0`);
  await choose(page, "Welcome Sam warmly");
  await choose(page, "Invite Sam to speak");
  assert.match(await page.innerText(`${SC} .sc-current`), /Positive outcome/);
  saved = (await h.savedState(page)).scenarios["late/late"];
  assert.deepEqual(saved.current.path, ["welcome", "invite"]);
  h.assertNoErrors(page);
  await context.close();
});

test("path-sensitive scenario without JavaScript: the link follows the otherwise and says so", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(h.fileUrl(site, "practice/late/index.html"));
  assert.equal(await page.isVisible('[data-node="opens-up"]'), true, "every node is listed");
  const invite = '[data-node="round"] [data-choice="invite"]';
  assert.match(await page.getAttribute(`${invite} a.sc-choice`, "href"), /-polite$/);
  await page.click(`${invite} summary`);
  assert.match(await page.innerText(`${invite} details`), /depends on your earlier choices/);
  await context.close();
});

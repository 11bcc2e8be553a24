"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildSite(); browser = await h.launch(); });
after(() => browser && browser.close());

const SC = '[data-question="practice/first-session"]';
const choose = (page, text) => page.click(`${SC} .sc-btn:has-text("${text}")`);

test("scenario: choices show consequences; back, ending with path and debrief, replay, restart", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "practice/first-session/index.html"));
  assert.equal(await page.isVisible(`${SC} [data-nodes]`), false, "the static node list is replaced by the player");
  assert.match(await page.innerText(`${SC} .sc-current`), /Members sit quietly/);
  assert.equal(await page.isDisabled(`${SC} button:has-text("Back one step")`), true);

  await choose(page, "Invite each member");
  assert.match(await page.innerText(`${SC} .sc-last`), /Best choice[\s\S]*sense of us begins/);
  assert.equal(await page.evaluate(() => document.activeElement.matches(".sc-last")), true, "focus moves to the consequence");
  await h.announced(page, /Best choice/);
  assert.match(await page.innerText(`${SC} .sc-current`), /Several members have spoken/);

  await page.click(`${SC} button:has-text("Back one step")`);
  assert.match(await page.innerText(`${SC} .sc-current`), /Members sit quietly/);
  await choose(page, "Invite each member");
  await choose(page, "Name what members have in common");
  const end = await page.innerText(`${SC} .sc-current`);
  assert.match(end, /Positive outcome[\s\S]*The group comes together[\s\S]*attendance stayed high/);
  assert.match(end, /the path you took[\s\S]*Invite each member[\s\S]*Best choice[\s\S]*Name what members[\s\S]*Best choice/i);
  let saved = (await h.savedState(page)).scenarios["practice/first-session"];
  assert.deepEqual(saved.done, { path: ["welcome", "shared"], outcome: "positive", at: saved.done.at });

  await page.click(`${SC} button:has-text("Replay from this decision") >> nth=1`);
  assert.match(await page.innerText(`${SC} .sc-current`), /Several members have spoken/);
  await choose(page, "Move straight");
  assert.match(await page.innerText(`${SC} .sc-current`), /Mixed outcome/);

  await page.reload();
  assert.match(await page.innerText(`${SC} .sc-current`), /Mixed outcome/, "the path persists across reloads");
  await page.click(`${SC} button:has-text("Play again")`);
  assert.match(await page.innerText(`${SC} .sc-current`), /Members sit quietly/);
  saved = (await h.savedState(page)).scenarios["practice/first-session"];
  assert.deepEqual(saved.current.path, []);
  assert.equal(saved.done.outcome, "mixed", "the last ending is kept after a restart");

  await page.goto(h.fileUrl(site, "progress/index.html"));
  assert.match(await page.innerText("[data-report]"), /The first session[\s\S]*A polite but distant group \(mixed outcome\)[\s\S]*Decision 1: “Invite each member[^”]*” — best choice[\s\S]*Decision 2: “Move straight[^”]*” — acceptable/);
  h.assertNoErrors(page);
  await context.close();
});

test("journal: reflections autosave, reappear everywhere, download as Markdown", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "vignettes/new-member/index.html"));
  const area = 'textarea[data-reflection="vignette:new-member/first-words"]';
  await page.type(area, "Welcome Sam by name.");
  await page.waitForFunction((sel) => /Saved/.test(document.querySelector(sel).parentNode.textContent), area);
  await page.goto(h.fileUrl(site, "practice/index.html"));
  await page.fill('textarea[data-reflection="practice/why-here"]', "Because groups helped me.");
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  await page.goto(h.fileUrl(site, "journal/index.html"));
  const text = await page.innerText("[data-journal]");
  assert.match(text, /\d\. Leading a group in practice[\s\S]*Why do you want to run groups/);
  assert.equal(await page.inputValue(area), "Welcome Sam by name.");
  assert.equal(await page.inputValue('textarea[data-reflection="practice/why-here"]'), "Because groups helped me.");
  await page.fill(area, "Welcome Sam by name, and ask the group to say hello.");
  await page.locator("h1").click();

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-journal-download]")]);
  assert.match(download.suggestedFilename(), /journal\.md$/);
  const md = fs.readFileSync(await download.path(), "utf8");
  assert.match(md, /^# Facilitating Therapy Groups: reflective journal/);
  assert.match(md, /### A new member joins in week 5\n\n> What could you say[^\n]*\n\nWelcome Sam by name, and ask the group to say hello\./);
  assert.match(md, /Because groups helped me\./);

  await page.goto(h.fileUrl(site, "vignettes/new-member/index.html"));
  assert.equal(await page.inputValue(area), "Welcome Sam by name, and ask the group to say hello.", "an edit in the journal shows where the prompt is");
  h.assertNoErrors(page);
  await context.close();
});

test("progress: visits, module completion, dashboard and continue where you left off", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "index.html"));
  assert.equal(await page.isVisible("[data-continue]"), false);
  assert.match(await page.textContent("[data-overall]"), /0% of the course done/);
  await page.goto(h.fileUrl(site, "basics/index.html"));
  await page.check('[data-question="basics/group-vs-individual"] input[value="b"]');
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.check('[data-question="basics/processes"] input[value="b"]');
  await page.click("[data-quiz-submit]");
  await page.goto(h.fileUrl(site, "practice/index.html"));
  assert.equal(await page.getAttribute('[data-nav-module="basics"]', "data-state"), "done");
  assert.equal(await page.getAttribute('[data-nav-module="practice"]', "data-state"), "started");
  assert.equal(await page.getAttribute('[data-nav-page="practice"]', "data-state"), "done");
  assert.equal(await page.getAttribute('[data-nav-page="practice/first-session"]', "data-state"), "new");

  await page.goto(h.fileUrl(site, "index.html"));
  assert.match(await page.textContent("[data-overall]"), /1 of 2 modules completed/);
  assert.match(await page.textContent('[data-module-card="basics"]'), /Completed on/);
  assert.match(await page.textContent('[data-module-card="practice"]'), /In progress/);
  await page.click("[data-continue] a");
  assert.match(page.url(), /practice\/index\.html$/);

  const q = '[data-question="check/norm"]';
  await page.check(`${q} input[value="a"]`);
  await page.click(`${q} button:has-text("Check answer")`);
  await page.goto(h.fileUrl(site, "practice/first-session/index.html"));
  await choose(page, "Read the group rules");
  await page.goto(h.fileUrl(site, "index.html"));
  assert.match(await page.textContent("[data-overall]"), /100% of the course done · 2 of 2 modules completed/);
  assert.match(await page.textContent("[data-continue]"), /The first session/);
  h.assertNoErrors(page);
  await context.close();
});

test("without JavaScript: content, questions and feedback stay readable", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(h.fileUrl(site, "basics/index.html"));
  assert.equal(await page.isVisible('[data-question="basics/group-vs-individual"] input[value="b"]'), true);
  await page.click('[data-question="basics/group-vs-individual"] [data-option="b"] summary');
  assert.match(await page.innerText('[data-option="b"] details'), /Identification is the active ingredient/);
  assert.equal(await page.isVisible("[data-quiz-submit]"), false, "no button that cannot work");
  await page.goto(h.fileUrl(site, "practice/first-session/index.html"));
  assert.equal(await page.isVisible('[data-node="end-together"]'), true, "every scenario node is listed");
  await page.click('[data-node="arrive"] a.sc-choice >> nth=0');
  assert.match(page.url(), /#q-practice-first-session-settle$/);
  await context.close();
});

"use strict";
// Authoring features of issue 14 in the browser: course vocabularies (vignette list grouped by
// tag, progress report results by tag), task-list boxes with names, review dates formatted
// like the runtime's, and a 404 page with `base_url` that is still styled from file://.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

let browser, site;

/** Declares vocabularies, tags the vignette, a question and a scenario choice, adds a task list. */
function addVocabularies(course) {
  fs.appendFileSync(path.join(course, "course.yaml"), [
    "base_url: https://example.org/course/",
    "vocabularies:",
    "  - id: processes",
    "    label: Identity leadership processes",
    "    terms:",
    "      - id: entrepreneurship",
    "        label: Identity entrepreneurship",
    "      - id: prototypicality",
    "      - id: advancement",
    "      - id: impresarioship",
    "  - id: skills",
    "    label: Facilitation skills",
    "    terms:",
    "      - id: welcoming", ""].join("\n"));
  const vignette = path.join(course, "content/vignettes/new-member.md");
  fs.writeFileSync(vignette, fs.readFileSync(vignette, "utf8").replace("processes: [entrepreneurship, impresarioship]\n",
    "processes: [entrepreneurship, impresarioship]\ntags: { skills: [welcoming] }\n"));
  const quiz = path.join(course, "quizzes/basics.yaml");
  fs.writeFileSync(quiz, fs.readFileSync(quiz, "utf8").replace("    objectives: [basics-explain]\n",
    "    objectives: [basics-explain]\n    tags: { processes: [entrepreneurship] }\n"));
  const page = path.join(course, "content/00-basics.md");
  fs.appendFileSync(page, "\n## Before the session\n\n- [x] Book the room\n- [ ] Send the invitations\n");
}

before(async () => { site = h.buildSite(addVocabularies); browser = await h.launch(); });
after(() => browser && browser.close());

test("vignette list: headings do not skip, cases grouped by each vocabulary, axe clean", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "vignettes/index.html"));
  const levels = await page.$$eval("main h1, main h2, main h3", (hs) => hs.map((x) => Number(x.tagName[1])));
  levels.forEach((level, i) => assert.ok(i === 0 || level <= levels[i - 1] + 1, `heading levels ${levels}`));
  assert.equal(await page.textContent("#by-processes"), "Identity leadership processes");
  assert.equal(await page.textContent("#tag-processes-entrepreneurship"), "Identity entrepreneurship");
  assert.equal(await page.locator("#tag-skills-welcoming + ul a").first().textContent(), "A new member joins in week 5");
  assert.deepEqual(await page.$$eval(".vignette-card .tags", (uls) => uls.map((u) => u.getAttribute("aria-label"))),
    ["Identity leadership processes", "Facilitation skills"]);
  assert.deepEqual(await h.seriousViolations(page), []);
  h.assertNoErrors(page);
  await context.close();
});

test("module page: task-list boxes are named, the review date reads like other dates", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  assert.deepEqual(await page.$$eval('main li > input[type="checkbox"][disabled]', (boxes) => boxes.map((b) => b.getAttribute("aria-label"))), ["done", "not done"]);
  const time = page.locator("time[data-date]");
  assert.equal(await time.getAttribute("datetime"), "2026-01-15");
  assert.match(await time.textContent(), /15 Jan 2026|Jan 15, 2026/);
  assert.deepEqual(await h.seriousViolations(page), []);
  await context.close();
});

test("progress report: results by tag from the best attempt", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await page.check('[data-question="basics/group-vs-individual"] input[value="b"]');
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.click("[data-quiz-submit]");
  await page.goto(h.fileUrl(site, "progress/index.html"));
  const table = page.locator('[data-report] table:has(caption:text("Results by Identity leadership processes"))');
  assert.deepEqual(await table.locator("tbody tr").first().locator("th, td").allTextContents(), ["Identity entrepreneurship", "1 of 1", "—"]);
  h.assertNoErrors(page);
  await context.close();
});

test("404 page with base_url is styled when opened from file://", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "404.html"));
  assert.equal(await page.getAttribute("a.btn", "href"), "https://example.org/course/index.html");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).marginTop), "0px", "the relative stylesheet applies");
  await context.close();
});

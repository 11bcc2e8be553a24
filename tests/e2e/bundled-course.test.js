// The bundled course, completed end to end like a learner: every page of every module read,
// every choice question answered correctly, every scenario walked to an ending, a reflection
// written; then the dashboard, the navigation and the progress report say the course is done,
// and no page logged a console error or threw.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildBundled(); browser = await h.launch(); });
after(() => browser && browser.close());

const REFLECTION = "The choir I sing in is good for me: it stands for doing something well together.";
const ws = (s) => s.replace(/\s+/g, " ").trim();

/** Answers every choice question of a quiz form correctly by clicking labels, submits, expects a pass. */
async function passQuiz(page, course, quizId) {
  const quiz = course.quizzes[quizId];
  const form = `form[data-quiz="${quizId}"]`;
  const want = {};
  for (const q of quiz.questions) {
    if (q.kind !== "single" && q.kind !== "multiple") continue;
    want[q.id] = [...q.correct].sort();
    for (const opt of q.correct) await page.click(`${form} label[for="q-${quizId}-${q.id}-${opt}"]`);
  }
  const scored = Object.keys(want).length;
  const checked = await page.$$eval(`${form} input:checked`, (els) => {
    const got = {};
    for (const e of els) (got[e.closest("[data-question]").dataset.question.split("/")[1]] ||= []).push(e.value);
    Object.values(got).forEach((v) => v.sort());
    return got;
  });
  assert.deepEqual(checked, want, `${quizId}: the clicked labels check exactly the correct options`);
  if (!scored) return;
  await page.click(`${form} [data-quiz-submit]`);
  const result = `${form} [data-quiz-result]:not([hidden])`;
  await page.waitForSelector(result);
  assert.match(ws(await page.textContent(result)), new RegExp(`You answered ${scored} of ${scored} correctly \\(100%\\)\\. ?You passed`), quizId);
  assert.equal(await page.locator(`${form} [data-question-result]:text-is("Correct.")`).count(), scored, `${quizId}: every question says Correct.`);
}

/** Answers a question embedded on its own (outside a quiz form) with its Check answer button. */
async function passStandalone(page, course, key) {
  const [quizId, qid] = key.split("/");
  const q = course.quizzes[quizId].questions.find((x) => x.id === qid);
  const sel = `[data-question="${key}"]`;
  for (const opt of q.correct) await page.click(`${sel} label[for="q-${quizId}-${qid}-${opt}"]`);
  await page.click(`${sel} button:has-text("Check answer")`);
  await page.waitForSelector(`${sel} [data-question-result]:text-is("Correct.")`);
}

/** Plays a scenario to an ending, choosing a best-rated choice where there is one; returns the outcome. */
async function walkScenario(page, course, key) {
  const [quizId, qid] = key.split("/");
  const sc = course.quizzes[quizId].questions.find((x) => x.id === qid);
  const sel = `[data-question="${key}"]`;
  if (await page.$(`${sel} .sc-current [data-ending]`)) return null; // finished on another page
  assert.equal(await page.$(`${sel} .sc-last`), null, `${key} starts at its first decision`);
  let node = sc.start, steps = 0, allBest = true;
  while (!sc.nodes[node].ending) {
    const choices = sc.nodes[node].choices;
    const pick = ["best", "acceptable", "poor"].map((r) => choices.findIndex((c) => c.rating === r)).find((i) => i >= 0) ?? 0;
    const choice = choices[pick];
    allBest = allBest && choice.rating === "best";
    await page.locator(`${sel} .sc-current .sc-btn`).nth(pick).click();
    node = choice.next;
    steps++;
    if (sc.nodes[node].ending) break;
    const shown = await page.waitForFunction(([s, text]) => {
      const chosen = document.querySelector(s + " .sc-last .sc-chosen"), rating = document.querySelector(s + " .sc-last [data-rating]");
      return chosen && chosen.textContent.replace(/\s+/g, " ").trim() === text && (rating ? rating.dataset.rating : "none");
    }, [sel, ws(choice.text)]);
    assert.equal(await shown.jsonValue(), choice.rating || "none", `${key}: the consequence shows the choice's rating`);
  }
  const ending = sc.nodes[node].ending;
  await page.waitForSelector(`${sel} .sc-current [data-ending="${ending.outcome}"]`);
  assert.match(ws(await page.innerText(`${sel} .sc-current`)), new RegExp(ending.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.equal(await page.locator(`${sel} .sc-path > li`).count(), steps, `${key}: the path lists every decision`);
  if (allBest) assert.equal(ending.outcome, "positive", `${key}: best choices all the way lead to a positive ending`);
  return ending.outcome;
}

test("bundled course: a learner completes every module, and the dashboard and report say so", async () => {
  const started = Date.now();
  // Reduced motion: no smooth scrolling while Playwright scrolls each option into view.
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await h.open(context, h.fileUrl(site, "index.html"));
  const course = await h.courseWithTexts(page, site);
  const storageKey = `ingroup:${course.id}`;
  assert.match(await page.textContent("[data-overall]"), new RegExp(`0% of the course done · 0 of ${course.modules.length} modules completed`));

  const quizzesDone = new Set(), scenariosDone = new Map();
  let reflected = false, pagesRead = 0;
  for (const mod of course.modules) {
    for (const p of mod.pages) {
      await page.goto(h.fileUrl(site, p.url));
      // The visit is recorded: the page's entry in the navigation (or its module's, for one-page modules) changes state.
      await page.waitForSelector(mod.pages.length > 1 ? `[data-nav-page="${p.id}"][data-state="done"]` : `[data-nav-module="${mod.id}"]:not([data-state="new"])`);
      pagesRead++;
      const found = await page.evaluate(() => {
        const all = (sel) => [...document.querySelectorAll(sel)];
        return { quizzes: all("form[data-quiz]").map((f) => f.dataset.quiz),
          standalone: all('[data-kind="single"], [data-kind="multiple"]').filter((e) => !e.closest("form[data-quiz]")).map((e) => e.dataset.question),
          scenarios: all('[data-kind="scenario"]').map((e) => e.dataset.question) };
      });
      // Scenarios first: each one counts (pass_on), so a quiz passes only once they end well.
      for (const key of found.scenarios) {
        const outcome = await walkScenario(page, course, key);
        if (outcome) scenariosDone.set(key, outcome);
      }
      for (const quizId of found.quizzes) {
        await passQuiz(page, course, quizId);
        quizzesDone.add(quizId);
      }
      for (const key of found.standalone) await passStandalone(page, course, key);
      const area = reflected ? null : await page.$("textarea[data-reflection]");
      if (area) {
        await area.fill(REFLECTION);
        await area.evaluate((a) => a.blur());
        await page.waitForFunction((a) => /Saved in this browser/.test(a.parentNode.querySelector("[data-save-status]").textContent), area);
        reflected = await area.getAttribute("data-reflection");
      }
    }
  }

  const scored = Object.keys(course.quizzes).filter((id) => course.quizzes[id].questions.some((q) => q.kind === "single" || q.kind === "multiple"));
  const scenarios = Object.keys(course.quizzes).flatMap((id) => course.quizzes[id].questions.filter((q) => q.kind === "scenario").map((q) => `${id}/${q.id}`));
  assert.deepEqual([...quizzesDone].filter((id) => scored.includes(id)).sort(), scored.sort(), "every scored quiz was found on a page and passed");
  assert.deepEqual([...scenariosDone.keys()].sort(), scenarios.sort(), "every scenario was found on a page and finished");
  assert.ok(reflected, "a reflection was written");

  const state = await h.savedState(page, storageKey);
  assert.equal(Object.keys(state.visits).length, pagesRead);
  assert.equal(state.reflections[reflected].text, REFLECTION);

  // The other pages a learner opens: a vignette, the list of vignettes, glossary, references, journal.
  await page.goto(h.fileUrl(site, course.vignettes[0].url));
  for (const tool of ["vignettes", "glossary", "references"]) await page.goto(h.fileUrl(site, `${tool}/index.html`));
  await page.goto(h.fileUrl(site, "journal/index.html"));
  assert.equal(await page.inputValue(`[data-journal] textarea[data-reflection="${reflected}"]`), REFLECTION, "the journal shows the reflection");

  await page.goto(h.fileUrl(site, "index.html"));
  const n = course.modules.length;
  assert.match(ws(await page.textContent("[data-overall]")), new RegExp(`^100% of the course done · ${n} of ${n} modules completed`));
  assert.equal(await page.getAttribute("[data-overall] progress", "value"), "100");
  const today = await page.evaluate((t) => [IG.date(t), IG.date(Date.now())], started);
  const cards = await page.$$eval("[data-module-card]", (els) => els.map((e) => [e.dataset.moduleCard, e.dataset.state, e.querySelector("[data-status]").textContent]));
  assert.deepEqual(cards.map((c) => c[0]), course.modules.map((m) => m.id));
  for (const [id, st, status] of cards) {
    assert.equal(st, "done", id);
    assert.ok(today.some((d) => status === `Completed on ${d}`), `${id}: ${status}`);
  }
  assert.deepEqual(await page.$$eval("[data-nav-module]", (els) => els.map((e) => e.dataset.state)), course.modules.map(() => "done"), "the navigation marks every module done");
  assert.equal(await page.isVisible("[data-continue] a"), true);

  await page.goto(h.fileUrl(site, "progress/index.html"));
  assert.match(await page.textContent("[data-report] .r-meta"), /100% of the course done/);
  const tables = await page.$$eval("[data-report] table", (ts) => Object.fromEntries(ts.map((t) => [t.caption.textContent,
    [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent))])));
  assert.deepEqual(tables.Modules.map((r) => r[0]), course.modules.map((m) => `${m.number}. ${m.title}`), "the report lists every module");
  for (const [i, row] of tables.Modules.entries()) {
    const pages = course.modules[i].pages.length;
    assert.equal(row[1], "completed", row[0]);
    assert.ok(today.includes(row[2]), `${row[0]} has a completion date (${row[2]})`);
    assert.equal(row[3], `${pages} of ${pages}`, row[0]);
  }
  assert.deepEqual(tables["Quiz results"].map((r) => r[0]).sort(), scored.map((id) => course.quizzes[id].title).sort());
  for (const row of tables["Quiz results"]) assert.deepEqual([row[1], row[2], row[4]], ["100%", "100%", "passed"], row[0]);
  const report = ws(await page.innerText("[data-report]"));
  assert.equal((report.match(/Last finished on /g) || []).length, scenarios.length, "every scenario is reported finished");
  assert.doesNotMatch(report, /not finished yet/);
  assert.ok(report.includes(REFLECTION), "the journal entry is in the report");

  h.assertNoErrors(page);
  await context.close();
});

"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildSite(); browser = await h.launch(); });
after(() => browser && browser.close());

/** The charts' screen-reader tables as text rows, by caption. */
async function tables(page) {
  return page.$$eval("[data-charts] table", (ts) => Object.fromEntries(ts.map((t) => [t.caption.textContent,
    [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent).join(" | "))])));
}

for (const scheme of ["light", "dark"]) {
  test(`dashboard: SVG charts and their tables follow the stored state; axe clean (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
    await page.check('[data-question="basics/group-vs-individual"] input[value="a"]');
    await page.check('[data-question="basics/processes"] input[value="a"]');
    await page.check('[data-question="basics/processes"] input[value="b"]');
    await page.click("[data-quiz-submit]");
    await page.goto(h.fileUrl(site, "practice/first-session/index.html"));
    await page.click('[data-question="practice/first-session"] .sc-btn:has-text("Read the group rules")');
    await page.goto(h.fileUrl(site, "progress/index.html"));
    await page.waitForSelector("[data-charts]:not([hidden]) svg");
    assert.equal(await page.locator("[data-charts] svg").count(), 4);
    assert.equal(await page.getAttribute("[data-charts] svg >> nth=0", "aria-hidden"), "true", "the SVG is decoration; the table carries the numbers");
    const t = await tables(page);
    assert.deepEqual(t["Completion per module"], ["0. Why groups heal | 1 of 2 pages and quizzes", "1. Leading a group in practice | 2 of 4 pages and quizzes"]);
    assert.deepEqual(t["Best score per quiz (line: pass mark)"], ["Check your understanding | 50% | 80%", "Quick check | not attempted | 100%"]);
    assert.deepEqual(t["Mastery per learning objective (line: pass mark)"], [
      "Explain the “social cure” hypothesis in your own words. | 0% (1 of 1 assessed) | not yet mastered",
      "Name the four processes of identity leadership. | 100% (1 of 1 assessed) | mastered",
      "Choose facilitator moves that build a shared identity in a first session. | 0% (1 of 1 assessed) | not yet mastered"],
    "the model's mastery: a wrong answer, a right one, a scenario that ended negatively");
    assert.deepEqual(t["Scenario endings reached"], ["positive outcome | 0 of 1", "mixed outcome | 0 of 1", "negative outcome | 1 of 1", "Not finished | 0 of 1"]);
    const [bar, track] = await page.$eval("[data-charts] svg >> nth=1", (svg) => [".chart-bar", ".chart-track"].map((c) => Number(svg.querySelector(c).getAttribute("width"))));
    assert.equal(bar, track / 2, "the bar of a 50% score is half the track");
    const spill = await page.$$eval("[data-charts] .chart-box", (boxes) => boxes.flatMap((b) => [...b.querySelectorAll(".chart-label")]
      .filter((t) => t.getBoundingClientRect().right > b.getBoundingClientRect().right + 1).map((t) => t.textContent)));
    assert.deepEqual(spill, [], "labels wrap inside their chart");
    assert.deepEqual(await h.seriousViolations(page), []);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible("[data-charts] svg >> nth=0"), true, "the charts print");
    h.assertNoErrors(page);
    await context.close();
  });
}

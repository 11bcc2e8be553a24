"use strict";
// Every page kind: zero serious/critical axe-core violations in light and dark, in the
// fresh state and after answering; no console errors; screenshots for a human to look at
// (desktop 1280 and phone 390, light and dark) in $INGROUP_SHOTS or <tmpdir>/ingroup-shots.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const h = require("./harness.js");

const SHOTS = process.env.INGROUP_SHOTS || path.join(os.tmpdir(), "ingroup-shots");
const PAGES = {
  home: "index.html", module: "basics/index.html", folder: "practice/index.html",
  scenario: "practice/first-session/index.html", vignette: "vignettes/new-member/index.html",
  vignettes: "vignettes/index.html", glossary: "glossary/index.html", references: "references/index.html",
  journal: "journal/index.html", progress: "progress/index.html", notfound: "404.html"
};

let browser, site;
before(async () => { site = h.buildSite(); browser = await h.launch(); fs.mkdirSync(SHOTS, { recursive: true }); });
after(() => browser && browser.close());

/** Answers the quiz and plays the scenario so that the feedback states get checked too. */
async function doSomeWork(context) {
  const page = await h.open(context, h.fileUrl(site, PAGES.module));
  await page.check('[data-question="basics/group-vs-individual"] input[value="a"]');
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.click("[data-quiz-submit]");
  await page.fill('textarea[data-reflection="basics/own-groups"]', "My team at work, and my family.");
  await page.goto(h.fileUrl(site, PAGES.scenario));
  await page.click('.sc-btn:has-text("Invite each member")');
  await page.click('.sc-btn:has-text("Move straight")');
  await page.close();
}

for (const scheme of ["light", "dark"]) {
  for (const worked of [false, true]) {
    test(`axe: no serious or critical violations, ${scheme}, ${worked ? "after some work" : "fresh"}`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      if (worked) await doSomeWork(context);
      const problems = [];
      for (const [name, url] of Object.entries(PAGES)) {
        const page = await h.open(context, h.fileUrl(site, url));
        if (worked && name === "progress") await page.check(".r-include input");
        for (const v of await h.seriousViolations(page)) problems.push(`${name}: ${v}`);
        h.assertNoErrors(page);
        await page.close();
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("screenshots: desktop and phone, light and dark", async () => {
  for (const [width, height, label] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height } });
      await doSomeWork(context);
      for (const [name, url] of Object.entries(PAGES)) {
        const page = await h.open(context, h.fileUrl(site, url));
        await page.screenshot({ path: path.join(SHOTS, `${label}-${scheme}-${name}.png`), fullPage: true });
        await page.close();
      }
      await context.close();
    }
  }
  assert.ok(fs.readdirSync(SHOTS).length >= 44);
});

test("responsive: nothing overflows sideways at 375 px, and the phone menu opens and closes", async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  await doSomeWork(context);
  const wide = [];
  for (const [name, url] of Object.entries(PAGES)) {
    const page = await h.open(context, h.fileUrl(site, url));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 375) wide.push(`${name}: ${width}px`);
    await page.close();
  }
  assert.deepEqual(wide, []);
  const page = await h.open(context, h.fileUrl(site, PAGES.folder));
  assert.equal(await page.isVisible("#course-nav"), false, "the module list is folded away on phones");
  await page.click("[data-nav-toggle]");
  assert.equal(await page.getAttribute("[data-nav-toggle]", "aria-expanded"), "true");
  assert.equal(await page.isVisible('[data-nav-page="practice/first-session"]'), true);
  await page.click("[data-nav-toggle]");
  assert.equal(await page.isVisible("#course-nav"), false);
  h.assertNoErrors(page);
  await context.close();
});

"use strict";
// Screenshots of every page kind of a built course at desktop (1280) and phone (390) width, light and
// dark: `node docs/screenshots/shoot.js SITE_DIR OUT_DIR`. Viewport-height captures; the home page is
// also shot at its module cards (-more), the quiz and the scenario at the exercise, fresh and
// answered. Optimise afterwards with `pngquant --force --ext .png --quality 55-80 OUT_DIR/*.png`.
const path = require("node:path");
const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const { chromium } = require("playwright-core");

const [site, out] = process.argv.slice(2);
if (!site || !out) throw new Error("usage: node docs/screenshots/shoot.js SITE_DIR OUT_DIR");

const PAGES = [
  ["home", "index.html", "#modules-title"],
  ["module", "why-groups/index.html"],
  ["content", "why-groups/social-identity/index.html"],
  ["quiz", "why-groups/social-cure/index.html", "form.quiz", answerQuiz],
  ["scenario", "capstone/scenario/index.html", "[data-kind=scenario]", playScenario],
  ["vignettes", "vignettes/index.html"],
  ["vignette", "vignettes/cameras-off/index.html"],
  ["glossary", "glossary/index.html"],
  ["references", "references/index.html"],
  ["journal", "journal/index.html"],
  ["progress", "progress/index.html"],
  ["404", "404.html"]
];

async function answerQuiz(page) {
  for (const q of await page.$$("form.quiz [data-options]")) await (await q.$("input")).check();
  await page.click("[data-quiz-submit]");
}

async function playScenario(page) { await page.click(".sc-btn >> nth=0"); }

async function scrollTo(page, selector) {
  await page.$eval(selector, (el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16));
  await page.waitForTimeout(100);
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
  });
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height }, reducedMotion: "reduce" });
      for (const [name, url, exercise, act] of PAGES) {
        const page = await context.newPage();
        await page.goto(pathToFileURL(path.join(site, url)).href);
        await page.waitForTimeout(150);
        const shot = (suffix) => page.screenshot({ path: path.join(out, `${name}${suffix}-${width}-${scheme}.png`) });
        await shot("");
        if (exercise) {
          await scrollTo(page, exercise);
          await shot(act ? "-exercise" : "-more");
          if (!act) { await page.close(); continue; }
          await act(page);
          await scrollTo(page, exercise);
          await shot("-answered");
        }
        await page.close();
      }
      await context.close();
    }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });

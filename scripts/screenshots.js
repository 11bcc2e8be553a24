"use strict";
// Screenshots of a built course at desktop (1280 × 800) and phone (390 × 844) width, light and
// dark (prefers-color-scheme), for docs/screenshots/:
//
//   ingroup build --out SITE && node scripts/screenshots.js SITE docs/screenshots/after [--all]
//
// Viewport-height captures with reduced motion. By default the curated set: the home page (and
// its module cards, -more), a module's first page, the quiz and the scenario answered, and the
// progress dashboard, which by then shows that work. --all adds every other page kind and the
// quiz and scenario before answering. PNGs are optimised with pngquant when it is installed.
const path = require("node:path");
const fs = require("node:fs");
const { spawnSync } = require("node:child_process");
const { pathToFileURL } = require("node:url");
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const all = args.includes("--all");
const [site, out] = args.filter((a) => !a.startsWith("--"));
if (!site || !out) throw new Error("usage: node scripts/screenshots.js SITE_DIR OUT_DIR [--all]");

// [name, url, selector to scroll to, action that answers it, in the curated set]
const PAGES = [
  ["home", "index.html", "#modules-title", null, true],
  ["module", "why-groups/index.html", null, null, true],
  ["content", "why-groups/social-identity/index.html"],
  ["quiz", "why-groups/social-cure/index.html", "form.quiz", answerQuiz, true],
  ["scenario", "capstone/scenario/index.html", "[data-kind=scenario]", playScenario, true],
  ["vignettes", "vignettes/index.html"],
  ["vignette", "vignettes/cameras-off/index.html"],
  ["glossary", "glossary/index.html"],
  ["references", "references/index.html"],
  ["journal", "journal/index.html"],
  ["progress", "progress/index.html", null, null, true],
  ["404", "404.html"]
].filter((p) => all || p[4]);

async function answerQuiz(page) {
  for (const q of await page.$$("form.quiz [data-options]")) await (await q.$("input")).check();
  await page.click("[data-quiz-submit]");
}

async function playScenario(page) { await page.click(".sc-btn >> nth=0"); }

async function scrollTo(page, selector) {
  await page.$eval(selector, (el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16));
  await page.waitForTimeout(100);
}

/** Shoots one page: its top, then (with a selector) the exercise fresh and answered, or more of the page. */
async function shootPage(context, [name, url, exercise, act], width, scheme) {
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.resolve(site, url)).href);
  await page.waitForTimeout(150);
  const shot = (suffix) => page.screenshot({ path: path.join(out, `${name}${suffix}-${width}-${scheme}.png`) });
  if (!act || all) await shot("");
  if (exercise) {
    await scrollTo(page, exercise);
    if (!act || all) await shot(act ? "-exercise" : "-more");
    if (act) {
      await act(page);
      await scrollTo(page, exercise);
      await shot("-answered");
    }
  }
  await page.close();
}

function optimise() {
  const pngs = fs.readdirSync(out).filter((f) => f.endsWith(".png")).map((f) => path.join(out, f));
  const r = spawnSync("pngquant", ["--force", "--ext", ".png", "--quality", "50-80", "--strip", ...pngs], { stdio: "inherit" });
  if (r.error) console.error("pngquant not found: the PNGs are not optimised");
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
      for (const p of PAGES) await shootPage(context, p, width, scheme);
      await context.close();
    }
  }
  await browser.close();
  optimise();
})().catch((e) => { console.error(e); process.exit(1); });

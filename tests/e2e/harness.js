// Shared helpers of the end-to-end tests: build the fixture course (or the bundled one) with the ingroup binary,
// drive Debian's Chromium through playwright-core, and check pages with axe-core.
"use strict";
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { chromium } = require("playwright-core");

const REPO = path.join(__dirname, "..", "..");
const FIXTURE = path.join(REPO, "tests", "fixtures", "e2e");
const THEME = path.join(REPO, "themes", "default");
const BIN = path.resolve(REPO, process.env.INGROUP_BIN || "target/release/ingroup");
const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const AXE = require.resolve("axe-core/axe.min.js");
const STORAGE_KEY = "ingroup:e2e-groups";

/** Temporary folders made by this test process, removed when it exits. */
const scratch = [];
process.on("exit", () => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * Builds the fixture course into a new temporary folder and returns the output folder.
 * The working tree's theme is copied in as the course's theme override, so the tests check
 * these files even when the binary embeds an older copy. `edit(dir)` may change the course first.
 */
function buildSite(edit) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ingroup-e2e-"));
  scratch.push(work);
  const course = path.join(work, "course");
  fs.cpSync(FIXTURE, course, { recursive: true });
  fs.cpSync(THEME, path.join(course, "themes", "default"), { recursive: true });
  if (edit) edit(course);
  const out = path.join(work, "site");
  assert.ok(fs.existsSync(BIN), `ingroup binary not found at ${BIN}: build it or set INGROUP_BIN`);
  execFileSync(BIN, ["build", "--root", course, "--out", out], { stdio: "pipe" });
  return out;
}

/**
 * Builds the bundled course (the repository root) into a new temporary folder and returns the
 * output folder. The root's `themes/default/` is the working-tree theme, so it is the override.
 */
function buildBundled() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ingroup-e2e-"));
  scratch.push(work);
  const out = path.join(work, "site");
  assert.ok(fs.existsSync(BIN), `ingroup binary not found at ${BIN}: build it or set INGROUP_BIN`);
  execFileSync(BIN, ["build", "--root", REPO, "--out", out], { stdio: "pipe" });
  return out;
}

function launch() {
  assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"]
  });
}

/** file:// URL of a page of a built site. */
function fileUrl(site, page = "index.html") { return pathToFileURL(path.join(site, page)).href; }

/** Opens a page and records console errors and uncaught exceptions in `page.errors`. */
async function open(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url);
  return page;
}

let axeText;
function axeSource() { return (axeText ??= fs.readFileSync(AXE, "utf8")); }

function assertNoErrors(page) { assert.deepEqual(page.errors, [], "no console errors"); }

/**
 * Runs axe-core (without its stylesheet preloading, which XHR cannot do from file://) and returns
 * the serious and critical violations, summarised. axe is evaluated through the DevTools protocol,
 * which the pages' Content-Security-Policy does not govern (a script tag would be refused).
 */
async function seriousViolations(page) {
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"], preload: false })).violations);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

/** Presses Tab until the focused element matches `selector` (fails after `max` presses). */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Waits until the page's live region has announced text matching `pattern`. */
function announced(page, pattern) {
  return page.waitForFunction((src) => new RegExp(src).test(document.querySelector("[data-live]").textContent), pattern.source, { timeout: 2000 });
}

/** The learner state as saved in localStorage (parsed), or null. */
async function savedState(page, key = STORAGE_KEY) {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
}

/**
 * Works through the fixture course in the browser: every page read, every quiz passed, the scenario
 * finished (badly with `poor`); `reflection` and `secret` are written into two reflections.
 */
async function completeCourse(page, site, options = {}) {
  await page.goto(fileUrl(site, "basics/index.html"));
  await page.check('[data-question="basics/group-vs-individual"] input[value="b"]');
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.check('[data-question="basics/processes"] input[value="b"]');
  await page.click("[data-quiz-submit]");
  if (options.reflection) {
    await page.fill('textarea[data-reflection="basics/own-groups"]', options.reflection);
    await page.locator("h1").click();
  }
  await page.goto(fileUrl(site, "practice/index.html"));
  await page.check('[data-question="check/norm"] input[value="a"]');
  await page.click('[data-question="check/norm"] button:has-text("Check answer")');
  if (options.secret) {
    await page.fill('textarea[data-reflection="practice/why-here"]', options.secret);
    await page.locator("h1").click();
  }
  await page.goto(fileUrl(site, "practice/first-session/index.html"));
  const sc = '[data-question="practice/first-session"]';
  await page.click(`${sc} .sc-btn:has-text("${options.poor ? "Read the group rules" : "Invite each member"}")`);
  if (!options.poor) await page.click(`${sc} .sc-btn:has-text("Name what members have in common")`);
  await page.locator(`${sc} .sc-ending:visible`).first().waitFor();
}

/**
 * The course data of a page with the words of its scenarios (which only the report pages load),
 * joined by the runtime's own `withScenarioTexts` from the built site's texts file.
 */
async function courseWithTexts(frame, site) {
  const file = fs.readdirSync(path.join(site, "assets")).find((f) => /^scenario-texts\..*\.js$/.test(f));
  const ctx = {};
  ctx.window = ctx;
  require("node:vm").runInNewContext(fs.readFileSync(path.join(site, "assets", file), "utf8"), ctx);
  return frame.evaluate((texts) => window.IG.model.withScenarioTexts(window.INGROUP_COURSE, texts), ctx.INGROUP_SCENARIO_TEXTS);
}

module.exports = { completeCourse, courseWithTexts, buildSite, buildBundled, launch, fileUrl, open, assertNoErrors, seriousViolations, tabTo, announced, savedState, STORAGE_KEY };

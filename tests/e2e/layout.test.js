"use strict";
// Layout of the bundled course: no page scrolls sideways at 320 px; module, quiz and scenario
// pages do not shift while the deferred scripts run (cumulative layout shift from
// PerformanceObserver layout-shift entries); glossary definitions stay inside the viewport;
// axe finds nothing serious in light, dark and forced colours (Windows high contrast).
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildBundled(); browser = await h.launch(); });
after(() => browser && browser.close());

/** Every HTML page of the built site, relative to its root. */
function pages(dir, rel = "") {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(rel, e.name);
    if (e.isDirectory()) return p === "assets" ? [] : pages(dir, p);
    return e.name.endsWith(".html") ? [p] : [];
  });
}

/** Home, the first module page, the progress report, the pages with a quiz form and with a scenario. */
function shiftPages() {
  const all = pages(site).filter((p) => !p.startsWith("vignettes/") && p !== "404.html");
  const html = (p) => fs.readFileSync(path.join(site, p), "utf8");
  const pick = (re) => all.filter((p) => re.test(html(p)));
  return [...new Set(["index.html", "why-groups/index.html", "progress/index.html", ...pick(/data-quiz=/), ...pick(/data-kind=scenario|data-kind="scenario"/)])];
}

test("no page of the bundled course scrolls sideways at 320 px", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const wide = [];
  for (const p of pages(site)) {
    await page.goto(h.fileUrl(site, p));
    const over = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= limit) return null;
      // The widest elements that end past the edge and are not inside a scrolling box.
      const culprits = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > limit + 1)
        .filter((el) => !el.parentElement.closest(".table-wrap, figure, pre"))
        .slice(-3).map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
      return `${document.documentElement.scrollWidth} px wide: ${culprits.join(", ")}`;
    });
    if (over) wide.push(`${p}: ${over}`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});

/**
 * Sum of layout-shift values (without recent input) from navigation until the page settled.
 * The CPU is slowed down as on a cheap phone, so that the page is painted while still being
 * parsed: content that appears above what is already shown counts as a shift.
 */
async function cls(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(400);
  const value = await page.evaluate(() => window.__cls);
  await page.close();
  return value;
}

for (const [label, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1280, height: 800 }]]) {
  test(`cumulative layout shift below 0.05 on home, module, progress, quiz and scenario pages, slow CPU (${label})`, async () => {
    const context = await browser.newContext({ viewport });
    const shifts = [];
    for (const returning of [false, true]) {
      for (const p of shiftPages()) {
        const value = await cls(context, h.fileUrl(site, p));
        if (value >= 0.05) shifts.push(`${p}${returning ? " (returning learner)" : ""}: ${value.toFixed(3)}`);
      }
    }
    assert.deepEqual(shifts, []);
    await context.close();
  });
}

test("glossary definitions stay inside the viewport", async () => {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await h.open(context, h.fileUrl(site, "group-context/index.html"));
    const outside = [];
    for (const term of await page.$$("a.term[data-definition]")) {
      await term.focus();
      const box = await page.$eval(".tip", (t) => { const r = t.getBoundingClientRect(); return { left: r.left, right: r.right, vw: document.documentElement.clientWidth }; });
      if (box.left < 0 || box.right > box.vw) outside.push(`${width}: ${await term.textContent()} ${Math.round(box.left)}–${Math.round(box.right)} of ${box.vw}`);
    }
    assert.ok((await page.$$("a.term[data-definition]")).length > 0, "the page has term links");
    assert.deepEqual(outside, []);
    await context.close();
  }
});

const KINDS = {
  home: "index.html", module: "why-groups/index.html", quiz: "why-groups/social-cure/index.html",
  scenario: "capstone/scenario/index.html", vignettes: "vignettes/index.html", vignette: "vignettes/cameras-off/index.html",
  glossary: "glossary/index.html", references: "references/index.html", journal: "journal/index.html",
  progress: "progress/index.html", notfound: "404.html"
};

for (const [mode, options] of [["light", { colorScheme: "light" }], ["dark", { colorScheme: "dark" }], ["forced colors", { forcedColors: "active" }]]) {
  test(`axe: every page kind of the bundled course, ${mode}, no serious or critical violations`, async () => {
    const context = await browser.newContext({ ...options, viewport: { width: 1280, height: 900 } });
    const problems = [];
    for (const [name, url] of Object.entries(KINDS)) {
      const page = await h.open(context, h.fileUrl(site, url));
      for (const v of await h.seriousViolations(page)) problems.push(`${name}: ${v}`);
      h.assertNoErrors(page);
      await page.close();
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

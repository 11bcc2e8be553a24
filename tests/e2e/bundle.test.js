"use strict";
// The theme's scripts run as one bundle: a file that throws while loading is logged and the
// files after it still run; a file with a top-level declaration stays a separate script that
// the files after it can use.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

const THROWS = `(function () { throw new Error("loading failed"); })();\n`;
const SHARED = `const SHARED_ANSWER = 41;\n`;
const USES = `(function () { document.documentElement.dataset.shared = String(SHARED_ANSWER + 1); })();\n`;

let browser, site;
before(async () => {
  site = h.buildSite((course) => {
    const js = path.join(course, "themes", "default", "static", "js");
    fs.writeFileSync(path.join(js, "05-throws.js"), THROWS);
    fs.writeFileSync(path.join(js, "06-shared.js"), SHARED);
    fs.writeFileSync(path.join(js, "07-uses.js"), USES);
  });
  browser = await h.launch();
});
after(() => browser && browser.close());

test("a file that throws while loading stops no other file, and top-level declarations stay visible", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await page.check('[data-question="basics/group-vs-individual"] input[value="b"]');
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.check('[data-question="basics/processes"] input[value="b"]');
  await page.click("[data-quiz-submit]");
  assert.match(await page.textContent("[data-quiz-result]"), /You passed/);
  assert.equal(await page.getAttribute("html", "data-shared"), "42");
  assert.ok(page.errors.some((e) => /ingroup: js\/05-throws\.js failed/.test(e)), page.errors.join("\n"));
  const scripts = await page.$$eval("script[src]", (list) => list.map((s) => s.getAttribute("src")));
  assert.equal(scripts.filter((s) => /runtime\./.test(s)).length, 2, scripts.join("\n"));
  assert.ok(scripts.some((s) => /06-shared\./.test(s)), scripts.join("\n"));
  await context.close();
});

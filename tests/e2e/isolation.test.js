"use strict";
// A theme component that throws must not stop the others: its error is logged, and quizzes,
// progress saving and the sidebar status still work.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const h = require("./harness.js");

const BROKEN = `(function (IG) {
  IG.init = IG.init || [];
  IG.init.push(function brokenStart() { throw new Error("broken start"); });
  IG.init.push(function () { return function brokenRender() { throw new Error("broken render"); }; });
})(window.IG = window.IG || {});
`;

let browser, site;
before(async () => {
  // 35- runs before the quiz component (40-), so a stop here would stop it too.
  site = h.buildSite((course) => fs.writeFileSync(path.join(course, "themes", "default", "static", "js", "35-broken.js"), BROKEN));
  browser = await h.launch();
});
after(() => browser && browser.close());

test("a throwing theme component is logged and the other components go on", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "basics/index.html"));
  await page.check('[data-question="basics/group-vs-individual"] input[value="b"]');
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.check('[data-question="basics/processes"] input[value="b"]');
  await page.click("[data-quiz-submit]");
  assert.match(await page.textContent("[data-quiz-result]"), /You passed/);
  assert.equal((await h.savedState(page)).quizzes.basics.latest.score, 2, "progress is saved");
  assert.ok(page.errors.some((e) => /ingroup: starting brokenStart failed/.test(e)), page.errors.join("\n"));
  assert.ok(page.errors.some((e) => /ingroup: rendering brokenRender failed/.test(e)), page.errors.join("\n"));
  assert.ok(page.errors.every((e) => /^ingroup: /.test(e)), "nothing escapes uncaught: " + page.errors.join("\n"));
  await context.close();
});

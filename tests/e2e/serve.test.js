"use strict";
// The built site served over HTTP under a sub-path (as on a course platform), with a strict
// Content-Security-Policy: styles and scripts must load and run without inline code or eval.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const h = require("./harness.js");

const PREFIX = "/courses/groups/";
const CSP = "default-src 'self'";
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml" };

let browser, site, server, base;
before(async () => {
  site = h.buildSite();
  browser = await h.launch();
  server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    const file = url.startsWith(PREFIX) ? path.join(site, url.slice(PREFIX.length)) : "";
    if (!file || !file.startsWith(site) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end("not found");
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Content-Security-Policy": CSP });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
});
after(async () => {
  if (browser) await browser.close();
  if (server) await new Promise((resolve) => server.close(resolve));
});

test("served under a sub-path with CSP default-src 'self': styles, scripts and links work", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, base + "index.html");
  const failed = [];
  page.on("requestfailed", (r) => failed.push(r.url()));
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  assert.equal(await page.isVisible("[data-dashboard]"), true, "the runtime ran");
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgba(0, 0, 0, 0)", "the stylesheet applied");
  await page.click('[data-module-card="basics"] h3 a');
  assert.equal(page.url(), base + "basics/index.html");
  await page.check('[data-question="basics/group-vs-individual"] input[value="b"]');
  await page.check('[data-question="basics/processes"] input[value="a"]');
  await page.check('[data-question="basics/processes"] input[value="b"]');
  await page.click("[data-quiz-submit]");
  assert.match(await page.textContent('[data-quiz="basics"] [data-quiz-result]'), /You passed/);
  await page.hover("a.term");
  assert.match(await page.textContent("[role=tooltip]"), /self-concept/, "the glossary definition shows on hover");
  await page.mouse.move(0, 0);
  await page.focus("a.term");
  assert.equal(await page.getAttribute("a.term", "aria-describedby"), "ig-tip", "the definition describes the focused term");
  await page.keyboard.press("Escape");
  assert.equal(await page.$("[role=tooltip]"), null, "Escape dismisses the definition");
  await page.click("a.cite >> nth=0");
  assert.equal(page.url(), base + "references/index.html#ref-haslam2020");
  assert.equal(await page.isVisible("#ref-haslam2020"), true);
  assert.deepEqual(failed, []);
  h.assertNoErrors(page);
  await context.close();
});

"use strict";
// An offline course (`offline: true`) served over HTTP under a sub-path: after one visit every
// page loads with the network gone, a new build replaces the cached copy, and from file://
// nothing is installed.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const h = require("./harness.js");

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json" };
let browser, server, base;
/** The folder the server shows under /course/; a test may point it at a new build. */
let served;

function offline(course) {
  const yaml = path.join(course, "course.yaml");
  fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8") + "\noffline: true\n");
}

before(async () => {
  served = h.buildSite(offline);
  browser = await h.launch();
  server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const rel = decodeURIComponent(url.pathname.replace(/^\/course\//, ""));
    const file = path.join(served, rel.endsWith("/") || rel === "" ? rel + "index.html" : rel);
    if (!url.pathname.startsWith("/course/") || !file.startsWith(served) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.statusCode = 404;
      return res.end("not found");
    }
    res.setHeader("content-type", TYPES[path.extname(file)] || "application/octet-stream");
    res.setHeader("cache-control", "no-cache");
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/course/`;
});
after(() => { server && server.close(); return browser && browser.close(); });

/** Every HTML page of a built site, relative to its root. */
function pages(site) {
  return fs.readdirSync(site, { recursive: true }).map(String).filter((p) => p.endsWith(".html")).map((p) => p.split(path.sep).join("/"));
}

/** Opens the home page and waits until the service worker controls it. */
async function visit(context) {
  const page = await h.open(context, base + "index.html");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });
  return page;
}

/** This site's cache names. */
function cacheNames(page) {
  return page.evaluate(() => caches.keys().then((names) => names.filter((n) => n.startsWith("ingroup:"))));
}

test("offline: after one visit every page loads without the network, with its scripts and styles", async () => {
  const context = await browser.newContext();
  const page = await visit(context);
  assert.equal((await cacheNames(page)).length, 1, "one cache for this build");
  const all = pages(served);
  assert.ok(all.length > 10, `${all.length} pages`);
  await context.setOffline(true);
  for (const rel of all) {
    const response = await page.goto(base + rel);
    assert.ok(response && response.ok(), `${rel} loads offline`);
    if (rel === "404.html") continue;
    assert.ok(await page.evaluate(() => !!window.INGROUP_COURSE && document.documentElement.classList.contains("js")), `${rel}: the course data and the runtime ran`);
    assert.ok(await page.evaluate(() => getComputedStyle(document.body).fontFamily !== "" && document.styleSheets.length > 0), `${rel}: styled`);
  }
  const folder = await page.goto(base);
  assert.ok(folder && folder.ok(), "the site's folder URL answers with its index.html");
  h.assertNoErrors(page);
  await context.close();
});

test("offline: a new build replaces the cached copy and removes the old cache", async () => {
  const context = await browser.newContext();
  const page = await visit(context);
  const [before] = await cacheNames(page);
  served = h.buildSite((course) => {
    offline(course);
    const basics = path.join(course, "content", "00-basics.md");
    fs.writeFileSync(basics, fs.readFileSync(basics, "utf8") + "\n\nA sentence only the new build has.\n");
  });
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    await registration.update();
    const worker = registration.installing || registration.waiting;
    if (!worker) throw new Error("the changed worker was not picked up");
    // Its activate step deletes the old cache; the worker is "activated" once that is done.
    await new Promise((r) => {
      const done = () => { if (worker.state === "activated") r(); };
      worker.addEventListener("statechange", done);
      done();
    });
  });
  const after = await cacheNames(page);
  assert.equal(after.length, 1, `the old cache is gone: ${after}`);
  assert.notEqual(after[0], before, "a new version");
  await context.setOffline(true);
  await page.goto(base + "basics/index.html");
  assert.match(await page.textContent("main"), /A sentence only the new build has/);
  await context.close();
});

test("offline: from file:// the pages work and no worker is installed", async () => {
  const context = await browser.newContext();
  const warnings = [];
  context.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
  const page = await h.open(context, h.fileUrl(served, "index.html"));
  assert.equal(await page.locator('link[rel="manifest"]').count(), 1);
  await page.waitForFunction(() => document.documentElement.classList.contains("js"));
  h.assertNoErrors(page);
  assert.deepEqual(warnings.filter((w) => /offline/.test(w)), [], "no attempt to install a worker");
  await context.close();
});

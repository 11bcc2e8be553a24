"use strict";
// Search on the bundled course, from file://: the index loads only when the box is first
// focused, `/` focuses the box (not while typing in a field), results come as you type with
// the match marked, title matches first, arrow keys and Enter open a result, Escape closes the
// list; axe finds nothing serious with the results open, in light and dark.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const h = require("./harness.js");

const MODULE = "why-groups/index.html";
let browser, site;
before(async () => { site = h.buildBundled(); browser = await h.launch(); });
after(() => browser && browser.close());

const indexScripts = (page) => page.evaluate(() => document.querySelectorAll('script[src*="search-index."]').length);

/** Types `query` into the search box and waits for the results list. */
async function searchFor(page, query) {
  await page.fill("#search-input", query);
  await page.waitForSelector("#search-results:not([hidden]) .search-hit");
}

test("the index is loaded on first focus and `/` focuses the box", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, MODULE));
  const box = page.locator("[data-search]");
  assert.match(await box.getAttribute("data-search-index"), /^\.\.\/assets\/search-index\.js$/);
  assert.equal(await indexScripts(page), 0, "nothing loaded before the box is used");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  assert.equal(await page.inputValue("#search-input"), "", "the slash is not typed");
  await page.waitForFunction(() => window.ingroupSearch);
  assert.equal(await indexScripts(page), 1);
  h.assertNoErrors(page);
  await context.close();
});

test("`/` types normally in a text field", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "journal/index.html"));
  const field = page.locator("textarea[data-reflection]").first();
  await field.click();
  await page.keyboard.type("a/b");
  assert.equal(await field.inputValue(), "a/b");
  assert.notEqual(await page.evaluate(() => document.activeElement.id), "search-input");
  await context.close();
});

test("results as you type: title matches first, matches marked in title and snippet", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, MODULE));
  await page.focus("#search-input");
  await searchFor(page, "prototypicality");
  const first = page.locator(".search-hit").first();
  assert.match(await first.locator(".search-title").textContent(), /prototypicality/i);
  assert.match(await first.locator(".search-title mark").first().textContent(), /^prototypicality$/i);
  await page.waitForSelector(".search-hit .search-snippet mark");
  assert.ok(await page.locator(".search-hit").count() > 1);
  assert.equal(await page.getAttribute("#search-input", "aria-expanded"), "true");
  assert.match(await page.locator("[data-search-status]").textContent(), /results?/);
  // Case, accents and inflections do not matter: "GROUPS" finds "group", "Café" like "cafe".
  await searchFor(page, "SOCIAL CURÉS");
  const titles = await page.locator(".search-hit").allTextContents();
  assert.ok(titles.some((t) => /social cure/i.test(t)), titles.join(" | "));
  await page.fill("#search-input", "zzqx");
  await page.waitForSelector(".search-none");
  assert.match(await page.locator(".search-none").textContent(), /No results/);
  h.assertNoErrors(page);
  await context.close();
});

test("arrow keys and Enter open a result; Escape closes the list", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, MODULE));
  await page.focus("#search-input");
  await searchFor(page, "impresarioship");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  const chosen = page.locator('.search-hit[aria-selected="true"]');
  assert.equal(await chosen.count(), 1);
  assert.equal(await page.getAttribute("#search-input", "aria-activedescendant"), await chosen.getAttribute("id"));
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#search-results").isHidden(), true);
  assert.equal(await page.getAttribute("#search-input", "aria-expanded"), "false");
  await page.keyboard.press("ArrowDown");
  const href = await chosen.getAttribute("href");
  const expected = new URL(href, page.url()).href;
  await Promise.all([page.waitForURL(expected), page.keyboard.press("Enter")]);
  assert.match(page.url(), /^file:.*\/index\.html(#.+)?$/);
  h.assertNoErrors(page);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`axe: no serious violations with the results open, ${scheme}`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await h.open(context, h.fileUrl(site, MODULE));
    await page.focus("#search-input");
    await searchFor(page, "group norms");
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector(".search-hit .search-snippet mark");
    assert.deepEqual(await h.seriousViolations(page), []);
    await context.close();
  });
}

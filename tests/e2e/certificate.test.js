"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const h = require("./harness.js");

let browser, site;
before(async () => { site = h.buildSite(); browser = await h.launch(); });
after(() => browser && browser.close());

test("certificate: says what is left before completion, then shows name, date, hours and a code matching the export", async () => {
  const context = await browser.newContext();
  const page = await h.open(context, h.fileUrl(site, "certificate/index.html"));
  await page.waitForSelector("[data-cert-left]:not([hidden])");
  assert.equal(await page.isVisible("[data-certificate]"), false, "no certificate before completion");
  assert.match(await page.textContent("[data-cert-left]"), /0 of 2 modules[\s\S]*Why groups heal: read 1 more page, pass Check your understanding[\s\S]*finish Practice/);
  assert.equal(await page.isVisible("[data-cert-print]"), false);

  await h.completeCourse(page, site);
  await page.goto(h.fileUrl(site, "certificate/index.html"));
  await page.waitForSelector("[data-certificate]:not([hidden])");
  assert.equal(await page.isVisible("[data-cert-left]"), false);
  await page.fill("[data-cert-name-input]", "Ada Lovelace");
  await page.locator("[data-cert-name-input]").blur();
  assert.equal(await page.textContent("[data-cert-name]"), "Ada Lovelace");
  const text = await page.innerText("[data-certificate]");
  assert.match(text, /Facilitating Therapy Groups/);
  assert.match(text, /Course version\s+1\.0/i);
  assert.match(text, /Study time\s+About \d+ minutes/i, "no cpd_hours in the fixture: the modules' minutes");
  assert.match(text, /Self-attested/);
  assert.match(text, /Objectives covered/);
  const code = await page.textContent("[data-cert-code]");
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await page.reload();
  assert.equal(await page.inputValue("[data-cert-name-input]"), "Ada Lovelace", "the name is stored");
  assert.equal(await page.textContent("[data-cert-code]"), code, "the code is stable");

  await page.goto(h.fileUrl(site, "progress/index.html"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-export]")]);
  const exported = JSON.parse(fs.readFileSync(await download.path()));
  assert.equal(exported.verification, code, "the export carries the same code");
  assert.equal(exported.learner.name, "Ada Lovelace");
  h.assertNoErrors(page);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`certificate: axe clean, keyboard usable and printable (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await h.open(context, h.fileUrl(site, "certificate/index.html"));
    assert.deepEqual(await h.seriousViolations(page), [], "before completion");
    await h.completeCourse(page, site);
    await page.goto(h.fileUrl(site, "certificate/index.html"));
    await h.tabTo(page, "[data-cert-name-input]");
    await page.keyboard.type("Grace Hopper");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.matches("[data-cert-print]")), true, "the print button follows the name");
    assert.equal(await page.textContent("[data-cert-name]"), "Grace Hopper");
    assert.deepEqual(await h.seriousViolations(page), [], "after completion");
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() => [...document.querySelectorAll("main .content > *")]
      .filter((e) => getComputedStyle(e).display !== "none").map((e) => e.className));
    assert.deepEqual(shown, ["certificate"], "only the certificate prints");
    assert.equal(await page.isVisible(".site-header"), false);
    await context.close();
  });
}

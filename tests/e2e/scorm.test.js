// SCORM packages of the bundled course in a real SCORM runtime: scorm-again plays the LMS in
// a test page served over HTTP, the package's launcher runs in its frame, and every call and
// commit is recorded. A learner works through the course; the CMI data is checked; a new
// attempt from the stored CMI JSON resumes; the 1.2 size limit and a failing LMS are tried.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const h = require("./harness.js");

const REPO = path.join(__dirname, "..", "..");
const BIN = path.resolve(REPO, process.env.INGROUP_BIN || "target/release/ingroup");
const SCORM_AGAIN = path.join(REPO, "node_modules", "scorm-again", "dist");
const REFLECTION = "Naming what we share as a group mattered more than any technique I used.";
const ws = (s) => s.replace(/\s+/g, " ").trim();

/* The test LMS: scorm-again's API on the LMS page, every call recorded, commits snapshotted. */
const LMS_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="/vendor/scorm-again.js"></script><script src="/lms.js"></script></head>
<body><iframe id="sco" title="Course" style="width:1200px;height:900px"></iframe></body></html>`;
const LMS_JS = `(function () {
  var v12 = new URLSearchParams(location.search).get("v") === "12";
  var api = v12 ? new Scorm12API({ autocommit: false, logLevel: 5 }) : new Scorm2004API({ autocommit: false, logLevel: 5 });
  if (window.START_CMI) api.loadFromJSON(window.START_CMI, "");
  window.calls = []; window.commits = []; window.failCommits = false;
  ["LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue", "LMSGetValue", "Initialize", "Terminate", "Commit", "SetValue", "GetValue"].forEach(function (m) {
    if (typeof api[m] !== "function") return;
    var real = api[m].bind(api);
    api[m] = function (a, b) {
      if (/Commit$/.test(m) && window.failCommits) { window.calls.push([m, "false"]); return "false"; }
      var r;
      try { r = real(a, b); } catch (e) { window.calls.push([m, a, b, "false", "threw", String(e && e.message)]); throw e; }
      window.calls.push([m, a, b, String(r)].concat(String(r) === "false" ? [String(api.GetLastError ? api.GetLastError() : api.LMSGetLastError()),
        String(api.GetDiagnostic ? api.GetDiagnostic("") : api.LMSGetDiagnostic(""))] : []));
      if (/Commit$/.test(m) && String(r) === "true") window.commits.push(JSON.parse(JSON.stringify(api.renderCMIToJSONObject())));
      return r;
    };
  });
  window[v12 ? "API" : "API_1484_11"] = api;
  document.addEventListener("DOMContentLoaded", function () { document.getElementById("sco").src = "/pkg/ingroup-lms.html"; });
})();`;

let browser;
const packages = {}, unpacked = {};
const servers = [];
before(async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ingroup-scorm-"));
  process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
  for (const kind of ["scorm12", "scorm2004"]) {
    const out = path.join(work, kind, "site");
    const said = execFileSync(BIN, ["build", "--root", REPO, "--out", out, "--package", kind], { encoding: "utf8" });
    const zip = path.join(work, kind, fs.readdirSync(path.join(work, kind)).find((f) => f.endsWith(`-${kind}.zip`)));
    assert.ok(said.includes(path.basename(zip)), "the summary line names the package");
    const dir = path.join(work, kind, "pkg");
    execFileSync("unzip", ["-q", zip, "-d", dir]);
    unpacked[kind] = dir;
    packages[kind] = await serve(dir);
  }
  browser = await h.launch();
});
after(async () => {
  if (browser) await browser.close();
  servers.forEach((s) => s.close());
});

/** Serves the test LMS page, scorm-again and the unpacked package on a loopback port. */
function serve(pkg) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".xml": "application/xml" };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = null;
    if (url.pathname === "/lms.html") return res.end(LMS_HTML);
    if (url.pathname === "/lms.js") { res.setHeader("content-type", "text/javascript"); return res.end(LMS_JS); }
    if (url.pathname === "/vendor/scorm-again.js") file = path.join(SCORM_AGAIN, "scorm-again.js");
    else if (url.pathname.startsWith("/pkg/")) file = path.join(pkg, decodeURIComponent(url.pathname.slice(5)));
    if (!file || !path.resolve(file).startsWith(path.resolve(pkg)) && !file.startsWith(SCORM_AGAIN) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.statusCode = 404;
      return res.end("not found");
    }
    res.setHeader("content-type", types[path.extname(file)] || "application/octet-stream");
    fs.createReadStream(file).pipe(res);
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

/** Opens the test LMS (optionally resuming from CMI JSON) and waits for the course in its frame. */
async function openLms(context, kind, startCmi) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  if (startCmi) await page.addInitScript((cmi) => { window.START_CMI = cmi; }, startCmi);
  await page.goto(`${packages[kind]}/lms.html?v=${kind === "scorm12" ? "12" : "2004"}`);
  const course = page.frameLocator("#sco").frameLocator("[data-lms-frame]");
  await course.locator("main").waitFor();
  return page;
}
/** The frame that shows the course pages (inside the launcher). */
function courseFrame(page) { return page.frames().find((f) => f.parentFrame() && f.parentFrame().parentFrame() === page.mainFrame()); }
function launcher(page) { return page.frames().find((f) => f.parentFrame() === page.mainFrame()); }
async function flush(page) { await launcher(page).evaluate(() => window.INGROUP_LMS.flush()); }
async function lastCommit(page) { return page.evaluate(() => window.commits[window.commits.length - 1]); }
/** The CMI tree of the last commit. */
async function lastCmi(page) { return (await lastCommit(page)).cmi; }
async function go(page, url) {
  const frame = courseFrame(page);
  await frame.goto(frame.url().replace(/\/pkg\/.*$/, "/pkg/") + url);
  await frame.waitForSelector("main");
  return frame;
}

async function passQuiz(frame, quiz, quizId) {
  const form = `form[data-quiz="${quizId}"]`;
  for (const q of quiz.questions) {
    if (q.kind === "single" || q.kind === "multiple") for (const o of q.correct) await frame.click(`${form} label[for="q-${quizId}-${q.id}-${o}"]`);
  }
  if (!quiz.questions.some((q) => q.correct)) return;
  await frame.click(`${form} [data-quiz-submit]`);
  await frame.waitForSelector(`${form} [data-quiz-result]:not([hidden])`);
}
async function passStandalone(frame, course, key) {
  const [quizId, qid] = key.split("/");
  const q = course.quizzes[quizId].questions.find((x) => x.id === qid);
  for (const o of q.correct) await frame.click(`[data-question="${key}"] label[for="q-${quizId}-${qid}-${o}"]`);
  await frame.click(`[data-question="${key}"] button:has-text("Check answer")`);
}
async function walkScenario(frame, course, key) {
  const [quizId, qid] = key.split("/");
  const sc = course.quizzes[quizId].questions.find((x) => x.id === qid), sel = `[data-question="${key}"]`;
  if (await frame.$(`${sel} .sc-current [data-ending]`)) return;
  let node = sc.start;
  while (!sc.nodes[node].ending) {
    const choices = sc.nodes[node].choices, pick = Math.max(0, choices.findIndex((c) => c.rating === "best"));
    await frame.locator(`${sel} .sc-current .sc-btn`).nth(pick).click();
    node = choices[pick].next;
    if (sc.nodes[node].ending) break;
    await frame.waitForFunction(([s, text]) => {
      const chosen = document.querySelector(s + " .sc-last .sc-chosen");
      return chosen && chosen.textContent.replace(/\s+/g, " ").trim() === text;
    }, [sel, ws(choices[pick].text)]);
  }
  await frame.waitForSelector(`${sel} .sc-current [data-ending]`);
}

/** A learner works through every page, quiz and scenario of the course, and writes one reflection. */
async function completeCourse(page) {
  const course = await h.courseWithTexts(courseFrame(page), unpacked.scorm12);
  let reflected = null;
  for (const mod of course.modules) {
    for (const p of mod.pages) {
      const frame = await go(page, p.url);
      const found = await frame.evaluate(() => {
        const all = (s) => [...document.querySelectorAll(s)];
        return { quizzes: all("form[data-quiz]").map((f) => f.dataset.quiz),
          standalone: all('[data-kind="single"], [data-kind="multiple"]').filter((e) => !e.closest("form[data-quiz]")).map((e) => e.dataset.question),
          scenarios: all('[data-kind="scenario"]').map((e) => e.dataset.question) };
      });
      for (const id of found.quizzes) await passQuiz(frame, course.quizzes[id], id);
      for (const key of found.standalone) await passStandalone(frame, course, key);
      for (const key of found.scenarios) await walkScenario(frame, course, key);
      const area = reflected ? null : await frame.$("textarea[data-reflection]");
      if (area) {
        await area.fill(REFLECTION);
        await area.evaluate((a) => a.blur());
        reflected = await area.getAttribute("data-reflection");
      }
    }
  }
  return { course, reflected };
}

function choiceCount(course) {
  return Object.values(course.quizzes).reduce((n, q) => n + q.questions.filter((x) => x.kind === "single" || x.kind === "multiple").length, 0);
}
function scenarioCount(course) {
  return Object.values(course.quizzes).reduce((n, q) => n + q.questions.filter((x) => x.kind === "scenario").length, 0);
}

for (const kind of ["scorm12", "scorm2004"]) {
  const v12 = kind === "scorm12";
  test(`${kind}: one session, the whole course reaches the LMS, and a new attempt resumes`, async () => {
    const context = await browser.newContext({ reducedMotion: "reduce" });
    const page = await openLms(context, kind);
    const { course, reflected } = await completeCourse(page);
    await go(page, "progress/index.html");
    await flush(page);
    const refused = await page.evaluate(() => window.calls.filter((c) => c[3] === "false"));
    assert.deepEqual(refused, [], "the LMS accepted every value");
    const cmi = await lastCmi(page);
    const core = v12 ? cmi.core : cmi;
    const interactions = Object.values(cmi.interactions).filter((x) => x && x.id);
    const counted = choiceCount(course) + scenarioCount(course);
    const suspend = cmi.suspend_data;
    const summary = { kind, status: v12 ? core.lesson_status : `${cmi.completion_status}/${cmi.success_status}`,
      score: v12 ? core.score.raw : `${cmi.score.raw} (scaled ${cmi.score.scaled})`, interactions: interactions.length,
      objectives: Object.values(cmi.objectives).filter((x) => x && x.id).length,
      suspend_data: `${suspend.length} of ${v12 ? 4096 : 64000}`, location: v12 ? core.lesson_location : cmi.location };
    console.log("CMI after a full run:", JSON.stringify(summary));
    if (v12) assert.equal(core.lesson_status, "passed");
    else { assert.equal(cmi.completion_status, "completed"); assert.equal(cmi.success_status, "passed"); assert.equal(String(cmi.score.scaled), "1"); }
    assert.equal(String(core.score.raw), "100");
    assert.equal(interactions.length, counted, "one interaction per choice question and scenario");
    const choice = interactions.find((x) => x.type === "choice");
    assert.equal(choice.result, "correct");
    assert.ok(choice.objectives && JSON.stringify(choice.objectives).includes('"id"'), "interactions name their objective");
    assert.ok(summary.objectives > 0, "learning objectives are reported");
    assert.equal(summary.location, "progress/index.html", "the bookmark is the page shown last");
    assert.match(ws(await courseFrame(page).textContent("footer .privacy")), /saved in your learning platform/, "the footer says where progress is kept");
    assert.ok(suspend.length <= (v12 ? 4096 : 64000));
    assert.ok(suspend.includes(REFLECTION), "the reflection fits in the suspend data");
    const calls = await page.evaluate(() => window.calls.map((c) => c[0]));
    assert.equal(calls.filter((c) => /Initialize$/.test(c)).length, 1, "Initialize once for the whole course");

    // Leaving ends the session: exit, session time, one Terminate.
    await page.evaluate(() => { document.getElementById("sco").src = "about:blank"; });
    await page.waitForFunction(() => window.calls.some((c) => /^(LMSFinish|Terminate)$/.test(c[0])));
    const end = await page.evaluate(() => window.calls);
    assert.equal(end.filter((c) => /^(LMSFinish|Terminate)$/.test(c[0])).length, 1);
    assert.ok(end.some((c) => /session_time$/.test(c[1] || "")), "session time is reported");
    const stored = await lastCommit(page);
    assert.equal(page.errors.length, 0, page.errors.join("\n"));
    await context.close();

    // A new attempt on another device (no local cache): the LMS data alone restores everything.
    if (v12) stored.cmi.core.entry = "resume"; else stored.cmi.entry = "resume";
    delete stored.cmi.interactions;
    const again = await browser.newContext({ reducedMotion: "reduce" });
    const page2 = await openLms(again, kind, stored);
    const frame = courseFrame(page2);
    assert.match(frame.url(), /progress\/index\.html$/, "resumes at the bookmark");
    assert.match(ws(await frame.textContent("[data-report] .r-meta")), /100% of the course done/);
    const j = await go(page2, "journal/index.html");
    assert.equal(await j.inputValue(`textarea[data-reflection="${reflected}"]`), REFLECTION, "the reflection is back");
    await launcher(page2).evaluate(() => history.back());
    await courseFrame(page2).waitForSelector("[data-report]");
    assert.match(courseFrame(page2).url(), /progress\/index\.html$/, "the back button moves within the course");
    await again.close();
  });
}

test("scorm12: reflections too long for 4,096 characters stay in this browser, with a notice", async () => {
  const context = await browser.newContext();
  const page = await openLms(context, "scorm12");
  const frame = courseFrame(page);
  const long = "I noticed how the group began to speak of itself as we. ".repeat(30);
  const keys = await frame.evaluate(() => window.INGROUP_COURSE.reflections.map((r) => r.key));
  const j = await go(page, "journal/index.html");
  for (const k of keys.slice(0, 6)) {
    await j.fill(`textarea[data-reflection="${k}"]`, long);
    await j.locator(`textarea[data-reflection="${k}"]`).evaluate((a) => a.blur());
  }
  await flush(page);
  const cmi = await lastCmi(page);
  assert.ok(cmi.suspend_data.length <= 4096, `suspend_data is ${cmi.suspend_data.length} characters`);
  const note = launcher(page).locator("[data-lms-note]");
  assert.match(await note.innerText(), /journal entr(y is|ies are) too long for this LMS to store\. They are kept in this browser only/);
  const cached = await j.evaluate(() => Object.entries(localStorage).find(([k]) => k.includes(":lms:"))[1]);
  for (const k of keys.slice(0, 6)) assert.equal(JSON.parse(cached).reflections[k].text, long, `${k} is kept in this browser`);
  await context.close();
});

test("scorm2004: when the LMS refuses a commit the learner is told, nothing is lost, and saving is retried", async () => {
  const context = await browser.newContext();
  const page = await openLms(context, "scorm2004");
  await page.evaluate(() => { window.failCommits = true; });
  const frame = await go(page, "why-groups/index.html");
  await frame.waitForSelector("main");
  await flush(page);
  const note = launcher(page).locator("[data-lms-note]");
  assert.match(await note.innerText(), /has not reached the LMS yet[\s\S]*kept in this browser[\s\S]*tried again/);
  assert.equal(await launcher(page).isVisible("[data-lms-note] button"), true, "the learner can retry at once");
  await page.evaluate(() => { window.failCommits = false; });
  await launcher(page).click("[data-lms-note] button");
  await note.waitFor({ state: "hidden" });
  const cmi = await lastCmi(page);
  assert.equal(cmi.location, "why-groups/index.html", "what was refused reaches the LMS on the retry");
  assert.ok(cmi.suspend_data.length > 0);
  await context.close();
});

/** The runtime's model and LMS bridge with the bundled course's data, in a VM (no browser). */
function runtimeWithCourse(dir) {
  const vm = require("node:vm");
  const ctx = vm.createContext({});
  ctx.window = ctx;
  const data = fs.readdirSync(path.join(dir, "assets")).find((f) => /^course\..*\.js$/.test(f));
  vm.runInContext(fs.readFileSync(path.join(dir, "assets", data), "utf8"), ctx);
  for (const f of ["10-model.js", "25-lms.js"]) vm.runInContext(fs.readFileSync(path.join(REPO, "themes", "default", "static", "js", f), "utf8"), ctx);
  return { IG: ctx.IG, course: ctx.INGROUP_COURSE };
}

/** The largest state the bundled course can produce: every page, three different attempts of every quiz, every scenario played twice, every reflection written. */
function worstState(course, reflectionLength) {
  const t = 1.9e12, state = { version: 1, course: course.id, seed: "abcdefghij", started: t, visits: {}, last: null, quizzes: {}, scenarios: {}, reflections: {} };
  let n = 0;
  course.modules.forEach((m) => m.pages.forEach((p) => { state.visits[p.id] = t + 86400000 * 30 + n++ * 1000; }));
  state.last = { page: course.modules[0].pages[0].id, at: t + 99e6 };
  for (const [id, quiz] of Object.entries(course.quizzes)) {
    const choice = quiz.questions.filter((q) => q.options);
    if (!choice.length) continue;
    const attempt = (k) => ({ answers: Object.fromEntries(choice.map((q) => [q.id, q.kind === "multiple" ? q.options.slice(0, 1 + k) : [q.options[k % q.options.length]]])), at: t + 5e8 + k * 1e5, score: k, total: choice.length });
    state.quizzes[id] = { current: attempt(0), latest: attempt(1), best: attempt(2) };
    for (const q of quiz.questions.filter((x) => x.kind === "scenario")) {
      let node = q.start; const path = [];
      while (q.nodes[node] && !q.nodes[node].ending && path.length < 50) { const c = q.nodes[node].choices[q.nodes[node].choices.length - 1]; path.push(c.id); node = c.next; }
      state.scenarios[`${id}/${q.id}`] = { current: { path: path.slice(0, -1), at: t + 7e8 }, done: { path, outcome: "negative", at: t + 7e8 + 1 } };
    }
  }
  course.reflections.forEach((r, i) => { state.reflections[r.key] = { text: `Entry ${i}: ` + "what we share as a group matters; ".repeat(reflectionLength / 34), at: t + 8e8 + i * 1000 }; });
  return state;
}

test("suspend data: the worst case of the bundled course fits each version's limit, and reads back whole", () => {
  const { IG, course } = runtimeWithCourse(unpacked.scorm12);
  const state = worstState(course, 1000);
  const norm = (s) => JSON.parse(JSON.stringify(IG.model.parse(JSON.stringify(s), course.id, "", 0)));
  const roundTrip = IG.lms.decodeState(course, IG.lms.encodeState(course, state));
  const seconds = (s) => JSON.parse(JSON.stringify(s), (k, v) => (k === "at" || k === "started" || typeof v === "number" && v > 1e12 ? Math.round(v / 1000) : v));
  assert.deepEqual(seconds(norm(roundTrip)), seconds(norm(state)), "every record survives the coding (dates to the second)");
  const noJournal = IG.lms.encodeState(course, state, () => false);
  const v12 = IG.lms.fitState(course, state, 4096), v2004 = IG.lms.fitState(course, state, 64000);
  console.log(`worst case: state without journal ${noJournal.length} chars (JSON ${JSON.stringify(Object.assign({}, state, { reflections: {} })).length}); ` +
    `1.2: ${v12.text.length}/4096 with ${v12.left} of ${course.reflections.length} reflections left in the browser; 2004: ${v2004.text.length}/64000 with ${v2004.left} left`);
  assert.ok(noJournal.length <= 4096, `everything but the journal fits SCORM 1.2 (${noJournal.length})`);
  const migrated = IG.model.parse(JSON.stringify(state), course.id, "", 0);
  const noJournal3 = IG.lms.encodeState(course, migrated, () => false);
  assert.ok(noJournal3.length <= 4096, `migrated to the current version (first-reached times, plays), it still fits SCORM 1.2 (${noJournal3.length})`);
  assert.deepEqual(seconds(norm(IG.lms.decodeState(course, IG.lms.encodeState(course, migrated)))), seconds(norm(migrated)), "plays survive the coding");
  assert.ok(v12.text.length <= 4096 && v12.left > 0, "1.2 keeps what fits and counts the rest");
  assert.equal(v2004.left, 0, "SCORM 2004 holds every reflection of 1,000 characters");
  assert.ok(v2004.text.length <= 64000);
  const huge = worstState(course, 2000);
  const over = IG.lms.fitState(course, huge, 64000);
  assert.ok(over.text.length <= 64000 && over.left > 0, "2004 too says what it could not keep");
});

/* The official schemas, shipped in the package: a wrapper imports each namespace the manifest uses. */
const NAMESPACES = {
  scorm12: { "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd", "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd" },
  scorm2004: { "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd", "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd", "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
    "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd" }
};
for (const kind of ["scorm12", "scorm2004"]) {
  test(`${kind}: imsmanifest.xml is valid against the official XSDs in the package`, async () => {
    const { validateXML } = require("xmllint-wasm");
    const dir = unpacked[kind];
    const imports = Object.entries(NAMESPACES[kind]).map(([ns, file]) => `<xs:import namespace="${ns}" schemaLocation="${file}"/>`).join("");
    const wrapper = `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${imports}</xs:schema>`;
    const preload = fs.readdirSync(dir).filter((f) => /\.(xsd|dtd)$/.test(f)).map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), "utf8") }));
    const xml = fs.readFileSync(path.join(dir, "imsmanifest.xml"), "utf8");
    const result = await validateXML({ xml: [{ fileName: "imsmanifest.xml", contents: xml }], schema: [{ fileName: "wrapper.xsd", contents: wrapper }], preload });
    assert.deepEqual(result.errors, [], result.rawOutput);
    assert.equal(result.valid, true);
    // And a broken manifest is caught, so the check can fail.
    const broken = await validateXML({ xml: [{ fileName: "imsmanifest.xml", contents: xml.replace("<organizations ", "<organisations ").replace("</organizations>", "</organisations>") }],
      schema: [{ fileName: "wrapper.xsd", contents: wrapper }], preload });
    assert.equal(broken.valid, false);
  });
}

test("without an LMS the launcher opens the plain site", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${packages.scorm12}/pkg/ingroup-lms.html`);
  await page.waitForURL(/\/pkg\/index\.html$/);
  assert.ok(await page.evaluate(() => !window.IG.lmsAdapter && !!localStorage.getItem("ingroup:" + window.INGROUP_COURSE.id)));
  await context.close();
});

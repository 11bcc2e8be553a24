"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, sampleCourse } = require("./runtime.js");

/** A fake browser window: a Map-backed localStorage and storage-event listeners. */
function fakeWindow({ throwOnAccess = false, quota = Infinity, readOnly = false } = {}) {
  const data = new Map();
  const listeners = [];
  const storage = {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => {
      const used = [...data.values()].reduce((n, x) => n + x.length, 0);
      if (readOnly || used + String(v).length > quota) throw new Error("QuotaExceededError");
      data.set(k, String(v));
    },
    removeItem: (k) => data.delete(k)
  };
  const win = {
    Date, Math, JSON, Object, Array, Error, Set,
    addEventListener: (type, fn) => { if (type === "storage") listeners.push(fn); },
    data,
    fire: (key, newValue) => listeners.forEach((fn) => fn({ key, newValue }))
  };
  Object.defineProperty(win, "localStorage", { get() { if (throwOnAccess) throw new Error("SecurityError"); return storage; } });
  return win;
}

function boot(win) {
  const IG = loadRuntime(["10-model.js", "20-store.js"], win);
  return { IG, store: IG.createStore(sampleCourse(), IG.localAdapter) };
}

test("first visit: a fresh state is created and saved under ingroup:<course-id>", () => {
  const win = fakeWindow();
  const { store } = boot(win);
  assert.equal(store.persistent, true);
  assert.equal(store.notice, null);
  assert.equal(JSON.parse(win.data.get("ingroup:demo")).version, 3);
});

test("changes persist and reappear in a new page load", () => {
  const win = fakeWindow();
  boot(win).store.update((s) => { s.reflections["basics/think"] = { text: "kept", at: 5 }; });
  assert.equal(boot(win).store.state.reflections["basics/think"].text, "kept");
});

test("corrupt storage: raw text kept under a backup key, fresh start, learner told", () => {
  const win = fakeWindow();
  win.data.set("ingroup:demo", "{ broken json");
  const { store } = boot(win);
  assert.equal(win.data.get("ingroup:demo:backup"), "{ broken json");
  assert.deepEqual(Object.keys(store.state.visits), []);
  assert.match(store.notice.text, /could not be read/);
  assert.equal(JSON.parse(win.data.get("ingroup:demo")).course, "demo", "the clean state replaced the corrupt one");
});

test("storage blocked: works in memory and says progress will not be kept", () => {
  const win = fakeWindow({ throwOnAccess: true });
  const { store } = boot(win);
  assert.equal(store.persistent, false);
  assert.match(store.notice.text, /will not be kept/);
  store.update((s) => { s.visits.intro = 1; });
  assert.equal(store.state.visits.intro, 1);
});

test("storage full: switches to memory with a notice instead of throwing", () => {
  const win = fakeWindow({ quota: 1000 });
  const { store } = boot(win);
  assert.doesNotThrow(() => store.update((s) => { s.reflections["basics/think"] = { text: "x".repeat(2000), at: 1 }; }));
  assert.equal(store.persistent, false);
  assert.match(store.notice.text, /full/);
  assert.equal(store.state.reflections["basics/think"].text.length, 2000);
});

test("two tabs: a storage event merges, and saving never overwrites the other tab's newer data", () => {
  const win = fakeWindow();
  const a = boot(win).store;
  const b = boot(win).store;
  a.update((s) => { s.reflections["basics/think"] = { text: "from A", at: Date.now() }; });
  b.update((s) => { s.visits.intro = 7; });
  const saved = JSON.parse(win.data.get("ingroup:demo"));
  assert.equal(saved.reflections["basics/think"].text, "from A", "B merged A's entry before saving");
  assert.equal(saved.visits.intro, 7);
  let seen = null;
  a.on((state) => { seen = state; });
  win.fire("ingroup:demo", win.data.get("ingroup:demo"));
  assert.equal(seen.visits.intro, 7, "A picked up B's change from the storage event");
  win.fire("ingroup:demo", "{half-written");
  assert.equal(a.state.visits.intro, 7, "an unreadable event is ignored");
});

test("export, reset, import: a full round trip", () => {
  const win = fakeWindow();
  const { store } = boot(win);
  store.update((s) => {
    s.visits.intro = 11;
    s.reflections["basics/think"] = { text: "mine", at: 12 };
  });
  const file = store.exportText();
  assert.equal(JSON.parse(file).format, "ingroup-progress");
  store.reset();
  assert.deepEqual(Object.keys(store.state.reflections), []);
  assert.deepEqual(Object.keys(JSON.parse(win.data.get("ingroup:demo")).reflections), []);
  store.importText(file);
  assert.equal(store.state.reflections["basics/think"].text, "mine");
  assert.equal(store.state.visits.intro, 11);
  assert.equal(boot(win).store.state.reflections["basics/think"].text, "mine", "the import was saved");
});

test("import: invalid files are refused and change nothing", () => {
  const { store } = boot(fakeWindow());
  store.update((s) => { s.visits.intro = 3; });
  const before = JSON.stringify(store.state);
  assert.throws(() => store.importText("not json"), /not valid JSON/);
  assert.throws(() => store.importText(JSON.stringify({ version: 1, course: "elsewhere", visits: {}, quizzes: {}, scenarios: {}, reflections: {} })), /another course/);
  assert.throws(() => store.importText(JSON.stringify({ version: 99, course: "demo" })), /newer version/);
  assert.equal(JSON.stringify(store.state), before);
});

test("partly invalid storage: valid records kept, the rest backed up, learner told", () => {
  const win = fakeWindow();
  const raw = JSON.stringify({ version: 1, course: "demo", seed: "s", started: 1, visits: { intro: 5 }, quizzes: {}, scenarios: {},
    reflections: { "basics/think": { text: "kept", at: 3 }, "basics/other": { text: "lost", at: "yesterday" } } });
  win.data.set("ingroup:demo", raw);
  const { store } = boot(win);
  assert.equal(store.state.reflections["basics/think"].text, "kept");
  assert.equal(store.state.visits.intro, 5);
  assert.equal(win.data.get("ingroup:demo:backup"), raw);
  assert.match(store.notice.text, /Part of your saved progress could not be read \(1 record/);
  assert.equal(JSON.parse(win.data.get("ingroup:demo")).reflections["basics/think"].text, "kept");
  assert.equal(boot(win).store.notice, null, "told once: the cleaned state is what is saved now");
});

test("writes blocked, reads working: saved progress is shown and exported", () => {
  const win = fakeWindow();
  boot(win).store.update((s) => { s.reflections["basics/think"] = { text: "kept", at: 5 }; });
  const blocked = fakeWindow({ readOnly: true });
  blocked.data.set("ingroup:demo", win.data.get("ingroup:demo"));
  const { store } = boot(blocked);
  assert.equal(store.persistent, false);
  assert.equal(store.state.reflections["basics/think"].text, "kept");
  assert.match(store.notice.text, /read your saved progress but not save/);
  assert.equal(JSON.parse(store.exportText()).reflections["basics/think"].text, "kept");
});

"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, sampleCourse } = require("./runtime.js");

const IG = loadRuntime(["10-model.js", "15-review.js", "16-record.js"]);
const M = IG.model, R = IG.review;
const DAY = 864e5, T0 = Date.UTC(2026, 0, 5);
const plain = (v) => JSON.parse(JSON.stringify(v));
const fresh = () => M.empty("demo", "seed1", T0);
const keys = (list) => Array.from(list, (it) => it.key);

/** A state in which quiz "basics" was submitted at `at` with question one right or wrong. */
function answered(oneRight, at = T0) {
  const s = fresh();
  s.quizzes.basics = { latest: { answers: { one: [oneRight ? "b" : "a"], many: ["a", "c"] }, at, score: 0, total: 2 } };
  return s;
}

test("migration 1 → 2: a version 1 state loads unchanged, with an empty review and no name", () => {
  const v1 = { version: 1, course: "demo", seed: "s", started: 5, visits: { intro: 10 }, last: { page: "intro", at: 10 },
    quizzes: { basics: { latest: { answers: { one: ["b"] }, at: 20, score: 1, total: 2 } } }, scenarios: {},
    reflections: { "basics/think": { text: "mine", at: 30 } } };
  const s = M.parse(JSON.stringify(v1), "demo", "x", 0);
  assert.equal(s.version, 3);
  assert.deepEqual(plain(s.review), { items: {} });
  assert.equal(s.learner, null);
  assert.deepEqual(plain(s.visits), v1.visits);
  assert.deepEqual(plain(s.quizzes), v1.quizzes);
  assert.deepEqual(plain(s.reflections), v1.reflections);
  assert.deepEqual(keys(R.items(sampleCourse(), s)), ["basics/one", "basics/think"],
    "the schedule comes from the migrated attempts and reflections (soonest due first)");
});

test("validation: review boxes outside 1–5, bad switches and overlong names are dropped", () => {
  const raw = Object.assign(fresh(), {
    review: { off: "yes", at: 5, items: { "basics/one": { box: 9, at: 1 }, "basics/many": { box: 2, at: 1 } } },
    learner: { name: "x".repeat(201), at: 1 } });
  const s = M.parse(JSON.stringify(raw), "demo", "x", 0);
  assert.deepEqual(plain(s.review), { at: 5, items: { "basics/many": { box: 2, at: 1 } } });
  assert.equal(s.learner, null);
});

test("schedule: a wrong quiz answer is due after 1 day, a right one after 3", () => {
  const course = sampleCourse();
  const wrong = R.queue(course, answered(false), T0 + DAY - 1);
  assert.deepEqual(keys(wrong.due), []);
  assert.deepEqual(keys(R.queue(course, answered(false), T0 + DAY).due), ["basics/one"]);
  const right = answered(true);
  assert.deepEqual(keys(R.queue(course, right, T0 + 2 * DAY).due), []);
  assert.deepEqual(keys(R.queue(course, right, T0 + 3 * DAY).due), ["basics/many", "basics/one"]);
  const one = R.items(course, right).find((it) => it.key === "basics/one");
  assert.equal(one.box, 2);
  assert.equal(one.due, T0 + 3 * DAY);
});

test("schedule: review answers move through the boxes 1, 3, 7, 16, 35 days; a wrong one goes back to box 1", () => {
  const course = sampleCourse(), s = answered(false);
  let now = T0;
  const item = () => R.items(course, s).find((it) => it.key === "basics/one");
  const waits = [];
  for (let i = 0; i < 6; i++) {
    now = item().due;
    R.answer(s, item(), true, now);
    waits.push((item().due - now) / DAY);
  }
  assert.deepEqual(waits, [3, 7, 16, 35, 35, 35]);
  R.answer(s, item(), false, now);
  assert.equal(item().box, 1);
  assert.equal(item().due, now + DAY);
});

test("schedule: a quiz answer newer than the last review answer decides", () => {
  const course = sampleCourse(), s = answered(true, T0);
  s.review.items["basics/one"] = { box: 4, at: T0 + DAY };
  s.quizzes.basics.latest = { answers: { one: ["a"] }, at: T0 + 2 * DAY };
  let it = R.items(course, s).find((x) => x.key === "basics/one");
  assert.equal(it.box, 1, "answered wrong in the quiz after the review");
  s.quizzes.basics.latest = { answers: { one: ["b"] }, at: T0 + 2 * DAY };
  it = R.items(course, s).find((x) => x.key === "basics/one");
  assert.equal(it.box, 5, "answered right again: one box up from the review's");
});

test("schedule: reflections come back 7 days after writing, revisits move them up; empty ones never", () => {
  const course = sampleCourse(), s = fresh();
  s.reflections["basics/think"] = { text: "  ", at: T0 };
  assert.deepEqual(keys(R.items(course, s)), []);
  s.reflections["basics/think"] = { text: "groups", at: T0 };
  const it = R.items(course, s)[0];
  assert.equal(it.kind, "reflection");
  assert.equal(it.due, T0 + 7 * DAY);
  R.answer(s, it, true, T0 + 8 * DAY);
  assert.equal(R.items(course, s)[0].due, T0 + 24 * DAY);
});

test("review switch and items merge: per item the newest, the switch set last wins", () => {
  const a = fresh(), b = fresh();
  a.review.items["basics/one"] = { box: 2, at: 10 };
  b.review.items["basics/one"] = { box: 1, at: 20 };
  b.review.items["basics/many"] = { box: 3, at: 5 };
  R.setOff(a, true, 30);
  R.setOff(b, false, 25);
  const m = M.merge(a, b);
  assert.deepEqual(plain(m.review), { items: { "basics/one": { box: 1, at: 20 }, "basics/many": { box: 3, at: 5 } }, off: true, at: 30 });
  assert.equal(R.queue(sampleCourse(), m, 0).off, true);
});

test("record: no verification code before completion; a stable code that changes with the name", () => {
  const course = sampleCourse(), s = fresh();
  assert.equal(IG.record.verification(course, s), null);
  assert.equal(IG.record.completion(course, s).left.length, 2);
  Object.assign(s.visits, { intro: 100, practice: 200, "practice/scenario": 210 });
  s.quizzes.basics = { best: { answers: { one: ["b"], many: ["a", "c"] }, at: 300 } };
  s.scenarios["cases/session"] = { done: { path: ["rules"], outcome: "negative", at: 500 } };
  const c = IG.record.completion(course, s);
  assert.equal(c.complete, true);
  assert.equal(c.at, 500);
  const code = IG.record.verification(course, s);
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  assert.equal(IG.record.verification(course, JSON.parse(JSON.stringify(s))), code, "same record, same code");
  s.learner = { name: "Ada Lovelace", at: 600 };
  assert.notEqual(IG.record.verification(course, s), code);
});

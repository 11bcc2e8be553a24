"use strict";
// Scoring, completion, storage and LMS reporting of the short-answer, ordering and matching kinds.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime } = require("./runtime.js");

const IG = loadRuntime(["10-model.js", "25-lms.js"], { Date, Math, JSON, Object, Array, Error, Set });
const M = IG.model;
const plain = (v) => JSON.parse(JSON.stringify(v));

const order = { id: "steps", kind: "ordering", label: "Steps", items: ["plan", "do", "review"], objectives: ["o1"] };
const match = { id: "pairs", kind: "matching", label: "Pairs", pairs: ["a", "b", "c"], objectives: [] };
const rubric = [{ id: "reason", text: "Gives a reason" }, { id: "example", text: "Gives an example" }];
const short = { id: "why", kind: "short", label: "Why?", rubric, scored: false, objectives: [] };
const scoredShort = Object.assign({}, short, { id: "why2", scored: true });
const single = { id: "one", kind: "single", options: ["a", "b"], correct: ["a"] };

function course(questions) {
  return { id: "demo", title: "Demo", pass_mark: 80,
    modules: [{ id: "m", number: 1, title: "M", url: "m/index.html", pages: [{ id: "m", title: "M", url: "m/index.html" }], quizzes: ["q"], objectives: ["o1"] }],
    quizzes: { q: { title: "Q", pass_mark: 80, module: "m", url: "m/index.html", questions } }, reflections: [], vignettes: [] };
}

test("ordering: all-or-nothing, per-item results, stale answers count as unanswered", () => {
  assert.equal(M.credit(order, ["plan", "do", "review"]), 1);
  assert.equal(M.credit(order, ["do", "plan", "review"]), 0);
  assert.deepEqual(plain(M.partResults(order, ["do", "plan", "review"])), { plan: false, do: false, review: true });
  assert.equal(M.credit(order, ["plan", "do"]), null, "an item missing: not answered");
  assert.equal(M.credit(order, ["plan", "plan", "do", "review", "gone"]), 1, "duplicates and unknown ids are dropped");
});

test("matching: all-or-nothing per question, per-pair results, the first match of a left side counts", () => {
  assert.equal(M.credit(match, ["a:a", "b:b", "c:c"]), 1);
  assert.equal(M.credit(match, ["a:b", "b:a", "c:c"]), 0);
  assert.deepEqual(plain(M.partResults(match, ["a:b", "b:a", "c:c"])), { a: false, b: false, c: true });
  assert.equal(M.credit(match, ["a:a", "b:b"]), null, "a left side without a match: not answered");
  assert.equal(M.credit(match, ["a:a", "a:b", "b:b", "c:c", "x:y"]), 1);
});

test("short answer: complete once submitted and every criterion rated; met 1, partly 1/2, not yet 0", () => {
  assert.equal(M.credit(short, ["submitted"]), null);
  assert.equal(M.credit(short, ["reason:met", "example:met"]), null, "ratings without a submitted answer do not count");
  assert.equal(M.credit(short, ["submitted", "reason:met", "example:partly"]), 0.75);
  assert.equal(M.credit(short, ["submitted", "reason:not", "example:bogus"]), null);
  assert.deepEqual(plain(M.partResults(short, ["submitted", "reason:met", "example:not"])), { reason: "met", example: "not" });
  assert.equal(M.credit(Object.assign({}, short, { rubric: [] }), ["submitted"]), 1, "no rubric: submitting completes it");
});

test("score: an unscored short answer counts toward completion only; a scored one adds its credit", () => {
  const quiz = course([single, short]).quizzes.q;
  const open = M.score(quiz, { one: ["a"], why: ["submitted"] });
  assert.deepEqual(plain(open), { score: 1, total: 1, answered: 1, missed: [], percent: 100, reachesMark: true, passed: true, complete: false });
  assert.equal(M.score(quiz, { one: ["a"], why: ["submitted", "reason:not", "example:not"] }).complete, true);
  const scored = course([single, scoredShort]).quizzes.q;
  const s = M.score(scored, { one: ["a"], why2: ["submitted", "reason:met", "example:partly"] });
  assert.equal(s.score, 1.75);
  assert.equal(s.total, 2);
  assert.equal(s.percent, 88);
  assert.equal(s.passed, true);
  const mixed = M.score(course([order, match]).quizzes.q, { steps: ["plan", "do", "review"], pairs: ["a:b", "b:a", "c:c"] });
  assert.deepEqual([mixed.score, mixed.total, mixed.complete], [1, 2, true]);
});

test("quiz status: a quiz of unscored short answers is done once its latest attempt is complete", () => {
  const c = course([short]);
  const state = M.empty("demo", "s", 1);
  let st = M.quizStatus(c, state, "q");
  assert.equal(st.counts, true, "a written answer is a requirement of its module");
  assert.equal(st.done, false);
  const rec = state.quizzes.q = { current: { answers: { why: ["submitted", "reason:met"] }, at: 5 } };
  M.recordAttempt(c.quizzes.q, rec, 5);
  assert.equal(M.quizStatus(c, state, "q").done, false, "one criterion is not rated yet");
  rec.current = { answers: { why: ["submitted", "reason:met", "example:partly"] }, at: 9 };
  M.recordAttempt(c.quizzes.q, rec, 9);
  st = M.quizStatus(c, state, "q");
  assert.equal(st.done, true);
  assert.equal(st.doneAt, 9);
  assert.equal(M.progress(c, Object.assign(state, { visits: { m: 2 } })).modules[0].complete, true);
});

test("stored state: a version 1 state with the new kinds' answers keeps them through migration, the written text in reflections", () => {
  const saved = { version: 1, course: "demo", seed: "s", started: 1, visits: {}, last: null, scenarios: {},
    quizzes: { q: { current: { answers: { steps: ["do", "plan", "review"], pairs: ["a:a", "b:c"], why: ["submitted", "reason:met"] }, at: 3 } } },
    reflections: { "q/why": { text: "Because the group decides.", at: 3 } } };
  const state = M.parse(JSON.stringify(saved), "demo", "x", 9);
  assert.equal(state.version, M.empty("demo", "s", 1).version, "migrated to the current version");
  assert.deepEqual(plain(state.quizzes), saved.quizzes);
  assert.equal(state.reflections["q/why"].text, "Because the group decides.");
  const old = { version: 1, course: "demo", seed: "s", started: 1, visits: {}, last: null, scenarios: {}, reflections: {},
    quizzes: { q: { latest: { answers: { one: ["a"] }, at: 2, score: 1, total: 1 } } } };
  assert.equal(M.parse(JSON.stringify(old), "demo", "x", 9).quizzes.q.latest.score, 1, "a state from before the new kinds still loads");
});

test("LMS: sequencing, matching and fill-in interactions with their responses and results", () => {
  const c = course([order, match, short, scoredShort]);
  const state = M.empty("demo", "s", Date.UTC(2026, 0, 1));
  const at = Date.UTC(2026, 0, 1, 10);
  state.quizzes.q = { current: { answers: { steps: ["plan", "do", "review"], pairs: ["a:b", "b:a", "c:c"],
    why: ["submitted", "reason:met", "example:met"], why2: ["submitted", "reason:met", "example:partly"] }, at } };
  state.reflections["q/why"] = { text: "Written answer", at };
  state.reflections["q/why2"] = { text: "x".repeat(300), at };
  for (const version of ["1.2", "2004"]) {
    const v12 = version === "1.2";
    const values = Object.fromEntries(IG.lms.cmiValues(version, c, state, [], 0));
    const find = (id) => Object.keys(values).find((k) => values[k] === id).replace(/id$/, "");
    const response = v12 ? "student_response" : "learner_response";
    let p = find("q/steps");
    assert.equal(values[p + "type"], "sequencing");
    assert.equal(values[p + response], v12 ? "plan,do,review" : "plan[,]do[,]review");
    assert.equal(values[p + "result"], "correct");
    assert.equal(values[p + "correct_responses.0.pattern"], v12 ? "plan,do,review" : "plan[,]do[,]review");
    p = find("q/pairs");
    assert.equal(values[p + "type"], "matching");
    assert.equal(values[p + response], v12 ? "a.b,b.a,c.c" : "a[.]b[,]b[.]a[,]c[.]c");
    assert.equal(values[p + "result"], v12 ? "wrong" : "incorrect");
    assert.equal(values[p + "correct_responses.0.pattern"], v12 ? "a.a,b.b,c.c" : "a[.]a[,]b[.]b[,]c[.]c");
    p = find("q/why");
    assert.equal(values[p + "type"], v12 ? "fill-in" : "long-fill-in");
    assert.equal(values[p + response], "Written answer");
    assert.equal(values[p + "result"], "neutral", "an unscored short answer is neither right nor wrong");
    p = find("q/why2");
    assert.equal(values[p + response].length, v12 ? 255 : 300);
    assert.equal(values[p + "result"], "0.75", "a scored short answer reports its credit");
  }
});

test("LMS: suspend data keeps the new kinds' answers and the written text", () => {
  const c = course([order, match, short]);
  const state = M.empty("demo", "s", 1000);
  state.quizzes.q = { current: { answers: { steps: ["do", "plan", "review"], pairs: ["a:a"], why: ["submitted", "reason:partly"] }, at: 5000 } };
  state.reflections["q/why"] = { text: "Mine", at: 5000 };
  const back = M.sanitize(M.migrate(IG.lms.decodeState(c, IG.lms.encodeState(c, state))), "demo", "s", 1);
  assert.deepEqual(plain(back.quizzes.q.current.answers), state.quizzes.q.current.answers);
  assert.equal(back.reflections["q/why"].text, "Mine");
});

"use strict";
// The pass decision (10-model.js passDecision) and everything that follows it: quiz status,
// module completion, best attempts, the version 1 → 2 state migration and the LMS's success.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, sampleCourse } = require("./runtime.js");

const IG = loadRuntime(["10-model.js", "25-lms.js"], { Date, Math, JSON, Object, Array, Error, Set });
const M = IG.model;
const plain = (v) => JSON.parse(JSON.stringify(v));
const fresh = () => M.empty("demo", "seed1", 1000);
const texts = (d) => plain(d.reasons.map((r) => r.text));

/** The sample course with pass rules: "one" (question 1 of basics) required; the cases scenario counts. */
function ruledCourse() {
  const course = sampleCourse();
  const basics = course.quizzes.basics;
  basics.pass_mark = 50;
  basics.required = ["one"];
  basics.questions[0].number = 1;
  basics.questions[1].number = 2;
  // The scenario joins the scored quiz, as in a quiz with multiple-choice items and a scenario.
  basics.questions.push(Object.assign({}, course.quizzes.cases.questions[0]));
  basics.pass_on = { session: ["positive"] };
  return course;
}

const ALL_RIGHT = { one: ["b"], many: ["a", "c"] };
const ONLY_MANY = { one: ["a"], many: ["a", "c"] };

test("pass decision: a missed required question fails the attempt whatever the score", () => {
  const course = ruledCourse(), quiz = course.quizzes.basics, state = fresh();
  state.scenarios["basics/session"] = M.recordEnding({}, ["welcome", "share"], "positive", 50);
  const missed = M.passDecision(quiz, "basics", state, ONLY_MANY);
  assert.equal(M.score(quiz, ONLY_MANY).reachesMark, true, "50% meets the pass mark of 50%");
  assert.equal(missed.passed, false);
  assert.deepEqual(texts(missed), ["Question 1 must be answered correctly."]);
  const right = M.passDecision(quiz, "basics", state, ALL_RIGHT);
  assert.equal(right.passed, true);
  assert.deepEqual(texts(right), []);
});

test("pass decision: below the mark and without an attempt, the learner is told why", () => {
  const course = ruledCourse(), quiz = course.quizzes.basics;
  quiz.pass_mark = 100;
  const d = M.passDecision(quiz, "basics", fresh(), ONLY_MANY);
  assert.deepEqual(plain(d.reasons.map((r) => r.kind)), ["score", "required", "scenario"]);
  assert.equal(d.reasons[0].text, "Your score, 50%, is below the pass mark of 100%.");
  assert.equal(d.reasons[2].text, "The scenario \u201cFirst session\u201d has not reached a passing ending.");
  assert.deepEqual(plain(M.passDecision(quiz, "basics", fresh(), null).reasons.map((r) => r.kind)), ["unanswered", "scenario"]);
});

test("pass decision: a quiz is not passed at 100% until its counting scenario reaches a passing ending, then stays passed", () => {
  const course = ruledCourse(), state = fresh();
  state.visits.intro = 10;
  const rec = state.quizzes.basics = { current: { answers: ALL_RIGHT, at: 20 } };
  M.recordAttempt(course.quizzes.basics, rec, 20);
  let st = M.quizStatus(course, state, "basics");
  assert.equal(st.best.percent, 100);
  assert.equal(st.done, false);
  assert.deepEqual(plain(st.reasons.map((r) => r.kind)), ["scenario"]);
  assert.equal(M.progress(course, state).modules[0].complete, false, "module completion follows the rule");

  const sc = state.scenarios["basics/session"] = {};
  M.recordEnding(sc, ["rules"], "negative", 30);
  assert.equal(M.quizStatus(course, state, "basics").done, false, "a negative ending does not pass");
  M.recordEnding(sc, ["welcome", "share"], "positive", 40);
  st = M.quizStatus(course, state, "basics");
  assert.equal(st.done, true);
  assert.equal(st.doneAt, 40, "passed when the scenario first reached a passing ending");
  assert.equal(M.progress(course, state).modules[0].complete, true);

  M.recordEnding(sc, ["rules"], "negative", 60);
  assert.equal(sc.done.outcome, "negative", "the last play is what the report shows");
  assert.equal(M.quizStatus(course, state, "basics").done, true, "a worse replay does not undo the pass");
  assert.equal(M.quizStatus(course, state, "basics").doneAt, 40);
});

test("pass decision: without scored questions, counting scenarios need a passing ending, others any ending", () => {
  const course = sampleCourse(), state = fresh();
  course.quizzes.cases.pass_on = { session: ["positive", "mixed"] };
  state.scenarios["cases/session"] = M.recordEnding({}, ["rules"], "negative", 5);
  assert.deepEqual(texts(M.quizStatus(course, state, "cases")), ["The scenario \u201cFirst session\u201d has not reached a passing ending."]);
  delete course.quizzes.cases.pass_on;
  assert.equal(M.quizStatus(course, state, "cases").done, true, "without pass_on any ending finishes it");
  assert.deepEqual(texts(M.quizStatus(course, fresh(), "cases")), ["The scenario \u201cFirst session\u201d has not been finished."]);
});

test("best attempt: one that passes the rule beats a higher score that misses a required question", () => {
  const course = ruledCourse(), quiz = course.quizzes.basics;
  quiz.questions.pop();
  delete quiz.pass_on;
  quiz.questions.push({ id: "three", kind: "single", options: ["a", "b"], correct: ["a"], number: 3 });
  const passing = { one: ["b"], many: ["a"], three: ["b"] }; // 1 of 3, required right: below 50%
  quiz.pass_mark = 30;
  const failing = { one: ["a"], many: ["a", "c"], three: ["a"] }; // 2 of 3, required wrong
  const rec = { current: { answers: passing, at: 10 } };
  M.recordAttempt(quiz, rec, 10);
  rec.current = { answers: failing, at: 20 };
  M.recordAttempt(quiz, rec, 20);
  assert.equal(rec.best.at, 10, "the passing attempt stays the best");
  assert.equal(rec.latest.at, 20);
  const state = fresh();
  state.quizzes.basics = rec;
  assert.equal(M.quizStatus(course, state, "basics").done, true);

  const a = fresh(), b = fresh();
  a.quizzes.basics = { best: { answers: passing, at: 10, score: 1, total: 3 } };
  b.quizzes.basics = { best: { answers: failing, at: 20, score: 2, total: 3 } };
  assert.equal(M.merge(a, b, false, course).quizzes.basics.best.at, 10, "merging with the course ranks by the rule");
  assert.equal(M.merge(b, a, false, course).quizzes.basics.best.at, 10);
  assert.equal(M.merge(a, b).quizzes.basics.best.at, 20, "without the course, by score");
});

test("migration: version 1 state loads, keeps its answers, and its last ending counts as reached", () => {
  const v1 = {
    version: 1, course: "demo", seed: "s", started: 1, visits: { intro: 2 }, last: null,
    quizzes: { basics: { best: { answers: ALL_RIGHT, at: 3, score: 2, total: 2 } } },
    scenarios: {
      "basics/session": { current: { path: [], at: 9 }, done: { path: ["welcome", "share"], outcome: "positive", at: 8 } },
      "cases/session": { current: { path: ["welcome"], at: 4 } }
    },
    reflections: { "basics/think": { text: "kept", at: 5 } }
  };
  const state = M.parse(JSON.stringify(v1), "demo", "x", 0);
  assert.equal(state.version, 3);
  assert.deepEqual(plain(state.quizzes.basics.best.answers), ALL_RIGHT);
  assert.equal(state.reflections["basics/think"].text, "kept");
  assert.deepEqual(plain(state.scenarios["basics/session"].reached), { positive: 8 });
  assert.equal(state.scenarios["cases/session"].reached, undefined, "no ending, nothing reached");
  assert.equal(M.quizStatus(ruledCourse(), state, "basics").done, true);
  const again = M.parse(JSON.stringify(state), "demo", "x", 0);
  assert.deepEqual(plain(again), plain(state), "the current version's state loads unchanged");
});

test("merge: each outcome keeps the time it was first reached", () => {
  const a = fresh(), b = fresh();
  a.scenarios.k = { reached: { positive: 50, negative: 10 } };
  b.scenarios.k = { reached: { positive: 30, mixed: 40 } };
  assert.deepEqual(plain(M.merge(a, b).scenarios.k.reached), { positive: 30, mixed: 40, negative: 10 });
});

test("LMS: suspend data keeps first-reached endings, and version 1 suspend data migrates", () => {
  const course = ruledCourse(), t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
  const state = M.empty("demo", "seed", t0);
  state.scenarios["basics/session"] = M.recordEnding({}, ["welcome", "share"], "positive", t0 + 5000);
  M.recordEnding(state.scenarios["basics/session"], ["rules"], "negative", t0 + 9000);
  const text = IG.lms.encodeState(course, state);
  const back = M.parse(JSON.stringify(IG.lms.decodeState(course, text)), "demo", "x", 0);
  assert.deepEqual(plain(back.scenarios["basics/session"].reached), { positive: t0 + 5000, negative: t0 + 9000 });
  const old = JSON.parse(text);
  old[1] = 1;
  old[7].forEach((s) => s.splice(3)); // version 1 suspend data had neither first-reached times nor plays
  const migrated = M.parse(JSON.stringify(IG.lms.decodeState(course, JSON.stringify(old))), "demo", "x", 0);
  assert.deepEqual(plain(migrated.scenarios["basics/session"].reached), { negative: t0 + 9000 }, "only the last ending was known");
});

test("LMS: success follows the pass decision, not the score alone", () => {
  const course = ruledCourse(), state = fresh();
  delete course.quizzes.cases.pass_on;
  const success = () => Object.fromEntries(IG.lms.cmiValues("2004", course, state, [], 0))["cmi.success_status"];
  assert.equal(success(), "unknown");
  state.quizzes.basics = { best: { answers: ALL_RIGHT, at: 2, score: 2, total: 2 } };
  assert.equal(success(), "unknown", "100% on the questions, the counting scenario still to play");
  state.scenarios["basics/session"] = M.recordEnding({}, ["welcome", "share"], "positive", 3);
  assert.equal(success(), "passed");
  state.quizzes.basics = { best: { answers: ONLY_MANY, at: 4, score: 1, total: 2 } };
  assert.equal(success(), "failed", "the required question was missed");
});

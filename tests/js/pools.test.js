"use strict";
// Question pools (`draw`), path-score pass rules (`pass_score`), the version 2 → 3 migration
// and mastery per learning objective (10-model.js).
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, sampleCourse } = require("./runtime.js");

const IG = loadRuntime(["10-model.js", "25-lms.js"], { Date, Math, JSON, Object, Array, Error, Set });
const M = IG.model;
const plain = (v) => JSON.parse(JSON.stringify(v));

const single = (id, objectives) => ({ id, kind: "single", options: ["a", "b"], correct: ["a"], objectives });

/** A course whose quiz "pool" draws 3 of 6 choice questions ("q1" required) and has a scenario passed on rapport. */
function poolCourse() {
  const course = sampleCourse();
  course.modules[0].quizzes = ["pool"];
  course.modules[0].objectives = ["o-safe", "o-welcome"];
  course.objectives = [{ id: "o-safe", text: "Keep members safe." }, { id: "o-welcome", text: "Welcome members." }];
  const questions = ["q1", "q2", "q3", "q4", "q5", "q6"].map((id, i) => Object.assign(single(id, [i ? "o-welcome" : "o-safe"]), { number: i + 1 }));
  questions.push({ id: "sc", kind: "scenario", title: "Check-in", start: "arrive", number: 7, objectives: ["o-welcome"], nodes: {
    arrive: { choices: [{ id: "greet", next: "round", rating: "best", scores: { rapport: 1 } }, { id: "agenda", next: "round", rating: "poor" }] },
    round: { choices: [{ id: "invite", next: "brief", rating: "best", branches: [{ when: { compare: { score: "rapport", op: ">=", value: 1 } }, next: "shares" }, { next: "brief" }] }] },
    shares: { choices: [], ending: { outcome: "positive", title: "Shares" } },
    brief: { choices: [], ending: { outcome: "positive", title: "Brief" } }
  } });
  course.quizzes = { pool: { title: "Pool", pass_mark: 60, module: "intro", draw: 3, required: ["q1"],
    pass_on: { sc: ["positive"] }, pass_score: { sc: { rapport: 1 } }, questions } };
  return course;
}

test("draw: every required question, the rest by seed, a retry prefers questions not asked before", () => {
  const quiz = poolCourse().quizzes.pool;
  const first = M.drawQuestions(quiz, "seed:1");
  assert.equal(first.length, 3);
  assert.ok(first.includes("q1"));
  assert.deepEqual(plain(M.drawQuestions(quiz, "seed:1")), plain(first), "the same seed draws the same");
  const second = M.drawQuestions(quiz, "seed:2", first);
  assert.ok(second.includes("q1"));
  assert.ok(second.filter((id) => id !== "q1").every((id) => !first.includes(id)), "fresh questions first");
  assert.equal(M.drawQuestions(Object.assign({}, quiz, { draw: undefined }), "s"), undefined, "no pool, no draw");
});

test("a drawn attempt is scored, completed and numbered over the questions it asked", () => {
  const quiz = poolCourse().quizzes.pool, drawn = ["q1", "q3", "q5"];
  const s = M.score(quiz, { q1: ["a"], q3: ["a"], q5: ["b"] }, drawn);
  assert.equal(s.total, 3);
  assert.equal(s.score, 2);
  assert.equal(s.complete, true);
  assert.equal(M.score(quiz, { q1: ["a"], q3: ["a"], q5: ["b"] }).complete, false, "without a draw every question is asked");
  assert.deepEqual(plain(M.numbers(quiz, drawn)), { q1: 1, q3: 2, q5: 3, sc: 4 });
  assert.deepEqual(M.asks(quiz, ["q2", "gone"]).map((q) => q.id), ["q1", "q2", "sc"], "required always asked, removed ids ignored");
  const d = M.passDecision(quiz, "pool", M.empty("demo", "s", 0), { q1: ["b"], q3: ["a"], q5: ["a"] }, drawn);
  assert.ok(d.reasons.some((r) => r.text === "Question 1 must be answered correctly."));
});

test("recordAttempt keeps the draw; the best attempt is re-scored from its own draw", () => {
  const course = poolCourse(), quiz = course.quizzes.pool, state = M.empty("demo", "s", 0);
  state.quizzes.pool = { current: { answers: { q1: ["a"], q2: ["a"], q4: ["a"] }, at: 5, drawn: ["q1", "q2", "q4"] } };
  M.recordAttempt(quiz, state.quizzes.pool, 6);
  assert.deepEqual(plain(state.quizzes.pool.best.drawn), ["q1", "q2", "q4"]);
  const st = M.quizStatus(course, state, "pool");
  assert.equal(st.best.percent, 100);
  assert.equal(st.done, false, "the scenario has not passed yet");
  const again = M.parse(JSON.stringify(state), "demo", "x", 0);
  assert.deepEqual(plain(again.quizzes.pool.best.drawn), ["q1", "q2", "q4"], "the draw survives storage");
});

test("pass_score: a positive ending without the minimum does not pass, a play with it does, and a worse replay keeps it", () => {
  const course = poolCourse(), state = M.empty("demo", "s", 0), rec = {};
  state.quizzes.pool = { best: { answers: { q1: ["a"], q2: ["a"], q3: ["a"] }, at: 2, drawn: ["q1", "q2", "q3"] } };
  state.scenarios["pool/sc"] = rec;
  M.recordEnding(rec, ["agenda", "invite"], "positive", 10);
  let st = M.quizStatus(course, state, "pool");
  assert.equal(st.done, false);
  assert.deepEqual(plain(st.reasons.map((r) => r.kind)), ["scenario"]);
  M.recordEnding(rec, ["greet", "invite"], "positive", 20);
  M.recordEnding(rec, ["agenda", "invite"], "positive", 30);
  st = M.quizStatus(course, state, "pool");
  assert.equal(st.done, true);
  assert.equal(M.scenarioPassedAt(course.quizzes.pool, course.quizzes.pool.questions[6], rec), 20);
  assert.deepEqual(plain(rec.plays), [{ path: ["agenda", "invite"], at: 10 }, { path: ["greet", "invite"], at: 20 }], "each path once, first time kept");
});

test("migration 2 → 3: a scenario's last ending becomes its one play; attempts and reached times are kept", () => {
  const v2 = { version: 2, course: "demo", seed: "s", started: 1, visits: {}, last: null,
    quizzes: { pool: { best: { answers: { q1: ["a"] }, at: 3, score: 1, total: 6 } } },
    scenarios: { "pool/sc": { done: { path: ["greet", "invite"], outcome: "positive", at: 8 }, reached: { positive: 8 } } },
    reflections: {}, review: { items: {} }, learner: null };
  const state = M.parse(JSON.stringify(v2), "demo", "x", 0);
  assert.equal(state.version, 3);
  assert.deepEqual(plain(state.quizzes), v2.quizzes);
  assert.deepEqual(plain(state.scenarios["pool/sc"].plays), [{ path: ["greet", "invite"], at: 8 }]);
  assert.deepEqual(plain(state.scenarios["pool/sc"].reached), { positive: 8 });
  const merged = M.merge(state, M.parse(JSON.stringify(state), "demo", "x", 0));
  assert.equal(merged.scenarios["pool/sc"].plays.length, 1, "merging keeps each path once");
});

test("mastery per objective: drawn questions and scenarios roll up; the LMS reports the same numbers", () => {
  const course = poolCourse(), state = M.empty("demo", "s", 0);
  let m = M.progress(course, state).mastery;
  assert.deepEqual(plain(m.map((t) => [t.id, t.text, t.total, t.answered, t.status])),
    [["o-safe", "Keep members safe.", 1, 0, "not started"], ["o-welcome", "Welcome members.", 6, 0, "not started"]]);
  state.quizzes.pool = { best: { answers: { q1: ["a"], q2: ["a"], q3: ["b"] }, at: 2, drawn: ["q1", "q2", "q3"] } };
  m = M.mastery(course, state);
  assert.deepEqual(plain(m[0]), { id: "o-safe", text: "Keep members safe.", module: "intro", total: 1, answered: 1, earned: 1, percent: 100, status: "mastered" });
  assert.deepEqual(plain([m[1].total, m[1].answered, m[1].earned, m[1].status]), [3, 2, 1, "in progress"], "two drawn questions and the scenario");
  M.recordEnding(state.scenarios["pool/sc"] = {}, ["greet", "invite"], "positive", 9);
  m = M.mastery(course, state);
  assert.deepEqual(plain([m[1].answered, m[1].earned, m[1].percent, m[1].status]), [3, 2, 67, "not yet mastered"]);
  const cmi = Object.fromEntries(IG.lms.cmiValues("2004", course, state, [], 0));
  assert.equal(cmi["cmi.objectives.1.id"], "o-welcome");
  assert.equal(cmi["cmi.objectives.1.score.raw"], "67");
  assert.equal(cmi["cmi.objectives.1.success_status"], "failed");
  assert.equal(cmi["cmi.objectives.0.success_status"], "passed");
});

test("LMS suspend data keeps a pool's draw and a scenario's plays", () => {
  const course = poolCourse(), state = M.empty("demo", "s", 0);
  state.quizzes.pool = { current: { answers: { q1: ["a"] }, at: 2000, drawn: ["q1", "q4", "q6"] } };
  M.recordEnding(state.scenarios["pool/sc"] = {}, ["greet", "invite"], "positive", 3000);
  M.recordEnding(state.scenarios["pool/sc"], ["agenda", "invite"], "positive", 4000);
  const back = M.parse(JSON.stringify(IG.lms.decodeState(course, IG.lms.encodeState(course, state))), "demo", "x", 0);
  assert.deepEqual(plain(back.quizzes.pool.current.drawn), ["q1", "q4", "q6"]);
  assert.deepEqual(plain(back.scenarios["pool/sc"].plays), plain(state.scenarios["pool/sc"].plays));
});

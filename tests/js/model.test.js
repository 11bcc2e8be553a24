"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, sampleCourse } = require("./runtime.js");

const M = loadRuntime(["10-model.js"]).model;
/** Copies a value out of the VM realm so deepEqual compares plain data. */
const plain = (v) => JSON.parse(JSON.stringify(v));
const fresh = (overrides = {}) => Object.assign(M.empty("demo", "seed1", 1000), overrides);

test("scoring: single and multiple choice are all-or-nothing per question", () => {
  const quiz = sampleCourse().quizzes.basics;
  assert.deepEqual(plain(M.score(quiz, { one: ["b"], many: ["a", "c"] })),
    { score: 2, total: 2, answered: 2, missed: [], percent: 100, reachesMark: true, passed: true, complete: true });
  const half = M.score(quiz, { one: ["b"], many: ["a"] });
  assert.equal(half.score, 1);
  assert.equal(half.percent, 50);
  assert.equal(half.passed, false);
  assert.equal(M.isCorrect(quiz.questions[1], ["c", "a"]), true);
  assert.equal(M.isCorrect(quiz.questions[1], ["a", "b", "c"]), false);
});

test("scoring: unknown options and questions are ignored, unanswered questions count as wrong", () => {
  const quiz = sampleCourse().quizzes.basics;
  const s = M.score(quiz, { one: ["zzz"], gone: ["a"], many: ["a", "c"] });
  assert.equal(s.answered, 1);
  assert.equal(s.score, 1);
  assert.equal(s.complete, false);
  assert.equal(M.isCorrect(quiz.questions[0], ["b", "stale"]), true);
});

test("scoring: the pass mark compares exact ratios, not rounded percentages", () => {
  const quiz = { pass_mark: 67, questions: [1, 2, 3].map((n) => ({ id: "q" + n, kind: "single", options: ["a", "b"], correct: ["a"] })) };
  const twoOfThree = M.score(quiz, { q1: ["a"], q2: ["a"], q3: ["b"] });
  assert.equal(twoOfThree.percent, 67);
  assert.equal(twoOfThree.passed, false, "66.7% is below a pass mark of 67%");
});

test("attempts: latest always recorded, best kept by score", () => {
  const quiz = sampleCourse().quizzes.basics;
  const rec = { current: { answers: { one: ["b"], many: ["a", "c"] }, at: 10 } };
  M.recordAttempt(quiz, rec, 10);
  assert.equal(rec.best.score, 2);
  rec.current = { answers: { one: ["a"], many: ["a", "c"] }, at: 20 };
  M.recordAttempt(quiz, rec, 20);
  assert.equal(rec.latest.score, 1);
  assert.equal(rec.latest.at, 20);
  assert.equal(rec.best.score, 2, "a worse attempt does not replace the best one");
  rec.current = { answers: { one: ["a"] }, at: 30 };
  M.recordAttempt(quiz, rec, 30);
  assert.equal(rec.latest.at, 20, "an incomplete attempt is not recorded");
});

test("attempts: scores are recomputed when the course removes a question", () => {
  const course = sampleCourse();
  const state = fresh({ quizzes: { basics: { latest: { answers: { one: ["a"], many: ["a", "c"] }, at: 5, score: 1, total: 2 } } } });
  assert.equal(M.quizStatus(course, state, "basics").done, false);
  course.quizzes.basics.questions.shift();
  const st = M.quizStatus(course, state, "basics");
  assert.equal(st.best.percent, 100);
  assert.equal(st.done, true);
});

test("migration: current data passes, newer or unversioned data is refused, steps run in order", () => {
  assert.equal(M.migrate({ version: 1 }).version, 3);
  assert.equal(M.migrate({ version: 2 }).version, 3);
  assert.equal(M.migrate({ version: 3 }).version, 3);
  assert.throws(() => M.migrate({ version: 4 }), /newer version/);
  assert.throws(() => M.migrate({ visits: {} }), /not a saved/);
  assert.throws(() => M.migrate([]), /not a saved/);
  const steps = [(d) => Object.assign(d, { two: true }), (d) => Object.assign(d, { three: d.two })];
  const out = M.migrate({ version: 1 }, steps);
  assert.deepEqual(plain(out), { version: 3, two: true, three: true });
});

test("validation: bad entries are dropped, good ones kept", () => {
  const raw = {
    version: 1, course: "demo", seed: "s", started: 1, extra: "ignored",
    visits: { intro: 5, "Bad Key": 6, practice: -1, other: "x" },
    last: { page: "intro", at: 7 },
    quizzes: { basics: { current: { answers: { one: ["b"] }, at: 8 }, best: { answers: "nope", at: 1 } } },
    scenarios: { "cases/session": { current: { path: ["welcome"], at: 9 }, done: { path: [], outcome: "great", at: 1 } } },
    reflections: { "basics/think": { text: "ok", at: 3 }, "vignette:newcomer/first": { text: 42, at: 3 },
      "<img src=x>": { text: "xss", at: 3 } }
  };
  const s = plain(M.sanitize(raw, "demo", "seed", 0));
  assert.deepEqual(s.visits, { intro: 5 });
  assert.deepEqual(s.quizzes, { basics: { current: { answers: { one: ["b"] }, at: 8 } } });
  assert.deepEqual(s.scenarios, { "cases/session": { current: { path: ["welcome"], at: 9 } } });
  assert.deepEqual(Object.keys(s.reflections), ["basics/think"]);
  assert.equal(s.extra, undefined);
});

test("check: counts the records and fields that did not validate", () => {
  const base = { version: 1, course: "demo", visits: { intro: 5, bad: "x" }, quizzes: {}, scenarios: {},
    last: { page: "intro", at: 1 }, reflections: { "basics/think": { text: "ok", at: 1 }, "basics/two": { text: "ok", at: "soon" } } };
  const checked = M.check(JSON.stringify(base), "demo", "s", 0);
  assert.equal(checked.dropped, 2);
  assert.deepEqual(Object.keys(checked.state.reflections), ["basics/think"]);
  assert.equal(M.check(JSON.stringify({ ...base, visits: {}, reflections: {} }), "demo", "s", 0).dropped, 0);
});

test("validation: sizes and course identity are enforced", () => {
  const base = { version: 1, course: "demo", visits: {}, quizzes: {}, scenarios: {}, reflections: {} };
  assert.throws(() => M.parse(JSON.stringify({ ...base, course: "other" }), "demo", "s", 0), /another course/);
  assert.throws(() => M.parse("{not json", "demo", "s", 0), /not valid JSON/);
  assert.throws(() => M.parse(" ".repeat(M.LIMITS.bytes + 1), "demo", "s", 0), /too large/);
  assert.throws(() => M.parse(JSON.stringify({ ...base, visits: [] }), "demo", "s", 0), /wrong shape/);
  const long = { ...base, reflections: { "basics/think": { text: "x".repeat(M.LIMITS.text + 1), at: 1 } } };
  assert.deepEqual(plain(M.parse(JSON.stringify(long), "demo", "s", 0).reflections), {});
  const many = {};
  for (let i = 0; i < M.LIMITS.entries + 10; i++) many["p" + i] = i;
  assert.equal(Object.keys(M.parse(JSON.stringify({ ...base, visits: many }), "demo", "s", 0).visits).length, M.LIMITS.entries);
});

test("merge: the newest record wins, visits keep the first date, best attempts by score", () => {
  const a = fresh({
    visits: { intro: 50 }, last: { page: "intro", at: 50 },
    reflections: { "basics/think": { text: "old", at: 10 } },
    quizzes: { basics: { current: { answers: {}, at: 40 }, best: { answers: {}, at: 40, score: 2, total: 2 } } }
  });
  const b = fresh({
    visits: { intro: 20, practice: 30 }, last: { page: "practice", at: 30 },
    reflections: { "basics/think": { text: "new", at: 60 }, "vignette:newcomer/first": { text: "b", at: 5 } },
    quizzes: { basics: { current: { answers: { one: ["a"] }, at: 70 }, best: { answers: {}, at: 70, score: 1, total: 2 } } }
  });
  const m = plain(M.merge(a, b));
  assert.deepEqual(m.visits, { intro: 20, practice: 30 });
  assert.equal(m.last.page, "intro");
  assert.equal(m.reflections["basics/think"].text, "new");
  assert.equal(m.reflections["vignette:newcomer/first"].text, "b");
  assert.equal(m.quizzes.basics.current.at, 70);
  assert.equal(m.quizzes.basics.best.score, 2);
  assert.deepEqual(plain(M.merge(b, a)), m, "merging is symmetric");
});

test("merge: a reset (new run) wins whole over older runs unless the data is adopted by an import", () => {
  const old = fresh({ reflections: { "basics/think": { text: "before reset", at: 10 } } });
  const reset = M.empty("demo", "seed2", 2000);
  assert.deepEqual(plain(M.merge(reset, old).reflections), {});
  assert.deepEqual(plain(M.merge(old, reset).reflections), {});
  const adopted = M.merge(reset, old, true);
  assert.equal(adopted.seed, "seed2");
  assert.equal(adopted.reflections["basics/think"].text, "before reset");
});

test("scenario walk: follows choices, stops at endings and cuts stale paths", () => {
  const sc = sampleCourse().quizzes.cases.questions[0];
  const w = M.walk(sc, ["welcome", "share"]);
  assert.deepEqual(plain(w.steps.map((s) => s.choice.rating)), ["best", "best"]);
  assert.equal(w.ending.title, "Together");
  const stale = M.walk(sc, ["welcome", "removed", "share"]);
  assert.equal(stale.steps.length, 1);
  assert.equal(stale.node, "settle");
  assert.equal(stale.ending, null);
  assert.equal(M.walk(sc, ["rules", "share"]).steps.length, 1, "nothing follows an ending");
});

test("scenario texts: the words of choices and endings join the course data, and only where they fit", () => {
  const course = sampleCourse();
  delete course.quizzes.cases.questions[0].nodes.together.ending.title;
  const texts = { "cases/session": {
    arrive: { choices: { welcome: "Welcome everyone", gone: "A removed choice" } },
    together: { ending: "Together at last" },
    missing: { ending: "No such node" } }, "cases/other": { arrive: { ending: "x" } } };
  assert.equal(M.withScenarioTexts(course, texts), course);
  const w = M.walk(course.quizzes.cases.questions[0], ["welcome", "share"]);
  assert.deepEqual(plain(w.steps.map((s) => s.choice.text || null)), ["Welcome everyone", null]);
  assert.equal(w.ending.title, "Together at last");
  assert.equal(course.quizzes.cases.questions[0].nodes.drift.ending.title, "Drift", "nodes the texts leave out keep theirs");
  assert.equal(M.withScenarioTexts(course, undefined), course, "a page without the texts file");
  assert.equal(M.withScenarioTexts(undefined, texts), undefined);
});

test("scenario walk: scores and flags gathered on the path choose conditional branches", () => {
  const ending = (outcome) => ({ choices: [], ending: { outcome, title: outcome } });
  const sc = {
    start: "arrive",
    nodes: {
      arrive: { choices: [
        { id: "warm", next: "round", rating: "best", scores: { rapport: 2 } },
        { id: "cold", next: "round", rating: "poor", set: ["judged"], scores: { rapport: -1 } }] },
      round: { choices: [{ id: "invite", next: "polite", rating: "best", branches: [
        { when: { and: [{ compare: { score: "rapport", op: ">=", value: 2 } }, { not: { flag: "judged" } }] }, next: "open" },
        { when: { or: [{ flag: "judged" }, { compare: { score: "rapport", op: "<", value: 0 } }] }, next: "closed" },
        { next: "polite" }] }] },
      open: ending("positive"), polite: ending("mixed"), closed: ending("negative")
    }
  };
  const warm = M.walk(sc, ["warm", "invite"]);
  assert.equal(warm.node, "open");
  assert.deepEqual(plain(warm.scores), { rapport: 2 });
  const cold = M.walk(sc, ["cold", "invite"]);
  assert.equal(cold.node, "closed", "the same last choice ends differently");
  assert.deepEqual(plain(cold.flags), ["judged"]);
  assert.equal(M.walk(sc, ["invite"]).steps.length, 0, "a stale path is still cut");
  assert.equal(M.walk(sc, ["warm"]).node, "round");
  const g = { scores: { a: 1 }, flags: {} };
  assert.equal(M.holds({ compare: { score: "b", op: "==", value: 0 } }, g), true, "an unset score is 0");
  assert.equal(M.holds({ compare: { score: "a", op: "=>", value: 0 } }, g), false, "an unknown operator is false");
  assert.equal(M.holds({ nonsense: true }, g), false);
  const plainChoice = { start: "a", nodes: { a: { choices: [{ id: "x", next: "b" }] }, b: ending("positive") } };
  assert.equal(M.walk(plainChoice, ["x"]).ending.outcome, "positive", "a plain next (old course data) still walks");
});

test("progress: modules complete when pages are read and quizzes passed or scenarios finished", () => {
  const course = sampleCourse();
  const state = fresh({ visits: { intro: 100 } });
  let p = M.progress(course, state);
  assert.equal(p.modules[0].complete, false);
  assert.equal(p.modules[0].started, true);
  state.quizzes.basics = { best: { answers: { one: ["b"], many: ["a", "c"] }, at: 300 } };
  p = M.progress(course, state);
  assert.equal(p.modules[0].complete, true);
  assert.equal(p.modules[0].completedAt, 300);
  assert.equal(p.modules[1].started, false);
  state.visits.practice = 400;
  state.visits["practice/scenario"] = 410;
  assert.equal(M.progress(course, state).modules[1].complete, false, "the scenario has not reached an ending");
  state.scenarios["cases/session"] = { done: { path: ["rules"], outcome: "negative", at: 500 } };
  p = M.progress(course, state);
  assert.equal(p.modules[1].complete, true, "any ending finishes a scenario");
  assert.equal(p.modules[1].completedAt, 500);
  assert.equal(p.percent, 100);
  assert.equal(p.completed, 2);
});

test("continue where you left off: the last page, if it still exists", () => {
  const course = sampleCourse();
  assert.equal(M.lastPage(course, fresh()), null);
  assert.equal(M.lastPage(course, fresh({ last: { page: "practice/scenario", at: 1 } })).page.title, "A scenario");
  assert.equal(M.lastPage(course, fresh({ last: { page: "deleted", at: 1 } })), null);
});

test("journal: entries grouped by module, Markdown export leaves out empty entries", () => {
  const course = sampleCourse();
  const state = fresh({ reflections: { "vignette:newcomer/first": { text: "Say hello.\n", at: 1 } } });
  const groups = M.journal(course, state);
  assert.deepEqual(groups.map((g) => g.title), ["1. Introduction", "Vignettes and other reflections"]);
  const md = M.journalMarkdown(course, state, "1 Jan 2030");
  assert.match(md, /^# Demo course: reflective journal/);
  assert.match(md, /## Vignettes and other reflections\n\n### A newcomer\n\n> First words\?\n\nSay hello\.\n/);
  assert.doesNotMatch(md, /Introduction/);
});

test("shuffle: a stable permutation per seed", () => {
  const items = ["a", "b", "c", "d", "e", "f"];
  const one = M.shuffle(items, "learner-1/q");
  assert.deepEqual(plain(one), plain(M.shuffle(items, "learner-1/q")));
  assert.deepEqual([...one].sort(), items);
  const orders = new Set(["s1", "s2", "s3", "s4", "s5"].map((s) => M.shuffle(items, s).join("")));
  assert.ok(orders.size > 1, "different seeds give different orders");
});

test("progress: a quiz with only reflections is never a requirement", () => {
  const course = sampleCourse();
  course.quizzes.notes = { title: "Notes", pass_mark: 80, module: "intro", url: null,
    questions: [{ id: "n", kind: "reflection", prompt: "Anything?" }] };
  course.modules[0].quizzes.push("notes");
  const p = M.progress(course, fresh());
  assert.equal(p.modules[0].started, false);
  assert.deepEqual(plain(p.modules[0].quizzes.map((q) => q.id)), ["basics"]);
  assert.equal(p.percent, 0);
});

test("tag results: tagged questions by the best attempt, tagged decisions of finished scenarios", () => {
  const course = sampleCourse();
  course.vocabularies = [
    { id: "skills", label: "Skills", terms: [{ id: "norms", label: "Norm setting" }, { id: "welcome", label: "Welcoming" }, { id: "unused", label: "Unused" }] },
    { id: "empty", label: "Nothing tagged", terms: [{ id: "x", label: "X" }] }
  ];
  course.quizzes.basics.questions[0].tags = ["skills:norms"];
  course.quizzes.basics.questions[1].tags = ["skills:norms"];
  course.quizzes.cases.questions[0].nodes.arrive.choices[0].tags = ["skills:welcome"];
  course.quizzes.cases.questions[0].nodes.settle.choices[0].tags = ["skills:welcome", "skills:norms"];
  const state = fresh({
    quizzes: { basics: { best: { answers: { one: ["b"], many: ["a"] }, at: 2000 } } },
    scenarios: { "cases/session": { done: { path: ["welcome", "share"], at: 3000 } } }
  });
  assert.deepEqual(plain(M.tagResults(course, state)), [{ id: "skills", label: "Skills", rows: [
    { id: "norms", label: "Norm setting", questions: 2, correct: 1, decisions: 1, best: 1 },
    { id: "welcome", label: "Welcoming", questions: 0, correct: 0, decisions: 2, best: 2 }
  ] }]);
});

test("quiz order follows the modules, then the quizzes no module embeds", () => {
  const course = sampleCourse();
  course.modules.reverse();
  course.quizzes.loose = { title: "Loose", pass_mark: 80, questions: [] };
  assert.deepEqual(plain(M.quizOrder(course)), ["cases", "basics", "loose"]);
});

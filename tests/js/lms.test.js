"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime, sampleCourse } = require("./runtime.js");

const IG = loadRuntime(["10-model.js", "25-lms.js"], { Date, Math, JSON, Object, Array, Error, Set });
const course = sampleCourse();

test("suspend data never reads a time back later than it was, so a change in the same second stays the newer", () => {
  const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
  const state = IG.model.empty("demo", "seed", t0);
  state.scenarios["cases/session"] = { current: { path: ["welcome"], at: t0 + 1999 } };
  const back = IG.lms.decodeState(course, IG.lms.encodeState(course, state));
  const read = back.scenarios["cases/session"].current;
  assert.equal(read.path.join(" "), "welcome");
  assert.ok(read.at <= t0 + 1999, `read back at +${read.at - t0} ms`);

  // The learner's next click, 200 ms later, must win the merge with what the LMS holds.
  const next = JSON.parse(JSON.stringify(state));
  next.scenarios["cases/session"].current = { path: ["welcome", "share"], at: t0 + 2199 };
  const merged = IG.model.merge(next, back);
  assert.equal(merged.scenarios["cases/session"].current.path.join(" "), "welcome share");
});

// Loads the theme's runtime scripts into a fresh VM context, as a browser would load the
// classic scripts, and returns the `IG` namespace they build. No DOM is provided: only the
// pure parts (model, store) are meant to be loaded this way.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const JS = path.join(__dirname, "..", "..", "themes", "default", "static", "js");

/** Runs the named runtime files (e.g. "10-model.js") in a context whose `window` is `globals`. */
function loadRuntime(files, globals = {}) {
  const context = vm.createContext(globals);
  context.window = context;
  for (const file of files) vm.runInContext(fs.readFileSync(path.join(JS, file), "utf8"), context, { filename: file });
  return context.IG;
}

/** A small course data object shaped like INGROUP_COURSE. */
function sampleCourse() {
  return {
    id: "demo", title: "Demo course", version: "1.0", pass_mark: 80,
    modules: [
      { id: "intro", number: 1, title: "Introduction", url: "intro/index.html", minutes: 10,
        pages: [{ id: "intro", title: "Introduction", url: "intro/index.html" }], quizzes: ["basics"] },
      { id: "practice", number: 2, title: "Practice", url: "practice/index.html", minutes: 20,
        pages: [{ id: "practice", title: "Practice", url: "practice/index.html" },
          { id: "practice/scenario", title: "A scenario", url: "practice/scenario/index.html" }], quizzes: ["cases"] }
    ],
    quizzes: {
      basics: { title: "Basics", pass_mark: 80, module: "intro", url: "intro/index.html", questions: [
        { id: "one", kind: "single", options: ["a", "b", "c"], correct: ["b"] },
        { id: "many", kind: "multiple", options: ["a", "b", "c"], correct: ["a", "c"] },
        { id: "think", kind: "reflection", prompt: "What do you think?" }
      ] },
      cases: { title: "Cases", pass_mark: 80, module: "practice", url: "practice/scenario/index.html", questions: [
        { id: "session", kind: "scenario", title: "First session", start: "arrive", nodes: {
          arrive: { choices: [{ id: "welcome", next: "settle", rating: "best" }, { id: "rules", next: "drift", rating: "poor" }] },
          settle: { choices: [{ id: "share", next: "together", rating: "best" }] },
          together: { choices: [], ending: { outcome: "positive", title: "Together" } },
          drift: { choices: [], ending: { outcome: "negative", title: "Drift" } }
        } }
      ] }
    },
    reflections: [
      { key: "basics/think", prompt: "What do you think?", module: "intro", title: "Basics", url: "intro/index.html#q-basics-think" },
      { key: "vignette:newcomer/first", prompt: "First words?", module: null, title: "A newcomer", url: "vignettes/newcomer/index.html" }
    ],
    vignettes: [{ id: "newcomer", title: "A newcomer", url: "vignettes/newcomer/index.html" }]
  };
}

module.exports = { loadRuntime, sampleCourse };

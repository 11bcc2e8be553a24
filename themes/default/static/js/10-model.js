/* ingroup runtime: the learner-state model. Pure functions, no DOM, no storage:
   schema validation, migration, merging, scoring, scenario walking, progress. */
(function (IG) {
  "use strict";

  /** MIGRATIONS[i] upgrades state version i+1 to i+2; the current version is their count + 1. */
  var MIGRATIONS = [];
  var LIMITS = { bytes: 2e6, text: 20000, entries: 5000, path: 200, options: 50 };
  var KEY = /^[a-z0-9][a-z0-9_:/-]{0,199}$/;
  var OUTCOMES = ["positive", "mixed", "negative"];

  /** Records and fields left out by the validation in progress (see `check`). */
  var dropped = 0;

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  /* Validators: each returns a clean copy of a valid value, or undefined. */
  function num(v) { return typeof v === "number" && isFinite(v) && v >= 0 ? v : undefined; }
  function key(v) { return typeof v === "string" && KEY.test(v) ? v : undefined; }
  function text(max) { return function (v) { return typeof v === "string" && v.length <= max ? v : undefined; }; }
  function oneOf(list) { return function (v) { return list.indexOf(v) >= 0 ? v : undefined; }; }
  function list(item, max) {
    return function (v) {
      if (!Array.isArray(v) || v.length > max) return undefined;
      var out = v.map(item);
      return out.indexOf(undefined) < 0 ? out : undefined;
    };
  }
  /** A record with known fields; invalid optional fields are dropped, an invalid required one drops the record. */
  function record(shape, required) {
    return function (v) {
      if (!isObj(v)) return undefined;
      var out = {};
      for (var f in shape) {
        var x = has(v, f) ? shape[f](v[f]) : undefined;
        if (x !== undefined) out[f] = x;
        else if (required.indexOf(f) >= 0) return undefined;
        else if (has(v, f) && v[f] !== null) dropped++;
      }
      return out;
    };
  }
  /** An id-keyed map; invalid keys and entries are dropped. */
  function dict(item) {
    return function (v) {
      if (!isObj(v)) return undefined;
      var out = {}, n = 0;
      Object.keys(v).forEach(function (k) {
        var x = key(k) && n < LIMITS.entries ? item(v[k]) : undefined;
        if (x !== undefined) { out[k] = x; n++; } else dropped++;
      });
      return out;
    };
  }

  var path = list(key, LIMITS.path);
  var attempt = record({ answers: dict(list(key, LIMITS.options)), at: num, score: num, total: num }, ["answers", "at"]);
  var SCHEMA = record({
    version: num, course: text(200), seed: text(64), started: num,
    visits: dict(num),
    last: record({ page: key, at: num }, ["page", "at"]),
    quizzes: dict(record({ current: attempt, latest: attempt, best: attempt }, [])),
    scenarios: dict(record({
      current: record({ path: path, at: num }, ["path", "at"]),
      done: record({ path: path, outcome: oneOf(OUTCOMES), at: num }, ["path", "outcome", "at"])
    }, [])),
    reflections: dict(record({ text: text(LIMITS.text), at: num }, ["text", "at"]))
  }, ["version", "course", "visits", "quizzes", "scenarios", "reflections"]);

  function currentVersion(steps) { return (steps || MIGRATIONS).length + 1; }

  /** A fresh state; `seed` personalises option shuffling, `started` dates this run of the course. */
  function empty(courseId, seed, now) {
    return { version: currentVersion(), course: courseId, seed: seed, started: now,
      visits: {}, last: null, quizzes: {}, scenarios: {}, reflections: {} };
  }

  /** Upgrades `data` step by step to the current version; throws on unknown versions. */
  function migrate(data, steps) {
    steps = steps || MIGRATIONS;
    var target = currentVersion(steps);
    if (!isObj(data) || typeof data.version !== "number" || data.version % 1 || data.version < 1) throw new Error("not a saved ingroup state");
    if (data.version > target) throw new Error("saved by a newer version of this course");
    while (data.version < target) {
      var v = data.version;
      data = steps[v - 1](data);
      data.version = v + 1;
    }
    return data;
  }

  /** Validates a migrated state against the schema; throws when it is unusable. */
  function sanitize(data, courseId, seed, now) {
    var s = SCHEMA(data);
    if (!s) throw new Error("the saved data has the wrong shape");
    if (s.course !== courseId) throw new Error("the saved data belongs to another course (" + s.course + ")");
    var base = empty(courseId, s.seed || seed, s.started === undefined ? now : s.started);
    for (var f in base) if (s[f] !== undefined) base[f] = s[f];
    return base;
  }

  /** Parses stored or imported JSON text into a current, valid state; throws a readable Error. */
  function parse(json, courseId, seed, now) { return check(json, courseId, seed, now).state; }

  /**
   * Like `parse`, and also counts what did not validate: `{ state, dropped }`, where `state`
   * keeps every record that did and `dropped` is the number of records and fields left out.
   */
  function check(json, courseId, seed, now) {
    if (json.length > LIMITS.bytes) throw new Error("the file is too large");
    var data;
    try { data = JSON.parse(json); } catch (e) { throw new Error("the data is not valid JSON"); }
    dropped = 0;
    var state = sanitize(migrate(data), courseId, seed, now);
    return { state: state, dropped: dropped };
  }

  /* Merging: the newest record wins; the best quiz attempt wins by score. */
  function newer(a, b) { return !a ? b : !b ? a : b.at > a.at ? b : a; }
  function ratio(att) { return att.total ? att.score / att.total : 0; }
  function better(a, b) {
    if (!a || !b) return a || b;
    var d = ratio(b) - ratio(a);
    return d > 0 || (d === 0 && b.at > a.at) ? b : a;
  }
  function earliest(a, b) { return a === undefined ? b : b === undefined ? a : Math.min(a, b); }
  function fields(pickers) {
    return function (a, b) {
      var out = {};
      for (var f in pickers) {
        var x = pickers[f](a && a[f], b && b[f]);
        if (x !== undefined) out[f] = x;
      }
      return out;
    };
  }
  function mergeDict(a, b, pick) {
    var out = {};
    Object.keys(a).concat(Object.keys(b)).forEach(function (k) { out[k] = pick(a[k], b[k]); });
    return out;
  }

  /**
   * Merges two states of the same course. States from different runs (a reset in between)
   * are not mixed: the newer run wins whole, unless `adopt` (an import) takes b into a's run.
   */
  function merge(a, b, adopt) {
    if (!adopt && a.seed !== b.seed) return b.started > a.started ? b : a;
    return {
      version: a.version, course: a.course, seed: a.seed, started: a.started,
      visits: mergeDict(a.visits, b.visits, earliest),
      last: newer(a.last, b.last) || null,
      quizzes: mergeDict(a.quizzes, b.quizzes, fields({ current: newer, latest: newer, best: better })),
      scenarios: mergeDict(a.scenarios, b.scenarios, fields({ current: newer, done: newer })),
      reflections: mergeDict(a.reflections, b.reflections, newer)
    };
  }

  /* Scoring against the current course data: unknown questions and options are ignored. */
  function isChoice(q) { return q.kind === "single" || q.kind === "multiple"; }
  function validPicks(q, picks) { return (picks || []).filter(function (id) { return q.options.indexOf(id) >= 0; }); }
  function isCorrect(q, picks) {
    picks = validPicks(q, picks);
    return picks.length === q.correct.length && q.correct.every(function (id) { return picks.indexOf(id) >= 0; });
  }

  /** Scores an answers map `{questionId: [optionId]}` against quiz data from INGROUP_COURSE. */
  function score(quiz, answers) {
    var r = { score: 0, total: 0, answered: 0 };
    quiz.questions.forEach(function (q) {
      if (!isChoice(q)) return;
      r.total++;
      if (!validPicks(q, answers[q.id]).length) return;
      r.answered++;
      if (isCorrect(q, answers[q.id])) r.score++;
    });
    r.percent = r.total ? Math.round(100 * r.score / r.total) : 100;
    r.passed = r.total > 0 && r.score * 100 >= quiz.pass_mark * r.total;
    r.complete = r.total > 0 && r.answered === r.total;
    return r;
  }

  function rescore(quiz, att) {
    if (!att) return att;
    var s = score(quiz, att.answers);
    return { answers: att.answers, at: att.at, score: s.score, total: s.total };
  }

  /** After `rec.current` changed: records it as the latest attempt (and maybe the best) once complete. */
  function recordAttempt(quiz, rec, now) {
    if (!rec.current || !score(quiz, rec.current.answers).complete) return rec;
    var att = rescore(quiz, { answers: rec.current.answers, at: now });
    rec.latest = att;
    rec.best = better(rescore(quiz, rec.best), att);
    return rec;
  }

  /**
   * Walks a scenario (course data) along a path of choice ids from its start node.
   * A path that no longer fits the scenario is cut where it stops fitting.
   */
  function walk(sc, choices) {
    var node = sc.start, steps = [];
    for (var i = 0; i < choices.length; i++) {
      var n = sc.nodes[node];
      var c = n && n.choices && n.choices.filter(function (x) { return x.id === choices[i]; })[0];
      if (!c) break;
      steps.push({ node: node, choice: c });
      node = c.next;
    }
    var here = sc.nodes[node];
    return { steps: steps, node: node, ending: (here && here.ending) || null };
  }

  function scenarioKeys(quizId, quiz) {
    return quiz.questions.filter(function (q) { return q.kind === "scenario"; })
      .map(function (q) { return quizId + "/" + q.id; });
  }

  /**
   * Status of one quiz: scored quizzes are done when the best attempt passes; quizzes without
   * scored questions are done when every scenario has reached an ending. `counts` is false for
   * quizzes with nothing to pass or finish (only reflections): they are never a requirement.
   */
  function quizStatus(course, state, quizId) {
    var quiz = course.quizzes[quizId], rec = state.quizzes[quizId] || {};
    var best = better(rescore(quiz, rec.best), rescore(quiz, rec.latest));
    var s = { id: quizId, title: quiz.title, pass_mark: quiz.pass_mark, scored: score(quiz, {}).total > 0 };
    s.best = best ? score(quiz, best.answers) : null;
    s.latest = rec.latest ? score(quiz, rec.latest.answers) : null;
    if (s.scored) {
      s.counts = true;
      s.done = !!(s.best && s.best.passed);
      s.doneAt = s.done ? best.at : 0;
    } else {
      var keys = scenarioKeys(quizId, quiz);
      s.counts = keys.length > 0;
      var ends = keys.map(function (k) { return state.scenarios[k] && state.scenarios[k].done; });
      s.done = ends.every(Boolean);
      s.doneAt = s.done ? Math.max.apply(null, ends.map(function (d) { return d.at; }).concat(0)) : 0;
    }
    return s;
  }

  /** Status of a module: pages visited, quizzes done, complete flag and completion date. */
  function moduleStatus(course, state, mod) {
    var visited = mod.pages.filter(function (p) { return has(state.visits, p.id); });
    var quizzes = mod.quizzes.filter(function (id) { return course.quizzes[id]; })
      .map(function (id) { return quizStatus(course, state, id); })
      .filter(function (q) { return q.counts; });
    var done = quizzes.filter(function (q) { return q.done; });
    var complete = visited.length === mod.pages.length && done.length === quizzes.length;
    var dates = visited.map(function (p) { return state.visits[p.id]; })
      .concat(quizzes.map(function (q) { return q.doneAt; }));
    return {
      module: mod, visited: visited.length, pages: mod.pages.length, quizzes: quizzes,
      units: mod.pages.length + quizzes.length, unitsDone: visited.length + done.length,
      complete: complete, started: visited.length + done.length > 0,
      completedAt: complete ? Math.max.apply(null, dates.concat(0)) : 0
    };
  }

  /** Course-wide progress: module statuses and the overall percentage of pages and quizzes done. */
  function progress(course, state) {
    var mods = course.modules.map(function (m) { return moduleStatus(course, state, m); });
    var units = 0, done = 0;
    mods.forEach(function (m) { units += m.units; done += m.unitsDone; });
    return { modules: mods, percent: units ? Math.round(100 * done / units) : 0,
      completed: mods.filter(function (m) { return m.complete; }).length };
  }

  /** The page the learner saw last, looked up in the current course (null when gone). */
  function lastPage(course, state) {
    if (!state.last) return null;
    for (var i = 0; i < course.modules.length; i++) {
      var m = course.modules[i];
      for (var j = 0; j < m.pages.length; j++) if (m.pages[j].id === state.last.page) return { module: m, page: m.pages[j] };
    }
    return null;
  }

  /** Reflections grouped by module, in course order; entries carry the learner's text. */
  function journal(course, state) {
    var groups = course.modules.map(function (m) { return { id: m.id, title: m.number + ". " + m.title, entries: [] }; });
    var other = { id: "", title: "Vignettes and other reflections", entries: [] };
    course.reflections.forEach(function (r) {
      var g = groups.filter(function (x) { return x.id === r.module; })[0] || other;
      var saved = state.reflections[r.key];
      g.entries.push({ key: r.key, prompt: r.prompt, title: r.title, url: r.url,
        text: saved ? saved.text : "", at: saved ? saved.at : 0 });
    });
    return groups.concat(other).filter(function (g) { return g.entries.length; });
  }

  /** The learner's journal as Markdown; entries without text are left out. */
  function journalMarkdown(course, state, dateText) {
    var out = ["# " + course.title + ": reflective journal", "", "Exported " + dateText, ""];
    journal(course, state).forEach(function (g) {
      var written = g.entries.filter(function (e) { return e.text.trim(); });
      if (!written.length) return;
      out.push("## " + g.title, "");
      written.forEach(function (e) {
        out.push("### " + e.title, "", "> " + e.prompt.replace(/\n/g, "\n> "), "", e.text.trim(), "");
      });
    });
    return out.join("\n");
  }

  /** A stable pseudo-random permutation of `items` for a seed string (FNV-1a + mulberry32). */
  function shuffle(items, seedText) {
    var h = 2166136261;
    for (var i = 0; i < seedText.length; i++) h = Math.imul(h ^ seedText.charCodeAt(i), 16777619);
    function rand() {
      h = (h + 0x6d2b79f5) | 0;
      var t = Math.imul(h ^ (h >>> 15), 1 | h);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    var out = items.slice();
    for (var j = out.length - 1; j > 0; j--) {
      var k = Math.floor(rand() * (j + 1)), tmp = out[j];
      out[j] = out[k]; out[k] = tmp;
    }
    return out;
  }

  IG.model = {
    LIMITS: LIMITS, has: has, empty: empty, migrate: migrate, sanitize: sanitize, parse: parse, check: check, merge: merge,
    isCorrect: isCorrect, score: score, recordAttempt: recordAttempt, walk: walk,
    quizStatus: quizStatus, moduleStatus: moduleStatus, progress: progress, lastPage: lastPage,
    journal: journal, journalMarkdown: journalMarkdown, shuffle: shuffle
  };
})(window.IG = window.IG || {});

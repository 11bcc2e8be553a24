/* ingroup runtime: the learner-state model. Pure functions, no DOM, no storage:
   schema validation, migration, merging, scoring, the pass decision, scenario walking, progress. */
(function (IG) {
  "use strict";

  var LIMITS = { bytes: 2e6, text: 20000, entries: 5000, path: 200, options: 50, plays: 200 };
  var KEY = /^[a-z0-9][a-z0-9_:/-]{0,199}$/;
  var OUTCOMES = ["positive", "mixed", "negative"];

  /** Records and fields left out by the validation in progress (see `check`). */
  var dropped = 0;

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  /**
   * Version 2 keeps, per scenario, when each ending outcome was first reached (`reached`), so a
   * scenario that must reach a passing ending stays passed after a replay ends worse. A version 1
   * scenario's last ending is the one known to have been reached.
   */
  function reachedFromDone(data) {
    var scenarios = isObj(data.scenarios) ? data.scenarios : {};
    Object.keys(scenarios).forEach(function (k) {
      var rec = scenarios[k], done = isObj(rec) && rec.done;
      if (isObj(done) && OUTCOMES.indexOf(done.outcome) >= 0 && !has(rec, "reached")) {
        rec.reached = {};
        rec.reached[done.outcome] = done.at;
      }
    });
    return data;
  }

  /**
   * Version 2 also holds the spaced review's schedule and switch, and the learner's name (for
   * the certificate).
   */
  function toVersion2(data) {
    data = reachedFromDone(data);
    data.review = { items: {} };
    data.learner = null;
    return data;
  }

  /**
   * Version 3 keeps, per scenario, every different path that reached an ending (`plays`, with
   * when it was first taken), so a pass rule on path scores (`pass_score`) can be judged
   * against the current scenario; a version 2 scenario's last ending is its one known play.
   * Quiz attempts may now carry the questions a pool drew (`drawn`); older attempts asked
   * every question, which is what an attempt without `drawn` means.
   */
  function toVersion3(data) {
    var scenarios = isObj(data.scenarios) ? data.scenarios : {};
    Object.keys(scenarios).forEach(function (k) {
      var rec = scenarios[k], done = isObj(rec) && rec.done;
      if (isObj(done) && Array.isArray(done.path) && !has(rec, "plays")) rec.plays = [{ path: done.path, at: done.at }];
    });
    return data;
  }

  /** MIGRATIONS[i] upgrades state version i+1 to i+2; the current version is their count + 1. */
  var MIGRATIONS = [toVersion2, toVersion3];

  /* Validators: each returns a clean copy of a valid value, or undefined. */
  function num(v) { return typeof v === "number" && isFinite(v) && v >= 0 ? v : undefined; }
  function key(v) { return typeof v === "string" && KEY.test(v) ? v : undefined; }
  function bool(v) { return typeof v === "boolean" ? v : undefined; }
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
  var attempt = record({ answers: dict(list(key, LIMITS.options)), at: num, score: num, total: num, drawn: list(key, LIMITS.path) }, ["answers", "at"]);
  var play = record({ path: path, at: num }, ["path", "at"]);
  var SCHEMA = record({
    version: num, course: text(200), seed: text(64), started: num,
    visits: dict(num),
    last: record({ page: key, at: num }, ["page", "at"]),
    quizzes: dict(record({ current: attempt, latest: attempt, best: attempt }, [])),
    scenarios: dict(record({
      current: record({ path: path, at: num }, ["path", "at"]),
      done: record({ path: path, outcome: oneOf(OUTCOMES), at: num }, ["path", "outcome", "at"]),
      reached: record({ positive: num, mixed: num, negative: num }, []),
      plays: list(play, LIMITS.plays)
    }, [])),
    reflections: dict(record({ text: text(LIMITS.text), at: num }, ["text", "at"])),
    // Spaced review: the Leitner box after each item's last review answer (15-review.js).
    review: record({ off: bool, at: num, items: dict(record({ box: oneOf([1, 2, 3, 4, 5]), at: num }, ["box", "at"])) }, ["items"]),
    learner: record({ name: text(200), at: num }, ["name", "at"])
  }, ["version", "course", "visits", "quizzes", "scenarios", "reflections"]);

  function currentVersion(steps) { return (steps || MIGRATIONS).length + 1; }

  /** A fresh state; `seed` personalises option shuffling, `started` dates this run of the course. */
  function empty(courseId, seed, now) {
    return { version: currentVersion(), course: courseId, seed: seed, started: now,
      visits: {}, last: null, quizzes: {}, scenarios: {}, reflections: {}, review: { items: {} }, learner: null };
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

  /* Merging: the newest record wins; the best quiz attempt wins by the pass rule, then by score. */
  function newer(a, b) { return !a ? b : !b ? a : b.at > a.at ? b : a; }
  function ratio(att) { return att.total ? att.score / att.total : 0; }
  /** The better of two attempts: one that passes the quiz's score and required rule (when `quiz` is known), then the higher score, then the newer. */
  function better(a, b, quiz) {
    if (!a || !b) return a || b;
    var p = quiz ? Number(score(quiz, b.answers, b.drawn).passed) - Number(score(quiz, a.answers, a.drawn).passed) : 0;
    var d = p || ratio(b) - ratio(a);
    return d > 0 || (d === 0 && b.at > a.at) ? b : a;
  }
  function earliest(a, b) { return a === undefined ? b : b === undefined ? a : Math.min(a, b); }
  /** Outcome → first time reached, merged key by key. */
  function firstReached(a, b) {
    if (!a || !b) return a || b;
    var out = {};
    OUTCOMES.forEach(function (o) { var t = earliest(a[o], b[o]); if (t !== undefined) out[o] = t; });
    return out;
  }
  /**
   * Each different path once, with when it was first taken, oldest first; beyond the limit
   * the oldest plays are left out.
   */
  function addPlays(a, b) {
    if (!a || !b) return a || b;
    var byPath = {};
    a.concat(b).forEach(function (p) {
      var k = p.path.join(" ");
      if (!has(byPath, k) || p.at < byPath[k].at) byPath[k] = p;
    });
    var out = Object.keys(byPath).map(function (k) { return byPath[k]; }).sort(function (x, y) { return x.at - y.at; });
    return out.slice(Math.max(0, out.length - LIMITS.plays));
  }
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
   * With the course data, best attempts are ranked by each quiz's pass rule.
   */
  function merge(a, b, adopt, course) {
    if (!adopt && a.seed !== b.seed) return b.started > a.started ? b : a;
    var quizzes = {};
    Object.keys(a.quizzes).concat(Object.keys(b.quizzes)).forEach(function (id) {
      var quiz = course && course.quizzes[id];
      quizzes[id] = fields({ current: newer, latest: newer, best: function (x, y) { return better(x, y, quiz); } })(a.quizzes[id], b.quizzes[id]);
    });
    return {
      version: a.version, course: a.course, seed: a.seed, started: a.started,
      visits: mergeDict(a.visits, b.visits, earliest),
      last: newer(a.last, b.last) || null,
      quizzes: quizzes,
      scenarios: mergeDict(a.scenarios, b.scenarios, fields({ current: newer, done: newer, reached: firstReached, plays: addPlays })),
      reflections: mergeDict(a.reflections, b.reflections, newer),
      review: mergeReview(a.review, b.review),
      learner: newer(a.learner || null, b.learner || null) || null
    };
  }

  /** Review items merge per entry; the on/off switch set last wins. */
  function mergeReview(a, b) {
    a = a || { items: {} };
    b = b || { items: {} };
    var out = { items: mergeDict(a.items, b.items, newer) }, pick = (b.at || 0) > (a.at || 0) ? b : a;
    if (pick.off !== undefined) { out.off = pick.off; out.at = pick.at; }
    return out;
  }

  /* Scoring against the current course data: unknown questions and options are ignored.
     Every answer is a list of ids stored under its question's id — single/multiple: the options
     picked; ordering: the item ids in the learner's order; matching: "left:right" pair ids;
     short: "submitted" and "criterion:level" self-ratings (the written text is kept in
     `reflections` under the question's key). */
  var LEVELS = { met: 1, partly: 0.5, not: 0 };
  function isChoice(q) { return q.kind === "single" || q.kind === "multiple"; }
  /** Whether a quiz attempt is complete only once this question is answered. */
  function isAnswerable(q) { return isChoice(q) || q.kind === "ordering" || q.kind === "matching" || q.kind === "short"; }
  /** Whether the question counts toward the score (a short answer only when the author says so). */
  function isScored(q) { return isAnswerable(q) && (q.kind !== "short" || !!q.scored); }
  function validPicks(q, picks) { return (picks || []).filter(function (id) { return q.options.indexOf(id) >= 0; }); }
  /** "a:b" entries as {a: "b"}, the first per left-hand id, where `ok(left, right)`. */
  function pairsOf(answer, ok) {
    var out = {};
    (answer || []).forEach(function (e) {
      var p = String(e).split(":");
      if (p.length === 2 && !has(out, p[0]) && ok(p[0], p[1])) out[p[0]] = p[1];
    });
    return out;
  }
  function ids(list) { return (list || []).map(function (x) { return typeof x === "string" ? x : x.id; }); }
  /** The ratings of a short answer: {criterion: level}. */
  function ratingsOf(q, answer) {
    var crit = ids(q.rubric);
    return pairsOf(answer, function (c, level) { return crit.indexOf(c) >= 0 && has(LEVELS, level); });
  }
  function matchesOf(q, answer) {
    return pairsOf(answer, function (l, r) { return q.pairs.indexOf(l) >= 0 && q.pairs.indexOf(r) >= 0; });
  }
  /** The part of a stored answer that fits the question as it is now ([] when nothing does). */
  function validAnswer(q, answer) {
    answer = answer || [];
    if (isChoice(q)) return validPicks(q, answer);
    if (q.kind === "ordering") {
      var order = answer.filter(function (id, i) { return q.items.indexOf(id) >= 0 && answer.indexOf(id) === i; });
      return order.length === q.items.length ? order : [];
    }
    var pairs = q.kind === "matching" ? matchesOf(q, answer) : q.kind === "short" ? ratingsOf(q, answer) : {};
    var out = Object.keys(pairs).map(function (k) { return k + ":" + pairs[k]; });
    return q.kind === "short" && answer.indexOf("submitted") >= 0 ? ["submitted"].concat(out) : out;
  }
  /**
   * Per-part results of an answer, for feedback and the report: ordering and matching give
   * {id: true|false} (item in its place, left side matched rightly), short answers
   * {criterion: level}; null when the answer is not complete.
   */
  function partResults(q, answer) {
    if (credit(q, answer) === null) return null;
    if (q.kind === "short") return ratingsOf(q, answer);
    var out = {}, a = validAnswer(q, answer), m = matchesOf(q, a);
    if (q.kind === "ordering") q.items.forEach(function (id, i) { out[id] = a[i] === id; });
    if (q.kind === "matching") q.pairs.forEach(function (id) { out[id] = m[id] === id; });
    return out;
  }
  /**
   * The credit an answer earns, from 0 to 1, or null while the question is not fully answered.
   * Choice, ordering and matching are all-or-nothing; a short answer earns the mean of its
   * self-ratings (met 1, partly 1/2, not yet 0) once it is submitted and every criterion rated.
   */
  function credit(q, answer) {
    var a = validAnswer(q, answer);
    if (!a.length) return null;
    if (isChoice(q)) return a.length === q.correct.length && q.correct.every(function (id) { return a.indexOf(id) >= 0; }) ? 1 : 0;
    if (q.kind === "ordering") return a.every(function (id, i) { return id === q.items[i]; }) ? 1 : 0;
    if (q.kind === "matching") {
      var m = matchesOf(q, a);
      if (!q.pairs.every(function (id) { return has(m, id); })) return null;
      return q.pairs.every(function (id) { return m[id] === id; }) ? 1 : 0;
    }
    var r = ratingsOf(q, a), crit = ids(q.rubric);
    if (a[0] !== "submitted" || !crit.every(function (c) { return has(r, c); })) return null;
    return crit.length ? crit.reduce(function (sum, c) { return sum + LEVELS[r[c]]; }, 0) / crit.length : 1;
  }
  function isCorrect(q, picks) { return credit(q, picks) === 1; }

  /**
   * Scores an answers map `{questionId: [id]}` against quiz data from INGROUP_COURSE, over the
   * questions the attempt asked (`drawn`, see `asks`). `score`
   * sums the credit of scored questions; an attempt is complete when every question that needs
   * an answer (unscored short answers too) has one. `missed` lists the required questions not
   * answered correctly; `passed` is the attempt's part of the pass rule: the pass mark reached
   * (`reachesMark`) and no required question missed.
   */
  function score(quiz, answers, drawn) {
    var r = { score: 0, total: 0, answered: 0, missed: [] }, needed = 0, done = 0, required = quiz.required || [];
    asks(quiz, drawn).forEach(function (q) {
      if (!isAnswerable(q)) return;
      var c = credit(q, answers[q.id]);
      needed++;
      if (c !== null) done++;
      if (c !== 1 && required.indexOf(q.id) >= 0) r.missed.push(q.id);
      if (!isScored(q)) return;
      r.total++;
      if (c === null) return;
      r.answered++;
      r.score += c;
    });
    r.percent = r.total ? Math.round(100 * r.score / r.total) : 100;
    r.reachesMark = r.total > 0 && r.score * 100 >= quiz.pass_mark * r.total;
    r.passed = r.reachesMark && !r.missed.length;
    r.complete = needed > 0 && done === needed;
    return r;
  }

  function rescore(quiz, att) {
    if (!att) return att;
    var s = score(quiz, att.answers, att.drawn), out = { answers: att.answers, at: att.at, score: s.score, total: s.total };
    if (att.drawn) out.drawn = att.drawn;
    return out;
  }

  /**
   * The questions an attempt asks, in quiz order: every question, or in a quiz that draws a
   * pool (`draw`) the scenarios, reflections, required questions and those drawn (`drawn`, the
   * ids stored with the attempt). An attempt without `drawn` asked every question; drawn ids
   * the quiz no longer has are ignored.
   */
  function asks(quiz, drawn) {
    if (!quiz.draw || !drawn) return quiz.questions;
    var required = quiz.required || [];
    return quiz.questions.filter(function (q) { return !isAnswerable(q) || drawn.indexOf(q.id) >= 0 || required.indexOf(q.id) >= 0; });
  }

  /**
   * A new draw of a pool for an attempt: the ids of `quiz.draw` answerable questions, in quiz
   * order — every required one, then others in an order fixed by `seedText`, first those the
   * previous attempt did not ask (`before`, its drawn ids), so a retry asks fresh questions
   * while there are any. Undefined for a quiz that does not draw.
   */
  function drawQuestions(quiz, seedText, before) {
    if (!quiz.draw) return undefined;
    var required = quiz.required || [], last = before || [];
    var pool = quiz.questions.filter(isAnswerable).map(function (q) { return q.id; });
    var others = shuffle(pool.filter(function (id) { return required.indexOf(id) < 0; }), seedText);
    var fresh = others.filter(function (id) { return last.indexOf(id) < 0; });
    var seen = others.filter(function (id) { return last.indexOf(id) >= 0; });
    var picked = fresh.concat(seen).slice(0, Math.max(0, quiz.draw - required.length));
    return pool.filter(function (id) { return required.indexOf(id) >= 0 || picked.indexOf(id) >= 0; });
  }

  /** After `rec.current` changed: records it as the latest attempt (and maybe the best) once complete. */
  function recordAttempt(quiz, rec, now) {
    if (!rec.current || !score(quiz, rec.current.answers, rec.current.drawn).complete) return rec;
    var att = rescore(quiz, { answers: rec.current.answers, at: now, drawn: rec.current.drawn });
    rec.latest = att;
    rec.best = better(rescore(quiz, rec.best), att, quiz);
    return rec;
  }

  /** Records that a play of a scenario (its state record `rec`) reached an ending at `at`. */
  function recordEnding(rec, path, outcome, at) {
    rec.done = { path: path, outcome: outcome, at: at };
    rec.reached = rec.reached || {};
    if (!has(rec.reached, outcome)) rec.reached[outcome] = at;
    rec.plays = addPlays(rec.plays || [], [{ path: path.slice(), at: at }]);
    return rec;
  }

  var COMPARE = {
    ">=": function (a, b) { return a >= b; }, ">": function (a, b) { return a > b; },
    "<=": function (a, b) { return a <= b; }, "<": function (a, b) { return a < b; },
    "==": function (a, b) { return a === b; }, "!=": function (a, b) { return a !== b; }
  };

  /**
   * Whether a condition, as `check` parsed it into the course data, holds for the scores and
   * flags gathered so far: {compare:{score,op,value}}, {flag}, {not}, {and:[…]}, {or:[…]}.
   * A score never added to is 0; an unknown shape is false.
   */
  function holds(cond, gathered) {
    if (!isObj(cond)) return false;
    if (cond.compare) {
      var c = cond.compare, test = has(COMPARE, c.op) ? COMPARE[c.op] : null;
      return !!test && test(has(gathered.scores, c.score) ? gathered.scores[c.score] : 0, c.value);
    }
    if (has(cond, "flag")) return has(gathered.flags, cond.flag);
    if (cond.not) return !holds(cond.not, gathered);
    if (Array.isArray(cond.and)) return cond.and.every(function (x) { return holds(x, gathered); });
    if (Array.isArray(cond.or)) return cond.or.some(function (x) { return holds(x, gathered); });
    return false;
  }

  /** Adds a choice's scores and flags to what the path has gathered. */
  function gather(gathered, choice) {
    var scores = choice.scores || {};
    Object.keys(scores).forEach(function (k) { gathered.scores[k] = (gathered.scores[k] || 0) + scores[k]; });
    (choice.set || []).forEach(function (f) { gathered.flags[f] = true; });
  }

  /** Where a choice leads with what has been gathered: the first branch that holds, else its plain `next`. */
  function nextOf(choice, gathered) {
    var taken = (choice.branches || []).filter(function (b) { return !b.when || holds(b.when, gathered); })[0];
    return taken ? taken.next : choice.next;
  }

  /**
   * Walks a scenario (course data) along a path of choice ids from its start node, gathering
   * scores and flags (recomputed from the path, never stored) that choose conditional branches.
   * A path that no longer fits the scenario is cut where it stops fitting.
   */
  function walk(sc, choices) {
    var node = sc.start, steps = [], gathered = { scores: {}, flags: {} };
    for (var i = 0; i < choices.length; i++) {
      var n = sc.nodes[node];
      var c = n && n.choices && n.choices.filter(function (x) { return x.id === choices[i]; })[0];
      if (!c) break;
      steps.push({ node: node, choice: c });
      gather(gathered, c);
      node = nextOf(c, gathered);
    }
    var here = sc.nodes[node];
    return { steps: steps, node: node, ending: (here && here.ending) || null, scores: gathered.scores, flags: Object.keys(gathered.flags) };
  }

  /**
   * The numbers the quiz form shows, by question id: as the whole quiz numbers them, or, in an
   * attempt of a pool, counted over the questions it asks (`drawn`). Questions embedded on
   * their own have none.
   */
  function numbers(quiz, drawn) {
    var out = {}, n = 0;
    asks(quiz, drawn).forEach(function (q) { if (q.number) out[q.id] = ++n; });
    return out;
  }

  /** "Question 4" as the quiz shows the question `id`, or null when it is embedded on its own. */
  function questionName(quiz, id, drawn) {
    var n = numbers(quiz, drawn)[id];
    return n ? "Question " + n : null;
  }

  /** Whether scores gathered on a path reach every minimum of `minimums` ({score: min}). */
  function reaches(scores, minimums) {
    return Object.keys(minimums).every(function (k) { return (has(scores, k) ? scores[k] : 0) >= minimums[k]; });
  }

  /**
   * When a scenario record first reached one of the `outcomes`, or 0 when it never did. With
   * `minimums` (a `pass_score`), only plays whose path, walked through the scenario `sc` as it
   * is now, ends in such an outcome with those scores count.
   */
  function passedAt(rec, outcomes, sc, minimums) {
    var times;
    if (minimums) {
      times = ((rec && rec.plays) || []).filter(function (p) {
        var w = walk(sc, p.path);
        return w.ending && outcomes.indexOf(w.ending.outcome) >= 0 && reaches(w.scores, minimums);
      }).map(function (p) { return p.at; });
    } else {
      times = outcomes.map(function (o) { return rec && rec.reached ? rec.reached[o] : undefined; })
        .filter(function (t) { return t !== undefined; });
    }
    return times.length ? Math.min.apply(null, times) : 0;
  }

  /** When the counting scenario `q` of `quiz` first passed (its record `rec`), or 0. */
  function scenarioPassedAt(quiz, q, rec) {
    var passOn = quiz.pass_on || {};
    return has(passOn, q.id) ? passedAt(rec, passOn[q.id], q, (quiz.pass_score || {})[q.id]) : 0;
  }

  /**
   * The one pass decision of a quiz, used by the quiz result, the progress page and report,
   * module completion and an LMS's success status. `answers` is the attempt judged (null: none),
   * `drawn` the questions it asked (a pool's draw).
   * A quiz with scored questions passes when that attempt reaches the pass mark with every
   * required question correct, and every scenario that counts (`pass_on`) has once reached a
   * passing ending (with the path scores of its `pass_score`, if any). A quiz without scored
   * questions passes when its counting scenarios have and
   * its other scenarios have reached an ending. Returns { passed, at (when it became passed),
   * reasons: [{ kind: "unanswered"|"score"|"required"|"scenario"|"unfinished", text }] }.
   */
  function passDecision(quiz, quizId, state, answers, drawn) {
    var reasons = [], times = [], passOn = quiz.pass_on || {};
    var s = score(quiz, answers || {}, drawn);
    function why(kind, text) { reasons.push({ kind: kind, text: text }); }
    if (s.total && !answers) why("unanswered", "Answer every question of the quiz and submit your answers.");
    else if (s.total) {
      if (!s.reachesMark) why("score", "Your score, " + s.percent + "%, is below the pass mark of " + quiz.pass_mark + "%.");
      s.missed.forEach(function (id) {
        var name = questionName(quiz, id, drawn);
        why("required", (name || "A required question") + " must be answered correctly.");
      });
    }
    if (!s.total && quiz.questions.some(isAnswerable)) {
      // Unscored short answers: the latest attempt must answer every question.
      var latest = (state.quizzes[quizId] || {}).latest;
      if (latest && score(quiz, latest.answers, latest.drawn).complete) times.push(latest.at);
      else why("unanswered", "Answer every question of the quiz and submit your answers.");
    }
    quiz.questions.forEach(function (q) {
      if (q.kind !== "scenario") return;
      var rec = state.scenarios[quizId + "/" + q.id], title = "\u201c" + (q.title || quiz.title) + "\u201d";
      if (has(passOn, q.id)) {
        var at = scenarioPassedAt(quiz, q, rec);
        if (at) times.push(at);
        else why("scenario", "The scenario " + title + " has not reached a passing ending.");
      } else if (!s.total) {
        if (rec && rec.done) times.push(rec.done.at);
        else why("unfinished", "The scenario " + title + " has not been finished.");
      }
    });
    var passed = !reasons.length;
    return { passed: passed, at: passed ? Math.max.apply(null, times.concat(0)) : 0, reasons: reasons };
  }

  /**
   * Status of one quiz, with its pass decision on the best attempt (`done`, `doneAt`, and
   * `reasons` why it is not passed yet). `counts` is false for quizzes with nothing to pass or
   * finish (only reflections): they are never a requirement.
   */
  function quizStatus(course, state, quizId) {
    var quiz = course.quizzes[quizId], rec = state.quizzes[quizId] || {};
    var best = better(rescore(quiz, rec.best), rescore(quiz, rec.latest), quiz);
    var s = { id: quizId, title: quiz.title, pass_mark: quiz.pass_mark, scored: score(quiz, {}).total > 0 };
    s.best = best ? score(quiz, best.answers, best.drawn) : null;
    s.latest = rec.latest ? score(quiz, rec.latest.answers, rec.latest.drawn) : null;
    s.counts = s.scored || quiz.questions.some(function (q) { return q.kind === "scenario" || isAnswerable(q); });
    var decision = passDecision(quiz, quizId, state, best ? best.answers : null, best && best.drawn);
    s.done = decision.passed;
    s.doneAt = s.done ? Math.max(decision.at, best ? best.at : 0) : 0;
    s.reasons = decision.reasons;
    return s;
  }

  /** Quiz ids in course order: as the modules embed them, then any others by id. */
  function quizOrder(course) {
    var out = [];
    course.modules.forEach(function (m) { m.quizzes.forEach(function (id) { if (out.indexOf(id) < 0 && has(course.quizzes, id)) out.push(id); }); });
    Object.keys(course.quizzes).sort().forEach(function (id) { if (out.indexOf(id) < 0) out.push(id); });
    return out;
  }

  /**
   * Results by the course's tags: for every vocabulary term that questions or scenario choices
   * carry, how many tagged questions the best attempt got right and how many of the decisions
   * made in finished scenarios were rated best. Vocabularies and terms nothing carries are left out.
   */
  function tagResults(course, state) {
    var tally = {}, HIT = { questions: "correct", decisions: "best" };
    function count(tag, field, hit) {
      var t = tally[tag] = tally[tag] || { questions: 0, correct: 0, decisions: 0, best: 0 };
      t[field] += 1;
      if (hit) t[HIT[field]] += 1;
    }
    quizOrder(course).forEach(function (qid) {
      var quiz = course.quizzes[qid], rec = state.quizzes[qid] || {};
      var best = better(rescore(quiz, rec.best), rescore(quiz, rec.latest));
      var asked = best ? asks(quiz, best.drawn) : quiz.questions;
      quiz.questions.forEach(function (q) {
        if (isChoice(q) && asked.indexOf(q) >= 0) (q.tags || []).forEach(function (tag) { count(tag, "questions", !!best && isCorrect(q, best.answers[q.id])); });
        if (q.kind !== "scenario") return;
        var done = state.scenarios[qid + "/" + q.id] && state.scenarios[qid + "/" + q.id].done;
        if (!done) return;
        walk(q, done.path).steps.forEach(function (st) {
          (st.choice.tags || []).forEach(function (tag) { count(tag, "decisions", st.choice.rating === "best"); });
        });
      });
    });
    return (course.vocabularies || []).map(function (v) {
      var rows = v.terms.filter(function (t) { return has(tally, v.id + ":" + t.id); })
        .map(function (t) { return Object.assign({ id: t.id, label: t.label }, tally[v.id + ":" + t.id]); });
      return { id: v.id, label: v.label, rows: rows };
    }).filter(function (v) { return v.rows.length; });
  }

  /**
   * The credit of a scenario for mastery, once it has ended (null before): 1 when it passed —
   * by its quiz's pass rule when it counts, else by a positive ending — otherwise 0.
   */
  function scenarioCredit(quiz, quizId, q, state) {
    var rec = state.scenarios[quizId + "/" + q.id], passOn = quiz.pass_on || {};
    if (!rec || !rec.done) return null;
    if (has(passOn, q.id)) return scenarioPassedAt(quiz, q, rec) ? 1 : 0;
    return rec.reached && rec.reached.positive ? 1 : 0;
  }

  /**
   * Mastery per learning objective: the one derivation that the progress report, its charts
   * and an LMS's objective records show. An objective's items are the scored questions and the
   * scenarios that name it. A question earns its credit in its quiz's best attempt (of a pool,
   * only the questions that attempt asked are items); a scenario earns 1 once it has passed
   * (see `scenarioCredit`). Returns, in course order, `{ id, text, module, total, answered,
   * earned, percent, status }`: `percent` is the credit earned over all items, `status` is
   * "not started" (nothing answered), "in progress" (some items open), "mastered" (all
   * answered and `percent` reaches the course's pass mark) or "not yet mastered".
   */
  function mastery(course, state) {
    var tally = {}, rows = [], texts = {};
    (course.objectives || []).forEach(function (o) { texts[o.id] = o.text; });
    course.modules.forEach(function (m) {
      (m.objectives || []).forEach(function (id) {
        if (has(tally, id)) return;
        tally[id] = { id: id, text: texts[id] || id, module: m.id, total: 0, answered: 0, earned: 0 };
        rows.push(tally[id]);
      });
    });
    function count(q, c) {
      (q.objectives || []).forEach(function (o) {
        var t = tally[o];
        if (!t) return;
        t.total++;
        if (c !== null) { t.answered++; t.earned += c; }
      });
    }
    quizOrder(course).forEach(function (qid) {
      var quiz = course.quizzes[qid], rec = state.quizzes[qid] || {};
      var best = better(rescore(quiz, rec.best), rescore(quiz, rec.latest), quiz);
      asks(quiz, best && best.drawn).forEach(function (q) {
        if (isScored(q)) count(q, best ? credit(q, best.answers[q.id]) : null);
        else if (q.kind === "scenario") count(q, scenarioCredit(quiz, qid, q, state));
      });
    });
    rows.forEach(function (t) {
      t.percent = t.total ? Math.round(100 * t.earned / t.total) : 0;
      t.status = !t.answered ? "not started" : t.answered < t.total ? "in progress" :
        t.percent >= course.pass_mark ? "mastered" : "not yet mastered";
    });
    return rows;
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

  /** Course-wide progress: module statuses, the overall percentage of pages and quizzes done, and mastery per objective. */
  function progress(course, state) {
    var mods = course.modules.map(function (m) { return moduleStatus(course, state, m); });
    var units = 0, done = 0;
    mods.forEach(function (m) { units += m.units; done += m.unitsDone; });
    return { modules: mods, percent: units ? Math.round(100 * done / units) : 0,
      completed: mods.filter(function (m) { return m.complete; }).length, mastery: mastery(course, state) };
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

  /** FNV-1a hash (32-bit, unsigned) of `text`, starting from `basis`. */
  function fnv(text, basis) {
    var h = basis;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  /** A stable pseudo-random permutation of `items` for a seed string (FNV-1a + mulberry32). */
  function shuffle(items, seedText) {
    var h = fnv(seedText, 2166136261);
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

  /**
   * Puts the words of scenario choices and endings (`window.INGROUP_SCENARIO_TEXTS`, loaded by
   * the pages that list decisions) into the course data's scenario nodes, in place; returns
   * the course. Nodes and choices the texts do not name are left as they are.
   */
  function withScenarioTexts(course, texts) {
    if (!course || !isObj(texts)) return course;
    Object.keys(course.quizzes || {}).forEach(function (qid) {
      course.quizzes[qid].questions.forEach(function (q) {
        var words = q.kind === "scenario" && texts[qid + "/" + q.id];
        if (!isObj(words)) return;
        Object.keys(q.nodes).forEach(function (id) {
          var node = q.nodes[id], w = words[id];
          if (!isObj(w)) return;
          if (node.ending && typeof w.ending === "string") node.ending.title = w.ending;
          (node.choices || []).forEach(function (c) {
            if (isObj(w.choices) && has(w.choices, c.id)) c.text = w.choices[c.id];
          });
        });
      });
    });
    return course;
  }

  IG.model = {
    LIMITS: LIMITS, has: has, empty: empty, migrate: migrate, sanitize: sanitize, parse: parse, check: check, merge: merge,
    isCorrect: isCorrect, credit: credit, partResults: partResults, validAnswer: validAnswer,
    isAnswerable: isAnswerable, isScored: isScored, score: score, recordAttempt: recordAttempt,
    recordEnding: recordEnding, walk: walk, holds: holds, passDecision: passDecision,
    scenarioPassedAt: scenarioPassedAt, asks: asks, drawQuestions: drawQuestions, numbers: numbers, mastery: mastery,
    quizStatus: quizStatus, moduleStatus: moduleStatus, progress: progress, lastPage: lastPage,
    journal: journal, journalMarkdown: journalMarkdown, shuffle: shuffle, fnv: fnv, quizOrder: quizOrder, tagResults: tagResults,
    withScenarioTexts: withScenarioTexts
  };
})(window.IG = window.IG || {});

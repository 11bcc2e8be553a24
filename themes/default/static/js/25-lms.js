/* ingroup runtime: the LMS bridge. When a page runs inside the SCORM launcher of a package
   (`ingroup build --package …`), the launcher holds the one LMS session and this file gives the
   store an adapter that saves through it: the state goes to cmi.suspend_data (dictionary-coded
   against the course, versioned), and status, score, objectives and interactions are reported.
   Opened any other way (the plain site, file://) it does nothing. */
(function (IG) {
  "use strict";
  var M = IG.model;
  var FORMAT = "IG1";
  var OUTCOMES = ["positive", "mixed", "negative"];

  /* ---- suspend_data coding: ids become positions in the course data, dates become seconds
     after the start; an id the course no longer has stays as its text, so nothing is lost. ---- */
  function ref(list, id) { var i = list.indexOf(id); return i < 0 ? id : i; }
  function deref(list, r) { return typeof r === "number" ? list[r] : r; }
  function dictionaries(course) {
    var pages = [];
    course.modules.forEach(function (m) { m.pages.forEach(function (p) { pages.push(p.id); }); });
    var quizzes = Object.keys(course.quizzes).sort(), scenarios = [];
    quizzes.forEach(function (id) {
      course.quizzes[id].questions.forEach(function (q) { if (q.kind === "scenario") scenarios.push(id + "/" + q.id); });
    });
    return { pages: pages, quizzes: quizzes, scenarios: scenarios,
      reflections: course.reflections.map(function (r) { return r.key; }) };
  }

  function encodeState(course, state, keepReflection) {
    var d = dictionaries(course), t0 = state.started || 0;
    // Rounded down: a time read back is never later than the real one, so a change made within
    // the same second (a second click on a scenario) is still the newer when merged.
    function dt(at) { return Math.floor((at - t0) / 1000); }
    function attempt(quiz, a, same) {
      if (!a) return 0;
      if (same && JSON.stringify(a) === JSON.stringify(same)) return 1;
      var qs = quiz ? quiz.questions.map(function (q) { return q.id; }) : [];
      var answers = Object.keys(a.answers).map(function (qid) {
        var q = quiz && quiz.questions[qs.indexOf(qid)];
        return [ref(qs, qid), a.answers[qid].map(function (o) { return ref(q && q.options || [], o); })];
      });
      var out = [dt(a.at), a.score === undefined ? -1 : a.score, a.total === undefined ? -1 : a.total, answers];
      if (a.drawn) out.push(a.drawn.map(function (qid) { return ref(qs, qid); }));
      return out;
    }
    return JSON.stringify([FORMAT, state.version, state.seed || "", t0,
      Object.keys(state.visits).map(function (p) { return [ref(d.pages, p), dt(state.visits[p])]; }),
      state.last ? [ref(d.pages, state.last.page), dt(state.last.at)] : 0,
      Object.keys(state.quizzes).map(function (id) {
        var rec = state.quizzes[id], quiz = course.quizzes[id];
        return [ref(d.quizzes, id), attempt(quiz, rec.current, rec.latest), attempt(quiz, rec.latest), attempt(quiz, rec.best, rec.latest)];
      }),
      Object.keys(state.scenarios).map(function (k) {
        var s = state.scenarios[k];
        var reached = s.reached ? Object.keys(s.reached).map(function (o) { return [OUTCOMES.indexOf(o), dt(s.reached[o])]; }) : 0;
        return [ref(d.scenarios, k), s.current ? [dt(s.current.at), s.current.path.join(" ")] : 0,
          s.done ? [dt(s.done.at), s.done.path.join(" "), s.done.outcome] : 0, reached,
          s.plays && otherPlays(s).length ? otherPlays(s).map(function (p) { return [dt(p.at), p.path.join(" ")]; }) : 0];
      }),
      Object.keys(state.reflections).filter(keepReflection || Boolean).map(function (k) {
        return [ref(d.reflections, k), dt(state.reflections[k].at), state.reflections[k].text];
      })
    ]);
  }

  /* The last ending is a scenario's newest play as a rule: coded once, in `done`. */
  function samePlay(p, done) { return !!done && p.at === done.at && p.path.join(" ") === done.path.join(" "); }
  function otherPlays(s) { return s.plays.filter(function (p) { return !samePlay(p, s.done); }); }
  function withDone(rec, plays) {
    var d = rec.done, known = d && plays.some(function (p) { return p.path.join(" ") === d.path.join(" "); });
    return d && !known ? plays.concat([{ path: d.path.slice(), at: d.at }]).sort(function (x, y) { return x.at - y.at; }) : plays;
  }

  /** suspend_data text → a state object (to be validated by the model), or null when empty. */
  function decodeState(course, text) {
    if (!text) return null;
    var a = JSON.parse(text);
    if (!Array.isArray(a) || a[0] !== FORMAT) throw new Error("the LMS holds data this version cannot read");
    var d = dictionaries(course), t0 = a[3];
    function at(s) { return Math.max(0, t0 + s * 1000); }
    function attempt(quiz, x, same) {
      if (x === 1) return same;
      if (!x) return undefined;
      var qs = quiz ? quiz.questions.map(function (q) { return q.id; }) : [], answers = {};
      x[3].forEach(function (p) {
        var qid = deref(qs, p[0]), q = quiz && quiz.questions[qs.indexOf(qid)];
        answers[qid] = p[1].map(function (o) { return deref(q && q.options || [], o); });
      });
      var out = { answers: answers, at: at(x[0]) };
      if (Array.isArray(x[4])) out.drawn = x[4].map(function (r) { return deref(qs, r); });
      if (x[1] >= 0) out.score = x[1];
      if (x[2] >= 0) out.total = x[2];
      return out;
    }
    var state = { version: a[1], course: course.id, seed: a[2], started: t0, visits: {}, last: null,
      quizzes: {}, scenarios: {}, reflections: {} };
    a[4].forEach(function (v) { state.visits[deref(d.pages, v[0])] = at(v[1]); });
    if (a[5]) state.last = { page: deref(d.pages, a[5][0]), at: at(a[5][1]) };
    a[6].forEach(function (q) {
      var id = deref(d.quizzes, q[0]), quiz = course.quizzes[id], rec = {};
      rec.latest = attempt(quiz, q[2]);
      rec.current = attempt(quiz, q[1], rec.latest);
      rec.best = attempt(quiz, q[3], rec.latest);
      Object.keys(rec).forEach(function (f) { if (!rec[f]) delete rec[f]; });
      state.quizzes[id] = rec;
    });
    a[7].forEach(function (s) {
      var rec = {};
      if (s[1]) rec.current = { at: at(s[1][0]), path: s[1][1] ? s[1][1].split(" ") : [] };
      if (s[2]) rec.done = { at: at(s[2][0]), path: s[2][1] ? s[2][1].split(" ") : [], outcome: s[2][2] };
      // Version 1 data has no first-reached times: its migration derives them from `done`.
      if (Array.isArray(s[3])) {
        rec.reached = {};
        s[3].forEach(function (r) { if (OUTCOMES[r[0]]) rec.reached[OUTCOMES[r[0]]] = at(r[1]); });
      }
      // Version 1 and 2 data has no plays: the migration derives one from `done`.
      // From version 3 every ending is a play; only those other than the last are coded.
      var plays = Array.isArray(s[4]) || a[1] >= 3 ? withDone(rec, (s[4] || []).map(function (p) { return { at: at(p[0]), path: p[1] ? p[1].split(" ") : [] }; })) : [];
      if (plays.length) rec.plays = plays;
      state.scenarios[deref(d.scenarios, s[0])] = rec;
    });
    a[8].forEach(function (r) { state.reflections[deref(d.reflections, r[0])] = { at: at(r[1]), text: r[2] }; });
    return state;
  }

  /**
   * Codes the state within `limit` characters. Reflections that do not fit are left out (newest
   * kept first); they stay in this browser's cache. Returns { text, left } or { text: null } when
   * even the state without reflections is too long.
   */
  function fitState(course, state, limit) {
    var keys = Object.keys(state.reflections).sort(function (a, b) { return state.reflections[b].at - state.reflections[a].at; });
    var text = encodeState(course, state);
    if (text.length <= limit) return { text: text, left: 0 };
    var kept = {};
    text = encodeState(course, state, function () { return false; });
    if (text.length > limit) return { text: null, left: keys.length };
    keys.forEach(function (k) {
      kept[k] = true;
      var t = encodeState(course, state, function (x) { return kept[x]; });
      if (t.length <= limit) text = t; else delete kept[k];
    });
    return { text: text, left: keys.filter(function (k) { return !kept[k]; }).length };
  }

  /* ---- what the LMS is told ---- */
  var NAMES = {
    "1.2": { location: "cmi.core.lesson_location", suspend: "cmi.suspend_data", exit: "cmi.core.exit",
      raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max" },
    "2004": { location: "cmi.location", suspend: "cmi.suspend_data", exit: "cmi.exit",
      raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max" }
  };

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /** 1.2 CMITime (HH:MM:SS) or 2004 time(second,10,0) (YYYY-MM-DDThh:mm:ss), in UTC. */
  function stamp(version, at) {
    var d = new Date(at), time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
    return version === "1.2" ? time : d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + "T" + time;
  }

  /**
   * Course score: the best attempt of every scored quiz, over all scored questions (`attempted`
   * counts those quizzes with an attempt). Success is judged on every quiz that is scored or has
   * scenarios that count (`judged`), by each quiz's pass decision: `passed` of them passed,
   * `decided` are passed or have a best attempt that fails (not merely a scenario still to play).
   */
  function courseScore(course, state) {
    var right = 0, total = 0, attempted = 0, passed = 0, judged = 0, decided = 0;
    Object.keys(course.quizzes).forEach(function (id) {
      var s = M.quizStatus(course, state, id), counting = Object.keys(course.quizzes[id].pass_on || {}).length > 0;
      if (!s.scored && !counting) return;
      judged++;
      if (s.scored) total += s.best ? s.best.total : M.score(course.quizzes[id], {}).total;
      if (s.best) { right += s.best.score; attempted++; }
      if (s.done || (s.best && !s.best.passed)) decided++;
      if (s.done) passed++;
    });
    return { percent: total ? Math.round(100 * right / total) : 0, total: total, judged: judged,
      attempted: attempted, decided: decided, passed: passed };
  }

  /** The answer given to each choice question and the path of each finished scenario. */
  function answered(course, state) {
    var out = [];
    Object.keys(course.quizzes).sort().forEach(function (id) {
      var quiz = course.quizzes[id], rec = state.quizzes[id] || {};
      quiz.questions.forEach(function (q) {
        if (q.kind === "single" || q.kind === "multiple") {
          var att = [rec.current, rec.latest].filter(function (a) { return a && a.answers[q.id] && a.answers[q.id].length; })[0];
          if (att) out.push({ id: id + "/" + q.id, q: q, picks: att.answers[q.id], at: att.at });
        } else if (M.isAnswerable(q)) {
          var given = [rec.current, rec.latest].filter(function (a) { return a && M.credit(q, a.answers[q.id]) !== null; })[0];
          var written = state.reflections[id + "/" + q.id];
          if (given) out.push({ id: id + "/" + q.id, q: q, picks: M.validAnswer(q, given.answers[q.id]), at: given.at, text: written ? written.text : "" });
        } else if (q.kind === "scenario") {
          var done = (state.scenarios[id + "/" + q.id] || {}).done;
          if (done) out.push({ id: id + "/" + q.id, q: q, path: done.path, outcome: done.outcome, at: done.at });
        }
      });
    });
    return out;
  }

  function interaction(version, n, a) {
    var p = "cmi.interactions." + n + ".", v12 = version === "1.2", out = [[p + "id", a.id]];
    var sep = v12 ? "," : "[,]";
    if (a.q.kind === "scenario") {
      out.push([p + "type", v12 ? "performance" : "other"], [p + (v12 ? "student_response" : "learner_response"), a.path.join(" ").slice(0, v12 ? 255 : 4000)],
        [p + "result", a.outcome === "positive" ? "correct" : a.outcome === "negative" ? (v12 ? "wrong" : "incorrect") : "neutral"]);
    } else if (a.q.kind !== "single" && a.q.kind !== "multiple") {
      out = out.concat(response(version, p, a));
    } else {
      var right = M.isCorrect(a.q, a.picks);
      out.push([p + "type", "choice"], [p + (v12 ? "student_response" : "learner_response"), a.picks.join(sep)],
        [p + "result", right ? "correct" : v12 ? "wrong" : "incorrect"],
        [p + "correct_responses.0.pattern", a.q.correct.join(sep)]);
    }
    out.push([p + (v12 ? "time" : "timestamp"), stamp(version, a.at)]);
    (a.q.objectives || []).forEach(function (o, i) { out.push([p + "objectives." + i + ".id", o]); });
    return out;
  }

  /**
   * Type, response, result and correct pattern of an ordering (`sequencing`), matching
   * (`matching`) or short answer (`fill-in` in 1.2, `long-fill-in` in 2004; result `neutral`
   * unless it is scored, then its credit as a number, 1 meaning all criteria met).
   */
  function response(version, p, a) {
    var v12 = version === "1.2", sep = v12 ? "," : "[,]", dot = v12 ? "." : "[.]", learner = p + (v12 ? "student_response" : "learner_response");
    var credit = M.credit(a.q, a.picks), wrong = v12 ? "wrong" : "incorrect";
    if (a.q.kind === "short") {
      return [[p + "type", v12 ? "fill-in" : "long-fill-in"], [learner, a.text.slice(0, v12 ? 255 : 4000)],
        [p + "result", !a.q.scored ? "neutral" : credit === 1 ? "correct" : credit === 0 ? wrong : String(credit)]];
    }
    var pairs = a.q.kind === "matching";
    var given = pairs ? a.picks.map(function (e) { return e.split(":").join(dot); }) : a.picks;
    var right = pairs ? a.q.pairs.map(function (id) { return id + dot + id; }) : a.q.items;
    return [[p + "type", pairs ? "matching" : "sequencing"], [learner, given.join(sep)],
      [p + "result", credit === 1 ? "correct" : wrong], [p + "correct_responses.0.pattern", right.join(sep)]];
  }

  /** cmi.objectives from the model's mastery per objective (10-model.js `mastery`, in `progress`). */
  function objectives(version, course, rows) {
    var out = [];
    rows.forEach(function (t, n) {
      var p = "cmi.objectives." + n + ".", pct = t.percent;
      var pass = pct >= course.pass_mark, whole = t.total > 0 && t.answered === t.total;
      out.push([p + "id", t.id]);
      if (t.answered) out.push([p + "score.raw", String(pct)], [p + "score.min", "0"], [p + "score.max", "100"]);
      if (version === "1.2") {
        out.push([p + "status", !t.answered ? "not attempted" : !whole ? "incomplete" : pass ? "passed" : "failed"]);
      } else {
        if (t.answered) out.push([p + "score.scaled", String(pct / 100)]);
        out.push([p + "completion_status", !t.answered ? "not attempted" : whole ? "completed" : "incomplete"],
          [p + "success_status", whole ? (pass ? "passed" : "failed") : "unknown"]);
      }
    });
    return out;
  }

  /**
   * Every CMI value (in the order they must be set) for the state. `ids` lists the interaction
   * ids the LMS already holds by index (null where unreadable, as in 1.2); new ones are appended.
   * In 1.2, where interactions are a write-only journal, only answers since `since` are sent.
   */
  function cmiValues(version, course, state, ids, since) {
    var names = NAMES[version], prog = M.progress(course, state), score = courseScore(course, state);
    var complete = prog.completed === course.modules.length && course.modules.length > 0;
    var success = score.judged && score.passed === score.judged ? "passed" : score.judged && score.decided === score.judged ? "failed" : "unknown";
    var out = [];
    if (version === "1.2") {
      out.push(["cmi.core.lesson_status", complete ? "passed" : success === "failed" ? "failed" : "incomplete"]);
    } else {
      out.push(["cmi.completion_status", complete ? "completed" : "incomplete"], ["cmi.success_status", success],
        ["cmi.progress_measure", String(prog.percent / 100)]);
    }
    if (score.attempted) {
      out.push([names.min, "0"], [names.max, "100"], [names.raw, String(score.percent)]);
      if (version !== "1.2") out.push(["cmi.score.scaled", String(score.percent / 100)]);
    }
    out.push([names.exit, complete ? (version === "1.2" ? "" : "normal") : "suspend"]);
    out = out.concat(objectives(version, course, prog.mastery));
    // Interactions in index order: an LMS refuses index n before n - 1 exists.
    var records = [];
    answered(course, state).forEach(function (a) {
      if (version === "1.2" && a.at < since) return;
      var n = ids.indexOf(a.id);
      if (n < 0) { n = ids.length; ids.push(a.id); }
      records[n] = interaction(version, n, a);
    });
    records.forEach(function (r) { out = out.concat(r); });
    return out;
  }

  /* ---- the adapter ---- */
  function bridge() {
    try {
      var s = window.parent !== window && window.parent.INGROUP_LMS;
      return s && s.version ? s : null;
    } catch (e) { return null; }
  }

  function parseOr(text, course) {
    try { return text ? M.parse(text, course.id, "", Date.now()) : null; } catch (e) { return null; }
  }

  /** Adapter of the store in LMS mode: the LMS wins on relaunch, merged with this browser's cache. */
  function lmsAdapter(session, course, local) {
    var warned = -1, loaded = false;
    function report(state) {
      var fit = fitState(course, state, session.limit);
      var values = cmiValues(session.version, course, state, session.interactionIds, session.started);
      if (fit.text !== null) { values.push([NAMES[session.version].suspend, fit.text]); session.suspendData = fit.text; }
      if (fit.left !== warned) {
        warned = fit.left;
        session.notice("journal", fit.text === null
          ? "Your progress is too large for this LMS to store. It is kept in this browser; export it from the Progress page to keep a copy."
          : fit.left ? fit.left + " journal entr" + (fit.left === 1 ? "y is" : "ies are") + " too long for this LMS to store. They are kept in this browser only: export your journal from the Journal page to keep them."
            : "");
      }
      session.report(values);
    }
    return {
      read: function () {
        var fromLms = null, cached = local ? parseOr(local.read(), course) : null;
        try { fromLms = decodeState(course, session.suspendData); } catch (e) { session.notice("read", "The progress stored in the LMS could not be read (" + e.message + "); this browser's copy is used."); }
        var lms = fromLms && parseOr(JSON.stringify(fromLms), course);
        var state = !lms ? cached : !cached || cached.seed !== lms.seed ? lms : M.merge(lms, cached, false, course);
        if (!state) return null;
        var text = JSON.stringify(state);
        if (!loaded) {
          // First read of this page: the merged state goes back to both sides at once.
          loaded = true;
          if (local) try { local.write(text); } catch (e) { /* the LMS still has it */ }
          report(state);
        }
        return text;
      },
      write: function (text) {
        if (local) try { local.write(text); } catch (e) { /* the LMS still has it */ }
        report(JSON.parse(text));
      },
      backup: function (text) { if (local) local.backup(text); },
      watch: function () { /* one session: other tabs do not share it */ }
    };
  }

  /** In a package, texts that say where progress is kept (`data-lms-text`) say the LMS. */
  function relabel() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-lms-text]"), function (el) { el.textContent = el.getAttribute("data-lms-text"); });
  }

  var session = bridge();
  if (session && window.INGROUP_COURSE) {
    var course = window.INGROUP_COURSE;
    IG.lmsAdapter = function (key) { return lmsAdapter(session, course, IG.localAdapter(key + ":lms:" + session.learner)); };
    relabel();
  }
  IG.lms = { encodeState: encodeState, decodeState: decodeState, fitState: fitState, cmiValues: cmiValues, stamp: stamp };
})(window.IG = window.IG || {});

/* ingroup runtime: page visits, module status in the navigation, the home dashboard and the
   printable progress report. */
(function (IG) {
  "use strict";
  var M = IG.model, h = IG.h, $$ = IG.$$;
  var RATING = { best: "best choice", acceptable: "acceptable", poor: "poor choice" };

  function stateOf(ms) { return ms.complete ? "done" : ms.started ? "started" : "new"; }
  var SHORT = { done: "completed", started: "in progress", "new": "not started" };

  /** A quiz on a module card: the card names its module, so the quiz's own title is left out. */
  function cardQuiz(q, i, all) {
    var name = all.length > 1 ? "quiz " + (i + 1) : "quiz";
    if (!q.scored) return name + (q.done ? " finished" : " not finished");
    return name + (q.best ? ": best " + q.best.percent + "%" + (q.done ? ", passed" : ", not passed yet") : " not attempted");
  }

  /** The status line of a home-page module card, as nodes: "<strong>In progress</strong> · …". */
  function cardStatus(ms) {
    var head = ms.complete ? "Completed on " + IG.date(ms.completedAt) : ms.started ? "In progress" : "Not started";
    var rest = ms.complete ? [] : ["pages read: " + ms.visited + " of " + ms.pages].concat(ms.quizzes.map(cardQuiz));
    return [h("strong", { text: head })].concat(rest.length ? [" · " + rest.join(" · ")] : []);
  }

  /** Marks module and page entries of the navigation and the home cards with their status. */
  function decorate(p, state) {
    p.modules.forEach(function (ms) {
      var st = stateOf(ms);
      $$('[data-nav-module="' + ms.module.id + '"], [data-module-card="' + ms.module.id + '"]').forEach(function (el) {
        el.setAttribute("data-state", st);
        var s = el.querySelector("[data-status]");
        if (!s) return;
        if (el.hasAttribute("data-module-card")) s.replaceChildren.apply(s, cardStatus(ms));
        else s.textContent = "(" + SHORT[st] + ")";
      });
    });
    $$("[data-nav-page]").forEach(function (el) {
      var seen = M.has(state.visits, el.getAttribute("data-nav-page"));
      el.setAttribute("data-state", seen ? "done" : "new");
      var s = el.querySelector("[data-status]");
      if (s) s.textContent = seen ? "(read)" : "";
    });
  }

  function dashboard(root, course, p, state) {
    var last = M.lastPage(course, state);
    var bar = h("progress", { max: 100, value: p.percent, "aria-labelledby": "ig-overall" });
    root.hidden = false;
    root.querySelector("[data-overall]").replaceChildren(
      h("p", { id: "ig-overall", "class": "overall", text: p.percent + "% of the course done · " + p.completed + " of " + p.modules.length + " modules completed" }), bar);
    var cont = root.querySelector("[data-continue]");
    cont.hidden = !last;
    if (last) cont.replaceChildren(h("a", { "class": "btn", href: IG.url(last.page.url) }, ["Continue where you left off ",
      h("small", { text: last.module.number + ". " + last.module.title + (last.page.title !== last.module.title ? " · " + last.page.title : "") })]));
  }

  /** A data table in a scrollable region (narrow screens), like the tables of the content. */
  function table(caption, head, rows) {
    return h("div", { "class": "table-wrap", role: "region", "aria-label": caption, tabindex: 0 }, [h("table", {}, [h("caption", { text: caption }), h("thead", {}, [h("tr", {}, head.map(function (c) { return h("th", { scope: "col", text: c }); }))]),
      h("tbody", {}, rows.map(function (r) { return h("tr", {}, r.map(function (c, i) { return h(i ? "td" : "th", { scope: i ? null : "row", text: c }); })); }))])]);
  }

  /** A choice's text in quotation marks, unless it is already quoted speech. */
  function quoted(text) {
    return /^["\u201c\u2018']/.test(text) ? text : "\u201c" + text + "\u201d";
  }

  function scenarioRows(course, state) {
    var out = [];
    M.quizOrder(course).forEach(function (qid) {
      var quiz = course.quizzes[qid];
      quiz.questions.forEach(function (q) {
        if (q.kind !== "scenario") return;
        var rec = state.scenarios[qid + "/" + q.id], w = rec && rec.done && M.walk(q, rec.done.path);
        var passOn = quiz.pass_on && quiz.pass_on[q.id];
        out.push({ title: q.title || quiz.title, walk: w && w.ending ? w : null, at: w && w.ending ? rec.done.at : 0,
          rule: passOn ? passRule(quiz, q, passOn, rec) : null });
      });
    });
    return out;
  }

  /** What a counting scenario needs for its quiz to pass, and whether it has had it. */
  function passRule(quiz, q, outcomes, rec) {
    var first = M.scenarioPassedAt(quiz, q, rec), minimums = (quiz.pass_score || {})[q.id];
    var ending = minimums && outcomes.length === 3 ? "an ending" : "a " + outcomes.join(" or ") + " ending";
    var scores = minimums ? " with " + Object.keys(minimums).map(function (k) { return k + " at least " + minimums[k]; }).join(" and ") : "";
    return "Counts towards passing \u201c" + quiz.title + "\u201d: needs " + ending + scores +
      (first ? "; reached on " + IG.date(first) + "." : "; not reached yet.");
  }

  function scenarioSection(course, state) {
    return h("section", {}, [h("h2", { text: "Scenarios" })].concat(scenarioRows(course, state).map(function (s) {
      var rule = s.rule ? h("p", { "class": "r-rule", text: s.rule }) : null;
      if (!s.walk) return h("div", { "class": "r-scenario" }, [h("p", {}, [h("strong", { text: s.title + ": " }), document.createTextNode("not finished yet.")]), rule]);
      return h("div", { "class": "r-scenario" }, [
        h("h3", { text: s.title }),
        h("p", { text: "Last finished on " + IG.date(s.at) + ". Ending: " + s.walk.ending.title + " (" + s.walk.ending.outcome + " outcome)." }),
        rule,
        h("ol", {}, s.walk.steps.map(function (st, i) { return h("li", { text: "Decision " + (i + 1) + ": " + (st.choice.text ? quoted(st.choice.text) + " \u2014 " : "") + (RATING[st.choice.rating] || "not rated") + "." }); }))
      ]);
    })));
  }

  var LEVELS = { met: "met", partly: "partly met", not: "not yet met" };

  /** What the learner gave for an ordering, matching or short question, as report text. */
  function answerLine(q, given) {
    var parts = given && M.partResults(q, given.answer);
    if (!given) return "not answered yet.";
    if (!parts) return "submitted, not yet rated against every criterion.";
    var right = Object.keys(parts).filter(function (id) { return parts[id] === true; }).length;
    if (q.kind === "ordering") return right + " of " + q.items.length + " items in the right place.";
    if (q.kind === "matching") return right + " of " + q.pairs.length + " pairs matched.";
    return q.rubric.length ? "self-assessed" + (q.scored ? "" : ", not scored") + "." : "submitted.";
  }

  /** Ordering, matching and short answers: each one's result; short answers with text and ratings. */
  function answersSection(course, state) {
    var blocks = [];
    M.quizOrder(course).forEach(function (qid) {
      var quiz = course.quizzes[qid], rec = state.quizzes[qid] || {};
      quiz.questions.forEach(function (q) {
        if (!M.isAnswerable(q) || q.kind === "single" || q.kind === "multiple") return;
        var att = [rec.current, rec.latest].filter(function (a) { return a && M.validAnswer(q, a.answers[q.id]).length; })[0];
        var given = att && { answer: att.answers[q.id], at: att.at }, kids = [h("h3", { text: q.label })];
        kids.push(h("p", { text: (given ? "Answered on " + IG.date(given.at) + ": " : "") + answerLine(q, given) }));
        var written = q.kind === "short" && given && state.reflections[qid + "/" + q.id];
        if (written) kids.push(h("p", { "class": "r-text", text: written.text }));
        if (q.kind === "short" && given) {
          var rated = {};
          M.validAnswer(q, given.answer).forEach(function (e) { var p = e.split(":"); rated[p[0]] = p[1]; });
          kids.push(h("ul", {}, q.rubric.map(function (c) { return h("li", { text: c.text + " — " + (LEVELS[rated[c.id]] || "not rated yet") }); })));
        }
        blocks.push(h("div", { "class": "r-answer" }, kids));
      });
    });
    return blocks.length ? h("section", {}, [h("h2", { text: "Ordering, matching and written answers" })].concat(blocks)) : null;
  }

  /** One table per vocabulary: tagged questions answered correctly and decisions rated best. */
  function tagTables(course, state) {
    return M.tagResults(course, state).map(function (v) {
      return table("Results by " + v.label, [v.label, "Questions answered correctly", "Scenario decisions rated best"], v.rows.map(function (r) {
        return [r.label, r.questions ? r.correct + " of " + r.questions : "—", r.decisions ? r.best + " of " + r.decisions : "—"];
      }));
    });
  }

  /** Mastery per learning objective (the model's `progress().mastery`), one row per objective. */
  function masteryTable(course, p) {
    var titles = {};
    course.modules.forEach(function (m) { titles[m.id] = m.title; });
    var rows = p.mastery.filter(function (t) { return t.total; });
    return rows.length ? table("Mastery by learning objective", ["Objective", "Module", "Assessed", "Credit", "Status"], rows.map(function (t) {
      return [t.text, titles[t.module] || "", t.answered + " of " + t.total, t.answered ? t.percent + "%" : "—", t.status];
    })) : null;
  }

  /** Journal entries with "include" ticks; `included` (a Set of keys) keeps ticks across redraws. */
  function journalSection(course, state, included) {
    var entries = [];
    M.journal(course, state).forEach(function (g) {
      g.entries.forEach(function (e) { if (e.text.trim()) entries.push(e); });
    });
    return h("section", { "class": "r-journal" }, [h("h2", { text: "Journal entries" }),
      h("p", { "class": "no-print", text: entries.length ? "Your reflections are private. Tick the ones to include when you print this report." : "You have not written any reflections yet." })
    ].concat(entries.map(function (e, i) {
      var art = h("article", { "class": "r-entry" + (included.has(e.key) ? " included" : "") });
      var box = h("input", { type: "checkbox", id: "r-inc-" + i, checked: included.has(e.key), on: { change: function () {
        if (box.checked) included.add(e.key); else included.delete(e.key);
        art.classList.toggle("included", box.checked);
      } } });
      art.append(h("p", { "class": "r-include no-print" }, [box, h("label", { "for": "r-inc-" + i, text: " Include in the printout" })]),
        h("h3", { text: e.title }), h("p", { "class": "j-prompt", text: e.prompt }), h("p", { "class": "r-text", text: e.text }));
      return art;
    })));
  }

  /** The progress report page: modules, quiz scores, scenario paths and chosen journal entries. */
  function report(root, course, p, state, included) {
    var quizzes = [];
    p.modules.forEach(function (ms) { quizzes = quizzes.concat(ms.quizzes.filter(function (q) { return q.scored; })); });
    /** "passed", or "not passed yet" and why (a required question missed, a scenario without a passing ending). */
    function result(q) {
      return q.done ? "passed" : "not passed yet" + (q.reasons.length ? ": " + q.reasons.map(function (r) { return r.text; }).join(" ") : "");
    }
    root.replaceChildren.apply(root, [
      h("p", { "class": "r-meta", text: course.title + (course.version ? " (version " + course.version + ")" : "") + " · report made on " + IG.date(Date.now()) + " · " + p.percent + "% of the course done" }),
      table("Modules", ["Module", "Status", "Completed on", "Pages read"], p.modules.map(function (ms) {
        return [ms.module.number + ". " + ms.module.title, SHORT[stateOf(ms)], ms.complete ? IG.date(ms.completedAt) : "—", ms.visited + " of " + ms.pages];
      })),
      quizzes.length ? table("Quiz results", ["Quiz", "Best", "Latest", "Pass mark", "Result"], quizzes.map(function (q) {
        return [q.title, q.best ? q.best.percent + "%" : "—", q.latest ? q.latest.percent + "%" : "—", q.pass_mark + "%", result(q)];
      })) : null,
      masteryTable(course, p)
    ].concat(tagTables(course, state), [
      scenarioSection(course, state),
      answersSection(course, state),
      journalSection(course, state, included)]).filter(Boolean));
  }

  /** Shared with the supervisor view (77-supervisor.js). */
  IG.reportParts = { table: table, scenarioRows: scenarioRows };

  IG.init.push(function (course, store) {
    var visit = document.querySelector("[data-visit]");
    if (visit) store.update(function (s) {
      var id = visit.getAttribute("data-visit"), now = Date.now();
      if (!M.has(s.visits, id)) s.visits[id] = now;
      s.last = { page: id, at: now };
    });
    var dash = document.querySelector("[data-dashboard]"), rep = document.querySelector("[data-report]");
    var included = new Set();
    return function (state) {
      var p = M.progress(course, state);
      decorate(p, state);
      if (dash) dashboard(dash, course, p, state);
      if (rep) report(rep, course, p, state, included);
    };
  });
})(window.IG = window.IG || {});

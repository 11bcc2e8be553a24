/* ingroup runtime: answerable questions (single and multiple choice here; other kinds add
   themselves to IG.kinds, see 45-kinds.js), alone or gathered in a quiz form. */
(function (IG) {
  "use strict";
  var M = IG.model, $$ = IG.$$;

  /**
   * Question kinds by name. A kind offers value(it) (the answer in the form, or null while it
   * is not given), render(it, answer, state) (a submitted answer, or open when answer is null),
   * clear(it) (empties the form for a retry), first(it) (the control to focus when unanswered),
   * and optionally start(it, store) (once) and keep(state, it) (saves more than the answer).
   */
  var KINDS = IG.kinds = IG.kinds || {};

  function items(course, root) {
    return $$("[data-question]", root).map(function (el) { return IG.lookup(course, el); })
      .filter(function (it) { return it && KINDS[it.q.kind]; })
      .map(function (it) { it.kind = KINDS[it.q.kind]; return it; });
  }

  function picked(it) { return $$("input:checked", it.el).map(function (i) { return i.value; }); }

  /** The learner's submitted answer to a question, or null when it is open. */
  function answerOf(state, it) {
    var rec = state.quizzes[it.quizId], a = M.validAnswer(it.q, rec && rec.current && rec.current.answers[it.q.id]);
    return a.length ? a : null;
  }

  /** Applies `changes` ({questionId: [optionId]}, [] to clear) to the quiz's current attempt (keeping its draw). */
  function setAnswers(state, it, changes) {
    var rec = state.quizzes[it.quizId] = state.quizzes[it.quizId] || {};
    var answers = Object.assign({}, rec.current && rec.current.answers, changes), drawn = rec.current && rec.current.drawn;
    rec.current = { answers: answers, at: Date.now() };
    if (drawn) rec.current.drawn = drawn;
    M.recordAttempt(it.quiz, rec, Date.now());
  }

  /**
   * Starts a new attempt of a pool with a fresh draw, seeded by the learner and the time and
   * preferring questions the previous attempt did not ask; it is stored, so a reload asks the same.
   */
  function newDraw(state, quizId, quiz) {
    var rec = state.quizzes[quizId] = state.quizzes[quizId] || {}, now = Date.now();
    var before = rec.current && rec.current.drawn;
    rec.current = { answers: {}, at: now, drawn: M.drawQuestions(quiz, state.seed + ":" + quizId + ":" + now, before) };
  }

  /** Whether a pool still needs a draw: no current attempt, or an unfinished one made before the quiz drew. */
  function needsDraw(quiz, rec) {
    var cur = rec && rec.current;
    return !!quiz.draw && (!cur || (!cur.drawn && !M.score(quiz, cur.answers).complete));
  }

  /** Shows the questions the current attempt asks (all, unless the quiz draws), numbered as asked. */
  function showAsked(form, quiz, state, quizId) {
    var cur = (state.quizzes[quizId] || {}).current, drawn = cur && cur.drawn;
    var asked = M.asks(quiz, drawn).map(function (q) { return q.id; }), numbers = M.numbers(quiz, drawn);
    $$("[data-question]", form).forEach(function (el) {
      var id = el.getAttribute("data-question").split("/")[1], num = el.querySelector(".q-num");
      el.hidden = asked.indexOf(id) < 0;
      if (!numbers[id]) return;
      el.setAttribute("data-number", String(numbers[id]));
      if (num && /^Question \d+$/.test(num.textContent)) num.textContent = "Question " + numbers[id];
    });
  }

  function verdict(chose, right) {
    return chose ? (right ? "Your answer: correct" : "Your answer: not correct") : right ? "Correct answer" : "";
  }

  /** Shows a submitted question's per-option feedback, or resets it to open (answer null). */
  function renderQuestion(it, answer) {
    var done = !!answer;
    it.el.classList.toggle("done", done);
    $$("[data-option]", it.el).forEach(function (li) {
      var id = li.getAttribute("data-option"), input = li.querySelector("input");
      var chose = done && answer.indexOf(id) >= 0, right = it.q.correct.indexOf(id) >= 0;
      if (done) input.checked = chose;
      input.disabled = done;
      li.classList.toggle("ok", done && right);
      li.classList.toggle("bad", chose && !right);
      li.querySelector("[data-verdict]").textContent = done ? verdict(chose, right) : "";
    });
    $$("details.fb", it.el).forEach(function (d) { d.open = done; });
    it.el.querySelector("[data-question-result]").textContent = !done ? "" :
      M.isCorrect(it.q, answer) ? "Correct." : "Not quite. The correct answer is marked.";
  }

  KINDS.single = KINDS.multiple = {
    value: function (it) { var p = picked(it); return p.length ? p : null; },
    render: renderQuestion,
    clear: function (it) { $$("input", it.el).forEach(function (i) { i.checked = false; i.disabled = false; }); },
    first: function (it) { return it.el.querySelector("input"); },
    start: function (it, store) { shuffleOptions(it, store.state.seed); }
  };

  function clear(list) {
    list.forEach(function (it) { it.kind.clear(it); });
    var first = list.filter(function (it) { return !it.el.hidden; })[0] || list[0];
    first.kind.first(first).focus();
  }

  /** Stores the given answers (and what their kinds keep besides) as the current attempt. */
  function submit(state, list) {
    var c = {};
    list.forEach(function (it) {
      c[it.q.id] = it.kind.value(it);
      if (it.kind.keep) it.kind.keep(state, it);
    });
    setAnswers(state, list[0], c);
  }

  function cleared(list) {
    var c = {};
    list.forEach(function (it) { c[it.q.id] = []; });
    return c;
  }

  /** Shuffles the options of questions marked data-shuffle, in an order stable for this learner. */
  function shuffleOptions(it, seed) {
    if (!it.el.hasAttribute("data-shuffle")) return;
    var list = it.el.querySelector("[data-options]");
    M.shuffle($$("[data-option]", list), seed + it.el.getAttribute("data-question"))
      .forEach(function (li) { list.append(li); });
  }

  /** A question embedded on its own gets its own Check / Try again buttons. */
  function initStandalone(it, store) {
    var result = it.el.querySelector("[data-question-result]");
    var check = IG.button(it.kind.check || "Check answer", function () {
      if (!it.kind.value(it)) return IG.announce(it.kind.missing || "Choose an answer first.");
      store.update(function (s) { submit(s, [it]); });
      IG.focus(result);
      IG.announce(result.textContent);
    }, "btn");
    var retry = IG.button("Try again", function () {
      store.update(function (s) { setAnswers(s, it, cleared([it])); });
      clear([it]);
    }, "btn btn-quiet");
    it.el.append(IG.h("div", { "class": "actions" }, [check, retry]));
    return function (state) {
      var a = answerOf(state, it);
      it.kind.render(it, a, state);
      check.hidden = !!a;
      retry.hidden = !a;
    };
  }

  /**
   * The result of the submitted attempt, judged by the quiz's pass decision: score, pass mark,
   * and why it is not passed yet (a required question missed, a scenario without a passing ending).
   * `open` tells whether some question still waits for an answer.
   */
  function resultLines(course, state, quizId, open) {
    var quiz = course.quizzes[quizId], rec = state.quizzes[quizId] || {};
    var st = M.quizStatus(course, state, quizId), now = rec.current && M.score(quiz, rec.current.answers, rec.current.drawn);
    var lines = [], passed = false;
    if (now && now.complete) {
      var decision = M.passDecision(quiz, quizId, state, rec.current.answers, rec.current.drawn);
      passed = decision.passed;
      lines.push(["p", "result-score", "You answered " + now.score + " of " + now.total + " correctly (" + now.percent + "%)."]);
      lines.push(["p", "", passed ? "You passed: the pass mark is " + quiz.pass_mark + "%." :
        now.reachesMark ? "Not passed yet:" : "Not passed yet: the pass mark is " + quiz.pass_mark + "%."]);
      decision.reasons.filter(function (r) { return r.kind !== "score"; })
        .forEach(function (r) { lines.push(["li", "result-why", r.text]); });
      if (!now.passed) lines.push(["p", "", "Read the feedback, then try again."]);
    }
    else if (!open) lines.push(["p", "", "Rate your written answers against their criteria to finish the quiz."]);
    if (st.best && !(now && now.complete && now.score === st.best.score)) lines.push(["p", "result-best", "Your best result: " + st.best.percent + "%" + (st.done ? " (passed)." : ".")]);
    return { lines: lines, open: open, passed: passed };
  }

  /** Result lines as paragraphs, with consecutive reasons gathered in one list. */
  function resultNodes(lines) {
    var out = [], list = null;
    lines.forEach(function (l) {
      var el = IG.h(l[0], { "class": l[1] || null, text: l[2] });
      if (l[0] !== "li") { list = null; return out.push(el); }
      if (!list) out.push(list = IG.h("ul", { "class": "result-reasons" }));
      list.append(el);
    });
    return out;
  }

  /** A whole quiz: one submit for its questions, a result with score, pass mark and retry. */
  function initQuiz(form, course, store) {
    var quizId = form.getAttribute("data-quiz"), list = items(course, form), quiz = course.quizzes[quizId];
    if (!quiz || !list.length) return null;
    var button = form.querySelector("[data-quiz-submit]"), result = form.querySelector("[data-quiz-result]");
    /** The questions of the form the current attempt asks (a pool hides the others). */
    function asked() { return list.filter(function (it) { return !it.el.hidden; }); }
    var retry = IG.button("Try again", function () {
      store.update(function (s) { if (quiz.draw) newDraw(s, quizId, quiz); else setAnswers(s, list[0], cleared(list)); });
      clear(list);
    }, "btn");
    if (needsDraw(quiz, store.state.quizzes[quizId])) store.update(function (s) { newDraw(s, quizId, quiz); });
    button.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var open = asked().filter(function (it) { return !it.kind.value(it); })[0];
      if (open) {
        IG.announce("Please answer question " + open.el.getAttribute("data-number") + " first.");
        return open.kind.first(open).focus();
      }
      store.update(function (s) { submit(s, asked()); });
      IG.focus(result);
      IG.announce(result.textContent);
    });
    return function (state) {
      showAsked(form, quiz, state, quizId);
      list.forEach(function (it) { it.kind.render(it, answerOf(state, it), state); });
      var r = resultLines(course, state, quizId, asked().some(function (it) { return !answerOf(state, it); }));
      button.hidden = !r.open;
      result.hidden = !r.lines.length;
      result.classList.toggle("pass", r.passed);
      result.replaceChildren.apply(result, resultNodes(r.lines));
      if (!r.open) result.append(IG.h("div", { "class": "actions" }, [retry]));
    };
  }

  /** What other kinds need of a quiz: storing answers of the current attempt. */
  IG.quiz = { setAnswers: setAnswers };

  IG.init.push(function (course, store) {
    var renders = [];
    items(course, document).forEach(function (it) {
      it.el.classList.add("live");
      if (it.kind.start) it.kind.start(it, store);
      if (!it.el.closest("[data-quiz]")) renders.push(initStandalone(it, store));
    });
    $$("form[data-quiz]").forEach(function (f) { renders.push(initQuiz(f, course, store)); });
    return renders;
  });
})(window.IG = window.IG || {});

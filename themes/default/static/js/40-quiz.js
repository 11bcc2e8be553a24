/* ingroup runtime: single- and multiple-choice questions, alone or gathered in a quiz form. */
(function (IG) {
  "use strict";
  var M = IG.model, $$ = IG.$$;

  function choiceItems(course, root) {
    return $$("[data-question]", root).map(function (el) { return IG.lookup(course, el); })
      .filter(function (it) { return it && it.q.options; });
  }

  function picked(it) { return $$("input:checked", it.el).map(function (i) { return i.value; }); }

  /** The learner's submitted answer to a question, or null when it is open. */
  function answerOf(state, it) {
    var rec = state.quizzes[it.quizId], a = rec && rec.current && rec.current.answers[it.q.id];
    a = (a || []).filter(function (id) { return it.q.options.indexOf(id) >= 0; });
    return a.length ? a : null;
  }

  /** Applies `changes` ({questionId: [optionId]}, [] to clear) to the quiz's current attempt. */
  function setAnswers(state, it, changes) {
    var rec = state.quizzes[it.quizId] = state.quizzes[it.quizId] || {};
    var answers = Object.assign({}, rec.current && rec.current.answers, changes);
    rec.current = { answers: answers, at: Date.now() };
    M.recordAttempt(it.quiz, rec, Date.now());
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

  function clear(items) {
    items.forEach(function (it) { $$("input", it.el).forEach(function (i) { i.checked = false; i.disabled = false; }); });
    items[0].el.querySelector("input").focus();
  }

  function cleared(items) {
    var c = {};
    items.forEach(function (it) { c[it.q.id] = []; });
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
    var check = IG.button("Check answer", function () {
      var p = picked(it);
      if (!p.length) return IG.announce("Choose an answer first.");
      var c = {};
      c[it.q.id] = p;
      store.update(function (s) { setAnswers(s, it, c); });
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
      renderQuestion(it, a);
      check.hidden = !!a;
      retry.hidden = !a;
    };
  }

  /**
   * The result of the submitted attempt, judged by the quiz's pass decision: score, pass mark,
   * and why it is not passed yet (a required question missed, a scenario without a passing ending).
   */
  function resultLines(course, state, quizId) {
    var quiz = course.quizzes[quizId], rec = state.quizzes[quizId] || {};
    var st = M.quizStatus(course, state, quizId), now = rec.current && M.score(quiz, rec.current.answers);
    var lines = [], passed = false;
    if (now && now.complete) {
      var decision = M.passDecision(quiz, quizId, state, rec.current.answers);
      passed = decision.passed;
      lines.push(["p", "result-score", "You answered " + now.score + " of " + now.total + " correctly (" + now.percent + "%)."]);
      lines.push(["p", "", passed ? "You passed: the pass mark is " + quiz.pass_mark + "%." :
        now.reachesMark ? "Not passed yet:" : "Not passed yet: the pass mark is " + quiz.pass_mark + "%."]);
      decision.reasons.filter(function (r) { return r.kind !== "score"; })
        .forEach(function (r) { lines.push(["li", "result-why", r.text]); });
      if (!now.passed) lines.push(["p", "", "Read the feedback, then try again."]);
    }
    if (st.best && !(now && now.complete && now.score === st.best.score)) lines.push(["p", "result-best", "Your best result: " + st.best.percent + "%" + (st.done ? " (passed)." : ".")]);
    return { lines: lines, open: !(now && now.complete), passed: passed };
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

  /** A whole quiz: one submit for its choice questions, a result with score, pass mark and retry. */
  function initQuiz(form, course, store) {
    var quizId = form.getAttribute("data-quiz"), items = choiceItems(course, form);
    if (!course.quizzes[quizId] || !items.length) return null;
    var submit = form.querySelector("[data-quiz-submit]"), result = form.querySelector("[data-quiz-result]");
    var retry = IG.button("Try again", function () {
      store.update(function (s) { setAnswers(s, items[0], cleared(items)); });
      clear(items);
    }, "btn");
    submit.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var open = items.filter(function (it) { return !picked(it).length; })[0];
      if (open) {
        IG.announce("Please answer question " + open.el.getAttribute("data-number") + " first.");
        return open.el.querySelector("input").focus();
      }
      var c = {};
      items.forEach(function (it) { c[it.q.id] = picked(it); });
      store.update(function (s) { setAnswers(s, items[0], c); });
      IG.focus(result);
      IG.announce(result.textContent);
    });
    return function (state) {
      items.forEach(function (it) { renderQuestion(it, answerOf(state, it)); });
      var r = resultLines(course, state, quizId);
      submit.hidden = !r.open;
      result.hidden = !r.lines.length;
      result.classList.toggle("pass", r.passed);
      result.replaceChildren.apply(result, resultNodes(r.lines));
      if (!r.open) result.append(IG.h("div", { "class": "actions" }, [retry]));
    };
  }

  IG.init.push(function (course, store) {
    var renders = [];
    choiceItems(course, document).forEach(function (it) {
      it.el.classList.add("live");
      shuffleOptions(it, store.state.seed);
      if (!it.el.closest("[data-quiz]")) renders.push(initStandalone(it, store));
    });
    $$("form[data-quiz]").forEach(function (f) { renders.push(initQuiz(f, course, store)); });
    return renders;
  });
})(window.IG = window.IG || {});

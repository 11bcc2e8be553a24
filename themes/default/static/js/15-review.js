/* ingroup runtime: the spaced-review schedule (pure, no DOM; unit-tested with node --test).

   A Leitner schedule with five boxes. An item in box b is due DAYS[b - 1] days after its last
   answer: 1, 3, 7, 16, 35 days. A wrong answer puts a question in box 1; a right one moves it
   up a box (box 5 stays box 5). A question answered in a quiz starts in box 1 (wrong) or 2
   (right); a written reflection starts in box 3 and each revisit moves it up a box.
   The schedule is derived from the stored quiz attempts and reflections, plus
   `state.review.items` = { key: { box, at } }, the box after the last review answer: of the
   last quiz answer and the last review answer, the newer decides. */
(function (IG) {
  "use strict";
  var M = IG.model;
  var DAYS = [1, 3, 7, 16, 35], DAY = 864e5, REFLECTION_BOX = 3;

  function nextBox(box, right) { return right ? Math.min(box + 1, DAYS.length) : 1; }
  function dueAt(box, from) { return from + DAYS[box - 1] * DAY; }

  /** The learner's newest quiz answer to a choice question: { at, right }, or null. */
  function quizAnswer(rec, q) {
    var best = null;
    [rec && rec.current, rec && rec.latest].forEach(function (att) {
      var picks = att && att.answers[q.id];
      if (!picks || !picks.filter(function (id) { return q.options.indexOf(id) >= 0; }).length) return;
      if (!best || att.at > best.at) best = { at: att.at, right: M.isCorrect(q, picks) };
    });
    return best;
  }

  function choiceItem(course, state, quizId, q) {
    var key = quizId + "/" + q.id, ans = quizAnswer(state.quizzes[quizId], q), rev = state.review.items[key];
    if (!ans && !rev) return null;
    var box, from;
    if (rev && (!ans || rev.at >= ans.at)) { box = rev.box; from = rev.at; }
    else { box = ans.right ? (rev ? nextBox(rev.box, true) : 2) : 1; from = ans.at; }
    var quiz = course.quizzes[quizId];
    return { key: key, kind: "choice", quizId: quizId, q: q, box: box, due: dueAt(box, from),
      title: quiz.title + ", question " + (quiz.questions.indexOf(q) + 1),
      url: quiz.url ? quiz.url + "#q-" + quizId + "-" + q.id : null, lastRight: ans && (!rev || ans.at > rev.at) ? ans.right : null };
  }

  function reflectionItem(state, r) {
    var saved = state.reflections[r.key], rev = state.review.items[r.key];
    if (!saved || !saved.text.trim()) return null;
    var box = rev ? rev.box : REFLECTION_BOX, from = Math.max(saved.at, rev ? rev.at : 0);
    return { key: r.key, kind: "reflection", reflection: r, text: saved.text, box: box, due: dueAt(box, from),
      title: r.title, url: r.url };
  }

  /** Every review item of the course (answered choice questions, written reflections), soonest due first. */
  function items(course, state) {
    var out = [];
    Object.keys(course.quizzes).forEach(function (quizId) {
      course.quizzes[quizId].questions.forEach(function (q) {
        var it = (q.kind === "single" || q.kind === "multiple") && choiceItem(course, state, quizId, q);
        if (it) out.push(it);
      });
    });
    course.reflections.forEach(function (r) {
      var it = reflectionItem(state, r);
      if (it) out.push(it);
    });
    return out.sort(function (a, b) { return a.due - b.due || (a.key < b.key ? -1 : 1); });
  }

  /** The review queue at time `now`: { off, due: [item], later: [item] }. */
  function queue(course, state, now) {
    var all = items(course, state);
    return { off: !!state.review.off,
      due: all.filter(function (it) { return it.due <= now; }),
      later: all.filter(function (it) { return it.due > now; }) };
  }

  /** Records a review answer (`right` true for a revisited reflection) to the item `it` at `now`. */
  function answer(state, it, right, now) {
    state.review.items[it.key] = { box: nextBox(it.box, right), at: now };
  }

  /** Turns the review off or on (kept with its date, so the newest switch wins across tabs). */
  function setOff(state, off, now) {
    state.review.off = off;
    state.review.at = now;
  }

  IG.review = { DAYS: DAYS, DAY: DAY, nextBox: nextBox, items: items, queue: queue, answer: answer, setOff: setOff };
})(window.IG = window.IG || {});

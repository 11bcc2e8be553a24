/* ingroup runtime: the question kinds beyond choice — short written answers rated by the
   learner against a rubric, ordering and matching. Each adds itself to IG.kinds (the contract
   is in 40-quiz.js), so a quiz form gathers them with its other questions. */
(function (IG) {
  "use strict";
  var M = IG.model, $$ = IG.$$, h = IG.h, KINDS = IG.kinds = IG.kinds || {};
  var LEVEL = { met: "met", partly: "partly met", not: "not yet met" };

  function result(it, text) { it.el.querySelector("[data-question-result]").textContent = text; }
  /** Marks a part (item, pair) right or wrong after answering; clears it when `right` is null. */
  function mark(li, right, text) {
    li.classList.toggle("ok", right === true);
    li.classList.toggle("bad", right === false);
    li.querySelector("[data-verdict]").textContent = right === null ? "" : text;
  }
  function showFeedback(it, done) {
    it.el.classList.toggle("done", done);
    $$("details.fb", it.el).forEach(function (d) { d.open = done; });
  }

  /* ---- short written answer ---- */
  function input(it) { return it.el.querySelector("[data-short-input]"); }
  function ratings(it) {
    return $$("[data-criterion]", it.el).map(function (f) {
      var c = f.querySelector("input:checked");
      return c ? f.getAttribute("data-criterion") + ":" + c.value : null;
    }).filter(Boolean);
  }

  KINDS.short = {
    check: "Submit answer",
    missing: "Write your answer first.",
    value: function (it) { return input(it).value.trim() ? ["submitted"] : null; },
    /** The written text goes with the learner's reflections, under the question's key. */
    keep: function (state, it) { state.reflections[it.el.getAttribute("data-question")] = { text: input(it).value, at: Date.now() }; },
    first: input,
    clear: function (it) {
      input(it).readOnly = false;
      $$("[data-criterion] input", it.el).forEach(function (r) { r.checked = false; });
    },
    start: function (it, store) {
      // A rating is saved as soon as it is chosen; the last one completes the answer.
      it.el.addEventListener("change", function (e) {
        if (!e.target.closest("[data-criterion]")) return;
        store.update(function (s) {
          var c = {};
          c[it.q.id] = ["submitted"].concat(ratings(it));
          IG.quiz.setAnswers(s, it, c);
        });
        var rated = M.credit(it.q, ["submitted"].concat(ratings(it))) !== null;
        if (rated) IG.announce(it.el.querySelector("[data-question-result]").textContent);
      });
    },
    render: function (it, answer, state) {
      var done = !!answer, saved = state.reflections[it.el.getAttribute("data-question")];
      showFeedback(it, done);
      var box = input(it);
      if (done && saved) box.value = saved.text;
      else if (!box.value && saved) box.value = saved.text;
      box.readOnly = done;
      var given = done ? M.partResults(it.q, answer) || {} : {};
      var rated = {};
      (answer || []).forEach(function (e) { var p = e.split(":"); if (p.length === 2) rated[p[0]] = p[1]; });
      $$("[data-criterion]", it.el).forEach(function (f) {
        var level = rated[f.getAttribute("data-criterion")];
        $$("input", f).forEach(function (r) { r.checked = r.value === level; r.disabled = !done; });
      });
      var complete = done && M.credit(it.q, answer) !== null;
      result(it, !done ? "" : !complete ? "Submitted. Compare your answer with the model answer, then rate it against each criterion." :
        "Self-assessed: " + summary(it.q, given) + (it.q.scored ? "" : " Not scored."));
    }
  };

  /** "2 criteria met, 1 partly met." from {criterion: level}. */
  function summary(q, given) {
    var n = { met: 0, partly: 0, not: 0 };
    Object.keys(given).forEach(function (c) { n[given[c]]++; });
    if (!q.rubric.length) return "answer submitted.";
    return ["met", "partly", "not"].filter(function (l) { return n[l]; })
      .map(function (l) { return n[l] + " " + (n[l] === 1 ? "criterion " : "criteria ") + LEVEL[l]; }).join(", ") + ".";
  }

  /* ---- ordering ---- */
  function list(it) { return it.el.querySelector("[data-items]"); }
  function order(it) { return $$("[data-item]", list(it)).map(function (li) { return li.getAttribute("data-item"); }); }
  function itemText(li) { return li.querySelector(".ord-text").textContent.trim(); }

  /** Moves an item by `step` (-1 up, +1 down), keeping focus on its button and saying where it went. */
  function move(it, li, step) {
    var to = step < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!to) return;
    list(it).insertBefore(li, step < 0 ? to : to.nextElementSibling);
    var items = $$("[data-item]", list(it)), at = items.indexOf(li) + 1;
    var button = li.querySelector(step < 0 ? "[data-up]" : "[data-down]");
    enableMoves(it, true);
    (button.disabled ? li.querySelector(step < 0 ? "[data-down]" : "[data-up]") : button).focus();
    IG.announce("\u201c" + itemText(li) + "\u201d moved to position " + at + " of " + items.length + ".");
  }

  function enableMoves(it, on) {
    var items = $$("[data-item]", list(it));
    items.forEach(function (li, i) {
      li.querySelector("[data-up]").disabled = !on || i === 0;
      li.querySelector("[data-down]").disabled = !on || i === items.length - 1;
    });
  }

  /** Puts the items in `ids` order (ids unknown to the page are skipped). */
  function arrange(it, ids) {
    var ol = list(it);
    ids.forEach(function (id) { var li = ol.querySelector('[data-item="' + id + '"]'); if (li) ol.append(li); });
  }

  /** This learner's shuffled order, never the right one. */
  function shuffled(it, seed) {
    var ids = M.shuffle(it.q.items, seed + it.el.getAttribute("data-question"));
    if (ids.join(" ") === it.q.items.join(" ")) ids.push(ids.shift());
    return ids;
  }

  KINDS.ordering = {
    check: "Check order",
    value: order,
    first: function (it) { return it.el.querySelector("[data-item] button:not(:disabled)"); },
    clear: function (it) { arrange(it, it.start); enableMoves(it, true); },
    start: function (it, store) {
      it.start = shuffled(it, store.state.seed);
      $$("[data-item]", list(it)).forEach(function (li) {
        var name = itemText(li);
        var up = h("button", { type: "button", "class": "btn-icon", "data-up": true, "aria-label": "Move up: " + name, title: "Move up", text: "\u2191",
          on: { click: function () { move(it, li, -1); } } });
        var down = h("button", { type: "button", "class": "btn-icon", "data-down": true, "aria-label": "Move down: " + name, title: "Move down", text: "\u2193",
          on: { click: function () { move(it, li, 1); } } });
        li.querySelector(".ord-text").after(h("span", { "class": "ord-moves" }, [up, down]));
      });
      arrange(it, it.start);
    },
    render: function (it, answer) {
      var done = !!answer, right = done ? M.partResults(it.q, answer) : null;
      showFeedback(it, done);
      if (done) arrange(it, answer);
      enableMoves(it, !done);
      $$("[data-item]", list(it)).forEach(function (li) {
        var id = li.getAttribute("data-item"), place = it.q.items.indexOf(id) + 1;
        mark(li, right ? right[id] : null, right && right[id] ? "Right place" : "Belongs in position " + place);
      });
      var n = right ? Object.keys(right).filter(function (id) { return right[id]; }).length : 0;
      result(it, !done ? "" : M.isCorrect(it.q, answer) ? "Correct: every item is in its place." :
        "Not quite: " + n + " of " + it.q.items.length + " items are in their place. Each item says where it belongs.");
    }
  };

  /* ---- matching ---- */
  function selects(it) { return $$("[data-pair]", it.el).map(function (li) { return [li, li.querySelector("[data-match]")]; }); }

  KINDS.matching = {
    value: function (it) {
      var pairs = selects(it);
      if (pairs.some(function (p) { return !p[1].value; })) return null;
      return pairs.map(function (p) { return p[0].getAttribute("data-pair") + ":" + p[1].value; });
    },
    missing: "Choose a match for every item first.",
    first: function (it) { return selects(it).map(function (p) { return p[1]; }).filter(function (s) { return !s.value; })[0] || selects(it)[0][1]; },
    clear: function (it) { selects(it).forEach(function (p) { p[1].value = ""; p[1].disabled = false; }); },
    render: function (it, answer) {
      var done = !!answer, right = done ? M.partResults(it.q, answer) : null, chosen = {};
      (answer || []).forEach(function (e) { var p = e.split(":"); chosen[p[0]] = p[1]; });
      showFeedback(it, done);
      selects(it).forEach(function (p) {
        var id = p[0].getAttribute("data-pair"), match = p[1].querySelector('option[value="' + id + '"]');
        if (done) p[1].value = chosen[id] || "";
        p[1].disabled = done;
        mark(p[0], right ? right[id] : null, right && right[id] ? "Right match" : "The match is \u201c" + (match ? match.textContent : "") + "\u201d");
      });
      var n = right ? Object.keys(right).filter(function (id) { return right[id]; }).length : 0;
      result(it, !done ? "" : M.isCorrect(it.q, answer) ? "Correct: every pair matches." :
        "Not quite: " + n + " of " + it.q.pairs.length + " pairs match. Each item shows its match.");
    }
  };
})(window.IG = window.IG || {});

/* ingroup runtime: branching scenarios, played node by node. The static HTML (every node,
   choices as links, feedback in <details>) stays readable without JavaScript; here it is
   hidden and used as the source of the texts cloned into the interactive view. */
(function (IG) {
  "use strict";
  var M = IG.model, h = IG.h, $$ = IG.$$;

  function clone(el) { return el ? el.cloneNode(true) : null; }
  function idsOf(steps) { return steps.map(function (st) { return st.choice.id; }); }
  function kids(el) { return Array.prototype.map.call(el.childNodes, function (n) { return n.cloneNode(true); }); }

  /**
   * A choice's feedback (rating + text) as a fresh element, without its <summary>, the note
   * for readers without JavaScript, and its debrief commentary, which only the ending shows.
   */
  function feedback(choiceEl) {
    var box = h("div", { "class": "sc-feedback" }, kids(choiceEl.querySelector("[data-choice-feedback]")));
    $$("summary, [data-choice-static], [data-choice-debrief]", box).forEach(function (el) { el.remove(); });
    return box;
  }

  /** The debrief commentary of a choice the learner took, if the author wrote one. */
  function debrief(choiceEl) { return clone(choiceEl.querySelector("[data-choice-debrief]")); }

  function initScenario(it, store) {
    var key = it.el.getAttribute("data-question"), sc = it.q, view = h("div", { "class": "sc-view" });
    function nodeEl(id) { return it.el.querySelector('[data-node="' + id + '"]'); }
    function choiceEl(step) { return nodeEl(step.node).querySelector('[data-choice="' + step.choice.id + '"]'); }
    function choiceText(step) { return h("div", { "class": "sc-chosen" }, kids(choiceEl(step).querySelector("[data-choice-text]"))); }

    /** Saves a new path (cut to what fits the scenario) and records an ending when reached. */
    function go(path, focusOn) {
      store.update(function (s) {
        var w = M.walk(sc, path), rec = s.scenarios[key] = s.scenarios[key] || {}, at = Date.now();
        var ids = idsOf(w.steps);
        rec.current = { path: ids, at: at };
        if (w.ending) M.recordEnding(rec, ids, w.ending.outcome, at);
      });
      var target = view.querySelector(focusOn) || view.querySelector(".sc-current");
      IG.focus(target);
      IG.announce(target.textContent.replace(/\s+/g, " ").slice(0, 300));
    }

    function pathSummary(w) {
      return [h("p", { "class": "sc-label", text: "The path you took" }), h("ol", { "class": "sc-path" }, w.steps.map(function (st, i) {
        return h("li", {}, [choiceText(st), feedback(choiceEl(st)), debrief(choiceEl(st)),
          IG.button("Replay from this decision", function () { go(idsOf(w.steps.slice(0, i))); }, "btn btn-quiet")]);
      }))];
    }

    function choices(w, ids) {
      return h("ul", { "class": "sc-options" }, sc.nodes[w.node].choices.map(function (c) {
        var text = nodeEl(w.node).querySelector('[data-choice="' + c.id + '"] [data-choice-text]');
        return h("li", {}, [h("button", { type: "button", "class": "sc-btn", on: { click: function () { go(ids.concat(c.id), ".sc-last"); } } }, kids(text))]);
      }));
    }

    function render(state) {
      var rec = state.scenarios[key], w = M.walk(sc, rec && rec.current ? rec.current.path : []);
      var last = w.steps[w.steps.length - 1], node = nodeEl(w.node), ids = idsOf(w.steps);
      var parts = [];
      if (last && !w.ending) parts.push(h("div", { "class": "sc-last" }, [h("p", { "class": "sc-label", text: "You chose" }), choiceText(last), feedback(choiceEl(last))]));
      parts.push(h("div", { "class": "sc-current" }, [clone(node.querySelector("[data-node-text]"))]
        .concat(w.ending ? [clone(node.querySelector("[data-ending]"))].concat(pathSummary(w)) : [choices(w, ids)])));
      var back = IG.button("Back one step", function () { go(ids.slice(0, -1)); }, "btn btn-quiet");
      back.disabled = !last;
      var restart = IG.button(w.ending ? "Play again" : "Restart", function () { go([]); }, "btn btn-quiet");
      restart.disabled = !last;
      parts.push(h("div", { "class": "actions" }, [back, restart]));
      view.replaceChildren.apply(view, parts);
    }

    it.el.classList.add("live");
    it.el.append(view);
    return render;
  }

  IG.init.push(function (course, store) {
    return $$('[data-kind="scenario"]').map(function (el) {
      var it = IG.lookup(course, el);
      return it && it.q.kind === "scenario" ? initScenario(it, store) : null;
    });
  });
})(window.IG = window.IG || {});

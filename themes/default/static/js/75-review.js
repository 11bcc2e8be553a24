/* ingroup runtime: the home page's "Due for review" queue (schedule in 15-review.js).
   Choice questions are answered inline; their texts come from the review data file, loaded
   (a classic script, so it works from file://) only when the learner opens a question.
   Reflections are revisited: the earlier answer, and a box for what the learner would add now. */
(function (IG) {
  "use strict";
  var M = IG.model, R = IG.review, h = IG.h;
  var ADDED = "\n\nAdded on ";

  /** Loads the review data file once; calls back with INGROUP_REVIEW or null when it failed. */
  function loader(src) {
    var waiting = null;
    return function (done) {
      if (window.INGROUP_REVIEW) return done(window.INGROUP_REVIEW);
      if (waiting) return waiting.push(done);
      waiting = [done];
      var s = h("script", { src: src });
      function finish() { var w = waiting; waiting = null; w.forEach(function (fn) { fn(window.INGROUP_REVIEW || null); }); }
      s.addEventListener("load", finish);
      s.addEventListener("error", function () { s.remove(); finish(); });
      document.head.append(s);
    };
  }

  function boxLine(it, now) {
    return "Box " + it.box + " of " + R.DAYS.length + " · " + (it.due <= now ? "due since " : "next due ") + IG.date(it.due);
  }

  function openLink(it) {
    return it.url ? h("a", { href: IG.url(it.url) }, ["Open it in its module", h("span", { "class": "sr-only", text: ": " + it.title })]) : null;
  }

  /** The inline question of a due choice item: options, Check answer, then per-option feedback. */
  function choicePanel(course, it, data, store) {
    var id = "rv-" + it.key.replace(/[^a-z0-9]/g, "-"), type = it.q.kind === "single" ? "radio" : "checkbox";
    var result = h("p", { "class": "q-result", tabindex: -1 }), after = h("div", { "class": "review-after" });
    var shownOptions = data.options.filter(function (o) { return it.q.options.indexOf(o.id) >= 0; });
    var opts = shownOptions.map(function (o) {
      return h("li", { "class": "opt", "data-option": o.id }, [
        h("input", { type: type, name: id, id: id + "-" + o.id, value: o.id }),
        h("label", { "for": id + "-" + o.id, text: o.text }), h("span", { "class": "verdict" })]);
    });
    var check = IG.button("Check answer", function () {
      var picks = opts.filter(function (li) { return li.querySelector("input").checked; }).map(function (li) { return li.getAttribute("data-option"); });
      if (!picks.length) return IG.announce("Choose an answer first.");
      var right = M.isCorrect(it.q, picks), now = Date.now();
      opts.forEach(function (li, i) {
        var oid = li.getAttribute("data-option"), chose = picks.indexOf(oid) >= 0, ok = it.q.correct.indexOf(oid) >= 0;
        li.querySelector("input").disabled = true;
        li.classList.toggle("ok", ok);
        li.classList.toggle("bad", chose && !ok);
        li.querySelector(".verdict").textContent = chose ? (ok ? "Your answer: correct" : "Your answer: not correct") : ok ? "Correct answer" : "";
        if ((chose || ok) && shownOptions[i].feedback) li.append(h("p", { "class": "review-fb", text: shownOptions[i].feedback }));
      });
      check.remove();
      store.update(function (s) { R.answer(s, it, right, now); });
      var next = R.items(course, store.state).filter(function (x) { return x.key === it.key; })[0];
      result.textContent = (right ? "Correct." : "Not quite. The correct answer is marked.") + (next ? " It comes back on " + IG.date(next.due) + "." : "");
      if (data.explanation) after.append(h("p", { "class": "review-explain" }, [h("strong", { text: "Explanation: " }), data.explanation]));
      IG.focus(result);
      IG.announce(result.textContent);
    }, "btn");
    return h("div", { "class": "q review-q" }, [
      h("fieldset", { "aria-labelledby": id + "-text" }, [
        h("p", { "class": "q-text", id: id + "-text", text: data.text }),
        h("p", { "class": "q-hint", text: type === "radio" ? "Choose one answer." : "Choose all that apply." }),
        h("ul", { "class": "options" }, opts)]),
      h("div", { "class": "actions" }, [check]), result, after]);
  }

  /** A due reflection: the prompt, the learner's earlier text and "What would you add now?". */
  function reflectionPanel(course, it, store) {
    var id = "rv-" + it.key.replace(/[^a-z0-9]/g, "-"), done = h("p", { "class": "q-result", tabindex: -1 });
    var area = h("textarea", { id: id, rows: 3, maxlength: 2000 });
    function finish(addition) {
      var now = Date.now();
      store.update(function (s) {
        var r = s.reflections[it.key];
        if (addition && r) {
          var text = r.text + ADDED + IG.date(now) + ": " + addition;
          if (text.length <= M.LIMITS.text) s.reflections[it.key] = { text: text, at: now };
        }
        R.answer(s, it, true, now);
      });
      panel.querySelector(".actions").remove();
      area.disabled = true;
      var next = R.items(course, store.state).filter(function (x) { return x.key === it.key; })[0];
      done.textContent = (addition ? "Added to your journal." : "Marked as revisited.") + (next ? " It comes back on " + IG.date(next.due) + "." : "");
      IG.focus(done);
      IG.announce(done.textContent);
    }
    var panel = h("div", { "class": "review-reflection" }, [
      h("p", { "class": "j-prompt", text: it.reflection.prompt }),
      h("p", { "class": "review-before" }, [h("strong", { text: "You wrote: " }), it.text]),
      h("label", { "for": id, text: "What would you add now?" }), area,
      h("div", { "class": "actions" }, [
        IG.button("Add to my journal", function () { finish(area.value.trim()); }, "btn"),
        IG.button("Nothing to add", function () { finish(""); }, "btn btn-quiet")]),
      done]);
    return panel;
  }

  IG.init.push(function review(course, store) {
    var root = document.querySelector("[data-review]");
    if (!root) return null;
    var body = root.querySelector("[data-review-body]"), load = loader(root.getAttribute("data-review-src"));
    /** Items opened in this visit stay on screen (with their result) until the page is left. */
    var shown = new Map();

    function itemEl(it, now) {
      var li = h("li", { "class": "review-item", "data-review-item": it.key });
      var slot = h("div", { "class": "review-slot" });
      var open = IG.button(it.kind === "choice" ? "Answer again" : "Revisit", function () {
        open.disabled = true;
        if (it.kind === "reflection") return show(reflectionPanel(course, it, store));
        load(function (data) {
          var q = data && data[it.key];
          if (!q) { open.disabled = false; return slot.replaceChildren(h("p", { "class": "note", text: "This question could not be loaded here." })); }
          show(choicePanel(course, it, q, store));
        });
      }, "btn btn-quiet");
      function show(panel) {
        open.remove();
        slot.replaceChildren(panel);
        var first = panel.querySelector("input, textarea");
        if (first) first.focus();
      }
      slot.append(open);
      li.append(h("h3", { text: it.title + (it.kind === "reflection" ? " (reflection)" : "") }),
        h("p", { "class": "meta" }, [boxLine(it, now), it.url ? " · " : "", openLink(it)]), slot);
      return li;
    }

    function laterList(list) {
      return h("details", { "class": "review-later" }, [h("summary", { text: "Coming up (" + list.length + ")" }),
        h("ul", {}, list.map(function (it) {
          return h("li", { text: it.title + (it.kind === "reflection" ? " (reflection)" : "") + ": next due " + IG.date(it.due) + " (box " + it.box + " of " + R.DAYS.length + ")" });
        }))]);
    }

    function switchButton(off) {
      return IG.button(off ? "Turn review on" : "Turn review off", function () {
        store.update(function (s) { R.setOff(s, !off, Date.now()); });
        root.querySelector("[data-review-switch]").focus();
      }, "btn btn-quiet");
    }

    return function (state) {
      var now = Date.now(), qu = R.queue(course, state, now);
      if (!qu.due.length && !qu.later.length) { root.hidden = true; return; }
      root.hidden = false;
      var sw = switchButton(qu.off);
      sw.setAttribute("data-review-switch", "");
      if (qu.off) {
        shown.clear();
        return body.replaceChildren(h("p", { text: "Review is off: questions and reflections are not brought back." }), h("p", {}, [sw]));
      }
      qu.due.forEach(function (it) { if (!shown.has(it.key)) shown.set(it.key, itemEl(it, now)); });
      var items = Array.from(shown.values());
      body.replaceChildren.apply(body, [
        h("p", { "class": "review-count", text: items.length ? qu.due.length + (qu.due.length === 1 ? " item is" : " items are") + " due now." :
          "Nothing is due now. Next: " + IG.date(qu.later[0].due) + "." }),
        items.length ? h("ol", { "class": "review-list" }, items) : null,
        qu.later.length ? laterList(qu.later) : null,
        h("p", { "class": "note", text: "Questions you answered wrongly come back the next day; each right answer sends a question to a longer wait: " +
          R.DAYS.join(", ") + " days. Reflections come back a week after you write them." }),
        h("p", {}, [sw])].filter(Boolean));
    };
  });
})(window.IG = window.IG || {});

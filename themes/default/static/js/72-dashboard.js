/* ingroup runtime: the progress page's charts. Each chart is an SVG bar chart (hidden from
   screen readers; wrapped, so the dark theme's inversion of figure pictures leaves it alone) with the same numbers in a table beside it; colours come from CSS classes,
   so they follow the light and dark tokens and print in black. */
(function (IG) {
  "use strict";
  var M = IG.model, h = IG.h, NS = "http://www.w3.org/2000/svg";
  // Drawn at about the size it is shown (a chart box is 300–360 px wide), so text is near 15 px.
  var W = 320, BAR = 12, LINE = 19, FONT = 15;
  var OUTCOME = { positive: "positive", mixed: "mixed", negative: "negative" };

  function s(tag, attrs, kids) {
    var el = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (a) { if (a === "text") el.textContent = attrs[a]; else el.setAttribute(a, attrs[a]); });
    (kids || []).forEach(function (k) { el.append(k); });
    return el;
  }

  /** A function giving the width of a label in the chart's units (canvas metrics of the page's font, else an estimate). */
  function measurer() {
    var ctx = document.createElement("canvas").getContext("2d");
    if (!ctx) return function (t) { return t.length * FONT * .56; };
    ctx.font = "600 " + FONT + "px " + getComputedStyle(document.body).fontFamily;
    return function (t) { return ctx.measureText(t).width; };
  }

  /** Splits a label into lines no wider than the chart (SVG text does not wrap). */
  function wrap(text, width) {
    var lines = [];
    text.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && width(lines[last] + " " + word) <= W) lines[last] += " " + word;
      else lines.push(word);
    });
    return lines;
  }

  /** Horizontal bars: rows of { label, value (0–100), text, mark (0–100)?, tone? }; each row's
      label wraps above its bar, and the pass mark crosses only the bar. */
  function bars(rows) {
    var width = measurer(), y = 0, parts = [];
    rows.forEach(function (r) {
      var len = Math.max(0, Math.min(100, r.value)) * W / 100;
      var label = s("text", { "class": "chart-label" }, wrap(r.label + " \u2014 " + r.text, width).map(function (line, i) {
        return s("tspan", { x: 0, dy: i ? LINE : 0, text: line });
      }));
      label.setAttribute("y", y + FONT);
      y += label.childNodes.length * LINE + 4;
      parts.push(label, s("rect", { x: 0, y: y, width: W, height: BAR, rx: BAR / 2, "class": "chart-track" }),
        s("rect", { x: 0, y: y, width: len, height: BAR, rx: BAR / 2, "class": "chart-bar " + (r.tone || "") }));
      if (r.mark !== undefined) parts.push(s("line", { x1: r.mark * W / 100, x2: r.mark * W / 100, y1: y - 4, y2: y + BAR + 4, "class": "chart-mark" }));
      y += BAR + 18;
    });
    return s("svg", { viewBox: "0 0 " + W + " " + (y - 10), "class": "chart", "aria-hidden": "true", focusable: "false" }, parts);
  }

  function chart(title, head, rows, table) {
    return h("figure", { "class": "chart-box" }, [h("figcaption", { text: title }), h("div", { "class": "chart-plot" }, [bars(rows)]),
      h("div", { "class": "sr-only" }, [IG.reportParts.table(title, head, table)])]);
  }

  function charts(course, state) {
    var p = M.progress(course, state), quizzes = [], out = [];
    p.modules.forEach(function (ms) { quizzes = quizzes.concat(ms.quizzes.filter(function (q) { return q.scored; })); });
    out.push(chart("Completion per module", ["Module", "Done"], p.modules.map(function (ms) {
      var pc = ms.units ? Math.round(100 * ms.unitsDone / ms.units) : 0;
      return { label: ms.module.number + ". " + ms.module.title, value: pc, text: pc + "%", tone: ms.complete ? "is-done" : "" };
    }), p.modules.map(function (ms) { return [ms.module.number + ". " + ms.module.title, ms.unitsDone + " of " + ms.units + " pages and quizzes"]; })));
    if (quizzes.length) out.push(chart("Best score per quiz (line: pass mark)", ["Quiz", "Best score", "Pass mark"], quizzes.map(function (q) {
      var pc = q.best ? q.best.percent : 0;
      return { label: q.title, value: pc, text: q.best ? pc + "%" + (q.done ? ", passed" : "") : "not attempted", mark: q.pass_mark, tone: q.done ? "is-done" : "" };
    }), quizzes.map(function (q) { return [q.title, q.best ? q.best.percent + "%" : "not attempted", q.pass_mark + "%"]; })));
    var mastery = p.mastery.filter(function (t) { return t.total; });
    if (mastery.length) out.push(chart("Mastery per learning objective (line: pass mark)", ["Objective", "Credit", "Status"], mastery.map(function (t) {
      return { label: t.text, value: t.percent, text: t.answered ? t.percent + "%, " + t.status : t.status, mark: course.pass_mark, tone: t.status === "mastered" ? "is-done" : "" };
    }), mastery.map(function (t) { return [t.text, t.answered ? t.percent + "% (" + t.answered + " of " + t.total + " assessed)" : "—", t.status]; })));
    var scen = IG.reportParts.scenarioRows(course, state);
    if (scen.length) {
      var counts = { positive: 0, mixed: 0, negative: 0, none: 0 };
      scen.forEach(function (r) { counts[r.walk ? r.walk.ending.outcome : "none"]++; });
      var kinds = ["positive", "mixed", "negative", "none"];
      out.push(chart("Scenario endings reached", ["Ending", "Scenarios"], kinds.map(function (k) {
        return { label: k === "none" ? "Not finished" : OUTCOME[k][0].toUpperCase() + OUTCOME[k].slice(1) + " outcome", value: 100 * counts[k] / scen.length,
          text: counts[k] + " of " + scen.length, tone: "is-" + k };
      }), kinds.map(function (k) { return [k === "none" ? "Not finished" : OUTCOME[k] + " outcome", counts[k] + " of " + scen.length]; })));
    }
    return out;
  }

  IG.init.push(function dashboard(course) {
    var root = document.querySelector("[data-charts]");
    if (!root) return null;
    root.hidden = false;
    var body = root.querySelector("[data-charts-body]");
    return function (state) { body.replaceChildren.apply(body, charts(course, state)); };
  });
})(window.IG = window.IG || {});

/* ingroup runtime: start-up. Loads the learner state, starts every component, re-renders
   them all after each change, and opens the phone navigation. Each component's start and
   each of its renders runs on its own: one that throws is logged and the others go on, so a
   broken theme component never stops progress saving. */
(function (IG) {
  "use strict";
  document.documentElement.classList.add("js");

  function navToggle() {
    var btn = document.querySelector("[data-nav-toggle]");
    if (!btn) return;
    var nav = document.getElementById(btn.getAttribute("aria-controls"));
    btn.addEventListener("click", function () {
      var open = btn.getAttribute("aria-expanded") !== "true";
      btn.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
  }

  navToggle();
  // Figures wider than a phone scroll sideways: let the keyboard scroll them.
  IG.$$("figure").forEach(function (f) { if (f.scrollWidth > f.clientWidth) f.tabIndex = 0; });
  IG.$$("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  // Dates the author wrote as YYYY-MM-DD read like the runtime's own dates ("1 Nov 2026").
  IG.$$("time[data-date]").forEach(function (t) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.textContent.trim());
    if (!m) return;
    t.setAttribute("datetime", m[0]);
    t.textContent = IG.date(new Date(+m[1], m[2] - 1, +m[3]).getTime());
  });
  var course = IG.model.withScenarioTexts(window.INGROUP_COURSE, window.INGROUP_SCENARIO_TEXTS);
  if (!course) return;
  /** Runs `fn(arg)`; an error is logged with what failed and `undefined` returned. */
  function guarded(what, fn, a, b) {
    try { return fn(a, b); } catch (error) {
      if (window.console) console.error("ingroup: " + what + " failed", error);
      return undefined;
    }
  }
  // A page marked [data-no-save] (the supervisor view) reads the learner's state but never writes it.
  var store = IG.createStore(course, document.querySelector("[data-no-save]") ? IG.readOnlyAdapter : IG.localAdapter);
  var renders = [];
  (IG.init || []).forEach(function (init, i) {
    var name = init.name || "component " + (i + 1);
    var made = [].concat(guarded("starting " + name, init, course, store) || []);
    made.forEach(function (render) {
      if (typeof render === "function") renders.push({ name: render.name || name, render: render });
    });
  });
  function renderAll(state) {
    renders.forEach(function (r) { guarded("rendering " + r.name, r.render, state); });
  }
  store.on(renderAll);
  renderAll(store.state);
})(window.IG = window.IG || {});

/* ingroup runtime: start-up. Loads the learner state, starts every component, re-renders
   them all after each change, and opens the phone navigation. */
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
  var course = window.INGROUP_COURSE;
  if (!course) return;
  var store = IG.createStore(course.id, IG.localAdapter);
  var renders = [];
  IG.init.forEach(function (init) { renders = renders.concat(init(course, store) || []); });
  renders = renders.filter(Boolean);
  function renderAll(state) { renders.forEach(function (render) { render(state); }); }
  store.on(renderAll);
  renderAll(store.state);
})(window.IG = window.IG || {});

/* ingroup runtime: glossary definitions shown beside term links on hover or focus.
   Each term link carries its term and definition (data-term-name, data-definition).
   Dismiss with Escape; the pointer can move onto the definition (WCAG 1.4.13). */
(function (IG) {
  "use strict";

  IG.init.push(function () {
    var tip = null, owner = null;

    function hide() {
      if (!tip) return;
      tip.remove();
      owner.removeAttribute("aria-describedby");
      tip = owner = null;
    }

    function show(a) {
      if (owner === a) return;
      hide();
      owner = a;
      tip = IG.h("span", { role: "tooltip", id: "ig-tip", "class": "tip" }, [IG.h("strong", { text: a.getAttribute("data-term-name") }), IG.h("span", { text: a.getAttribute("data-definition") })]);
      a.parentNode.append(tip);
      a.setAttribute("aria-describedby", "ig-tip");
      keepInView(tip);
    }

    /** Shifts the definition left when it would run past the right edge (8 px margin). */
    function keepInView(el) {
      var r = el.getBoundingClientRect(), over = r.right - (document.documentElement.clientWidth - 8);
      if (over > 0) el.style.setProperty("--tip-dx", -Math.min(over, Math.max(0, r.left - 8)) + "px");
    }

    IG.$$("a.term[data-definition]").forEach(function (a) {
      var wrap = IG.h("span", { "class": "term-wrap" });
      a.before(wrap);
      wrap.append(a);
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("blur", hide);
      wrap.addEventListener("mouseenter", function () { show(a); });
      wrap.addEventListener("mouseleave", hide);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  });
})(window.IG = window.IG || {});

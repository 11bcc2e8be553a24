/* ingroup runtime: glossary definitions shown beside term links on hover or focus.
   Dismiss with Escape; the pointer can move onto the definition (WCAG 1.4.13). */
(function (IG) {
  "use strict";

  IG.init.push(function (course) {
    var terms = course.glossary || {}, tip = null, owner = null;

    function hide() {
      if (!tip) return;
      tip.remove();
      owner.removeAttribute("aria-describedby");
      tip = owner = null;
    }

    function show(a) {
      var t = terms[a.getAttribute("data-term")];
      if (!t || owner === a) return;
      hide();
      owner = a;
      tip = IG.h("span", { role: "tooltip", id: "ig-tip", "class": "tip" }, [IG.h("strong", { text: t.term }), IG.h("span", { text: t.definition })]);
      a.parentNode.append(tip);
      a.setAttribute("aria-describedby", "ig-tip");
    }

    IG.$$("a.term[data-term]").forEach(function (a) {
      if (!terms[a.getAttribute("data-term")]) return;
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

/* ingroup runtime: small DOM helpers shared by the components. */
(function (IG) {
  "use strict";

  /**
   * Creates an element. Props: `text` (set as textContent, never parsed as HTML),
   * `on` ({event: handler}), anything else as an attribute (false/null/undefined skipped).
   */
  function h(tag, props, kids) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (p) {
      var v = props[p];
      if (v === undefined || v === null || v === false) return;
      if (p === "text") el.textContent = v;
      else if (p === "on") Object.keys(v).forEach(function (ev) { el.addEventListener(ev, v[ev]); });
      else el.setAttribute(p, v === true ? "" : v);
    });
    (kids || []).forEach(function (k) { if (k) el.append(k); });
    return el;
  }

  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function button(label, onClick, cls) { return h("button", { type: "button", "class": cls, text: label, on: { click: onClick } }); }

  /** Says `message` through the page's polite live region. */
  function announce(message) {
    var live = document.querySelector("[data-live]");
    if (!live) return;
    live.textContent = "";
    setTimeout(function () { live.textContent = message; }, 60);
  }

  /** Moves keyboard focus to a non-interactive element (a result or a heading). */
  function focus(el) {
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus();
  }

  /** A course URL (relative to the site root) made relative to this page. */
  function url(path) { return (document.body.getAttribute("data-root") || "") + path; }

  function date(ms) {
    return new Date(ms).toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "short", day: "numeric" });
  }

  /** Offers `text` as a file download without any network request (works from file://). */
  function download(name, text, type) {
    var href = URL.createObjectURL(new Blob([text], { type: type }));
    var a = h("a", { href: href, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(href); }, 1000);
  }

  /** A local file name from a title: "Groups: a course" → "groups-a-course". */
  function fileName(title) { return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "course"; }

  /** Components: functions (course, store) → render(state) | [render] | null, run by 90-main.js. */
  IG.init = IG.init || [];
  /** The course data behind a [data-question] element: {el, quizId, quiz, q}, or null if unknown. */
  function lookup(course, el) {
    var k = el.getAttribute("data-question").split("/"), quiz = course.quizzes[k[0]];
    var q = quiz && quiz.questions.filter(function (x) { return x.id === k[1]; })[0];
    return q ? { el: el, quizId: k[0], quiz: quiz, q: q } : null;
  }

  IG.h = h;
  IG.lookup = lookup;
  IG.$$ = $$;
  IG.button = button;
  IG.announce = announce;
  IG.focus = focus;
  IG.url = url;
  IG.date = date;
  IG.download = download;
  IG.fileName = fileName;
})(window.IG = window.IG || {});

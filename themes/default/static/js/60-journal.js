/* ingroup runtime: reflections (autosaved textareas) and the journal page that gathers them. */
(function (IG) {
  "use strict";
  var M = IG.model, h = IG.h, $$ = IG.$$;
  var DELAY = 700;

  /** Binds a textarea[data-reflection] to the store: fills it, saves typing after a pause. */
  function bind(area, store) {
    var key = area.getAttribute("data-reflection"), timer = 0;
    var status = area.parentNode.querySelector("[data-save-status]");
    function flush() {
      if (!timer) return;
      clearTimeout(timer);
      timer = 0;
      store.update(function (s) { s.reflections[key] = { text: area.value.slice(0, M.LIMITS.text), at: Date.now() }; });
      if (status) status.textContent = store.persistent ? (IG.lmsAdapter ? "Saved." : "Saved in this browser.") : "Not saved: storage is unavailable.";
    }
    area.maxLength = M.LIMITS.text;
    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(flush, DELAY);
      if (status) status.textContent = "";
    });
    area.addEventListener("blur", flush);
    window.addEventListener("pagehide", flush);
    return function (state) {
      var saved = state.reflections[key];
      if (document.activeElement !== area && !timer) area.value = saved ? saved.text : "";
    };
  }

  function entry(e) {
    var id = "j-" + e.key.replace(/[^a-z0-9-]/g, "-");
    return h("article", { "class": "j-entry" }, [
      h("h3", {}, [e.url ? h("a", { href: IG.url(e.url), text: e.title }) : e.title]),
      h("p", { "class": "j-prompt", id: id + "-p", text: e.prompt }),
      h("label", { "for": id, "class": "sr-only", text: "Your reflection" }),
      h("textarea", { id: id, rows: 5, "data-reflection": e.key, "aria-describedby": id + "-p" }),
      h("p", { "class": "note", "data-save-status": true })
    ]);
  }

  /** The journal page: every reflection prompt of the course, by module, editable in place. */
  function initJournal(root, course, store) {
    var groups = M.journal(course, store.state);
    root.replaceChildren.apply(root, groups.map(function (g) {
      return h("section", { "class": "j-group" }, [h("h2", { text: g.title })].concat(g.entries.map(entry)));
    }));
    if (!groups.length) root.append(h("p", { text: "This course has no reflection prompts." }));
    $$("[data-journal-download]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        IG.download(IG.fileName(course.title) + "-journal.md", M.journalMarkdown(course, store.state, IG.date(Date.now())), "text/markdown");
      });
    });
  }

  IG.init.push(function (course, store) {
    $$("[data-journal]").forEach(function (root) { initJournal(root, course, store); });
    return $$("textarea[data-reflection]").map(function (a) { return bind(a, store); });
  });
})(window.IG = window.IG || {});

/* ingroup runtime: where progress lives. Storage notices, persistent-storage request, and
   export / import / reset of all progress and reflections. */
(function (IG) {
  "use strict";
  var M = IG.model, $$ = IG.$$;

  function say(box, text, level) {
    box.textContent = text;
    box.setAttribute("data-level", level);
  }

  /** The "reflections in the file" ticks; `withheld` (a Set of keys) keeps unticked ones across redraws. */
  function shareList(fieldset, course, withheld) {
    var list = fieldset.querySelector("[data-export-share-list]");
    return function (state) {
      var entries = [];
      M.journal(course, state).forEach(function (g) { g.entries.forEach(function (e) { if (e.text.trim()) entries.push(e); }); });
      fieldset.hidden = !entries.length;
      list.replaceChildren.apply(list, entries.map(function (e, i) {
        var box = IG.h("input", { type: "checkbox", id: "share-" + i, checked: !withheld.has(e.key), on: { change: function () {
          if (box.checked) withheld.delete(e.key); else withheld.add(e.key);
        } } });
        return IG.h("li", {}, [box, IG.h("label", { "for": "share-" + i, text: " " + e.title + ": " + e.prompt })]);
      }));
    };
  }

  function initTransfer(root, course, store) {
    var status = root.querySelector("[data-transfer-status]"), withheld = new Set();
    root.hidden = false;
    root.querySelector("[data-export]").addEventListener("click", function () {
      var day = new Date().toISOString().slice(0, 10);
      var text = store.exportText({ verification: IG.record.verification(course, store.state) }, function (k) { return !withheld.has(k); });
      IG.download(IG.fileName(course.title) + "-progress-" + day + ".json", text, "application/json");
      say(status, "Your progress file was downloaded. Keep it somewhere safe; import it here to restore or move your progress.", "ok");
    });
    var input = root.querySelector("[data-import]");
    input.addEventListener("change", function () {
      var file = input.files[0];
      input.value = "";
      if (!file) return;
      if (file.size > M.LIMITS.bytes) return say(status, "Import failed: the file is too large to be a progress file.", "error");
      file.text().then(function (text) {
        store.importText(text);
        say(status, "Imported. Your progress file was merged with the progress in this browser; the newest of each entry was kept.", "ok");
      }).catch(function (e) {
        say(status, "Import failed: " + e.message + ". Nothing was changed.", "error");
      });
    });
    root.querySelector("[data-reset]").addEventListener("click", function () {
      if (!window.confirm("Delete all your progress and reflections for this course from this browser? This cannot be undone. Export a copy first if you may need it.")) return;
      store.reset();
      say(status, "All progress and reflections were deleted from this browser.", "ok");
    });
    var share = root.querySelector("[data-export-share]");
    return share ? shareList(share, course, withheld) : null;
  }

  IG.init.push(function (course, store) {
    if (store.persistent && navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () { /* best effort */ });
    var renders = $$("[data-transfer]").map(function (root) { return initTransfer(root, course, store); });
    var note = document.querySelector("[data-storage-note]");
    return renders.concat(note ? [function () {
      if (!store.notice) return;
      say(note, store.notice.text, store.notice.level);
      note.hidden = false;
    }] : []);
  });
})(window.IG = window.IG || {});

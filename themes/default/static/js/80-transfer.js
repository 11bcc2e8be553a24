/* ingroup runtime: where progress lives. Storage notices, persistent-storage request, and
   export / import / reset of all progress and reflections. */
(function (IG) {
  "use strict";
  var M = IG.model, $$ = IG.$$;

  function say(box, text, level) {
    box.textContent = text;
    box.setAttribute("data-level", level);
  }

  function initTransfer(root, course, store) {
    var status = root.querySelector("[data-transfer-status]");
    root.hidden = false;
    root.querySelector("[data-export]").addEventListener("click", function () {
      var day = new Date().toISOString().slice(0, 10);
      IG.download(IG.fileName(course.title) + "-progress-" + day + ".json", store.exportText(), "application/json");
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
  }

  IG.init.push(function (course, store) {
    if (store.persistent && navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () { /* best effort */ });
    $$("[data-transfer]").forEach(function (root) { initTransfer(root, course, store); });
    var note = document.querySelector("[data-storage-note]");
    return note && function () {
      if (!store.notice) return;
      say(note, store.notice.text, store.notice.level);
      note.hidden = false;
    };
  });
})(window.IG = window.IG || {});

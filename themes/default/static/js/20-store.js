/* ingroup runtime: persistence. A storage adapter (localStorage here; a SCORM or server
   backend would offer the same four methods) and the store that owns the learner state. */
(function (IG) {
  "use strict";
  var M = IG.model;

  /**
   * localStorage adapter: read() → text|null, write(text) (throws when full),
   * backup(text), watch(fn(text)) for changes made by other tabs.
   * Returns null when the browser offers no usable localStorage.
   */
  function localAdapter(key) {
    var ls, readOnly = false;
    try {
      ls = window.localStorage;
      ls.getItem(key);
    } catch (e) { return null; }
    try {
      ls.setItem(key + ":probe", "1");
      ls.removeItem(key + ":probe");
    } catch (e) { readOnly = true; }
    return {
      /** True when saved progress can be read but nothing can be written (storage full or blocked). */
      readOnly: readOnly,
      read: function () { return ls.getItem(key); },
      write: function (text) { ls.setItem(key, text); },
      backup: function (text) { try { ls.setItem(key + ":backup", text); } catch (e) { /* nothing more to do */ } },
      watch: function (fn) {
        window.addEventListener("storage", function (e) { if (e.key === key && e.newValue) fn(e.newValue); });
      }
    };
  }

  /** localAdapter that never writes: for pages that must leave the learner's progress alone. */
  function readOnlyAdapter(key) {
    var local = localAdapter(key);
    return local && { read: local.read, write: function () {}, backup: function () {}, watch: local.watch };
  }
  readOnlyAdapter.readOnly = true;

  function randomSeed() { return Math.random().toString(36).slice(2, 12); }

  /**
   * The store for one course (its course data), kept through `makeAdapter(key)` (e.g. localAdapter).
   * It offers `state` (always usable, in memory at worst), `update(fn)` to change and save it,
   * `on(fn)` to re-render after any change (here or in another tab), and `notice` for the learner.
   */
  function createStore(course, makeAdapter) {
    var courseId = course.id, listeners = [], store = { notice: null, key: "ingroup:" + courseId };
    // An LMS bridge (25-lms.js, inside a SCORM package's launcher) takes the place of the given adapter.
    var adapter = (!makeAdapter.readOnly && IG.lmsAdapter || makeAdapter)(store.key);
    store.persistent = !!adapter;

    function fresh() { return M.empty(courseId, randomSeed(), Date.now()); }
    function read(text) { return M.parse(text, courseId, randomSeed(), Date.now()); }
    function tell(level, message) { store.notice = { level: level, text: message }; }
    function emit() { listeners.forEach(function (fn) { fn(store.state); }); }

    function lose(message) {
      adapter = null;
      store.persistent = false;
      tell("warning", message + " You can keep working, but your progress will not be kept after you close this page. Export it from the Progress page to keep a copy.");
    }

    /** Writes the state, first merging what another tab may have saved meanwhile. */
    function save() {
      if (!adapter) return;
      try {
        var stored = adapter.read();
        if (stored) store.state = M.merge(store.state, read(stored), false, course);
      } catch (e) { /* unreadable: ours replaces it */ }
      try { adapter.write(JSON.stringify(store.state)); } catch (e) { lose("This browser's storage is full, so progress cannot be saved."); }
    }

    /** Storage that can be read but not written: show what was saved, keep the rest in memory. */
    function loadReadOnly() {
      var raw = null;
      try { raw = adapter.read(); } catch (e) { /* nothing readable either */ }
      try { store.state = raw === null ? fresh() : read(raw); } catch (e) { store.state = fresh(); }
      lose("This browser lets the course read your saved progress but not save changes (its storage is full or blocked); what was saved is shown.");
    }

    function load() {
      var raw = null;
      try { raw = adapter.read(); } catch (e) { lose("This browser does not let the course save progress."); }
      if (raw === null) { store.state = fresh(); return save(); }
      try {
        var checked = M.check(raw, courseId, randomSeed(), Date.now());
        store.state = checked.state;
        if (checked.dropped) {
          adapter.backup(raw);
          save();
          tell("warning", "Part of your saved progress could not be read (" + checked.dropped + " record(s) or field(s)) and was left out; " +
            "everything else is kept. The saved data as it was is set aside under \"" + store.key + ":backup\" in this browser's storage.");
        }
      } catch (e) {
        adapter.backup(raw);
        store.state = fresh();
        save();
        tell("warning", "Your saved progress could not be read (" + e.message + "). It was set aside under \"" +
          store.key + ":backup\" in this browser's storage and the course starts afresh.");
      }
    }

    if (adapter && adapter.readOnly) loadReadOnly();
    else if (adapter) load();
    else {
      store.state = fresh();
      lose("This browser is not letting the course save progress (storage is blocked, disabled or full).");
    }

    store.on = function (fn) { listeners.push(fn); };
    store.update = function (fn) { fn(store.state); save(); emit(); };
    /** Merges a validated import into the current state (imported records keep their dates). */
    store.importText = function (text) {
      store.state = M.merge(store.state, read(text), true, course);
      save();
      emit();
    };
    store.reset = function () { store.state = fresh(); save(); emit(); };
    /** The export file's text; `extra` adds fields, `share(key)` picks the reflections it includes. */
    store.exportText = function (extra, share) {
      var doc = Object.assign({ format: "ingroup-progress", exported: new Date().toISOString() }, extra, store.state);
      if (share) {
        doc.reflections = {};
        Object.keys(store.state.reflections).filter(share).forEach(function (k) { doc.reflections[k] = store.state.reflections[k]; });
      }
      return JSON.stringify(doc, null, 1);
    };
    if (adapter) adapter.watch(function (text) {
      try { store.state = M.merge(store.state, read(text), false, course); emit(); } catch (e) { /* ignore a half-written value */ }
    });
    return store;
  }

  IG.localAdapter = localAdapter;
  IG.readOnlyAdapter = readOnlyAdapter;
  IG.createStore = createStore;
})(window.IG = window.IG || {});

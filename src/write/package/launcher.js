/* ingroup SCORM launcher: finds the LMS API, holds the one session of the attempt (Initialize
   once, Terminate once) and shows the course pages in a frame, so moving between pages never
   starts a new session. The pages save through `window.INGROUP_LMS` (see 25-lms.js).
   Without an LMS it opens the course as the plain site. */
(function () {
  "use strict";
  var version = document.documentElement.getAttribute("data-scorm");
  var v12 = version === "1.2";
  var COMMIT_EVERY = 10000, RETRY_AFTER = 30000;

  /* The standard's search: up the parents of this window, then of its opener. */
  function findIn(win, name) {
    for (var tries = 0; win && tries < 500; tries++) {
      try { if (win[name]) return win[name]; } catch (e) { /* another origin: keep climbing */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function findApi(name) {
    var api = findIn(window.parent !== window ? window.parent : null, name);
    try { if (!api && window.opener) api = findIn(window.opener, name); } catch (e) { /* closed or foreign opener */ }
    try { if (!api && window.top.opener) api = findIn(window.top.opener, name); } catch (e) { /* same */ }
    return api;
  }

  /** A page path of this package from the launcher's hash (deep links), or null. */
  function safePath(p) {
    return typeof p === "string" && /^[A-Za-z0-9._~\/-]+\.html(#[A-Za-z0-9_.:-]*)?$/.test(p) && !/(^|\/)\.\.(\/|$)/.test(p) ? p : null;
  }
  var deepLink = safePath(decodeURIComponent(location.hash.replace(/^#/, "")));
  var api = findApi(v12 ? "API" : "API_1484_11");
  if (!api) { location.replace(deepLink || "index.html"); return; }

  var call = v12
    ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish", error: "LMSGetLastError", text: "LMSGetErrorString" }
    : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", error: "GetLastError", text: "GetErrorString" };
  function lastError() {
    try {
      var code = String(api[call.error]());
      return code === "0" ? "" : code + " " + api[call.text](code);
    } catch (e) { return String(e && e.message || e); }
  }
  function invoke(method, a, b) {
    try {
      var ok = String(api[call[method]](a, b));
      return ok === "true" ? "" : lastError() || "the LMS said no";
    } catch (e) { return String(e && e.message || e); }
  }
  function get(name) { try { return String(api[call.get](name) || ""); } catch (e) { return ""; } }

  var note = document.querySelector("[data-lms-note]"), noteText = note.querySelector("span");
  var retryButton = note.querySelector("button"), frame = document.querySelector("[data-lms-frame]");
  var notices = {};
  function showNotices() {
    var text = Object.keys(notices).map(function (k) { return notices[k]; }).filter(Boolean).join(" ");
    note.hidden = !text;
    noteText.textContent = text;
    retryButton.hidden = !notices.save;
  }
  function notice(kind, text) { notices[kind] = text; showNotices(); }

  var failed = invoke("init", "");
  if (failed) {
    notice("save", "The LMS could not start this session (" + failed + "). Your work is kept in this browser only.");
    retryButton.hidden = true;
    frame.src = deepLink || "index.html";
    return;
  }

  var started = Date.now(), sent = {}, pending = [], timer = 0, lastCommit = 0, done = false;
  var ids = [], count = parseInt(get("cmi.interactions._count"), 10) || 0;
  for (var i = 0; i < count; i++) ids.push(v12 ? null : get("cmi.interactions." + i + ".id"));

  function sessionTime() {
    var s = Math.round((Date.now() - started) / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return v12 ? (h < 10 ? "000" : h < 100 ? "00" : h < 1000 ? "0" : "") + h + ":" + two(m) + ":" + two(s % 60)
      : "PT" + h + "H" + m + "M" + (s % 60) + "S";
  }

  /** Sends every value not yet accepted, then commits; on failure keeps them and retries. */
  function flush() {
    clearTimeout(timer);
    timer = 0;
    if (done) return;
    var batch = pending.concat([[v12 ? "cmi.core.session_time" : "cmi.session_time", sessionTime()]]), problem = "";
    var left = [];
    batch.forEach(function (pair) {
      var bad = problem ? "skipped" : invoke("set", pair[0], pair[1]);
      if (bad) { if (!problem) problem = pair[0] + ": " + bad; left.push(pair); } else sent[pair[0]] = pair[1];
    });
    if (!problem) problem = invoke("commit", "");
    lastCommit = Date.now();
    pending = problem ? left.filter(function (p) { return !/session_time$/.test(p[0]); }) : [];
    if (problem) {
      pending = pending.length ? pending : batch.filter(function (p) { return !/session_time$/.test(p[0]); });
      notice("save", "Your latest progress has not reached the LMS yet (" + problem + "). It is kept in this browser, and saving is tried again every 30 seconds.");
      timer = setTimeout(flush, RETRY_AFTER);
    } else if (notices.save) {
      notice("save", "");
    }
  }
  function schedule() {
    if (timer) return;
    timer = setTimeout(flush, Math.max(0, lastCommit + COMMIT_EVERY - Date.now()));
  }
  /** Takes the values a page computed ([name, value] in the order they must be set). */
  function report(values) {
    values.forEach(function (pair) {
      if (sent[pair[0]] === pair[1]) return;
      pending = pending.filter(function (p) { return p[0] !== pair[0]; });
      pending.push(pair);
    });
    if (pending.length) schedule();
  }

  window.INGROUP_LMS = {
    version: version, limit: v12 ? 4096 : 64000, started: started,
    learner: (get(v12 ? "cmi.core.student_id" : "cmi.learner_id") || "learner").replace(/[^A-Za-z0-9_-]/g, "_"),
    suspendData: get("cmi.suspend_data"), interactionIds: ids,
    report: report, notice: notice, flush: flush
  };

  function finish() {
    if (done) return;
    flush();
    done = true;
    invoke("finish", "");
  }
  retryButton.addEventListener("click", flush);
  window.addEventListener("pagehide", finish);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });

  /* The page in the frame: bookmark it, keep it in the launcher's hash, name the window after it. */
  var home = location.href.replace(/[#?].*$/, "").replace(/[^/]*$/, "");
  frame.addEventListener("load", function () {
    var here;
    try { here = frame.contentWindow.location.href; document.title = frame.contentDocument.title; } catch (e) { return; }
    if (here.indexOf(home) !== 0) return;
    var path = safePath(here.slice(home.length).replace(/\?.*?(#|$)/, "$1"));
    if (!path) return;
    history.replaceState(null, "", "#" + path);
    report([[v12 ? "cmi.core.lesson_location" : "cmi.location", path.replace(/#.*$/, "")]]);
  });
  var resume = get("cmi.entry") === "resume" || get(v12 ? "cmi.core.entry" : "cmi.entry") === "resume";
  var bookmark = safePath(get(v12 ? "cmi.core.lesson_location" : "cmi.location"));
  frame.src = deepLink || (resume || bookmark ? bookmark : null) || "index.html";
})();

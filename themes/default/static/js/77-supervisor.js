/* ingroup runtime: the supervisor view. Reads trainees' exported progress files chosen with a
   file input (FileReader: nothing is uploaded), checks each like an import, and shows each
   trainee's record on its own, read-only. It never touches the store: the page is marked
   [data-no-save], so 90-main.js gives it a store that does not write. */
(function (IG) {
  "use strict";
  var M = IG.model, REC = IG.record, h = IG.h;
  var RATING = { best: "best choice", acceptable: "acceptable", poor: "poor choice" };

  /** A trainee's file, checked like an import: { name, file, exported, claimed, state } or { file, error }. */
  function readTrainee(course, file, text) {
    try {
      var state = M.parse(text, course.id, "", 0), raw = JSON.parse(text);
      return { file: file.name, state: state, name: REC.learnerName(state),
        exported: typeof raw.exported === "string" ? raw.exported.slice(0, 40) : "",
        claimed: typeof raw.verification === "string" ? raw.verification.slice(0, 20) : "" };
    } catch (e) { return { file: file.name, error: e.message }; }
  }

  function section(title, kids) { return h("section", {}, [h("h3", { text: title })].concat(kids)); }

  function verificationLine(course, t, c) {
    if (!c.complete) return h("p", { text: "Not completed yet: no verification code." });
    var code = REC.verification(course, t.state);
    var kids = [h("strong", { text: "Verification code: " }), h("code", { text: code }), " (computed from this file)"];
    if (t.claimed && t.claimed !== code) kids.push(h("span", { "class": "sv-mismatch", text: ". The file states a different code, " + t.claimed + ": it was changed after export or made for another record." }));
    else if (t.claimed) kids.push(". It matches the code stated in the file.");
    return h("p", {}, kids);
  }

  function scenarios(course, state) {
    var rows = IG.reportParts.scenarioRows(course, state);
    if (!rows.length) return null;
    return section("Scenarios", rows.map(function (s) {
      if (!s.walk) return h("p", { text: s.title + ": not finished." });
      return h("div", { "class": "r-scenario" }, [
        h("p", {}, [h("strong", { text: s.title }), ": ending \u201c" + s.walk.ending.title + "\u201d (" + s.walk.ending.outcome + " outcome), " + IG.date(s.at) + "."]),
        h("ol", {}, s.walk.steps.map(function (st) { return h("li", { text: (st.choice.text || st.choice.id) + " \u2014 " + (RATING[st.choice.rating] || "not rated") }); }))]);
    }));
  }

  function reflections(course, state) {
    var entries = [];
    M.journal(course, state).forEach(function (g) { g.entries.forEach(function (e) { if (e.text.trim()) entries.push(e); }); });
    return section("Shared reflections", entries.length ? entries.map(function (e) {
      return h("article", { "class": "r-entry" }, [h("h4", { text: e.title }), h("p", { "class": "j-prompt", text: e.prompt }),
        h("p", { "class": "r-text", text: e.text }), h("p", { "class": "meta", text: "Written or changed on " + IG.date(e.at) })]);
    }) : [h("p", { text: "The trainee shared no reflections in this file." })]);
  }

  /** One trainee's read-only record. */
  function traineeEl(course, t, i) {
    var id = "trainee-" + i;
    if (t.error) return h("article", { "class": "trainee", "aria-labelledby": id }, [h("h2", { id: id, text: t.file }),
      h("p", { "class": "sv-mismatch", text: "This file could not be read: " + t.error + "." })]);
    var c = REC.completion(course, t.state), table = IG.reportParts.table, quizzes = [];
    c.progress.modules.forEach(function (ms) { quizzes = quizzes.concat(ms.quizzes); });
    return h("article", { "class": "trainee", "aria-labelledby": id, "data-trainee": t.file }, [
      h("h2", { id: id, text: t.name || "Unnamed trainee" }),
      h("p", { "class": "r-meta", text: "File " + t.file + (t.exported ? " · exported " + IG.date(Date.parse(t.exported)) : "") }),
      h("p", { "class": "overall", "data-trainee-completion": "", text: c.complete ? "Course completed on " + IG.date(c.at) + "." :
        "Not completed: " + c.progress.completed + " of " + c.progress.modules.length + " modules, " + c.progress.percent + "% of the course." }),
      verificationLine(course, t, c),
      table("Modules of " + (t.name || t.file), ["Module", "Status", "Completed on", "Pages read"], c.progress.modules.map(function (ms) {
        return [ms.module.number + ". " + ms.module.title, ms.complete ? "completed" : ms.started ? "in progress" : "not started", ms.complete ? IG.date(ms.completedAt) : "—", ms.visited + " of " + ms.pages];
      })),
      quizzes.length ? table("Required quizzes and scenarios of " + (t.name || t.file), ["Item", "Best", "Latest", "Pass mark", "Result"], quizzes.map(function (q) {
        return q.scored ? [q.title, q.best ? q.best.percent + "%" : "—", q.latest ? q.latest.percent + "%" : "—", q.pass_mark + "%", q.done ? "passed" : "not passed yet"] :
          [q.title, "—", "—", "—", q.done ? "finished" : "not finished"];
      })) : null,
      scenarios(course, t.state),
      reflections(course, t.state)]);
  }

  IG.init.push(function supervisor(course) {
    var root = document.querySelector("[data-supervisor]");
    if (!root) return null;
    var input = root.querySelector("[data-supervisor-files]"), status = root.querySelector("[data-supervisor-status]");
    var clear = root.querySelector("[data-supervisor-clear]"), out = document.querySelector("[data-trainees]");
    var trainees = [];
    function show() {
      out.replaceChildren.apply(out, trainees.map(function (t, i) { return traineeEl(course, t, i); }));
      clear.hidden = !trainees.length;
    }
    root.hidden = false;
    input.addEventListener("change", function () {
      var files = Array.from(input.files);
      input.value = "";
      Promise.all(files.map(function (f) {
        if (f.size > M.LIMITS.bytes) return { file: f.name, error: "the file is too large to be a progress file" };
        return f.text().then(function (text) { return readTrainee(course, f, text); }, function () { return { file: f.name, error: "the file could not be read" }; });
      })).then(function (read) {
        trainees = trainees.concat(read);
        show();
        var bad = read.filter(function (t) { return t.error; }).length;
        status.textContent = "Opened " + (read.length - bad) + " of " + read.length + (read.length === 1 ? " file" : " files") +
          ". " + trainees.length + (trainees.length === 1 ? " trainee is" : " trainees are") + " shown below, each on its own.";
      });
    });
    clear.addEventListener("click", function () {
      trainees = [];
      show();
      status.textContent = "All files were closed.";
      input.focus();
    });
    return null;
  });
})(window.IG = window.IG || {});

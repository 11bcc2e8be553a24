/* ingroup runtime: the certificate page. Before completion it lists what is left; once every
   module is complete (16-record.js) it shows the printable certificate with the learner's
   name (typed here, stored with the progress), the completion date and the verification code. */
(function (IG) {
  "use strict";
  var h = IG.h, REC = IG.record;

  /** What a module still needs, in words. */
  function todo(ms) {
    var parts = [];
    if (ms.visited < ms.pages) parts.push("read " + (ms.pages - ms.visited) + " more " + (ms.pages - ms.visited === 1 ? "page" : "pages"));
    ms.quizzes.forEach(function (q) { if (!q.done) parts.push((q.scored ? "pass " : "finish ") + q.title); });
    return h("li", {}, [h("a", { href: IG.url(ms.module.url), text: ms.module.number + ". " + ms.module.title }), ": " + parts.join(", ") + "."]);
  }

  IG.init.push(function certificate(course, store) {
    var cert = document.querySelector("[data-certificate]");
    if (!cert) return null;
    var left = document.querySelector("[data-cert-left]"), form = document.querySelector("[data-cert-form]");
    var input = form.querySelector("[data-cert-name-input]"), print = form.querySelector("[data-cert-print]");
    var timer = 0;
    function saveName() {
      clearTimeout(timer);
      var name = input.value.trim().slice(0, 200);
      if (name === REC.learnerName(store.state)) return;
      store.update(function (s) { s.learner = { name: name, at: Date.now() }; });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(saveName, 400); });
    input.addEventListener("change", saveName);
    print.addEventListener("click", function () { saveName(); window.print(); });
    input.value = REC.learnerName(store.state);
    form.hidden = false;

    return function (state) {
      var c = REC.completion(course, state), name = REC.learnerName(state);
      if (document.activeElement !== input) input.value = name;
      cert.hidden = !c.complete;
      print.hidden = !c.complete;
      left.hidden = c.complete;
      if (!c.complete) {
        left.querySelector("[data-cert-summary]").textContent = "Your certificate appears here when every module is completed. " +
          c.progress.completed + " of " + c.progress.modules.length + " modules are completed so far. Still to do:";
        left.querySelector("[data-cert-todo]").replaceChildren.apply(left.querySelector("[data-cert-todo]"), c.left.map(todo));
        return;
      }
      cert.querySelector("[data-cert-name]").textContent = name || "(type your name above)";
      cert.querySelector("[data-cert-date]").textContent = IG.date(c.at);
      cert.querySelector("[data-cert-code]").textContent = REC.verification(course, state);
    };
  });
})(window.IG = window.IG || {});

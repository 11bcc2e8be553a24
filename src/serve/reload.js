// Live reload for `ingroup serve`; served by the preview server, never part of a built site.
// Listens to /__ingroup/events: `reload` reloads the page when it (or an asset) changed,
// `error` shows the diagnostics of a broken edit in an overlay. Text is set with textContent
// and styles through the CSSOM, so a strict Content-Security-Policy allows all of it.
(function () {
  "use strict";
  var overlay = null;
  var source = new EventSource("/__ingroup/events");

  function currentPage() {
    var path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }

  source.addEventListener("reload", function (event) {
    var data = JSON.parse(event.data);
    if (overlay || data.all || data.pages.indexOf(currentPage()) >= 0) {
      location.reload();
    }
  });

  source.addEventListener("error", function (event) {
    // EventSource also fires "error" for a lost connection (no data); it reconnects by itself.
    if (typeof event.data === "string") {
      show(JSON.parse(event.data));
    }
  });

  function element(tag, text, styles) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(styles || {}).forEach(function (key) { node.style[key] = styles[key]; });
    return node;
  }

  function position(d) {
    return d.file + (d.line ? ":" + d.line + (d.column ? ":" + d.column : "") : "");
  }

  function show(report) {
    if (overlay) overlay.remove();
    overlay = element("div", "", {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto", padding: "2rem",
      background: "#1e1e1e", color: "#f4f4f4", font: "15px/1.5 ui-monospace, monospace"
    });
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "The course has errors");
    overlay.id = "ingroup-error-overlay";
    var title = report.errors + " error(s): the page shows the last good build. Fix the file and save; this page reloads.";
    overlay.appendChild(element("h2", title, { font: "bold 18px/1.4 sans-serif", margin: "0 0 1rem" }));
    var list = element("ul", "", { listStyle: "none", padding: "0", margin: "0" });
    report.diagnostics.forEach(function (d) {
      var item = element("li", "", { margin: "0 0 1rem" });
      var color = d.severity === "error" ? "#ff8a80" : "#ffd180";
      item.appendChild(element("div", position(d) + ": " + d.severity + ": " + d.message, { color: color }));
      if (d.hint) item.appendChild(element("div", "help: " + d.hint, { color: "#b0bec5", paddingLeft: "2ch" }));
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = element("button", "Hide", { font: "inherit", padding: "0.3rem 1rem" });
    close.type = "button";
    close.addEventListener("click", function () { overlay.remove(); });
    overlay.appendChild(close);
    document.body.appendChild(overlay);
    close.focus();
  }
})();

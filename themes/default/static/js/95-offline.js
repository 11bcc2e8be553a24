/* ingroup runtime: installs the course's service worker (course.yaml `offline: true`), so a
   site served over http(s) keeps working offline after the first visit. Only pages of an
   offline course link a manifest; from file:// and inside an LMS frame nothing is installed. */
(function () {
  "use strict";
  if (!document.querySelector('link[rel="manifest"]') || !("serviceWorker" in navigator)) return;
  if (!/^https?:$/.test(location.protocol) || window.top !== window.self) return;
  var root = document.body.getAttribute("data-root") || "";
  navigator.serviceWorker.register(root + "sw.js").catch(function (error) {
    if (window.console) console.warn("ingroup: the offline copy could not be installed", error);
  });
})();

/* ingroup service worker (course.yaml `offline: true`). The build writes the two constants
   above this comment: VERSION changes with any byte of the site, FILES lists every file of
   the build relative to this worker. Install keeps them all in one cache; activate deletes
   this site's caches of older builds (and only this site's: several courses may share an
   origin); fetch answers from the network for pages, so a new build shows at once, and from
   the cache when the network fails or for the build's fingerprinted files. */
"use strict";
var SITE = "ingroup:" + self.registration.scope + ":";
var CACHE = SITE + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(FILES);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(SITE) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

/** The cached copy of `request`; a folder URL is answered with its index.html. */
function cached(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (hit) {
      if (hit || !/\/$/.test(new URL(request.url).pathname)) return hit;
      return cache.match(new URL("index.html", request.url).href);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return cached(request).then(function (hit) { return hit || Response.error(); });
    }));
    return;
  }
  event.respondWith(cached(request).then(function (hit) { return hit || fetch(request); }));
});

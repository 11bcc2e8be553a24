/* ingroup runtime: search. The header's search box ([data-search]) injects the index script
   named by its data-search-index attribute the first time it is focused (a <script>, never
   fetch(), so it works from file://), then lists matching sections as the learner types, as
   an ARIA combobox with a listbox: arrow keys move, Enter opens, Escape closes; `/` focuses
   the box. Snippets come from text chunks loaded only for the results shown.

   The index (written by the generator, see docs/theme.md) maps every folded word of the course
   to its Snowball stem, so a query is folded here exactly as the generator folds words and is
   never stemmed in the browser: "groups" finds the stem of "group", and a word that is not in
   the course finds the words it begins, or that begin it. IG.search is pure (no DOM) and
   unit-tested with node. */
(function (IG) {
  "use strict";

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var MIN_WORD = 2, MAX_WORD = 40, MAX_RESULTS = 8, MAX_EXPANSION = 50, SNIPPET = 170;
  var IN_TITLE = 2, IN_HEADING = 1, FLAG_BITS = 2;

  /** Lowercase, without accents, as the generator folds words. */
  function fold(word) { return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""); }

  function indexed(folded) { var n = Array.from(folded).length; return n >= MIN_WORD && n <= MAX_WORD; }

  /** The folded, indexable words of a query. */
  function queryWords(text) { return (text.match(WORD) || []).map(fold).filter(indexed); }

  function fieldWeight(flags) { return flags & IN_TITLE ? 12 : flags & IN_HEADING ? 6 : 1; }

  /** A search engine over `data` (window.ingroupSearch). */
  function Engine(data) {
    var pages = [], sections = [], vocab = [], termOf = new Map(), decoded = new Map();
    data.pages.forEach(function (p, index) {
      pages.push({ title: p[0], url: p[1] });
      sections.push({ page: index, anchor: "", heading: "" });
      for (var i = 0; i < p[2].length; i += 2) sections.push({ page: index, anchor: p[2][i], heading: p[2][i + 1] });
    });
    data.terms.forEach(function (t, term) {
      t[0].split(" ").forEach(function (w) { vocab.push(w); termOf.set(w, term); });
    });
    vocab.sort();

    /** The term's postings as [section, flags], decoded once. */
    function postings(term) {
      if (!decoded.has(term)) {
        var section = 0;
        decoded.set(term, data.terms[term][1].map(function (p) { section += p >> FLAG_BITS; return [section, p & ((1 << FLAG_BITS) - 1)]; }));
      }
      return decoded.get(term);
    }

    /** Terms of the words that begin with `prefix` (at most MAX_EXPANSION words). */
    function withPrefix(prefix) {
      var lo = 0, hi = vocab.length, out = [];
      while (lo < hi) { var mid = (lo + hi) >> 1; if (vocab[mid] < prefix) lo = mid + 1; else hi = mid; }
      for (var i = lo; i < vocab.length && out.length < MAX_EXPANSION && vocab[i].startsWith(prefix); i++) out.push(termOf.get(vocab[i]));
      return out;
    }

    /** The terms a query word stands for, each with a weight: its own stem, the stems of
        the words it begins, else of words that begin like it (an inflection the course lacks). */
    function expand(word) {
      var weights = new Map();
      function add(terms, weight) { terms.forEach(function (t) { if (!(weights.get(t) >= weight)) weights.set(t, weight); }); }
      add(withPrefix(word), 0.5);
      if (termOf.has(word)) add([termOf.get(word)], 1);
      var chars = Array.from(word);
      for (var n = chars.length - 1; weights.size === 0 && n >= Math.max(3, chars.length - 3); n--) add(withPrefix(chars.slice(0, n).join("")), 0.3);
      return weights;
    }

    /** Sections matching every word of `text`, best first: {total, terms (matched), results}. */
    function search(text) {
      var words = queryWords(text), scores = null, matched = new Set();
      words.forEach(function (word) {
        var best = new Map();
        expand(word).forEach(function (weight, term) {
          matched.add(term);
          postings(term).forEach(function (p) {
            var score = weight * fieldWeight(p[1]);
            if (!(best.get(p[0]) >= score)) best.set(p[0], score);
          });
        });
        if (scores === null) { scores = best; return; }
        var both = new Map();
        scores.forEach(function (score, section) { if (best.has(section)) both.set(section, score + best.get(section)); });
        scores = both;
      });
      var ranked = Array.from(scores || []).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return {
        total: ranked.length,
        terms: matched,
        results: ranked.slice(0, MAX_RESULTS).map(function (r) {
          var s = sections[r[0]], page = pages[s.page];
          return { section: r[0], score: r[1], title: page.title, heading: s.heading, url: page.url + (s.anchor ? "#" + s.anchor : "") };
        })
      };
    }

    /** [start, end) of each word of `text` whose term is in `terms`. */
    function marks(text, terms) {
      var out = [];
      for (var m of text.matchAll(WORD)) {
        if (terms.has(termOf.get(fold(m[0])))) out.push([m.index, m.index + m[0].length]);
      }
      return out;
    }

    /** Which chunk holds a section: [chunk number, position in the chunk]. */
    function chunkOf(section) {
      var n = 0;
      while (n + 1 < data.chunks.length && data.chunks[n + 1][1] <= section) n++;
      return [n, section - data.chunks[n][1]];
    }

    return { search: search, marks: marks, chunkOf: chunkOf, chunkUrl: function (n) { return data.chunks[n][0]; } };
  }

  /** The part of `text` around its first mark: {text, marks, before, after} (before/after: cut). */
  function snippet(text, ranges) {
    var first = ranges.length ? ranges[0][0] : 0, start = Math.max(0, first - 60);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    return {
      text: text.slice(start, end),
      marks: ranges.filter(function (r) { return r[0] >= start && r[1] <= end; }).map(function (r) { return [r[0] - start, r[1] - start]; }),
      before: start > 0,
      after: end < text.length
    };
  }

  IG.search = { fold: fold, queryWords: queryWords, Engine: Engine, snippet: snippet };

  /** Loads a classic script once; `done(ok)` runs when it has loaded or failed. */
  var scripts = new Map();
  function loadScript(src, done) {
    var waiting = scripts.get(src);
    if (waiting === true) return done(true);
    if (waiting) return waiting.push(done);
    scripts.set(src, [done]);
    function finish(ok) {
      var callbacks = scripts.get(src);
      if (ok) scripts.set(src, true); else scripts.delete(src);
      callbacks.forEach(function (cb) { cb(ok); });
    }
    document.head.append(IG.h("script", { src: src, on: { load: function () { finish(true); }, error: function () { finish(false); } } }));
  }

  /** Text with its marked ranges as <mark> elements (text only, never parsed as HTML). */
  function marked(text, ranges) {
    var nodes = [], at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) nodes.push(document.createTextNode(text.slice(at, r[0])));
      nodes.push(IG.h("mark", { text: text.slice(r[0], r[1]) }));
      at = r[1];
    });
    nodes.push(document.createTextNode(text.slice(at)));
    return nodes;
  }

  IG.init.push(function search() {
    var box = document.querySelector("[data-search]");
    if (!box) return null;
    var input = box.querySelector("[data-search-input]");
    var list = box.querySelector("[data-search-results]");
    var status = box.querySelector("[data-search-status]");
    var engine = null, found = null, options = [], active = -1;

    function say(text) { if (status.textContent !== text) status.textContent = text; }

    function load() {
      if (engine || scripts.has(box.getAttribute("data-search-index"))) return;
      say("Loading search…");
      loadScript(box.getAttribute("data-search-index"), function (ok) {
        if (!ok || !window.ingroupSearch) return say("Search could not be loaded.");
        engine = Engine(window.ingroupSearch);
        say("");
        update();
      });
    }

    function open(on) {
      list.hidden = !on;
      input.setAttribute("aria-expanded", String(on));
      if (!on) select(-1);
    }

    function select(i) {
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }

    function option(result, i) {
      var el = IG.h("a", { role: "option", id: "search-option-" + i, href: IG.url(result.url), "class": "search-hit", tabindex: "-1", "aria-selected": "false" }, [
        IG.h("span", { "class": "search-title" }, marked(result.title, engine.marks(result.title, found.terms))),
        result.heading && IG.h("span", { "class": "search-heading" }, marked(result.heading, engine.marks(result.heading, found.terms))),
        IG.h("span", { "class": "search-snippet", "data-snippet": "" })
      ]);
      fillSnippet(el.lastChild, result.section, found);
      return el;
    }

    /** Fills a result's snippet once the chunk holding its section has loaded. */
    function fillSnippet(el, section, query) {
      var where = engine.chunkOf(section);
      loadScript(IG.url(engine.chunkUrl(where[0])), function (ok) {
        var texts = ok && window.ingroupSearchText && window.ingroupSearchText[where[0]];
        if (!texts || found !== query) return;
        var text = texts[where[1]] || "", cut = snippet(text, engine.marks(text, query.terms));
        el.replaceChildren.apply(el, [cut.before ? "… " : ""].concat(marked(cut.text, cut.marks), [cut.after ? " …" : ""]));
      });
    }

    function update() {
      if (!engine) return;
      var query = input.value.trim();
      if (!queryWords(query).length) {
        found = null;
        options = [];
        list.replaceChildren();
        open(false);
        return say(query ? "Type at least two letters." : "");
      }
      found = engine.search(query);
      options = found.results.map(option);
      active = -1;
      list.replaceChildren.apply(list, options.length ? options : [IG.h("div", { role: "option", "aria-disabled": "true", "aria-selected": "false", "class": "search-none", text: "No results for “" + query + "”." })]);
      open(true);
      say(found.total === 0 ? "No results." : found.total > options.length ? found.total + " results, the best " + options.length + " shown." : found.total + (found.total === 1 ? " result." : " results."));
    }

    function keys(e) {
      var count = options.length;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!count) return;
        e.preventDefault();
        if (list.hidden) open(true);
        select(e.key === "ArrowDown" ? (active + 1) % count : (active - 1 + count) % count);
      } else if (e.key === "Enter" && count && !list.hidden) {
        e.preventDefault();
        options[Math.max(active, 0)].click();
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); open(false); } else if (input.value) { input.value = ""; update(); }
      }
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", update);
    input.addEventListener("keydown", keys);
    // Keep focus in the box while a result is clicked; close once focus leaves it.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function () { open(false); });
    box.addEventListener("focusout", function (e) { if (!box.contains(e.relatedTarget)) open(false); });
    input.addEventListener("click", function () { if (options.length && list.hidden) open(true); });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      var t = e.target;
      if (t.isContentEditable || (t.closest && t.closest("input, textarea, select"))) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
    return null;
  });
})(window.IG = window.IG || {});

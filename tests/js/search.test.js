"use strict";
// The search runtime's pure part: folding as the generator folds, prefix and stem lookup
// through the vocabulary, ranking (title, then heading, then body), AND of query words,
// snippets around the first match.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { loadRuntime } = require("./runtime.js");

const S = loadRuntime(["30-ui.js", "87-search.js"]).search;
const plain = (v) => JSON.parse(JSON.stringify(v));

/** Postings as the generator writes them: gaps from the previous section << 2 | flags. */
function postings(list) {
  let previous = 0;
  return list.map(([section, flags]) => { const gap = section - previous; previous = section; return gap << 2 | flags; });
}

// Sections: 0 "Groups" top, 1 "Groups"#norms "Group norms", 2 "Leading" top, 3 "Glossary" top, 4 Glossary#cohesion "Cohesion".
const INDEX = {
  v: 1,
  chunks: [["assets/search/text-0.js", 0], ["assets/search/text-1.js", 3]],
  pages: [["Groups", "groups/index.html", ["norms", "Group norms"]], ["Leading", "leading/index.html", []],
    ["Glossary", "glossary/index.html", ["cohesion", "Cohesion"]]],
  terms: [
    ["cafe", postings([[2, 0]])],
    ["cohesion", postings([[2, 0], [4, 1]])],
    ["group groups", postings([[0, 2], [1, 1], [2, 0], [4, 0]])],
    ["lead leading", postings([[2, 2]])],
    ["leader leaders", postings([[2, 0]])],
    ["norm norms", postings([[1, 1]])]
  ]
};

test("folding matches the generator's: lowercase, accents and decomposed marks dropped", () => {
  assert.equal(S.fold("Émile"), "emile");
  assert.equal(S.fold("NAÏVE"), "naive");
  assert.equal(S.fold("cafe\u0301"), S.fold("café"));
  assert.deepEqual(plain(S.queryWords("Groups-4-Health: l'élève a café")), ["groups", "health", "eleve", "cafe"]);
});

test("a word finds its stem's sections; title matches rank before headings before body", () => {
  const found = S.Engine(INDEX).search("groups");
  assert.deepEqual(plain(found.results.map((r) => [r.section, r.url])),
    [[0, "groups/index.html"], [1, "groups/index.html#norms"], [2, "leading/index.html"], [4, "glossary/index.html#cohesion"]]);
  assert.equal(found.total, 4);
});

test("the last word is a prefix, every word must match, accents do not matter", () => {
  const engine = S.Engine(INDEX);
  assert.deepEqual(plain(engine.search("lea").results.map((r) => r.section)), [2]);
  assert.deepEqual(plain(engine.search("group coh").results.map((r) => r.section)), [4, 2]);
  assert.deepEqual(plain(engine.search("CAFÉ").results.map((r) => r.section)), [2]);
  assert.equal(engine.search("groups zebra").total, 0);
  assert.equal(engine.search("a").results.length, 0, "one letter is no query");
});

test("an inflection the course lacks falls back to the words that begin like it", () => {
  const engine = S.Engine(INDEX);
  assert.deepEqual(plain(engine.search("leadings").results.map((r) => r.section)), [2]);
  assert.equal(engine.search("xyzzy").total, 0);
});

test("marks cover every word of a matched stem; snippets cut around the first", () => {
  const engine = S.Engine(INDEX), found = engine.search("group");
  const text = "A long opening that says nothing much at all before the point arrives, and then the Group and its groups.";
  const ranges = engine.marks(text, found.terms);
  assert.deepEqual(plain(ranges.map(([a, b]) => text.slice(a, b))), ["Group", "groups"]);
  const cut = S.snippet(text, ranges);
  assert.equal(cut.before, true);
  assert.ok(cut.text.includes("Group and its groups."), cut.text);
  assert.deepEqual(plain(cut.marks.map(([a, b]) => cut.text.slice(a, b))), ["Group", "groups"]);
  assert.equal(S.snippet("short text", []).text, "short text");
});

test("sections map to their text chunk", () => {
  const engine = S.Engine(INDEX);
  assert.deepEqual(plain(engine.chunkOf(2)), [0, 2]);
  assert.deepEqual(plain(engine.chunkOf(4)), [1, 1]);
  assert.equal(engine.chunkUrl(1), "assets/search/text-1.js");
});

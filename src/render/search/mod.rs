//! The search index: every module page, vignette, glossary term and reference as sections
//! (a page's top, then one per heading), written by `write` as classic scripts that assign
//! globals, so search works from `file://` without `fetch()`.
//!
//! Two kinds of file keep what a search loads small:
//! - the index (`search-index.<hash>.js`, `window.ingroupSearch`), loaded when the search box
//!   is first focused: the pages with their section anchors and headings, and an inverted
//!   index from stems to the sections holding them, with the course's folded words grouped by
//!   stem (the browser finds a query's words there, so it never has to stem);
//! - text chunks (`search/text-N.<hash>.js`, `window.ingroupSearchText[N]`), the plain text of
//!   consecutive sections, loaded only for the results shown, to cut their snippets.

mod text;

use crate::markdown;
use crate::resolve::{Course, Doc};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The word occurs in the page's title (set on the page's first section only).
const IN_TITLE: u8 = 2;
/// The word occurs in the section's heading.
const IN_HEADING: u8 = 1;
/// Bits of a posting that hold the flags above; the rest is the gap to the previous section.
const FLAG_BITS: u32 = 2;
/// A text chunk is closed after the page that takes it past this many bytes.
const CHUNK_BYTES: usize = 24_000;

/// A page as search sees it.
struct PageRecord {
    title: String,
    url: String,
    /// The page's top (empty anchor and heading) first, then one section per heading.
    sections: Vec<SectionRecord>,
}

struct SectionRecord {
    anchor: String,
    heading: String,
    /// Indexed as part of the heading but not shown (a glossary term's aliases).
    keywords: String,
    text: String,
}

/// What `write` writes: the index and its text chunks.
pub struct SearchIndex {
    data: IndexData,
    /// The first section of each chunk.
    chunk_starts: Vec<usize>,
    chunks: Vec<String>,
}

#[derive(Serialize)]
struct IndexData {
    /// `[title, url, [anchor, heading, anchor, heading, …]]`: the sections after the page's top.
    pages: Vec<(String, String, Vec<String>)>,
    /// `[folded words separated by spaces, postings]`, one entry per stem. A posting is
    /// `(section - previous section) << 2 | flags`, sections counted over all pages.
    terms: Vec<(String, Vec<u32>)>,
}

#[derive(Serialize)]
struct Script<'a> {
    v: u32,
    /// `[url, first section]` of each text chunk.
    chunks: Vec<(&'a str, usize)>,
    #[serde(flatten)]
    data: &'a IndexData,
}

impl SearchIndex {
    pub fn build(course: &Course) -> Self {
        let pages = records(course);
        let terms = inverted_index(&pages, &text::Stems::for_language(&course.config.language));
        let (chunk_starts, chunks) = text_chunks(&pages);
        let pages = pages
            .into_iter()
            .map(|p| {
                let sections = p.sections.into_iter().skip(1).flat_map(|s| [s.anchor, s.heading]).collect();
                (p.title, p.url, sections)
            })
            .collect();
        Self { data: IndexData { pages, terms }, chunk_starts, chunks }
    }

    /// The JavaScript text of each chunk, in order; `write` names them.
    pub fn chunks(&self) -> &[String] {
        &self.chunks
    }

    /// The index's JavaScript text, given the root-relative URLs the chunks were written at.
    pub fn script(&self, chunk_urls: &[String]) -> String {
        let chunks = chunk_urls.iter().map(String::as_str).zip(self.chunk_starts.iter().copied()).collect();
        global_assignment("window.ingroupSearch", &Script { v: 1, chunks, data: &self.data })
    }
}

/// `target=JSON;`, with `</` escaped so the text is safe in any embedding.
fn global_assignment(target: &str, value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    format!("{target}={};\n", json.replace("</", "<\\/"))
}

/// Every searchable page: module pages in order, vignettes, then the glossary and references.
fn records(course: &Course) -> Vec<PageRecord> {
    let docs: Vec<(&str, &str, &Doc)> = course
        .pages()
        .map(|(_, p)| (p.title.as_str(), p.url.as_str(), &p.doc))
        .chain(course.vignettes.iter().map(|v| (v.title.as_str(), v.url.as_str(), &v.doc)))
        .collect();
    let mut pages: Vec<PageRecord> = docs.par_iter().map(|(title, url, doc)| doc_record(title, url, doc)).collect();
    if !course.glossary.is_empty() {
        let terms = course.glossary.iter().map(|t| {
            let mut entry = section(&t.id, &t.term, markdown::plain_text(&t.definition));
            entry.keywords = t.aliases.join(" ");
            entry
        });
        pages.push(list_record(super::GLOSSARY_TITLE, super::GLOSSARY_URL, terms));
    }
    if !course.references.is_empty() {
        let references = course.references.iter().map(|r| section(&format!("ref-{}", r.id), &r.cite, markdown::plain_text(&r.apa)));
        pages.push(list_record(super::REFERENCES_TITLE, super::REFERENCES_URL, references));
    }
    pages
}

fn section(anchor: &str, heading: &str, text: String) -> SectionRecord {
    SectionRecord { anchor: anchor.to_string(), heading: heading.to_string(), keywords: String::new(), text }
}

fn doc_record(title: &str, url: &str, doc: &Doc) -> PageRecord {
    let mut texts = markdown::section_texts(&markdown::events(doc.body())).into_iter();
    let lead = section("", "", texts.next().unwrap_or_default());
    let sections = std::iter::once(lead).chain(doc.headings.iter().zip(texts).map(|(h, text)| section(&h.id, &h.text, text)));
    PageRecord { title: title.to_string(), url: url.to_string(), sections: sections.collect() }
}

/// A page that lists entries (the glossary, the references): an empty top, then one section each.
fn list_record(title: &str, url: &str, entries: impl Iterator<Item = SectionRecord>) -> PageRecord {
    let sections = std::iter::once(section("", "", String::new())).chain(entries).collect();
    PageRecord { title: title.to_string(), url: url.to_string(), sections }
}

/// A section's distinct words: folded word → (the word lowercased, for stemming; flags).
type SectionWords = BTreeMap<String, (String, u8)>;

fn section_words(title: Option<&str>, section: &SectionRecord) -> SectionWords {
    let mut out = SectionWords::new();
    let fields = [
        (title.unwrap_or_default(), IN_TITLE),
        (section.heading.as_str(), IN_HEADING),
        (section.keywords.as_str(), IN_HEADING),
        (section.text.as_str(), 0),
    ];
    for (field, flag) in fields {
        for word in text::words(field) {
            let folded = text::fold(word);
            if text::indexed(&folded) {
                out.entry(folded).or_insert_with(|| (word.to_lowercase(), 0)).1 |= flag;
            }
        }
    }
    out
}

#[derive(Default)]
struct Term {
    words: BTreeSet<String>,
    /// (section, flags), sections ascending and distinct.
    postings: Vec<(u32, u8)>,
}

/// Stems → the folded words that have them and the sections that hold them, in stem order.
fn inverted_index(pages: &[PageRecord], stems: &text::Stems) -> Vec<(String, Vec<u32>)> {
    let words: Vec<Vec<SectionWords>> = pages
        .par_iter()
        .map(|p| p.sections.iter().enumerate().map(|(i, s)| section_words((i == 0).then_some(p.title.as_str()), s)).collect())
        .collect();
    // Each folded word belongs to one stem: the stem of the first spelling met.
    let mut stem_of: HashMap<String, String> = HashMap::new();
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for (section, words) in words.iter().flatten().enumerate() {
        let section = section as u32;
        for (folded, (lower, flags)) in words {
            let stem = stem_of.entry(folded.clone()).or_insert_with(|| stems.stem(lower));
            let term = terms.entry(stem.clone()).or_default();
            term.words.insert(folded.clone());
            match term.postings.last_mut() {
                Some((last, merged)) if *last == section => *merged |= flags,
                _ => term.postings.push((section, *flags)),
            }
        }
    }
    terms.into_values().map(|t| (t.words.into_iter().collect::<Vec<_>>().join(" "), encode(&t.postings))).collect()
}

/// Postings as gaps from the previous section, shifted left by the flag bits.
fn encode(postings: &[(u32, u8)]) -> Vec<u32> {
    let mut previous = 0;
    postings
        .iter()
        .map(|&(section, flags)| {
            let gap = section - previous;
            previous = section;
            (gap << FLAG_BITS) | u32::from(flags)
        })
        .collect()
}

/// The sections' texts cut into chunks at page boundaries: each chunk's first section and script.
fn text_chunks(pages: &[PageRecord]) -> (Vec<usize>, Vec<String>) {
    let (mut starts, mut chunks) = (Vec::new(), Vec::new());
    let mut current: Vec<&str> = Vec::new();
    let (mut first, mut bytes, mut section) = (0, 0, 0);
    for page in pages {
        for s in &page.sections {
            current.push(&s.text);
            bytes += s.text.len();
            section += 1;
        }
        if bytes >= CHUNK_BYTES {
            starts.push(first);
            chunks.push(chunk_script(chunks.len(), &current));
            (first, bytes) = (section, 0);
            current.clear();
        }
    }
    if !current.is_empty() || chunks.is_empty() {
        starts.push(first);
        chunks.push(chunk_script(chunks.len(), &current));
    }
    (starts, chunks)
}

fn chunk_script(number: usize, texts: &[&str]) -> String {
    let target = format!("(window.ingroupSearchText=window.ingroupSearchText||{{}})[{number}]");
    global_assignment(&target, &texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, sections: &[(&str, &str, &str)]) -> PageRecord {
        let sections = sections.iter().map(|(a, h, t)| section(a, h, t.to_string())).collect();
        PageRecord { title: title.into(), url: format!("{}/index.html", title.to_lowercase()), sections }
    }

    fn decode(postings: &[u32]) -> Vec<(u32, u8)> {
        let mut section = 0;
        postings
            .iter()
            .map(|p| {
                section += p >> FLAG_BITS;
                (section, (p & ((1 << FLAG_BITS) - 1)) as u8)
            })
            .collect()
    }

    #[test]
    fn the_index_groups_words_by_stem_and_flags_titles_and_headings() {
        let pages = [
            page("Groups", &[("", "", "Members join groups."), ("norms", "Group norms", "Norms are shared.")]),
            page("Leaders", &[("", "", "A leader of the group; Café.")]),
            PageRecord {
                title: "Glossary".into(),
                url: "glossary/index.html".into(),
                sections: vec![SectionRecord { keywords: "ingroup".into(), ..section("us", "Us", "We.".into()) }],
            },
        ];
        let terms = inverted_index(&pages, &text::Stems::for_language("en"));
        let term = |word: &str| terms.iter().find(|(words, _)| words.split(' ').any(|w| w == word)).expect(word);
        let (words, postings) = term("groups");
        assert_eq!(words, "group groups");
        assert_eq!(decode(postings), [(0, IN_TITLE), (1, IN_HEADING), (2, 0)]);
        assert_eq!(decode(&term("norms").1), [(1, IN_HEADING)], "heading and body of one section make one posting");
        assert_eq!(term("cafe").0, "cafe", "accents folded");
        assert_eq!(decode(&term("ingroup").1), [(3, IN_HEADING)], "keywords count as the heading");
        assert!(!terms.iter().any(|(w, _)| w == "a"), "one-letter words are left out");
    }

    #[test]
    fn postings_are_gaps_with_flags() {
        assert_eq!(encode(&[(0, IN_TITLE), (3, 0), (4, IN_HEADING)]), [2, 12, 5]);
        assert_eq!(decode(&encode(&[(7, 3), (9, 0)])), [(7, 3), (9, 0)]);
    }

    #[test]
    fn chunks_cut_at_pages_and_cover_every_section() {
        let long = "word ".repeat(CHUNK_BYTES / 5 + 1);
        let pages = [page("A", &[("", "", &long), ("x", "X", "short")]), page("B", &[("", "", "b")]), page("C", &[("", "", "c")])];
        let (starts, chunks) = text_chunks(&pages);
        assert_eq!(starts, [0, 2]);
        assert!(chunks[0].starts_with("(window.ingroupSearchText=window.ingroupSearchText||{})[0]=[\"word"));
        assert!(chunks[1].ends_with("[1]=[\"b\",\"c\"];\n"), "{}", chunks[1]);
    }

    #[test]
    fn the_script_lists_chunk_urls_and_escapes_closing_tags() {
        let index = SearchIndex {
            data: IndexData { pages: vec![("</script>".into(), "a/index.html".into(), vec![])], terms: vec![] },
            chunk_starts: vec![0],
            chunks: vec![String::new()],
        };
        let script = index.script(&["assets/search/text-0.1.js".to_string()]);
        assert!(
            script.starts_with("window.ingroupSearch={\"v\":1,\"chunks\":[[\"assets/search/text-0.1.js\",0]],\"pages\":[[\"<\\/script>\""),
            "{script}"
        );
    }
}

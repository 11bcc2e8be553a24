//! Markdown with ingroup's extensions, as pulldown-cmark event transforms.
//!
//! The same event stream serves two stages: `resolve` asks [`scan`] for every heading and
//! every reference (links, images, glossary terms, citations, directives) so it can check
//! them; `render` calls [`to_html`] with a [`Linker`] that turns the references into URLs.

use pulldown_cmark::{BlockQuoteKind, BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Destinations of citation links carry this prefix between parsing and rendering.
const CITE_PREFIX: &str = "ingroup-cite:";

pub type Spanned<'a> = (Event<'a>, Range<usize>);

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS
}

/// Parses Markdown into events with byte ranges; `[@key]` becomes a citation link.
pub fn events(text: &str) -> Vec<Spanned<'_>> {
    let cite = |link: BrokenLink<'_>| {
        let reference = link.reference.trim();
        reference.starts_with('@').then(|| (CowStr::from(format!("{CITE_PREFIX}{reference}")), CowStr::from("")))
    };
    Parser::new_with_broken_link_callback(text, options(), Some(cite)).into_offset_iter().collect()
}

/// A paragraph that consists only of `{{kind target}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: String,
    pub target: String,
}

pub const DIRECTIVE_KINDS: [&str; 5] = ["quiz", "question", "scenario", "reflection", "vignette"];

fn parse_directive(text: &str) -> Option<Directive> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let (kind, target) = inner.split_once(char::is_whitespace)?;
    Some(Directive { kind: kind.to_string(), target: target.trim().to_string() })
}

/// If a paragraph starts at `events[start]` and holds only a directive, the directive and the
/// index of the paragraph's end event.
fn directive_at(events: &[Spanned<'_>], start: usize) -> Option<(Directive, usize)> {
    if !matches!(events.get(start), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let mut text = String::new();
    for (i, (event, _)) in events.iter().enumerate().skip(start + 1) {
        match event {
            Event::Text(t) => text.push_str(t),
            Event::SoftBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) => return parse_directive(&text).map(|d| (d, i)),
            _ => return None,
        }
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    #[serde(skip)]
    pub offset: usize,
}

/// Every heading with its final id: `{#id}` when given, else a slug of its text, made unique.
pub fn headings(events: &[Spanned<'_>]) -> Vec<Heading> {
    let mut seen = Taken::default();
    let mut out = Vec::new();
    let mut current: Option<(u8, Option<String>, String, usize)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level_number(*level), id.as_ref().map(|i| i.to_string()), String::new(), range.start))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _)) = current.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, text, offset)) = current.take() {
                    let base = id.unwrap_or_else(|| slugify(&text));
                    let id = unique(&base, &mut seen);
                    out.push(Heading { level, id, text, offset });
                }
            }
            _ => {}
        }
    }
    out
}

/// Ids taken so far, and for each base the next suffix to try, so that many identical
/// headings take linear rather than quadratic time.
#[derive(Default)]
struct Taken {
    ids: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

fn unique(base: &str, taken: &mut Taken) -> String {
    let base = if base.is_empty() { "section" } else { base };
    if taken.ids.insert(base.to_string()) {
        return base.to_string();
    }
    let n = taken.next_suffix.entry(base.to_string()).or_insert(1);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if taken.ids.insert(id.clone()) {
            return id;
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() && (c.is_whitespace() || c == '-' || c == '_' || c == '/') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Something in a page that points elsewhere, with the byte offset where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Link {
        dest: String,
    },
    Image {
        dest: String,
        has_alt: bool,
    },
    Term {
        name: String,
    },
    Cite {
        keys: Vec<String>,
    },
    Directive(Directive),
    /// A paragraph that looks like a directive but is not one.
    BadDirective {
        text: String,
    },
    /// Citation syntax ingroup does not render, e.g. pandoc's `[-@key]` or `[see @key, p. 3]`.
    UnsupportedCite {
        text: String,
    },
}

/// A piece of a run of text: plain text, a narrative citation `@key` (→ "Author (year)"), or
/// citation syntax ingroup does not support, left as written.
#[derive(Debug, PartialEq, Eq)]
pub enum TextPiece {
    Plain(String),
    Narrative(String),
    Unsupported(String),
}

/// Stands for an `@` the author wrote as an entity (`&#64;`), which never starts a citation.
const ESCAPED_AT: char = '\u{E000}';

/// The consecutive text events from `start` as one string (an entity `@` as [`ESCAPED_AT`]) and
/// the index after them; `None` when the run holds no `@`, the common case.
fn text_run(events: &[Spanned<'_>], start: usize) -> Option<(String, usize)> {
    let mut end = start;
    let mut run = String::new();
    while let Some((Event::Text(t), range)) = events.get(end) {
        // An `@` written as an entity is its own event, longer in the source than in the text.
        let escaped = t.as_ref() == "@" && range.len() > 1;
        run.push_str(if escaped { "\u{E000}" } else { t });
        end += 1;
    }
    (end > start && run.contains('@')).then_some((run, end))
}

/// Splits a run of text at narrative citations and unsupported citation syntax. `@key` cites
/// when `key` is an id (lowercase letters, digits, hyphens) and the `@` does not continue a
/// word, so `name@example.org` stays an address; an `@key` inside `[…]` here is syntax the
/// Markdown parser did not take as a citation, e.g. `[-@key]`.
pub fn text_pieces(text: &str) -> Vec<TextPiece> {
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let (before, after) = rest.split_at(at);
        let key_len = after[1..].find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')).unwrap_or(after.len() - 1);
        let key = after[1..1 + key_len].trim_end_matches('-');
        let continues_word = before.chars().next_back().is_some_and(|c| c.is_alphanumeric() || "._+-/\\".contains(c));
        let open = before.rfind('[').filter(|&o| !before[o..].contains(']'));
        let close = after.find(']');
        match (key.is_empty(), open, close) {
            (false, Some(open), Some(close)) => {
                plain.push_str(&before[..open]);
                flush(&mut plain, &mut pieces);
                pieces.push(TextPiece::Unsupported(format!("{}{}", &before[open..], &after[..=close])));
                rest = &after[close + 1..];
            }
            (false, _, _) if !continues_word => {
                plain.push_str(before);
                flush(&mut plain, &mut pieces);
                pieces.push(TextPiece::Narrative(key.to_string()));
                rest = &after[1 + key.len()..];
            }
            _ => {
                plain.push_str(&rest[..=at]);
                rest = &after[1..];
            }
        }
    }
    plain.push_str(rest);
    flush(&mut plain, &mut pieces);
    pieces
}

fn flush(plain: &mut String, pieces: &mut Vec<TextPiece>) {
    if !plain.is_empty() {
        pieces.push(TextPiece::Plain(std::mem::take(plain).replace(ESCAPED_AT, "@")));
    }
}

/// All references of a page, in order, each with its byte offset.
pub fn scan(events: &[Spanned<'_>]) -> Vec<(Reference, usize)> {
    let mut out = Vec::new();
    let mut plain = PlainText::default();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        if let Some((directive, end)) = directive_at(events, i) {
            out.push((Reference::Directive(directive), range.start));
            i = end + 1;
            continue;
        }
        plain.track(event);
        if let Some((run, end)) = text_run(events, i).filter(|_| plain.cites()) {
            for piece in text_pieces(&run) {
                match piece {
                    TextPiece::Narrative(key) => out.push((Reference::Cite { keys: vec![key] }, range.start)),
                    TextPiece::Unsupported(text) => out.push((Reference::UnsupportedCite { text }, range.start)),
                    TextPiece::Plain(_) => {}
                }
            }
            if run.contains("{{") && run.contains("}}") {
                out.push((Reference::BadDirective { text: run.replace(ESCAPED_AT, "@") }, range.start));
            }
            i = end;
            continue;
        }
        match event {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                out.push((Reference::Term { name: dest_url.to_string() }, range.start))
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE_PREFIX) => {
                out.push((Reference::Cite { keys: cite_keys(dest_url) }, range.start))
            }
            Event::Start(Tag::Link { dest_url, .. }) => out.push((Reference::Link { dest: dest_url.to_string() }, range.start)),
            Event::Start(Tag::Image { dest_url, .. }) => {
                let has_alt = matches!(events.get(i + 1), Some((Event::Text(t), _)) if !t.trim().is_empty());
                out.push((Reference::Image { dest: dest_url.to_string(), has_alt }, range.start));
            }
            Event::Text(t) if t.contains("{{") && t.contains("}}") => {
                out.push((Reference::BadDirective { text: t.to_string() }, range.start))
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where text may hold narrative citations: not in code blocks, not inside links.
#[derive(Default)]
struct PlainText {
    code_blocks: usize,
    links: usize,
}

impl PlainText {
    fn track(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code_blocks += 1,
            Event::End(TagEnd::CodeBlock) => self.code_blocks = self.code_blocks.saturating_sub(1),
            Event::Start(Tag::Link { .. }) => self.links += 1,
            Event::End(TagEnd::Link) => self.links = self.links.saturating_sub(1),
            _ => {}
        }
    }

    fn cites(&self) -> bool {
        self.code_blocks == 0 && self.links == 0
    }
}

fn cite_keys(dest: &str) -> Vec<String> {
    dest.trim_start_matches(CITE_PREFIX)
        .split(';')
        .map(|k| k.trim().trim_start_matches('@').trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// What `to_html` needs from the course: each method returns HTML or a URL, or `None` when the
/// target is unknown (resolve has already reported it; the text is kept as it was).
pub trait Linker {
    /// URL for a link destination, as it should appear in `href`.
    fn link(&self, dest: &str) -> Option<String>;
    fn image(&self, dest: &str) -> Option<String>;
    /// (term id, URL of its glossary entry).
    fn term(&self, name: &str) -> Option<TermLink>;
    /// The in-text citation, e.g. `(Robertson et al., 2023)`, as HTML.
    fn cite(&self, keys: &[String]) -> Option<String>;
    /// The narrative citation of `@key`, e.g. `Robertson et al. (2023)`, as HTML.
    fn narrative_cite(&self, _key: &str) -> Option<String> {
        None
    }
    fn directive(&self, directive: &Directive) -> Option<String>;
    /// Whether a link's destination is left out of this build (a draft): the link renders as its text.
    fn left_out(&self, _dest: &str) -> bool {
        false
    }
}

/// A glossary term as linked from a page: the definition travels with the link so the runtime
/// can show it on hover and focus without loading the whole glossary.
pub struct TermLink {
    pub id: String,
    pub url: String,
    pub term: String,
    /// Plain text.
    pub definition: String,
}

/// Renders events to HTML with headings' ids, callouts, wrapped tables and resolved links.
pub fn to_html(events: Vec<Spanned<'_>>, headings: &[Heading], linker: &dyn Linker) -> String {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut heading_ids = headings.iter().map(|h| h.id.as_str());
    let mut terms_linked: HashSet<String> = HashSet::new();
    // For each open link: whether its end tag must be dropped (plain text or replaced).
    let mut link_stack: Vec<bool> = Vec::new();
    let mut skip_until_link_end = false;
    let mut plain = PlainText::default();
    let mut i = 0;
    while i < events.len() {
        if let Some((directive, end)) = directive_at(&events, i) {
            match linker.directive(&directive) {
                Some(html) => out.push(Event::Html(html.into())),
                None => out.extend(events[i..=end].iter().map(|(e, _)| e.clone())),
            }
            i = end + 1;
            continue;
        }
        plain.track(&events[i].0);
        if let Some((run, end)) = text_run(&events, i).filter(|_| plain.cites() && !skip_until_link_end) {
            out.extend(text_pieces(&run).into_iter().map(|piece| piece_event(piece, linker)));
            i = end;
            continue;
        }
        let event = events[i].0.clone();
        i += 1;
        if skip_until_link_end {
            if matches!(event, Event::End(TagEnd::Link)) {
                skip_until_link_end = false;
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, id: _, classes, attrs }) => {
                let id = heading_ids.next().map(|s| CowStr::from(s.to_string()));
                out.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => match linker.term(&dest_url) {
                Some(link) if terms_linked.insert(link.id.clone()) => {
                    out.push(Event::Html(
                        format!(
                            "<a class=\"term\" data-term=\"{}\" data-term-name=\"{}\" data-definition=\"{}\" href=\"{}\">",
                            escape(&link.id),
                            escape(&link.term),
                            escape(&link.definition),
                            escape(&link.url)
                        )
                        .into(),
                    ));
                    link_stack.push(false);
                }
                _ => link_stack.push(true),
            },
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE_PREFIX) => {
                let text = linker
                    .cite(&cite_keys(&dest_url))
                    .unwrap_or_else(|| escape(&format!("[{}]", dest_url.trim_start_matches(CITE_PREFIX))));
                out.push(Event::Html(text.into()));
                skip_until_link_end = true;
            }
            Event::Start(Tag::Link { dest_url, .. }) if linker.left_out(&dest_url) => link_stack.push(true),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = linker.link(&dest_url).map_or(dest_url, CowStr::from);
                out.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
                link_stack.push(false);
            }
            Event::End(TagEnd::Link) => {
                if !link_stack.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = linker.image(&dest_url).map_or(dest_url, CowStr::from);
                out.push(Event::Start(Tag::Image { link_type, dest_url: dest, title, id }));
            }
            // A task list's box shows a state, not a control to use: it needs a name (axe: label).
            Event::TaskListMarker(done) => out.push(Event::Html(
                format!(
                    "<input type=\"checkbox\" disabled{} aria-label=\"{}\"> ",
                    if done { " checked" } else { "" },
                    if done { "done" } else { "not done" }
                )
                .into(),
            )),
            Event::Start(Tag::BlockQuote(Some(kind))) => out.push(Event::Html(callout_open(kind).into())),
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Table(align)) => {
                out.push(Event::Html("<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">".into()));
                out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            other => out.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

/// A text piece as HTML: a narrative citation linked to its reference, anything else as text.
fn piece_event(piece: TextPiece, linker: &dyn Linker) -> Event<'static> {
    match piece {
        TextPiece::Narrative(key) => match linker.narrative_cite(&key) {
            Some(html) => Event::Html(html.into()),
            None => Event::Text(format!("@{key}").into()),
        },
        TextPiece::Plain(text) | TextPiece::Unsupported(text) => Event::Text(text.into()),
    }
}

fn callout_open(kind: BlockQuoteKind) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{label}</p>\n")
}

/// HTML-escapes text for attributes and text nodes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The plain text of a body cut at its headings, for the search index: the text before the
/// first heading, then the text under each heading in order (`headings(events).len() + 1`
/// entries). Headings' own text, directives, citations, footnote marks and raw HTML are left out.
pub fn section_texts(events: &[Spanned<'_>]) -> Vec<String> {
    let mut sections = vec![String::new()];
    let (mut in_heading, mut in_cite) = (false, false);
    let mut i = 0;
    while i < events.len() {
        if let Some((_, end)) = directive_at(events, i) {
            i = end + 1;
            continue;
        }
        let text = sections.last_mut().expect("starts with the lead section");
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                sections.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(CITE_PREFIX) => in_cite = true,
            Event::End(TagEnd::Link) => in_cite = false,
            Event::Text(t) | Event::Code(t) if !in_heading && !in_cite => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(tag) if !is_inline(tag) => text.push(' '),
            _ => {}
        }
        i += 1;
    }
    sections.iter().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// Tags that sit inside a line of text: their end is not a word boundary.
fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image | TagEnd::Superscript | TagEnd::Subscript
    )
}

/// Renders a short Markdown snippet; a single paragraph loses its `<p>` so it can sit inline.
pub fn inline_html(text: &str, linker: &dyn Linker) -> String {
    let events = events(text);
    let heads = headings(&events);
    let html = to_html(events, &heads, linker);
    let trimmed = html.trim();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// The text of a Markdown snippet without markup, with typographic quotes and dashes (for
/// titles, data files and tooltips).
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for (event, _) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl Linker for Fake {
        fn link(&self, dest: &str) -> Option<String> {
            dest.ends_with(".md").then(|| "../other/index.html".to_string())
        }
        fn image(&self, _: &str) -> Option<String> {
            Some("../assets/media/x.1.png".into())
        }
        fn term(&self, name: &str) -> Option<TermLink> {
            let id = slugify(name);
            Some(TermLink { url: format!("../glossary/index.html#{id}"), id, term: name.to_string(), definition: "D".to_string() })
        }
        fn cite(&self, keys: &[String]) -> Option<String> {
            Some(format!("<a class=\"cite\">({})</a>", keys.join("; ")))
        }
        fn narrative_cite(&self, key: &str) -> Option<String> {
            Some(format!("<a class=\"cite\">{key} (2020)</a>"))
        }
        fn directive(&self, d: &Directive) -> Option<String> {
            Some(format!("<div data-{}=\"{}\"></div>", d.kind, d.target))
        }
    }

    fn render(md: &str) -> String {
        let ev = events(md);
        let heads = headings(&ev);
        to_html(ev, &heads, &Fake)
    }

    #[test]
    fn headings_get_unique_slugs_and_explicit_ids() {
        let ev = events("# Why groups?\n## Why groups?\n## Custom {#mine}\n");
        let ids: Vec<String> = headings(&ev).into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["why-groups", "why-groups-1", "mine"]);
        assert!(render("## Why groups?").contains("<h2 id=\"why-groups\">"));
    }

    #[test]
    fn directives_replace_their_paragraph() {
        let html = render("Text\n\n{{quiz basics}}\n\nMore");
        assert!(html.contains("<div data-quiz=\"basics\"></div>"), "{html}");
        assert!(!html.contains("{{"));
    }

    #[test]
    fn citations_terms_links_and_callouts() {
        let html = render("See [@a2020; @b2021] and [[Social identity]] then [[social identity]] and [x](y.md).\n\n> [!TIP]\n> Be kind.\n");
        assert!(html.contains("<a class=\"cite\">(a2020; b2021)</a>"), "{html}");
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
        assert!(html.contains("href=\"../other/index.html\""));
        assert!(html.contains("callout-tip") && html.contains("Be kind."));
    }

    #[test]
    fn scan_reports_references_with_offsets() {
        let md = "![](a.png)\n\n[x](b.md#c) [@k]\n\n{{vignette v}}\n";
        let refs: Vec<Reference> = scan(&events(md)).into_iter().map(|(r, _)| r).collect();
        assert_eq!(refs[0], Reference::Image { dest: "a.png".into(), has_alt: false });
        assert_eq!(refs[1], Reference::Link { dest: "b.md#c".into() });
        assert_eq!(refs[2], Reference::Cite { keys: vec!["k".into()] });
        assert_eq!(refs[3], Reference::Directive(Directive { kind: "vignette".into(), target: "v".into() }));
    }

    #[test]
    fn section_texts_cut_at_headings_without_directives_or_citations() {
        let md = "Lead *text* [@k].\n\n## First\n\nOne\ntwo.\n\n{{quiz q}}\n\n### Second\n\n- a\n- [[Term]]\n";
        assert_eq!(section_texts(&events(md)), ["Lead text .", "One two.", "a Term"]);
    }

    #[test]
    fn inline_snippets_lose_their_paragraph() {
        assert_eq!(inline_html("*Hi*", &Fake), "<em>Hi</em>");
        assert_eq!(plain_text("A **b**\n\nc"), "A b c");
    }

    #[test]
    fn narrative_citations_spare_addresses_code_links_and_escapes() {
        let html = render("As @smith2020 says, mail jo@example.org, `@code` or &#64;literal.\n\n    @block\n\n[see @inlink](x.md)\n");
        assert!(html.contains("As <a class=\"cite\">smith2020 (2020)</a> says"), "{html}");
        assert!(html.contains("jo@example.org"), "{html}");
        assert!(html.contains("<code>@code</code>") && html.contains("@literal") && html.contains("@block"), "{html}");
        assert!(html.contains(">see @inlink</a>"), "{html}");
        assert_eq!(html.matches("class=\"cite\"").count(), 1, "{html}");
    }

    #[test]
    fn unsupported_citation_syntax_is_reported_and_kept() {
        let refs = scan(&events("Pandoc style [-@smith2020] and @jones2021 and a@b.org.\n"));
        assert_eq!(refs[0].0, Reference::UnsupportedCite { text: "[-@smith2020]".into() });
        assert_eq!(refs[1].0, Reference::Cite { keys: vec!["jones2021".into()] });
        assert_eq!(refs.len(), 2);
        assert!(render("Pandoc style [-@smith2020].").contains("[-@smith2020]"));
    }
}

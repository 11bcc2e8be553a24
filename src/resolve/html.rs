//! What an author's Markdown may carry besides text: how deep it nests, which raw HTML it
//! holds, and where its links point.
//!
//! Every Markdown field of the course (module and vignette bodies, the home page, question,
//! option, feedback, scenario and ending text, reflection prompts, glossary definitions,
//! reference text, the course description) goes through [`check_markdown`]:
//! - nesting deeper than [`MAX_NESTING`] is an error, so no later stage recurses without bound;
//! - raw `<script>`, `<iframe>`, `<object>`, `<embed>`, `on…=` handlers and `javascript:` URLs
//!   are errors unless course.yaml says `trusted_html: true` (then warnings that say the
//!   Content-Security-Policy of every page blocks them); `style=` attributes are warnings;
//! - `file:` links are warnings: they point into the author's own computer.

use crate::diagnostics::{Diagnostics, LineIndex, Pos, Severity};
use crate::load::LoadedCourse;
use crate::load::schema::{Question, QuizFile};
use pulldown_cmark::{Event, Tag};

/// The deepest nesting of blocks, inline markup and raw HTML elements a text may have.
/// Real course text stays below 20; the HTML minifier's recursion is safe far beyond this.
pub const MAX_NESTING: usize = 100;

/// Elements that load or run something an author's text should not: refused in `check`.
const ACTIVE_ELEMENTS: [&str; 8] = ["script", "iframe", "frame", "frameset", "object", "embed", "base", "meta"];

/// Attributes that hold URLs.
const URL_ATTRIBUTES: [&str; 7] = ["href", "src", "action", "formaction", "data", "xlink:href", "poster"];

/// One finding in a text, at a byte offset of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    /// True for what only `trusted_html: true` lets through.
    pub active: bool,
    pub severity: Severity,
    pub message: String,
    pub hint: String,
}

/// Every finding in one Markdown text.
pub fn check_markdown(text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut depth = Depth::default();
    for (event, range) in crate::markdown::events(text) {
        match &event {
            Event::Start(tag) => {
                depth.markdown += 1;
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = tag {
                    findings.extend(check_url(dest_url, range.start));
                }
            }
            Event::End(_) => depth.markdown = depth.markdown.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                for tag in tags(html) {
                    depth.raw_html(&tag);
                    findings.extend(check_tag(&tag, range.start));
                }
            }
            _ => {}
        }
        if depth.total() > MAX_NESTING && !depth.reported {
            depth.reported = true;
            findings.push(too_deep(range.start));
        }
    }
    findings
}

#[derive(Default)]
struct Depth {
    markdown: usize,
    html: usize,
    reported: bool,
}

impl Depth {
    fn total(&self) -> usize {
        self.markdown + self.html
    }

    fn raw_html(&mut self, tag: &RawTag) {
        const VOID: [&str; 14] =
            ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
        if tag.closing {
            self.html = self.html.saturating_sub(1);
        } else if !tag.self_closing && !VOID.contains(&tag.name.as_str()) {
            self.html += 1;
        }
    }
}

/// The deepest element nesting of an HTML text (a page, for the minifier's sake).
pub fn html_depth(html: &str) -> usize {
    let mut depth = Depth::default();
    let mut deepest = 0;
    for tag in tags(html) {
        depth.raw_html(&tag);
        deepest = deepest.max(depth.html);
    }
    deepest
}

fn too_deep(offset: usize) -> Finding {
    Finding {
        offset,
        active: false,
        severity: Severity::Error,
        message: format!("the text nests more than {MAX_NESTING} levels deep (quotes, lists or HTML elements inside each other)"),
        hint: "flatten the structure: no reader can follow that many levels, and pages that deep cannot be built safely".into(),
    }
}

fn active(offset: usize, message: String, blocked: &str) -> Finding {
    Finding {
        offset,
        active: true,
        severity: Severity::Error,
        message,
        hint: format!(
            "remove it, or write `trusted_html: true` in course.yaml if you trust every author of this course; even then {blocked}"
        ),
    }
}

/// A Markdown or HTML URL: `javascript:` (and kin) is refused, `file:` warned about.
fn check_url(url: &str, offset: usize) -> Option<Finding> {
    let compact: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = compact.to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:text/html"].iter().any(|s| lower.starts_with(s)) {
        let scheme = lower.split(':').next().unwrap_or_default();
        return Some(active(
            offset,
            format!("link to a `{scheme}:` address runs code when clicked"),
            "the Content-Security-Policy of every page blocks it",
        ));
    }
    lower.starts_with("file:").then(|| Finding {
        offset,
        active: false,
        severity: Severity::Warning,
        message: format!("link \"{url}\" points into a file on your own computer"),
        hint: "link to a page of the course (`other.md`), a file beside it, or an https:// address".into(),
    })
}

/// A `url:` field must be an http, https or mailto address or a relative one, like `base_url`.
pub fn url_field_problem(url: &str) -> Option<Finding> {
    let value = url.trim();
    let scheme = value.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).filter(|s| !s.contains(['/', '?', '#']));
    match scheme.as_deref() {
        None | Some("http" | "https" | "mailto") if !value.contains(char::is_whitespace) => None,
        _ => Some(Finding {
            offset: 0,
            active: false,
            severity: Severity::Error,
            message: format!("url \"{value}\" is not a web address"),
            hint: "write an address starting with https:// (or http://, mailto:), e.g. `url: https://example.org/report`".into(),
        }),
    }
}

/// A DOI is `10.` + registrant + `/` + suffix, written without `https://doi.org/` in front.
pub fn doi_problem(doi: &str) -> Option<Finding> {
    let value = doi.trim();
    let warn = |message: String, hint: String| Some(Finding { offset: 0, active: false, severity: Severity::Warning, message, hint });
    let lower = value.to_ascii_lowercase();
    for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"] {
        if lower.starts_with(prefix) {
            let bare = value[prefix.len()..].trim();
            return warn(format!("doi \"{value}\" is written as an address"), format!("write only the DOI: `doi: {bare}`"));
        }
    }
    let valid = value.split_once('/').is_some_and(|(registrant, suffix)| {
        registrant.strip_prefix("10.").is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            && !suffix.is_empty()
            && !suffix.contains(char::is_whitespace)
    });
    if valid { None } else { warn(format!("doi \"{value}\" is not a DOI"), "a DOI looks like `10.1037/a0012345`".into()) }
}

fn check_tag(tag: &RawTag, offset: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    if tag.closing {
        return out;
    }
    if ACTIVE_ELEMENTS.contains(&tag.name.as_str()) {
        out.push(active(
            offset,
            format!("raw HTML element <{}> in course text", tag.name),
            "the Content-Security-Policy of every page blocks inline scripts, scripts from other sites, frames and plugins",
        ));
    }
    for (name, value) in &tag.attributes {
        if name.starts_with("on") {
            out.push(active(
                offset,
                format!("event handler attribute `{name}` on <{}> runs code", tag.name),
                "the Content-Security-Policy of every page blocks inline handlers",
            ));
        } else if name == "style" {
            out.push(Finding {
                offset,
                active: false,
                severity: Severity::Warning,
                message: format!("`style` attribute on <{}>: the page's Content-Security-Policy ignores inline styles", tag.name),
                hint: "remove it; the theme's stylesheet styles course text".into(),
            });
        } else if URL_ATTRIBUTES.contains(&name.as_str()) || name == "srcdoc" {
            out.extend(check_url(value, offset));
        }
    }
    out
}

/// One start or end tag in raw HTML.
#[derive(Debug, PartialEq, Eq)]
struct RawTag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Lowercased names with their values as written (entities left alone).
    attributes: Vec<(String, String)>,
}

/// The tags of a raw HTML fragment; comments and declarations are skipped.
fn tags(html: &str) -> Vec<RawTag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let closing = rest.starts_with('/');
        let body = rest.trim_start_matches('/');
        let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':')).unwrap_or(body.len());
        if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = body[..name_len].to_ascii_lowercase();
        let (attributes, self_closing, consumed) = attributes(&body[name_len..]);
        rest = &body[name_len + consumed..];
        out.push(RawTag { name, closing, self_closing, attributes });
    }
    out
}

/// Attributes up to the tag's `>`: (attributes, ends with `/>`, bytes consumed).
fn attributes(text: &str) -> (Vec<(String, String)>, bool, usize) {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut self_closing = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (out, self_closing, i + 1),
            b'/' => {
                self_closing = true;
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                self_closing = false;
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                    i += 1;
                }
                let name = text[start..i].to_ascii_lowercase();
                let (value, next) = attribute_value(text, i);
                i = next;
                out.push((name, value));
            }
        }
    }
    (out, self_closing, bytes.len())
}

/// The value after an attribute name at `i` (`="x"`, `='x'`, `=x` or none), and where it ends.
fn attribute_value(text: &str, mut i: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if bytes.get(i) != Some(&b'=') {
        return (String::new(), i);
    }
    i += 1;
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    match bytes.get(i) {
        Some(&quote @ (b'"' | b'\'')) => {
            let end = text[i + 1..].find(quote as char).map_or(text.len(), |e| i + 1 + e);
            (text[i + 1..end].to_string(), (end + 1).min(text.len()))
        }
        _ => {
            let end = text[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(text.len(), |e| i + e);
            (text[i..end].to_string(), end)
        }
    }
}

/// Checks every Markdown field of a loaded course.
pub fn check_course(loaded: &LoadedCourse, diags: &mut Diagnostics) {
    let trusted = loaded.course.as_ref().is_some_and(|c| c.trusted_html);
    let mut report = |file: &str, findings: Vec<Finding>, place: &dyn Fn(usize) -> Pos| {
        for finding in findings {
            let (severity, hint) = match (finding.active && trusted, finding.severity) {
                (true, _) => (Severity::Warning, "allowed by `trusted_html: true`, but it will not run in the built site".to_string()),
                (false, severity) => (severity, finding.hint),
            };
            let pos = place(finding.offset);
            match severity {
                Severity::Error => diags.error(file, pos, finding.message, Some(hint)),
                Severity::Warning => diags.warning(file, pos, finding.message, Some(hint)),
            }
        }
    };
    let documents = loaded.modules.iter().flat_map(|m| m.pages.iter().map(|p| (&p.path, &p.text, p.body_start)));
    let documents = documents
        .chain(loaded.vignettes.iter().map(|v| (&v.path, &v.text, v.body_start)))
        .chain(loaded.home.iter().map(|h| (&h.path, &h.text, h.body_start)));
    for (path, text, body_start) in documents {
        let lines = LineIndex::new(text);
        report(path, check_markdown(&text[body_start..]), &|offset| lines.pos(body_start + offset));
    }
    for quiz in &loaded.quizzes {
        for (pos, text) in quiz_texts(&quiz.quiz) {
            report(&quiz.path, check_markdown(text), &|_| pos);
        }
    }
    for term in &loaded.glossary {
        report(crate::load::GLOSSARY_FILE, check_markdown(&term.definition), &|_| super::at(&term.term, 0));
    }
    for reference in &loaded.references {
        for text in [&reference.apa, &reference.cite] {
            report(crate::load::REFERENCES_FILE, check_markdown(text), &|_| super::at(&reference.id, 0));
        }
        let fields = [reference.url.as_deref().and_then(url_field_problem), reference.doi.as_deref().and_then(doi_problem)];
        for finding in fields.into_iter().flatten() {
            report(crate::load::REFERENCES_FILE, vec![finding], &|_| super::at(&reference.id, 0));
        }
    }
    if let Some(description) = loaded.course.as_ref().and_then(|c| c.description.as_deref()) {
        report(crate::load::COURSE_FILE, check_markdown(description), &|_| Pos::default());
    }
}

/// Every Markdown field of a quiz file with the position of the item it belongs to.
fn quiz_texts(quiz: &QuizFile) -> Vec<(Pos, &str)> {
    let mut out = vec![(Pos::default(), quiz.title.as_str())];
    for question in &quiz.questions {
        out.extend(question_texts(question));
    }
    out
}

fn question_texts(question: &Question) -> Vec<(Pos, &str)> {
    let at = |value: &crate::load::schema::Located| super::at(value, 0);
    let mut out: Vec<(Pos, &str)> =
        [&question.title, &question.text, &question.explanation].into_iter().flatten().map(|t| (at(&question.id), t.as_str())).collect();
    for option in &question.options {
        out.push((at(&option.text), option.text.value.as_str()));
        out.extend(option.feedback.iter().map(|f| (at(&option.text), f.as_str())));
    }
    for node in &question.nodes {
        out.extend(node.text.iter().map(|t| (at(&node.id), t.as_str())));
        if let Some(ending) = &node.ending {
            out.push((at(&node.id), ending.title.as_str()));
            out.extend(ending.debrief.iter().map(|d| (at(&node.id), d.as_str())));
        }
        for choice in &node.choices {
            out.push((at(&choice.text), choice.text.value.as_str()));
            out.extend(choice.feedback.iter().map(|f| (at(&choice.text), f.as_str())));
        }
    }
    out.extend(kind_texts(question));
    out
}

/// The Markdown fields of short-answer, ordering and matching questions.
fn kind_texts(question: &Question) -> Vec<(Pos, &str)> {
    let at = |value: &crate::load::schema::Located| super::at(value, 0);
    let mut out: Vec<(Pos, &str)> = question.model_answer.iter().map(|m| (at(&question.id), m.as_str())).collect();
    out.extend(question.rubric.iter().map(|c| (at(&c.text), c.text.value.as_str())));
    for item in &question.items {
        out.push((at(&item.text), item.text.value.as_str()));
        out.extend(item.feedback.iter().map(|f| (at(&item.text), f.as_str())));
    }
    for pair in &question.pairs {
        out.extend([(at(&pair.left), pair.left.value.as_str()), (at(&pair.right), pair.right.value.as_str())]);
        out.extend(pair.feedback.iter().map(|f| (at(&pair.left), f.as_str())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<(bool, Severity)> {
        check_markdown(text).into_iter().map(|f| (f.active, f.severity)).collect()
    }

    #[test]
    fn scripts_handlers_frames_and_javascript_links_are_active() {
        for text in [
            "<script>alert(1)</script>",
            "Text <img src=x onerror=alert(1)> more",
            "<IFRAME src='https://x'></iframe>",
            "[click](javascript:alert(1))",
            "<a href=\" JaVaScRiPt:alert(1)\">x</a>",
            "<object data=x></object>",
        ] {
            assert!(messages(text).contains(&(true, Severity::Error)), "{text}");
        }
    }

    #[test]
    fn plain_html_and_links_pass_and_style_warns() {
        assert!(messages("<details><summary>More</summary>\n\nText\n</details>\n\n[a](b.md) <br>").is_empty());
        assert_eq!(messages("<span style=\"color:red\">x</span>"), [(false, Severity::Warning)]);
        assert_eq!(messages("[a](file:///etc/passwd)"), [(false, Severity::Warning)]);
    }

    #[test]
    fn url_fields_and_dois() {
        assert!(url_field_problem("javascript:alert(1)").is_some_and(|f| f.severity == Severity::Error));
        assert!(url_field_problem("file:///etc/passwd").is_some());
        for ok in ["https://example.org/a?b=c:d", "mailto:a@b.org", "../x.html", "report.pdf#p:2"] {
            assert!(url_field_problem(ok).is_none(), "{ok}");
        }
        assert!(doi_problem("10.1037/a0012345").is_none());
        assert!(doi_problem("https://doi.org/10.1037/a0012345").is_some_and(|f| f.hint.contains("doi: 10.1037/a0012345")));
        assert!(doi_problem("1037/a0012345").is_some());
    }

    #[test]
    fn deep_nesting_is_one_located_error() {
        let quotes = format!("{}deep\n", "> ".repeat(MAX_NESTING + 5));
        let divs = "<div>".repeat(MAX_NESTING + 5);
        let list: String = (0..MAX_NESTING).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        for text in [quotes, divs, list] {
            let findings = check_markdown(&text);
            assert_eq!(findings.len(), 1, "{findings:?}");
            assert!(findings[0].message.contains(&MAX_NESTING.to_string()));
        }
        assert!(check_markdown(&"> ".repeat(20)).is_empty());
    }
}

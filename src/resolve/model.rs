//! The resolved course: one model that every later stage reads and nothing mutates.

pub use crate::load::schema::{Author, Reviewed};
pub use crate::load::schema::{Outcome, QuestionKind, Rating};
use crate::markdown::Heading;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Config {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<String>,
    pub language: String,
    pub version: Option<String>,
    pub authors: Vec<Author>,
    pub pass_mark: u32,
    pub theme: String,
    pub audience: Option<String>,
    pub cpd_hours: Option<f64>,
    /// Colour tokens the course replaces, checked for contrast.
    pub colors: crate::resolve::colors::Colors,
    pub license: Option<String>,
    pub contact: Option<String>,
    /// Absolute URL of the site, ending in `/`, if the author gave one.
    pub base_url: Option<String>,
    /// Which teaching lints are on.
    #[serde(skip)]
    pub lints: crate::resolve::lints::Lints,
}

/// Clinical-safety notices any page may carry.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Safety {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_warning: Option<String>,
    pub fictional: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Reviewed>,
}

/// One Markdown document that becomes (part of) an HTML page.
#[derive(Debug)]
pub struct Doc {
    /// Source path relative to the course root.
    pub path: String,
    pub text: String,
    pub body_start: usize,
    pub headings: Vec<Heading>,
    /// Links, images, terms, citations and directives, with byte offsets in the body.
    pub references: Vec<(crate::markdown::Reference, usize)>,
}

impl Doc {
    /// Parses the body once for both its headings and its references.
    pub fn parse(path: String, text: String, body_start: usize) -> Self {
        let (headings, references) = parse_body(&text[body_start..]);
        Self { path, text, body_start, headings, references }
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// What resolve needs of a Markdown body: its headings and its references.
pub type ParsedBody = (Vec<Heading>, Vec<(crate::markdown::Reference, usize)>);

pub fn parse_body(body: &str) -> ParsedBody {
    let events = crate::markdown::events(body);
    (crate::markdown::headings(&events), crate::markdown::scan(&events))
}

#[derive(Debug)]
pub struct Page {
    pub id: String,
    /// URL from the site root, naming its file.
    pub url: String,
    pub title: String,
    pub safety: Safety,
    pub doc: Doc,
}

#[derive(Debug, Clone, Serialize)]
pub struct Objective {
    pub id: String,
    pub text: String,
    /// Where its id is written in the module's front matter.
    #[serde(skip)]
    pub pos: crate::diagnostics::Pos,
}

#[derive(Debug)]
pub struct Module {
    pub id: String,
    /// 0-based position in the course.
    pub position: usize,
    /// The number shown to learners: the file name's number prefix (`03-…` → 3), else the
    /// 1-based position. A `00-` module (an orientation page) shows as number 0.
    pub number: usize,
    pub title: String,
    pub summary: Option<String>,
    pub minutes: Option<u32>,
    pub objectives: Vec<Objective>,
    pub pages: Vec<Page>,
    /// Quizzes embedded in this module's pages, in order of appearance.
    pub quizzes: Vec<String>,
}

impl Module {
    pub fn url(&self) -> &str {
        &self.pages[0].url
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Prompt {
    pub id: String,
    /// The learner-storage key of the answer, `vignette:{vignette}/{prompt}`: a contract with
    /// every learner's saved progress, defined here only.
    pub key: String,
    pub text: String,
}

/// A vignette's linked scenario question.
#[derive(Debug, Clone)]
pub struct ScenarioLink {
    /// `quiz-id/question-id`.
    pub key: String,
    /// Plain title: the question's, else its quiz's (set once the quiz is known).
    pub title: String,
    /// Root-relative URL of the question where its quiz is embedded.
    pub url: Option<String>,
}

#[derive(Debug)]
pub struct Vignette {
    pub id: String,
    pub url: String,
    pub title: String,
    pub setting: Option<String>,
    pub processes: Vec<String>,
    pub module: Option<String>,
    /// A linked scenario question.
    pub scenario: Option<ScenarioLink>,
    pub prompts: Vec<Prompt>,
    pub safety: Safety,
    pub doc: Doc,
    /// Where `module:` and `scenario:` are written, for problems found once the course is known.
    pub written_at: VignetteFields,
}

/// Positions of a vignette's front-matter fields.
#[derive(Debug, Default, Clone, Copy)]
pub struct VignetteFields {
    pub module: crate::diagnostics::Pos,
    pub scenario: crate::diagnostics::Pos,
}

#[derive(Debug)]
pub struct Quiz {
    pub id: String,
    pub path: String,
    /// Plain text, typographic.
    pub title: String,
    pub pass_mark: u32,
    /// The module whose page embeds the quiz (or one of its questions).
    pub module: Option<String>,
    /// The page where it is embedded, for links from the journal and report.
    pub page_url: Option<String>,
    pub questions: Vec<Question>,
}

impl Quiz {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Root-relative URL of a question where the quiz is embedded.
    pub fn question_url(&self, question: &Question) -> Option<String> {
        self.page_url.as_ref().map(|url| format!("{url}#{}", question.anchor))
    }
}

/// A question with every default applied; Markdown fields are still Markdown.
#[derive(Debug)]
pub struct Question {
    pub id: String,
    /// `quiz-id/question-id`: the learner-storage key of its answers.
    pub key: String,
    /// The HTML id of the question on its page, `q-{quiz}-{question}`.
    pub anchor: String,
    pub kind: QuestionKind,
    /// Plain text, typographic.
    pub title: Option<String>,
    pub text: Option<String>,
    pub objectives: Vec<String>,
    pub explanation: Option<String>,
    pub shuffle: bool,
    pub options: Vec<QuizOption>,
    /// The first node of a scenario (empty for other kinds).
    pub start: String,
    pub nodes: Vec<Node>,
}

#[derive(Debug)]
pub struct QuizOption {
    /// As given, else `a`, `b`, `c`… by position.
    pub id: String,
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
    pub see: Option<SeeLink>,
}

#[derive(Debug)]
pub struct Node {
    pub id: String,
    pub text: Option<String>,
    pub choices: Vec<Choice>,
    pub ending: Option<Ending>,
}

#[derive(Debug)]
pub struct Choice {
    /// As given, else `a`, `b`, `c`… by position.
    pub id: String,
    pub text: String,
    pub rating: Option<Rating>,
    pub feedback: Option<String>,
    pub next: String,
    pub see: Option<SeeLink>,
}

#[derive(Debug)]
pub struct Ending {
    pub outcome: Outcome,
    pub title: String,
    pub debrief: Option<String>,
}

/// Where a `see:` points: a root-relative URL and the label of the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeeLink {
    pub url: String,
    pub label: String,
}

#[derive(Debug)]
pub struct Term {
    pub id: String,
    /// Where it is defined in glossary.yaml.
    pub pos: crate::diagnostics::Pos,
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: String,
    pub see: Vec<String>,
}

#[derive(Debug)]
pub struct Reference {
    pub id: String,
    /// Where it is defined in references.yaml.
    pub pos: crate::diagnostics::Pos,
    pub cite: String,
    pub apa: String,
    pub doi: Option<String>,
    pub url: Option<String>,
}

/// Where a Markdown source is published and which anchors it has.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    pub anchors: Vec<String>,
}

/// The lookups of a course, built once when its documents and library are known.
#[derive(Debug, Default)]
pub struct Index {
    /// Source path (root-relative) → published page.
    pub targets: HashMap<String, Target>,
    /// Page id (`module` or `module/page`) → module position and page index.
    pub pages: HashMap<String, (usize, usize)>,
    /// Lowercased term, alias or id → index in `glossary`.
    pub terms: HashMap<String, usize>,
    /// Reference id → index in `references`.
    pub references: HashMap<String, usize>,
}

/// A source that exists but could not be read (already reported): what it defines is
/// unknown, so references into it are not reported again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unreadable {
    /// A quiz file, by its id (the file stem).
    Quiz(String),
    Glossary,
    References,
    /// A Markdown file, by its root-relative path.
    File(String),
    /// A module page by its id (`module` for a module's first page, `module/page`).
    Page(String),
    Vignette(String),
}

/// Which part of the course a Markdown document is.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Page(&'a Module, &'a Page),
    Vignette(&'a Vignette),
    Home,
}

#[derive(Debug, Default)]
pub struct Course {
    pub root: PathBuf,
    pub config: Config,
    pub home: Option<Doc>,
    pub modules: Vec<Module>,
    pub vignettes: Vec<Vignette>,
    pub quizzes: BTreeMap<String, Quiz>,
    pub glossary: Vec<Term>,
    pub references: Vec<Reference>,
    pub index: Index,
    /// Media files used by pages: source path → absolute path. `write` copies them and
    /// gives each its URL.
    pub media: BTreeMap<String, PathBuf>,
    pub unreadable: BTreeSet<Unreadable>,
    /// `quiz-id/question-id` of questions embedded on their own with `{{question …}}` and
    /// its kin; a whole-quiz embed leaves them out.
    pub standalone_questions: BTreeSet<String>,
    /// How many findings each teaching lint made, reported or not, for `check --report`.
    pub lint_findings: crate::resolve::lints::Tally,
}

impl Course {
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.index.terms.get(&name.trim().to_lowercase()).map(|&i| &self.glossary[i])
    }

    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.index.references.get(id).map(|&i| &self.references[i])
    }

    /// A module page by its id (`module` or `module/page`).
    pub fn page(&self, id: &str) -> Option<&Page> {
        self.index.pages.get(id).map(|&(module, page)| &self.modules[module].pages[page])
    }

    pub fn pages(&self) -> impl Iterator<Item = (&Module, &Page)> {
        self.modules.iter().flat_map(|m| m.pages.iter().map(move |p| (m, p)))
    }

    /// Every Markdown document: module pages in order, then vignettes, then the home text.
    pub fn documents(&self) -> impl Iterator<Item = (Owner<'_>, &Doc)> {
        let pages = self.pages().map(|(m, p)| (Owner::Page(m, p), &p.doc));
        let vignettes = self.vignettes.iter().map(|v| (Owner::Vignette(v), &v.doc));
        pages.chain(vignettes).chain(self.home.iter().map(|h| (Owner::Home, h)))
    }

    /// The document read from the source `path`.
    pub fn document(&self, path: &str) -> Option<(Owner<'_>, &Doc)> {
        self.documents().find(|(_, doc)| doc.path == path)
    }

    pub fn is_unreadable(&self, source: &Unreadable) -> bool {
        self.unreadable.contains(source)
    }
}

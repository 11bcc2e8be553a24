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
    /// Whether a built site gets a web app manifest and a service worker.
    pub offline: bool,
    /// Which teaching lints are on.
    #[serde(skip)]
    pub lints: crate::resolve::lints::Lints,
    /// The tag sets of the course, in the order course.yaml lists them.
    #[serde(skip)]
    pub vocabularies: Vec<Vocabulary>,
    /// Tags course.yaml's own errors already account for.
    #[serde(skip)]
    pub unchecked_tags: UncheckedTags,
}

/// Tags that are not checked against the vocabularies because an error in course.yaml already
/// covers them: every tag when course.yaml failed to load, a vocabulary or a term whose
/// declaration has an error. One broken declaration is then not reported again as unknown tags
/// in every file that uses it.
#[derive(Debug, Clone, Default)]
pub struct UncheckedTags {
    pub every: bool,
    pub vocabularies: Vec<String>,
    /// (vocabulary id, term id as written).
    pub terms: Vec<(String, String)>,
}

impl UncheckedTags {
    /// Whether a tag naming `vocabulary` (and `term`, when given) is accounted for.
    pub(crate) fn covers(&self, vocabulary: &str, term: Option<&str>) -> bool {
        self.every
            || self.vocabularies.iter().any(|v| v == vocabulary)
            || term.is_some_and(|term| self.terms.iter().any(|(v, t)| v == vocabulary && t == term))
    }
}

/// A course-defined tag set (`vocabularies:` in course.yaml).
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub id: String,
    pub label: String,
    pub terms: Vec<VocabularyTerm>,
}

#[derive(Debug, Clone)]
pub struct VocabularyTerm {
    pub id: String,
    pub label: String,
    /// The glossary term that explains it (checked to exist) and where course.yaml names it.
    pub glossary: Option<(String, crate::diagnostics::Pos)>,
}

/// An item's tags from one vocabulary, in the vocabulary's order.
#[derive(Debug, Clone, Serialize)]
pub struct TagGroup {
    pub vocabulary: String,
    /// The vocabulary's label.
    pub label: String,
    pub terms: Vec<TagTerm>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagTerm {
    pub id: String,
    pub label: String,
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
    pub tags: Vec<TagGroup>,
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
    pub pass: PassRule,
    /// A question pool: how many answerable questions each attempt asks (`draw:`).
    pub draw: Option<usize>,
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

    /// The questions of the quiz embedded whole, numbered from 1 as learners see them: those
    /// embedded on their own elsewhere (`standalone` holds their keys) are left out.
    pub fn numbered<'a>(&'a self, standalone: &'a BTreeSet<String>) -> impl Iterator<Item = (usize, &'a Question)> {
        self.questions.iter().filter(|q| !standalone.contains(&q.key)).enumerate().map(|(i, q)| (i + 1, q))
    }

    /// How many questions a draw picks from: the answerable ones (scenarios and reflections
    /// are always shown).
    pub fn pool_size(&self) -> usize {
        self.questions.iter().filter(|q| q.kind.is_answerable()).count()
    }

    /// Root-relative URL of a question where the quiz is embedded.
    pub fn question_url(&self, question: &Question) -> Option<String> {
        self.page_url.as_ref().map(|url| format!("{url}#{}", question.anchor))
    }
}

/// What passing a quiz takes. The browser runtime decides with it (10-model.js `passDecision`)
/// for the quiz result, the progress report, module completion and an LMS's success status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassRule {
    /// Percent of the scored questions answered correctly in one attempt.
    pub mark: u32,
    /// Ids of the choice questions that must be answered correctly in that same attempt.
    pub required: Vec<String>,
    /// Scenarios that count, by question id, with the ending outcomes that pass them: each must
    /// have reached such an ending once (in any play).
    pub scenarios: BTreeMap<String, Vec<Outcome>>,
    /// Minimum path scores of counting scenarios, by question id: the passing play must also
    /// reach each of them.
    pub scores: BTreeMap<String, BTreeMap<String, i64>>,
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
    /// A short answer's model answer (Markdown).
    pub model_answer: Option<String>,
    /// A short answer's rubric, ids defaulted by position.
    pub rubric: Vec<Criterion>,
    /// A short answer counts toward the score (self-ratings become credit).
    pub scored: bool,
    /// An ordering question's items, in the correct order.
    pub items: Vec<OrderItem>,
    /// A matching question's pairs, in the author's order.
    pub pairs: Vec<Pair>,
    /// The order learners see before the runtime shuffles (and without JavaScript): indices
    /// into `items` (ordering) or into the right sides of `pairs` (matching), alphabetical by
    /// plain text and never the answer's own order. Empty for other kinds.
    pub shown: Vec<usize>,
    pub tags: Vec<TagGroup>,
}

#[derive(Debug)]
pub struct Criterion {
    /// As given, else `a`, `b`, `c`… by position.
    pub id: String,
    pub text: String,
}

#[derive(Debug)]
pub struct OrderItem {
    /// As given, else `a`, `b`, `c`… by position.
    pub id: String,
    pub text: String,
    pub feedback: Option<String>,
}

#[derive(Debug)]
pub struct Pair {
    /// As given, else `a`, `b`, `c`… by position.
    pub id: String,
    pub left: String,
    /// Plain text, typographic (shown as an option of a list).
    pub right: String,
    pub feedback: Option<String>,
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
    /// The node a plain link follows: the only target, else the otherwise branch.
    pub next: String,
    /// Branches chosen by condition (empty for a plain `next:`).
    pub branches: Vec<crate::resolve::scenario::Branch>,
    pub scores: std::collections::BTreeMap<String, i64>,
    pub set: Vec<String>,
    /// Commentary shown at the ending when this choice was taken (Markdown).
    pub debrief: Option<String>,
    pub see: Option<SeeLink>,
    pub tags: Vec<TagGroup>,
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
    /// `cite:` in narrative form, `Robertson et al. (2023)`, for `@key` in text.
    pub narrative: String,
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

/// What a build without `--drafts` leaves out.
#[derive(Debug, Default)]
pub struct LeftOut {
    /// Source paths of draft modules' pages, draft pages and draft vignettes.
    pub documents: BTreeSet<String>,
    /// Ids of draft vignettes.
    pub vignettes: BTreeSet<String>,
    /// Ids of draft quizzes.
    pub quizzes: BTreeSet<String>,
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
    /// Drafts left out of this build (built without `--drafts`): links and embeds that name
    /// them get a warning and render as plain text or nothing.
    pub left_out: LeftOut,
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

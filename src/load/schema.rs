//! The typed shape of every YAML document an author writes, exactly as written.
//!
//! These structs reject unknown fields so that a typo (`titel:`) is an error with a
//! did-you-mean, not a silently ignored value. Positions are kept with [`Spanned`] where a
//! later, semantic check needs to point at a value.
//!
//! The same types generate the JSON Schemas in `docs/schema/` (see [`crate::schemas`]) through
//! `schemars`: doc comments on fields become the descriptions an editor shows, and a
//! `Spanned` value is described as the plain value it wraps.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub type Located = Spanned<String>;

/// What [`crate::resolve::is_valid_id`] accepts, for the schemas.
const ID: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    /// Storage namespace for learner progress, e.g. `identity-leadership`; never change it once learners started.
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// The course title.
    pub title: String,
    /// One line under the title.
    pub subtitle: Option<String>,
    /// Markdown, shown on the home page.
    pub description: Option<String>,
    /// BCP 47 language tag; default `en`.
    pub language: Option<String>,
    /// Shown in the footer and the progress report.
    pub version: Option<String>,
    /// The course's authors.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// Percent needed to pass a quiz; default 80.
    #[schemars(with = "Option<u32>", range(max = 100))]
    pub pass_mark: Option<Spanned<u32>>,
    /// Theme name: a folder in `themes/` overriding the built-in theme; default `default`.
    #[schemars(with = "Option<String>")]
    pub theme: Option<Located>,
    /// Who the course is for, one sentence for the home page.
    pub audience: Option<String>,
    /// Continuing professional development hours the course counts for, shown on the home page.
    #[schemars(range(min = 0))]
    pub cpd_hours: Option<f64>,
    /// Colours of the theme that replace its own, so a course has its own look without CSS.
    pub colors: Option<Colors>,
    /// Shown in the footer.
    pub license: Option<String>,
    /// Shown in the footer.
    pub contact: Option<String>,
    /// Where the site is published (`https://example.org/course/`). Optional: pages link to each
    /// other relatively; only 404.html uses it, since a server shows that page at any depth.
    #[schemars(with = "Option<String>")]
    pub base_url: Option<Located>,
    /// Make a site served over http(s) installable and usable offline after the first visit: a
    /// web app manifest and a service worker that keeps every file of the build. No effect from
    /// `file://` (which needs neither) or in `serve`.
    #[serde(default)]
    pub offline: bool,
    /// Accept raw HTML that runs code (`<script>`, `on…=` handlers, `javascript:` links,
    /// frames, plugins) in course text, as warnings instead of errors. The built pages'
    /// Content-Security-Policy still blocks it; use this only to keep pasted HTML as it was.
    #[serde(default)]
    pub trusted_html: bool,
    /// Teaching lints of `check` turned on or off by name, e.g. `{ answer-length: off }`;
    /// every lint is on unless listed here (see docs/authoring.md, "Teaching lints").
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Switch>")]
    pub lints: std::collections::BTreeMap<String, Spanned<Switch>>,
    /// The tag sets the course's vignettes, questions and scenario choices may carry, e.g. the
    /// processes of a theory or the skills of a method (see docs/authoring.md, "Vocabularies").
    #[serde(default)]
    pub vocabularies: Vec<Vocabulary>,
}

/// A named set of tags, e.g. `processes` with its four terms.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// The key items use under `tags:`, e.g. `processes` (`tags: { processes: [evoking] }`).
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// The vocabulary's name as learners see it, e.g. `Identity leadership processes`.
    pub label: String,
    /// The terms, in the order the course lists them.
    pub terms: Vec<VocabularyTerm>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabularyTerm {
    /// What items write, e.g. `evoking`.
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// As learners see it; defaults to the id with a capital letter, e.g. `Evoking`.
    pub label: Option<String>,
    /// Id of the glossary term that explains it; its tags link there.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub glossary: Option<Located>,
}

/// Tags by vocabulary id, e.g. `{ processes: [entrepreneurship, advancement] }`.
pub type Tags = std::collections::BTreeMap<String, Vec<Located>>;

/// A lint's setting in `lints:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Switch {
    On,
    Off,
}

/// Theme colours as `#rrggbb` (or `#rgb`); each is optional and replaces the theme's own.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Links, buttons, the cover and progress in the light scheme, e.g. `#1c5d69`; needs 4.5:1 against white.
    #[schemars(with = "Option<String>", pattern(HEX))]
    pub accent: Option<Located>,
    /// The same in the dark scheme, e.g. `#7cc3cc`; needs 4.5:1 against the dark background `#101416`.
    #[schemars(with = "Option<String>", pattern(HEX))]
    pub accent_dark: Option<Located>,
}

/// What [`crate::resolve::colors`] accepts as a colour, for the schemas.
const HEX: &str = "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$";

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// A person's or a team's name.
    pub name: String,
    /// Their part in the course, e.g. `Authors` or `Clinical review`.
    pub role: Option<String>,
}

/// Front matter of a module, a module page or the home page text.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title (required on every module and page).
    pub title: Option<String>,
    /// Position among modules (or among a module's pages); overrides the file name's number.
    pub order: Option<u32>,
    /// One or two sentences for the home page (modules only).
    pub summary: Option<String>,
    /// Estimated study time in minutes (modules only).
    pub minutes: Option<u32>,
    /// Three to five measurable learning objectives (modules only; questions name their ids).
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// Drafts are left out unless built with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Shown before the text, e.g. `Discusses suicide and self-harm.`
    pub content_warning: Option<String>,
    /// Shows the notice that all cases are fictional.
    #[serde(default)]
    pub fictional: bool,
    /// When and by whom the page was clinically reviewed.
    pub reviewed: Option<Reviewed>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Unique across the course, e.g. `wg-explain-social-cure`.
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// What the learner will be able to do.
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewed {
    /// Date of the review, e.g. `2026-11-01`.
    pub date: String,
    /// Who reviewed it.
    pub by: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VignetteFront {
    /// The vignette's title.
    pub title: String,
    /// The group, e.g. `Semi-open CBT group for depression, 8 members, weekly, outpatient`.
    pub setting: Option<String>,
    /// Shorthand for `tags: { processes: [...] }`: terms of the course's `processes` vocabulary
    /// (without `vocabularies:` in course.yaml: entrepreneurship, prototypicality, advancement, impresarioship).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub processes: Vec<Located>,
    /// Terms of the course's vocabularies by vocabulary id, e.g. `{ skills: [reflecting, evoking] }`.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Vec<String>>")]
    pub tags: Tags,
    /// Id of the module the vignette belongs to.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub module: Option<Located>,
    /// A linked scenario question: `quiz-id/question-id`.
    #[schemars(with = "Option<String>")]
    pub scenario: Option<Located>,
    /// Discussion prompts; learners can answer them in their journal.
    #[serde(default)]
    pub prompts: Vec<Prompt>,
    /// Drafts are left out unless built with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Shown before the text, e.g. `Mentions suicidal thoughts.`
    pub content_warning: Option<String>,
    /// Shows the notice that all cases are fictional; default true for vignettes.
    pub fictional: Option<bool>,
    /// When and by whom the vignette was clinically reviewed.
    pub reviewed: Option<Reviewed>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// Unique within the vignette; keeps the learner's journal answer.
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// The question put to the learner.
    pub text: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    /// The quiz id; defaults to the file name.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub id: Option<Located>,
    /// The quiz title.
    pub title: String,
    /// Percent needed to pass; defaults to the course's `pass_mark`.
    #[schemars(with = "Option<u32>", range(max = 100))]
    pub pass_mark: Option<Spanned<u32>>,
    /// Shuffle the options of every choice question.
    #[serde(default)]
    pub shuffle: bool,
    /// A question pool: ask this many of the quiz's answerable questions (choice, short, ordering,
    /// matching) per attempt, drawn afresh on every retry; `required` questions are always drawn,
    /// scenarios and reflections always shown. From 1 to the number of answerable questions.
    #[schemars(with = "Option<u32>", range(min = 1))]
    pub draw: Option<Spanned<u32>>,
    /// The questions, in order.
    pub questions: Vec<Question>,
    /// Drafts are left out unless built with `--drafts`; pages that embed the quiz get a warning.
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Single,
    Multiple,
    Scenario,
    Reflection,
    /// A short written answer, self-assessed against a rubric.
    Short,
    /// Items to put in order.
    Ordering,
    /// Pairs to match.
    Matching,
}

impl QuestionKind {
    /// Whether a quiz attempt needs an answer to it (everything but scenarios and reflections);
    /// these are the questions a pool (`draw:`) draws from.
    pub fn is_answerable(self) -> bool {
        !matches!(self, Self::Scenario | Self::Reflection)
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique within the quiz; learners' answers are stored by it.
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// `single` (one correct option), `multiple` (one or more), `scenario` (branching), `reflection` (never scored),
    /// `short` (a written answer rated against a rubric), `ordering` (a sequence) or `matching` (pairs).
    pub kind: QuestionKind,
    /// A heading, mostly for scenarios.
    pub title: Option<String>,
    /// The question, scene or reflection prompt (Markdown).
    pub text: Option<String>,
    /// Ids of the learning objectives this question assesses.
    #[serde(default)]
    #[schemars(with = "Vec<String>", inner(pattern(ID)))]
    pub objectives: Vec<Located>,
    /// Shown after answering; points back to the module's teaching (Markdown).
    pub explanation: Option<String>,
    /// `single`/`multiple`: must be answered correctly in the passing attempt, whatever the
    /// score (a safety item). `scenario`: counts towards passing, as `pass_on: [positive]`.
    #[schemars(with = "Option<bool>")]
    pub required: Option<Spanned<bool>>,
    /// Scenarios only: the ending outcomes that pass, e.g. `[positive]`. The quiz is not passed
    /// until the scenario has once reached such an ending.
    #[schemars(with = "Option<Vec<Outcome>>")]
    pub pass_on: Option<Spanned<Vec<Outcome>>>,
    /// Scenarios only: minimum path scores, e.g. `{ rapport: 2 }`. The scenario counts towards
    /// passing, and passes only on a play whose scores reach every minimum at a passing ending
    /// (one of `pass_on:`, or any ending without it).
    #[schemars(with = "Option<std::collections::BTreeMap<String, i64>>")]
    pub pass_score: Option<Spanned<std::collections::BTreeMap<String, i64>>>,
    /// Shuffle this question's options; defaults to the quiz's `shuffle`.
    pub shuffle: Option<bool>,
    /// The options of a `single` or `multiple` question.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// The first node of a scenario; defaults to the first in `nodes`.
    #[schemars(with = "Option<String>")]
    pub start: Option<Located>,
    /// The moments of a scenario, each with `choices` or an `ending`.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// A `short` question's model answer (Markdown), shown once the learner has submitted theirs.
    pub model_answer: Option<String>,
    /// A `short` question's criteria; the learner rates their answer against each one.
    #[serde(default)]
    pub rubric: Vec<Criterion>,
    /// A `short` question counts toward the quiz score: met counts 1, partly ½, not yet 0,
    /// averaged over the criteria. Without it a short answer counts toward completion only.
    #[serde(default)]
    pub scored: bool,
    /// An `ordering` question's items, in the correct order (learners see them shuffled).
    #[serde(default)]
    pub items: Vec<OrderItem>,
    /// A `matching` question's pairs; learners match each left side with a right side.
    #[serde(default)]
    pub pairs: Vec<Pair>,
    /// Terms of the course's vocabularies by vocabulary id, e.g. `{ skills: [reflecting] }`;
    /// the progress report groups results by them.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Vec<String>>")]
    pub tags: Tags,
}

/// One criterion of a short answer's rubric.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Defaults to `a`, `b`, `c`… by position; learners' ratings are stored by it.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub id: Option<Located>,
    /// What a good answer does (Markdown).
    #[schemars(with = "String")]
    pub text: Located,
}

/// One item of an ordering question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderItem {
    /// Defaults to `a`, `b`, `c`… by position; learners' answers are stored by it.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub id: Option<Located>,
    /// The item (Markdown).
    #[schemars(with = "String")]
    pub text: Located,
    /// Why the item belongs in its place (Markdown), shown after answering.
    pub feedback: Option<String>,
}

/// One pair of a matching question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// Defaults to `a`, `b`, `c`… by position; learners' answers are stored by it.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub id: Option<Located>,
    /// What the learner matches (Markdown).
    #[schemars(with = "String")]
    pub left: Located,
    /// Its match (plain text: it is shown in a list to pick from).
    #[schemars(with = "String")]
    pub right: Located,
    /// Why these belong together (Markdown), shown after answering.
    pub feedback: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Defaults to `a`, `b`, `c`… by position.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub id: Option<Located>,
    /// The option (Markdown).
    #[schemars(with = "String")]
    pub text: Located,
    /// Marks a correct option.
    #[serde(default)]
    pub correct: bool,
    /// Why this option is right or wrong (Markdown).
    pub feedback: Option<String>,
    /// Where to read more: `module-id` or `module-id/page-id`, either optionally with `#heading-id`, or `glossary:term-id`.
    #[schemars(with = "Option<String>")]
    pub see: Option<Located>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique within the scenario; `next:` and `start:` name it.
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// Narrative of this moment (Markdown).
    pub text: Option<String>,
    /// What the facilitator can do next.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Makes this node an ending.
    pub ending: Option<Ending>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Best,
    Acceptable,
    Poor,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Defaults to `a`, `b`, `c`… by position.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub id: Option<Located>,
    /// What the facilitator does (Markdown).
    #[schemars(with = "String")]
    pub text: Located,
    /// How good the decision is: `best`, `acceptable` or `poor`.
    pub rating: Option<Rating>,
    /// The consequence and its rationale (Markdown).
    pub feedback: Option<String>,
    /// The node this choice leads to: a node id, or a list of branches tried in order.
    pub next: Next,
    /// Where to read more: `module-id` or `module-id/page-id`, either optionally with `#heading-id`, or `glossary:term-id`.
    #[schemars(with = "Option<String>")]
    pub see: Option<Located>,
    /// Amounts this choice adds to named scores, e.g. `{ rapport: 1, safety: -1 }`.
    #[serde(default)]
    pub scores: std::collections::BTreeMap<String, i64>,
    /// Flags this choice sets, e.g. `[disclosed]`; a `when:` condition can test them.
    #[serde(default)]
    #[schemars(with = "Vec<String>", inner(pattern(ID)))]
    pub set: Vec<Located>,
    /// Commentary on this decision, shown at the ending when the learner took it (Markdown).
    pub debrief: Option<String>,
    /// Terms of the course's vocabularies the decision exercises, e.g. `{ skills: [reflecting] }`.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Vec<String>>")]
    pub tags: Tags,
}

/// Where a choice leads: one node id, or a list of branches of which the first whose `when:`
/// holds is taken; the last branch may have no `when:` and is then the otherwise.
// Deserialized by hand: `#[serde(untagged)]` would buffer the value and lose the positions
// that `check` needs to point at a node id or a condition.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum Next {
    /// Id of the node this choice leads to.
    Node(#[schemars(with = "String", pattern(ID))] Located),
    /// Branches tried in order.
    Branches(Vec<Branch>),
}

/// The two shapes of `next:` before the position of a node id is attached.
enum NextShape {
    Node(String),
    Branches(Vec<Branch>),
}

impl<'de> Deserialize<'de> for NextShape {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
            type Value = NextShape;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a node id, or a list of branches like `- { when: \"rapport >= 2\", next: node-id }`")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<NextShape, E> {
                Ok(NextShape::Node(id.to_string()))
            }
            /// A node id of digits only, as YAML reads `next: 2`.
            fn visit_u64<E: serde::de::Error>(self, id: u64) -> Result<NextShape, E> {
                Ok(NextShape::Node(id.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<NextShape, A::Error> {
                let mut branches = Vec::new();
                while let Some(branch) = seq.next_element()? {
                    branches.push(branch);
                }
                Ok(NextShape::Branches(branches))
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

impl<'de> Deserialize<'de> for Next {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let shape = Spanned::<NextShape>::deserialize(deserializer)?;
        Ok(match shape.value {
            NextShape::Node(id) => Self::Node(Spanned::new(id, shape.referenced, shape.defined)),
            NextShape::Branches(branches) => Self::Branches(branches),
        })
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// A condition on scores and flags, e.g. `rapport >= 2 and not disclosed`; none on the last branch makes it the otherwise.
    #[schemars(with = "Option<String>")]
    pub when: Option<Located>,
    /// Id of the node this branch leads to.
    #[schemars(with = "String", pattern(ID))]
    pub next: Located,
}

impl Next {
    /// Every node id this choice may lead to, in order.
    pub fn targets(&self) -> Vec<&Located> {
        match self {
            Self::Node(id) => vec![id],
            Self::Branches(branches) => branches.iter().map(|b| &b.next).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Positive,
    Mixed,
    Negative,
}

impl Outcome {
    /// The name an author writes.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Positive => "positive",
            Outcome::Mixed => "mixed",
            Outcome::Negative => "negative",
        }
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    /// `positive`, `mixed` or `negative`.
    pub outcome: Outcome,
    /// The ending's title.
    pub title: String,
    /// What happened and why (Markdown).
    pub debrief: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    /// Defaults to the term as a slug.
    #[schemars(with = "Option<String>", pattern(ID))]
    pub id: Option<Located>,
    /// The term as it is shown.
    #[schemars(with = "String")]
    pub term: Located,
    /// Other forms that link to the term, e.g. plurals.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The definition (Markdown).
    pub definition: String,
    /// Ids of related terms.
    #[serde(default)]
    #[schemars(with = "Vec<String>", inner(pattern(ID)))]
    pub see: Vec<Located>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceEntry {
    /// Cited as `[@id]`, e.g. `robertson2023`.
    #[schemars(with = "String", pattern(ID))]
    pub id: Located,
    /// In-text form without parentheses, e.g. `Robertson et al., 2023`.
    pub cite: String,
    /// The full APA reference (Markdown).
    pub apa: String,
    /// The DOI, e.g. `10.1037/cps0000178`.
    pub doi: Option<String>,
    /// A web address, when there is no DOI.
    pub url: Option<String>,
}

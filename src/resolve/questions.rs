//! A checked quiz file becomes render-ready questions: ids, storage keys, anchors, plain
//! titles and every default applied, with each `see:` resolved once to a URL and a label.

use super::at;
use super::model::{Choice, Course, Ending, Node, Question, QuizOption, SeeLink, Unreadable};
use crate::diagnostics::Diagnostics;
use crate::load::schema::{self, Located, QuizFile};
use crate::markdown::plain_text;

/// The option id an author gave, or `a`, `b`, `c`… by position.
pub fn option_id(index: usize, given: Option<&Located>) -> String {
    given.map_or_else(|| position_letter(index), |id| id.value.clone())
}

fn position_letter(index: usize) -> String {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    if index < letters.len() { (letters[index] as char).to_string() } else { format!("o{}", index + 1) }
}

/// Resolves `see:` values against the pages and glossary of the course, with its lookups
/// built once.
pub struct SeeResolver<'a> {
    course: &'a Course,
}

impl<'a> SeeResolver<'a> {
    pub fn new(course: &'a Course) -> Self {
        Self { course }
    }

    /// `module-id#heading-id`, `module-id/page-id` or `glossary:term-id`, or why not.
    pub fn resolve(&self, see: &str) -> Result<SeeLink, String> {
        if let Some(term_id) = see.strip_prefix("glossary:") {
            let term = self.course.term(term_id).ok_or_else(|| format!("`see:` names unknown glossary term \"{term_id}\""))?;
            return Ok(SeeLink { url: format!("glossary/index.html#{}", term.id), label: format!("Glossary: {}", term.term) });
        }
        let (page_id, anchor) = see.split_once('#').unwrap_or((see, ""));
        let Some(page) = self.course.page(page_id) else {
            return Err(format!("`see:` names unknown page \"{page_id}\"{}", self.did_you_mean(page_id)));
        };
        if anchor.is_empty() {
            return Ok(SeeLink { url: page.url.clone(), label: page.title.clone() });
        }
        let heading = page.doc.headings.iter().find(|h| h.id == anchor);
        let heading = heading.ok_or_else(|| format!("page \"{page_id}\" has no heading with id \"{anchor}\""))?;
        Ok(SeeLink { url: format!("{}#{anchor}", page.url), label: format!("{}: {}", page.title, heading.text) })
    }

    fn did_you_mean(&self, page: &str) -> String {
        crate::diagnostics::did_you_mean(page, self.course.index.pages.keys().map(String::as_str))
            .map(|p| format!(" (did you mean \"{p}\"?)"))
            .unwrap_or_default()
    }

    /// Resolves one `see:` of the quiz file `path`, reporting a bad one.
    fn located(&self, path: &str, see: Option<&Located>, diags: &mut Diagnostics) -> Option<SeeLink> {
        let see = see?;
        self.resolve(&see.value)
            .map_err(|message| {
                if !self.into_unreadable(&see.value) {
                    let hint = "write `see: module-id#heading-id`, `see: module-id/page-id` or `see: glossary:term-id`";
                    diags.error(path, at(see, 0), message, Some(hint.to_string()));
                }
            })
            .ok()
    }

    /// Whether `see` points into a file that failed to load (and was reported already).
    fn into_unreadable(&self, see: &str) -> bool {
        let unreadable = match see.strip_prefix("glossary:") {
            Some(_) => Unreadable::Glossary,
            None => Unreadable::Page(see.split_once('#').map_or(see, |(page, _)| page).to_string()),
        };
        self.course.is_unreadable(&unreadable)
    }
}

/// The questions of the quiz `quiz_id` read from `path`.
pub fn questions(quiz_id: &str, path: &str, file: QuizFile, see: &SeeResolver<'_>, diags: &mut Diagnostics) -> Vec<Question> {
    let shuffle = file.shuffle;
    file.questions.into_iter().map(|q| question(quiz_id, path, shuffle, q, see, diags)).collect()
}

fn question(quiz_id: &str, path: &str, shuffle: bool, q: schema::Question, see: &SeeResolver<'_>, diags: &mut Diagnostics) -> Question {
    let id = q.id.value;
    let start = q.start.map(|s| s.value).or_else(|| q.nodes.first().map(|n| n.id.value.clone())).unwrap_or_default();
    let options = q
        .options
        .into_iter()
        .enumerate()
        .map(|(i, o)| QuizOption {
            id: option_id(i, o.id.as_ref()),
            see: see.located(path, o.see.as_ref(), diags),
            text: o.text.value,
            correct: o.correct,
            feedback: o.feedback,
        })
        .collect();
    let nodes = q.nodes.into_iter().map(|n| node(path, n, see, diags)).collect();
    Question {
        key: format!("{quiz_id}/{id}"),
        anchor: format!("q-{quiz_id}-{id}"),
        id,
        kind: q.kind,
        title: q.title.as_deref().map(plain_text),
        text: q.text,
        objectives: q.objectives.into_iter().map(|o| o.value).collect(),
        explanation: q.explanation,
        shuffle: q.shuffle.unwrap_or(shuffle),
        options,
        start,
        nodes,
    }
}

fn node(path: &str, n: schema::Node, see: &SeeResolver<'_>, diags: &mut Diagnostics) -> Node {
    let choices = n
        .choices
        .into_iter()
        .enumerate()
        .map(|(i, c)| Choice {
            id: option_id(i, c.id.as_ref()),
            see: see.located(path, c.see.as_ref(), diags),
            text: c.text.value,
            rating: c.rating,
            feedback: c.feedback,
            next: c.next.value,
        })
        .collect();
    let ending = n.ending.map(|e| Ending { outcome: e.outcome, title: e.title, debrief: e.debrief });
    Node { id: n.id.value, text: n.text, choices, ending }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_ids_default_to_letters() {
        let option: schema::ChoiceOption = crate::load::yaml::parse("q.yaml", "id: x\ntext: T\n", 1).unwrap();
        assert_eq!(option_id(0, None), "a");
        assert_eq!(option_id(2, option.id.as_ref()), "x");
        assert_eq!(option_id(26, None), "o27");
    }
}

//! Course-defined vocabularies (`vocabularies:` in course.yaml) and the tags that vignettes,
//! questions and scenario choices take from them.

use super::{at, check_id, suggest};
use crate::diagnostics::{Diagnostics, Pos};
use crate::load::COURSE_FILE;
use crate::load::schema::{self, Located};
use crate::resolve::model::{Config, Course, TagGroup, TagTerm, UncheckedTags, Vocabulary, VocabularyTerm};

/// The vocabulary a vignette's `processes:` names.
pub const PROCESSES: &str = "processes";

/// The vocabulary of a course.yaml without `vocabularies:`: the four identity leadership
/// processes that `processes:` accepted before courses declared their own.
const LEGACY_PROCESSES: [&str; 4] = ["entrepreneurship", "prototypicality", "advancement", "impresarioship"];

/// The course's vocabularies, checked: ids valid and unique, every vocabulary with terms;
/// with the declarations that failed, whose tags are then not checked.
pub(super) fn vocabularies(declared: &[schema::Vocabulary], diags: &mut Diagnostics) -> (Vec<Vocabulary>, UncheckedTags) {
    let mut unchecked = UncheckedTags::default();
    if declared.is_empty() {
        return (vec![legacy_processes()], unchecked);
    }
    let mut out: Vec<Vocabulary> = Vec::new();
    for vocabulary in declared {
        if !check_id(&vocabulary.id, COURSE_FILE, 0, "vocabulary id", diags) {
            unchecked.vocabularies.push(vocabulary.id.value.clone());
            continue;
        }
        if out.iter().any(|v| v.id == vocabulary.id.value) {
            diags.error(
                COURSE_FILE,
                at(&vocabulary.id, 0),
                format!("duplicate vocabulary id \"{}\"", vocabulary.id.value),
                Some("give every vocabulary its own id, or merge their terms".to_string()),
            );
            continue;
        }
        if vocabulary.terms.is_empty() {
            diags.error(
                COURSE_FILE,
                at(&vocabulary.id, 0),
                format!("vocabulary \"{}\" has no terms", vocabulary.id.value),
                Some("list them under `terms:`, e.g. `terms: [{ id: evoking, label: Evoking }]`".to_string()),
            );
            unchecked.vocabularies.push(vocabulary.id.value.clone());
            continue;
        }
        let terms = terms(&vocabulary.id.value, &vocabulary.terms, &mut unchecked, diags);
        out.push(Vocabulary { id: vocabulary.id.value.clone(), label: vocabulary.label.clone(), terms });
    }
    (out, unchecked)
}

fn terms(
    vocabulary: &str,
    declared: &[schema::VocabularyTerm],
    unchecked: &mut UncheckedTags,
    diags: &mut Diagnostics,
) -> Vec<VocabularyTerm> {
    let mut out: Vec<VocabularyTerm> = Vec::new();
    for term in declared {
        if !check_id(&term.id, COURSE_FILE, 0, "term id", diags) {
            unchecked.terms.push((vocabulary.to_string(), term.id.value.clone()));
            continue;
        }
        if out.iter().any(|t| t.id == term.id.value) {
            diags.error(
                COURSE_FILE,
                at(&term.id, 0),
                format!("vocabulary \"{vocabulary}\" lists \"{}\" twice", term.id.value),
                Some("remove one of them".to_string()),
            );
            continue;
        }
        out.push(VocabularyTerm {
            id: term.id.value.clone(),
            label: term.label.clone().unwrap_or_else(|| default_label(&term.id.value)),
            glossary: term.glossary.as_ref().map(|g| (g.value.clone(), at(g, 0))),
        });
    }
    out
}

fn legacy_processes() -> Vocabulary {
    let terms = LEGACY_PROCESSES.iter().map(|id| VocabularyTerm { id: id.to_string(), label: default_label(id), glossary: None }).collect();
    Vocabulary { id: PROCESSES.to_string(), label: "Leadership processes".to_string(), terms }
}

/// `motivational-interviewing` → `Motivational interviewing`.
fn default_label(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Checks that every `glossary:` of a vocabulary term names a glossary term, and drops those
/// that do not (the tag is then shown without a link).
pub(super) fn check_glossary_links(course: &mut Course, diags: &mut Diagnostics) {
    let glossary_readable = !course.is_unreadable(&crate::resolve::Unreadable::Glossary);
    let known: Vec<String> = course.glossary.iter().map(|t| t.id.clone()).collect();
    for vocabulary in &mut course.config.vocabularies {
        for term in &mut vocabulary.terms {
            let Some((id, pos)) = &term.glossary else { continue };
            if known.contains(id) {
                continue;
            }
            if glossary_readable {
                diags.error(
                    COURSE_FILE,
                    *pos,
                    format!("term \"{}\" names unknown glossary term \"{id}\"", term.id),
                    Some(suggest(id, known.iter().map(String::as_str), "add the term to glossary.yaml or remove `glossary:`")),
                );
            }
            term.glossary = None;
        }
    }
}

/// The tags an item gives (`tags:`, plus a vignette's `processes:`), checked against the
/// course's vocabularies and put in the course's order. Unknown ones are reported (unless an
/// error in course.yaml accounts for them) and left out.
pub(super) fn resolve(
    config: &Config,
    given: &[(&str, &[Located])],
    path: &str,
    line_offset: usize,
    diags: &mut Diagnostics,
) -> Vec<TagGroup> {
    let vocabularies = &config.vocabularies;
    let unchecked = &config.unchecked_tags;
    for (vocabulary_id, terms) in given {
        let Some(vocabulary) = vocabularies.iter().find(|v| v.id == *vocabulary_id) else {
            if !unchecked.covers(vocabulary_id, None) {
                report_unknown_vocabulary(vocabularies, vocabulary_id, terms, path, line_offset, diags);
            }
            continue;
        };
        let unknown =
            |t: &&Located| !vocabulary.terms.iter().any(|known| known.id == t.value) && !unchecked.covers(vocabulary_id, Some(&t.value));
        for term in terms.iter().filter(unknown) {
            let known: Vec<&str> = vocabulary.terms.iter().map(|t| t.id.as_str()).collect();
            diags.error(
                path,
                at(term, line_offset),
                format!("unknown {} \"{}\"", term_noun(vocabulary_id), term.value),
                Some(suggest(
                    &term.value,
                    known.iter().copied(),
                    &format!("use one of {}, or add it to the vocabulary in course.yaml", known.join(", ")),
                )),
            );
        }
    }
    vocabularies
        .iter()
        .filter_map(|vocabulary| {
            let named = |id: &str| given.iter().any(|(v, terms)| *v == vocabulary.id && terms.iter().any(|t| t.value == id));
            let terms: Vec<TagTerm> =
                vocabulary.terms.iter().filter(|t| named(&t.id)).map(|t| TagTerm { id: t.id.clone(), label: t.label.clone() }).collect();
            (!terms.is_empty()).then(|| TagGroup { vocabulary: vocabulary.id.clone(), label: vocabulary.label.clone(), terms })
        })
        .collect()
}

/// `processes` → `process`, what one term of a vocabulary is called in messages.
fn term_noun(vocabulary: &str) -> String {
    if vocabulary == PROCESSES { "process".to_string() } else { format!("{vocabulary} tag") }
}

fn report_unknown_vocabulary(
    vocabularies: &[Vocabulary],
    unknown: &str,
    terms: &[Located],
    path: &str,
    line_offset: usize,
    diags: &mut Diagnostics,
) {
    let known: Vec<&str> = vocabularies.iter().map(|v| v.id.as_str()).collect();
    let position = terms.first().map_or(Pos::new(1, 1), |t| at(t, line_offset));
    diags.error(
        path,
        position,
        format!("unknown vocabulary \"{unknown}\""),
        Some(suggest(
            unknown,
            known.iter().copied(),
            &format!("declare it under `vocabularies:` in course.yaml (known: {})", known.join(", ")),
        )),
    );
}

/// A `tags:` map as the pairs [`resolve`] takes.
pub(super) fn pairs(tags: &schema::Tags) -> Vec<(&str, &[Located])> {
    tags.iter().map(|(vocabulary, terms)| (vocabulary.as_str(), terms.as_slice())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_default_to_the_id_in_words() {
        assert_eq!(default_label("change-talk"), "Change talk");
        assert_eq!(default_label("evoking"), "Evoking");
    }

    #[test]
    fn a_course_without_vocabularies_keeps_the_four_processes() {
        let mut diags = Diagnostics::default();
        let (vocabularies, _) = vocabularies(&[], &mut diags);
        assert_eq!(vocabularies.len(), 1);
        assert_eq!(vocabularies[0].id, PROCESSES);
        assert_eq!(vocabularies[0].terms.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), LEGACY_PROCESSES);
        assert_eq!(diags.error_count() + diags.warning_count(), 0);
    }
}

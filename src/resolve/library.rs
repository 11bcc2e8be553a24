//! The course library: glossary terms and bibliography entries, sorted and indexed once.

use super::{at, check_id, is_valid_id, suggest};
use crate::diagnostics::Diagnostics;
use crate::load::schema::{ReferenceEntry, TermEntry};
use crate::load::{GLOSSARY_FILE, REFERENCES_FILE};
use crate::markdown;
use crate::resolve::model::*;
use std::collections::{HashMap, HashSet};

pub(super) fn glossary(course: &mut Course, entries: Vec<TermEntry>, diags: &mut Diagnostics) {
    let mut ids = HashSet::new();
    for entry in &entries {
        let id = entry.id.as_ref().map_or_else(|| markdown::slugify(&entry.term.value), |i| i.value.clone());
        let position = entry.id.as_ref().map_or_else(|| at(&entry.term, 0), |i| at(i, 0));
        if !is_valid_id(&id) || !ids.insert(id.clone()) {
            diags.error(
                GLOSSARY_FILE,
                position,
                format!("glossary id \"{id}\" is invalid or used twice"),
                Some("give the term a unique `id:` of lowercase letters, digits and hyphens".to_string()),
            );
            continue;
        }
        course.glossary.push(Term {
            id,
            pos: position,
            term: entry.term.value.clone(),
            aliases: entry.aliases.clone(),
            definition: entry.definition.clone(),
            see: entry.see.iter().map(|s| s.value.clone()).collect(),
        });
    }
    warn_shared_names(&entries, diags);
    for entry in &entries {
        for see in &entry.see {
            if !ids.contains(&see.value) {
                diags.error(
                    GLOSSARY_FILE,
                    at(see, 0),
                    format!("`see:` names unknown term \"{}\"", see.value),
                    Some(suggest(&see.value, ids.iter().map(String::as_str), "name the id of another glossary term")),
                );
            }
        }
    }
    course.glossary.sort_by_key(|t| t.term.to_lowercase());
}

/// A name (term or alias, in any case) claimed by two terms: `[[name]]` would link to the
/// first one only.
fn warn_shared_names(entries: &[TermEntry], diags: &mut Diagnostics) {
    let mut owners: HashMap<String, &str> = HashMap::new();
    for entry in entries {
        let term = entry.term.value.as_str();
        let mut own = HashSet::new();
        for name in std::iter::once(term).chain(entry.aliases.iter().map(String::as_str)) {
            let key = name.trim().to_lowercase();
            if !own.insert(key.clone()) {
                continue;
            }
            match owners.get(&key) {
                Some(first) => diags.warning(
                    GLOSSARY_FILE,
                    at(&entry.term, 0),
                    format!("\"{name}\" names both \"{first}\" and \"{term}\" in the glossary"),
                    Some(format!("`[[{name}]]` links to \"{first}\" only: remove \"{name}\" from one of the two terms")),
                ),
                None => {
                    owners.insert(key, term);
                }
            }
        }
    }
}

pub(super) fn references(course: &mut Course, entries: Vec<ReferenceEntry>, diags: &mut Diagnostics) {
    let mut ids = HashSet::new();
    for entry in entries {
        if !check_id(&entry.id, REFERENCES_FILE, 0, "reference id", diags) {
            continue;
        }
        if !ids.insert(entry.id.value.clone()) {
            diags.error(
                REFERENCES_FILE,
                at(&entry.id, 0),
                format!("duplicate reference id \"{}\"", entry.id.value),
                Some("give each reference its own id".to_string()),
            );
            continue;
        }
        course.references.push(Reference {
            pos: at(&entry.id, 0),
            id: entry.id.value,
            narrative: narrative(&entry.cite),
            cite: entry.cite,
            apa: entry.apa,
            doi: entry.doi,
            url: entry.url,
        });
    }
}

/// The narrative form of an in-text citation: `Robertson et al., 2023` → `Robertson et al. (2023)`;
/// a `cite:` without a comma before its year stays as it is.
fn narrative(cite: &str) -> String {
    match cite.rsplit_once(',') {
        Some((authors, year)) if !authors.trim().is_empty() && !year.trim().is_empty() => format!("{} ({})", authors.trim(), year.trim()),
        _ => cite.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn narrative_citations_put_the_year_in_parentheses() {
        assert_eq!(super::narrative("Robertson et al., 2023"), "Robertson et al. (2023)");
        assert_eq!(super::narrative("Miller and Rollnick, 2013"), "Miller and Rollnick (2013)");
        assert_eq!(super::narrative("WHO 2020"), "WHO 2020");
    }
}

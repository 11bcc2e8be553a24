//! Words for the search index: split, case- and accent-folded, and stemmed with the Snowball
//! stemmer of the course's language.
//!
//! The browser runtime (`87-search.js`) splits and folds a query the same way (`\p{Alphabetic}`,
//! `\p{N}` and `\p{M}` make a word; lowercase, NFD, marks dropped) but never stems: it looks the
//! folded words up in the index's vocabulary, which maps every word of the course to its stem.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words shorter than this (in characters, once folded) are not indexed.
pub(crate) const MIN_WORD: usize = 2;
/// Longer "words" (URLs, identifiers) are not indexed.
pub(crate) const MAX_WORD: usize = 40;

/// The runs of letters, digits and combining marks in `text`.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c))).filter(|w| !w.is_empty())
}

/// Lowercase, without accents: `Émile` → `emile`.
pub(crate) fn fold(word: &str) -> String {
    word.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// Whether a folded word is indexed.
pub(crate) fn indexed(folded: &str) -> bool {
    (MIN_WORD..=MAX_WORD).contains(&folded.chars().count())
}

/// The Snowball stemmer for a course language (`en`, `de-AT`, `pt-BR`…), or none when Snowball
/// has no algorithm for it: words are then matched by their folded form and prefixes only.
pub(crate) struct Stems(Option<Stemmer>);

impl Stems {
    pub(crate) fn for_language(language: &str) -> Self {
        Self(algorithm(language).map(Stemmer::create))
    }

    /// The stem of a word, folded: stemming runs on the lowercased word with its accents (the
    /// Snowball rules expect them), then the result is folded like every other key.
    pub(crate) fn stem(&self, word: &str) -> String {
        match &self.0 {
            Some(stemmer) => fold(&stemmer.stem(&word.to_lowercase())),
            None => fold(word),
        }
    }
}

fn algorithm(language: &str) -> Option<Algorithm> {
    let primary = language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_keep_accents_and_digits() {
        let found: Vec<&str> = words("Groups-4-Health: l'élève, naïve café (2020)!").collect();
        assert_eq!(found, ["Groups", "4", "Health", "l", "élève", "naïve", "café", "2020"]);
        // A decomposed accent stays inside its word.
        assert_eq!(words("cafe\u{301} au lait").collect::<Vec<_>>(), ["cafe\u{301}", "au", "lait"]);
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Émile"), "emile");
        assert_eq!(fold("NAÏVE"), "naive");
        assert_eq!(fold("cafe\u{301}"), fold("café"));
        assert!(!indexed("a") && indexed("ab") && !indexed(&"x".repeat(41)));
    }

    #[test]
    fn english_stems_group_inflections() {
        let stems = Stems::for_language("en-GB");
        assert_eq!(stems.stem("Groups"), stems.stem("group"));
        assert_eq!(stems.stem("facilitating"), stems.stem("facilitates"));
        assert_eq!(stems.stem("leaders"), "leader");
        assert_ne!(stems.stem("leadership"), stems.stem("leaders"));
    }

    #[test]
    fn stems_follow_the_course_language_and_fold_accents() {
        let french = Stems::for_language("fr");
        assert_eq!(french.stem("éducatrices"), french.stem("éducatrice"));
        assert!(french.stem("éducation").is_ascii(), "stems are folded");
        let german = Stems::for_language("de");
        assert_eq!(german.stem("Gruppen"), german.stem("Gruppe"));
        // No Snowball stemmer for Welsh: words are only folded.
        assert_eq!(Stems::for_language("cy").stem("Grwpiau"), "grwpiau");
    }
}

//! Every YAML call of the project lives here, so a serde-saphyr upgrade touches one file.

use crate::diagnostics::{Diagnostic, Severity};
use serde::de::DeserializeOwned;

/// Parses `text` (which starts at 1-based `first_line` of `file`) into `T`, or one diagnostic
/// that points at the offending place. Alias bombs, deep nesting and huge documents are
/// stopped by the parser's budget and reported like any other error.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str, first_line: usize) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|error| to_diagnostic(file, first_line, &error))
}

fn to_diagnostic(file: &str, first_line: usize, error: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = error
        .location()
        .map_or((first_line, 0), |l| (usize::try_from(l.line()).unwrap_or(0) + first_line - 1, usize::try_from(l.column()).unwrap_or(0)));
    let raw = error.to_string();
    let message = clean_message(&raw);
    Diagnostic { severity: Severity::Error, file: file.to_string(), line, column, hint: Some(hint_for(&message)), message }
}

/// The parser's message without its own position (we print positions ourselves).
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.split(" (used at line ").next().unwrap_or(first);
    let message = match first.rfind(" at line ") {
        Some(i) if is_position(&first[i + " at line ".len()..]) => &first[..i],
        _ => first,
    };
    let message = message.trim().trim_end_matches(',');
    match message {
        "" => "invalid YAML".to_string(),
        m if m.starts_with("invalid u") || m.starts_with("invalid i") => "expected a whole number".to_string(),
        m if m.starts_with("invalid bool") => "expected true or false".to_string(),
        m => m.to_string(),
    }
}

/// `12, column 4` (the tail of the parser's position suffix).
fn is_position(tail: &str) -> bool {
    let (line, column) = tail.split_once(", column ").unwrap_or((tail, "0"));
    line.bytes().all(|b| b.is_ascii_digit()) && column.bytes().all(|b| b.is_ascii_digit())
}

fn hint_for(message: &str) -> String {
    let lower = message.to_lowercase();
    if lower.contains("unknown field") {
        if let Some(suggestion) = unknown_field_suggestion(message) {
            return format!("did you mean `{suggestion}`? Field names are listed in docs/authoring.md");
        }
        return "remove the field or fix its spelling; the fields are listed in docs/authoring.md".into();
    }
    if lower.contains("whole number") {
        return "write a whole number without quotes or units, e.g. `minutes: 40`".into();
    }
    if lower.contains("true or false") {
        return "write `true` or `false` without quotes".into();
    }
    if lower.contains("missing field") {
        return "add the field; docs/authoring.md lists the required fields".into();
    }
    if lower.contains("unknown variant") {
        return "use one of the values the message lists".into();
    }
    if lower.contains("alias") || lower.contains("budget") || lower.contains("depth") || lower.contains("limit") {
        return "simplify the YAML: anchors/aliases that expand hugely and very deep nesting are refused".into();
    }
    if lower.contains("invalid type") {
        return "check the value's type: text, a number, a list (`- item`) or a mapping (`key: value`)".into();
    }
    "check indentation (spaces, not tabs), colons after keys, and quote text that contains `: ` or starts with a special character".into()
}

/// For serde's "unknown field `x`, expected one of a, b" message, the closest expected name.
fn unknown_field_suggestion(message: &str) -> Option<String> {
    let unknown = message.split('`').nth(1)?;
    let (_, expected) = message.split_once("expected ")?;
    let expected = expected.trim_start_matches("one of ");
    let names = expected.split(',').map(|n| n.trim().trim_matches('`'));
    crate::diagnostics::did_you_mean(unknown, names).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::QuizFile;

    #[test]
    fn unknown_field_reports_position_and_suggestion() {
        let err = parse::<QuizFile>("q.yaml", "title: T\nquestionz: []\n", 1).unwrap_err();
        assert_eq!((err.line, err.file.as_str()), (2, "q.yaml"));
        assert!(err.message.contains("questionz"), "{}", err.message);
        assert!(err.hint.as_deref().unwrap_or_default().contains("questions"), "{err}");
    }

    #[test]
    fn messages_lose_position_suffixes() {
        assert_eq!(clean_message("expected string scalar at line 2, column 10"), "expected string scalar");
        assert_eq!(
            clean_message("expected string scalar (defined at line 2, column 15) (used at line 5, column 13)"),
            "expected string scalar (defined at line 2, column 15)"
        );
    }

    #[test]
    fn line_offset_applies_to_front_matter() {
        let err = parse::<QuizFile>("m.md", "title: [unclosed\n", 2).unwrap_err();
        assert!(err.line >= 2, "{err}");
    }

    #[test]
    fn alias_bomb_is_an_error_not_a_hang() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!(
                "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(parse::<serde_json::Value>("bomb.yaml", &bomb, 1).is_err());
    }
}

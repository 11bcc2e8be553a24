//! Every YAML call of the project lives here, so a serde-saphyr upgrade touches one file.
//!
//! The parser's errors are told in the author's words: each is recognised by its kind (never
//! by the parser's wording), and the help names the fix — for the quoting mistakes of
//! dialogue-heavy text, the offending line rewritten as a block scalar.

use crate::diagnostics::{Diagnostic, Severity};
use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind as Scan;
use serde_saphyr::{Error, ExternalMessageSource};

/// Upper bounds on what one document may hold. A file within [`super::MAX_FILE_BYTES`] stays
/// below them even written as densely as YAML allows (`[a,a,…]`: two bytes a node), so they
/// refuse nothing an author writes; alias expansion ("billion laughs") is stopped separately,
/// by the parser's limit on replayed alias events.
const MAX_NODES: usize = 4_000_000;
const MAX_EVENTS: usize = 8_000_000;

/// Parses `text` (which starts at 1-based `first_line` of `file`) into `T`, or one diagnostic
/// that points at the offending place. Alias bombs, deep nesting and huge documents are
/// stopped by the parser's budget and reported like any other error.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str, first_line: usize) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|error| to_diagnostic(file, text, first_line, &error))
}

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_EVENTS;
    serde_saphyr::options! { with_snippet: false, budget: Some(budget) }
}

fn to_diagnostic(file: &str, text: &str, first_line: usize, error: &Error) -> Diagnostic {
    let (line, column) =
        error.location().map_or((0, 0), |l| (usize::try_from(l.line()).unwrap_or(0), usize::try_from(l.column()).unwrap_or(0)));
    let cause = innermost(error);
    let (line, column) = match cause {
        Error::SerdeMissingField { .. } if line > 0 => mapping_start(text, line, column),
        Error::ExternalMessage { source, .. } if is_tab_error(source) => first_tab(text, line).unwrap_or((line, column)),
        _ => (line, column),
    };
    let source_line = line.checked_sub(1).and_then(|i| text.lines().nth(i)).unwrap_or_default();
    let (message, hint) = explain(cause, source_line, column).unwrap_or_else(|| {
        let message = clean_message(&error.to_string());
        let hint = hint_for(cause);
        (message, hint)
    });
    let line = if line == 0 { first_line } else { line + first_line - 1 };
    Diagnostic { severity: Severity::Error, file: file.to_string(), line, column, hint: Some(hint), message }
}

/// The error itself, without the wrappers that only add source positions.
fn innermost(error: &Error) -> &Error {
    match error {
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => innermost(error),
        other => other,
    }
}

fn is_tab_error(source: &ExternalMessageSource) -> bool {
    matches!(source, ExternalMessageSource::Parser(scan) if matches!(scan.kind(), Scan::TabNotAllowed | Scan::TabInBlockIndentation | Scan::TabInIndentation | Scan::TabAtBlockScalarStart | Scan::TabInPlainScalar))
}

/// The first tab at or after `line`: the scanner reports a tab where the token before it ends.
fn first_tab(text: &str, line: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find_map(|(index, content)| content.find('\t').map(|at| (index + 1, content[..at].chars().count() + 1)))
}

/// Where the mapping holding the key at (`line`, `column`) begins: serde reports a missing
/// field at the mapping's last key, but the author looks for the question (or node) itself.
fn mapping_start(text: &str, line: usize, column: usize) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = (line, column);
    for number in (1..line).rev() {
        let Some(candidate) = lines.get(number - 1) else { break };
        let content = candidate.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let key_column = candidate.len() - content.len() + 1;
        if key_column > column {
            continue;
        }
        if key_column == column {
            start = (number, column);
            continue;
        }
        let after_dash = content.strip_prefix('-').map(str::trim_start);
        if after_dash.is_some_and(|item| candidate.len() - item.len() + 1 == column) {
            start = (number, candidate.len() - content.len() + 1);
        }
        break;
    }
    start
}

/// The message and help for the errors an author commonly meets; `None` for the others,
/// whose parser message is clear enough with a general hint.
fn explain(error: &Error, line: &str, column: usize) -> Option<(String, String)> {
    Some(match error {
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().map_or_else(|| "a key".to_string(), |k| format!("`{k}`"));
            (format!("{key} appears twice in this mapping; keep one"), "delete one of the two lines: YAML allows each key once in a mapping, so one of the two values would be lost".to_string())
        }
        Error::Budget { breach, .. } => budget_breach(breach),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => alias_bomb(),
        Error::UnknownAnchor { .. } => (
            "`*` names an anchor that is not defined above".to_string(),
            "a value starting with `*` is an alias; define `&name` first, or write the text as a block scalar (`|`) if the `*` is part of it".to_string(),
        ),
        Error::MultipleDocuments { .. } => (
            "a line `---` starts a second YAML document".to_string(),
            "remove the `---` line: a file (or a page's front matter) holds one YAML document".to_string(),
        ),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => scan_error(scan.kind(), line, column)?,
            _ => return None,
        },
        _ => return None,
    })
}

fn budget_breach(breach: &BudgetBreach) -> (String, String) {
    match breach {
        BudgetBreach::Depth { depth } => (
            format!("the YAML is nested {depth} levels deep, more than ingroup reads"),
            "a course file needs only a few levels; check that every line is indented only as far as the key it belongs to".to_string(),
        ),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } | BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => (
            "the file holds more YAML values or text than ingroup reads from one file".to_string(),
            "split it into several files, e.g. one quiz per file".to_string(),
        ),
        BudgetBreach::Documents { .. } => (
            "the file holds many YAML documents (`---` lines)".to_string(),
            "remove the `---` lines: a file holds one YAML document".to_string(),
        ),
        _ => alias_bomb(),
    }
}

fn alias_bomb() -> (String, String) {
    (
        "anchors and aliases (`&name`, `*name`) here expand to far more values than the file holds".to_string(),
        "write the repeated values out, or use fewer nested aliases: a file that expands hugely is refused, as it may be an attack (\"billion laughs\")".to_string(),
    )
}

/// The scanner's error kinds that come from writing text: quotes, colons, tabs, indentation.
fn scan_error(kind: &Scan, line: &str, column: usize) -> Option<(String, String)> {
    let (message, hint) = match kind {
        Scan::InvalidTrailingDoubleQuotedScalar => ("a `\"` inside double-quoted text ends the text early", block_scalar_hint(line)),
        Scan::InvalidTrailingSingleQuotedScalar => {
            ("an apostrophe (`'`) inside single-quoted text ends the text early", block_scalar_hint(line))
        }
        Scan::UnclosedQuotedScalar => ("quoted text is never closed", block_scalar_hint(line)),
        Scan::UnknownQuotedScalarEscape
        | Scan::InvalidQuotedScalarHexEscape
        | Scan::InvalidUnicodeEscape
        | Scan::InvalidLowSurrogate
        | Scan::InvalidLowSurrogateHexEscape
        | Scan::MissingLowSurrogate
        | Scan::UnpairedLowSurrogate => {
            ("a backslash (`\\`) in double-quoted text starts an escape YAML does not know", block_scalar_hint(line))
        }
        Scan::MappingValueNotAllowed | Scan::InvalidMappingValueWhitespace if colon_inside_value(line, column) => {
            ("a colon followed by a space inside unquoted text reads as a new key", block_scalar_hint(line))
        }
        Scan::CommentInterceptedScalar => ("a ` #` inside unquoted text starts a comment", block_scalar_hint(line)),
        Scan::UnexpectedCharacter { character } => {
            return Some((format!("unquoted text cannot start with `{character}`"), block_scalar_hint(line)));
        }
        Scan::TabNotAllowed
        | Scan::TabInBlockIndentation
        | Scan::TabInIndentation
        | Scan::TabAtBlockScalarStart
        | Scan::TabInPlainScalar => (
            "a tab character where YAML allows only spaces",
            "replace the tab with spaces (two for each level); most editors can show tabs and convert them".to_string(),
        ),
        Scan::MappingValueNotAllowed
        | Scan::InvalidMappingValueWhitespace
        | Scan::InvalidIndentation
        | Scan::ExpectedBlockMappingKey
        | Scan::ExpectedBlockSequenceEntry
        | Scan::InvalidBlockScalarIndent
        | Scan::InvalidQuotedScalarIndent
        | Scan::InvalidFlowScalarIndent
        | Scan::BlockSequenceEntryNotAllowed => ("this line is indented differently from the lines around it", INDENTATION.to_string()),
        Scan::UnclosedFlowCollection { .. } | Scan::MismatchedFlowCollectionEnd { .. } | Scan::MisplacedFlowCollectionEnd => (
            "a list or mapping in brackets (`[`, `{`) is not closed as it was opened",
            "close every `[` with `]` and every `{` with `}`; text that starts with a bracket goes in a block scalar (`|`)".to_string(),
        ),
        _ => return None,
    };
    Some((message.to_string(), hint))
}

const INDENTATION: &str = "indent the keys of one mapping by the same number of spaces, a list item's keys two spaces past its `- `, and continued text further than its key; if the line is text holding `: `, write it as a block scalar (`|`)";

/// Whether the colon the parser stopped at (1-based `column`) lies inside the value of a
/// `key: value` line, rather than after a key of its own (a line indented wrongly).
fn colon_inside_value(line: &str, column: usize) -> bool {
    key_value(line).is_some_and(|(_, key, _)| column > line[..key.len()].chars().count() + 1)
}

/// The line split as `(prefix before the key, prefix and key, value)`, for `key: value` lines
/// (also as a list item `- key: value`).
fn key_value(line: &str) -> Option<(&str, &str, &str)> {
    let content = line.trim_start();
    let item = content.strip_prefix("- ").map_or(content, str::trim_start);
    let (key, value) = item.split_once(':')?;
    let valid_key = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let value = value.strip_prefix(' ').filter(|_| valid_key)?;
    let prefix = &line[..line.len() - item.len()];
    Some((prefix, &line[..line.len() - item.len() + key.len()], value))
}

/// Help that shows `line` rewritten as a block scalar, where quotes, colons and `#` are
/// ordinary characters.
fn block_scalar_hint(line: &str) -> String {
    let example = rewritten_as_block(line).unwrap_or_else(|| "text: |\n  The client says: \"I'm not sure.\"".to_string());
    let shown: Vec<String> = example.lines().map(|l| format!("        {l}")).collect();
    format!(
        "write the text as a block scalar, with `|` after the key and the text on the next lines, indented; inside it quotes, colons and `#` need no escaping:\n{}",
        shown.join("\n")
    )
}

/// `  - text: "She said "no""` → `- text: |` and `    She said "no"` (indentation made relative).
fn rewritten_as_block(line: &str) -> Option<String> {
    let (prefix, key_part, value) = key_value(line)?;
    let indent = line.len() - line.trim_start().len();
    let head = &key_part[indent..];
    let text = unquoted(value.trim());
    if text.is_empty() {
        return None;
    }
    let pad = " ".repeat(prefix.len() - indent + 2);
    Some(format!("{head}: |\n{pad}{text}"))
}

/// A value without the quotes an author put around it (and with their escapes undone).
fn unquoted(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"') {
        inner.strip_suffix('"').unwrap_or(inner).replace("\\\"", "\"")
    } else if let Some(inner) = value.strip_prefix('\'') {
        inner.strip_suffix('\'').unwrap_or(inner).replace("''", "'")
    } else {
        value.to_string()
    }
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

fn hint_for(error: &Error) -> String {
    match error {
        Error::SerdeUnknownField { field, expected, .. } => match crate::diagnostics::did_you_mean(field, expected.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`? Field names are listed in docs/authoring.md"),
            None => "remove the field or fix its spelling; the fields are listed in docs/authoring.md".into(),
        },
        Error::InvalidScalar { ty, .. } if ty.starts_with(['u', 'i']) => {
            "write a whole number without quotes or units, e.g. `minutes: 40`".into()
        }
        Error::InvalidScalar { ty, .. } if ty.starts_with("bool") => "write `true` or `false` without quotes".into(),
        Error::SerdeMissingField { .. } => "add the field; docs/authoring.md lists the required fields".into(),
        Error::SerdeUnknownVariant { .. } => "use one of the values the message lists".into(),
        Error::SerdeInvalidType { .. } => "check the value's type: text, a number, a list (`- item`) or a mapping (`key: value`)".into(),
        _ => {
            "check indentation (spaces, not tabs), colons after keys, and quote text that contains `: ` or starts with a special character"
                .into()
        }
    }
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
    fn alias_bomb_is_refused_in_words() {
        let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
            bomb.push_str(&format!(
                "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let err = parse::<serde_json::Value>("bomb.yaml", &bomb, 1).unwrap_err();
        assert!(err.message.contains("aliases"), "{err}");
        assert!(err.hint.as_deref().unwrap_or_default().contains("billion laughs"), "{err}");
    }

    #[test]
    fn a_large_file_without_aliases_is_accepted() {
        let values = "a,".repeat(250_001);
        let list = parse::<Vec<String>>("big.yaml", &format!("[{values}]"), 1).unwrap();
        assert_eq!(list.len(), 250_001);
    }

    #[test]
    fn a_duplicate_key_is_named_with_the_fix() {
        let err = parse::<QuizFile>("q.yaml", "title: A\ntitle: B\nquestions: []\n", 1).unwrap_err();
        assert_eq!(err.message, "`title` appears twice in this mapping; keep one");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn quotes_inside_quoted_text_get_the_line_rewritten_as_a_block_scalar() {
        let text = "title: T\nquestions:\n  - id: q\n    kind: reflection\n    text: \"She said \"no\" to him\"\n";
        let err = parse::<QuizFile>("q.yaml", text, 1).unwrap_err();
        assert_eq!(err.line, 5, "{err}");
        assert!(err.message.contains("ends the text early"), "{err}");
        let hint = err.hint.unwrap_or_default();
        assert!(hint.contains("        text: |\n          She said \"no\" to him"), "{hint}");
    }

    #[test]
    fn a_colon_inside_plain_text_gets_the_line_rewritten() {
        let text = "title: T\nquestions:\n  - id: q\n    kind: reflection\n    text: Client: I feel stuck\n";
        let err = parse::<QuizFile>("q.yaml", text, 1).unwrap_err();
        assert!(err.message.contains("colon"), "{err}");
        assert!(err.hint.unwrap_or_default().contains("text: |\n          Client: I feel stuck"), "{}", err.message);
    }

    #[test]
    fn a_tab_is_named() {
        let err = parse::<QuizFile>("q.yaml", "title: T\nquestions:\n  - id: q\n\tkind: single\n", 1).unwrap_err();
        assert!(err.message.contains("tab"), "{err}");
        assert_eq!((err.line, err.column), (4, 1), "{err}");
        assert!(err.hint.unwrap_or_default().contains("spaces"));
    }

    #[test]
    fn a_missing_field_is_reported_where_its_mapping_starts() {
        let text = "title: T\nquestions:\n  - kind: single\n    text: Q\n    options: []\n";
        let err = parse::<QuizFile>("q.yaml", text, 1).unwrap_err();
        assert!(err.message.contains("missing field `id`"), "{err}");
        assert_eq!((err.line, err.column), (3, 3), "{err}");
    }
}

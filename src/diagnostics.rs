//! Author-facing problems: `path:line:col: error: message` plus a `help:` hint.
//!
//! Every stage pushes into one [`Diagnostics`] list so that a run reports all problems together.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place of the course folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the course root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A position in a file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const fn new(line: usize, column: usize) -> Self {
        Self { line, column }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {level}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// The problems of one run, in the order they were found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn error(&mut self, file: &str, pos: Pos, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.add(Severity::Error, file, pos, message.into(), hint.into());
    }

    pub fn warning(&mut self, file: &str, pos: Pos, message: impl Into<String>, hint: impl Into<Option<String>>) {
        self.add(Severity::Warning, file, pos, message.into(), hint.into());
    }

    fn add(&mut self, severity: Severity, file: &str, pos: Pos, message: String, hint: Option<String>) {
        self.items.push(Diagnostic { severity, file: file.to_string(), line: pos.line, column: pos.column, message, hint });
    }

    /// Adds the problems of another list (e.g. one filled by a parallel task).
    pub fn append(&mut self, mut other: Diagnostics) {
        self.items.append(&mut other.items);
    }

    pub fn retain_errors(&mut self) {
        self.items.retain(|d| d.severity == Severity::Error);
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorted by file, then position, so output is stable whatever the order of discovery.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity)));
        items.dedup();
        items
    }

    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Report<'a> {
            errors: usize,
            warnings: usize,
            diagnostics: Vec<&'a Diagnostic>,
        }
        let report = Report { errors: self.error_count(), warnings: self.warning_count(), diagnostics: self.sorted() };
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, line_starts }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Pos::new(line, column)
    }
}

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates.into_iter().map(|c| (edit_distance(word, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets_to_lines_and_columns() {
        let index = LineIndex::new("ab\ncdé\nf");
        assert_eq!(index.pos(0), Pos::new(1, 1));
        assert_eq!(index.pos(4), Pos::new(2, 2));
        assert_eq!(index.pos(7), Pos::new(2, 4));
        assert_eq!(index.pos(8), Pos::new(3, 1));
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "summary"]), None);
    }

    #[test]
    fn display_includes_position_and_hint() {
        let mut d = Diagnostics::default();
        d.error("quizzes/a.yaml", Pos::new(3, 7), "bad", Some("fix it".to_string()));
        assert_eq!(d.sorted()[0].to_string(), "quizzes/a.yaml:3:7: error: bad\n  help: fix it");
    }
}

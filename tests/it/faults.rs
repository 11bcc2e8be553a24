//! The fault suite: hostile, malformed and oversized inputs. Each failing build must fail with a
//! located message, leave the previous site byte-identical and leave no staging folder behind;
//! none may abort or hang.

use crate::harness::{ingroup, minimal_course, stderr_of};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A course with a first site built into `<scratch>/site`, for breaking on purpose.
struct Setup {
    course: tempfile::TempDir,
    scratch: tempfile::TempDir,
    before: Vec<(String, Vec<u8>)>,
}

impl Setup {
    fn new() -> Self {
        let course = minimal_course();
        let scratch = tempfile::tempdir().unwrap();
        let setup = Self { course, scratch, before: Vec::new() };
        let output = setup.build(&[]);
        assert!(output.status.success(), "{}", stderr_of(&output));
        Self { before: tree(&setup.site()), ..setup }
    }

    fn root(&self) -> &Path {
        self.course.path()
    }

    fn site(&self) -> PathBuf {
        self.scratch.path().join("site")
    }

    fn build(&self, extra: &[&str]) -> std::process::Output {
        run_with_timeout(ingroup().args(["build", "--root"]).arg(self.root()).arg("--out").arg(self.site()).args(extra))
    }

    fn check(&self) -> std::process::Output {
        run_with_timeout(ingroup().args(["check", "--root"]).arg(self.root()))
    }

    /// The build failed cleanly: exit 1 with `needle` in its message, previous site unchanged,
    /// no staging folder.
    fn assert_refused(&self, output: &std::process::Output, needle: &str) {
        let stderr = stderr_of(output);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(needle), "expected {needle:?} in:\n{stderr}");
        self.assert_untouched();
    }

    fn assert_untouched(&self) {
        assert!(tree(&self.site()) == self.before, "the previous site changed");
        let leftovers: Vec<String> = fs::read_dir(self.scratch.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "site")
            .collect();
        assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    }
}

/// Runs the command, failing the test (instead of hanging it) after 60 seconds.
fn run_with_timeout(command: &mut assert_cmd::Command) -> std::process::Output {
    command.timeout(Duration::from_secs(60)).output().unwrap()
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

fn module(body: &str) -> String {
    format!("---\ntitle: Hostile\n---\n\n{body}\n")
}

// --- Crashes and hangs ---------------------------------------------------------------------

#[test]
fn deep_nesting_is_a_located_error_not_an_abort() {
    let setup = Setup::new();
    let list: String = (0..1500).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
    for body in [format!("{}deep", "> ".repeat(2500)), "<div>".repeat(5000), list] {
        fs::write(setup.root().join("content/02-deep.md"), module(&body)).unwrap();
        let output = setup.build(&[]);
        setup.assert_refused(&output, "content/02-deep.md:5");
        assert!(stderr_of(&output).contains("more than 100 levels"), "{}", stderr_of(&output));
    }
}

#[cfg(unix)]
#[test]
fn named_pipes_are_refused_not_read() {
    let setup = Setup::new();
    for (path, needle) in [("content/02-pipe.md", "content/02-pipe.md"), ("glossary.yaml", "glossary.yaml")] {
        let at = setup.root().join(path);
        let _ = fs::remove_file(&at);
        assert!(std::process::Command::new("mkfifo").arg(&at).status().unwrap().success());
        let started = Instant::now();
        let output = setup.check();
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr_of(&output).contains(needle) && stderr_of(&output).contains("named pipe"), "{}", stderr_of(&output));
        assert!(started.elapsed() < Duration::from_secs(30));
        setup.assert_refused(&setup.build(&[]), "named pipe");
        fs::remove_file(&at).unwrap();
    }
}

#[test]
fn repeated_headings_and_long_scenarios_take_linear_time() {
    let setup = Setup::new();
    fs::write(setup.root().join("content/02-many.md"), module(&"## a\n\n".repeat(60_000))).unwrap();
    let mut quiz = String::from("title: Long\nquestions:\n  - id: walk\n    kind: scenario\n    start: n0\n    nodes:\n");
    for i in 0..10_000 {
        quiz.push_str(&format!(
            "      - id: n{i}\n        text: Step\n        choices:\n          - text: On\n            next: n{}\n",
            i + 1
        ));
    }
    quiz.push_str("      - id: n10000\n        ending: { outcome: positive, title: Done }\n");
    fs::write(setup.root().join("quizzes/long.yaml"), quiz).unwrap();
    let started = Instant::now();
    let output = setup.check();
    assert!(started.elapsed() < Duration::from_secs(20), "check took {:?}", started.elapsed());
    assert!(!stderr_of(&output).contains("no path reaches"), "{}", stderr_of(&output));
}

// --- Output safety -------------------------------------------------------------------------

#[test]
fn out_inside_the_sources_is_refused_however_it_is_spelled() {
    let setup = Setup::new();
    let root = setup.root();
    std::os::unix::fs::symlink(root.join("content"), setup.scratch.path().join("link")).unwrap();
    let spellings = [root.join("zz/../content/site"), setup.scratch.path().join("link/site")];
    for out in spellings {
        let output = run_with_timeout(ingroup().args(["build", "--root"]).arg(root).arg("--out").arg(&out));
        assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
        assert!(stderr_of(&output).contains("would overwrite the course's sources"), "{}", stderr_of(&output));
        assert!(!root.join("content/site").exists(), "nothing written into content/");
    }
    fs::remove_file(setup.scratch.path().join("link")).unwrap();
    setup.assert_untouched();
}

#[test]
fn two_sources_for_one_page_are_an_error_naming_both() {
    let setup = Setup::new();
    for (file, other) in [
        ("content/02-glossary.md", "built-in glossary page"),
        ("content/02-intro.md", "two modules have the id \"intro\""),
        ("content/assets.md", "assets/ folder"),
    ] {
        fs::write(setup.root().join(file), module("Text.")).unwrap();
        let output = setup.build(&[]);
        setup.assert_refused(&output, other);
        assert!(stderr_of(&output).contains(file), "{}", stderr_of(&output));
        fs::remove_file(setup.root().join(file)).unwrap();
    }
}

#[test]
fn symbolic_links_are_refused_for_every_input() {
    let setup = Setup::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("outside.yaml");
    fs::write(&outside, "- term: Secret\n  definition: From outside the course.\n").unwrap();
    for file in ["glossary.yaml", "course.yaml"] {
        let at = setup.root().join(file);
        let saved = fs::read(&at).unwrap();
        fs::remove_file(&at).unwrap();
        std::os::unix::fs::symlink(&outside, &at).unwrap();
        setup.assert_refused(&setup.build(&[]), &format!("{file}: error: this is a symbolic link"));
        fs::remove_file(&at).unwrap();
        fs::write(&at, saved).unwrap();
    }
}

#[test]
fn an_out_path_below_a_file_is_explained() {
    let setup = Setup::new();
    let file = setup.scratch.path().join("file");
    fs::write(&file, "x").unwrap();
    let output = run_with_timeout(ingroup().args(["build", "--root"]).arg(setup.root()).arg("--out").arg(file.join("site")));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("a file stands where a folder is needed"), "{}", stderr_of(&output));
    fs::remove_file(file).unwrap();
    setup.assert_untouched();
}

// --- Scripts and URLs ----------------------------------------------------------------------

#[test]
fn raw_html_that_runs_code_is_an_error_unless_the_course_opts_in() {
    let setup = Setup::new();
    let body = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<iframe src=\"https://example.org\"></iframe>\n\n<span style=\"color:red\">red</span>";
    fs::write(setup.root().join("content/02-html.md"), module(body)).unwrap();
    let output = setup.build(&[]);
    setup.assert_refused(&output, "content/02-html.md:5");
    let stderr = stderr_of(&output);
    for needle in ["<script>", "`onerror`", "`javascript:`", "<iframe>", "`style` attribute"] {
        assert!(stderr.contains(needle), "{needle} in {stderr}");
    }
    let course = setup.root().join("course.yaml");
    let yaml = fs::read_to_string(&course).unwrap();
    fs::write(&course, format!("{yaml}trusted_html: true\n")).unwrap();
    // A `javascript:` link stays an error: it is a broken link whatever the course allows.
    fs::write(setup.root().join("content/02-html.md"), module(&body.replace("[x](javascript:alert(1))", ""))).unwrap();
    let output = setup.check();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("will not run in the built site"), "{}", stderr_of(&output));
}

#[test]
fn quiz_text_and_reference_urls_are_checked_too() {
    let setup = Setup::new();
    let quiz = setup.root().join("quizzes/intro.yaml");
    let yaml = fs::read_to_string(&quiz).unwrap();
    fs::write(&quiz, yaml.replacen("title:", "title: <img src=x onerror=alert(1)>", 1)).unwrap();
    let output = setup.check();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("quizzes/intro.yaml") && stderr_of(&output).contains("onerror"), "{}", stderr_of(&output));
}

#[test]
fn every_page_carries_a_strict_content_security_policy() {
    let setup = Setup::new();
    for (path, bytes) in &setup.before {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            assert!(html.contains("http-equiv=Content-Security-Policy"), "{path} has a CSP");
            assert!(html.contains("script-src 'self'") && !html.contains("unsafe-inline"), "{path}");
        }
    }
}

// --- Messages that speak the author's language ---------------------------------------------

#[test]
fn a_large_quiz_file_without_aliases_is_accepted() {
    let setup = Setup::new();
    // 29 YAML nodes a question (9 for the question, 5 + 5 * 3 for its options): 252,300 in all.
    let option = |n: usize| format!("      - text: A statement on group norm {n:02}, here\n");
    let question = |i: usize| {
        let options: String = (1..6).map(option).collect();
        format!(
            "  - id: q{i}\n    kind: single\n    text: Which statement about norms holds?\n    options:\n{}        correct: true\n{options}",
            option(0)
        )
    };
    let yaml = format!("title: Big\nquestions:\n{}", (0..8_700).map(question).collect::<String>());
    assert!((3_200_000..4_000_000).contains(&yaml.len()), "{} bytes", yaml.len());
    fs::write(setup.root().join("quizzes/big.yaml"), &yaml).unwrap();
    let output = setup.check();
    let stderr = stderr_of(&output);
    assert!(output.status.success() && !stderr.contains("error"), "{}", &stderr[..stderr.len().min(2000)]);
}

#[test]
fn a_glossary_name_shared_by_two_terms_is_a_warning() {
    let setup = Setup::new();
    let glossary = "- term: Shared identity\n  aliases: [us]\n  definition: A sense of us.\n- term: Social identity\n  aliases: [US]\n  definition: Who we are.\n";
    fs::write(setup.root().join("glossary.yaml"), glossary).unwrap();
    let stderr = stderr_of(&setup.check());
    assert!(stderr.contains("glossary.yaml:4:9: warning: \"US\" names both \"Shared identity\" and \"Social identity\""), "{stderr}");
}

#[test]
fn a_quiz_that_fails_to_load_is_reported_once_and_the_site_kept() {
    let setup = Setup::new();
    let quiz = setup.root().join("quizzes/intro.yaml");
    let yaml = fs::read_to_string(&quiz).unwrap();
    fs::write(&quiz, yaml.replacen("text: What matters?", "text: \"What \"matters\"?\"", 1)).unwrap();
    let output = setup.build(&[]);
    setup.assert_refused(&output, "quizzes/intro.yaml:6:");
    assert_eq!(stderr_of(&output).matches(": error: ").count(), 1, "{}", stderr_of(&output));
}

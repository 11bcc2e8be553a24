//! Fuzzes every loader through the public pipeline: the first byte picks one file of the e2e
//! fixture course (course.yaml, glossary, references, a quiz, a module, a vignette, a nested
//! module), the rest replaces it. `check` must never panic or hang, and a course it passes
//! must build.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

/// The fixture files the fuzzer may replace, one loader each.
const FILES: [&str; 7] = [
    "course.yaml",
    "glossary.yaml",
    "references.yaml",
    "quizzes/basics.yaml",
    "content/00-basics.md",
    "content/vignettes/new-member.md",
    "content/01-practice/01-first-session.md",
];

/// A private copy of the fixture course, made once per process.
struct Course {
    dir: tempfile::TempDir,
    originals: Vec<Vec<u8>>,
}

fn course() -> &'static Course {
    static COURSE: OnceLock<Course> = OnceLock::new();
    COURSE.get_or_init(|| {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/e2e");
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_tree(&fixture, &dir.path().join("course"));
        let originals = FILES.iter().map(|file| std::fs::read(fixture.join(file)).expect("the fixture file")).collect();
        Course { dir, originals }
    })
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the fixture").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copy");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let course = course();
    let index = usize::from(pick) % FILES.len();
    let root = course.dir.path().join("course");
    let file = root.join(FILES[index]);
    std::fs::write(&file, bytes).expect("the fuzzed file is written");
    let (_, diags) = ingroup::check(&root, false);
    if diags.error_count() == 0 {
        let options = ingroup::BuildOptions { root: root.clone(), out: course.dir.path().join("site"), drafts: false, minify: true, inject: None };
        if let Err(error) = ingroup::build(&options) {
            panic!("a course that check passes failed to build: {error}");
        }
    }
    std::fs::write(&file, &course.originals[index]).expect("the fixture file is restored");
});

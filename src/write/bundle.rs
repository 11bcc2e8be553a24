//! The theme's scripts (`static/js/*.js`), joined in name order into `assets/runtime.<hash>.js`
//! so a page loads one script instead of one per file.
//!
//! Each file's body is wrapped in `try { … } catch`, so one file's runtime failure never stops
//! the files after it. A wrapper turns top-level declarations into block-scoped ones, which
//! other files could no longer see, and drops a file's `"use strict"` directive: a file that
//! starts a line with `let`, `const`, `class`, `function` or a directive is therefore kept as a
//! separate script, in its place in the name order, as is a file that is not UTF-8.

/// One script a page loads: the bundle of consecutive wrappable files, or one file kept apart.
#[derive(Debug, PartialEq)]
pub(crate) enum Script<'a> {
    Bundle(String),
    Alone(&'a str, &'a [u8]),
}

/// Groups the theme's scripts (path under `static/`, bytes; in name order) into the scripts a
/// page loads, in the same order.
pub(crate) fn group<'a>(files: &[(&'a str, &'a [u8])]) -> Vec<Script<'a>> {
    let mut scripts = Vec::new();
    let mut bundle = String::new();
    for &(path, bytes) in files {
        match std::str::from_utf8(bytes).ok().filter(|text| wrappable(text)) {
            Some(text) => bundle.push_str(&wrap(path, text)),
            None => {
                flush(&mut bundle, &mut scripts);
                scripts.push(Script::Alone(path, bytes));
            }
        }
    }
    flush(&mut bundle, &mut scripts);
    scripts
}

fn flush(bundle: &mut String, scripts: &mut Vec<Script<'_>>) {
    if !bundle.is_empty() {
        scripts.push(Script::Bundle(std::mem::take(bundle)));
    }
}

/// A file's body inside a block that reports, and swallows, what it throws.
fn wrap(path: &str, text: &str) -> String {
    let name = path.replace(['\\', '"'], "_");
    format!("/* {name} */\ntry {{\n{text}\n}} catch (error) {{ console.error(\"ingroup: {name} failed\", error); }}\n")
}

/// Whether wrapping the file in a block keeps its meaning: no line starts a top-level
/// declaration or a directive (the theme's files are each one function expression).
fn wrappable(text: &str) -> bool {
    const STARTS: [&str; 7] = ["let ", "const ", "class ", "function ", "async function", "\"use strict\"", "'use strict'"];
    !text.lines().any(|line| STARTS.iter().any(|start| line.starts_with(start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_function_expressions_into_one_bundle_in_order() {
        let files = [("js/10-a.js", &b"(function () { A(); })();"[..]), ("js/20-b.js", &b"(function () { B(); })();"[..])];
        let scripts = group(&files);
        let [Script::Bundle(text)] = &scripts[..] else { panic!("one bundle expected: {scripts:?}") };
        assert!(text.find("A()").unwrap() < text.find("B()").unwrap());
        assert_eq!(text.matches("try {").count(), 2);
    }

    #[test]
    fn keeps_top_level_declarations_apart_and_in_place() {
        let shared = &b"const SHARED = 1;\n"[..];
        let strict = &b"\"use strict\";\nx();\n"[..];
        let files = [("js/10-a.js", &b"a();"[..]), ("js/20-shared.js", shared), ("js/30-b.js", &b"b();"[..]), ("js/40-s.js", strict)];
        let scripts = group(&files);
        assert_eq!(scripts.len(), 4);
        assert!(matches!(&scripts[0], Script::Bundle(text) if text.contains("a();")));
        assert_eq!(scripts[1], Script::Alone("js/20-shared.js", shared));
        assert!(matches!(&scripts[2], Script::Bundle(text) if text.contains("b();")));
        assert_eq!(scripts[3], Script::Alone("js/40-s.js", strict));
    }

    #[test]
    fn keeps_a_file_that_is_not_utf8_apart() {
        let files = [("js/10-bad.js", &[0xff, 0xfe][..])];
        assert_eq!(group(&files), vec![Script::Alone("js/10-bad.js", &[0xff, 0xfe][..])]);
    }

    #[test]
    fn a_comment_on_the_last_line_does_not_swallow_the_catch() {
        let scripts = group(&[("js/10-a.js", &b"a(); // done"[..])]);
        let [Script::Bundle(text)] = &scripts[..] else { panic!() };
        assert!(text.contains("// done\n}"));
    }
}

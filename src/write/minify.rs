//! Minification of the theme's scripts (oxc) and stylesheets (lightningcss), the same crates
//! minify-html uses for inline code.
//!
//! Minifying never fails a build and never changes what the code does: input a minifier cannot
//! parse, output that is not smaller, and a minifier that panics all leave the text as it was.
//! Scripts are minified as classic scripts with their top-level names, function and class names
//! (`Function.prototype.name` names failures in the runtime's log) and legal comments kept,
//! and without syntax newer than ES2015 (see [`es2015`]).

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions, CommentOptions, LegalComment};
use oxc_minifier::{CompressOptions, MangleOptions, MangleOptionsKeepNames, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;
use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A classic script, minified; or as it was when it cannot be made smaller safely.
pub(crate) fn js(text: &str) -> Cow<'_, str> {
    smaller(text, minify_js)
}

/// A stylesheet, minified; or as it was when it cannot be made smaller safely.
pub(crate) fn css(text: &str) -> Cow<'_, str> {
    smaller(text, minify_css)
}

/// `minify(text)` when it succeeds and is shorter, else `text`; a panic counts as a failure.
fn smaller<'a>(text: &'a str, minify: fn(&str) -> Option<String>) -> Cow<'a, str> {
    match catch_unwind(AssertUnwindSafe(|| minify(text))) {
        Ok(Some(minified)) if minified.len() < text.len() => Cow::Owned(minified),
        _ => Cow::Borrowed(text),
    }
}

fn minify_js(text: &str) -> Option<String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::cjs()).parse();
    if parsed.panicked || !parsed.errors.is_empty() {
        return None;
    }
    let mut program = parsed.program;
    // Early errors (a module's `import` in a classic script, a name declared twice) stop the
    // browser too; the script is left for it to report as written.
    if !SemanticBuilder::new().with_check_syntax_error(true).build(&program).errors.is_empty() {
        return None;
    }
    let keep_names = MangleOptionsKeepNames::all_true();
    let compress = CompressOptions { target: es2015(), ..CompressOptions::safest() };
    let options = MinifierOptions { mangle: Some(MangleOptions { top_level: false, keep_names, debug: false }), compress: Some(compress) };
    let minified = Minifier::new(options).minify(&allocator, &mut program);
    let comments = CommentOptions { legal: LegalComment::Inline, ..CommentOptions::disabled() };
    let code = Codegen::new()
        .with_options(CodegenOptions { comments, ..CodegenOptions::minify() })
        .with_scoping(minified.scoping)
        .with_private_member_mappings(minified.class_private_mappings)
        .build(&program)
        .code;
    Some(code)
}

/// ES2015: the compressor writes no newer syntax (`??`, `?.`), and the printer's shortest
/// string quotes (template literals) are ES2015. No browser older than that can use the site:
/// the theme's stylesheet is built on custom properties.
fn es2015() -> oxc_compat::EngineTargets {
    let mut targets = oxc_compat::EngineTargets::default();
    targets.insert(oxc_compat::Engine::Es, oxc_compat::Version(2015, 0, 0));
    targets
}

fn minify_css(text: &str) -> Option<String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    use lightningcss::targets::{Features, Targets};
    // Any browser, but media queries as written: range syntax (`width<=40rem`, shorter than
    // `max-width:40rem`) came to Safari only in 16.4.
    let targets = Targets { browsers: None, include: Features::MediaQueries, exclude: Features::empty() };
    let mut sheet = StyleSheet::parse(text, ParserOptions::default()).ok()?;
    sheet.minify(MinifyOptions { targets, ..MinifyOptions::default() }).ok()?;
    let printed = sheet.to_css(PrinterOptions { minify: true, targets, ..PrinterOptions::default() }).ok()?;
    Some(printed.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses_as_script(code: &str) -> bool {
        let allocator = Allocator::default();
        let parsed = Parser::new(&allocator, code, SourceType::cjs()).parse();
        !parsed.panicked && parsed.errors.is_empty()
    }

    #[test]
    fn the_default_runtime_gets_smaller_and_still_parses() {
        let theme = include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/default/static/js");
        for file in theme.files() {
            let text = file.contents_utf8().expect("the theme's scripts are UTF-8");
            let minified = js(text);
            assert!(minified.len() < text.len() * 3 / 4, "{}: {} → {}", file.path().display(), text.len(), minified.len());
            assert!(parses_as_script(&minified), "{}", file.path().display());
            assert!(!["??", "?.", "**", "async "].iter().any(|newer| minified.contains(newer) && !text.contains(newer)), "{minified}");
        }
    }

    #[test]
    fn scripts_keep_globals_names_and_legal_comments() {
        let text = "/*! licence kept */\n/* dropped */\nvar shared = 1;\n(function (IG) {\n  function namedForTheLog(longArgument) { return longArgument + shared; }\n  IG.f = namedForTheLog;\n})(window.IG = window.IG || {});\n";
        let minified = js(text);
        assert!(minified.contains("/*! licence kept */") && !minified.contains("dropped"), "{minified}");
        assert!(minified.contains("var shared") && minified.contains("function namedForTheLog("), "{minified}");
        assert!(!minified.contains("longArgument"), "local names are shortened: {minified}");
    }

    #[test]
    fn scripts_gain_no_syntax_newer_than_es2015() {
        let text = "(function () {\n  var o = window.thing;\n  var x = o !== null && o !== undefined ? o : 'fallback';\n  var y = o === null || o === undefined ? undefined : o.field;\n  console.log(x, y);\n})();\n";
        let minified = js(text);
        assert!(!minified.contains("??") && !minified.contains("?."), "{minified}");
    }

    #[test]
    fn scripts_that_do_not_parse_are_kept_as_they_are() {
        let broken = "(function () { var = ; })();   \n\n";
        assert!(matches!(js(broken), Cow::Borrowed(text) if text == broken));
        let module = "import x from './x.js';\nexport default   x;\n";
        assert!(matches!(js(module), Cow::Borrowed(_)), "a module is not a classic script");
    }

    #[test]
    fn the_default_stylesheet_gets_smaller_and_keeps_its_rules() {
        let text = include_str!("../../themes/default/static/ingroup.css");
        let minified = css(text);
        assert!(minified.len() < text.len() * 9 / 10, "{} → {}", text.len(), minified.len());
        assert!(minified.contains("@media (prefers-color-scheme:dark)") && minified.contains(":has("), "rules kept");
        assert!(minified.contains("@media (max-width:40rem)") && !minified.contains("width<="), "media queries as written");
    }

    #[test]
    fn stylesheets_that_do_not_parse_are_kept_as_they_are() {
        let broken = "a { color: red;\n}\n}} @media ( { b { }\n";
        assert!(matches!(css(broken), Cow::Borrowed(text) if text == broken));
    }

    #[test]
    fn a_panicking_minifier_leaves_the_text() {
        fn panics(_: &str) -> Option<String> {
            panic!("minifier bug")
        }
        assert_eq!(smaller("a  b", panics), "a  b");
    }
}

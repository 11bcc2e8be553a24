//! Building fixture courses: output shape, determinism and atomic publish.

use crate::harness::{fixtures, ingroup, minimal_course, stderr_of, stdout_of};
use std::fs;
use std::path::Path;

fn build(root: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    ingroup().args(["build", "--root"]).arg(root).arg("--out").arg(out).args(extra).output().unwrap()
}

fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn minimal_course_builds_every_page_kind() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build(&fixtures().join("minimal"), &site, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stdout_of(&output).starts_with("built "), "{}", stdout_of(&output));
    for page in [
        "index.html",
        "intro/index.html",
        "glossary/index.html",
        "references/index.html",
        "journal/index.html",
        "progress/index.html",
        "certificate/index.html",
        "supervisor/index.html",
        "vignettes/index.html",
        "404.html",
    ] {
        assert!(site.join(page).is_file(), "{page} written");
    }
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(home.contains("intro/index.html"), "links name their index.html");
    assert!(!home.contains("<script>") && !home.contains("type=module"), "no inline or module scripts");
    let module = fs::read_to_string(site.join("intro/index.html")).unwrap();
    assert!(module.contains("../references/index.html#ref-smith2020"), "citation links to the references page");
    assert!(module.contains("../glossary/index.html#shared-identity"), "term links to the glossary");
    assert!(module.contains("q-intro-idea"), "the quiz is embedded");
    let assets: Vec<_> =
        fs::read_dir(site.join("assets")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(assets.iter().any(|a| a.starts_with("course.") && a.ends_with(".js")), "{assets:?}");
    let review = assets.iter().find(|a| a.starts_with("review.") && a.ends_with(".js")).expect("the review data file is written");
    let review_js = fs::read_to_string(site.join("assets").join(review)).unwrap();
    assert!(review_js.starts_with("window.INGROUP_REVIEW={\"intro/"), "{review_js}");
    let named = [format!("data-review-src=assets/{review}"), format!("data-review-src=\"assets/{review}\"")];
    assert!(named.iter().any(|n| home.contains(n.as_str())), "the home page names it for the review");
    assert!(!module.contains(review.as_str()), "module pages do not load it");
    let certificate = fs::read_to_string(site.join("certificate/index.html")).unwrap();
    assert!(certificate.contains("data-certificate") && certificate.contains("Self-attested"), "{certificate}");
    let supervisor = fs::read_to_string(site.join("supervisor/index.html")).unwrap();
    assert!(supervisor.contains("data-no-save") && supervisor.contains("data-supervisor-files"), "{supervisor}");
}

#[test]
fn search_index_and_text_chunks_are_written_fingerprinted_and_linked_from_every_page() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(build(&fixtures().join("minimal"), &site, &[]).status.success());
    let assets: Vec<String> =
        fs::read_dir(site.join("assets")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let index_name = assets.iter().find(|a| *a == "search-index.js").expect("search index written under one name");
    let index = fs::read_to_string(site.join("assets").join(index_name)).unwrap();
    assert!(index.starts_with("window.ingroupSearch={\"v\":1,\"chunks\":[[\"assets/search/text-0."), "{index}");
    assert!(index.contains("[\"Introduction\",\"intro/index.html\",[\"the-idea\",\"The idea\"]]"), "{index}");
    assert!(index.contains("\"shared\""), "body words are indexed: {index}");
    let chunks: Vec<String> =
        fs::read_dir(site.join("assets/search")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(chunks.len(), 1, "{chunks:?}");
    assert!(index.contains(&format!("assets/search/{}", chunks[0])), "the index names its chunk");
    let chunk = fs::read_to_string(site.join("assets/search").join(&chunks[0])).unwrap();
    assert!(chunk.starts_with("(window.ingroupSearchText=window.ingroupSearchText||{})[0]=[\"Groups help"), "{chunk}");
    assert!(!chunk.contains("{{quiz"), "directives are not text");
    let page = fs::read_to_string(site.join("intro/index.html")).unwrap();
    let named = |prefix: &str| [format!("{prefix}=../assets/{index_name}"), format!("{prefix}=\"../assets/{index_name}\"")];
    assert!(named("data-search-index").iter().any(|n| page.contains(n)), "the box names the index");
    assert!(!named("src").iter().any(|n| page.contains(n)), "the index is not loaded up front");
}

#[test]
fn same_input_gives_byte_identical_output() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    assert!(build(&fixtures().join("minimal"), &a, &[]).status.success());
    assert!(build(&fixtures().join("minimal"), &b, &[]).status.success());
    assert_eq!(read_tree(&a), read_tree(&b));
}

#[test]
fn failed_build_leaves_previous_site_untouched() {
    let course = minimal_course();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(build(course.path(), &site, &[]).status.success());
    let before = read_tree(&site);
    fs::write(course.path().join("quizzes/intro.yaml"), "title: [broken\n").unwrap();
    let output = build(course.path(), &site, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("quizzes/intro.yaml:"), "{}", stderr_of(&output));
    assert_eq!(read_tree(&site), before);
    let leftovers: Vec<_> = fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no staging folder left behind: {leftovers:?}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("notes.txt"), "mine").unwrap();
    let output = build(&fixtures().join("minimal"), out.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(fs::read_to_string(out.path().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn module_page_snapshot() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(build(&fixtures().join("minimal"), &site, &["--no-minify"]).status.success());
    let html = fs::read_to_string(site.join("intro/index.html")).unwrap();
    // Asset fingerprints change with every theme edit; the page's structure is what is pinned.
    insta::with_settings!({ filters => vec![(r"\.[0-9a-f]{8}\.(js|css|svg)", ".HASH.$1")] }, {
        insta::assert_snapshot!("minimal_module_page", html);
    });
}

#[test]
fn course_theme_overrides_builtin_files_one_by_one() {
    let course = minimal_course();
    let theme = course.path().join("themes/default");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::create_dir_all(theme.join("static")).unwrap();
    fs::write(theme.join("templates/404.html"), "{% extends \"base.html\" %}{% block main %}<p>Our own 404</p>{% endblock main %}")
        .unwrap();
    fs::write(theme.join("static/extra.txt"), "extra").unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build(course.path(), &site, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(fs::read_to_string(site.join("404.html")).unwrap().contains("Our own 404"));
    assert!(fs::read_to_string(site.join("intro/index.html")).unwrap().contains("q-intro-idea"), "other templates stay built-in");
    let assets: Vec<String> =
        fs::read_dir(site.join("assets")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(assets.iter().any(|a| a.starts_with("extra.") && a.ends_with(".txt")), "{assets:?}");
}

#[test]
fn unknown_theme_is_a_located_error() {
    let course = minimal_course();
    fs::write(course.path().join("course.yaml"), "id: minimal\ntitle: Minimal course\ntheme: fancy\n").unwrap();
    let output = ingroup().args(["check", "--root"]).arg(course.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).starts_with("course.yaml:3:8: error: theme \"fancy\" not found"), "{}", stderr_of(&output));
}

#[test]
fn not_found_page_links_by_base_url_when_given() {
    let course = minimal_course();
    fs::write(course.path().join("course.yaml"), "id: minimal\ntitle: Minimal course\nbase_url: https://example.org/course\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build(course.path(), &site, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let not_found = fs::read_to_string(site.join("404.html")).unwrap();
    assert!(not_found.contains("https://example.org/course/index.html"), "404 links home absolutely");
    let module = fs::read_to_string(site.join("intro/index.html")).unwrap();
    assert!(!module.contains("https://example.org"), "other pages stay relative");
}

/// A course on another subject (motivational interviewing) with its own vocabularies checks
/// without a warning; its vignette list groups the case by them, and `@key` cites narratively.
#[test]
fn course_with_its_own_vocabularies_builds_without_warnings() {
    let root = fixtures().join("vocabulary");
    let check = ingroup().args(["check", "--deny-warnings", "--root"]).arg(&root).output().unwrap();
    assert!(check.status.success(), "{}", stderr_of(&check));
    assert_eq!(stderr_of(&check), "", "no diagnostics at all");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build(&root, &site, &["--no-minify"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let list = fs::read_to_string(site.join("vignettes/index.html")).unwrap();
    for expected in
        ["MI processes", "Core skills (OARS)", "Reflective listening", "Open questions", "Evoking", "../glossary/index.html#change-talk"]
    {
        assert!(list.contains(expected), "{expected} in the vignette list:\n{list}");
    }
    assert!(!list.contains(">Focusing<"), "terms no vignette carries are left out");
    let module = fs::read_to_string(site.join("evoking/index.html")).unwrap();
    assert!(module.contains(">Miller and Rollnick (2013)</a> describe"), "narrative citation:\n{module}");
    let data: String = fs::read_dir(site.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("course.")))
        .map(|p| fs::read_to_string(p).unwrap())
        .unwrap_or_default();
    assert!(
        data.contains(r#""tags":["processes:evoking"]"#) && data.contains(r#""tags":["processes:evoking","skills:reflections"]"#),
        "{data}"
    );
}

#[test]
fn offline_course_gets_a_manifest_and_a_worker_that_precaches_every_file() {
    let course = minimal_course();
    let yaml = course.path().join("course.yaml");
    fs::write(&yaml, format!("{}\noffline: true\n", fs::read_to_string(&yaml).unwrap())).unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let output = build(course.path(), &site, &[]);
    assert!(output.status.success(), "{}", stderr_of(&output));

    let worker = fs::read_to_string(site.join("sw.js")).unwrap();
    let list = worker.lines().find_map(|line| line.strip_prefix("var FILES = ")).expect("the worker lists its files");
    let listed: Vec<String> = serde_json::from_str(list.trim_end_matches(';')).unwrap();
    let written: Vec<String> =
        read_tree(&site).into_iter().map(|(path, _)| path.replace('\\', "/")).filter(|p| p != "sw.js" && p != ".ingroup-site").collect();
    assert_eq!(listed, written, "every file but the worker and the marker, in order");

    let manifest: serde_json::Value = serde_json::from_str(&fs::read_to_string(site.join("manifest.webmanifest")).unwrap()).unwrap();
    assert_eq!(manifest["start_url"], "index.html");
    assert!(site.join(manifest["icons"][0]["src"].as_str().unwrap()).is_file(), "{manifest}");
    let module = fs::read_to_string(site.join("intro/index.html")).unwrap();
    assert!(module.contains("../manifest.webmanifest"), "pages link the manifest");
    assert!(module.contains("manifest-src 'self'; worker-src 'self'"), "and their CSP allows it and the worker");

    let plain = out.path().join("plain");
    assert!(build(&fixtures().join("minimal"), &plain, &[]).status.success());
    assert!(!plain.join("sw.js").exists() && !plain.join("manifest.webmanifest").exists());
    let module = fs::read_to_string(plain.join("intro/index.html")).unwrap();
    assert!(!module.contains("manifest") && !module.contains("worker-src"), "an online course has neither");
}

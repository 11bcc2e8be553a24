//! SCORM packages (`build --package`): the zip's manifest lists exactly the site, every listed
//! file exists, the schema files are inside, the launcher is the SCO, and the bytes are the
//! same on every build. (The XSD validation and the runtime run in tests/e2e/scorm.test.js.)

use crate::harness::{fixtures, ingroup, minimal_course, stderr_of, stdout_of};
use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

const SCHEMAS_12: &[&str] = &["adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd"];
const SCHEMAS_2004: &[&str] = &[
    "XMLSchema.dtd",
    "adlcp_v1p3.xsd",
    "adlnav_v1p3.xsd",
    "adlseq_v1p3.xsd",
    "datatypes.dtd",
    "imscp_v1p1.xsd",
    "imsss_v1p0.xsd",
    "imsss_v1p0auxresource.xsd",
    "imsss_v1p0control.xsd",
    "imsss_v1p0delivery.xsd",
    "imsss_v1p0limit.xsd",
    "imsss_v1p0objective.xsd",
    "imsss_v1p0random.xsd",
    "imsss_v1p0rollup.xsd",
    "imsss_v1p0seqrule.xsd",
    "imsss_v1p0util.xsd",
    "xml.xsd",
];

/// Builds `root` with `--package kind` into `dir/site`; returns the zip's path.
fn package(root: &Path, dir: &Path, kind: &str) -> PathBuf {
    let output =
        ingroup().args(["build", "--root"]).arg(root).arg("--out").arg(dir.join("site")).args(["--package", kind]).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let zip = dir.join(format!("minimal-{kind}.zip"));
    let zip = if zip.exists() {
        zip
    } else {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "zip"))
            .expect("a zip beside the site")
    };
    let name = zip.file_name().unwrap().to_string_lossy().into_owned();
    assert!(stdout_of(&output).contains(&name), "the summary names the package: {}", stdout_of(&output));
    zip
}

fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().expect("a readable entry name").into_owned(), bytes)
        })
        .collect()
}

fn listed(manifest: &str) -> Vec<String> {
    manifest.split("<file href=\"").skip(1).map(|s| s.split('"').next().unwrap().replace("&amp;", "&")).collect()
}

fn site_files(site: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(site).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|p| p != ".ingroup-site")
        .collect()
}

fn check_package(kind: &str, schemas: &[&str]) {
    let course = minimal_course();
    let dir = tempfile::tempdir().unwrap();
    let zip = package(course.path(), dir.path(), kind);
    let files = entries(&zip);
    let names: BTreeSet<String> = files.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(files[0].0, "imsmanifest.xml", "the manifest comes first");
    let manifest = String::from_utf8(files[0].1.clone()).unwrap();
    for schema in schemas {
        assert!(names.contains(*schema), "{kind}: {schema} is in the package");
        assert!(!manifest.contains(&format!("<file href=\"{schema}\"")), "schema files are not course resources");
    }
    let list = listed(&manifest);
    for file in &list {
        assert!(names.contains(file), "{kind}: listed {file} is in the zip");
    }
    let mut expected = site_files(&dir.path().join("site"));
    expected.extend(["ingroup-lms.html", "ingroup-lms.js", "ingroup-lms.css"].map(String::from));
    if kind == "scorm12" {
        expected.insert("ingroup-metadata.xml".to_string());
    }
    assert_eq!(list.iter().cloned().collect::<BTreeSet<_>>(), expected, "{kind}: every site file is listed, nothing else");
    assert_eq!(list.len(), expected.len(), "no file is listed twice");
    let mut rest = names.clone();
    rest.remove("imsmanifest.xml");
    schemas.iter().for_each(|s| {
        rest.remove(*s);
    });
    assert_eq!(rest, expected, "{kind}: the zip holds the manifest, the schemas and the listed files only");

    // One organization, one item, one SCO resource launched by the launcher.
    assert_eq!(manifest.matches("<organization ").count(), 1);
    assert_eq!(manifest.matches("<item ").count(), 1);
    assert_eq!(manifest.matches("<resource ").count(), 1);
    assert!(manifest.contains("identifier=\"ingroup.minimal"), "{manifest}");
    assert!(manifest.contains("href=\"ingroup-lms.html\""));
    let launcher = files.iter().find(|(n, _)| n == "ingroup-lms.html").unwrap();
    let launcher = String::from_utf8_lossy(&launcher.1);
    assert!(launcher.contains(if kind == "scorm12" { "data-scorm=\"1.2\"" } else { "data-scorm=\"2004\"" }));
    assert!(!launcher.contains("<script>"), "no inline script in the launcher");
}

#[test]
fn scorm12_package_lists_the_site_and_carries_its_schemas() {
    check_package("scorm12", SCHEMAS_12);
}

#[test]
fn scorm2004_package_lists_the_site_and_carries_its_schemas() {
    check_package("scorm2004", SCHEMAS_2004);
}

#[test]
fn packages_are_byte_identical_across_builds() {
    let course = fixtures().join("minimal");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for kind in ["scorm12", "scorm2004"] {
        let first = fs::read(package(&course, a.path(), kind)).unwrap();
        let second = fs::read(package(&course, b.path(), kind)).unwrap();
        assert!(first == second, "{kind}: two builds give the same bytes");
    }
}

#[test]
fn check_warns_about_what_an_lms_rejects() {
    let course = minimal_course();
    let config = course.path().join("course.yaml");
    let text = fs::read_to_string(&config).unwrap();
    let text = if text.contains("\nversion:") { text } else { format!("{text}version: \"1.0 beta\"\n") };
    fs::write(&config, text.replace("version: \"1.0\"", "version: \"1.0 beta\"")).unwrap();
    let output = ingroup().args(["check", "--root"]).arg(course.path()).output().unwrap();
    let stderr = stderr_of(&output);
    assert!(stderr.contains("a SCORM manifest identifier cannot carry"), "{stderr}");
}

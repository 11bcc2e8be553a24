//! `imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th edition: one organization, one item,
//! one SCO resource (the launcher) listing every file of the package.

use super::{LAUNCHER, Standard};
use crate::resolve::model::Config;
use std::fmt::Write as _;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// An `xs:ID` (an XML NCName) made of the course id and version: characters an ID cannot
/// carry become `-` (`check` warns about them), and it starts with a letter.
pub fn identifier(config: &Config) -> String {
    let raw = match &config.version {
        Some(v) => format!("ingroup.{}.v{v}", config.id),
        None => format!("ingroup.{}", config.id),
    };
    raw.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' }).collect()
}

/// The manifest text; `files` are the package paths of the SCO resource, in order. `mastery`
/// is the pass mark an LMS may judge the score by; `None` leaves the judgement to the course
/// (whose pass rules ask more than a score).
pub fn manifest(standard: Standard, config: &Config, mastery: Option<u32>, files: &[String]) -> String {
    let id = identifier(config);
    let version = escape(config.version.as_deref().unwrap_or("1"));
    let title = escape(&config.title);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(xml, "<manifest identifier=\"{id}\" version=\"{version}\" {}>", namespaces(standard));
    xml.push_str(&metadata(standard, config));
    let _ =
        writeln!(xml, "  <organizations default=\"{id}.org\">\n    <organization identifier=\"{id}.org\">\n      <title>{title}</title>");
    let _ = writeln!(
        xml,
        "      <item identifier=\"{id}.item\" identifierref=\"{id}.sco\" isvisible=\"true\">\n        <title>{title}</title>"
    );
    if let Some(pass_mark) = mastery {
        xml.push_str(&mastery_score(standard, pass_mark, &id));
    }
    xml.push_str("      </item>\n    </organization>\n  </organizations>\n  <resources>\n");
    let scorm_type = match standard {
        Standard::Scorm12 => "adlcp:scormtype",
        Standard::Scorm2004 => "adlcp:scormType",
    };
    let _ = writeln!(xml, "    <resource identifier=\"{id}.sco\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{LAUNCHER}\">");
    for file in files {
        let _ = writeln!(xml, "      <file href=\"{}\"/>", escape(file));
    }
    xml.push_str("    </resource>\n  </resources>\n</manifest>\n");
    xml
}

fn namespaces(standard: Standard) -> &'static str {
    match standard {
        Standard::Scorm12 => concat!(
            "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" ",
            "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" ",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
            "xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd ",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\""
        ),
        Standard::Scorm2004 => concat!(
            "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" ",
            "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" ",
            "xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\" ",
            "xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\" ",
            "xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\" ",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
            "xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd ",
            "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd ",
            "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd ",
            "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd ",
            "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\""
        ),
    }
}

/// Schema, version and the course's title and description as metadata. SCORM 1.2 points to a
/// separate IMS metadata 1.2.1 record ([`metadata_12`]), as ADL recommends; 2004 carries an
/// inline IEEE LOM record, which its content-packaging schema accepts as foreign metadata.
fn metadata(standard: Standard, config: &Config) -> String {
    let lang = escape(&config.language);
    let title = escape(&config.title);
    let description = escape(config.description.as_deref().unwrap_or("").trim());
    match standard {
        Standard::Scorm12 => format!(
            "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n    \
             <adlcp:location>{METADATA_12}</adlcp:location>\n  </metadata>\n"
        ),
        Standard::Scorm2004 => format!(
            "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>\n    \
             <lom xmlns=\"http://ltsc.ieee.org/xsd/LOM\">\n      <general>\n        \
             <title><string language=\"{lang}\">{title}</string></title>\n        \
             <description><string language=\"{lang}\">{description}</string></description>\n      </general>\n    </lom>\n  </metadata>\n"
        ),
    }
}

/// The file of the SCORM 1.2 metadata record, at the package root.
pub const METADATA_12: &str = "ingroup-metadata.xml";

/// The course's title and description as an IMS metadata 1.2.1 record.
pub fn metadata_12(config: &Config) -> String {
    let lang = escape(&config.language);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lom xmlns=\"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1\">\n  <general>\n    \
         <title><langstring xml:lang=\"{lang}\">{}</langstring></title>\n    \
         <description><langstring xml:lang=\"{lang}\">{}</langstring></description>\n  </general>\n</lom>\n",
        escape(&config.title),
        escape(config.description.as_deref().unwrap_or("").trim())
    )
}

/// The pass mark as the item's mastery score (1.2) or its primary objective's minimum
/// normalized measure (2004).
fn mastery_score(standard: Standard, pass_mark: u32, id: &str) -> String {
    match standard {
        Standard::Scorm12 => format!("        <adlcp:masteryscore>{pass_mark}</adlcp:masteryscore>\n"),
        Standard::Scorm2004 => format!(
            "        <imsss:sequencing>\n          <imsss:objectives>\n            \
             <imsss:primaryObjective objectiveID=\"{id}.pass\" satisfiedByMeasure=\"true\">\n              \
             <imsss:minNormalizedMeasure>{}</imsss:minNormalizedMeasure>\n            </imsss:primaryObjective>\n          \
             </imsss:objectives>\n        </imsss:sequencing>\n",
            scaled(pass_mark)
        ),
    }
}

/// 80 → "0.8", 100 → "1", 0 → "0".
fn scaled(pass_mark: u32) -> String {
    let mark = pass_mark.min(100);
    match mark {
        100 => "1".to_string(),
        m if m % 10 == 0 => format!("0.{}", m / 10),
        m => format!("0.{m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config {
            id: "demo".into(),
            title: "A & B".into(),
            version: Some("1.0 beta".into()),
            language: "en".into(),
            pass_mark: 75,
            ..Config::default()
        }
    }

    #[test]
    fn identifiers_are_ncnames() {
        assert_eq!(identifier(&config()), "ingroup.demo.v1.0-beta");
    }

    #[test]
    fn mastery_scores() {
        assert_eq!(scaled(80), "0.8");
        assert_eq!(scaled(75), "0.75");
        assert_eq!(scaled(5), "0.05");
        assert_eq!(scaled(100), "1");
        let xml = manifest(Standard::Scorm12, &config(), Some(75), &["index.html".into()]);
        assert!(xml.contains("<adlcp:masteryscore>75</adlcp:masteryscore>"));
        assert!(xml.contains("<title>A &amp; B</title>"));
        let xml = manifest(Standard::Scorm2004, &config(), Some(75), &["index.html".into()]);
        assert!(xml.contains("<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>"));
        assert!(xml.contains("adlcp:scormType=\"sco\" href=\"ingroup-lms.html\""));
    }

    #[test]
    fn pass_rules_beyond_a_score_leave_the_mastery_score_out() {
        for standard in [Standard::Scorm12, Standard::Scorm2004] {
            let xml = manifest(standard, &config(), None, &["index.html".into()]);
            assert!(!xml.contains("masteryscore") && !xml.contains("minNormalizedMeasure"), "{xml}");
        }
    }
}

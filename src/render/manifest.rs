//! The web app manifest of an installable course (course.yaml `offline: true`).

use crate::resolve::Course;
use serde::Serialize;

#[derive(Serialize)]
struct WebManifest<'a> {
    name: &'a str,
    short_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    lang: &'a str,
    /// Relative to the manifest, which sits at the site root: the site works under any path.
    start_url: &'a str,
    scope: &'a str,
    display: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    theme_color: Option<&'a str>,
    icons: [Icon<'a>; 1],
}

#[derive(Serialize)]
struct Icon<'a> {
    src: &'a str,
    sizes: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    purpose: &'a str,
}

/// The manifest as JSON; `icon` is the URL of the course's SVG icon from the site root.
pub fn web_manifest(course: &Course, icon: &str) -> String {
    let config = &course.config;
    let manifest = WebManifest {
        name: &config.title,
        short_name: &config.title,
        description: config.subtitle.as_deref(),
        lang: &config.language,
        start_url: "index.html",
        scope: "./",
        display: "standalone",
        theme_color: config.colors.accent.as_deref(),
        icons: [Icon { src: icon, sizes: "any", kind: "image/svg+xml", purpose: "any" }],
    };
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

//! `colors:` in course.yaml: the theme colours a course replaces, checked for WCAG contrast,
//! and the small stylesheet that sets them (appended to the theme's CSS).

use super::at;
use crate::diagnostics::Diagnostics;
use crate::load::COURSE_FILE;
use crate::load::schema::Located;
use serde::Serialize;

/// The darkest light-scheme and the lightest dark-scheme background the accent is used on as
/// text (the theme's `--sunk`): if it passes there, it passes on every other background.
const LIGHT_BG: Rgb = Rgb(0xee, 0xec, 0xe6);
const DARK_BG: Rgb = Rgb(0x21, 0x2a, 0x2e);
/// Text on an accent-filled button: whichever contrasts more.
const INKS: [Rgb; 2] = [Rgb(0xff, 0xff, 0xff), Rgb(0x0b, 0x1a, 0x1c)];
/// WCAG 2.2 AA for body text (1.4.3).
const AA: f64 = 4.5;

/// Resolved colour tokens: `None` keeps the theme's own value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Colors {
    pub accent: Option<String>,
    pub accent_dark: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok())).collect::<Option<_>>()?;
        match digits[..] {
            [r, g, b] => Some(Self(r * 17, g * 17, b * 17)),
            [r1, r2, g1, g2, b1, b2] => Some(Self(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            _ => None,
        }
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.0722f64.mul_add(channel(self.2), 0.2126f64.mul_add(channel(self.0), 0.7152 * channel(self.1)))
    }

    /// This colour moved `percent` of the way towards white.
    fn tint(self, percent: u8) -> Self {
        let mix = |c: u8| u8::try_from((u16::from(c) * u16::from(100 - percent) + 255 * u16::from(percent)) / 100).unwrap_or(255);
        Self(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// WCAG contrast ratio of two colours (1 to 21).
fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn ink(accent: Rgb) -> Rgb {
    if contrast(accent, INKS[0]) >= contrast(accent, INKS[1]) { INKS[0] } else { INKS[1] }
}

/// Checks `colors:` and returns the tokens to set; a bad value is an error, low contrast a warning.
pub fn resolve(colors: Option<&crate::load::schema::Colors>, diags: &mut Diagnostics) -> Colors {
    let Some(colors) = colors else { return Colors::default() };
    let accent = colors.accent.as_ref().and_then(|c| checked(c, "accent", LIGHT_BG, diags));
    let dark = colors.accent_dark.as_ref().and_then(|c| checked(c, "accent_dark", DARK_BG, diags));
    // Without a dark accent, the light one tinted until it reads on the dark background.
    let dark =
        dark.or_else(|| accent.map(|a| (0..=20).map(|step| a.tint(step * 5)).find(|c| contrast(*c, DARK_BG) >= AA).unwrap_or(INKS[0])));
    Colors { accent: accent.map(Rgb::hex), accent_dark: dark.map(Rgb::hex) }
}

fn checked(value: &Located, key: &str, background: Rgb, diags: &mut Diagnostics) -> Option<Rgb> {
    let Some(rgb) = Rgb::parse(value.value.trim()) else {
        diags.error(
            COURSE_FILE,
            at(value, 0),
            format!("colors.{key} \"{}\" is not a colour", value.value),
            Some("write it as #rrggbb, e.g. `#1c5d69`".to_string()),
        );
        return None;
    };
    let ratio = contrast(rgb, background);
    if ratio < AA {
        let hint = format!(
            "links and labels in this colour need 4.5:1 against {} (WCAG 1.4.3): choose a {} shade",
            background.hex(),
            if background == LIGHT_BG { "darker" } else { "lighter" }
        );
        diags.warning(
            COURSE_FILE,
            at(value, 0),
            format!("colors.{key} {} has a contrast of only {ratio:.1}:1", value.value.trim()),
            Some(hint),
        );
    }
    Some(rgb)
}

/// The stylesheet that sets the course's colour tokens, or "" when it sets none.
pub fn css(colors: &Colors) -> String {
    let rule = |hex: &str| Rgb::parse(hex).map(|c| format!(":root{{--accent:{hex};--accent-ink:{}}}", ink(c).hex())).unwrap_or_default();
    let mut out = String::new();
    if let Some(light) = &colors.accent {
        out.push_str(&format!("\n/* colors: from course.yaml */\n{}\n", rule(light)));
    }
    if let Some(dark) = &colors.accent_dark {
        out.push_str(&format!("@media (prefers-color-scheme:dark){{{}}}\n", rule(dark)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse("#1c5d69").map(Rgb::hex).as_deref(), Some("#1c5d69"));
        assert_eq!(Rgb::parse("teal"), None);
    }

    #[test]
    fn theme_accents_pass_aa() {
        assert!(contrast(Rgb(0x1c, 0x5d, 0x69), LIGHT_BG) >= AA);
        assert!(contrast(Rgb(0x7c, 0xc3, 0xcc), DARK_BG) >= AA);
    }

    #[test]
    fn dark_accent_is_derived_and_inks_chosen() {
        let mut diags = Diagnostics::default();
        let file: crate::load::schema::Colors = serde_saphyr::from_str("accent: \"#6b2d5c\"").unwrap();
        let colors = resolve(Some(&file), &mut diags);
        assert_eq!(diags.warning_count(), 0);
        let dark = Rgb::parse(colors.accent_dark.as_deref().unwrap()).unwrap();
        assert!(contrast(dark, DARK_BG) >= AA);
        let css = css(&colors);
        assert!(css.contains(":root{--accent:#6b2d5c;--accent-ink:#ffffff}"), "{css}");
        assert!(css.contains("@media (prefers-color-scheme:dark){:root{--accent:#"), "{css}");
    }

    #[test]
    fn low_contrast_warns_and_bad_value_errors() {
        let mut diags = Diagnostics::default();
        let file: crate::load::schema::Colors = serde_saphyr::from_str("accent: \"#ffcc00\"\naccent_dark: blue").unwrap();
        let colors = resolve(Some(&file), &mut diags);
        assert_eq!((diags.warning_count(), diags.error_count()), (1, 1));
        assert_eq!(colors.accent.as_deref(), Some("#ffcc00"));
    }
}

//! The generated cover of the home page: a circle of members around a shared centre (the
//! group as "us"), laid out from a hash of the course title, so every course gets its own
//! picture. Colours come from CSS classes (`cv-bg`, `cv-ink`, `cv-line`), so the cover follows
//! the accent, the dark scheme and `colors:` in course.yaml.

use std::f64::consts::TAU;
use std::fmt::Write;

/// A small deterministic generator (64-bit LCG) seeded with the FNV-1a hash of the title.
struct Dice(u64);

impl Dice {
    fn new(title: &str) -> Self {
        Self(title.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)))
    }

    /// The next 24 random bits.
    fn roll(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        u32::try_from(self.0 >> 40).unwrap_or(0)
    }

    /// A number in `lo..hi`.
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        let unit = f64::from(self.roll()) / f64::from(1u32 << 24);
        (hi - lo).mul_add(unit, lo)
    }
}

/// The cover as an inline SVG (decorative: the template hides it from assistive technology).
pub fn svg(title: &str) -> String {
    let mut dice = Dice::new(title);
    let mut out = String::from(
        r#"<svg viewBox="0 0 300 200" preserveAspectRatio="xMidYMid slice" focusable="false"><rect class="cv-bg" width="300" height="200"/>"#,
    );
    for _ in 0..3 {
        let (x, y, r, o) = (dice.between(0.0, 300.0), dice.between(0.0, 200.0), dice.between(50.0, 120.0), dice.between(0.06, 0.14));
        let _ = write!(out, r#"<circle class="cv-ink" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill-opacity="{o:.2}"/>"#);
    }
    let (cx, cy, radius) = (dice.between(130.0, 190.0), dice.between(90.0, 110.0), dice.between(46.0, 54.0));
    let _ = write!(
        out,
        r#"<circle class="cv-line" cx="{cx:.1}" cy="{cy:.1}" r="{radius:.1}" stroke-width="1.5" stroke-opacity=".55" stroke-dasharray="2 5"/>"#
    );
    let members = 5 + dice.roll() % 4;
    let turn = dice.between(0.0, TAU);
    for i in 0..members {
        let angle = f64::from(i).mul_add(TAU / f64::from(members), turn);
        let (x, y) = (radius.mul_add(angle.cos(), cx), radius.mul_add(angle.sin(), cy));
        let r = dice.between(7.0, 12.0);
        let _ = write!(
            out,
            r#"<line class="cv-line" x1="{cx:.1}" y1="{cy:.1}" x2="{x:.1}" y2="{y:.1}" stroke-width="1" stroke-opacity=".25"/><circle class="cv-ink" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill-opacity=".92"/>"#
        );
    }
    let _ = write!(
        out,
        r#"<circle class="cv-ink" cx="{cx:.1}" cy="{cy:.1}" r="16" fill-opacity=".3"/><circle class="cv-ink" cx="{cx:.1}" cy="{cy:.1}" r="7"/></svg>"#
    );
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn cover_is_stable_and_differs_by_title() {
        let a = super::svg("Leading groups");
        assert_eq!(a, super::svg("Leading groups"));
        assert_ne!(a, super::svg("Another course"));
        assert!(a.starts_with("<svg") && a.ends_with("</svg>") && !a.contains("style="));
    }
}

//! Made-up districts for benchmarks and tests: answers files that validate against a
//! checklist, with a realistic mix of statuses. Deterministic in the seed (no clock, no
//! random-number crate).

use std::fmt::Write as _;

use crate::model::{Checklist, Profile, ScaleLevel};

/// The answers text of a made-up district, numbered `seed`. The district's profile rotates
/// through the checklist's profiles; its maturity (how much is in place) varies with the seed;
/// about 5% of items are left unanswered and 3% answered "not applicable" with a note.
pub fn synthetic_answers(checklist: &Checklist, seed: u64) -> String {
    let mut random = SplitMix64(seed);
    let mut out = String::new();
    let _ = writeln!(out, "checklist: {}", checklist.id);
    let _ = writeln!(out, "checklist_version: \"{}\"", checklist.version);
    if let Some(profile) = profile_for(checklist, seed) {
        let _ = writeln!(out, "profile: {}", profile.id);
    }
    let _ = writeln!(out, "district: Synthetic District {seed:04}");
    let _ = writeln!(out, "label: Synthetic {seed:04}");
    let _ = writeln!(out, "date: 2026-{:02}-{:02}", 1 + seed % 12, 1 + seed % 28);
    let _ = writeln!(out, "answers:");
    let maturity = random.unit();
    let levels = Levels::of(&checklist.scale);
    let items = checklist
        .items()
        .filter(|(section, item)| {
            profile_for(checklist, seed).is_none_or(|p| p.applies_to(&section.id, &item.id))
        })
        .map(|(_, item)| item);
    for item in items {
        let roll = random.unit();
        if roll < 0.05 {
            continue;
        }
        match (roll < 0.08, levels.not_applicable) {
            (true, Some(na)) => {
                let _ = writeln!(
                    out,
                    "  {}:\n    status: {}\n    note: Does not apply in this district",
                    item.id, na.value
                );
            }
            _ => {
                let aim = (maturity + (random.unit() - 0.5) * 0.9).clamp(0.0, 1.0);
                if let Some(level) = levels.nearest(aim) {
                    let _ = writeln!(out, "  {}: {}", item.id, level.value);
                }
            }
        }
    }
    out
}

fn profile_for(checklist: &Checklist, seed: u64) -> Option<&Profile> {
    let count = checklist.profiles.len() as u64;
    (count > 0)
        .then(|| checklist.profiles.get((seed % count) as usize))
        .flatten()
}

/// The scale split into levels with credit and the "not applicable" level.
struct Levels<'a> {
    scored: Vec<(&'a ScaleLevel, f64)>,
    not_applicable: Option<&'a ScaleLevel>,
}

impl<'a> Levels<'a> {
    fn of(scale: &'a [ScaleLevel]) -> Self {
        Self {
            scored: scale
                .iter()
                .filter_map(|l| l.credit.map(|c| (l, c)))
                .collect(),
            not_applicable: scale.iter().find(|l| l.is_not_applicable()),
        }
    }

    fn nearest(&self, aim: f64) -> Option<&'a ScaleLevel> {
        self.scored
            .iter()
            .min_by(|(_, a), (_, b)| (a - aim).abs().total_cmp(&(b - aim).abs()))
            .map(|(level, _)| *level)
    }
}

/// SplitMix64: a tiny, well-mixed generator, plenty for made-up test data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

//! The words a scale value prints as. A planning option describes a plan, not a program at work,
//! so "In place" would overstate it: its statuses read "Provided for in the plan".

use crate::model::{Answers, Checklist, Profile, ScaleLevel};

/// Whether the answers describe a plan: the file has an `option:` block, or its profile sets
/// its own labels (as the bundled `considering-sro` profile does).
pub(crate) fn describes_plan(profile: &Profile, answers: &Answers) -> bool {
    answers.option.is_some() || !profile.labels.is_empty()
}

/// The label a scale level prints under `profile`: the profile's own label when it sets one;
/// for a plan whose profile sets none, the plan wording by credit; otherwise the scale's label.
pub(crate) fn level_label(profile: &Profile, plan: bool, level: &ScaleLevel) -> String {
    if let Some(label) = profile.label_for(&level.value) {
        return label.to_string();
    }
    if !plan || !profile.labels.is_empty() {
        return level.label.clone();
    }
    match level.credit {
        Some(c) if c >= 1.0 => "Provided for in the plan".to_string(),
        Some(c) if c > 0.0 => "Partly provided for in the plan".to_string(),
        Some(_) => "Not provided for in the plan".to_string(),
        None => level.label.clone(),
    }
}

/// The label of the scale value `value`, if the scale has it.
pub(crate) fn value_label(
    checklist: &Checklist,
    profile: &Profile,
    plan: bool,
    value: &str,
) -> Option<String> {
    checklist
        .scale
        .iter()
        .find(|l| l.value == value)
        .map(|level| level_label(profile, plan, level))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(value: &str, label: &str, credit: Option<f64>) -> ScaleLevel {
        ScaleLevel {
            value: value.into(),
            label: label.into(),
            credit,
            aliases: Vec::new(),
        }
    }

    fn profile(labels: &[(&str, &str)]) -> Profile {
        Profile {
            id: "p".into(),
            title: "P".into(),
            description: String::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            valid_from: None,
            labels: labels
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_plan_reads_provided_for_in_the_plan() {
        let met = level("met", "In place", Some(1.0));
        let partial = level("partial", "Partly in place", Some(0.5));
        let not_met = level("not_met", "Not in place", Some(0.0));
        let na = level("na", "Not applicable", None);
        let plain = profile(&[]);
        assert_eq!(level_label(&plain, false, &met), "In place");
        assert_eq!(level_label(&plain, true, &met), "Provided for in the plan");
        assert_eq!(
            level_label(&plain, true, &partial),
            "Partly provided for in the plan"
        );
        assert_eq!(
            level_label(&plain, true, &not_met),
            "Not provided for in the plan"
        );
        assert_eq!(level_label(&plain, true, &na), "Not applicable");
    }

    #[test]
    fn a_profile_sets_its_own_labels() {
        let own = profile(&[("met", "Planned")]);
        let met = level("met", "In place", Some(1.0));
        let partial = level("partial", "Partly in place", Some(0.5));
        assert_eq!(level_label(&own, false, &met), "Planned");
        // Values the profile leaves out keep the scale's label.
        assert_eq!(level_label(&own, true, &partial), "Partly in place");
    }
}

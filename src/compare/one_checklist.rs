//! The rule that every file of a comparison or summary answers one checklist: a different
//! checklist is refused, since its items and scores mean other things; another version of the
//! same checklist is compared, with a warning, since its scores may differ for that reason.

use crate::model::Checklist;

/// A file that answers another checklist than the first file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherChecklist {
    /// The first file's checklist id.
    pub first: String,
    /// This file's checklist id.
    pub this: String,
}

/// A file scored against another version of the first file's checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherVersion {
    /// The first file's checklist version.
    pub first: String,
    /// This file's checklist version.
    pub this: String,
}

/// Checks one more file's checklist against the first file's: `Err` when it is another
/// checklist, `Ok(Some(..))` when it is another version of the same one.
pub fn check_one_checklist(
    first: &Checklist,
    this: &Checklist,
) -> Result<Option<OtherVersion>, OtherChecklist> {
    if this.id != first.id {
        return Err(OtherChecklist {
            first: first.id.clone(),
            this: this.id.clone(),
        });
    }
    Ok((this.version != first.version).then(|| OtherVersion {
        first: first.version.clone(),
        this: this.version.clone(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checklist(id: &str, version: &str) -> Checklist {
        let mut checklist = crate::load::bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        checklist.id = id.to_string();
        checklist.version = version.to_string();
        checklist
    }

    #[test]
    fn the_same_checklist_and_version_passes_quietly() {
        let first = checklist("wi-sro", "2026.2");
        assert_eq!(check_one_checklist(&first, &first.clone()), Ok(None));
    }

    #[test]
    fn another_version_is_named_for_a_warning() {
        let result = check_one_checklist(
            &checklist("wi-sro", "2026.1"),
            &checklist("wi-sro", "2026.2"),
        );
        assert_eq!(
            result,
            Ok(Some(OtherVersion {
                first: "2026.1".into(),
                this: "2026.2".into()
            }))
        );
    }

    #[test]
    fn another_checklist_is_refused_whatever_its_version() {
        let result = check_one_checklist(
            &checklist("wi-sro", "2026.2"),
            &checklist("other", "2026.2"),
        );
        assert_eq!(
            result,
            Err(OtherChecklist {
                first: "wi-sro".into(),
                this: "other".into()
            })
        );
    }
}

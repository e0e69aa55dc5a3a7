//! The fields a board packet is made from: the committee's recommendation, the action it asks
//! of the board, and the sign-off (who reviewed it, when it goes to the board).

use super::Check;
use super::raw::RawAnswersFile;
use crate::model::{BoardFields, Date};

impl Check<'_> {
    /// Reads the optional board fields. `date` is the assessment date, when valid.
    pub(super) fn board_fields(
        &mut self,
        file: &RawAnswersFile,
        date: Option<Date>,
    ) -> BoardFields {
        let recommendation = self.optional_text(file.recommendation.as_ref(), "recommendation");
        let board_action = self.optional_text(file.board_action.as_ref(), "board_action");
        let reviewed_by = self.optional_text(file.reviewed_by.as_ref(), "reviewed_by");
        let presented_on = file
            .presented_on
            .as_ref()
            .and_then(|v| self.date(v, "presented_on"));
        if let (Some(presented), Some(assessed)) = (presented_on, date)
            && presented < assessed
        {
            self.warn(
                self.at("presented_on"),
                format!(
                    "`presented_on` ({presented}) is before the assessment `date` ({assessed})"
                ),
                "give the day of the board meeting that receives the report, on or after the \
                 assessment date",
            );
        }
        BoardFields {
            recommendation,
            board_action,
            reviewed_by,
            presented_on,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::error::{Diagnostic, Location};
    use crate::load::{AnswersDocument, bundled_checklist};
    use crate::model::Answers;

    const HEAD: &str = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
                        district: Example Area School District\ndate: 2026-03-15\n";

    fn validate(board: &str) -> Result<(Answers, Vec<Diagnostic>), Vec<Diagnostic>> {
        let checklist = bundled_checklist("wi-sro-best-practices")
            .unwrap()
            .unwrap()
            .checklist;
        let text = format!("{HEAD}{board}answers:\n  governance.written-mou: met\n");
        AnswersDocument::parse(&text).unwrap().validate(&checklist)
    }

    fn errors(board: &str) -> Vec<Diagnostic> {
        validate(board)
            .err()
            .unwrap_or_default()
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect()
    }

    #[test]
    fn reads_every_board_field() {
        let (answers, warnings) = validate(
            "reviewed_by: Superintendent's cabinet\npresented_on: 2026-04-20\n\
             recommendation: >\n  Renew the agreement\n  with the changes below.\n\
             board_action: Approve the revised MOU\n",
        )
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let board = &answers.board;
        assert_eq!(
            board.recommendation.as_deref(),
            Some("Renew the agreement with the changes below.")
        );
        assert_eq!(
            board.board_action.as_deref(),
            Some("Approve the revised MOU")
        );
        assert_eq!(
            board.reviewed_by.as_deref(),
            Some("Superintendent's cabinet")
        );
        assert_eq!(board.presented_on.unwrap().to_string(), "2026-04-20");
    }

    #[test]
    fn absent_or_empty_fields_are_none() {
        let (answers, _) = validate("recommendation: \"  \"\nboard_action:\n").unwrap();
        assert_eq!(answers.board, Default::default());
    }

    #[test]
    fn a_list_where_text_belongs_is_an_error_at_its_line() {
        let found = errors("board_action:\n  - approve\n  - renew\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location, Some(Location { line: 6, column: 3 }));
        assert!(found[0].message.contains("`board_action` should be text"));
    }

    #[test]
    fn presented_on_follows_the_date_rules() {
        let found = errors("presented_on: 2026-02-30\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].location,
            Some(Location {
                line: 5,
                column: 15
            })
        );
        assert!(found[0].message.contains("has 28 days"));
        let (answers, warnings) = validate("presented_on: 4/20/2026\n").unwrap();
        assert_eq!(
            answers.board.presented_on.unwrap().to_string(),
            "2026-04-20"
        );
        assert!(warnings[0].message.contains("month/day/year"));
    }

    #[test]
    fn presented_before_the_assessment_is_a_warning() {
        let (_, warnings) = validate("presented_on: 2026-03-01\n").unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .contains("is before the assessment `date`")
        );
        assert_eq!(warnings[0].location.map(|l| l.line), Some(5));
    }

    #[test]
    fn a_misspelled_board_key_gets_a_suggestion() {
        let found = errors("recomendation: Renew\nboard_acton: Approve\n");
        let hints: Vec<_> = found.iter().filter_map(|d| d.hint.as_deref()).collect();
        assert_eq!(
            hints,
            [
                "did you mean `recommendation`?",
                "did you mean `board_action`?"
            ]
        );
    }
}

//! sro-assess: check a school district's School Resource Officer (SRO) program against
//! Wisconsin DOJ/DPI best practices and report the gaps.
//!
//! Data flows one way: [`load`] (parse and validate) → [`score`] (pure) → [`report`] (render).
//!
//! ```
//! use std::path::Path;
//! use sro_assess::{load, report, score};
//!
//! let loaded = load::bundled_checklist("wi-sro-best-practices").unwrap().unwrap();
//! let text = "checklist: wi-sro-best-practices\nprofile: existing-program\n\
//!             district: Example Area School District\ndate: 2026-03-15\nanswers: {}\n";
//! let file = load::AnswersFile::from_text(text, Path::new("answers.yaml")).unwrap();
//! let (answers, _warnings) = file.validate(&loaded.checklist).unwrap();
//! let assessment = score::score(&loaded.checklist, &answers, &file.hash);
//! assert_eq!(assessment.coverage.answered, 0);
//! let subject = report::Subject::Assessment(&assessment);
//! let markdown = report::render(subject, report::Format::Markdown, &report::RenderOptions::default()).unwrap();
//! assert!(String::from_utf8(markdown.bytes).unwrap().contains("\n# Gap Report\n"));
//! ```

pub mod answer;
pub mod compare;
pub mod consensus;
pub mod error;
pub mod fsio;
pub mod lint;
pub mod load;
pub mod model;
pub mod report;
pub mod score;
pub mod spreadsheet;
pub mod template;
pub mod text;

pub use error::{Diagnostic, Error, Location, Result, Severity};

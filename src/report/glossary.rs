//! The glossary: the abbreviations and terms of art a report may use, each defined in one or
//! two plain sentences for a school board member, and [`used_in`], which picks the ones a
//! document's text actually uses.
//!
//! Definitions are written from the sources the checklist cites (DPI's SRO page, the PTAC
//! FERPA questions and answers, NASRO's 2015 position statement, the Wisconsin statutes); the
//! terms are only those the bundled checklist and the reports use.
//!
//! How a term is found in a text:
//! - As a whole word: not inside a longer word ("OSS" is not found in "loss"); a hyphen or
//!   punctuation ends a word, so "SRO-involved" uses "SRO".
//! - A plural or possessive counts as the word: "SROs", "IEPs", "the SRO's" all use their term,
//!   since a reader who meets "IEPs" needs "IEP" defined just as much.
//! - A spelling written with a capital letter matches only in that case ("IDEA" is not found
//!   in "idea", "ED" not in "Ed"); an all-lowercase spelling matches in any case, so a phrase
//!   at the start of a sentence ("Restorative practices ...") counts.

use serde::Serialize;

/// One glossary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The term as the glossary prints it: `FERPA`, `504 plan`, `restorative practices`.
    pub term: &'static str,
    /// What an abbreviation stands for; `None` for a term that is not one.
    pub stands_for: Option<&'static str>,
    /// The definition: one or two sentences in plain words.
    pub definition: &'static str,
    /// Every spelling that counts as a use of the term, the term itself first.
    #[serde(skip)]
    pub spellings: &'static [&'static str],
}

impl Term {
    /// The entry's heading: `FERPA (Family Educational Rights and Privacy Act)`, or the term
    /// alone when it is not an abbreviation.
    pub fn heading(&self) -> String {
        match self.stands_for {
            Some(full) => format!("{} ({full})", self.term),
            None => self.term.to_string(),
        }
    }
}

/// Every term a report may use, in alphabetical order.
pub const TERMS: &[Term] = &[
    Term {
        term: "504 plan",
        stands_for: None,
        definition: "A written plan, under Section 504 of the federal Rehabilitation Act, that \
                     sets out the supports a student with a disability needs at school.",
        spellings: &["504 plan", "Section 504"],
    },
    Term {
        term: "ACEs",
        stands_for: Some("adverse childhood experiences"),
        definition: "Harmful events in childhood, such as abuse, neglect or violence at home, \
                     that can affect how a student learns and behaves. Wisconsin law lets the \
                     Office of School Safety include them in the training it offers school \
                     staff.",
        spellings: &["ACEs", "adverse childhood experiences"],
    },
    Term {
        term: "Act 12",
        stands_for: Some("2023 Wisconsin Act 12"),
        definition: "A 2023 state law. Among other things it requires Milwaukee Public Schools \
                     to have school resource officers, and each public high school to report \
                     statistics on certain crimes at school to its board, which sends them to \
                     DPI each year.",
        spellings: &["Act 12"],
    },
    Term {
        term: "CESA",
        stands_for: Some("Cooperative Educational Service Agency"),
        definition: "One of Wisconsin's regional agencies that provide shared services to \
                     school districts. CESA 11 runs a network for school resource officers.",
        spellings: &["CESA"],
    },
    Term {
        term: "COPS",
        stands_for: Some("Office of Community Oriented Policing Services"),
        definition: "An office of the U.S. Department of Justice. It has published guidance on \
                     written agreements between schools and police and on evaluating school \
                     resource officers.",
        spellings: &["COPS"],
    },
    Term {
        term: "Dear Colleague letter",
        stands_for: None,
        definition: "A letter in which a federal agency explains to schools how it reads the \
                     law. In 2016 the U.S. Departments of Education and Justice sent such \
                     letters on school resource officer programs.",
        spellings: &["Dear Colleague letter", "Dear Colleague"],
    },
    Term {
        term: "directory information",
        stands_for: None,
        definition: "Student information that a district may release without consent under its \
                     published directory policy, such as a student's name. Under FERPA it may go \
                     to police only under that policy, and never for a student whose family \
                     has opted out.",
        spellings: &["directory information"],
    },
    Term {
        term: "DOJ",
        stands_for: Some("Department of Justice"),
        definition: "Beside DPI, the Wisconsin Department of Justice, which wrote Wisconsin's \
                     best-practice guidance for school resource officer programs with DPI; \
                     in federal guidance, the U.S. Department of Justice.",
        spellings: &["DOJ"],
    },
    Term {
        term: "DPI",
        stands_for: Some("Department of Public Instruction"),
        definition: "Wisconsin's state education agency. With the Wisconsin Department of \
                     Justice it published the state's guidance on school resource officer \
                     programs and a model framework for the written agreement with police.",
        spellings: &["DPI"],
    },
    Term {
        term: "ED",
        stands_for: Some("U.S. Department of Education"),
        definition: "The federal education agency. It enforces FERPA and, with the U.S. \
                     Department of Justice, issued guidance on school resource officer \
                     programs.",
        spellings: &["ED"],
    },
    Term {
        term: "education records",
        stands_for: None,
        definition: "Under FERPA, records directly about a student that a school, or someone \
                     acting for it, keeps. Education records a school gives to a school \
                     resource officer stay protected by FERPA.",
        spellings: &["education records", "education record"],
    },
    Term {
        term: "FERPA",
        stands_for: Some("Family Educational Rights and Privacy Act"),
        definition: "The federal law that protects the privacy of students' education records. \
                     It decides when a school may share information from those records with a \
                     school resource officer or other police.",
        spellings: &["FERPA"],
    },
    Term {
        term: "FTE",
        stands_for: Some("full-time equivalent"),
        definition: "A measure of staffing: 1.0 FTE is one person working full time, and 0.5 \
                     FTE is one person working half time.",
        spellings: &["FTE"],
    },
    Term {
        term: "IDEA",
        stands_for: Some("Individuals with Disabilities Education Act"),
        definition: "The federal law that gives students with disabilities the right to special \
                     education and related services.",
        spellings: &["IDEA"],
    },
    Term {
        term: "IEP",
        stands_for: Some("individualized education program"),
        definition: "The written plan for a student who receives special education under IDEA, \
                     setting out the student's services and supports.",
        spellings: &["IEP"],
    },
    Term {
        term: "Joint",
        stands_for: None,
        definition: "Who is responsible for a practice: the school district and the law \
                     enforcement agency together, since the agreement between them or both \
                     their staffs must act to put it in place.",
        spellings: &["Joint"],
    },
    Term {
        term: "LEU",
        stands_for: Some("law enforcement unit"),
        definition: "The office or people a district names to enforce the law, refer matters to \
                     police or keep its schools physically safe; a school resource officer may be \
                     part of it. Records the unit \
                     makes and keeps for law enforcement are not education records under \
                     FERPA, and should be kept apart from them.",
        spellings: &["LEU", "law enforcement unit"],
    },
    Term {
        term: "MOU",
        stands_for: Some("memorandum of understanding"),
        definition: "The written agreement between a school district and a law enforcement \
                     agency that sets out what the school resource officer does and what each \
                     side is responsible for. DOJ and DPI strongly recommend one.",
        spellings: &["MOU", "memorandum of understanding"],
    },
    Term {
        term: "MPS",
        stands_for: Some("Milwaukee Public Schools"),
        definition: "Wisconsin's largest school district. Act 12 requires it, and no other \
                     district, to have school resource officers.",
        spellings: &["MPS"],
    },
    Term {
        term: "NASRO",
        stands_for: Some("National Association of School Resource Officers"),
        definition: "The professional association of school resource officers. Its 2015 \
                     position statement says officers should not take part in routine student \
                     discipline, which stays with school staff.",
        spellings: &["NASRO"],
    },
    Term {
        term: "OSS",
        stands_for: Some("Office of School Safety"),
        definition: "An office of the Wisconsin Department of Justice. Schools file the dates of \
                     their safety plans, drills and training with it each year, and it offers \
                     school safety training.",
        spellings: &["OSS", "Office of School Safety"],
    },
    Term {
        term: "PBIS",
        stands_for: Some("Positive Behavioral Interventions and Supports"),
        definition: "A school-wide framework, in tiers of support, for teaching and encouraging \
                     expected behavior, with more help for the students who need it.",
        spellings: &["PBIS"],
    },
    Term {
        term: "PTAC",
        stands_for: Some("Privacy Technical Assistance Center"),
        definition: "A center of the U.S. Department of Education that helps schools protect \
                     student privacy. Its 2019 questions and answers explain how FERPA applies \
                     to school resource officers.",
        spellings: &["PTAC"],
    },
    Term {
        term: "restorative practices",
        stands_for: None,
        definition: "Ways of responding to misbehavior and conflict that bring the people \
                     involved together to repair the harm and the relationship, rather than \
                     only punishing. DPI names them among the alternatives to school resource \
                     officers.",
        spellings: &[
            "restorative practices",
            "restorative practice",
            "restorative-practice",
        ],
    },
    Term {
        term: "school-to-prison pipeline",
        stands_for: None,
        definition: "The concern that suspensions, expulsions and arrests at school for minor \
                     misbehavior push students out of school and toward the juvenile and \
                     criminal justice systems. DPI links resources on it, under equity, for \
                     districts weighing an SRO program.",
        spellings: &["school-to-prison pipeline", "school-to-prison-pipeline"],
    },
    Term {
        term: "SECURe",
        stands_for: Some(
            "Safe School-based Enforcement through Collaboration, Understanding, and Respect",
        ),
        definition: "Checklists that the U.S. Departments of Education and Justice issued in \
                     2016 to help states and districts set up and improve school resource \
                     officer programs, starting with a written agreement.",
        spellings: &["SECURe"],
    },
    Term {
        term: "SRO",
        stands_for: Some("school resource officer"),
        definition: "A sworn law enforcement officer assigned to work in one or more schools. \
                     In Wisconsin, whether to have SROs, and what they do, is decided locally.",
        spellings: &["SRO", "school resource officer"],
    },
    Term {
        term: "threat assessment team",
        stands_for: None,
        definition: "A group of school staff, sometimes with outside police or mental health \
                     professionals, that looks into worrying behavior to judge whether a \
                     student poses a risk and to plan help. Outside members may see education \
                     records only under FERPA's conditions.",
        spellings: &["threat assessment team"],
    },
];

/// The terms the texts use, and the terms their definitions use in turn (so a definition
/// never leaves a word unexplained), in the glossary's alphabetical order.
pub fn used_in<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<&'static Term> {
    // One text, searched once per spelling: a line break between the texts ends a word as
    // the end of a text does, and no spelling holds one. A single text (a whole document's,
    // megabytes long) is searched as it is.
    let texts: Vec<&str> = texts.into_iter().collect();
    let joined;
    let whole = match texts.as_slice() {
        [one] => *one,
        many => {
            joined = many.join("\n");
            joined.as_str()
        }
    };
    let text = Text::new(whole);
    let mut used: Vec<bool> = TERMS.iter().map(|term| text.uses(term)).collect();
    // Each round adds the terms some newly added definition uses; a round that adds none ends
    // it, so there are at most as many rounds as terms.
    let mut added: Vec<usize> = (0..TERMS.len()).filter(|&i| used[i]).collect();
    while !added.is_empty() {
        let definitions: Vec<Text<'static>> = added
            .iter()
            .map(|&i| Text::new(TERMS[i].definition))
            .collect();
        added = (0..TERMS.len())
            .filter(|&i| !used[i] && definitions.iter().any(|d| d.uses(&TERMS[i])))
            .collect();
        for &i in &added {
            used[i] = true;
        }
    }
    TERMS
        .iter()
        .zip(used)
        .filter_map(|(term, used)| used.then_some(term))
        .collect()
}

/// A text as written and in lowercase (ASCII only, so byte offsets agree).
struct Text<'t> {
    written: &'t str,
    lowercase: String,
}

impl<'t> Text<'t> {
    fn new(written: &'t str) -> Self {
        Self {
            written,
            lowercase: written.to_ascii_lowercase(),
        }
    }

    fn uses(&self, term: &Term) -> bool {
        term.spellings
            .iter()
            .any(|spelling| self.has_word(spelling))
    }

    fn has_word(&self, spelling: &str) -> bool {
        let exact_case = spelling.chars().any(char::is_uppercase);
        let (haystack, needle) = if exact_case {
            (self.written, spelling.to_string())
        } else {
            (self.lowercase.as_str(), spelling.to_ascii_lowercase())
        };
        // `contains` has a vectorized search that `match_indices` lacks: most spellings are
        // nowhere in a document, and this finds that at a fraction of the cost.
        if !haystack.contains(needle.as_str()) {
            return false;
        }
        haystack.match_indices(needle.as_str()).any(|(start, _)| {
            let before = haystack[..start].chars().next_back();
            let after = &haystack[start + needle.len()..];
            !before.is_some_and(is_word_char) && ends_word(after)
        })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the text after a match ends the word: nothing, a non-word character, or a plural
/// or possessive ending (`s`, `'s`, `’s`) and then one of those.
fn ends_word(after: &str) -> bool {
    let rest = after
        .strip_prefix("'s")
        .or_else(|| after.strip_prefix("\u{2019}s"))
        .or_else(|| after.strip_prefix('s'))
        .unwrap_or(after);
    let next_is_boundary = |text: &str| !text.chars().next().is_some_and(is_word_char);
    next_is_boundary(after) || next_is_boundary(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(texts: &[&str]) -> Vec<&'static str> {
        used_in(texts.iter().copied())
            .iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn terms_are_in_alphabetical_order_and_unique() {
        let keys: Vec<String> = TERMS.iter().map(|t| t.term.to_lowercase()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn every_term_is_found_by_its_own_spellings() {
        for term in TERMS {
            assert_eq!(term.spellings.first(), Some(&term.term));
            for spelling in term.spellings {
                let found = names(&[&format!("The {spelling} matters.")]);
                assert!(found.contains(&term.term), "{spelling}: {found:?}");
            }
        }
    }

    #[test]
    fn a_term_is_not_found_across_two_texts() {
        assert!(
            TERMS
                .iter()
                .all(|t| t.spellings.iter().all(|s| !s.contains('\n')))
        );
        assert!(names(&["a Section", "504 request"]).is_empty());
        assert_eq!(
            names(&["a Section", "504 request", "Section 504"]),
            ["504 plan"]
        );
        assert!(names(&["ends with CESA", "s and more"]).contains(&"CESA"));
    }

    #[test]
    fn definitions_are_short_plain_sentences() {
        for term in TERMS {
            let sentences = term.definition.replace("U.S.", "US").matches(". ").count() + 1;
            assert!(sentences <= 2, "{}: {sentences} sentences", term.term);
            assert!(term.definition.ends_with('.'), "{}", term.term);
            assert!(!term.definition.contains("  "), "{}", term.term);
            for british in ["behaviour", "organisation", "recognise", "programme"] {
                assert!(
                    !term.definition.contains(british),
                    "{}: {british}",
                    term.term
                );
            }
        }
    }

    #[test]
    fn finds_whole_words_only() {
        assert_eq!(
            names(&["A loss of trust; a glossary of terms"]),
            Vec::<&str>::new()
        );
        assert_eq!(names(&["Filed with OSS in March"]), ["OSS"]);
        assert_eq!(
            names(&["the LEUs and MOUSE"]),
            ["education records", "FERPA", "LEU", "SRO"]
        );
        assert!(!names(&["MOUSE"]).contains(&"MOU"));
    }

    #[test]
    fn plurals_possessives_and_hyphens_count() {
        assert!(names(&["Two IEPs were reviewed"]).contains(&"IEP"));
        assert!(names(&["the SRO's schedule"]).contains(&"SRO"));
        assert!(names(&["the SRO\u{2019}s schedule"]).contains(&"SRO"));
        assert!(names(&["SRO-involved arrests"]).contains(&"SRO"));
        assert!(names(&["(FERPA)"]).contains(&"FERPA"));
        assert!(!names(&["IEPsx"]).contains(&"IEP"));
    }

    #[test]
    fn capitalized_spellings_match_only_in_their_case() {
        assert!(!names(&["a good idea"]).contains(&"IDEA"));
        assert!(names(&["under IDEA and Section 504"]).contains(&"IDEA"));
        assert!(!names(&["Ed Smith, cops and robbers"]).contains(&"ED"));
        assert!(!names(&["cops"]).contains(&"COPS"));
        assert!(names(&["Restorative Practices are used"]).contains(&"restorative practices"));
        assert!(names(&["Every School Resource Officer"]).contains(&"SRO"));
    }

    #[test]
    fn terms_used_by_included_definitions_come_too() {
        // LEU's definition uses "education records" and "FERPA", whose definitions use "SRO"
        // ("school resource officer").
        assert_eq!(
            names(&["the LEU keeps its own files"]),
            ["education records", "FERPA", "LEU", "SRO"]
        );
    }

    #[test]
    fn every_term_is_one_the_bundled_checklist_or_the_reports_use() {
        let checklist = Text::new(include_str!("../../checklists/wi-sro-best-practices.yaml"));
        // The comparison's staffing row is the one place a report itself writes "FTE".
        let report_words = Text::new("Staff (FTE)");
        for term in TERMS {
            assert!(
                checklist.uses(term) || report_words.uses(term),
                "{} is used by no checklist item or report",
                term.term
            );
        }
    }

    #[test]
    fn a_sample_report_uses_the_core_terms() {
        let report = include_str!("../../reports/existing-program.md");
        let found = names(&[report]);
        for core in ["DOJ", "DPI", "FERPA", "IEP", "MOU", "OSS", "SRO"] {
            assert!(found.contains(&core), "{core} not found in {found:?}");
        }
    }

    #[test]
    fn headings_spell_out_abbreviations() {
        let heading = |name: &str| {
            TERMS
                .iter()
                .find(|t| t.term == name)
                .map(Term::heading)
                .unwrap()
        };
        assert_eq!(
            heading("FERPA"),
            "FERPA (Family Educational Rights and Privacy Act)"
        );
        assert_eq!(heading("restorative practices"), "restorative practices");
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(used_in([]).is_empty());
        assert!(used_in([""]).is_empty());
    }
}

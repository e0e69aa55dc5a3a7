//! Layout tests: wrapping, page breaks, table headers, bars, footers; no PDF involved.

use super::*;
use crate::report::pdf::metrics::text_width;
use crate::report::pdf::tags::{Kid, LinkTarget, Role};

const BODY: TextStyle = TextStyle::new(Face::Regular, 9.5, Rgb(0.0, 0.0, 0.0));
const HEADER: TextStyle = TextStyle::new(Face::Bold, 8.0, Rgb(0.0, 0.0, 0.3));

fn layout() -> Layout {
    Layout::new(
        Geometry::LETTER,
        Footer {
            stamp: "Checklist test 1; sro-assess 0.1.0; answers file 0123456789ab".into(),
            confidential: false,
            draft: None,
        },
    )
}

fn texts(page: &Page) -> Vec<&TextBox> {
    page.marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn assert_inside(pages: &[Page], geometry: Geometry) {
    for (n, page) in pages.iter().enumerate() {
        for mark in &page.marks {
            assert!(
                geometry.contains(mark.bounds()),
                "page {}: {mark:?} lies outside the margins",
                n + 1
            );
        }
    }
}

fn table_style() -> TableStyle {
    TableStyle {
        header: HEADER,
        header_fill: Rgb(0.9, 0.9, 0.9),
        stripe: Rgb(0.97, 0.97, 0.97),
        rule: Rgb(0.8, 0.8, 0.8),
        padding: 3.0,
    }
}

#[test]
fn wrapped_lines_fit_and_keep_every_word() {
    let text =
        "The MOU states that SROs do not administer school discipline, and says who decides.";
    let lines = wrap(text, Face::Regular, 9.5, 120.0);
    assert!(lines.len() > 1);
    for line in &lines {
        assert!(text_width(line, Face::Regular, 9.5) <= 120.0, "{line}");
    }
    assert_eq!(lines.join(" "), text);
}

#[test]
fn wrapping_uses_real_widths() {
    // Twenty "i" are far narrower than twenty "W": the same count of letters wraps differently.
    let narrow = wrap(&"i ".repeat(20), Face::Regular, 10.0, 60.0);
    let wide = wrap(&"W ".repeat(20), Face::Regular, 10.0, 60.0);
    assert!(narrow.len() < wide.len());
}

#[test]
fn long_words_break_without_added_characters() {
    let url = "https://dpi.wi.gov/sspw/safe-schools/criminal-charges-and-violations-reporting-requirement";
    let lines = wrap(url, Face::Regular, 8.5, 100.0);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), url, "no hyphen or space is added");
    for line in &lines {
        assert!(text_width(line, Face::Regular, 8.5) <= 100.0);
    }
    // Breaks prefer the URL's own separators.
    assert!(lines[0].ends_with('/') || lines[0].ends_with('.') || lines[1].starts_with('-'));
    assert!(
        lines.iter().all(|l| !l.ends_with('-')),
        "no line ends as if hyphenated"
    );
}

#[test]
fn a_line_narrower_than_a_glyph_still_makes_progress() {
    let lines = wrap("WWW", Face::Bold, 12.0, 1.0);
    assert_eq!(lines, ["W", "W", "W"]);
}

#[test]
fn paragraph_breaks_are_kept() {
    let lines = wrap("first\n\nsecond", Face::Regular, 9.5, 300.0);
    assert_eq!(lines, ["first", "", "second"]);
}

#[test]
fn a_break_between_words_keeps_its_space_and_one_inside_a_word_has_none() {
    let mut l = layout();
    let text = "School Resource Officer programs from lowest\nhttps://dpi.wi.gov/sspw/safe-schools/criminal-charges-and-violations";
    let lines = l.wrap_for_reading(text, BODY, 100.0);
    // Read one after the other, the lines are the text with its line break as a space.
    assert_eq!(lines.concat(), text.replace('\n', " "));
    let ends: Vec<bool> = lines.iter().map(|line| line.ends_with(' ')).collect();
    // Every line up to "lowest" ends between words (the last at the paragraph break); the
    // URL's pieces end inside one word, and the last line ends the text.
    let lowest = lines.iter().position(|line| line == "lowest ").unwrap();
    assert!(ends[..=lowest].iter().all(|&soft| soft), "{lines:?}");
    assert!(ends[lowest + 1..].iter().all(|&soft| !soft), "{lines:?}");
    assert_eq!(
        l.wrap_text(text, BODY, 100.0),
        wrap(text, BODY.face, BODY.size, 100.0)
    );
    assert!(
        wrap(text, BODY.face, BODY.size, 100.0)
            .iter()
            .all(|line| !line.ends_with(' '))
    );
}

#[test]
fn the_soft_space_is_drawn_but_moves_and_widens_nothing() {
    let text =
        "The MOU states that SROs do not administer school discipline, and says who decides.";
    // Indented so that the paragraph takes several lines.
    let indent = Geometry::LETTER.text_width() - 120.0;
    for align in [Align::Left, Align::Right, Align::Center] {
        let mut l = layout();
        l.aligned(text, BODY, indent, align);
        let (pages, _) = l.finish();
        assert_inside(&pages, Geometry::LETTER);
        let lines: Vec<&TextBox> = texts(&pages[0])
            .into_iter()
            .filter(|t| t.style == BODY)
            .collect();
        let last = lines.len() - 1;
        for (n, line) in lines.iter().enumerate() {
            let shown = line.text.trim_end();
            assert_eq!(
                line.text.len() - shown.len(),
                usize::from(n < last),
                "{line:?}"
            );
            assert_eq!(line.width, text_width(shown, BODY.face, BODY.size));
            let (left, right) = (line.x, line.x + line.width);
            let (margin_left, margin_right) =
                (Geometry::LETTER.left() + indent, Geometry::LETTER.right());
            match align {
                Align::Left => assert_eq!(left, margin_left),
                // The visible text ends at the margin; its space past it shows nothing.
                Align::Right => assert!((right - margin_right).abs() < 0.01, "{line:?}"),
                Align::Center => assert!(
                    ((left - margin_left) - (margin_right - right)).abs() < 0.01,
                    "{line:?}"
                ),
            }
        }
    }
}

#[test]
fn paragraphs_flow_onto_new_pages_inside_the_body() {
    let mut l = layout();
    for n in 0..200 {
        l.paragraph(
            &format!("Paragraph {n}: {}", "words ".repeat(40)),
            BODY,
            0.0,
        );
    }
    let bottom = l.body_bottom();
    let (pages, _) = l.finish();
    assert!(pages.len() > 5);
    assert_inside(&pages, Geometry::LETTER);
    for page in &pages {
        for t in texts(page).iter().filter(|t| !t.text.starts_with("Page ")) {
            if t.style.size > 7.0 {
                assert!(
                    t.baseline + t.style.size * DESCENT <= bottom,
                    "{t:?} runs into the footer"
                );
            }
        }
    }
}

#[test]
fn headings_are_not_left_alone_at_the_bottom_of_a_page() {
    let mut l = layout();
    while l.remaining() > 30.0 {
        l.paragraph("filler", BODY, 0.0);
    }
    l.heading("A heading", BODY.bold(), 40.0);
    assert_eq!(l.page_count(), 2, "the heading moved to the next page");
}

#[test]
fn table_header_is_repeated_on_every_page() {
    let mut l = layout();
    let columns = [
        Column {
            title: "Priority".into(),
            share: 0.2,
        },
        Column {
            title: "Item".into(),
            share: 0.8,
        },
    ];
    let rows: Vec<Vec<Cell>> = (0..150)
        .map(|n| {
            vec![
                text_cell("High", BODY),
                text_cell(&format!("Item {n} {}", "text ".repeat(n % 30)), BODY),
            ]
        })
        .collect();
    l.table(&columns, &rows, &table_style());
    let (pages, _) = l.finish();
    assert!(pages.len() >= 3);
    assert_inside(&pages, Geometry::LETTER);
    for (n, page) in pages.iter().enumerate() {
        let first = texts(page)[0];
        assert_eq!(
            first.text,
            "Priority",
            "page {} starts with the header",
            n + 1
        );
        let headers = texts(page).iter().filter(|t| t.text == "Item").count();
        assert_eq!(headers, 1);
    }
    // Every row made it, in order.
    let all: Vec<String> = pages
        .iter()
        .flat_map(|p| texts(p).into_iter().map(|t| t.text.clone()))
        .filter(|t| t.starts_with("Item "))
        .collect();
    assert_eq!(all.len(), 150);
}

#[test]
fn a_row_taller_than_a_page_is_split_under_repeated_headers() {
    let mut l = layout();
    let columns = [
        Column {
            title: "Id".into(),
            share: 0.15,
        },
        Column {
            title: "Note".into(),
            share: 0.85,
        },
    ];
    let long = "word ".repeat(3000);
    let rows = vec![vec![text_cell("x", BODY), text_cell(&long, BODY)]];
    l.table(&columns, &rows, &table_style());
    let (pages, _) = l.finish();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert_inside(&pages, Geometry::LETTER);
    let words: usize = pages
        .iter()
        .flat_map(texts)
        .filter(|t| t.text.starts_with("word"))
        .map(|t| t.text.split_whitespace().count())
        .sum();
    assert_eq!(words, 3000, "no line lost at the breaks");
    for page in &pages {
        assert_eq!(texts(page)[0].text, "Id");
    }
}

#[test]
fn a_row_that_fits_a_fresh_page_is_moved_not_split() {
    let mut l = layout();
    while l.remaining() > 60.0 {
        l.paragraph("filler", BODY, 0.0);
    }
    let columns = [Column {
        title: "Note".into(),
        share: 1.0,
    }];
    let rows = vec![vec![text_cell(
        &"ten words to fill a few lines here ok ".repeat(12),
        BODY,
    )]];
    l.table(&columns, &rows, &table_style());
    let (pages, _) = l.finish();
    assert_eq!(pages.len(), 2);
    assert!(texts(&pages[0]).iter().all(|t| !t.text.starts_with("ten")));
}

#[test]
fn every_page_has_its_number_and_the_stamp() {
    let mut l = Layout::new(
        Geometry::A4,
        Footer {
            stamp: "Checklist test 1".into(),
            confidential: true,
            draft: None,
        },
    );
    for _ in 0..120 {
        l.paragraph(&"text ".repeat(30), BODY, 0.0);
    }
    let (pages, _) = l.finish();
    let total = pages.len();
    assert!(total > 1);
    assert_inside(&pages, Geometry::A4);
    for (n, page) in pages.iter().enumerate() {
        let t: Vec<&str> = texts(page).iter().map(|t| t.text.as_str()).collect();
        assert!(t.contains(&format!("Page {} of {total}", n + 1).as_str()));
        assert!(t.contains(&"Checklist test 1"));
        assert!(t.iter().any(|s| s.starts_with("CONFIDENTIAL")));
    }
}

#[test]
fn replaced_characters_are_recorded() {
    let mut l = layout();
    l.paragraph("MOU \u{2192} board \u{2713} \u{2610}", BODY, 0.0);
    let (pages, encoder) = l.finish();
    assert!(
        texts(&pages[0])
            .iter()
            .any(|t| t.text == "MOU \u{2192} board [x] [ ]")
    );
    assert_eq!(encoder.warnings().len(), 2);
}

/// The roles of `id`'s child elements, in order.
fn child_roles(tree: &Tree, id: usize) -> Vec<Role> {
    tree.get(id)
        .unwrap()
        .kids
        .iter()
        .filter_map(|k| match k {
            Kid::Element(child) => Some(tree.get(*child as usize).unwrap().role),
            _ => None,
        })
        .collect()
}

fn children(tree: &Tree, id: usize) -> Vec<usize> {
    tree.get(id)
        .unwrap()
        .kids
        .iter()
        .filter_map(|k| match k {
            Kid::Element(child) => Some(*child as usize),
            _ => None,
        })
        .collect()
}

#[test]
fn headings_paragraphs_and_runs_of_bullets_form_the_structure_tree() {
    let mut l = layout();
    l.heading_level(1, Some("gaps"), "Gaps", BODY.bold(), 20.0);
    l.paragraph("First paragraph.", BODY, 0.0);
    l.bullet("one", BODY, 0.0);
    l.bullet("two", BODY, 0.0);
    l.heading_level(2, None, "Section", BODY.bold(), 20.0);
    l.bullet("three", BODY, 0.0);
    let tagged = l.finish_tagged();
    let tree = &tagged.tree;
    assert_eq!(
        child_roles(tree, 0),
        [
            Role::Heading(1),
            Role::Paragraph,
            Role::List,
            Role::Heading(2),
            Role::List
        ]
    );
    let lists: Vec<usize> = children(tree, 0)
        .into_iter()
        .filter(|&c| tree.get(c).unwrap().role == Role::List)
        .collect();
    assert_eq!(
        children(tree, lists[0]).len(),
        2,
        "a run of bullets is one list"
    );
    for item in children(tree, lists[0]) {
        assert_eq!(child_roles(tree, item), [Role::Label, Role::ListBody]);
    }
    assert_eq!(
        tree.headings(),
        vec![
            (1, "Gaps", 0, Geometry::LETTER.top(), Some("gaps")),
            (2, "Section", 0, tree.headings()[1].3, None),
        ]
    );
}

#[test]
fn every_mark_is_in_an_element_or_an_artifact_and_footers_are_artifacts() {
    let mut l = layout();
    l.heading("Title", BODY.bold(), 20.0);
    for n in 0..120 {
        l.paragraph(&format!("Paragraph {n} with some words."), BODY, 0.0);
    }
    l.rule(Rgb(0.5, 0.5, 0.5), 1.0);
    let tagged = l.finish_tagged();
    assert!(tagged.pages.len() > 1);
    let mut kids = std::collections::BTreeSet::new();
    for element in &tagged.tree.elements {
        for kid in &element.kids {
            if let Kid::Content { page, mcid } = kid {
                assert!(kids.insert((*page, *mcid)), "an MCID in one element only");
            }
        }
    }
    for (index, page) in tagged.pages.iter().enumerate() {
        assert_eq!(page.tags.len(), page.marks.len());
        for (mark, tag) in page.marks.iter().zip(&page.tags) {
            match (mark, tag) {
                (Mark::Text(t), None) => assert!(
                    t.text.starts_with("Page ") || t.text.starts_with("Checklist test"),
                    "only the footer is an artifact: {t:?}"
                ),
                (Mark::Text(_), Some((_, mcid))) => {
                    assert!(kids.contains(&(index as u32, *mcid)), "MCID in the tree");
                }
                (Mark::Line(_), tag) => assert!(tag.is_none(), "rules are artifacts"),
                _ => {}
            }
        }
    }
}

#[test]
fn a_table_tags_its_header_once_and_repeats_it_as_an_artifact() {
    let mut l = layout();
    let columns = vec![
        Column {
            title: "Item".into(),
            share: 0.7,
        },
        Column {
            title: "Status".into(),
            share: 0.3,
        },
    ];
    let rows: Vec<Vec<Cell>> = (0..80)
        .map(|n| {
            vec![
                text_cell(&format!("Item {n}"), BODY),
                text_cell("In place", BODY),
            ]
        })
        .collect();
    l.table(&columns, &rows, &table_style());
    let tagged = l.finish_tagged();
    assert!(tagged.pages.len() > 1, "the table runs onto a second page");
    let tree = &tagged.tree;
    let table = children(tree, 0)[0];
    assert_eq!(tree.get(table).unwrap().role, Role::Table);
    let table_rows = children(tree, table);
    assert_eq!(
        table_rows.len(),
        81,
        "one header row and one row per data row"
    );
    assert_eq!(
        child_roles(tree, table_rows[0]),
        [Role::HeaderCell, Role::HeaderCell]
    );
    assert_eq!(
        child_roles(tree, table_rows[1]),
        [Role::DataCell, Role::DataCell]
    );
    let repeated: Vec<&Tag> = tagged.pages[1]
        .marks
        .iter()
        .zip(&tagged.pages[1].tags)
        .filter(|(m, _)| matches!(m, Mark::Text(t) if t.text == "Item" || t.text == "Status"))
        .map(|(_, tag)| tag)
        .collect();
    assert_eq!(repeated.len(), 2);
    assert!(repeated.iter().all(|t| t.is_none()), "{repeated:?}");
}

#[test]
fn a_figure_owns_every_mark_drawn_inside_it_and_carries_its_alt_text() {
    let mut l = layout();
    l.figure("Roles: 50.0%; Training: not scored.", |l| {
        l.paragraph("Roles", BODY, 0.0);
        l.rule(Rgb(0.0, 0.0, 0.5), 4.0);
    });
    l.paragraph("After the chart", BODY, 0.0);
    let tagged = l.finish_tagged();
    let top = children(&tagged.tree, 0);
    let figure = tagged.tree.get(top[0]).unwrap();
    assert_eq!(figure.role, Role::Figure);
    assert_eq!(figure.alt(), Some("Roles: 50.0%; Training: not scored."));
    // The text inside is the figure's own, not a paragraph of its own; the text after is.
    assert!(children(&tagged.tree, top[0]).is_empty());
    assert_eq!(tagged.tree.get(top[1]).unwrap().role, Role::Paragraph);
}

#[test]
fn key_values_are_a_list_of_labels_and_values() {
    let mut l = layout();
    let pairs = vec![
        ("Date".to_string(), "2026-03-15".to_string()),
        ("Prepared by".to_string(), "The committee".to_string()),
    ];
    l.key_values(&pairs, BODY.bold(), BODY, 100.0);
    let tagged = l.finish_tagged();
    let tree = &tagged.tree;
    let list = children(tree, 0)[0];
    assert_eq!(tree.get(list).unwrap().role, Role::List);
    for item in children(tree, list) {
        assert_eq!(child_roles(tree, item), [Role::Label, Role::ListBody]);
    }
}

#[test]
fn a_link_is_a_link_element_with_one_area_per_line() {
    let mut l = layout();
    let url = "https://dpi.wi.gov/sspw/safe-schools".to_string();
    l.link(LinkTarget::Url(url.clone()), |l| {
        l.paragraph("Wisconsin DPI safe schools page", BODY, 0.0);
    });
    l.linked_runs(
        &[
            ("See ".to_string(), BODY, None),
            (
                "the gaps".to_string(),
                BODY,
                Some(LinkTarget::Heading("gaps".into())),
            ),
            (".".to_string(), BODY, None),
        ],
        0.0,
    );
    let tagged = l.finish_tagged();
    let tree = &tagged.tree;
    let links: Vec<&super::super::tags::Element> = tree
        .elements
        .iter()
        .filter(|e| e.role == Role::Link)
        .collect();
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].target(), Some(&LinkTarget::Url(url)));
    let areas = &tagged.pages[0].links;
    assert_eq!(areas.len(), 2);
    assert_eq!(areas[0].text, "Wisconsin DPI safe schools page");
    assert_eq!(areas[1].text, "the gaps");
    // The second link sits inside its paragraph, between the runs around it.
    let paragraph = links[1].parent.unwrap();
    let kinds: Vec<bool> = tree
        .get(paragraph)
        .unwrap()
        .kids
        .iter()
        .map(|k| matches!(k, Kid::Element(_)))
        .collect();
    assert_eq!(kinds, [false, true, false]);
}

#[test]
fn a_wrapped_bold_title_stays_bold_only_where_it_is() {
    let body = TextStyle::new(Face::Regular, 10.0, Rgb(0.0, 0.0, 0.0));
    let bold = TextStyle::new(Face::Bold, 10.0, Rgb(0.0, 0.0, 0.0));
    let runs = vec![
        ("A bold title of several words ".to_string(), bold),
        (
            "then plain words that run on to the next line".to_string(),
            body,
        ),
    ];
    let width = text_width("A bold title of several words then plain", Face::Bold, 10.0);
    let lines = super::flow::styled_lines(&runs, width).unwrap();
    assert!(lines.len() >= 2, "{lines:?}");
    // The title's words are bold and the rest plain, on whichever line each falls.
    let words: Vec<(&str, Face)> = lines
        .iter()
        .flatten()
        .flat_map(|(text, style)| text.split_whitespace().map(move |w| (w, style.face)))
        .collect();
    let bold_words: Vec<&str> = words
        .iter()
        .filter(|(_, face)| *face == Face::Bold)
        .map(|(w, _)| *w)
        .collect();
    assert_eq!(bold_words, ["A", "bold", "title", "of", "several", "words"]);
    // Each line but the last ends with the space it broke at; none is wider than the width.
    for line in &lines[..lines.len() - 1] {
        assert!(line.last().unwrap().0.ends_with(' '), "{line:?}");
    }
    for line in &lines {
        let used: f32 = line
            .iter()
            .map(|(t, s)| text_width(t.trim_end(), s.face, s.size))
            .sum();
        assert!(used <= width + 0.01, "{used} > {width}: {line:?}");
    }
    // A word wider than the line is left to plain wrapping.
    let long = vec![("x".repeat(200), body)];
    assert!(super::flow::styled_lines(&long, width).is_none());
}

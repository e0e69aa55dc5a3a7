//! The printable worksheet for a committee meeting: a cover with room for the district, the
//! date and who was present, then each section on its own page(s), each item with its title,
//! its id printed small beside it (so the answers can be typed in afterwards without doubt),
//! the guidance in smaller type, a tick box per value of the scale and ruled lines for the
//! evidence and notes. Laid out with the report's [`Layout`], so it shares its type, margins,
//! wrapping, page breaks and "Page N of M" footer.

use crate::model::{Checklist, Item, Profile, Section};
use crate::report::Paper;

use super::content::{BODY, INK, MUTED, NAVY, SMALL, h1};
use super::draw;
use super::layout::{Footer, Geometry, Layout, Mark, Page, Rgb, Rule, TextStyle};
use super::metrics::{Face, text_width};

/// Colour of the lines to write on: dark enough to print, light enough to write over.
const WRITING_LINE: Rgb = Rgb(0.55, 0.56, 0.60);
/// Space between two lines to write on (a comfortable handwriting height).
const LINE_GAP: f32 = 19.0;
/// Side of a tick box.
const BOX: f32 = 9.0;
/// The item id beside the title.
const ID_STYLE: TextStyle = TextStyle::new(Face::Regular, 7.0, MUTED);
/// Lines on the cover for the names of those present.
const PRESENT_LINES: usize = 10;

/// The worksheet's PDF and one warning per character the built-in font could not show.
pub fn render(
    checklist: &Checklist,
    profile: Option<&Profile>,
    paper: Paper,
) -> (Vec<u8>, Vec<String>) {
    let layout = build(checklist, profile, paper);
    let meta = draw::Meta {
        title: format!("SRO program review worksheet: {}", checklist.title),
        author: String::new(),
        // A checklist carries no date: a fixed one keeps the bytes reproducible.
        date: (1970, 1, 1),
        language: String::new(),
    };
    layout.into_pdf(&meta)
}

/// The laid-out pages, footers included: what the PDF draws, mark for mark.
pub fn pages(checklist: &Checklist, profile: Option<&Profile>, paper: Paper) -> Vec<Page> {
    build(checklist, profile, paper).finish().0
}

fn stamp(checklist: &Checklist, profile: Option<&Profile>) -> String {
    let scope = profile.map_or_else(
        || "every profile".to_string(),
        |p| format!("profile {}", p.id),
    );
    format!(
        "Worksheet for checklist {} {}, {scope}; sro-assess {}",
        checklist.id,
        checklist.version,
        env!("CARGO_PKG_VERSION")
    )
}

fn build(checklist: &Checklist, profile: Option<&Profile>, paper: Paper) -> Layout {
    let geometry = Geometry::for_paper(paper);
    let footer = Footer {
        stamp: stamp(checklist, profile),
        confidential: false,
        draft: None,
    };
    let mut l = Layout::new(geometry, footer);
    let sections = checklist.sections_in(profile);
    cover(&mut l, checklist, profile, &sections);
    for (number, (section, items)) in sections.iter().enumerate() {
        section_pages(&mut l, checklist, number + 1, section, items);
    }
    l
}

fn cover(
    l: &mut Layout,
    checklist: &Checklist,
    profile: Option<&Profile>,
    sections: &[(&Section, Vec<&Item>)],
) {
    l.advance(40.0);
    l.paragraph(
        "SCHOOL RESOURCE OFFICER PROGRAM",
        TextStyle::new(Face::Bold, 10.0, MUTED),
        0.0,
    );
    l.advance(4.0);
    l.paragraph(
        "Review Worksheet",
        TextStyle::new(Face::Bold, 30.0, NAVY),
        0.0,
    );
    l.advance(6.0);
    l.paragraph(
        &checklist.title,
        TextStyle::new(Face::Regular, 14.0, INK),
        0.0,
    );
    l.advance(10.0);
    l.rule(NAVY, 1.5);
    l.advance(12.0);
    let items: usize = sections.iter().map(|(_, items)| items.len()).sum();
    let pairs = vec![
        (
            "Checklist".to_string(),
            format!("{}, version {}", checklist.id, checklist.version),
        ),
        (
            "Profile".to_string(),
            profile.map_or_else(
                || "every item (no profile chosen)".to_string(),
                |p| format!("{}: {}", p.id, p.title),
            ),
        ),
        (
            "Items".to_string(),
            format!("{items} items in {} sections", sections.len()),
        ),
    ];
    l.key_values(&pairs, BODY.bold().colored(MUTED), BODY, 90.0);
    l.advance(14.0);
    for label in ["District", "Date of the meeting", "Recorded by"] {
        write_in(l, label, 110.0);
    }
    present(l);
    how_to(l, checklist);
}

/// A label with a line to write on after it.
fn write_in(l: &mut Layout, label: &str, label_width: f32) {
    let style = BODY.bold().colored(MUTED);
    l.ensure(LINE_GAP + 4.0);
    let top = l.cursor();
    let left = l.geometry().left();
    l.place_line(
        label.to_string(),
        style,
        left,
        top + LINE_GAP - style.line_height(),
    );
    writing_line(l, left + label_width, top + LINE_GAP);
    l.advance(LINE_GAP + 6.0);
}

fn writing_line(l: &mut Layout, from: f32, y: f32) {
    let right = l.geometry().right();
    l.push(Mark::Line(Rule {
        from: (from, y),
        to: (right, y),
        thickness: 0.6,
        color: WRITING_LINE,
    }));
}

/// Two columns of lines for the names and roles of those present.
fn present(l: &mut Layout) {
    l.advance(10.0);
    l.paragraph("Present at the meeting", BODY.bold().colored(NAVY), 0.0);
    let g = l.geometry();
    let half = g.left() + g.text_width() * 0.55;
    let top = l.cursor();
    l.place_line("Name".to_string(), SMALL, g.left(), top);
    l.place_line("Role or organization".to_string(), SMALL, half, top);
    l.advance(SMALL.line_height());
    for _ in 0..PRESENT_LINES {
        l.ensure(LINE_GAP);
        let y = l.cursor() + LINE_GAP;
        l.push(Mark::Line(Rule {
            from: (g.left(), y),
            to: (half - 12.0, y),
            thickness: 0.6,
            color: WRITING_LINE,
        }));
        writing_line(l, half, y);
        l.advance(LINE_GAP);
    }
}

fn how_to(l: &mut Layout, checklist: &Checklist) {
    l.advance(16.0);
    l.heading("How to fill it in", BODY.bold().colored(NAVY), 40.0);
    let scale: Vec<String> = checklist
        .scale
        .iter()
        .map(|s| format!("\u{201C}{}\u{201D} ({})", s.label, s.value))
        .collect();
    for text in [
        format!(
            "Tick one box per item: {}. Leave an item blank when the committee cannot answer it yet; it is then listed as unanswered.",
            scale.join(", ")
        ),
        "Write on the lines what shows it (a signed MOU, board minutes, a training roster) and any note. \
         Say why an item does not apply."
            .to_string(),
        "Each item's id is printed small beside its title: type the answers in afterwards with \
         `sro-assess answer`, in the spreadsheet from `sro-assess init`, or straight into the answers \
         file under that id."
            .to_string(),
    ] {
        l.bullet(&text, BODY, 0.0);
        l.advance(2.0);
    }
}

fn section_pages(
    l: &mut Layout,
    checklist: &Checklist,
    number: usize,
    section: &Section,
    items: &[&Item],
) {
    l.new_page();
    h1(l, &format!("{number}. {}", section.title));
    if !section.description.is_empty() {
        l.paragraph(&section.description, SMALL, 0.0);
    }
    let count = if items.len() == 1 {
        "1 item".to_string()
    } else {
        format!("{} items", items.len())
    };
    l.advance(2.0);
    l.paragraph(
        &format!("{count} \u{00B7} section id {}", section.id),
        SMALL,
        0.0,
    );
    l.advance(10.0);
    for item in items {
        item_block(l, checklist, item);
    }
}

/// One item: kept whole on a page when it fits on one.
fn item_block(l: &mut Layout, checklist: &Checklist, item: &Item) {
    let g = l.geometry();
    let id_width = text_width(&item.id, ID_STYLE.face, ID_STYLE.size);
    let title_style = BODY.bold();
    let title = l.wrap_text(&item.title, title_style, g.text_width() - id_width - 12.0);
    let guidance = l.wrap_text(&item.guidance, SMALL, g.text_width());
    let height = title.len() as f32 * title_style.line_height()
        + (guidance.len() + 1) as f32 * SMALL.line_height()
        + BOX
        + 12.0
        + 4.0 * LINE_GAP
        + 16.0;
    l.ensure(height);
    title_lines(l, title, &item.id, id_width);
    l.paragraph(&meta_line(item), SMALL.colored(NAVY), 0.0);
    for line in guidance {
        l.paragraph(&line, SMALL, 0.0);
    }
    l.advance(5.0);
    tick_boxes(l, checklist);
    l.advance(2.0);
    ruled(l, "Evidence", 2);
    ruled(l, "Notes", 2);
    l.advance(12.0);
}

/// The title, wrapped, with the item id flush right on its first line.
fn title_lines(l: &mut Layout, lines: Vec<String>, id: &str, id_width: f32) {
    let style = BODY.bold();
    let g = l.geometry();
    l.ensure(style.line_height());
    let top = l.cursor();
    let id_top = top + (style.line_height() - ID_STYLE.line_height()) / 2.0;
    l.place_line(id.to_string(), ID_STYLE, g.right() - id_width, id_top);
    for line in lines {
        l.ensure(style.line_height());
        let top = l.cursor();
        l.place_line(line, style, g.left(), top);
        l.advance(style.line_height());
    }
}

fn meta_line(item: &Item) -> String {
    let mou = if item.in_mou {
        " \u{00B7} belongs in the MOU"
    } else {
        ""
    };
    format!(
        "{} priority \u{00B7} responsible: {}{mou}",
        capitalised(item.priority.as_str()),
        item.responsible.label()
    )
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// One empty square and its label per value of the scale, wrapping when the row is full.
fn tick_boxes(l: &mut Layout, checklist: &Checklist) {
    let g = l.geometry();
    let style = BODY;
    let row = style.line_height().max(BOX) + 4.0;
    l.ensure(row);
    let mut x = g.left();
    let mut top = l.cursor();
    for level in &checklist.scale {
        let label = l.wrap_text(&level.label, style, g.text_width()).join(" ");
        let width = BOX + 5.0 + text_width(&label, style.face, style.size);
        if x > g.left() && x + width > g.right() {
            l.advance(row);
            l.ensure(row);
            x = g.left();
            top = l.cursor();
        }
        let box_top = top + (style.line_height() - BOX) / 2.0;
        square(l, x, box_top);
        l.place_line(label, style, x + BOX + 5.0, top);
        x += width + 22.0;
    }
    l.advance(row);
}

fn square(l: &mut Layout, x: f32, y: f32) {
    let corners = [
        (x, y),
        (x + BOX, y),
        (x + BOX, y + BOX),
        (x, y + BOX),
        (x, y),
    ];
    for pair in corners.windows(2) {
        l.push(Mark::Line(Rule {
            from: pair[0],
            to: pair[1],
            thickness: 0.8,
            color: INK,
        }));
    }
}

/// A small label on the first of `count` lines to write on; the lines of every label start
/// at one place, so the page reads as a form.
fn ruled(l: &mut Layout, label: &str, count: usize) {
    let g = l.geometry();
    let style = SMALL;
    let label_width = text_width(label, style.face, style.size).max(40.0) + 6.0;
    for n in 0..count {
        l.ensure(LINE_GAP);
        let y = l.cursor() + LINE_GAP;
        let from = if n == 0 {
            l.place_line(label.to_string(), style, g.left(), y - style.line_height());
            g.left() + label_width
        } else {
            g.left()
        };
        writing_line(l, from, y);
        l.advance(LINE_GAP);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, BUNDLED};

    fn bundled() -> Checklist {
        let first = &BUNDLED[0];
        load::parse_checklist(first.text, std::path::Path::new(first.id))
            .unwrap()
            .checklist
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_item_id_once_and_every_section_on_a_new_page() {
        let checklist = bundled();
        for profile in checklist.profiles.iter().map(Some).chain([None]) {
            let pages = pages(&checklist, profile, Paper::Letter);
            let all: Vec<&str> = pages.iter().flat_map(texts).collect();
            for (number, (section, items)) in checklist.sections_in(profile).iter().enumerate() {
                let heading = format!("{}. {}", number + 1, section.title);
                let starts = pages
                    .iter()
                    .any(|p| texts(p).first().is_some_and(|t| heading.starts_with(t)));
                assert!(starts, "{heading} opens a page");
                for item in items {
                    let found = all.iter().filter(|t| **t == item.id).count();
                    assert_eq!(found, 1, "{} printed once", item.id);
                }
            }
        }
    }

    #[test]
    fn stays_inside_the_margins_on_both_papers() {
        let checklist = bundled();
        for (paper, geometry) in [(Paper::Letter, Geometry::LETTER), (Paper::A4, Geometry::A4)] {
            for (n, page) in pages(&checklist, None, paper).iter().enumerate() {
                for mark in &page.marks {
                    assert!(geometry.contains(mark.bounds()), "page {}: {mark:?}", n + 1);
                }
            }
        }
    }

    #[test]
    fn a_tick_box_per_scale_value_for_every_item() {
        let checklist = bundled();
        let pages = pages(&checklist, None, Paper::Letter);
        let squares: usize = pages
            .iter()
            .flat_map(|p| p.marks.iter())
            .filter(|m| matches!(m, Mark::Line(r) if r.color == INK && r.thickness == 0.8))
            .count()
            / 4;
        assert_eq!(squares, checklist.item_count() * checklist.scale.len());
    }
}

//! Text that flows down the page: paragraphs, runs of styles, headings, lists, rules, banners
//! and label/value pairs.

use super::super::metrics::text_width;
use super::super::tags::{LinkTarget, Role};
use super::wrap::{trim_soft_spaces, visible, wrap_paragraphs};
use super::{Align, FillBox, Layout, Mark, Rgb, Rule, TextBox, TextStyle};

impl Layout {
    /// Text cleaned for the embedded fonts (NFC, replacements for what they lack), and wrapped:
    /// the lines as they look, to measure, count or join.
    pub fn wrap_text(&mut self, text: &str, style: TextStyle, max_width: f32) -> Vec<String> {
        let mut lines = self.wrap_for_reading(text, style, max_width);
        trim_soft_spaces(&mut lines);
        lines
    }

    /// [`Layout::wrap_text`] with the space of each soft break kept at the end of its line, for
    /// lines drawn as text (see `wrap_paragraphs`).
    pub(super) fn wrap_for_reading(
        &mut self,
        text: &str,
        style: TextStyle,
        max_width: f32,
    ) -> Vec<String> {
        let encoder = &mut self.encoder;
        let paragraphs = text.split('\n').map(|p| encoder.clean_borrowed(p));
        wrap_paragraphs(paragraphs, style.face, style.size, max_width)
    }

    /// Places one already-wrapped line in a line box whose top is `top`. A soft break's space
    /// at the end is drawn but not measured: the line's box is what shows.
    pub(crate) fn place_line(&mut self, line: String, style: TextStyle, x: f32, top: f32) {
        let baseline = top + style.line_height() / 2.0 + style.size * 0.3;
        let width = text_width(visible(&line), style.face, style.size);
        self.push(Mark::Text(TextBox {
            x,
            baseline,
            text: line,
            style,
            width,
        }));
    }

    /// A wrapped paragraph between `indent` and the right margin, breaking pages as needed.
    pub fn paragraph(&mut self, text: &str, style: TextStyle, indent: f32) {
        self.aligned(text, style, indent, Align::Left);
    }

    /// A wrapped paragraph aligned within the text width.
    pub fn aligned(&mut self, text: &str, style: TextStyle, indent: f32, align: Align) {
        let width = self.geometry.text_width() - indent;
        let lines = self.wrap_for_reading(text, style, width);
        self.leaf(Role::Paragraph, |l, _| {
            l.aligned_lines(lines, style, indent, align);
        });
    }

    fn aligned_lines(&mut self, lines: Vec<String>, style: TextStyle, indent: f32, align: Align) {
        let width = self.geometry.text_width() - indent;
        let lh = style.line_height();
        for line in lines {
            self.ensure(lh);
            let line_width = || text_width(visible(&line), style.face, style.size);
            let x = self.geometry.left()
                + indent
                + match align {
                    Align::Left => 0.0,
                    Align::Center => (width - line_width()) / 2.0,
                    Align::Right => width - line_width(),
                };
            let top = self.y;
            self.place_line(line, style, x, top);
            self.y += lh;
        }
    }

    /// Runs of different styles on one line, left to right from `indent`; when they do not
    /// fit on one line they are set as one wrapped paragraph in the first run's style.
    pub fn runs(&mut self, runs: &[(String, TextStyle)], indent: f32) {
        let runs: Vec<(String, TextStyle, Option<LinkTarget>)> = runs
            .iter()
            .map(|(text, style)| (text.clone(), *style, None))
            .collect();
        self.linked_runs(&runs, indent);
    }

    /// [`Layout::runs`] where a run may be a link. When the runs do not fit on one line, the
    /// wrapped paragraph links to the first run's target, if any run has one.
    pub fn linked_runs(&mut self, runs: &[(String, TextStyle, Option<LinkTarget>)], indent: f32) {
        let Some((_, first_style, _)) = runs.first() else {
            return;
        };
        let first_style = *first_style;
        let cleaned: Vec<(String, TextStyle, Option<LinkTarget>)> = runs
            .iter()
            .map(|(text, style, link)| (self.encoder.clean(text), *style, link.clone()))
            .collect();
        let total: f32 = cleaned
            .iter()
            .map(|(t, s, _)| text_width(t, s.face, s.size))
            .sum();
        if total > self.geometry.text_width() - indent {
            let target = cleaned.iter().find_map(|(_, _, link)| link.clone());
            let styled: Vec<(String, TextStyle)> =
                cleaned.iter().map(|(t, s, _)| (t.clone(), *s)).collect();
            let width = self.geometry.text_width() - indent;
            // Each word keeps its run's style; where that cannot be (a line break in the text,
            // a word wider than the line) the paragraph is set in the first run's style.
            match styled_lines(&styled, width) {
                Some(lines) => self.leaf(Role::Paragraph, |l, _| match target {
                    Some(target) => l.link(target, |l| l.styled_lines(lines, indent)),
                    None => l.styled_lines(lines, indent),
                }),
                None => {
                    let joined: String = cleaned.iter().map(|(t, _, _)| t.as_str()).collect();
                    self.leaf(Role::Paragraph, |l, _| match target {
                        Some(target) => {
                            l.link(target, |l| l.paragraph(&joined, first_style, indent));
                        }
                        None => l.paragraph(&joined, first_style, indent),
                    });
                }
            }
            return;
        }
        let lh = cleaned
            .iter()
            .map(|(_, s, _)| s.line_height())
            .fold(0.0, f32::max);
        self.ensure(lh);
        let top = self.y;
        let mut x = self.geometry.left() + indent;
        self.leaf(Role::Paragraph, |l, _| {
            for (text, style, target) in cleaned {
                let width = text_width(&text, style.face, style.size);
                let line_top = top + (lh - style.line_height()) / 2.0;
                match target {
                    Some(target) => l.link(target, |l| l.place_line(text, style, x, line_top)),
                    None => l.place_line(text, style, x, line_top),
                }
                x += width;
            }
        });
        self.y += lh;
    }

    /// Lines of styled segments, each line as tall as its tallest segment.
    fn styled_lines(&mut self, lines: Vec<Vec<(String, TextStyle)>>, indent: f32) {
        for line in lines {
            let lh = line
                .iter()
                .map(|(_, s)| s.line_height())
                .fold(0.0, f32::max);
            self.ensure(lh);
            let top = self.y;
            let mut x = self.geometry.left() + indent;
            for (text, style) in line {
                let width = text_width(&text, style.face, style.size);
                self.place_line(text, style, x, top + (lh - style.line_height()) / 2.0);
                x += width;
            }
            self.y += lh;
        }
    }

    /// One entry of a printed table of contents: `text` (linked to `target`) wrapped left of
    /// a column at the right margin where `page`, its page number, is set flush right after
    /// dot leaders. The column is as wide whatever the number (up to four digits), so filling
    /// the numbers in moves nothing: a first layout without them finds the pages.
    pub fn contents_entry(
        &mut self,
        text: &str,
        style: TextStyle,
        target: Option<LinkTarget>,
        page: Option<&str>,
        indent: f32,
    ) {
        let number_width = page.map_or(0.0, |p| text_width(p, style.face, style.size));
        let column = text_width("0000", style.face, style.size).max(number_width);
        let gap = 12.0;
        let width = self.geometry.text_width() - indent - column - gap;
        let mut lines = self.wrap_for_reading(text, style, width);
        // The number is a word of its own to whoever reads the entry.
        if page.is_some()
            && let Some(last) = lines.last_mut()
            && !last.ends_with(' ')
        {
            last.push(' ');
        }
        let last_width = lines.last().map_or(0.0, |last| {
            text_width(visible(last), style.face, style.size)
        });
        let left = self.geometry.left() + indent;
        let right = self.geometry.right();
        let place = move |l: &mut Self| {
            l.aligned_lines(lines, style, indent, Align::Left);
            let Some(page) = page else { return };
            let top = l.y - style.line_height();
            let leader = style.colored(Rgb(0.55, 0.57, 0.6));
            let dot = text_width(" .", leader.face, leader.size);
            let margin = l.geometry.left();
            let from = left + last_width + gap / 2.0;
            // The leaders end on a grid of dots from the margin, so that the dots of every
            // entry stand in columns whatever the width of their number.
            let to = margin + ((right - number_width - gap / 2.0 - margin) / dot).floor() * dot;
            let count = ((to - from) / dot).floor();
            if count >= 1.0 {
                // At most a line of dots: `count` is small and positive.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let dots = " .".repeat(count as usize);
                let x = to - text_width(&dots, leader.face, leader.size);
                l.artifact(|l| l.place_line(dots, leader, x, top));
            }
            l.place_line(page.to_string(), style, right - number_width, top);
        };
        self.leaf(Role::Paragraph, |l, _| match target {
            Some(target) => l.link(target, place),
            None => place(l),
        });
    }

    /// A level-1 heading kept with at least `follow` points of what comes after it; see
    /// [`Layout::heading_level`].
    pub fn heading(&mut self, text: &str, style: TextStyle, follow: f32) {
        self.heading_level(1, None, text, style, follow);
    }

    /// A heading of `level` (1 a chapter, 2 a section, 3 a subsection: H1..H3 in the PDF and
    /// an entry of its outline), kept with at least `follow` points of what comes after it.
    /// `id` names it for links ([`LinkTarget::Heading`]).
    pub fn heading_level(
        &mut self,
        level: u8,
        id: Option<&str>,
        text: &str,
        style: TextStyle,
        follow: f32,
    ) {
        let lines = self.wrap_for_reading(text, style, self.geometry.text_width());
        self.ensure(lines.len() as f32 * style.line_height() + follow);
        let words = lines
            .iter()
            .map(|line| visible(line))
            .collect::<Vec<_>>()
            .join(" ");
        let page = self.pages.len().saturating_sub(1);
        let top = self.y;
        self.leaf(Role::Heading(level.clamp(1, 6)), |l, element| {
            if let Some(element) = element.and_then(|e| l.tree.get_mut(e)) {
                let details = element.details_mut();
                details.alt = Some(words);
                details.id = id.map(str::to_string);
                details.anchor = Some((page, top));
            }
            l.aligned_lines(lines, style, 0.0, Align::Left);
        });
    }

    /// A bulleted paragraph: the bullet at `indent`, the text hanging after it. Bullets placed
    /// one after another form one list.
    pub fn bullet(&mut self, text: &str, style: TextStyle, indent: f32) {
        self.list_item("\u{2022}", style, indent, 11.0, |l, body_indent| {
            l.paragraph(text, style, body_indent);
        });
    }

    /// One entry of a list (L, LI, Lbl, LBody): `marker` at `indent`, then what `body` places
    /// at the indent it is given, `hang` further right. Items placed one after another form
    /// one list.
    pub fn list_item(
        &mut self,
        marker: &str,
        style: TextStyle,
        indent: f32,
        hang: f32,
        body: impl FnOnce(&mut Self, f32),
    ) {
        self.ensure(style.line_height());
        let top = self.y;
        let x = self.geometry.left() + indent;
        let list = self.current_list();
        self.containers.push(list);
        self.within(Role::ListItem, |l, _| {
            l.leaf(Role::Label, |l, _| {
                l.place_line(marker.to_string(), style, x, top);
            });
            l.leaf(Role::ListBody, |l, _| body(l, indent + hang));
        });
        self.containers.pop();
    }

    /// The list the next item joins: the one just placed, or a new one.
    fn current_list(&mut self) -> usize {
        let container = self.container();
        match self.tree.last_child(container) {
            Some(id)
                if self.loose_text.is_none()
                    && self.tree.get(id).is_some_and(|e| e.role == Role::List) =>
            {
                id
            }
            _ => self.open(Role::List),
        }
    }

    /// A thin rule across the text width.
    pub fn rule(&mut self, color: Rgb, thickness: f32) {
        self.ensure(thickness + 2.0);
        let y = self.y + thickness / 2.0;
        self.push_artifact(Mark::Line(Rule {
            from: (self.geometry.left(), y),
            to: (self.geometry.right(), y),
            thickness,
            color,
        }));
        self.y += thickness;
    }

    /// A filled band across the text width with one centred line of text (a banner).
    pub fn banner(&mut self, text: &str, style: TextStyle, fill: Rgb) {
        let padding = 6.0;
        let lines = self.wrap_for_reading(text, style, self.geometry.text_width() - 2.0 * padding);
        let height = lines.len() as f32 * style.line_height() + 2.0 * padding;
        self.ensure(height);
        let (left, top) = (self.geometry.left(), self.y);
        self.push_artifact(Mark::Fill(FillBox {
            x: left,
            y: top,
            width: self.geometry.text_width(),
            height,
            color: fill,
        }));
        self.y += padding;
        self.leaf(Role::Paragraph, |l, _| {
            for line in lines {
                let w = text_width(visible(&line), style.face, style.size);
                let x = left + (l.geometry.text_width() - w) / 2.0;
                let line_top = l.y;
                l.place_line(line, style, x, line_top);
                l.y += style.line_height();
            }
        });
        self.y += padding;
    }

    /// Label/value pairs: labels in a column of `label_width`, values wrapped beside them.
    /// Tagged as a list whose items' labels are the keys: a screen reader says "list, N items"
    /// and reads each label with its value (PDF has no definition list; a table would need
    /// column headers the pairs do not have).
    pub fn key_values(
        &mut self,
        pairs: &[(String, String)],
        label: TextStyle,
        value: TextStyle,
        label_width: f32,
    ) {
        if pairs.is_empty() {
            return;
        }
        let value_width = self.geometry.text_width() - label_width;
        let list = self.open(Role::List);
        for (key, text) in pairs {
            let item = self.tree.add(Role::ListItem, list);
            let label_element = self.tree.add(Role::Label, item);
            let value_element = self.tree.add(Role::ListBody, item);
            let keys = self.wrap_for_reading(key, label, label_width - 6.0);
            let values = self.wrap_for_reading(text, value, value_width);
            let rows = keys.len().max(values.len());
            let lh = label.line_height().max(value.line_height());
            self.ensure(lh * rows.min(3) as f32);
            let left = self.geometry.left();
            for i in 0..rows {
                self.ensure(lh);
                let top = self.y;
                if let Some(k) = keys.get(i) {
                    self.owned_by(label_element, |l| l.place_line(k.clone(), label, left, top));
                }
                if let Some(v) = values.get(i) {
                    let x = left + label_width;
                    self.owned_by(value_element, |l| l.place_line(v.clone(), value, x, top));
                }
                self.y += lh;
            }
            self.y += lh * 0.25;
        }
    }
}

/// Runs of text in their own styles broken into lines at most `width` wide, between words, each
/// word in its run's style, consecutive words of one style joined into one segment; a line
/// that ends between words keeps that space at its end (drawn, not measured), so text read in
/// order keeps its word boundaries. `None` when the text has a line break or a word wider than
/// the line, which only plain wrapping handles.
pub(super) fn styled_lines(
    runs: &[(String, TextStyle)],
    width: f32,
) -> Option<Vec<Vec<(String, TextStyle)>>> {
    let mut lines: Vec<Vec<(String, TextStyle)>> = vec![Vec::new()];
    let mut used = 0.0f32;
    for (text, style) in runs {
        if text.contains('\n') {
            return None;
        }
        for word in text.split_inclusive(' ') {
            let measure = |t: &str| text_width(t, style.face, style.size);
            let visible_width = measure(word.trim_end_matches(' '));
            if visible_width > width {
                return None;
            }
            let line_has_words = lines.last().is_some_and(|l| !l.is_empty());
            if line_has_words && used + visible_width > width {
                lines.push(Vec::new());
                used = 0.0;
            }
            used += measure(word);
            let line = lines.last_mut()?;
            match line.last_mut() {
                Some((segment, segment_style)) if segment_style == style => segment.push_str(word),
                _ => line.push((word.to_string(), *style)),
            }
        }
    }
    lines.retain(|l| !l.is_empty());
    Some(lines)
}

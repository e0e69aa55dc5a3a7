//! Tables: columns by share of the text width, the header repeated after a page break, rows
//! split line by line when they do not fit.

use super::super::tags::{LinkTarget, Role};
use super::{FillBox, Layout, Mark, Page, Rgb, Rule, TextStyle};

/// A column of a table.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Share of the text width (the shares of a table add up to 1).
    pub share: f32,
}

/// One paragraph inside a table cell.
#[derive(Debug, Clone)]
pub struct CellText {
    /// The text.
    pub text: String,
    /// How it is set.
    pub style: TextStyle,
}

/// A table cell: paragraphs stacked top to bottom.
pub type Cell = Vec<CellText>;

/// Table type, padding and colours.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    /// Header text.
    pub header: TextStyle,
    /// Header background.
    pub header_fill: Rgb,
    /// Background of every other row.
    pub stripe: Rgb,
    /// Rule under each row.
    pub rule: Rgb,
    /// Space around cell text.
    pub padding: f32,
}

/// A one-paragraph cell.
pub fn text_cell(text: &str, style: TextStyle) -> Cell {
    vec![CellText {
        text: text.to_string(),
        style,
    }]
}

impl Layout {
    /// A table whose header row is repeated at the top of every page it runs onto. A row taller
    /// than the space left is split between pages, line by line, so no cell is ever cut off.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], style: &TableStyle) {
        self.table_with_links(columns, rows, &[], style);
    }

    /// [`Layout::table`] where a cell may link somewhere: `links[row][column]` (missing entries
    /// link nowhere). A linked cell's text is a Link inside its TD.
    pub fn table_with_links(
        &mut self,
        columns: &[Column],
        rows: &[Vec<Cell>],
        links: &[Vec<Option<LinkTarget>>],
        style: &TableStyle,
    ) {
        let table = TableGeometry::new(self, columns, style);
        let header: Vec<Vec<(String, TextStyle)>> = columns
            .iter()
            .zip(&table.inner_widths)
            .map(|(c, &w)| self.cell_lines(&text_cell(&c.title, style.header), w))
            .collect();
        let header_height = column_height(&header) + 2.0 * style.padding;
        let mut laid: Vec<Vec<Vec<(String, TextStyle)>>> = Vec::with_capacity(rows.len());
        for row in rows {
            let lines = row
                .iter()
                .zip(&table.inner_widths)
                .map(|(cell, &w)| self.cell_lines(cell, w))
                .collect();
            laid.push(lines);
        }
        // Keep the header with at least the first lines of the first row.
        let first = laid.first().map_or(0.0, |r| first_lines_height(r, 3));
        self.ensure(header_height + first + 2.0 * style.padding);
        self.within(Role::Table, |l, _| {
            let cells = l.row_cells(Role::HeaderCell, columns.len());
            l.table_header(&table, &header, header_height, style, Some(&cells));
            for (index, row) in laid.into_iter().enumerate() {
                let fill = (index % 2 == 1).then_some(style.stripe);
                let mut cells = l.row_cells(Role::DataCell, columns.len());
                if let Some(row_links) = links.get(index) {
                    l.link_cells(&mut cells, row_links);
                }
                let rows = TableRows {
                    header: &header,
                    header_height,
                    style,
                };
                l.table_row(&table, row, fill, &rows, &cells);
            }
        });
    }

    /// Gives each cell with a target a Link element, which then owns the cell's text.
    fn link_cells(&mut self, cells: &mut [usize], targets: &[Option<LinkTarget>]) {
        for (cell, target) in cells.iter_mut().zip(targets) {
            let Some(target) = target else { continue };
            let link = self.tree.add(Role::Link, *cell);
            if let Some(element) = self.tree.get_mut(link) {
                element.details_mut().target = Some(target.clone());
            }
            *cell = link;
        }
    }

    /// A row element (TR) in the current table with `count` cells of `role`.
    fn row_cells(&mut self, role: Role, count: usize) -> Vec<usize> {
        self.within(Role::Row, |l, row| {
            (0..count).map(|_| l.tree.add(role, row)).collect()
        })
    }

    fn cell_lines(&mut self, cell: &[CellText], width: f32) -> Vec<(String, TextStyle)> {
        let mut lines: Vec<(String, TextStyle)> = Vec::new();
        for part in cell {
            // Each part starts a line; a space ends the one before, so that the last word of a
            // part and the first of the next are two words to whoever reads the text.
            if let Some((last, _)) = lines.last_mut()
                && !last.ends_with(' ')
            {
                last.push(' ');
            }
            for line in self.wrap_for_reading(&part.text, part.style, width) {
                lines.push((line, part.style));
            }
        }
        lines
    }

    /// The header row; `cells` are its TH elements the first time, `None` when the header is
    /// repeated after a page break (an artifact: a screen reader has read it once).
    fn table_header(
        &mut self,
        table: &TableGeometry,
        header: &[Vec<(String, TextStyle)>],
        height: f32,
        style: &TableStyle,
        cells: Option<&[usize]>,
    ) {
        let top = self.y;
        self.push_artifact(Mark::Fill(FillBox {
            x: self.geometry.left(),
            y: top,
            width: self.geometry.text_width(),
            height,
            color: style.header_fill,
        }));
        match cells {
            Some(cells) => self.place_cells(table, header.to_vec(), top + style.padding, cells),
            None => self.artifact(|l| {
                l.place_cells(table, header.to_vec(), top + style.padding, &[]);
            }),
        }
        self.y = top + height;
    }

    /// Places each column's lines as part of its cell element in `owners` (artifacts when
    /// there is none).
    fn place_cells(
        &mut self,
        table: &TableGeometry,
        cells: Vec<Vec<(String, TextStyle)>>,
        top: f32,
        owners: &[usize],
    ) {
        for (column, lines) in cells.into_iter().enumerate() {
            let x = table.lefts[column] + table.padding;
            let mut line_top = top;
            let place = |l: &mut Self| {
                for (text, style) in lines {
                    l.place_line(text, style, x, line_top);
                    line_top += style.line_height();
                }
            };
            match owners.get(column) {
                Some(&owner) => self.owned_by(owner, place),
                None => place(self),
            }
        }
    }

    fn repeat_header(&mut self, table: &TableGeometry, rows: &TableRows<'_>) {
        self.pages.push(Page::default());
        self.y = self.geometry.top();
        self.table_header(table, rows.header, rows.header_height, rows.style, None);
    }

    fn table_row(
        &mut self,
        table: &TableGeometry,
        mut row: Vec<Vec<(String, TextStyle)>>,
        fill: Option<Rgb>,
        rows: &TableRows<'_>,
        cells: &[usize],
    ) {
        let (header_height, style) = (rows.header_height, rows.style);
        let whole = column_height(&row) + 2.0 * style.padding;
        let fresh_page = self.body_bottom() - self.geometry.top() - header_height;
        if whole > self.remaining() && whole <= fresh_page {
            // The row fits whole on the next page: move it there rather than split it.
            self.repeat_header(table, rows);
        }
        loop {
            let available = self.remaining() - 2.0 * style.padding;
            let part = take_lines(&mut row, available);
            let nothing_taken = part.iter().all(Vec::is_empty);
            if nothing_taken && row.iter().any(|c| !c.is_empty()) {
                // Not even one line fits: continue on a fresh page under a repeated header.
                self.restore_lines(&mut row, part);
                self.repeat_header(table, rows);
                if self.remaining() < 2.0 * style.padding + 12.0 {
                    return; // A page too small for any row: give up rather than loop.
                }
                continue;
            }
            let height = column_height(&part) + 2.0 * style.padding;
            let top = self.y;
            if let Some(color) = fill {
                self.push_artifact(Mark::Fill(FillBox {
                    x: self.geometry.left(),
                    y: top,
                    width: self.geometry.text_width(),
                    height,
                    color,
                }));
            }
            self.place_cells(table, part, top + style.padding, cells);
            self.y = top + height;
            self.push_artifact(Mark::Line(Rule {
                from: (self.geometry.left(), self.y),
                to: (self.geometry.right(), self.y),
                thickness: 0.5,
                color: style.rule,
            }));
            if row.iter().all(Vec::is_empty) {
                return;
            }
            self.repeat_header(table, rows);
        }
    }

    fn restore_lines(
        &mut self,
        row: &mut [Vec<(String, TextStyle)>],
        part: Vec<Vec<(String, TextStyle)>>,
    ) {
        for (cell, mut taken) in row.iter_mut().zip(part) {
            taken.append(cell);
            *cell = taken;
        }
    }
}

/// What a table's rows repeat after a page break.
struct TableRows<'a> {
    header: &'a [Vec<(String, TextStyle)>],
    header_height: f32,
    style: &'a TableStyle,
}

/// Column positions of a table.
struct TableGeometry {
    lefts: Vec<f32>,
    inner_widths: Vec<f32>,
    padding: f32,
}

impl TableGeometry {
    fn new(layout: &Layout, columns: &[Column], style: &TableStyle) -> Self {
        let total: f32 = columns
            .iter()
            .map(|c| c.share)
            .sum::<f32>()
            .max(f32::EPSILON);
        let width = layout.geometry.text_width();
        let mut lefts = Vec::with_capacity(columns.len());
        let mut inner_widths = Vec::with_capacity(columns.len());
        let mut x = layout.geometry.left();
        for column in columns {
            let w = width * column.share / total;
            lefts.push(x);
            inner_widths.push((w - 2.0 * style.padding).max(1.0));
            x += w;
        }
        Self {
            lefts,
            inner_widths,
            padding: style.padding,
        }
    }
}

/// Height of the tallest cell.
fn column_height(cells: &[Vec<(String, TextStyle)>]) -> f32 {
    cells
        .iter()
        .map(|lines| lines.iter().map(|(_, s)| s.line_height()).sum::<f32>())
        .fold(0.0, f32::max)
}

/// Height of the first `n` lines of the tallest cell: enough to keep a header company.
fn first_lines_height(cells: &[Vec<(String, TextStyle)>], n: usize) -> f32 {
    cells
        .iter()
        .map(|lines| {
            lines
                .iter()
                .take(n)
                .map(|(_, s)| s.line_height())
                .sum::<f32>()
        })
        .fold(0.0, f32::max)
}

/// Takes from the front of every cell the lines that fit in `available` points.
fn take_lines(
    row: &mut [Vec<(String, TextStyle)>],
    available: f32,
) -> Vec<Vec<(String, TextStyle)>> {
    row.iter_mut()
        .map(|cell| {
            let mut used = 0.0;
            let count = cell
                .iter()
                .take_while(|(_, style)| {
                    used += style.line_height();
                    used <= available
                })
                .count();
            cell.drain(..count).collect()
        })
        .collect()
}

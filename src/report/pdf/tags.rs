//! The structure tree a tagged PDF carries: what each mark on a page is (a heading, a paragraph,
//! a list item, a table cell, a figure, a link), recorded by [`super::layout::Layout`] as it
//! places the marks, so every caller of the layout primitives gets a tagged PDF for free.
//!
//! Marks that belong to no element (page footers, rules, fills, repeated table headers) are
//! artifacts: a screen reader skips them.

/// What a structure element is, as PDF/UA names the standard structure types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The root.
    Document,
    /// A heading, level 1 to 6 (H1..H6).
    Heading(u8),
    /// A paragraph (P).
    Paragraph,
    /// A list (L).
    List,
    /// One item of a list (LI).
    ListItem,
    /// An item's bullet or label (Lbl).
    Label,
    /// An item's text (LBody).
    ListBody,
    /// A table (Table).
    Table,
    /// A table row (TR).
    Row,
    /// A column header cell (TH, scope Column).
    HeaderCell,
    /// A data cell (TD).
    DataCell,
    /// A chart or picture (Figure), with alternate text.
    Figure,
    /// A link (Link), with its annotations.
    Link,
    /// Inline text with no role of its own (Span): a link whose target does not exist.
    Span,
}

impl Role {
    /// The structure type's name in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Heading(1) => "H1",
            Role::Heading(2) => "H2",
            Role::Heading(3) => "H3",
            Role::Heading(4) => "H4",
            Role::Heading(5) => "H5",
            Role::Heading(_) => "H6",
            Role::Paragraph => "P",
            Role::List => "L",
            Role::ListItem => "LI",
            Role::Label => "Lbl",
            Role::ListBody => "LBody",
            Role::Table => "Table",
            Role::Row => "TR",
            Role::HeaderCell => "TH",
            Role::DataCell => "TD",
            Role::Figure => "Figure",
            Role::Link => "Link",
            Role::Span => "Span",
        }
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A web address.
    Url(String),
    /// A heading of the same document, by the id it was given.
    Heading(String),
}

/// One child of a structure element, in reading order. Numbers are 32-bit: a long report has
/// a million kids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    /// Another element.
    Element(u32),
    /// A marked-content sequence on a page (0-based).
    Content {
        /// Page index.
        page: u32,
        /// Marked-content id, unique on the page.
        mcid: u32,
    },
    /// A link annotation of a page.
    Annotation {
        /// Page index.
        page: u32,
        /// Index in that page's links.
        index: u32,
    },
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// What it is.
    pub role: Role,
    /// Its parent; `None` for the root only.
    pub parent: Option<usize>,
    /// Children in reading order.
    pub kids: Vec<Kid>,
    /// What few elements carry (headings, figures, links), kept apart: a long report has a
    /// hundred thousand elements, most of them cells and paragraphs.
    details: Option<Box<Details>>,
}

/// The parts of an element only headings, figures and links have.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    /// Alternate text (figures), or the words of a heading (the outline's entry).
    pub alt: Option<String>,
    /// For a heading: the id links reach it by.
    pub id: Option<String>,
    /// For a heading: the page and the top of its first line (the outline's destination).
    pub anchor: Option<(usize, f32)>,
    /// For a link: its target.
    pub target: Option<LinkTarget>,
}

impl Element {
    fn new(role: Role, parent: Option<usize>) -> Self {
        Self {
            role,
            parent,
            kids: Vec::new(),
            details: None,
        }
    }

    /// Alternate text (figures), or the words of a heading.
    pub fn alt(&self) -> Option<&str> {
        self.details.as_ref()?.alt.as_deref()
    }

    /// For a heading: the id links reach it by.
    pub fn id(&self) -> Option<&str> {
        self.details.as_ref()?.id.as_deref()
    }

    /// For a heading: the page and the top of its first line.
    pub fn anchor(&self) -> Option<(usize, f32)> {
        self.details.as_ref()?.anchor
    }

    /// For a link: its target.
    pub fn target(&self) -> Option<&LinkTarget> {
        self.details.as_ref()?.target.as_ref()
    }

    /// Adds a child. Most elements have one: the first gets room for one only, where a
    /// vector's first growth would make room for four.
    pub fn push(&mut self, kid: Kid) {
        if self.kids.is_empty() {
            self.kids.reserve_exact(1);
        }
        self.kids.push(kid);
    }

    /// The details, to set.
    pub fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }
}

/// The structure tree: element 0 is the Document.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    /// Every element; parents before their children.
    pub elements: Vec<Element>,
}

impl Default for Tree {
    fn default() -> Self {
        Self {
            elements: vec![Element::new(Role::Document, None)],
        }
    }
}

impl Tree {
    /// A new element, the last child of `parent`.
    pub fn add(&mut self, role: Role, parent: usize) -> usize {
        let id = self.elements.len();
        self.elements.push(Element::new(role, Some(parent)));
        if let Some(p) = self.elements.get_mut(parent) {
            p.push(Kid::Element(u32::try_from(id).unwrap_or(u32::MAX)));
        }
        id
    }

    /// The element `id`.
    pub fn get(&self, id: usize) -> Option<&Element> {
        self.elements.get(id)
    }

    /// The element `id`, to change.
    pub fn get_mut(&mut self, id: usize) -> Option<&mut Element> {
        self.elements.get_mut(id)
    }

    /// The last child of `parent`, when it is an element.
    pub fn last_child(&self, parent: usize) -> Option<usize> {
        match self.get(parent)?.kids.last()? {
            Kid::Element(id) => Some(*id as usize),
            _ => None,
        }
    }

    /// Headings in reading order: (level, words, page, top, id).
    pub fn headings(&self) -> Vec<(u8, &str, usize, f32, Option<&str>)> {
        let mut out = Vec::new();
        self.walk(0, &mut |element| {
            if let (Role::Heading(level), Some((page, top))) = (element.role, element.anchor()) {
                out.push((
                    level,
                    element.alt().unwrap_or_default(),
                    page,
                    top,
                    element.id(),
                ));
            }
        });
        out
    }

    /// Calls `visit` on `id` and every element under it, in reading order.
    pub fn walk<'a>(&'a self, id: usize, visit: &mut impl FnMut(&'a Element)) {
        let Some(element) = self.get(id) else {
            return;
        };
        visit(element);
        for kid in &element.kids {
            if let Kid::Element(child) = kid {
                self.walk(*child as usize, visit);
            }
        }
    }
}

/// Which element a mark belongs to and its marked-content id: `None` is an artifact. Element
/// numbers are 32-bit to keep a long report's million tags small.
pub type Tag = Option<(u32, u32)>;

/// A link's clickable area on a page, from the top-left corner: (left, top, right, bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    /// The area.
    pub bounds: (f32, f32, f32, f32),
    /// The Link element it belongs to.
    pub element: usize,
    /// The words shown there (the annotation's description).
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_nest_under_the_document_in_order() {
        let mut tree = Tree::default();
        let list = tree.add(Role::List, 0);
        let item = tree.add(Role::ListItem, list);
        let heading = tree.add(Role::Heading(1), 0);
        tree.get_mut(heading).unwrap().details_mut().anchor = Some((1, 54.0));
        tree.get_mut(heading).unwrap().details_mut().alt = Some("Gaps".into());
        assert_eq!(tree.last_child(0), Some(heading));
        assert_eq!(tree.get(item).unwrap().parent, Some(list));
        assert_eq!(tree.headings(), vec![(1, "Gaps", 1, 54.0, None)]);
        assert_eq!(Role::Heading(9).name(), "H6");
    }
}

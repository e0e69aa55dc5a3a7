//! Reads a PDF back in-process with lopdf, so the PDF tests need no program beside Rust: the
//! page count, each page's size and text (in content order, a line break wherever the text
//! position moves), and the document information.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Document, Encoding, Object};

/// One page as a reader gets it.
pub struct Page {
    /// Width and height in points, from the page's MediaBox.
    pub size: (f32, f32),
    /// The text shown on the page, in the order it is drawn.
    pub text: String,
}

/// A PDF read back.
pub struct Pdf {
    pub pages: Vec<Page>,
    /// The document information dictionary's text entries (Title, Author, CreationDate, ...).
    pub info: BTreeMap<String, String>,
}

impl Pdf {
    /// The whole text, pages separated by form feeds as pdftotext does.
    pub fn text(&self) -> String {
        self.pages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\u{c}")
    }
}

/// Reads the PDF at `path`; panics (a failed test) when lopdf cannot read it.
pub fn read(path: &Path) -> Pdf {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc =
        Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{}: lopdf: {e}", path.display()));
    let pages = doc
        .get_pages()
        .values()
        .map(|&id| Page {
            size: media_box(&doc, id),
            text: page_text(&doc, id),
        })
        .collect();
    Pdf {
        pages,
        info: info(&doc),
    }
}

fn media_box(doc: &Document, page: lopdf::ObjectId) -> (f32, f32) {
    let dict = doc.get_dictionary(page).expect("a page is a dictionary");
    let values: Vec<f32> = dict
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("every page has its own MediaBox")
        .iter()
        .map(|o| o.as_float().expect("a number"))
        .collect();
    (values[2] - values[0], values[3] - values[1])
}

fn page_text(doc: &Document, page: lopdf::ObjectId) -> String {
    let fonts = doc.get_page_fonts(page).expect("page fonts");
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(doc).expect("font encoding")))
        .collect();
    let content = doc
        .get_and_decode_page_content(page)
        .expect("page content decodes");
    let mut text = String::new();
    let mut encoding = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => {
                let name = op.operands[0].as_name().expect("a font name");
                encoding = encodings.get(name);
            }
            "Td" | "TD" | "Tm" | "T*" | "ET" if !text.is_empty() && !text.ends_with('\n') => {
                text.push('\n');
            }
            "Tj" | "TJ" | "'" | "\"" => {
                let encoding = encoding.expect("text shown with a font set");
                for operand in &op.operands {
                    show(operand, encoding, &mut text);
                }
            }
            _ => {}
        }
    }
    text
}

fn show(operand: &Object, encoding: &Encoding, text: &mut String) {
    match operand {
        Object::String(bytes, _) => encoding
            .write_to_string(bytes, text)
            .expect("text decodes in its font's encoding"),
        Object::Array(items) => items.iter().for_each(|item| show(item, encoding, text)),
        _ => {}
    }
}

fn info(doc: &Document) -> BTreeMap<String, String> {
    let Ok(info) = doc
        .trailer
        .get(b"Info")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_dict())
    else {
        return BTreeMap::new();
    };
    info.iter()
        .filter_map(|(key, value)| {
            let text = match value {
                Object::String(bytes, _) => lopdf::decode_text_string(value)
                    .ok()
                    .or_else(|| Some(String::from_utf8_lossy(bytes).into_owned()))?,
                _ => return None,
            };
            Some((String::from_utf8_lossy(key).into_owned(), text))
        })
        .collect()
}

/// The text of `path` from every reader at hand: lopdf always, poppler's pdftotext when it is
/// installed. Tests assert the same things of each.
pub fn texts(path: &Path) -> Vec<(&'static str, String)> {
    let mut texts = vec![("lopdf", read(path).text())];
    if let Some(text) = crate::external::poppler_text(path) {
        texts.push(("pdftotext", text));
    }
    texts
}

/// The page count, checked against poppler's when it is installed.
pub fn page_count(path: &Path) -> usize {
    let count = read(path).pages.len();
    if let Some(poppler) = crate::external::poppler_pages(path) {
        assert_eq!(
            poppler,
            count,
            "{}: pdfinfo and lopdf disagree",
            path.display()
        );
    }
    count
}

/// Every page of `path` is A4 (595.28 x 841.89 pt; Letter would be 612 x 792), read in-process
/// and, when it is installed, by poppler.
pub fn assert_a4(path: &Path) {
    for (n, page) in read(path).pages.iter().enumerate() {
        let (w, h) = page.size;
        assert!(
            (w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01,
            "{}: page {} is {w} x {h} pt, not A4",
            path.display(),
            n + 1
        );
    }
    let external = crate::external::PDFINFO;
    if crate::external::have("pdfinfo (poppler's page size) of the PDFs", &[external]) {
        let info = crate::external::run(external, &[], path, &[]);
        assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    }
}

/// One block of a PDF as assistive technology reads it: a structure element that owns marked
/// content (a paragraph, heading, cell, label...), with the text of its subtree in structure
/// order.
#[derive(Debug)]
pub struct Block {
    /// The structure type (`P`, `H2`, `TD`...).
    pub role: String,
    /// The element's `/T` (headings carry their words there).
    pub title: Option<String>,
    /// Each text-showing operator's text, in structure order: the lines as drawn.
    pub lines: Vec<String>,
    /// The page (from 1) each line is on.
    pub pages: Vec<usize>,
}

impl Block {
    /// The text read: the lines one after the other, nothing added between them (as a screen
    /// reader or reflow gets it from the marked content).
    pub fn text(&self) -> String {
        self.lines.concat()
    }
}

/// The blocks of the PDF at `path` in structure order, each with the decoded text of the
/// marked content its structure elements point to (StructTreeRoot → K → MCIDs → the text shown
/// inside `BDC`/`EMC` with that MCID on that page). Figures are left out: their alternate text
/// is what is read. With `without_soft_spaces`, the space at the end of every drawn line is
/// dropped first: the PDF as it was before soft line breaks kept their space, for showing that
/// the checks on this reading can fail.
pub fn in_structure_order(path: &Path, without_soft_spaces: bool) -> Vec<Block> {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut marked = BTreeMap::new();
    for &page in doc.get_pages().values() {
        for ((page, mcid), mut lines) in marked_content(&doc, page) {
            if without_soft_spaces {
                for line in &mut lines {
                    line.truncate(line.trim_end_matches(' ').len());
                }
            }
            marked.insert((page, mcid), lines);
        }
    }
    let catalog = doc.catalog().expect("a catalog");
    let root = deref(
        &doc,
        catalog.get(b"StructTreeRoot").expect("a StructTreeRoot"),
    );
    let root = root.as_dict().expect("a dictionary");
    let mut blocks = Vec::new();
    let numbers = doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect();
    let reader = StructureReader {
        doc: &doc,
        marked: &marked,
        numbers: &numbers,
    };
    reader.blocks(root.get(b"K").expect("K"), None, &mut blocks);
    blocks
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).expect("a reference resolves"),
        o => o,
    }
}

/// The text each marked-content sequence of `page` shows, by MCID; one string per operator.
fn marked_content(
    doc: &Document,
    page: lopdf::ObjectId,
) -> BTreeMap<(lopdf::ObjectId, i64), Vec<String>> {
    let fonts = doc.get_page_fonts(page).expect("page fonts");
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(doc).expect("font encoding")))
        .collect();
    let content = doc
        .get_and_decode_page_content(page)
        .expect("page content decodes");
    let mut out: BTreeMap<(lopdf::ObjectId, i64), Vec<String>> = BTreeMap::new();
    let mut stack: Vec<Option<i64>> = Vec::new();
    let mut encoding = None;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => stack.push(match op.operands.get(1) {
                Some(Object::Dictionary(d)) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                _ => None,
            }),
            "BMC" => stack.push(None),
            "EMC" => {
                stack.pop();
            }
            "Tf" => encoding = encodings.get(op.operands[0].as_name().expect("a font name")),
            "Tj" | "TJ" | "'" | "\"" => {
                if let Some(Some(mcid)) = stack.last() {
                    let mut text = String::new();
                    let encoding = encoding.expect("text shown with a font set");
                    for operand in &op.operands {
                        show(operand, encoding, &mut text);
                    }
                    out.entry((page, *mcid)).or_default().push(text);
                }
            }
            _ => {}
        }
    }
    out
}

struct StructureReader<'a> {
    doc: &'a Document,
    marked: &'a BTreeMap<(lopdf::ObjectId, i64), Vec<String>>,
    /// Each page object's number, from 1.
    numbers: &'a BTreeMap<lopdf::ObjectId, usize>,
}

/// Structure types read as one block with everything below them.
const BLOCK_ROLES: [&str; 12] = [
    "P", "H1", "H2", "H3", "H4", "H5", "H6", "TH", "TD", "Lbl", "LBody", "Caption",
];

impl StructureReader<'_> {
    /// Finds the blocks below `kid`, in order.
    fn blocks(&self, kid: &Object, page: Option<lopdf::ObjectId>, out: &mut Vec<Block>) {
        match deref(self.doc, kid) {
            Object::Array(kids) => kids.iter().for_each(|k| self.blocks(k, page, out)),
            Object::Dictionary(d) if d.get(b"S").is_ok() => {
                let role = String::from_utf8_lossy(
                    d.get(b"S").and_then(Object::as_name).unwrap_or_default(),
                )
                .into_owned();
                let page = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                if role == "Figure" {
                    return;
                }
                let owns_content = kids(d).iter().any(|k| !is_element(self.doc, k));
                if BLOCK_ROLES.contains(&role.as_str()) || owns_content {
                    let mut lines = Vec::new();
                    let mut pages = Vec::new();
                    self.text(d, page, &mut lines, &mut pages);
                    let title = d
                        .get(b"T")
                        .ok()
                        .and_then(|t| lopdf::decode_text_string(deref(self.doc, t)).ok());
                    out.push(Block {
                        role,
                        title,
                        lines,
                        pages,
                    });
                } else {
                    kids(d).iter().for_each(|k| self.blocks(k, page, out));
                }
            }
            _ => {}
        }
    }

    /// The lines of `element`'s subtree in structure order.
    fn text(
        &self,
        element: &lopdf::Dictionary,
        page: Option<lopdf::ObjectId>,
        out: &mut Vec<String>,
        pages: &mut Vec<usize>,
    ) {
        for kid in kids(element) {
            let mcid = match deref(self.doc, &kid) {
                Object::Integer(mcid) => page.map(|p| (p, *mcid)),
                Object::Dictionary(k)
                    if k.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR") =>
                {
                    let pg = k.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                    let mcid = k.get(b"MCID").and_then(Object::as_i64).ok();
                    pg.zip(mcid)
                }
                Object::Dictionary(k) if k.get(b"S").is_ok() => {
                    let inner = k.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                    self.text(k, inner, out, pages);
                    None
                }
                _ => None,
            };
            if let Some((key, lines)) = mcid.and_then(|key| Some((key, self.marked.get(&key)?))) {
                out.extend(lines.iter().cloned());
                let number = self.numbers.get(&key.0).copied().unwrap_or_default();
                pages.extend(lines.iter().map(|_| number));
            }
        }
    }
}

/// An element's kids as a list (`K` may be one kid or an array).
fn kids(element: &lopdf::Dictionary) -> Vec<Object> {
    match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    }
}

fn is_element(doc: &Document, kid: &Object) -> bool {
    matches!(deref(doc, kid), Object::Dictionary(d) if d.get(b"S").is_ok())
}

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

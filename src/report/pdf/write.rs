//! Writes the finished lopdf document as bytes: streams as indirect objects, every other
//! object (the thousand small dictionaries of the structure tree among them) in deflated
//! object streams, and a deflated cross-reference stream.
//!
//! lopdf's own object-stream writer clones every object and serializes it twice (once to
//! measure it); with a tagged report that was a fifth of the whole process's time. Here each
//! object is serialized once, in object-number order, so the same document gives the same
//! bytes.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::draw::{Deflater, push_digits};
use super::tagged::RawObjects;

/// Objects per object stream: one compressor run for a typical report's whole tree, and
/// small enough that a reader looking up one object does not inflate a long report's all.
const OBJECTS_PER_STREAM: usize = 1000;

/// Where each object is, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    InStream { stream: u32, index: u32 },
}

/// An object to pack into an object stream.
enum Packed<'a> {
    Object(&'a Object),
    Raw(&'a [u8]),
}

/// The PDF file of `document` and the objects in `raw` (version 1.7).
pub(crate) fn write(
    document: &lopdf::Document,
    raw: &RawObjects,
    deflater: &mut Deflater,
) -> Vec<u8> {
    // The streams are most of the file, and object streams compress to about a third: sized
    // once, the buffer is not copied as it grows.
    let streams: usize = document
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| s.content.len() + 64)
        .sum();
    let mut out = Vec::with_capacity(streams + raw.bytes.len() / 3 + 64 * 1024);
    out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let max_id = document
        .objects
        .keys()
        .map(|id| id.0)
        .chain(raw.objects.iter().map(|(id, _)| *id))
        .max()
        .unwrap_or(0);
    let mut entries = vec![Entry::Free; usize::try_from(max_id).unwrap_or(0) + 1];
    let mut packed: Vec<(u32, Packed<'_>)> = Vec::with_capacity(raw.objects.len() + 64);
    for (&(id, _), object) in &document.objects {
        match object {
            Object::Stream(stream) => {
                set_entry(&mut entries, id, Entry::At(out.len()));
                indirect_stream(&mut out, id, &stream.dict, &stream.content);
            }
            other => packed.push((id, Packed::Object(other))),
        }
    }
    for (id, range) in &raw.objects {
        if let Some(bytes) = raw.bytes.get(range.clone()) {
            packed.push((*id, Packed::Raw(bytes)));
        }
    }
    // Object-number order, whichever list an object came from: the same bytes every time.
    packed.sort_by_key(|(id, _)| *id);
    let mut next_id = max_id + 1;
    for chunk in packed.chunks(OBJECTS_PER_STREAM) {
        let stream_id = next_id;
        next_id += 1;
        let mut offsets = Vec::with_capacity(chunk.len() * 10);
        let mut body = Vec::with_capacity(chunk.len() * 96);
        for (index, (id, object)) in chunk.iter().enumerate() {
            let id = *id;
            push_digits(&mut offsets, u64::from(id));
            offsets.push(b' ');
            push_digits(&mut offsets, body.len() as u64);
            offsets.push(b' ');
            match object {
                Packed::Object(object) => serialize(&mut body, object),
                Packed::Raw(bytes) => body.extend_from_slice(bytes),
            }
            body.push(b'\n');
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            set_entry(
                &mut entries,
                id,
                Entry::InStream {
                    stream: stream_id,
                    index,
                },
            );
        }
        let first = offsets.len();
        let content = deflater.deflate_parts(&[&offsets, &body]);
        let mut dict = Dictionary::new();
        dict.set("Type", "ObjStm");
        dict.set("N", chunk.len() as i64);
        dict.set("First", first as i64);
        dict.set("Filter", "FlateDecode");
        entries.push(Entry::At(out.len()));
        indirect_stream(&mut out, stream_id, &dict, &content);
    }
    let xref_id = next_id;
    let xref_offset = out.len();
    entries.push(Entry::At(xref_offset));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for entry in &entries {
        let (kind, field2, field3): (u8, u32, u16) = match *entry {
            Entry::Free => (0, 0, 0xFFFF),
            Entry::At(offset) => (1, u32::try_from(offset).unwrap_or(u32::MAX), 0),
            Entry::InStream { stream, index } => {
                (2, stream, u16::try_from(index).unwrap_or(u16::MAX))
            }
        };
        table.push(kind);
        table.extend_from_slice(&field2.to_be_bytes());
        table.extend_from_slice(&field3.to_be_bytes());
    }
    let mut dict = Dictionary::new();
    dict.set("Type", "XRef");
    dict.set("Size", entries.len() as i64);
    dict.set(
        "W",
        vec![Object::Integer(1), Object::Integer(4), Object::Integer(2)],
    );
    for key in [b"Root".as_slice(), b"Info", b"ID"] {
        if let Ok(value) = document.trailer.get(key) {
            dict.set(key, value.clone());
        }
    }
    dict.set("Filter", "FlateDecode");
    let content = deflater.deflate(&table);
    indirect_stream(&mut out, xref_id, &dict, &content);
    out.extend_from_slice(b"startxref\n");
    push_digits(&mut out, xref_offset as u64);
    out.extend_from_slice(b"\n%%EOF\n");
    out
}

fn set_entry(entries: &mut [Entry], id: u32, entry: Entry) {
    if let Some(slot) = usize::try_from(id).ok().and_then(|i| entries.get_mut(i)) {
        *slot = entry;
    }
}

/// `ID 0 obj <<dict /Length n>> stream ... endstream endobj`.
fn indirect_stream(out: &mut Vec<u8>, id: u32, dict: &Dictionary, content: &[u8]) {
    push_digits(out, u64::from(id));
    out.extend_from_slice(b" 0 obj\n<<");
    for (key, value) in dict {
        if key.as_slice() == b"Length" {
            continue;
        }
        name(out, key);
        out.push(b' ');
        serialize(out, value);
    }
    out.extend_from_slice(b"/Length ");
    push_digits(out, content.len() as u64);
    out.extend_from_slice(b">>\nstream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

/// One object in PDF syntax. A stream can only be an indirect object: one met inside
/// another object (which the document never has) is written as `null`.
pub(crate) fn serialize(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null | Object::Stream(_) => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => {
            if *value < 0 {
                out.push(b'-');
            }
            push_digits(out, value.unsigned_abs());
        }
        Object::Real(value) => real(out, *value),
        Object::Name(bytes) => name(out, bytes),
        Object::String(bytes, StringFormat::Literal) => literal(out, bytes),
        Object::String(bytes, StringFormat::Hexadecimal) => hexadecimal(out, bytes.iter().copied()),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialize(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict {
                name(out, key);
                out.push(b' ');
                serialize(out, value);
            }
            out.extend_from_slice(b">>");
        }
        Object::Reference((id, generation)) => reference(out, (*id, *generation)),
    }
}

pub(crate) fn reference(out: &mut Vec<u8>, (id, generation): ObjectId) {
    push_digits(out, u64::from(id));
    out.push(b' ');
    push_digits(out, u64::from(generation));
    out.extend_from_slice(b" R");
}

/// A real to four decimals, trailing zeros dropped (page sizes, positions, an angle).
pub(crate) fn real(out: &mut Vec<u8>, value: f32) {
    let scaled = (f64::from(value) * 10_000.0).round();
    if !scaled.is_finite() || scaled.abs() >= 1e15 {
        out.push(b'0');
        return;
    }
    // In range: checked just above.
    #[allow(clippy::cast_possible_truncation)]
    let scaled = scaled as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    push_digits(out, magnitude / 10_000);
    let mut fraction = magnitude % 10_000;
    if fraction != 0 {
        out.push(b'.');
        let mut divisor = 1000;
        while fraction != 0 {
            out.push(b'0' + u8::try_from(fraction / divisor).unwrap_or(0));
            fraction %= divisor;
            divisor /= 10;
        }
    }
}

/// `/Name`, with bytes a name cannot hold as they are written `#xx`.
pub(crate) fn name(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'/');
    for &b in bytes {
        let plain = (0x21..=0x7E).contains(&b)
            && !matches!(
                b,
                b'#' | b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
            );
        if plain {
            out.push(b);
        } else {
            out.push(b'#');
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xF)]);
        }
    }
}

/// A text string: PDFDocEncoding-compatible ASCII as a literal, anything else as UTF-16BE
/// with a byte-order mark, in hexadecimal.
pub(crate) fn text_string(out: &mut Vec<u8>, text: &str) {
    if text.is_ascii() {
        literal(out, text.as_bytes());
    } else {
        let utf16 = text.encode_utf16().flat_map(u16::to_be_bytes);
        hexadecimal(out, [0xFE, 0xFF].into_iter().chain(utf16));
    }
}

fn hexadecimal(out: &mut Vec<u8>, bytes: impl Iterator<Item = u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push(b'<');
    for b in bytes {
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 0xF)]);
    }
    out.push(b'>');
}

/// `(text)`, with the bytes that would end or change it escaped.
pub(crate) fn literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn text(object: &Object) -> String {
        let mut out = Vec::new();
        serialize(&mut out, object);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let object = Object::Dictionary(dictionary! {
            "Type" => "Annot",
            "Rect" => vec![54.into(), Object::Real(700.25), Object::Real(-0.5)],
            "Contents" => Object::string_literal("a (b) \\ c\n"),
            "Hex" => Object::String(vec![0xFE, 0xFF, 0x00, 0x41], StringFormat::Hexadecimal),
            "P" => Object::Reference((12, 0)),
            "Odd name" => Object::Name(b"A B#".to_vec()),
            "Flag" => true,
            "None" => Object::Null,
        });
        assert_eq!(
            text(&object),
            "<</Type /Annot/Rect [54 700.25 -0.5]/Contents (a \\(b\\) \\\\ c\\n)\
             /Hex <FEFF0041>/P 12 0 R/Odd#20name /A#20B#23/Flag true/None null>>"
        );
    }

    #[test]
    fn a_written_document_reads_back_whole() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(lopdf::Stream::new(
            dictionary! {},
            b"BT /F1 12 Tf ET".to_vec(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => content,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let bytes = write(&doc, &RawObjects::default(), &mut Deflater::new());
        let read = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(read.get_pages().len(), 1);
        let page = read
            .get_dictionary(*read.get_pages().values().next().unwrap())
            .unwrap();
        assert_eq!(page.get(b"MediaBox").unwrap().as_array().unwrap().len(), 4);
        let content = read.get_page_content(read.page_iter().next().unwrap());
        assert_eq!(content.trim_ascii_end(), b"BT /F1 12 Tf ET");
        assert!(bytes.ends_with(b"%%EOF\n"));
    }
}

//! What makes printpdf's document a PDF/UA-1 file: the embedded fonts, the structure tree and
//! its parent tree, link annotations, the outline, named destinations, the catalog's language,
//! MarkInfo and viewer preferences, and XMP metadata that identifies the file as PDF/UA.
//!
//! Everything is written as lopdf objects; the order objects are added in depends only on the
//! document, so the same inputs give the same bytes.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat, dictionary};

use super::draw::{Deflater, Fonts, Meta, push_digits};
use super::font::{self, Subset};
use super::layout::{Geometry, Page};
use super::tags::{Kid, LinkTarget, Role, Tree};
use super::write;

/// What [`finish`] needs.
pub(crate) struct Parts<'a> {
    pub pages: &'a [Page],
    pub page_ids: &'a [ObjectId],
    pub tree: &'a Tree,
    pub fonts: &'a Fonts,
    pub geometry: Geometry,
    pub meta: &'a Meta,
}

/// Adds the fonts, tags, outline, links and metadata to `document`. The structure elements
/// (a long report has a hundred thousand) come back already serialized, for
/// [`super::write::write`]: as lopdf dictionaries they took most of a long report's memory.
pub(crate) fn finish(
    document: &mut lopdf::Document,
    parts: &Parts<'_>,
    deflater: &mut Deflater,
) -> RawObjects {
    document.version = "1.7".to_string();
    let resources = font_resources(document, parts.fonts, deflater);
    let resources_id = document.add_object(resources);
    for (index, &page_id) in parts.page_ids.iter().enumerate() {
        if let Ok(page) = document.get_dictionary_mut(page_id) {
            page.set("Resources", resources_id);
            page.set("StructParents", index as i64);
            page.set("Tabs", "S");
        }
    }
    let element_ids: Vec<ObjectId> = parts
        .tree
        .elements
        .iter()
        .map(|_| document.new_object_id())
        .collect();
    let headings = destinations(parts);
    let mut elements = RawObjects {
        objects: Vec::with_capacity(parts.tree.elements.len() + 1024),
        bytes: Vec::with_capacity(parts.tree.elements.len() * 96),
    };
    let annotations = link_annotations(document, parts, &headings, &mut elements);
    let root_id = document.new_object_id();
    write_elements(&mut elements, parts, &element_ids, root_id, &annotations);
    let parent_tree_id = document.new_object_id();
    let start = elements.bytes.len();
    let next_key = parent_tree(&mut elements.bytes, parts, &element_ids, &annotations);
    elements
        .objects
        .push((parent_tree_id.0, start..elements.bytes.len()));
    document.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => element_ids.first().copied().map_or(Object::Null, Object::Reference),
            "ParentTree" => parent_tree_id,
            "ParentTreeNextKey" => next_key,
        }),
    );
    let outline = outline(document, parts, &headings);
    let metadata = metadata(document, parts.meta);
    let names = named_destinations(parts, &headings);
    clean_info(document);
    if let Ok(catalog) = document.catalog_mut() {
        catalog.set("StructTreeRoot", root_id);
        catalog.set("MarkInfo", dictionary! { "Marked" => true });
        catalog.set("Lang", text(language(parts.meta)));
        catalog.set(
            "ViewerPreferences",
            dictionary! { "DisplayDocTitle" => true },
        );
        catalog.set("Metadata", metadata);
        if let Some(outline) = outline {
            catalog.set("Outlines", outline);
            catalog.set("PageMode", "UseOutlines");
        }
        if let Some(names) = names {
            catalog.set("Names", dictionary! { "Dests" => names });
        }
    }
    elements
}

/// Objects already in PDF syntax: each id and its bytes' range in one buffer.
#[derive(Debug, Default)]
pub(crate) struct RawObjects {
    pub objects: Vec<(u32, std::ops::Range<usize>)>,
    pub bytes: Vec<u8>,
}

fn language(meta: &Meta) -> &str {
    if meta.language.trim().is_empty() {
        "en-US"
    } else {
        meta.language.trim()
    }
}

/// A text string: PDFDocEncoding-compatible ASCII as is, anything else as UTF-16 with a BOM.
fn text(value: &str) -> Object {
    if value.is_ascii() {
        Object::String(value.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        lopdf::text_string(value)
    }
}

/// The page resources every page shares: the two faces as Type0 fonts.
fn font_resources(
    document: &mut lopdf::Document,
    fonts: &Fonts,
    deflater: &mut Deflater,
) -> Dictionary {
    let mut font_dict = Dictionary::new();
    for (face, name, subset) in &fonts.faces {
        let font_id = type0_font(document, font::font(*face), subset, deflater);
        font_dict.set(*name, font_id);
    }
    dictionary! { "Font" => font_dict }
}

/// A subset tag (six capitals) that depends only on the face and the glyphs kept, so the same
/// document always gets the same one.
fn subset_tag(postscript_name: &str, subset: &Subset) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(postscript_name.as_bytes());
    for (c, gid) in &subset.glyphs {
        hash.update(u32::from(*c).to_be_bytes());
        hash.update(gid.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

fn type0_font(
    document: &mut lopdf::Document,
    face: &font::FontFace,
    subset: &Subset,
    deflater: &mut Deflater,
) -> ObjectId {
    let base_font = format!(
        "{}+{}",
        subset_tag(face.postscript_name, subset),
        face.postscript_name
    );
    let program = Stream::new(
        dictionary! {
            "Length1" => subset.program.len() as i64,
            "Filter" => "FlateDecode",
        },
        deflater.deflate_fast(&subset.program),
    );
    let program_id = document.add_object(program);
    let d = face.descriptor();
    let descriptor_id = document.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.clone().into_bytes()),
        // Nonsymbolic: the font uses the standard Latin character set (and more).
        "Flags" => 32,
        "FontBBox" => d.bbox.iter().map(|&v| Object::Integer(i64::from(v))).collect::<Vec<_>>(),
        "ItalicAngle" => d.italic_angle,
        "Ascent" => d.ascent,
        "Descent" => d.descent,
        "CapHeight" => d.cap_height,
        "StemV" => 80,
        "FontFile2" => program_id,
    });
    let widths: Vec<Object> = subset
        .widths
        .iter()
        .map(|&(_, w)| Object::Integer(i64::from(w)))
        .collect();
    let first = subset.widths.first().map_or(0, |&(g, _)| i64::from(g));
    let cid_font_id = document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor_id,
        "DW" => 1000,
        "W" => vec![Object::Integer(first), Object::Array(widths)],
        "CIDToGIDMap" => "Identity",
    });
    let to_unicode = Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        deflater.deflate(to_unicode_cmap(subset).as_bytes()),
    );
    let to_unicode_id = document.add_object(to_unicode);
    document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base_font.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font_id)],
        "ToUnicode" => to_unicode_id,
    })
}

/// The ToUnicode CMap: each two-byte glyph id to the UTF-16 of the character it shows.
pub(crate) fn to_unicode_cmap(subset: &Subset) -> String {
    use std::fmt::Write;
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in subset.text.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (gid, c) in block {
            let mut units = [0u16; 2];
            let utf16: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(out, "<{gid:04X}> <{utf16}>");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Each heading with an id or in the outline: (level, words, page, top, id).
type Heading<'a> = (u8, &'a str, usize, f32, Option<&'a str>);

fn destinations<'a>(parts: &Parts<'a>) -> Vec<Heading<'a>> {
    parts.tree.headings()
}

/// `[page /XYZ left top null]`: the page, scrolled to the heading.
fn destination(parts: &Parts<'_>, page: usize, top: f32) -> Option<Object> {
    let page_id = *parts.page_ids.get(page)?;
    let y = (parts.geometry.height - top + 4.0).min(parts.geometry.height);
    Some(Object::Array(vec![
        Object::Reference(page_id),
        "XYZ".into(),
        Object::Integer(0),
        Object::Real(y),
        Object::Null,
    ]))
}

/// One annotation per link area; `(page, index in the page's links) -> annotation`, in page
/// order. A link to a heading that does not exist gets no annotation.
type Annotations = Vec<Vec<Option<ObjectId>>>;

/// Writes the annotations to `raw` (as lopdf dictionaries they were a megabyte of a report's
/// memory) and lists them on their pages.
fn link_annotations(
    document: &mut lopdf::Document,
    parts: &Parts<'_>,
    headings: &[Heading<'_>],
    raw: &mut RawObjects,
) -> Annotations {
    let mut next_key = parts.pages.len() as u64;
    let mut all = Vec::with_capacity(parts.pages.len());
    for (page_index, page) in parts.pages.iter().enumerate() {
        let mut on_page = Vec::with_capacity(page.links.len());
        let mut refs = Vec::new();
        for area in &page.links {
            let target = parts.tree.get(area.element).and_then(|e| e.target());
            let Some(action) = target.and_then(|t| link_action(parts, t, headings)) else {
                on_page.push(None);
                continue;
            };
            let id = document.new_object_id();
            let start = raw.bytes.len();
            // The parent tree maps the key back to the Link element (see `parent_tree`).
            write_annotation(
                &mut raw.bytes,
                area,
                parts.geometry.height,
                next_key,
                action,
            );
            raw.objects.push((id.0, start..raw.bytes.len()));
            next_key += 1;
            refs.push(Object::Reference(id));
            on_page.push(Some(id));
        }
        if let Some(&page_id) = parts.page_ids.get(page_index)
            && let Ok(page) = document.get_dictionary_mut(page_id)
        {
            page.set("Annots", refs);
        }
        all.push(on_page);
    }
    all
}

/// Where a link goes: a web address, or a heading's named destination.
enum Action<'a> {
    Uri(&'a str),
    Dest(&'a str),
}

fn write_annotation(
    out: &mut Vec<u8>,
    area: &super::tags::LinkArea,
    page_height: f32,
    key: u64,
    action: Action<'_>,
) {
    let (left, top, right, bottom) = area.bounds;
    out.extend_from_slice(b"<</Type /Annot/Subtype /Link/Rect [");
    for (i, value) in [left, page_height - bottom, right, page_height - top]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            out.push(b' ');
        }
        write::real(out, value);
    }
    out.extend_from_slice(b"]/Border [0 0 0]/Contents ");
    write::text_string(out, area.text.trim());
    out.extend_from_slice(b"/StructParent ");
    push_digits(out, key);
    out.extend_from_slice(b"/F 4");
    match action {
        Action::Uri(url) => {
            out.extend_from_slice(b"/A <</S /URI/URI ");
            write::literal(out, url.as_bytes());
            out.extend_from_slice(b">>");
        }
        Action::Dest(id) => {
            out.extend_from_slice(b"/Dest ");
            write::literal(out, id.as_bytes());
        }
    }
    out.extend_from_slice(b">>");
}

fn link_action<'a>(
    parts: &Parts<'_>,
    target: &'a LinkTarget,
    headings: &[Heading<'_>],
) -> Option<Action<'a>> {
    match target {
        LinkTarget::Url(url) => Some(Action::Uri(url)),
        LinkTarget::Heading(id) => {
            // A heading on a page the file has: its named destination exists.
            let &(_, _, page, _, _) = headings.iter().find(|h| h.4 == Some(id.as_str()))?;
            parts.page_ids.get(page)?;
            Some(Action::Dest(id))
        }
    }
}

fn write_elements(
    raw: &mut RawObjects,
    parts: &Parts<'_>,
    element_ids: &[ObjectId],
    root_id: ObjectId,
    annotations: &Annotations,
) {
    // Written as bytes: as lopdf dictionaries, the thousands of elements were a third of a
    // report's allocations.
    for (index, element) in parts.tree.elements.iter().enumerate() {
        let Some(&id) = element_ids.get(index) else {
            continue;
        };
        let start = raw.bytes.len();
        write_element(
            &mut raw.bytes,
            parts,
            element,
            element_ids,
            root_id,
            annotations,
        );
        raw.objects.push((id.0, start..raw.bytes.len()));
    }
}

/// One structure element's dictionary, in PDF syntax.
fn write_element(
    out: &mut Vec<u8>,
    parts: &Parts<'_>,
    element: &super::tags::Element,
    element_ids: &[ObjectId],
    root_id: ObjectId,
    annotations: &Annotations,
) {
    let home = element.kids.iter().find_map(|kid| match kid {
        Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page as usize),
        Kid::Element(_) => None,
    });
    let role = effective_role(element.role, element, annotations);
    out.extend_from_slice(b"<</Type /StructElem/S ");
    write::name(out, role.name().as_bytes());
    out.extend_from_slice(b"/P ");
    let parent = element.parent.and_then(|p| element_ids.get(p).copied());
    write::reference(out, parent.unwrap_or(root_id));
    out.extend_from_slice(b"/K ");
    let kids: Vec<KidObject> = element
        .kids
        .iter()
        .filter_map(|kid| kid_object(parts, kid, home, element_ids, annotations))
        .collect();
    // A single kid stands alone rather than in an array, as most writers do (and some
    // checkers expect of headings).
    if let [kid] = kids.as_slice() {
        kid.write(out);
    } else {
        out.push(b'[');
        for (i, kid) in kids.iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            kid.write(out);
        }
        out.push(b']');
    }
    if let Some(&page) = home.and_then(|p| parts.page_ids.get(p)) {
        out.extend_from_slice(b"/Pg ");
        write::reference(out, page);
    }
    match role {
        Role::Figure => {
            out.extend_from_slice(b"/Alt ");
            write::text_string(out, element.alt().unwrap_or("Chart"));
        }
        Role::HeaderCell => out.extend_from_slice(b"/A <</O /Table/Scope /Column>>"),
        Role::Link => {
            if let Some(LinkTarget::Url(url)) = element.target() {
                out.extend_from_slice(b"/Alt ");
                write::text_string(out, url);
            }
        }
        Role::Heading(_) => {
            if let Some(words) = element.alt() {
                out.extend_from_slice(b"/T ");
                write::text_string(out, words);
            }
        }
        _ => {}
    }
    out.extend_from_slice(b">>");
}

/// A structure element's kid as its dictionary states it.
enum KidObject {
    Element(ObjectId),
    /// A marked-content id on the element's own page.
    Mcid(u32),
    /// A marked-content id on another page.
    Reference {
        page: ObjectId,
        mcid: u32,
    },
    Annotation {
        annotation: ObjectId,
        page: ObjectId,
    },
}

impl KidObject {
    fn write(&self, out: &mut Vec<u8>) {
        match *self {
            KidObject::Element(id) => write::reference(out, id),
            KidObject::Mcid(mcid) => push_digits(out, u64::from(mcid)),
            KidObject::Reference { page, mcid } => {
                out.extend_from_slice(b"<</Type /MCR/Pg ");
                write::reference(out, page);
                out.extend_from_slice(b"/MCID ");
                push_digits(out, u64::from(mcid));
                out.extend_from_slice(b">>");
            }
            KidObject::Annotation { annotation, page } => {
                out.extend_from_slice(b"<</Type /OBJR/Obj ");
                write::reference(out, annotation);
                out.extend_from_slice(b"/Pg ");
                write::reference(out, page);
                out.extend_from_slice(b">>");
            }
        }
    }
}

fn kid_object(
    parts: &Parts<'_>,
    kid: &Kid,
    home: Option<usize>,
    element_ids: &[ObjectId],
    annotations: &Annotations,
) -> Option<KidObject> {
    match *kid {
        Kid::Element(child) => element_ids
            .get(child as usize)
            .copied()
            .map(KidObject::Element),
        Kid::Content { page, mcid } if Some(page as usize) == home => Some(KidObject::Mcid(mcid)),
        Kid::Content { page, mcid } => {
            let page = *parts.page_ids.get(page as usize)?;
            Some(KidObject::Reference { page, mcid })
        }
        Kid::Annotation { page, index } => {
            let (page, index) = (page as usize, index as usize);
            let annotation = (*annotations.get(page)?.get(index)?)?;
            let page = *parts.page_ids.get(page)?;
            Some(KidObject::Annotation { annotation, page })
        }
    }
}

/// A link none of whose areas got an annotation (its heading does not exist) is a Span.
fn effective_role(role: Role, element: &super::tags::Element, annotations: &Annotations) -> Role {
    if role != Role::Link {
        return role;
    }
    let annotated = element.kids.iter().any(|kid| match *kid {
        Kid::Annotation { page, index } => annotations
            .get(page as usize)
            .and_then(|a| a.get(index as usize))
            .is_some_and(Option::is_some),
        _ => false,
    });
    if annotated { Role::Link } else { Role::Span }
}

/// The parent tree (a number tree), written straight to `out`: for each page, its
/// marked-content ids to their elements; for each annotation, its Link element. A long report
/// has hundreds of thousands of entries: as lopdf objects they took 40 bytes each. Returns the
/// next free key.
fn parent_tree(
    out: &mut Vec<u8>,
    parts: &Parts<'_>,
    element_ids: &[ObjectId],
    annotations: &Annotations,
) -> i64 {
    let reference = |out: &mut Vec<u8>, element: usize| match element_ids.get(element) {
        Some(&(id, _)) => {
            push_digits(out, u64::from(id));
            out.extend_from_slice(b" 0 R");
        }
        None => out.extend_from_slice(b"null"),
    };
    out.extend_from_slice(b"<</Nums [");
    let mut by_mcid: Vec<Option<usize>> = Vec::new();
    for (index, page) in parts.pages.iter().enumerate() {
        by_mcid.clear();
        by_mcid.resize(page.next_mcid as usize, None);
        for &(element, mcid) in page.tags.iter().flatten() {
            if let Some(slot) = by_mcid.get_mut(mcid as usize) {
                *slot = Some(element as usize);
            }
        }
        push_digits(out, index as u64);
        out.extend_from_slice(b" [");
        for (i, element) in by_mcid.iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            match element {
                Some(element) => reference(out, *element),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.extend_from_slice(b"] ");
    }
    let mut key = parts.pages.len() as u64;
    for (page_index, page) in parts.pages.iter().enumerate() {
        for (link_index, area) in page.links.iter().enumerate() {
            let annotated = annotations
                .get(page_index)
                .and_then(|a| a.get(link_index))
                .is_some_and(Option::is_some);
            if annotated {
                push_digits(out, key);
                out.push(b' ');
                reference(out, area.element);
                out.push(b' ');
                key += 1;
            }
        }
    }
    out.extend_from_slice(b"]>>");
    i64::try_from(key).unwrap_or(i64::MAX)
}

/// The outline: one entry per heading, nested by level.
fn outline(
    document: &mut lopdf::Document,
    parts: &Parts<'_>,
    headings: &[Heading<'_>],
) -> Option<ObjectId> {
    if headings.is_empty() {
        return None;
    }
    let root = document.new_object_id();
    let ids: Vec<ObjectId> = headings.iter().map(|_| document.new_object_id()).collect();
    // Parent of each entry: the nearest earlier heading of a lower level.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&open| headings[open].0 >= heading.0)
        {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(index);
    }
    // Children of each entry (index `headings.len()` holds the top level), and how many
    // entries sit under each, counted from the last entry back.
    let top_level = headings.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); headings.len() + 1];
    for (index, parent) in parents.iter().enumerate() {
        children[parent.unwrap_or(top_level)].push(index);
    }
    let mut descendants = vec![0i64; headings.len()];
    for index in (0..headings.len()).rev() {
        if let Some(parent) = parents[index] {
            descendants[parent] += 1 + descendants[index];
        }
    }
    let mut previous = vec![None; headings.len()];
    let mut next = vec![None; headings.len()];
    for siblings in &children {
        for pair in siblings.windows(2) {
            next[pair[0]] = Some(pair[1]);
            previous[pair[1]] = Some(pair[0]);
        }
    }
    for (index, heading) in headings.iter().enumerate() {
        let mut dict = dictionary! {
            "Title" => text(heading.1),
            "Parent" => parents[index].map_or(root, |p| ids[p]),
        };
        if let Some(dest) = destination(parts, heading.2, heading.3) {
            dict.set("Dest", dest);
        }
        if let Some(previous) = previous[index] {
            dict.set("Prev", ids[previous]);
        }
        if let Some(next) = next[index] {
            dict.set("Next", ids[next]);
        }
        let own = &children[index];
        if let (Some(&first), Some(&last)) = (own.first(), own.last()) {
            dict.set("First", ids[first]);
            dict.set("Last", ids[last]);
            // Negative: the entry starts closed, so the outline shows the chapters first.
            dict.set("Count", -descendants[index]);
        }
        document
            .objects
            .insert(ids[index], Object::Dictionary(dict));
    }
    let top = &children[top_level];
    let mut root_dict = dictionary! { "Type" => "Outlines", "Count" => top.len() as i64 };
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        root_dict.set("First", ids[first]);
        root_dict.set("Last", ids[last]);
    }
    document.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}

/// The name tree of headings' ids, so links (and other documents) reach a heading by name.
fn named_destinations(parts: &Parts<'_>, headings: &[Heading<'_>]) -> Option<Dictionary> {
    let mut named: Vec<(&str, Object)> = headings
        .iter()
        .filter_map(|&(_, _, page, top, id)| Some((id?, destination(parts, page, top)?)))
        .collect();
    if named.is_empty() {
        return None;
    }
    named.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    named.dedup_by(|a, b| a.0 == b.0);
    let names: Vec<Object> = named
        .into_iter()
        .flat_map(|(id, dest)| {
            [
                Object::String(id.as_bytes().to_vec(), StringFormat::Literal),
                dest,
            ]
        })
        .collect();
    Some(dictionary! { "Names" => names })
}

/// printpdf writes empty Info entries and a PDF/X version key the file does not conform to.
fn clean_info(document: &mut lopdf::Document) {
    let Ok(info_id) = document.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(info) = document.get_dictionary_mut(info_id) {
        for key in ["GTS_PDFXVersion", "Identifier", "Keywords", "Subject"] {
            let empty = info
                .get(key.as_bytes())
                .ok()
                .and_then(|v| v.as_str().ok())
                .is_some_and(<[u8]>::is_empty);
            if empty {
                info.remove(key.as_bytes());
            }
        }
    }
}

/// XMP metadata: the title, author and dates of the Info dictionary, and the PDF/UA
/// identification (part 1).
fn metadata(document: &mut lopdf::Document, meta: &Meta) -> ObjectId {
    let (year, month, day) = meta.date;
    let date = format!("{year:04}-{month:02}-{day:02}T00:00:00+00:00");
    let tool = format!("sro-assess {}", env!("CARGO_PKG_VERSION"));
    let creator = if meta.author.trim().is_empty() {
        String::new()
    } else {
        format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml(&meta.author)
        )
    };
    let xmp = format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
{creator}\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<xmp:CreatorTool>{tool}</xmp:CreatorTool>\n\
<pdf:Producer>{tool}</pdf:Producer>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        title = xml(&meta.title),
        lang = xml(language(meta)),
    );
    // Uncompressed, so tools that scan files for XMP find it.
    document.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    ))
}

fn xml(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::layout::{Footer, Layout, Rgb, TextStyle};
    use super::super::metrics::Face;
    use super::*;

    const BODY: TextStyle = TextStyle::new(Face::Regular, 10.0, Rgb(0.0, 0.0, 0.0));

    fn pdf(place: impl FnOnce(&mut Layout)) -> lopdf::Document {
        let mut l = Layout::new(
            Geometry::LETTER,
            Footer {
                stamp: "stamp".into(),
                confidential: false,
                draft: None,
            },
        );
        place(&mut l);
        let meta = Meta {
            title: "Test & title".into(),
            author: String::new(),
            subject: String::new(),
            date: (2026, 3, 15),
            language: String::new(),
        };
        let (bytes, warnings) = l.into_pdf(&meta);
        assert!(warnings.is_empty(), "{warnings:?}");
        lopdf::Document::load_mem(&bytes).unwrap()
    }

    fn annotations(doc: &lopdf::Document) -> Vec<Dictionary> {
        doc.get_pages()
            .values()
            .flat_map(|&page| {
                let page = doc.get_dictionary(page).unwrap();
                page.get(b"Annots")
                    .and_then(Object::as_array)
                    .cloned()
                    .unwrap_or_default()
            })
            .map(|a| {
                doc.get_dictionary(a.as_reference().unwrap())
                    .unwrap()
                    .clone()
            })
            .collect()
    }

    #[test]
    fn links_reach_urls_and_headings_by_name_and_an_unknown_heading_is_no_link() {
        let doc = pdf(|l| {
            l.heading_level(1, Some("gaps"), "Gaps", BODY, 20.0);
            l.link(LinkTarget::Url("https://example.org/a".into()), |l| {
                l.paragraph("Example", BODY, 0.0);
            });
            l.link(LinkTarget::Heading("gaps".into()), |l| {
                l.paragraph("See the gaps", BODY, 0.0);
            });
            l.link(LinkTarget::Heading("nowhere".into()), |l| {
                l.paragraph("Broken", BODY, 0.0);
            });
        });
        let annots = annotations(&doc);
        assert_eq!(
            annots.len(),
            2,
            "the link to a missing heading has no annotation"
        );
        let uri = annots[0].get(b"A").and_then(Object::as_dict).unwrap();
        assert_eq!(
            uri.get(b"URI").unwrap().as_str().unwrap(),
            b"https://example.org/a"
        );
        assert_eq!(
            annots[0].get(b"Contents").unwrap().as_str().unwrap(),
            b"Example"
        );
        assert_eq!(annots[1].get(b"Dest").unwrap().as_str().unwrap(), b"gaps");
        let names = doc
            .catalog()
            .unwrap()
            .get(b"Names")
            .and_then(Object::as_dict)
            .and_then(|n| n.get(b"Dests"))
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Names"))
            .and_then(Object::as_array)
            .unwrap();
        assert_eq!(names[0].as_str().unwrap(), b"gaps");
        // The structure: two Links (with their OBJR) and one Span.
        let roles: Vec<Vec<u8>> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"StructElem"))
            .map(|d| d.get(b"S").unwrap().as_name().unwrap().to_vec())
            .collect();
        assert_eq!(roles.iter().filter(|r| r.as_slice() == b"Link").count(), 2);
        assert_eq!(roles.iter().filter(|r| r.as_slice() == b"Span").count(), 1);
    }

    #[test]
    fn the_outline_nests_headings_by_level() {
        let doc = pdf(|l| {
            l.heading_level(1, None, "One", BODY, 20.0);
            l.heading_level(2, None, "One.a", BODY, 20.0);
            l.heading_level(2, None, "One.b", BODY, 20.0);
            l.heading_level(1, None, "Two", BODY, 20.0);
        });
        let catalog = doc.catalog().unwrap();
        let root = doc
            .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
            .unwrap();
        let entry = |o: &Object| doc.get_dictionary(o.as_reference().unwrap()).unwrap();
        let title = |d: &Dictionary| d.get(b"Title").unwrap().as_str().unwrap().to_vec();
        assert_eq!(root.get(b"Count").unwrap().as_i64().unwrap(), 2);
        let one = entry(root.get(b"First").unwrap());
        assert_eq!(title(one), b"One");
        assert_eq!(one.get(b"Count").unwrap().as_i64().unwrap(), -2);
        let first_child = entry(one.get(b"First").unwrap());
        assert_eq!(title(first_child), b"One.a");
        assert_eq!(title(entry(first_child.get(b"Next").unwrap())), b"One.b");
        assert_eq!(title(entry(one.get(b"Next").unwrap())), b"Two");
    }

    #[test]
    fn the_catalog_and_xmp_declare_a_tagged_pdf_ua_document_in_english() {
        let doc = pdf(|l| l.paragraph("Text", BODY, 0.0));
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-US");
        let xmp = doc
            .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap()
            .content
            .clone();
        let xmp = String::from_utf8(xmp).unwrap();
        assert!(xmp.contains(">Test &amp; title</rdf:li>"), "{xmp}");
        assert!(xmp.contains("<xmp:CreateDate>2026-03-15T00:00:00+00:00</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert_eq!(doc.version, "1.7");
    }

    #[test]
    fn the_to_unicode_map_gives_each_glyph_its_character() {
        let chars = "Aé\u{1F600}".chars().collect();
        let subset = font::subset(font::font(super::super::metrics::Face::Regular), &chars);
        let cmap = to_unicode_cmap(&subset);
        let a = subset.glyphs[&'A'];
        assert!(cmap.contains(&format!("<{a:04X}> <0041>")), "{cmap}");
        let e = subset.glyphs[&'é'];
        assert!(cmap.contains(&format!("<{e:04X}> <00E9>")), "{cmap}");
        assert!(!subset.glyphs.contains_key(&'\u{1F600}'), "not in the font");
    }
}

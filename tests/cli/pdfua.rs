//! Every PDF the CLI writes (report, comparison, summary, worksheet) is tagged PDF/UA-1 with
//! embedded Unicode fonts, read back in-process with lopdf: every piece of text is in the
//! structure tree or an artifact, headings nest, table headers have a scope, figures have alt
//! text, links have targets, the outline lists the headings, and each font is embedded with a
//! ToUnicode map. The `pdfua` checker (PyPI) runs on the same files when it is installed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::common::report_to;
use crate::external;
use crate::pdf_read;

/// The PDFs of every kind, written into `dir`.
fn every_kind(dir: &Path) -> Vec<PathBuf> {
    let report = dir.join("report.pdf");
    report_to(Path::new("examples/existing-program.yaml"), &report, &[]);
    let runs: [(&str, &[&str]); 4] = [
        (
            "comparison.pdf",
            &[
                "compare",
                "examples/year-2026.yaml",
                "examples/year-2025.yaml",
            ],
        ),
        ("summary.pdf", &["summary", "examples"]),
        (
            "worksheet.pdf",
            &["checklist", "show", "--profile", "existing-program"],
        ),
        (
            "agenda.pdf",
            &[
                "consensus",
                "tests/fixtures/committee/principal.yaml",
                "tests/fixtures/committee/officer.yaml",
                "tests/fixtures/committee/parent.yaml",
                "tests/fixtures/committee/student.yaml",
            ],
        ),
    ];
    let mut files = vec![report];
    for (name, args) in runs {
        files.push(crate::common::write_with(
            args,
            &["--format", "pdf"],
            &dir.join(name),
        ));
    }
    files
}

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name<'a>(d: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    d.get(key).and_then(Object::as_name).unwrap_or_default()
}

fn text_string(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    let object = d.get(key).ok()?;
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        o => o,
    };
    lopdf::decode_text_string(object).ok()
}

/// One structure element, flattened.
struct Element {
    role: String,
    dict: Dictionary,
    /// Marked content it owns directly: (page object, MCID).
    content: Vec<(ObjectId, i64)>,
    /// Annotations it owns (OBJR).
    annotations: Vec<ObjectId>,
}

/// The structure tree in reading order, below the StructTreeRoot.
fn elements(doc: &Document) -> Vec<Element> {
    let catalog = doc.catalog().unwrap();
    let root = dict(
        doc,
        catalog.get(b"StructTreeRoot").expect("a StructTreeRoot"),
    );
    let mut out = Vec::new();
    walk(doc, root.get(b"K").unwrap(), None, &mut out);
    out
}

fn walk(doc: &Document, kid: &Object, page: Option<ObjectId>, out: &mut Vec<Element>) {
    let object = match kid {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        o => o,
    };
    match object {
        Object::Array(kids) => kids.iter().for_each(|k| walk(doc, k, page, out)),
        Object::Dictionary(d) if d.get(b"S").is_ok() => {
            let page = d.get(b"Pg").and_then(Object::as_reference).ok().or(page);
            let index = out.len();
            out.push(Element {
                role: String::from_utf8_lossy(name(d, b"S")).into_owned(),
                dict: d.clone(),
                content: Vec::new(),
                annotations: Vec::new(),
            });
            let kids = match d.get(b"K") {
                Ok(Object::Array(kids)) => kids.clone(),
                Ok(kid) => vec![kid.clone()],
                Err(_) => Vec::new(),
            };
            for kid in &kids {
                match kid {
                    Object::Integer(mcid) => out[index].content.push((page.unwrap(), *mcid)),
                    Object::Dictionary(k) if name(k, b"Type") == b"MCR" => {
                        let pg = k.get(b"Pg").and_then(Object::as_reference).unwrap();
                        let mcid = k.get(b"MCID").and_then(Object::as_i64).unwrap();
                        out[index].content.push((pg, mcid));
                    }
                    Object::Dictionary(k) if name(k, b"Type") == b"OBJR" => {
                        let annot = k.get(b"Obj").and_then(Object::as_reference).unwrap();
                        out[index].annotations.push(annot);
                    }
                    other => walk(doc, other, page, out),
                }
            }
        }
        other => panic!("unexpected structure kid {other:?}"),
    }
}

/// What a page's content stream shows: each text-showing operator's marked-content context.
struct Shown {
    /// MCIDs of the marked-content sequences that show text or paint.
    mcids: BTreeSet<i64>,
    /// Text-showing operators outside any marked content.
    unmarked_text: usize,
    /// Text-showing operators inside artifacts.
    artifact_text: usize,
    /// Text-showing operators inside tagged content.
    tagged_text: usize,
}

fn shown(doc: &Document, page: ObjectId) -> Shown {
    let content = doc.get_and_decode_page_content(page).unwrap();
    let mut stack: Vec<Option<i64>> = Vec::new(); // Some(mcid), None = artifact
    let mut shown = Shown {
        mcids: BTreeSet::new(),
        unmarked_text: 0,
        artifact_text: 0,
        tagged_text: 0,
    };
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let tag = op.operands[0].as_name().unwrap();
                let mcid = match &op.operands[1] {
                    Object::Dictionary(d) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                    _ => None,
                };
                assert!(tag == b"Artifact" || mcid.is_some(), "BDC without MCID");
                stack.push(if tag == b"Artifact" { None } else { mcid });
            }
            "BMC" => {
                assert_eq!(op.operands[0].as_name().unwrap(), b"Artifact");
                stack.push(None);
            }
            "EMC" => {
                assert!(stack.pop().is_some(), "EMC without BDC/BMC");
            }
            "Tj" | "TJ" | "'" | "\"" => match stack.last() {
                None => shown.unmarked_text += 1,
                Some(None) => shown.artifact_text += 1,
                Some(Some(mcid)) => {
                    shown.tagged_text += 1;
                    shown.mcids.insert(*mcid);
                }
            },
            "re" | "S" | "f" if !stack.is_empty() => {
                if let Some(Some(mcid)) = stack.last() {
                    shown.mcids.insert(*mcid);
                }
            }
            "re" | "S" | "f" => panic!("a path outside marked content"),
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unbalanced marked content");
    shown
}

/// Every check this file makes, on one PDF.
fn assert_tagged(path: &Path) {
    let doc = load(path);
    let label = path.display().to_string();
    let catalog = doc.catalog().unwrap();
    // Catalog.
    let mark_info = dict(&doc, catalog.get(b"MarkInfo").unwrap());
    assert_eq!(
        mark_info.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true),
        "{label}"
    );
    assert_eq!(
        text_string(&doc, catalog, b"Lang").as_deref(),
        Some("en-US"),
        "{label}"
    );
    let prefs = dict(&doc, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
    let metadata = doc
        .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let xmp = String::from_utf8(metadata.content.clone()).unwrap();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{label}");
    let info = pdf_read::read(path).info;
    let title = info.get("Title").unwrap();
    assert!(
        xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")),
        "{label}: XMP title is the Info title {title:?}"
    );
    let created = info.get("CreationDate").unwrap(); // D:YYYYMMDD...
    let date = format!(
        "<xmp:CreateDate>{}-{}-{}T00:00:00+00:00",
        &created[2..6],
        &created[6..8],
        &created[8..10]
    );
    assert!(xmp.contains(&date), "{label}: {date} in {xmp}");

    // Every piece of text is either tagged content of an element or an artifact, and every
    // tagged MCID is reachable from the structure tree and from the parent tree.
    let elements = elements(&doc);
    assert_eq!(elements[0].role, "Document", "{label}");
    let owned: BTreeSet<(ObjectId, i64)> =
        elements.iter().flat_map(|e| e.content.clone()).collect();
    let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let parent_tree = dict(&doc, root.get(b"ParentTree").unwrap());
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap(), &pair[1]))
        .collect();
    for (number, (_, &page)) in doc.get_pages().iter().enumerate() {
        let page_dict = doc.get_dictionary(page).unwrap();
        let shown = shown(&doc, page);
        assert_eq!(
            shown.unmarked_text, 0,
            "{label} page {number}: unmarked text"
        );
        assert!(
            shown.tagged_text > 0,
            "{label} page {number}: no tagged text"
        );
        assert!(shown.artifact_text > 0, "{label} page {number}: footer");
        let key = page_dict.get(b"StructParents").unwrap().as_i64().unwrap();
        let array = match parents.get(&key).unwrap() {
            Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap(),
            Object::Array(a) => a,
            other => panic!("{other:?}"),
        };
        for mcid in &shown.mcids {
            assert!(
                owned.contains(&(page, *mcid)),
                "{label} page {number}: MCID {mcid} is in no structure element"
            );
            let parent = array
                .get(usize::try_from(*mcid).unwrap())
                .and_then(|o| o.as_reference().ok());
            assert!(
                parent.is_some(),
                "{label} page {number}: MCID {mcid} missing from the ParentTree"
            );
        }
        let annots = page_dict
            .get(b"Annots")
            .and_then(Object::as_array)
            .map(Vec::len)
            .unwrap_or(0);
        if annots > 0 {
            assert_eq!(name(page_dict, b"Tabs"), b"S", "{label}");
        }
    }

    // Headings nest without skipping a level; the outline lists them in order.
    let headings: Vec<(u8, String)> = elements
        .iter()
        .filter(|e| e.role.len() == 2 && e.role.starts_with('H'))
        .map(|e| {
            (
                e.role[1..].parse().unwrap(),
                text_string(&doc, &e.dict, b"T").unwrap_or_default(),
            )
        })
        .collect();
    assert!(!headings.is_empty(), "{label}: no headings");
    let mut previous = 0;
    for (level, words) in &headings {
        assert!(
            *level <= previous + 1,
            "{label}: heading {words:?} (H{level}) skips a level after H{previous}"
        );
        previous = *level;
    }
    let outline = outline_titles(&doc);
    let heading_words: Vec<(u8, String)> = headings;
    assert_eq!(outline, heading_words, "{label}: outline = headings");

    // Table headers have a scope; figures have alt text; links have targets.
    for element in &elements {
        match element.role.as_str() {
            "TH" => {
                let attributes = dict(&doc, element.dict.get(b"A").unwrap());
                assert!(
                    [b"Column".as_slice(), b"Row", b"Both"].contains(&name(attributes, b"Scope")),
                    "{label}: TH without a scope"
                );
            }
            "Figure" => {
                let alt = text_string(&doc, &element.dict, b"Alt").unwrap_or_default();
                assert!(
                    alt.contains('%') && alt.len() > 20,
                    "{label}: figure alt text states the figures: {alt:?}"
                );
            }
            "Link" => {
                assert!(
                    !element.annotations.is_empty(),
                    "{label}: link without OBJR"
                );
                for &annot in &element.annotations {
                    let annot = doc.get_dictionary(annot).unwrap();
                    assert!(annot.get(b"Contents").is_ok(), "{label}: link contents");
                    assert!(
                        annot.get(b"A").is_ok() || annot.get(b"Dest").is_ok(),
                        "{label}: link without a target"
                    );
                }
            }
            _ => {}
        }
    }

    // Every font is embedded, subset, with a ToUnicode map and widths.
    let resources = dict(
        &doc,
        doc.get_dictionary(*doc.get_pages().values().next().unwrap())
            .unwrap()
            .get(b"Resources")
            .unwrap(),
    );
    let fonts = dict(&doc, resources.get(b"Font").unwrap());
    assert!(!fonts.is_empty(), "{label}: fonts");
    for (_, font) in fonts {
        let font = dict(&doc, font);
        assert_eq!(name(font, b"Subtype"), b"Type0", "{label}");
        assert!(font.get(b"ToUnicode").is_ok(), "{label}: ToUnicode");
        let base = String::from_utf8_lossy(name(font, b"BaseFont")).into_owned();
        assert!(
            base.len() > 7 && base.as_bytes()[6] == b'+',
            "{label}: subset tag in {base}"
        );
        let descendants = font.get(b"DescendantFonts").unwrap().as_array().unwrap();
        let cid = dict(&doc, &descendants[0]);
        assert_eq!(name(cid, b"Subtype"), b"CIDFontType2");
        assert!(cid.get(b"W").is_ok(), "{label}: widths");
        let descriptor = dict(&doc, cid.get(b"FontDescriptor").unwrap());
        assert!(descriptor.get(b"FontFile2").is_ok(), "{label}: embedded");
    }
}

/// The outline's entries in order, with their depth (1 = top).
fn outline_titles(doc: &Document) -> Vec<(u8, String)> {
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines") else {
        return Vec::new();
    };
    let root = dict(doc, outlines);
    let mut out = Vec::new();
    outline_level(doc, root, 1, &mut out);
    out
}

fn outline_level(doc: &Document, parent: &Dictionary, depth: u8, out: &mut Vec<(u8, String)>) {
    let mut next = parent.get(b"First").ok().cloned();
    while let Some(entry) = next {
        let entry = dict(doc, &entry);
        out.push((depth, text_string(doc, entry, b"Title").unwrap_or_default()));
        outline_level(doc, entry, depth + 1, out);
        next = entry.get(b"Next").ok().cloned();
    }
}

#[test]
fn every_pdf_the_cli_writes_is_tagged_with_embedded_unicode_fonts() {
    let dir = tempfile::tempdir().unwrap();
    for file in every_kind(dir.path()) {
        assert_tagged(&file);
    }
}

#[test]
fn the_pdfua_checker_finds_nothing() {
    if !external::can_run(
        "pdfua check (PyPI's PDF/UA-1 checker) of the PDFs",
        (!external::installed(external::PDFUA.name))
            .then(|| "pdfua is not installed: pip install pdfua".to_string()),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = every_kind(dir.path());
    for file in files {
        // Exit 0: no errors and no warnings.
        external::run(external::PDFUA, &["check"], &file, &[]);
    }
}

#[test]
fn poppler_sees_every_font_embedded_subset_with_a_unicode_map() {
    if !external::have("pdffonts (poppler) of the PDFs", &[external::PDFFONTS]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for file in every_kind(dir.path()) {
        let listing = external::run(external::PDFFONTS, &[], &file, &[]);
        let fonts: Vec<&str> = listing.lines().skip(2).collect();
        assert!(!fonts.is_empty(), "{listing}");
        for font in fonts {
            let columns: Vec<&str> = font.split_whitespace().collect();
            // name, type (two words), encoding, emb, sub, uni, object id, generation
            assert_eq!(
                columns[4..7],
                ["yes", "yes", "yes"],
                "{}: {font}",
                file.display()
            );
            assert!(
                font.contains("CID TrueType") && font.contains("Identity-H"),
                "{font}"
            );
        }
    }
}

/// An answers file whose district and notes carry names outside Latin-1, decomposed accents
/// and a ligature.
fn unicode_answers(dir: &Path) -> PathBuf {
    let source = std::fs::read_to_string("examples/existing-program.yaml").unwrap();
    let district = "Łódź–Nguyễn Ő Test District \u{FB01}eld";
    let decomposed = "Jose\u{0301} Ram\u{0131}\u{0301}rez"; // é composed, ı + acute stays two
    let mut out = String::new();
    for line in source.lines() {
        if line.starts_with("district:") {
            out.push_str(&format!("district: \"{district}\"\n"));
        } else if line.starts_with("prepared_by:") {
            out.push_str(&format!("prepared_by: \"{decomposed}\"\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    let path = dir.join("unicode.yaml");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn names_outside_latin_1_print_and_extract_as_typed_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let answers = unicode_answers(dir.path());
    let first = dir.path().join("first.pdf");
    let second = dir.path().join("second.pdf");
    let stderr = report_to(&answers, &first, &[]);
    report_to(&answers, &second, &[]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
        "same inputs, same bytes"
    );
    assert!(!stderr.contains("cannot show"), "{stderr}");
    for (reader, text) in pdf_read::texts(&first) {
        for expected in ["Łódź–Nguyễn Ő Test District \u{FB01}eld", "José Ramı́rez"] {
            assert!(
                text.contains(expected) || text.contains(&expected.replace('\u{FB01}', "fi")),
                "{reader}: {expected:?} in {}",
                &text[..text.len().min(400)]
            );
        }
    }
    assert_tagged(&first);
}

/// Every web address the report cites is a clickable link in its PDF, and every link inside
/// the report (the contents, the cross-references) goes to a named heading that exists.
#[test]
fn the_report_pdf_links_its_contents_and_every_source_address() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    report_to(Path::new("examples/existing-program.yaml"), &path, &[]);
    let doc = load(&path);
    let mut uris = BTreeSet::new();
    let mut internal = Vec::new();
    for page in doc.get_pages().values() {
        let page = doc.get_dictionary(*page).unwrap();
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        for annot in annots {
            let annot = dict(&doc, annot);
            if let Ok(dest) = annot.get(b"Dest") {
                internal.push(String::from_utf8_lossy(dest.as_str().unwrap()).into_owned());
            } else if let Ok(action) = annot.get(b"A") {
                let action = dict(&doc, action);
                let uri = action.get(b"URI").unwrap().as_str().unwrap();
                uris.insert(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    let catalog = doc.catalog().unwrap();
    let names = dict(&doc, catalog.get(b"Names").unwrap());
    let dests = dict(&doc, names.get(b"Dests").unwrap());
    let named: BTreeSet<String> = dests
        .get(b"Names")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .step_by(2)
        .map(|n| String::from_utf8_lossy(n.as_str().unwrap()).into_owned())
        .collect();
    for wanted in ["summary", "gaps", "method", "sources"] {
        assert!(internal.iter().any(|d| d == wanted), "no link to {wanted}");
    }
    for dest in &internal {
        assert!(named.contains(dest), "link to a missing heading {dest:?}");
    }
    let checklist = std::fs::read_to_string("checklists/wi-sro-best-practices.yaml").unwrap();
    let cited: BTreeSet<&str> = checklist
        .lines()
        .filter_map(|l| l.trim().strip_prefix("url:"))
        .map(|u| u.trim().trim_matches('"'))
        .filter(|u| u.starts_with("http"))
        .collect();
    assert!(
        cited.len() > 20,
        "the checklist's source addresses: {}",
        cited.len()
    );
    let missing: Vec<&&str> = cited.iter().filter(|u| !uris.contains(**u)).collect();
    assert!(
        missing.is_empty(),
        "source addresses that are not links: {missing:?}"
    );
}

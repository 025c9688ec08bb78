//! The Word file of a korte terugblik: opened as the zip it is, its XML read the way Word reads it,
//! and (where LibreOffice is installed) printed to PDF to see that an office suite shows it.

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gavel::export::document::{Block, Document, Section};
use gavel::export::docx::docx;
use roxmltree::Node;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn sample() -> Document {
    Document {
        lang: "nl",
        title: "Korte terugblik Raadsplein Info/debat".into(),
        notice: Some("Concept: de vergadering is nog niet gesloten.".into()),
        fields: vec![
            ("Vergadering d.d.".into(), "20 november 2017".into()),
            ("Locatie".into(), "Thomas a Kempiszaal".into()),
            ("Griffier/secretaris".into(), "Mevr. M. Zweers".into()),
        ],
        sections: vec![
            Section {
                heading: "1.a. Opening en Mededelingen (19.30 – 19.35 uur)".into(),
                blocks: vec![Block::Paragraph(
                    "De voorzitter opent de vergadering.".into(),
                )],
                new_page: false,
            },
            Section {
                heading: "3. Rekenkameronderzoek Inclusief Beleid".into(),
                blocks: vec![
                    Block::Paragraph(
                        "De raad besluit:\n1. het rapport ‘Van exclusief beleid’ te ontvangen & \
                         geïntensiveerd <verder> te werken;\n2. café Noël te sluiten."
                            .into(),
                    ),
                    Block::Subheading("Toezeggingen".into()),
                    Block::List(vec![
                        "Schriftelijke informatie over de taaleis".into(),
                        "Het advies van de Participatieraad".into(),
                    ]),
                    Block::Fields(vec![(
                        "Portefeuillehouder".into(),
                        "Nelleke Vedelaar".into(),
                    )]),
                ],
                new_page: false,
            },
            Section {
                heading: "6. Sluiting (22.30 uur)".into(),
                blocks: vec![Block::Paragraph(
                    "De voorzitter sluit de vergadering om 23.06 uur.".into(),
                )],
                new_page: true,
            },
        ],
        ..Document::default()
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a docx is a zip");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the docx"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

fn w<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children()
        .find(|c| c.tag_name().namespace() == Some(W) && c.tag_name().name() == name)
}

fn val<'a>(node: Node<'a, 'a>) -> Option<&'a str> {
    node.attribute((W, "val"))
}

/// A body paragraph as Word shows it: its style, its text ("\n" for a line break, "\t" for a tab)
/// and whether it starts a new page.
#[derive(Debug)]
struct Para {
    style: Option<String>,
    text: String,
    num_id: Option<String>,
    page_break_before: bool,
}

fn paragraphs(xml: &str) -> Vec<Para> {
    let tree = roxmltree::Document::parse(xml).expect("document.xml is XML");
    let body = w(tree.root_element(), "body").expect("w:body");
    body.children()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            let ppr = w(p, "pPr");
            let style = ppr
                .and_then(|ppr| w(ppr, "pStyle"))
                .and_then(val)
                .map(str::to_owned);
            let mut text = String::new();
            for node in p.descendants() {
                match node.tag_name().name() {
                    "t" => text.push_str(node.text().unwrap_or("")),
                    "br" => text.push('\n'),
                    "tab" if node.parent().is_some_and(|r| r.tag_name().name() == "r") => {
                        text.push('\t')
                    }
                    _ => {}
                }
            }
            Para {
                style,
                text,
                num_id: ppr
                    .and_then(|ppr| w(ppr, "numPr"))
                    .and_then(|num| w(num, "numId"))
                    .and_then(val)
                    .map(str::to_owned),
                page_break_before: ppr.and_then(|ppr| w(ppr, "pageBreakBefore")).is_some(),
            }
        })
        .collect()
}

fn rendered() -> (Vec<u8>, Vec<Para>) {
    let bytes = docx(&sample()).expect("renders");
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    (bytes, paras)
}

fn styled<'a>(paras: &'a [Para], style: &str) -> Vec<&'a Para> {
    paras
        .iter()
        .filter(|p| p.style.as_deref() == Some(style))
        .collect()
}

#[test]
fn title_is_in_the_title_style_and_comes_first() {
    let (_, paras) = rendered();
    assert_eq!(paras[0].style.as_deref(), Some("Title"));
    assert_eq!(paras[0].text, "Korte terugblik Raadsplein Info/debat");
}

#[test]
fn notice_is_a_bold_paragraph_under_the_title() {
    let bytes = docx(&sample()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let notice = tree
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .nth(1)
        .unwrap();
    let text: String = notice
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(text, "Concept: de vergadering is nog niet gesloten.");
    let bold = notice
        .descendants()
        .any(|n| n.tag_name().name() == "rPr" && w(n, "b").is_some());
    assert!(bold, "the notice is bold");
}

#[test]
fn header_fields_are_label_tab_value_lines() {
    let (_, paras) = rendered();
    let fields: Vec<&str> = styled(&paras, "Field")
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "Vergadering d.d.\t20 november 2017",
            "Locatie\tThomas a Kempiszaal",
            "Griffier/secretaris\tMevr. M. Zweers",
            "Portefeuillehouder\tNelleke Vedelaar",
        ]
    );
}

#[test]
fn section_headings_are_heading_1_in_order() {
    let (_, paras) = rendered();
    let headings: Vec<&str> = styled(&paras, "Heading1")
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "1.a. Opening en Mededelingen (19.30 – 19.35 uur)",
            "3. Rekenkameronderzoek Inclusief Beleid",
            "6. Sluiting (22.30 uur)",
        ]
    );
}

#[test]
fn subheading_is_heading_2() {
    let (_, paras) = rendered();
    let subheadings: Vec<&str> = styled(&paras, "Heading2")
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(subheadings, ["Toezeggingen"]);
}

#[test]
fn list_items_are_bulleted_by_a_numbering_definition() {
    let (bytes, paras) = rendered();
    let items = styled(&paras, "ListBullet");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].text, "Schriftelijke informatie over de taaleis");
    let num_ids: Vec<&str> = items.iter().map(|p| p.num_id.as_deref().unwrap()).collect();
    assert_eq!(num_ids[0], num_ids[1], "{items:?}");

    // numId -> w:num -> w:abstractNum -> level 0: a bullet "•", not a number.
    let numbering = part(&bytes, "word/numbering.xml");
    let tree = roxmltree::Document::parse(&numbering).expect("numbering.xml is XML");
    let abstract_id = tree
        .descendants()
        .find(|n| n.tag_name().name() == "num" && n.attribute((W, "numId")) == Some(num_ids[0]))
        .and_then(|n| w(n, "abstractNumId"))
        .and_then(val)
        .expect("the list's w:num");
    let level = tree
        .descendants()
        .find(|n| {
            n.tag_name().name() == "abstractNum"
                && n.attribute((W, "abstractNumId")) == Some(abstract_id)
        })
        .and_then(|a| a.children().find(|l| l.attribute((W, "ilvl")) == Some("0")))
        .expect("level 0 of the list's w:abstractNum");
    assert_eq!(w(level, "numFmt").and_then(val), Some("bullet"));
    assert_eq!(w(level, "lvlText").and_then(val), Some("•"));
}

#[test]
fn a_newline_is_a_line_break_inside_one_paragraph_and_special_characters_survive() {
    let (_, paras) = rendered();
    let decision = paras
        .iter()
        .find(|p| p.text.starts_with("De raad besluit:"))
        .expect("the decision paragraph");
    assert_eq!(
        decision.text,
        "De raad besluit:\n1. het rapport ‘Van exclusief beleid’ te ontvangen & geïntensiveerd \
         <verder> te werken;\n2. café Noël te sluiten."
    );
    assert_eq!(decision.style, None, "running text is in Normal");
}

#[test]
fn a_new_page_section_starts_on_a_new_page_and_the_first_never_does() {
    let (_, paras) = rendered();
    let breaks: Vec<&str> = paras
        .iter()
        .filter(|p| p.page_break_before)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(breaks, ["6. Sluiting (22.30 uur)"]);

    let mut first_on_its_own = sample();
    first_on_its_own.sections[0].new_page = true;
    let bytes = docx(&first_on_its_own).unwrap();
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    assert!(
        !paras
            .iter()
            .any(|p| p.page_break_before && p.text.starts_with("1.a."))
    );
}

#[test]
fn styles_are_word_built_in_headings_with_language_and_default_font() {
    let bytes = docx(&sample()).unwrap();
    let xml = part(&bytes, "word/styles.xml");
    let tree = roxmltree::Document::parse(&xml).expect("styles.xml is XML");
    let name_of = |id: &str| {
        tree.descendants()
            .find(|n| n.tag_name().name() == "style" && n.attribute((W, "styleId")) == Some(id))
            .and_then(|s| w(s, "name"))
            .and_then(val)
            .map(str::to_lowercase)
    };
    assert_eq!(name_of("Title").as_deref(), Some("title"));
    assert_eq!(name_of("Heading1").as_deref(), Some("heading 1"));
    assert_eq!(name_of("Heading2").as_deref(), Some("heading 2"));
    assert_eq!(name_of("ListBullet").as_deref(), Some("list bullet"));

    let defaults = tree
        .descendants()
        .find(|n| n.tag_name().name() == "rPrDefault")
        .and_then(|d| w(d, "rPr"))
        .expect("default run properties");
    assert_eq!(w(defaults, "lang").and_then(val), Some("nl-NL"));
    assert_eq!(w(defaults, "sz").and_then(val), Some("22"));
    assert_eq!(
        w(defaults, "rFonts").and_then(|f| f.attribute((W, "ascii"))),
        Some("Calibri")
    );

    let english = docx(&Document {
        lang: "en",
        ..sample()
    })
    .unwrap();
    assert!(part(&english, "word/styles.xml").contains(r#"<w:lang w:val="en-GB" />"#));
}

#[test]
fn pages_are_a4_with_two_centimetre_margins() {
    let bytes = docx(&sample()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let sect = tree
        .descendants()
        .find(|n| n.tag_name().name() == "sectPr")
        .expect("w:sectPr");
    let size = w(sect, "pgSz").unwrap();
    assert_eq!(size.attribute((W, "w")), Some("11906"));
    assert_eq!(size.attribute((W, "h")), Some("16838"));
    let margins = w(sect, "pgMar").unwrap();
    for side in ["top", "bottom", "left", "right"] {
        assert_eq!(margins.attribute((W, side)), Some("1134"), "{side}");
    }
}

#[test]
fn an_empty_document_is_still_a_word_file() {
    let bytes = docx(&Document::default()).unwrap();
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    assert_eq!(paras.len(), 1, "only the (empty) title");
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `command`, killing it after `limit` (a hung office suite must not hang the test run).
fn run_with_limit(command: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("waits").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            child.kill().ok();
            let output = child.wait_with_output().expect("output");
            panic!(
                "{command:?} took over {limit:?}\nstdout: {}\nstderr: {}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn libreoffice_prints_the_word_file() {
    let Some(office) = ["soffice", "libreoffice"].into_iter().find(|p| on_path(p)) else {
        eprintln!("skipped: LibreOffice (soffice) not installed");
        return;
    };
    if !on_path("pdftotext") {
        eprintln!("skipped: pdftotext (poppler-utils) not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("terugblik.docx");
    std::fs::write(&file, docx(&sample()).unwrap()).unwrap();

    // A profile of its own: works as root, and beside another soffice running in parallel.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let output = run_with_limit(
        Command::new(office)
            .arg(profile)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&file),
        Duration::from_secs(240),
    );
    let pdf = dir.path().join("terugblik.pdf");
    assert!(
        pdf.exists(),
        "no PDF from {office}: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    // To look at it: GAVEL_KEEP_PDF=/tmp/terugblik.pdf cargo test --test export_docx libreoffice
    if let Ok(keep) = std::env::var("GAVEL_KEEP_PDF") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    let text = pdf_text(&pdf);
    for expected in [
        "Korte terugblik Raadsplein Info/debat",
        "1.a. Opening en Mededelingen",
        "De voorzitter opent de vergadering.",
        "café Noël",
        "Toezeggingen",
        "• Schriftelijke informatie over de taaleis",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the PDF:\n{text}"
        );
    }
    // pdftotext ends each page with a form feed: the last section is alone on page 2.
    let pages: Vec<&str> = text.split('\x0c').collect();
    assert!(
        pages[0].contains("Toezeggingen") && !pages[0].contains("6. Sluiting"),
        "page 1:\n{}",
        pages[0]
    );
    assert!(
        pages[1].contains("6. Sluiting (22.30 uur)"),
        "page 2:\n{}",
        pages[1]
    );
}

fn pdf_text(pdf: &Path) -> String {
    let output = run_with_limit(
        Command::new("pdftotext")
            .args(["-layout"])
            .arg(pdf)
            .arg("-"),
        Duration::from_secs(60),
    );
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

/// The Done-when of the export: the 20 November 2017 example, chaired in gavel, exported as
/// Word, opens in LibreOffice and reads like the seed's korte terugblik, item for item.
#[test]
fn libreoffice_reads_the_examples_terugblik_item_for_item() {
    let Some(office) = ["soffice", "libreoffice"].into_iter().find(|p| on_path(p)) else {
        eprintln!("skipped: LibreOffice (soffice) not installed");
        return;
    };
    if !on_path("pdftotext") {
        eprintln!("skipped: pdftotext (poppler-utils) not installed");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let meeting =
        gavel::store::load::load_meeting(&root.join("meetings/2017-11-20-raadsplein-takzaal.yaml"))
            .unwrap()
            .meeting;
    let minutes = gavel::store::minutes_file::read_minutes(
        &root.join("tests/fixtures/export/2017-11-20-raadsplein-takzaal.minutes.yaml"),
    )
    .unwrap()
    .unwrap();
    let options = gavel::export::Options {
        lang: gavel::i18n::Lang::Nl,
        with_notes: false,
        with_contacts: false,
    };
    let bytes =
        gavel::export::render(&meeting, &minutes, gavel::export::Format::Docx, options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("terugblik.docx");
    std::fs::write(&file, bytes).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    run_with_limit(
        Command::new(office)
            .arg(profile)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&file),
        Duration::from_secs(240),
    );
    // Without -layout: the text in reading order, lines as LibreOffice broke them.
    let text = pdf_text(&dir.path().join("terugblik.pdf"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let in_order = [
        "Korte terugblik Raadsplein Info/debat TaKzaal",
        "Vergadering d.d. 20 november 2017",
        "Locatie Thomas a Kempiszaal",
        "Voorzitter Dhr. J. Looijenga",
        "1.a. Opening en Mededelingen (19.30 – 19.35 uur)",
        "De voorzitter opent de vergadering.",
        "1.b. Vaststelling van de agenda",
        "De agenda wordt ongewijzigd vastgesteld.",
        "2. Debatronde",
        "3. Rekenkameronderzoek Inclusief Beleid (19.35 – 21.00 uur)",
        "De raad concludeert dat het goed is dat de Rekenkamer dit onderzoek heeft uitgevoerd",
        "De wethouder geeft in zijn reactie op het debat aan",
        "De voorzitter constateert dat het onderwerp voldoende besproken is.",
        "Toezeggingen",
        "2017-11-20-3-1 (Nelleke Vedelaar, uiterlijk 1 maart 2018)",
        "4. Pauze (21.00 – 21.10 uur)",
        "5. Plan beschut werken nieuw (21.10 – 22.30 uur)",
        "Van de zijde van de eerste agenderende fractie",
        "Wethouder Meijerink geeft in haar reactie aan",
        "De wethouder zegt toe hierin de suggestie",
        "De voorzitter constateert tenslotte",
        "2017-11-20-5-3 (Wethouder Meijerink)",
        "6. Sluiting (22.30 uur)",
        "De voorzitter sluit de vergadering om 23.06 uur.",
    ];
    let mut from = 0;
    for expected in in_order {
        match text[from..].find(expected) {
            Some(at) => from += at + expected.len(),
            None => panic!("{expected:?} not in the PDF after what came before:\n{text}"),
        }
    }
}

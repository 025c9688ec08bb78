//! PDF and Word attachments read, searched and cited inside the console (issue 23): the
//! reader and palette on committed documents, the hostile ones said in the list, the cache,
//! `gavel check`, and a key answered while a PDF is read.
//!
//! The fixtures in tests/fixtures/documents/ are made by make.py there. Tests that need
//! Poppler's pdftotext skip with a printed reason when it is not installed (CI installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::DateTime;
use common::pty::Pty;
use gavel::app::index::index_attachment;
use gavel::app::{App, Mode};
use gavel::domain::minutes::{Minutes, Timestamp};
use gavel::i18n::Lang;
use gavel::keymap::Action;
use gavel::store::attachments::{attachment_files, resolved_folder};
use gavel::store::cache::{CACHE_FOLDER, Cache};
use gavel::store::documents::{Unreadable, read_attachment};
use gavel::store::load::load_meeting;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents")
}

/// Whether Poppler's pdftotext is here; says so when not, for the test that is skipped.
fn has_pdftotext(test: &str) -> bool {
    let found = Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty());
    if !found {
        println!("{test}: skipped, pdftotext (Poppler) is not installed");
    }
    found
}

/// A meeting in a fresh folder with these attachment files (name in the folder, bytes).
fn meeting_with(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from(
        "title: Commissie Bestuur\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: Stukken\n    attachments:\n",
    );
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        yaml.push_str(&format!("      - title: {name}\n        file: {name}\n"));
    }
    std::fs::write(dir.path().join("m.yaml"), yaml).unwrap();
    dir
}

/// The console's state for a meeting file, every attachment read as the background reader does.
fn app_for(path: &Path, lang: Lang) -> App {
    gavel::extract::use_extractor(Path::new(env!("CARGO_BIN_EXE_gavel")));
    let meeting = load_meeting(path).expect("the meeting loads").meeting;
    let dir = path.parent().unwrap().to_path_buf();
    let folder = resolved_folder(&dir).unwrap();
    let minutes = Minutes::new(&meeting, "m.yaml");
    let mut app = App::new(meeting, dir, minutes, lang, at("19:25:00"));
    for (item, index, file) in attachment_files(&app.meeting) {
        let action = match read_attachment(&folder, &file, None) {
            Ok(text) => {
                Action::AttachmentIndexed(index_attachment(&app.meeting, lang, item, index, text))
            }
            Err(why) => Action::AttachmentUnreadable { item, index, why },
        };
        app.update(action, at("19:25:00"));
    }
    app
}

fn typed(app: &mut App, text: &str) {
    for ch in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(Action::Input(key), at("19:25:00"));
    }
}

/// Searches the palette and opens the top hit; gives its detail and the reader's page.
fn find_and_open(app: &mut App, query: &str) -> (String, Option<(usize, usize)>, String) {
    app.update(Action::Search, at("19:25:00"));
    typed(app, query);
    app.update(Action::Tick, at("19:25:00"));
    let Mode::Picker(picker) = &app.mode else {
        panic!("the palette is open");
    };
    let top = picker.shown_entry(0).expect("the phrase is found");
    app.update(Action::Confirm, at("19:25:00"));
    let Mode::Reader(reader) = &app.mode else {
        panic!("Enter opens the reader");
    };
    let marked = reader.marked.expect("the line is marked");
    (top.detail, reader.page(20), reader.lines[marked].clone())
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| gavel::ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn a_phrase_from_page_3_of_a_pdf_is_found_with_its_page_and_opens_the_reader_there() {
    if !has_pdftotext("a_phrase_from_page_3_of_a_pdf") {
        return;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("meetings/2017-11-20-raadsplein-takzaal.yaml");
    let mut app = app_for(&path, Lang::Nl);
    let (detail, page, line) = find_and_open(&mut app, "voorjaar van 2016 verschijnt de nota");
    assert!(
        detail.starts_with("Rekenkamerrapport 'Van exclusie… p. 3 "),
        "{detail}"
    );
    assert_eq!(page, Some((3, 87)));
    assert!(
        line.contains("In het voorjaar van 2016 verschijnt de nota"),
        "{line}"
    );
    // The frame says the page; ] goes to the next one.
    assert!(screen(&app, 120, 35).contains("p. 3/87"));
    app.update(Action::NextPage, at("19:25:00"));
    let Mode::Reader(reader) = &app.mode else {
        panic!("still reading");
    };
    assert_eq!(reader.page(30), Some((4, 87)));
}

#[test]
fn a_phrase_from_page_3_of_a_word_file_is_found_and_opens_the_reader_there() {
    let docx = std::fs::read(fixtures().join("verslag.docx")).unwrap();
    let dir = meeting_with(&[("verslag.docx", docx)]);
    let mut app = app_for(&dir.path().join("m.yaml"), Lang::En);
    let (detail, page, line) = find_and_open(&mut app, "wachtlijst beschut werk toe");
    assert!(detail.starts_with("verslag.docx p. 3 · "), "{detail}");
    assert_eq!(page, Some((3, 3)));
    assert!(line.starts_with("Pagina drie: de wethouder"), "{line}");
    // The phrase is the first line of page 3 (its empty lines before it are left out): one
    // page back is page 2.
    app.update(Action::PreviousPage, at("19:25:00"));
    let Mode::Reader(reader) = &app.mode else {
        panic!("still reading");
    };
    assert_eq!(
        reader.page(30),
        Some((2, 3)),
        "from the start of page 3, page 2"
    );
}

/// A PDF whose page tree is its own child, as in the hardening tests of `gavel import`.
fn looping_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
    ];
    common::pdf::pdf_of(&objects)
}

#[test]
fn a_scanned_a_damaged_a_bomb_and_a_looping_pdf_are_each_said_in_the_list() {
    if !has_pdftotext("a_scanned_a_damaged_a_bomb_and_a_looping_pdf") {
        return;
    }
    let report = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("meetings/bijlagen/2017-11-20-item5-advies-participatieraad-2017-06-15.pdf"),
    )
    .unwrap();
    let dir = meeting_with(&[
        (
            "scan.pdf",
            std::fs::read(fixtures().join("scan.pdf")).unwrap(),
        ),
        ("kapot.pdf", report[..report.len() / 3].to_vec()),
        (
            "bom.pdf",
            std::fs::read(fixtures().join("bomb.pdf")).unwrap(),
        ),
        ("lus.pdf", looping_pdf()),
        ("goed.pdf", report.clone()),
    ]);
    gavel::extract::use_extractor(Path::new(env!("CARGO_BIN_EXE_gavel")));
    let folder = resolved_folder(dir.path()).unwrap();
    let started = Instant::now();
    let read = |file: &str| read_attachment(&folder, file, None);
    assert_eq!(read("scan.pdf"), Err(Unreadable::Scanned));
    assert!(
        matches!(read("kapot.pdf"), Err(Unreadable::Damaged(_))),
        "{:?}",
        read("kapot.pdf")
    );
    assert_eq!(read("bom.pdf"), Err(Unreadable::TooMuchText));
    assert!(
        read("lus.pdf").is_err(),
        "a page tree that loops has no text"
    );
    assert!(read("goed.pdf").is_ok(), "the rest still works");
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "{:?}",
        started.elapsed()
    );

    let mut app = app_for(&dir.path().join("m.yaml"), Lang::Nl);
    let shown = screen(&app, 120, 35);
    for said in [
        "scan.pdf (scan: geen tekst)",
        "kapot.pdf (beschadigd:",
        "bom.pdf (te groot: meer tekst dan 8 MiB)",
        "lus.pdf (",
        "goed.pdf (tekst, 5 p.: druk b om te lezen)",
    ] {
        assert!(shown.contains(said), "{said:?} not in:\n{shown}");
    }
    app.lang = Lang::En;
    assert!(screen(&app, 120, 35).contains("scan.pdf (scan: no text)"));
}

#[test]
fn a_second_start_reads_no_pdf_a_changed_one_is_read_again_a_damaged_entry_is_ignored() {
    let docx = std::fs::read(fixtures().join("verslag.docx")).unwrap();
    let dir = meeting_with(&[("verslag.docx", docx.clone())]);
    gavel::extract::use_extractor(Path::new(env!("CARGO_BIN_EXE_gavel")));
    let folder = resolved_folder(dir.path()).unwrap();
    let cache = Cache::beside(&folder);
    let read = || read_attachment(&folder, "verslag.docx", Some(&cache)).unwrap();
    let first = read();
    assert!(!first.from_cache, "the first start extracts");
    let second = read();
    assert!(second.from_cache, "the second start reads no document");
    assert_eq!((first.lines, first.pages), (second.lines, second.pages));
    // A changed file is another key: read again.
    let mut changed = docx.clone();
    changed.extend(b"\0"); // a zip with trailing bytes still opens
    std::fs::write(dir.path().join("verslag.docx"), &changed).unwrap();
    assert!(!read().from_cache, "a changed file is read again");
    assert!(read().from_cache);
    // A damaged entry is ignored, and written anew.
    for entry in std::fs::read_dir(dir.path().join(CACHE_FOLDER)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::write(&path, "gavel-text 1 0000\nvervalst").unwrap();
        }
    }
    let again = read();
    assert!(!again.from_cache, "a damaged entry is ignored");
    assert!(again.lines.iter().any(|l| l.contains("Pagina drie")));
    assert!(read().from_cache);
}

#[test]
fn gavel_check_warns_for_attachments_that_cannot_be_read_at_their_entry() {
    if !has_pdftotext("gavel_check_warns_for_attachments_that_cannot_be_read") {
        return;
    }
    let dir = meeting_with(&[
        (
            "scan.pdf",
            std::fs::read(fixtures().join("scan.pdf")).unwrap(),
        ),
        ("kapot.pdf", b"%PDF-1.4\n\xff\xfe".to_vec()),
        ("foto.jpg", vec![0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    ]);
    // The cache is not for checking: gavel check writes none, and does not report one.
    std::fs::create_dir(dir.path().join(CACHE_FOLDER)).unwrap();
    std::fs::write(dir.path().join(CACHE_FOLDER).join("x.txt"), "rommel").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["check", "m.yaml", "--lang", "en"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "warnings only: {err}");
    for (line, said) in [
        (
            8,
            "warning: attachment file \"scan.pdf\" has no text (a scan)",
        ),
        (
            10,
            "warning: attachment file \"kapot.pdf\" cannot be read (",
        ),
        (
            12,
            "warning: attachment file \"foto.jpg\" is not text, PDF or DOCX",
        ),
    ] {
        let place = format!("m.yaml:{line}:15: {said}");
        assert!(err.contains(&place), "{place:?} not in:\n{err}");
    }
    assert!(!err.contains(CACHE_FOLDER), "{err}");
    // Nor when the folder is checked.
    let output = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["check", ".", "--lang", "en"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains(CACHE_FOLDER), "{err}");
    let entries = std::fs::read_dir(dir.path().join(CACHE_FOLDER))
        .unwrap()
        .count();
    assert_eq!(entries, 1, "gavel check wrote into the cache");
}

/// The console answers keys while a PDF is being read: a stand-in for pdftotext that never
/// ends keeps the extraction running; the agenda still moves, the list says "reading…", and
/// quitting ends the extractor with gavel.
#[test]
fn a_key_is_answered_while_a_pdf_is_being_read() {
    let report = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("meetings/bijlagen/2017-11-20-item5-advies-participatieraad-2017-06-15.pdf"),
    )
    .unwrap();
    let dir = meeting_with(&[("traag.pdf", report)]);
    let yaml = std::fs::read_to_string(dir.path().join("m.yaml")).unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        format!("{yaml}  - number: \"2\"\n    title: Rondvraag\n"),
    )
    .unwrap();
    // The stand-in may write no file (the extractor's limits forbid it): it is found by the
    // unusual length of its sleep.
    let stand_in = dir.path().join("traag.sh");
    std::fs::write(&stand_in, "#!/bin/sh\nexec sleep 61.2323\n").unwrap();
    assert!(
        Command::new("chmod")
            .arg("+x")
            .arg(&stand_in)
            .status()
            .unwrap()
            .success()
    );
    let mut gavel = Pty::spawn(
        dir.path(),
        &[],
        &["--lang", "en", "m.yaml"],
        &[("GAVEL_PDFTOTEXT", stand_in.to_str().unwrap())],
    );
    gavel.wait_for("traag.pdf (reading…)");
    let sleeping = || {
        std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .find_map(|entry| {
                let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
                let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
                // Gone, or a zombie nobody reaps yet (a container's first process may not).
                let zombie = stat.rsplit(')').next()?.trim_start().starts_with('Z');
                (!zombie && cmdline.windows(7).any(|w| w == b"61.2323")).then(|| entry.path())
            })
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    while sleeping().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(sleeping().is_some(), "the extractor runs");
    gavel.keys("j");
    gavel.wait_for("2 Rondvraag");
    gavel.keys("k");
    gavel.wait_for("traag.pdf (reading…)");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    // The extractor ends with gavel (its parent-death signal).
    let deadline = Instant::now() + Duration::from_secs(5);
    while sleeping().is_some() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(sleeping().is_none(), "the extractor outlived gavel");
}

/// Without Poppler the pdf-extract crate reads the PDF, its pages still apart.
#[test]
fn without_pdftotext_the_pdf_extract_crate_reads_the_pages() {
    use std::io::Write as _;
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("meetings/bijlagen/2017-11-20-item5-advies-participatieraad-2017-06-15.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg("__gavel-extract-pdftotext")
        .env("GAVEL_PDFTOTEXT", "/nonexistent/pdftotext")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(pdf).unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.matches('\u{c}').count(), 4, "five pages");
    assert!(text.contains("Participatieraad"), "{text}");
}

/// A file named by many items is read once and said for every item: thirty items naming one
/// damaged PDF give thirty "damaged" in the lists, from one reading.
#[test]
fn a_file_named_by_many_items_is_read_once_and_said_for_each() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kapot.pdf"), b"%PDF-1.4\n\xff\xfe").unwrap();
    let mut yaml = String::from("title: Commissie Bestuur\ndate: 2017-11-20\nitems:\n");
    for n in 1..=30 {
        yaml.push_str(&format!(
            "  - number: \"{n}\"\n    title: Stuk {n}\n    attachments:\n      - title: Kapot\n        file: kapot.pdf\n      - title: Kapot ook\n        file: ./kapot.pdf\n"
        ));
    }
    std::fs::write(dir.path().join("m.yaml"), yaml).unwrap();
    let meeting = load_meeting(&dir.path().join("m.yaml")).unwrap().meeting;
    let places = gavel::app::index::places_of(&meeting);
    // As written: "kapot.pdf" and "./kapot.pdf" are two names, each read once for its 30 items.
    assert_eq!(places.len(), 2);
    assert!(places.iter().all(|(_, at)| at.len() == 30));
    gavel::extract::use_extractor(Path::new(env!("CARGO_BIN_EXE_gavel")));
    let received = gavel::app::index::index_in_background(&meeting, dir.path(), Lang::En);
    let mut said = std::collections::HashSet::new();
    while let Ok(action) = received.recv_timeout(Duration::from_secs(30)) {
        match action {
            Action::AttachmentUnreadable { item, index, .. } => {
                said.insert((item, index));
            }
            other => panic!("a damaged PDF is not read: {other:?}"),
        }
        if said.len() == 60 {
            break;
        }
    }
    assert_eq!(said.len(), 60, "every item's attachment is said");
}

//! `gavel import`: from the council's agenda pack to a meeting file, as a griffie would run it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{NaiveDate, NaiveTime};
use gavel::domain::meeting::{Informant, ItemKind, Meeting, Slot};
use gavel::store::load::{load_meeting, parse_meeting};

/// The seed 000 agenda pack (the Zwolle Raadsplein of 20 November 2017), kept in the repository
/// so the test runs wherever the repository is cloned.
const SEED: &str = "tests/fixtures/import/seed-000-raadsplein-2017-11-20.txt";
const HAND_MADE: &str = "meetings/2017-11-20-raadsplein-takzaal.yaml";
const OWN_PACK: &str = "tests/fixtures/import/raadsplein-2018-02-12.txt";

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs gavel in English in the crate folder.
fn gavel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("gavel runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Imports `pack` into `dir/meeting.yaml` (attachments in `dir/bijlagen`), checks that gavel
/// check passes, and gives the meeting as loaded.
fn import_into(pack: &Path, dir: &Path) -> (Meeting, String, String) {
    let output_path = dir.join("meeting.yaml");
    let output = gavel(&[
        "import",
        pack.to_str().unwrap(),
        "-o",
        output_path.to_str().unwrap(),
        "--attachments",
        dir.join("bijlagen").to_str().unwrap(),
    ]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let check = gavel(&["check", output_path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let loaded = load_meeting(&output_path).expect("the imported meeting loads");
    assert!(
        loaded.warnings.is_empty(),
        "no warnings: {:?}",
        loaded.warnings
    );
    let text = std::fs::read_to_string(&output_path).unwrap();
    (loaded.meeting, text, err)
}

fn contact(informant: &Informant) -> (&str, Option<&str>, Option<&str>) {
    (
        informant.name.as_str(),
        informant.phone.as_deref(),
        informant.email.as_deref(),
    )
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

#[test]
fn the_seed_pack_gives_the_hand_made_meeting_item_for_item() {
    let dir = tempfile::tempdir().unwrap();
    let (imported, text, err) = import_into(&manifest(SEED), dir.path());
    let hand_made = load_meeting(&manifest(HAND_MADE)).unwrap().meeting;

    assert_eq!(imported.title, hand_made.title);
    assert_eq!(imported.date, hand_made.date);
    assert_eq!(imported.start, hand_made.start);
    assert_eq!(imported.end, hand_made.end);
    assert_eq!(imported.location, hand_made.location);
    assert_eq!(imported.body, hand_made.body);
    assert_eq!(imported.chair, hand_made.chair);
    assert_eq!(imported.clerk, hand_made.clerk);
    assert_eq!(imported.items.len(), hand_made.items.len());
    for (got, want) in imported.items.iter().zip(&hand_made.items) {
        let at = &want.number;
        assert_eq!(got.number, want.number);
        assert_eq!(got.title, want.title, "item {at}");
        assert_eq!(got.slot, want.slot, "item {at}");
        assert_eq!(got.kind, want.kind, "item {at}");
        assert_eq!(got.informants.len(), want.informants.len(), "item {at}");
        for (g, w) in got.informants.iter().zip(&want.informants) {
            // The hand-made file spells the sheet's "Boer - Boekhorst" without spaces, as we do.
            assert_eq!(contact(g), contact(w), "item {at}");
        }
        assert_eq!(got.requested_by, want.requested_by, "item {at}");
        assert_eq!(got.debate_question, want.debate_question, "item {at}");
        assert_eq!(got.summary, want.summary, "item {at}");
        assert_eq!(got.proposed_decision, want.proposed_decision, "item {at}");
        assert_eq!(got.department, want.department, "item {at}");
        assert_eq!(got.co_authors, want.co_authors, "item {at}");
        // The sheet names one portfolio holder; the hand-made file adds the one who answered.
        for holder in &got.portfolio_holders {
            assert!(
                want.portfolio_holders.contains(holder),
                "item {at}: {holder}"
            );
        }
        let titles = |item: &gavel::domain::meeting::Item| -> Vec<String> {
            item.attachments.iter().map(|a| a.title.clone()).collect()
        };
        assert_eq!(titles(got), titles(want), "item {at}");
    }

    // Every attachment with text in the pack has its own file, linked beside the meeting.
    let item3 = imported.item("3").unwrap();
    let files: Vec<bool> = item3.attachments.iter().map(|a| a.file.is_some()).collect();
    assert_eq!(
        files,
        [true, true, false, true],
        "Pelita's text is not in the pack"
    );
    let rapport = dir.path().join(item3.attachments[1].file.as_ref().unwrap());
    let rapport = std::fs::read_to_string(rapport).unwrap();
    assert!(
        rapport.trim_start().starts_with("VOORWOORD"),
        "{rapport:.80}"
    );
    assert!(
        imported
            .item("5")
            .unwrap()
            .attachments
            .iter()
            .all(|a| a.file.is_some())
    );

    // What it guessed and what it left out is said, in the file and on stderr.
    assert!(
        text.contains("# guessed: no text of its own found in the pack"),
        "{text}"
    );
    assert!(
        text.contains("# not placed: lines 1-3 of the pack:"),
        "{text}"
    );
    assert!(text.contains("# skipped: lines 72-185"), "{text}");
    assert!(
        err.contains("7 items, 4 informants, 8 attachments; 1 passage not placed: lines 1-3"),
        "{err}"
    );
}

/// The meeting the own pack (and its PDF) must give.
fn assert_own_pack(meeting: &Meeting) {
    assert_eq!(meeting.title, "Raadsplein Info/debat Raadzaal");
    assert_eq!(meeting.date, NaiveDate::from_ymd_opt(2018, 2, 12).unwrap());
    assert_eq!(meeting.start, Some(time("19:30")));
    assert_eq!(meeting.end, Some(time("22:00")));
    assert_eq!(meeting.location.as_deref(), Some("Raadzaal"));
    assert_eq!(meeting.chair.as_deref(), Some("Mevr. A. de Wit"));
    assert_eq!(meeting.clerk.as_deref(), Some("Dhr. P. Kok"));
    let plan: Vec<(&str, &str, Slot, ItemKind)> = meeting
        .items
        .iter()
        .map(|i| (i.number.as_str(), i.title.as_str(), i.slot, i.kind))
        .collect();
    let range = |a, b| Slot::Range {
        start: time(a),
        end: time(b),
    };
    assert_eq!(
        plan,
        [
            (
                "1.a",
                "Opening en Mededelingen",
                range("19:30", "19:35"),
                ItemKind::Opening
            ),
            (
                "1.b",
                "Vaststelling van de agenda",
                Slot::Unplanned,
                ItemKind::Procedural
            ),
            ("2", "Debatronde", Slot::Unplanned, ItemKind::Procedural),
            (
                "3",
                "Fietsparkeren binnenstad",
                range("19:35", "20:45"),
                ItemKind::Debate
            ),
            ("4", "Pauze", range("20:45", "20:55"), ItemKind::Break),
            ("5", "Evaluatie wijkaanpak", Slot::Unplanned, ItemKind::Item),
            (
                "6",
                "Sluiting",
                Slot::StartOnly {
                    start: time("22:00")
                },
                ItemKind::Closing
            ),
        ]
    );
    let fiets = meeting.item("3").unwrap();
    assert_eq!(fiets.portfolio_holders, ["Ed Anker"]);
    assert_eq!(
        fiets.informants.iter().map(contact).collect::<Vec<_>>(),
        [("Anna Smit", Some("2345"), Some("a.smit@zwolle.nl"))]
    );
    assert_eq!(fiets.co_authors, ["Tom van den Berg"]);
    assert_eq!(fiets.department.as_deref(), Some("Stadsontwikkeling"));
    assert_eq!(fiets.requested_by, ["GroenLinks", "CDA", "ChristenUnie"]);
    assert_eq!(
        fiets.debate_question.as_deref(),
        Some("Welke keuzes maakt de raad voor het stallen van fietsen rond de Grote Markt?")
    );
    assert_eq!(
        fiets.proposed_decision.as_deref(),
        Some("kennis te nemen van de nota Fietsparkeren binnenstad.")
    );
    let titles: Vec<&str> = fiets.attachments.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Nota Fietsparkeren binnenstad",
            "Kaart stallingen binnenstad"
        ]
    );
    let wijk = meeting.item("5").unwrap();
    assert_eq!(
        wijk.informants.iter().map(contact).collect::<Vec<_>>(),
        [("Jan de Groot", None, Some("j.degroot@zwolle.nl"))],
        "an informant without phone"
    );
    assert_eq!(wijk.portfolio_holders, ["Michiel van Willigen"]);
    assert!(wijk.requested_by.is_empty());
    assert_eq!(wijk.attachments.len(), 1);
}

#[test]
fn an_own_pack_in_the_same_style_gives_its_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let (meeting, text, err) = import_into(&manifest(OWN_PACK), dir.path());
    assert_own_pack(&meeting);
    let kaart = &meeting.item("3").unwrap().attachments[1];
    assert_eq!(
        kaart.file.as_deref(),
        Some("bijlagen/2018-02-12-item3-kaart-stallingen-binnenstad.txt")
    );
    let kaart = std::fs::read_to_string(dir.path().join(kaart.file.as_ref().unwrap())).unwrap();
    assert!(kaart.contains("drie nieuwe stallingen"), "{kaart}");
    assert!(!kaart.contains("Raadsplein"), "{kaart}");
    assert!(!text.contains("# not placed:"), "{text}");
    assert!(err.contains("every passage placed"), "{err}");
}

#[test]
fn without_output_the_meeting_goes_to_stdout_and_loads() {
    let output = gavel(&["import", OWN_PACK]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let loaded = parse_meeting(Path::new("stdout.yaml"), text.as_bytes()).unwrap();
    assert_own_pack(&loaded.meeting);
    assert!(stderr(&output).contains("7 items, 2 informants, 3 attachments"));
}

fn have(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
}

#[test]
fn a_pdf_of_the_own_pack_gives_the_same_meeting() {
    if !have("pdftotext", "-v") || !have("soffice", "--version") {
        eprintln!(
            "skipped: needs pdftotext (Poppler) and soffice (LibreOffice) to make and read a PDF"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("pakket.txt");
    std::fs::copy(manifest(OWN_PACK), &text).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let made = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&text)
        .output()
        .unwrap();
    let pdf = dir.path().join("pakket.pdf");
    assert!(
        pdf.is_file(),
        "soffice made no PDF: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let (meeting, _, _) = import_into(&pdf, dir.path());
    assert_own_pack(&meeting);

    // Where Poppler is missing the pdf-extract crate reads it: the same items and slots.
    let text = gavel::extract::pdf_text_by_crate(&std::fs::read(&pdf).unwrap()).unwrap();
    let (import, _) = gavel::import::import_text(&text).unwrap();
    let plan = |m: &Meeting| -> Vec<(String, String, Slot)> {
        m.items
            .iter()
            .map(|i| (i.number.clone(), i.title.clone(), i.slot))
            .collect()
    };
    assert_eq!(plan(&import.meeting), plan(&meeting), "{text}");
}

#[test]
fn passages_the_rules_do_not_know_are_kept_as_comments() {
    let dir = tempfile::tempdir().unwrap();
    let pack = std::fs::read_to_string(manifest(OWN_PACK)).unwrap();
    let pack = pack
        .replacen(
            "1.a Opening",
            "Deze agenda is onder voorbehoud.\n\n1.a Opening",
            1,
        )
        .replacen(
            "afdeling Wijkzaken",
            "behandelend ambtenaar Kees Pot (2999)\n\nafdeling Wijkzaken",
            1,
        );
    let path = dir.path().join("pakket.txt");
    std::fs::write(&path, pack).unwrap();
    let (meeting, text, err) = import_into(&path, dir.path());
    assert_own_pack(&meeting);
    assert!(
        text.contains(
            "# not placed: lines 10-10 of the pack:\n#   Deze agenda is onder voorbehoud."
        ),
        "{text}"
    );
    let beside_item5 = text.split("- number: \"5\"").nth(1).unwrap();
    assert!(
        beside_item5.contains("    #   behandelend ambtenaar Kees Pot (2999)"),
        "{text}"
    );
    assert!(err.contains("2 passages not placed: lines 10, "), "{err}");
}

fn import_fails(content: &[u8], name: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    let output = gavel(&["import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(&path.display().to_string()),
        "names the file: {err}"
    );
    assert!(err.contains(expected), "{err}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn an_empty_file_is_named() {
    import_fails(b"", "leeg.txt", "is empty");
}

#[test]
fn a_binary_that_is_not_a_pdf_is_named() {
    import_fails(
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
        "pakket.pdf",
        "is neither a PDF nor text",
    );
}

#[test]
fn a_text_without_agenda_items_is_named() {
    import_fails(
        b"Dit is een brief zonder agenda.\n",
        "brief.txt",
        "holds no agenda item",
    );
}

/// A one-page PDF with nothing written on it, as a scan without text looks to pdftotext.
fn pdf_without_text() -> Vec<u8> {
    pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        "<< /Length 0 >>\nstream\n\nendstream",
    ])
}

use common::pdf::pdf_of;

/// Issue 22, 5: a page tree that is its own parent looped for ever, arrays nested 10 000 deep
/// aborted gavel (a stack overflow, past any panic catch). The extractor runs in a child with
/// a time limit: gavel says the PDF could not be read, and goes on.
#[test]
fn a_hostile_pdf_stops_its_extractor_child_not_gavel() {
    use gavel::import::extract::{ExtractError, pdf_text_by};
    let exe = Path::new(env!("CARGO_BIN_EXE_gavel"));
    let deep = format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox {}0{} /Resources << >> >>",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let nested = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        deep,
    ]);
    let start = std::time::Instant::now();
    let result = pdf_text_by(exe, &nested, std::time::Duration::from_secs(5));
    assert_eq!(result, Err(ExtractError::Failed(None)), "a crash, said");
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    // An extractor that never ends, or never stops writing, is stopped by gavel: stand-ins
    // for the PDFs that do so (a page tree that loops, a compression bomb).
    let dir = tempfile::tempdir().unwrap();
    for (name, script, expected) in [
        ("endless", "exec sleep 30", ExtractError::TooSlow),
        ("flood", "exec cat /dev/zero", ExtractError::TooMuchText),
    ] {
        let stand_in = dir.path().join(name);
        std::fs::write(&stand_in, format!("#!/bin/sh\n{script}\n")).unwrap();
        let made = Command::new("chmod").arg("+x").arg(&stand_in).status();
        assert!(made.unwrap().success());
        let start = std::time::Instant::now();
        let result = pdf_text_by(&stand_in, b"%PDF-1.4", std::time::Duration::from_secs(1));
        assert_eq!(result, Err(expected), "{name}");
        assert!(
            start.elapsed().as_secs() < 4,
            "{name}: {:?}",
            start.elapsed()
        );
    }
    // The same through the command: named, exit 1, and a good PDF still reads (below).
    import_fails(
        &pdf_of(&[
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox {}0{} >>",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
        ]),
        "diep.pdf",
        // pdf-extract's child crashes ("could not be read"); Poppler, where installed, may
        // find no text in it: either way named, exit 1, and gavel itself goes on.
        "PDF",
    );
}

/// Issue 22, 5: `gavel import fifo.txt` blocked for ever and `gavel import /dev/zero` read
/// until memory ran out; both are refused, as the console's loader refuses them.
#[test]
fn a_fifo_or_a_device_is_refused_as_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for path in [fifo.as_path(), Path::new("/dev/zero")] {
        let output = gavel(&["import", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert!(err.contains("is not a regular file"), "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
    }
}

#[test]
fn a_pdf_without_text_is_named() {
    import_fails(&pdf_without_text(), "scan.pdf", "is a PDF without text");
}

#[test]
fn an_existing_meeting_file_is_overwritten_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("vergadering.yaml");
    let minutes = dir.path().join("vergadering.minutes.yaml");
    std::fs::write(&meeting, "title: met de hand\n").unwrap();
    std::fs::write(&minutes, "# de notulen\n").unwrap();
    let args = ["import", OWN_PACK, "-o", meeting.to_str().unwrap()];
    let refused = gavel(&args);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a usage error, as for export"
    );
    assert!(
        stderr(&refused).contains("exists already: give --force"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(&meeting).unwrap(),
        "title: met de hand\n"
    );

    let forced = gavel(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_own_pack(&load_meeting(&meeting).unwrap().meeting);
    assert_eq!(std::fs::read_to_string(&minutes).unwrap(), "# de notulen\n");

    let into_minutes = gavel(&[
        "import",
        OWN_PACK,
        "-o",
        minutes.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(into_minutes.status.code(), Some(1));
    assert!(
        stderr(&into_minutes).contains("minutes file"),
        "{}",
        stderr(&into_minutes)
    );
    assert_eq!(std::fs::read_to_string(&minutes).unwrap(), "# de notulen\n");
}

/// Issue 22, 6: import wrote files that `check` then refused. An attachment text longer than
/// gavel reads (200 000 lines) is not written, and said; the meeting file still checks.
#[test]
fn an_attachment_text_larger_than_gavel_reads_is_not_written_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut pack = std::fs::read_to_string(manifest(OWN_PACK)).unwrap();
    for n in 0..210_000 {
        pack.push_str(&format!("Regel {n}.\n"));
    }
    let pack_path = dir.path().join("pakket.txt");
    std::fs::write(&pack_path, pack).unwrap();
    let meeting = dir.path().join("m.yaml");
    let texts = dir.path().join("bijlagen");
    let output = gavel(&[
        "import",
        pack_path.to_str().unwrap(),
        "-o",
        meeting.to_str().unwrap(),
        "--attachments",
        texts.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("is not written: more than gavel reads"),
        "{err}"
    );
    let written = std::fs::read_dir(&texts).unwrap().count();
    assert!(
        err.contains(&format!("{written} attachment texts written")),
        "{err}"
    );
    let checked = gavel(&["check", meeting.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

/// A Dutch import writes its comments in Dutch: `# gegokt:`, `# niet geplaatst:`, never the
/// English words.
#[test]
fn a_dutch_import_comments_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let pack = manifest("tests/fixtures/import/seed-000-raadsplein-2017-11-20.txt");
    let written = dir.path().join("m.yaml");
    let output = gavel(&[
        "import",
        "--lang",
        "nl",
        pack.to_str().unwrap(),
        "-o",
        written.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("# gegokt: "), "{text}");
    assert!(
        text.contains("# niet geplaatst: regels 1-3 van het pakket:"),
        "{text}"
    );
    for english in [
        "guessed",
        "not placed",
        "Imported by",
        "skipped:",
        "not found",
    ] {
        assert!(
            !text.contains(english),
            "{english:?} in a Dutch import:\n{text}"
        );
    }
}

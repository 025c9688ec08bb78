//! `gavel export` as a griffie uses it: the 20 November 2017 example, chaired in gavel (the
//! minutes follow the seed's korte terugblik), exported; the outputs compared whole with golden
//! files. `UPDATE_GOLDEN=1 cargo test --test export` writes the golden files anew (then read them).

mod common;

use common::{copy_dir, gavel, golden, root, stderr};
use std::process::Output;

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";

/// The bundled meetings and the recorded minutes, in a folder of their own.
fn chaired_meeting() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("meetings"), dir.path());
    std::fs::copy(
        root().join("tests/fixtures/export").join(MINUTES),
        dir.path().join(MINUTES),
    )
    .unwrap();
    dir
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn the_korte_terugblik_in_markdown_reads_like_the_seed() {
    let dir = chaired_meeting();
    let output = gavel(dir.path(), &["export", MEETING, "--lang", "nl"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let md = stdout(&output);
    // The seed's header and its closing sentence, as the griffie published them.
    for line in [
        "# Korte terugblik Raadsplein Info/debat TaKzaal",
        "**Vergadering d.d.:** 20 november 2017",
        "**Locatie:** Thomas a Kempiszaal",
        "**Aanvang:** 19.30",
        "**Eindtijd:** 22.30",
        "**Voorzitter:** Dhr. J. Looijenga",
        "**Griffier/secretaris:** Mevr. M. Zweers",
        "## 1.a. Opening en Mededelingen (19.30 – 19.35 uur)",
        "De voorzitter opent de vergadering.",
        "De agenda wordt ongewijzigd vastgesteld.",
        "## 3. Rekenkameronderzoek Inclusief Beleid (19.35 – 21.00 uur)",
        "## 6. Sluiting (22.30 uur)",
        "De voorzitter sluit de vergadering om 23.06 uur.",
    ] {
        assert!(md.contains(line), "{line:?} missing:\n{md}");
    }
    assert!(!md.contains("Vragen over SWT"), "private notes stay out");
    assert_eq!(md.matches("\n- 2017-11-20-").count(), 4);
    golden("terugblik-2017-11-20.md", &md);
}

#[test]
fn the_korte_terugblik_in_html_is_one_printable_page() {
    let dir = chaired_meeting();
    let output = gavel(
        dir.path(),
        &["export", MEETING, "--lang", "nl", "--format", "html"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "self-contained"
    );
    golden("terugblik-2017-11-20.html", &html);
}

#[test]
fn notes_go_in_only_when_asked_for_and_english_is_english() {
    let dir = chaired_meeting();
    let output = gavel(
        dir.path(),
        &["export", MEETING, "--lang", "en", "--with-notes"],
    );
    let md = stdout(&output);
    assert!(md.contains("### Chair's notes\n\nVragen over SWT."), "{md}");
    assert!(md.contains("**Meeting of:** 20 November 2017"), "{md}");
    assert!(
        md.contains("The chair closes the meeting at 23:06."),
        "{md}"
    );
}

#[test]
fn the_format_follows_the_extension_and_the_file_is_written_whole() {
    let dir = chaired_meeting();
    let output = gavel(dir.path(), &["export", MEETING, "-o", "terugblik.html"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "", "nothing on standard output");
    assert!(stderr(&output).contains("terugblik.html"));
    let html = std::fs::read_to_string(dir.path().join("terugblik.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn an_open_meeting_is_exported_as_a_draft_with_a_warning() {
    let dir = chaired_meeting();
    let minutes = dir.path().join(MINUTES);
    let text = std::fs::read_to_string(&minutes).unwrap();
    std::fs::write(
        &minutes,
        text.replace("closed_at: 2017-11-20T23:06:00+01:00\n", ""),
    )
    .unwrap();
    let output = gavel(dir.path(), &["export", MEETING, "--lang", "nl"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("**Concept: de vergadering is nog niet gesloten"));
    assert!(
        stderr(&output).contains("als concept gemarkeerd"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn minutes_of_another_meeting_are_refused_with_their_place() {
    let dir = chaired_meeting();
    let minutes = dir.path().join(MINUTES);
    let text = std::fs::read_to_string(&minutes).unwrap();
    std::fs::write(
        &minutes,
        text.replace(
            "meeting: 2017-11-20-raadsplein-takzaal.yaml",
            "meeting: andere-vergadering.yaml",
        ),
    )
    .unwrap();
    let output = gavel(dir.path(), &["export", MEETING, "-o", "t.md"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "{MINUTES}:4:10: error: these minutes are of the meeting file \"andere-vergadering.yaml\""
        )),
        "{err}"
    );
    assert!(!dir.path().join("t.md").exists(), "nothing written");

    std::fs::write(&minutes, text.replace("number: \"4\"", "number: \"9\"")).unwrap();
    let output = gavel(dir.path(), &["export", MEETING, "--lang", "nl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("fout: punt \"9\" staat niet op de agenda"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_damaged_minutes_file_is_named_and_nothing_is_written() {
    let dir = chaired_meeting();
    std::fs::write(dir.path().join(MINUTES), "meeting: [\n").unwrap();
    let output = gavel(dir.path(), &["export", MEETING, "-o", "t.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(MINUTES), "{}", stderr(&output));
    assert!(!dir.path().join("t.md").exists());
}

#[test]
fn a_missing_folder_for_the_output_is_named_and_nothing_is_left_behind() {
    let dir = chaired_meeting();
    let output = gavel(
        dir.path(),
        &["export", MEETING, "-o", "nergens/t.md", "--lang", "nl"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("kan nergens/t.md niet schrijven: de map nergens bestaat niet"),
        "{}",
        stderr(&output)
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("t.md") || n.starts_with('.')),
        "{names:?}"
    );
}

#[test]
fn a_meeting_that_does_not_load_is_located() {
    let dir = chaired_meeting();
    std::fs::write(
        dir.path().join("kapot.yaml"),
        "title: Kapot\ndate: 2017-13-01\nitems: []\n",
    )
    .unwrap();
    let output = gavel(dir.path(), &["export", "kapot.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("kapot.yaml:2:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_run_sheet_has_a_page_per_item_and_the_commitments_still_owed() {
    let dir = chaired_meeting();
    // An earlier meeting in a subfolder, with a commitment of the item-5 portfolio holder.
    std::fs::create_dir(dir.path().join("2017")).unwrap();
    std::fs::write(
        dir.path().join("2017/2017-10-02-raadsplein.minutes.yaml"),
        "meeting: 2017-10-02-raadsplein.yaml\ntitle: Raadsplein Info/debat\ndate: 2017-10-02\nitems:\n  - number: \"4\"\n    title: Wsw-wachtlijst\n    status: done\n    commitments:\n      - id: 2017-10-02-4-1\n        by: Meijerink\n        text: De raad krijgt een overzicht van de wachtlijst.\n        due: 2017-12-01\n        recorded_at: 2017-10-02T20:10:00+02:00\n",
    )
    .unwrap();
    let output = gavel(dir.path(), &["brief", MEETING, "--lang", "nl"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let md = stdout(&output);
    for line in [
        "# Draaiboek voorzitter Raadsplein Info/debat TaKzaal",
        "## 5. Plan beschut werken nieuw (21.10 – 22.30 uur)",
        "**Portefeuillehouder:** Nelleke Vedelaar, Wethouder Meijerink",
        "- Maarten van Klaveren · tel. 2071 · m.van.klaveren@zwolle.nl · technische en feitelijke vragen",
        "### Debatvraag",
        "1\\. kennisnemen van het plan beschut werken nieuw 2017 en 2018;\\",
        "### Toezeggingen van Wethouder Meijerink uit eerdere vergaderingen",
        "- 2017-10-02-4-1 (2 oktober 2017, punt 4, Raadsplein Info/debat; uiterlijk 1 december 2017): De raad krijgt een overzicht van de wachtlijst.",
        "### Notities van de voorzitter\n\nVragen over SWT.",
    ] {
        assert!(md.contains(line), "{line:?} missing:\n{md}");
    }
    // Commitments of this meeting itself are not "earlier".
    assert!(!md.contains("2017-11-20-5-1"), "{md}");

    let output = gavel(dir.path(), &["brief", MEETING, "-o", "draaiboek.html"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let html = std::fs::read_to_string(dir.path().join("draaiboek.html")).unwrap();
    // Every item but the first starts a printed page.
    assert_eq!(
        html.matches("<section class=\"new-page\">").count(),
        6,
        "{html}"
    );
}

#[test]
fn the_word_file_holds_the_terugblik_with_word_headings() {
    let dir = chaired_meeting();
    let output = gavel(
        dir.path(),
        &["export", MEETING, "-o", "terugblik.docx", "--lang", "nl"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let file = std::fs::File::open(dir.path().join("terugblik.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    // Every paragraph with its style and text, in order.
    let paragraphs: Vec<(String, String)> = document
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.tag_name().name() == "pStyle")
                .and_then(|n| n.attributes().find(|a| a.name() == "val"))
                .map(|a| a.value().to_string())
                .unwrap_or_default();
            let text: String = p
                .descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|n| n.text())
                .collect();
            (style, text)
        })
        .collect();
    let has = |style: &str, text: &str| paragraphs.iter().any(|(s, t)| s == style && t == text);
    assert!(
        has(
            "Title",
            "Korte terugblik Raadsplein Info/debat TaKzaal 20 november 2017"
        ),
        "{paragraphs:?}"
    );
    assert!(has(
        "Heading1",
        "3. Rekenkameronderzoek Inclusief Beleid (19.35 – 21.00 uur)"
    ));
    assert!(has("Heading1", "6. Sluiting (22.30 uur)"));
    assert!(has("Heading2", "Toezeggingen"));
    assert_eq!(
        paragraphs.last().map(|(_, t)| t.as_str()),
        Some("De voorzitter sluit de vergadering om 23.06 uur.")
    );
}

#[test]
fn the_speeches_and_the_open_data_come_out_as_csv_and_json() {
    let dir = chaired_meeting();
    let output = gavel(dir.path(), &["export", MEETING, "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let csv = stdout(&output);
    assert_eq!(
        csv,
        std::fs::read_to_string(root().join("tests/golden/terugblik-2017-11-20.csv")).unwrap()
    );
    let output = gavel(dir.path(), &["export", MEETING, "-o", "open.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("open.json")).unwrap()).unwrap();
    let golden: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/golden/terugblik-2017-11-20.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json, golden);
}

#[test]
fn a_word_file_is_refused_on_a_terminal() {
    let dir = chaired_meeting();
    let request = gavel::export::Request {
        meeting: dir.path().join(MEETING),
        format: Some(gavel::export::Format::Docx),
        output: None,
        force: false,
        document_lang: None,
        options: gavel::export::Options::default(),
        timeline: Default::default(),
        stretches: false,
        base_url: None,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = gavel::export::run(&request, gavel::i18n::Lang::En, &mut out, &mut err, true);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        String::from_utf8(err)
            .unwrap()
            .contains("write it to a file with -o FILE")
    );
}

#[test]
fn the_webcasts_speaker_index_in_the_ris_shape_as_webvtt_and_as_chapters() {
    let dir = chaired_meeting();
    let index = |args: &[&str]| {
        let mut all = vec!["export", MEETING, "--lang", "nl"];
        all.extend_from_slice(args);
        let output = gavel(dir.path(), &all);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    let timeline = index(&["--format", "timeline", "--stream-start", "19:29:30"]);
    golden("timeline-2017-11-20.txt", &timeline);
    // The interruption stands on its own line, between the two parts of CDA's turn.
    assert!(timeline.contains("  00:23:00 - 00:23:52 - CDA\n  00:23:52 - 00:24:12 - D66\n  00:24:12 - 00:27:12 - CDA\n"), "{timeline}");
    assert!(
        timeline.contains(" 4. Pauze\n  01:34:40 - 01:44:30 - Er is een korte schorsing\n"),
        "{timeline}"
    );
    golden("timeline-2017-11-20.vtt", &index(&["--format", "vtt"]));
    golden(
        "timeline-2017-11-20-speakers.vtt",
        &index(&["--format", "vtt", "--speakers", "--with-faction"]),
    );
    golden("chapters-2017-11-20.txt", &index(&["--format", "chapters"]));
}

#[test]
fn a_speech_before_the_stream_started_is_left_out_with_a_note() {
    let dir = chaired_meeting();
    let output = gavel(
        dir.path(),
        &[
            "export",
            MEETING,
            "--format",
            "timeline",
            "--stream-start",
            "19:45",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let timeline = stdout(&output);
    assert!(!timeline.contains("- VVD\n  00:0"), "{timeline}");
    assert!(
        stderr(&output).contains("item 3: VVD at 19:37:00 is before the stream started: left out"),
        "{}",
        stderr(&output)
    );
    // A bad time is a usage error that says how to write it.
    let output = gavel(
        dir.path(),
        &[
            "export",
            MEETING,
            "--format",
            "timeline",
            "--stream-start",
            "7 uur",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a time of day: write it as HH:MM"),
        "{}",
        stderr(&output)
    );
}

/// Issue 21: `gavel export M.yaml -o M.minutes.yaml` replaced the minutes with Markdown and
/// `-o M.yaml --format json` the meeting file. No document is written over a meeting, minutes or
/// register file, nor through a link to one.
#[test]
fn an_export_never_writes_over_the_meeting_the_minutes_or_the_register() {
    let dir = chaired_meeting();
    let before: Vec<Vec<u8>> = [MEETING, MINUTES]
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    std::os::unix::fs::symlink(MEETING, dir.path().join("d.md")).unwrap();
    for args in [
        &["export", MEETING, "-o", MINUTES][..],
        &["export", MEETING, "-o", MEETING, "--format", "json"],
        &["export", MEETING, "-o", "commitments.yaml"],
        &["export", MEETING, "-o", "d.md"],
        &["brief", MEETING, "-o", MINUTES],
    ] {
        let output = gavel(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("never written over it"),
            "{}",
            stderr(&output)
        );
    }
    for (file, bytes) in [MEETING, MINUTES].iter().zip(before) {
        assert_eq!(
            std::fs::read(dir.path().join(file)).unwrap(),
            bytes,
            "{file}"
        );
    }
    assert!(!dir.path().join("commitments.yaml").exists());
}

/// Issue 21: the korte terugblik copied each agenda text whole, with "Voor technische en
/// feitelijke vragen: Peter van Drielen (4063) p.van.drielen@zwolle.nl". What is published carries
/// no phone number or e-mail address, in any format, unless `--with-contacts` is given.
#[test]
fn published_documents_carry_no_phone_number_or_e_mail_address() {
    let dir = chaired_meeting();
    let contact = regex::Regex::new(r"[\w.+-]+@[\w-]+\.[\w.-]+|\(\d{4}\)|\b\d{3}-\d{7}\b").unwrap();
    for format in [
        "md", "html", "csv", "json", "timeline", "vtt", "chapters", "ods",
    ] {
        let output = gavel(dir.path(), &["export", MEETING, "--format", format]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        assert!(
            contact.find(&text).is_none(),
            "{format}: {:?}",
            contact.find(&text).map(|m| m.as_str())
        );
        assert!(
            !text.contains("Voor technische en feitelijke vragen"),
            "{format}"
        );
    }
    let output = gavel(dir.path(), &["export", MEETING, "--with-contacts"]);
    assert!(stdout(&output).contains("p.van.drielen@zwolle.nl"));
}

/// The 20 November example in VNG's ODS Open Raadsinformatie 2.0, as a RIS would load it: every
/// resource passes the standard's own schema and points at resources of the export; each speech
/// is a spreekfragment with its place in the webcast.
#[test]
fn the_example_in_ods_passes_the_standards_schema_with_its_speeches_in_the_webcast() {
    let dir = chaired_meeting();
    let output = gavel(
        dir.path(),
        &[
            "export",
            MEETING,
            "--format",
            "ods",
            "--stream-start",
            "19:25",
            "-o",
            "ods.json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("ods.json")).unwrap()).unwrap();
    let problems = common::ods::problems(&export);
    assert!(problems.is_empty(), "{problems:#?}");
    let minutes: gavel::domain::minutes::Minutes =
        serde_yaml::from_str(&std::fs::read_to_string(dir.path().join(MINUTES)).unwrap()).unwrap();
    let held: usize = minutes
        .items
        .iter()
        .flat_map(|i| &i.rounds)
        .flat_map(|r| &r.speakers)
        .filter(|s| s.started_at.is_some())
        .count();
    let fragments = export["spreekfragmenten"].as_array().unwrap();
    assert_eq!(fragments.len(), held);
    // The first speech of item 3 began at 19:37:00: 12 minutes into a stream started at 19:25.
    assert_eq!(
        fragments[0]["aanvangSpreekfragment"],
        "2017-11-20T19:37:00+01:00"
    );
    assert_eq!(fragments[0]["videoTijdsaanduidingAanvang"], 720);
    let meeting = &export["vergaderingen"][0];
    assert_eq!(meeting["status"], "gehouden");
    assert_eq!(meeting["eindeVergadering"], "2017-11-20T23:06:00+01:00");
    assert_eq!(export["agendapunten"].as_array().unwrap().len(), 7);
    let commitments = export["informatieobjecten"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["informatieobjecttype"] == "toezegging")
        .count();
    assert_eq!(commitments, 4);
}

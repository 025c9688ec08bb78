//! What `export`, `brief` and `commitments` write for publication (issue 21): Markdown that no
//! hostile text can turn into markup, files that are not overwritten unasked, documents in the
//! meeting's language, and Word properties that say who wrote the document and when.

mod common;

use std::io::Read;
use std::path::Path;

use common::{copy_dir, gavel, root, stderr};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// The lines of a hostile agenda text: each would start an element of its own in Markdown.
const HOSTILE_LINES: [&str; 17] = [
    "# kop",
    "- lijst",
    "* lijst",
    "+ lijst",
    "1. lijst",
    "2) lijst",
    "> citaat",
    "===",
    "~~~",
    "```",
    "    ingesprongen code",
    "<div>blok</div>",
    "[klik](javascript:alert(1)) <http://evil.example>",
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    ": definitie",
    "$x$ ^boven^ [^1] [[wiki]]",
    "Kop {#id .klasse}",
];

/// A closed meeting with one item, its minutes, a conclusion and a commitment, every text
/// from `text` (the hostile string, or a plain word in its place).
fn write_meeting(dir: &Path, text: &dyn Fn(&str) -> String) {
    // A YAML double-quoted scalar (not Rust's Debug, whose `\u{..}` YAML does not read).
    let quoted = |s: &str| {
        let value = text(s)
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        format!("\"{value}\"")
    };
    let lines = |indent: &str| {
        HOSTILE_LINES
            .iter()
            .map(|line| format!("{indent}{}", text(line)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let title = quoted("Raad <script>alert(1)</script> *x*");
    // No slot: the title ends the heading, where `{#id .class}` would give it attributes.
    let item = quoted("Punt | <b>vet</b> `code` {.klasse}");
    let meeting = format!(
        "title: {title}\ndate: 2017-11-20\nstart: \"19:30\"\nend: \"22:30\"\n\
         chair: {}\nclerk: {}\nitems:\n  - number: \"1\"\n    title: {item}\n\
         \x20   kind: debate\n\
         \x20   summary: |\n{}\n    proposed_decision: |\n{}\n",
        quoted("<img src=x onerror=alert(1)>"),
        quoted("~~~"),
        lines("      "),
        lines("      "),
    );
    let minutes = format!(
        "meeting: m.yaml\ntitle: {title}\ndate: 2017-11-20\n\
         opened_at: 2017-11-20T19:31:04+01:00\nclosed_at: 2017-11-20T23:06:00+01:00\n\
         items:\n  - number: \"1\"\n    title: {item}\n    status: done\n\
         \x20   conclusions:\n      - text: |\n{}\n        recorded_at: 2017-11-20T20:58:30+01:00\n\
         \x20   commitments:\n      - id: 2017-11-20-1-1\n        by: {}\n        text: {}\n\
         \x20       recorded_at: 2017-11-20T20:59:12+01:00\n",
        lines("          "),
        quoted("<img src=x onerror=alert(1)>"),
        quoted("Tekst | met\n# regel <i>en</i> `code`"),
    );
    std::fs::write(dir.join("m.yaml"), meeting).unwrap();
    std::fs::write(dir.join("m.minutes.yaml"), minutes).unwrap();
}

/// The elements a CommonMark (and GitHub) renderer makes of `markdown`, in order, by kind.
fn elements(markdown: &str) -> Vec<String> {
    // Every extension pulldown-cmark has (GitHub's and others'), so none can add an element.
    Parser::new_ext(markdown, Options::all())
        .filter_map(|event| match event {
            Event::Start(tag) => Some(match tag {
                Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                } => format!("heading {level:?} {id:?} {classes:?} {attrs:?}"),
                Tag::List(start) => format!("list {start:?}"),
                Tag::Item => "item".into(),
                Tag::Paragraph => "paragraph".into(),
                Tag::Strong => "strong".into(),
                Tag::Table(_) => "table".into(),
                Tag::TableHead => "table head".into(),
                Tag::TableRow => "row".into(),
                Tag::TableCell => "cell".into(),
                other => format!("UNASKED {other:?}"),
            }),
            Event::Html(html) | Event::InlineHtml(html) => Some(format!("UNASKED html {html}")),
            Event::Code(code) => Some(format!("UNASKED code {code}")),
            Event::Rule => Some("UNASKED rule".into()),
            Event::TaskListMarker(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => Some(format!("UNASKED {event:?}")),
            _ => None,
        })
        .collect()
}

/// The text a reader sees, a line break as a newline.
fn shown_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// The same command on the hostile meeting and on a plain one of the same shape: the output
/// of each, as Markdown.
fn hostile_and_plain(args: &[&str]) -> (String, String) {
    let run = |text: &dyn Fn(&str) -> String| {
        let dir = tempfile::tempdir().unwrap();
        write_meeting(dir.path(), text);
        let output = gavel(dir.path(), args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    (run(&|s| s.to_string()), run(&|_| "tekst".to_string()))
}

fn assert_no_unasked_elements(hostile: &str, plain: &str) {
    let (found, asked) = (elements(hostile), elements(plain));
    assert!(
        !found.iter().any(|e| e.starts_with("UNASKED")),
        "{found:#?}\n{hostile}"
    );
    assert_eq!(found, asked, "{hostile}");
}

#[test]
fn markdown_escaping_leaves_no_element_the_text_did_not_ask_for() {
    for command in [
        &["export", "m.yaml", "--format", "md"][..],
        &["brief", "m.yaml"],
    ] {
        let (hostile, plain) = hostile_and_plain(command);
        assert_no_unasked_elements(&hostile, &plain);
        let shown = shown_text(&hostile);
        // Escaped, not dropped: the reader sees the text as it was written.
        for line in HOSTILE_LINES {
            assert!(shown.contains(line.trim_start()), "{line:?} in\n{shown}");
        }
        assert!(
            shown.contains("Raad <script>alert(1)</script> *x*"),
            "{shown}"
        );
    }
}

#[test]
fn markdown_escaping_keeps_a_commitments_table_cell_in_its_cell() {
    let (hostile, plain) = hostile_and_plain(&["commitments", ".", "--format", "md"]);
    assert_no_unasked_elements(&hostile, &plain);
    assert_eq!(
        elements(&hostile).iter().filter(|e| *e == "cell").count(),
        18,
        "a header and one row of nine cells:\n{hostile}"
    );
    assert!(
        shown_text(&hostile).contains("Tekst | met # regel <i>en</i> `code`"),
        "{hostile}"
    );
}

#[test]
fn an_existing_output_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    write_meeting(dir.path(), &|_| "tekst".to_string());
    for command in [
        &["export", "m.yaml", "-o", "out.md"][..],
        &["brief", "m.yaml", "-o", "out.md"],
        &["commitments", ".", "-o", "out.md"],
    ] {
        let out = dir.path().join("out.md");
        std::fs::write(&out, "earlier\n").unwrap();
        let output = gavel(dir.path(), command);
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        let message = stderr(&output);
        assert!(
            message.contains("out.md exists already: give --force to overwrite it"),
            "{command:?}: {message}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier\n");

        let forced: Vec<&str> = command.iter().copied().chain(["--force"]).collect();
        let output = gavel(dir.path(), &forced);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{forced:?}: {}",
            stderr(&output)
        );
        assert_ne!(std::fs::read_to_string(&out).unwrap(), "earlier\n");
    }
    // A link that leads nowhere is a file there too: it is not replaced unasked.
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("link.md")).unwrap();
    let output = gavel(dir.path(), &["export", "m.yaml", "-o", "link.md"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!dir.path().join("nowhere.md").exists());
}

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";

/// The bundled 20 November 2017 meeting with the minutes that follow the seed, closed.
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

/// gavel on a machine whose locale is `C.UTF-8`, as many servers and containers are.
fn gavel_in_c_utf8(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

/// One part of a written Word file, as text.
fn docx_part(path: &Path, part: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The text of a Word file's body, paragraph by paragraph.
fn docx_text(path: &Path) -> String {
    let xml = docx_part(path, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    tree.descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Markdown and the Word text of the terugblik, exported with `extra` arguments.
fn terugblik_md_and_docx(dir: &Path, extra: &[&str]) -> (String, String) {
    let md = gavel_in_c_utf8(dir, &[&["export", MEETING][..], extra].concat());
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    let docx = dir.join("t.docx");
    let _ = std::fs::remove_file(&docx);
    let written = gavel_in_c_utf8(
        dir,
        &[&["export", MEETING, "-o", "t.docx"][..], extra].concat(),
    );
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    // The message around the document is the clerk's: English on this machine.
    if extra.is_empty() {
        assert!(
            stderr(&written).contains("gavel: written t.docx"),
            "{}",
            stderr(&written)
        );
    }
    (String::from_utf8(md.stdout).unwrap(), docx_text(&docx))
}

#[test]
fn document_language_is_the_meetings_not_the_clerks_locale() {
    let dir = chaired_meeting();
    let (md, docx) = terugblik_md_and_docx(dir.path(), &[]);
    for text in [&md, &docx] {
        for dutch in ["Toezeggingen", "uiterlijk", "De voorzitter sluit"] {
            assert!(text.contains(dutch), "{dutch:?} missing:\n{text}");
        }
        assert!(!text.contains("Commitments"), "{text}");
    }
    let brief = gavel_in_c_utf8(dir.path(), &["brief", MEETING]);
    assert!(
        String::from_utf8_lossy(&brief.stdout).starts_with("# Draaiboek voorzitter"),
        "{}",
        stderr(&brief)
    );

    // `language: en` in the meeting file: the documents are English.
    let meeting = dir.path().join(MEETING);
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, format!("language: en\n{text}")).unwrap();
    let (md, docx) = terugblik_md_and_docx(dir.path(), &[]);
    for text in [&md, &docx] {
        for english in ["Commitments", "due", "The chair closes"] {
            assert!(text.contains(english), "{english:?} missing:\n{text}");
        }
        assert!(!text.contains("Toezeggingen"), "{text}");
    }
    // --lang on the command line overrides the file.
    let (md, _) = terugblik_md_and_docx(dir.path(), &["--lang", "nl"]);
    assert!(md.contains("De voorzitter sluit"), "{md}");
}

#[test]
fn a_language_that_is_not_nl_or_en_is_located_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        "title: Raad\ndate: 2017-11-20\nlanguage: Nederlands\nitems:\n  - number: \"1\"\n    title: Opening\n",
    )
    .unwrap();
    let output = gavel(dir.path(), &["check", "m.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "m.yaml:3:11: error: unknown language \"Nederlands\"; did you mean \"nl\"?\n  help: languages: nl (Dutch, the default) or en (English)"
        ),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    let output = gavel(dir.path(), &["check", "m.yaml", "--lang", "nl"]);
    assert!(
        stderr(&output).contains(
            "m.yaml:3:11: fout: onbekende taal \"Nederlands\"; bedoelt u \"nl\"?\n  hulp: talen: nl (Nederlands, de standaard) of en (Engels)"
        ),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
}

/// The core properties of a Word file, by element name (`creator`, `created`, ...).
fn core_properties(path: &Path) -> Vec<(String, String)> {
    let xml = docx_part(path, "docProps/core.xml");
    let tree = roxmltree::Document::parse(&xml).expect("core.xml is well-formed");
    tree.root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            (
                n.tag_name().name().to_string(),
                n.text().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn word_core_properties_name_the_clerk_the_title_the_language_and_when() {
    let dir = chaired_meeting();
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let output = gavel(dir.path(), &["export", MEETING, "-o", "t.docx"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = chrono::Utc::now() + chrono::Duration::seconds(1);
    let properties = core_properties(&dir.path().join("t.docx"));
    let value = |name: &str| {
        properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} in {properties:?}"))
    };
    assert_eq!(value("creator"), "Mevr. M. Zweers");
    assert_eq!(value("lastModifiedBy"), "Mevr. M. Zweers");
    assert_eq!(
        value("title"),
        "Korte terugblik Raadsplein Info/debat TaKzaal 20 november 2017"
    );
    assert_eq!(value("language"), "nl-NL");
    for date in ["created", "modified"] {
        let at = chrono::DateTime::parse_from_rfc3339(value(date)).unwrap();
        assert!(
            before <= at && at <= after,
            "{date} {at} is when it was written"
        );
    }

    // No clerk in the meeting file: no author at all, never "unknown".
    let bare = tempfile::tempdir().unwrap();
    std::fs::write(
        bare.path().join("m.yaml"),
        "title: Raad & <Commissie>\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: Opening\n",
    )
    .unwrap();
    let output = gavel(bare.path(), &["brief", "m.yaml", "-o", "b.docx"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let properties = core_properties(&bare.path().join("b.docx"));
    assert!(
        !properties
            .iter()
            .any(|(n, v)| n == "creator" || n == "lastModifiedBy" || v == "unknown"),
        "{properties:?}"
    );
    assert!(
        properties.contains(&(
            "title".into(),
            "Draaiboek voorzitter Raad & <Commissie>".into()
        )),
        "{properties:?}"
    );
}

/// `X` during the meeting writes concept files; `E` closes the meeting and says that they still
/// say concept; the next `X` writes them final.
#[test]
fn concept_files_beside_the_meeting_are_named_at_closing_and_x_writes_them_final() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("meetings"), dir.path());
    let meeting = dir.path().join(MEETING);
    let mut console = common::pty::Pty::spawn(
        dir.path(),
        &[],
        &[meeting.to_str().unwrap(), "--lang", "en"],
        &[],
    );
    console.wait_for("Agenda");
    console.keys("jjj");
    console.keys("\r"); // item 3 is taken up: the meeting is open
    console.wait_for("▶");
    console.keys("X");
    console.wait_for("Draft terugblik: ");
    let markdown = dir
        .path()
        .join("2017-11-20-raadsplein-takzaal.terugblik.md");
    let concept = std::fs::read_to_string(&markdown).unwrap();
    assert!(
        concept.contains("**Concept: de vergadering is nog niet gesloten"),
        "{concept}"
    );

    console.keys("E");
    console.wait_for("Close the meeting at");
    console.keys("y");
    console.wait_for("the terugblik still says concept: X makes it final.");
    assert_eq!(
        std::fs::read_to_string(&markdown).unwrap(),
        concept,
        "not rewritten unasked"
    );

    console.keys("X");
    console.wait_for("Terugblik written: ");
    console.keys("q");
    assert_eq!(console.wait_exit(), 0);
    let last = std::fs::read_to_string(&markdown).unwrap();
    assert!(!last.contains("Concept"), "{last}");
    assert!(
        last.contains("De voorzitter sluit de vergadering om"),
        "{last}"
    );
    let html = std::fs::read_to_string(markdown.with_extension("html")).unwrap();
    assert!(!html.contains("Concept"), "{html}");
}

/// What `export` and `commitments` print on a terminal goes through the sanitiser: a
/// right-to-left override in a title or a commitment (YAML lets it through: it is no control
/// character) shows as an escape there, and stays as it is in a pipe or a file.
#[test]
fn every_line_printed_to_a_terminal_is_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    write_meeting(dir.path(), &|s| format!("{s} \u{202e}gnp.exe"));
    let export = |on_terminal: bool| {
        let request = gavel::export::Request {
            meeting: dir.path().join("m.yaml"),
            format: Some(gavel::export::Format::Markdown),
            output: None,
            force: false,
            document_lang: None,
            options: gavel::export::Options::default(),
            timeline: Default::default(),
            stretches: false,
            base_url: None,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = gavel::export::run(
            &request,
            gavel::i18n::Lang::En,
            &mut out,
            &mut err,
            on_terminal,
        );
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        String::from_utf8(out).unwrap()
    };
    let shown = export(true);
    assert!(
        !shown.contains('\u{202e}') && shown.contains("\\u{202e}gnp.exe"),
        "{shown}"
    );
    assert!(
        export(false).contains('\u{202e}'),
        "a pipe gets the data as it is"
    );

    use gavel::register::command::{ListFormat, ListRequest, Terminal, list};
    let request = ListRequest {
        folder: dir.path().to_path_buf(),
        filter: Default::default(),
        format: ListFormat::Table,
        output: None,
        force: false,
        document_lang: None,
        today: chrono::NaiveDate::from_ymd_opt(2017, 11, 21).unwrap(),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let terminal = Terminal {
        width: 100,
        colour: true,
    };
    let code = list(
        &request,
        gavel::i18n::Lang::En,
        Some(terminal),
        &mut out,
        &mut err,
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let table = String::from_utf8(out).unwrap();
    assert!(
        !table.contains('\u{202e}') && table.contains("\\u{202e}gnp.exe"),
        "{table}"
    );
}

/// The register's Markdown speaks the language of the meetings it lists (Dutch unless they say
/// otherwise), not the clerk's locale; `--lang` overrides; the table on a terminal is the
/// clerk's (see `every_line_printed_to_a_terminal_is_sanitised`).
#[test]
fn document_language_of_the_commitments_list_is_the_meetings() {
    let dir = tempfile::tempdir().unwrap();
    write_meeting(dir.path(), &|_| "tekst".to_string());
    let header = |args: &[&str]| {
        let output = gavel_in_c_utf8(
            dir.path(),
            &[&["commitments", ".", "--format", "md"][..], args].concat(),
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        header(&[]).starts_with("| Nummer | RIS | Toegezegd |"),
        "{}",
        header(&[])
    );
    let meeting = dir.path().join("m.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, format!("language: EN\n{text}")).unwrap();
    assert!(
        header(&[]).starts_with("| Id | RIS | Made |"),
        "{}",
        header(&[])
    );
    assert!(header(&["--lang", "nl"]).starts_with("| Nummer |"));
}

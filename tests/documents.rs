//! What `export`, `brief` and `commitments` write for publication (issue 21): Markdown that no
//! hostile text can turn into markup, files that are not overwritten unasked, documents in the
//! meeting's language, and Word properties that say who wrote the document and when.

mod common;

use std::path::Path;

use common::{gavel, stderr};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// The lines of a hostile agenda text: each would start an element of its own in Markdown.
const HOSTILE_LINES: [&str; 14] = [
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
];

/// A closed meeting with one item, its minutes, a conclusion and a commitment, every text
/// from `text` (the hostile string, or a plain word in its place).
fn write_meeting(dir: &Path, text: &dyn Fn(&str) -> String) {
    let quoted = |s: &str| format!("{:?}", text(s));
    let lines = |indent: &str| {
        HOSTILE_LINES
            .iter()
            .map(|line| format!("{indent}{}", text(line)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let title = quoted("Raad <script>alert(1)</script> *x*");
    let item = quoted("Punt | <b>vet</b> `code`");
    let meeting = format!(
        "title: {title}\ndate: 2017-11-20\nstart: \"19:30\"\nend: \"22:30\"\n\
         chair: {}\nclerk: {}\nitems:\n  - number: \"1\"\n    title: {item}\n\
         \x20   start: \"19:30\"\n    end: \"20:00\"\n    kind: debate\n\
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
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Start(tag) => Some(match tag {
                Tag::Heading { level, .. } => format!("heading {level:?}"),
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
            Event::TaskListMarker(_) | Event::FootnoteReference(_) => {
                Some(format!("UNASKED {event:?}"))
            }
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

//! The register as a table on a terminal (aligned, wrapped to the width, overdue in red and
//! marked with a sign), and as csv, Markdown and json for files.

use serde_json::json;

use super::{Conflict, Entry, Register, Status};
use crate::i18n::{Lang, Msg};

/// Words for a status, with the sign that marks it without colour.
pub fn status_text(status: Status, lang: Lang) -> String {
    match status {
        Status::Open => Msg::RegisterOpen.text(lang).to_string(),
        Status::Overdue => format!("! {}", Msg::RegisterOverdue.text(lang)),
        Status::Done => format!("✓ {}", Msg::RegisterDone.text(lang)),
    }
}

/// How it was settled: "2021-09-22: afgedaan met informatienota (in 2021-09-27-raadsplein.yaml)".
fn settlement(entry: &Entry) -> String {
    let Some(settled) = entry
        .settled
        .as_ref()
        .filter(|_| entry.status == Status::Done)
    else {
        return String::new();
    };
    let mut text = settled.date.map(|d| d.to_string()).unwrap_or_default();
    if let Some(how) = &settled.how {
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(how);
    }
    if let Some(meeting) = &settled.meeting {
        text.push_str(&format!(" ({meeting})"));
    }
    text
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The columns of every format, in order.
fn row(entry: &Entry, lang: Lang) -> [String; 10] {
    let c = &entry.commitment;
    [
        c.id.clone(),
        entry.ris_number().unwrap_or_default().to_string(),
        entry.source.meeting_date.to_string(),
        format!("{} {}", entry.source.item_number, entry.source.item_title),
        c.by.clone(),
        one_line(&c.text),
        c.due.map(|d| d.to_string()).unwrap_or_default(),
        status_text(entry.status, lang),
        settlement(entry),
        entry.source.minutes_file.display().to_string(),
    ]
}

const CSV_HEADER: [&str; 10] = [
    "id",
    "ris_number",
    "meeting_date",
    "item",
    "by",
    "text",
    "due",
    "status",
    "settled",
    "minutes_file",
];

pub fn csv(entries: &[&Entry], lang: Lang) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for entry in entries {
        let mut fields = row(entry, lang);
        // Data, not display: the status as a plain word.
        fields[7] = match entry.status {
            Status::Open => "open",
            Status::Overdue => "overdue",
            Status::Done => "done",
        }
        .into();
        // A RIS number `=1+1` or a name from a hostile file stays text in a spreadsheet.
        writer.write_record(
            fields
                .iter()
                .map(|f| crate::sanitize::for_spreadsheet(f).into_owned()),
        )?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn markdown(entries: &[&Entry], lang: Lang) -> String {
    let headers = [
        Msg::RegisterColId,
        Msg::RegisterColRis,
        Msg::RegisterColMade,
        Msg::RegisterColItem,
        Msg::RegisterColBy,
        Msg::RegisterColText,
        Msg::RegisterColDue,
        Msg::RegisterColStatus,
        Msg::RegisterColSettled,
    ];
    // A cell is one line, and nothing in it is markup: not `|`, a line break nor raw HTML.
    let cell = |text: &str| crate::sanitize::for_markdown_line(text);
    let mut out = format!(
        "| {} |\n|{}\n",
        headers.map(|h| h.text(lang)).join(" | "),
        " --- |".repeat(headers.len())
    );
    for entry in entries {
        let fields = row(entry, lang);
        let cells: Vec<String> = fields[..9].iter().map(|f| cell(f)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

pub fn json(entries: &[&Entry], register: &Register) -> serde_json::Value {
    let commitments: Vec<serde_json::Value> = entries
        .iter()
        .map(|entry| {
            let c = &entry.commitment;
            let settled = entry.settled.as_ref();
            json!({
                "id": c.id,
                "ris_number": entry.ris_number(),
                "meeting_date": entry.source.meeting_date.to_string(),
                "meeting": entry.source.meeting_title,
                "minutes_file": entry.source.minutes_file.display().to_string(),
                "item": entry.source.item_number,
                "item_title": entry.source.item_title,
                "by": c.by,
                "text": c.text,
                "due": c.due.map(|d| d.to_string()),
                "status": match entry.status {
                    Status::Open => "open",
                    Status::Overdue => "overdue",
                    Status::Done => "done",
                },
                "settled_on": settled.and_then(|s| s.date).map(|d| d.to_string()),
                "how": settled.and_then(|s| s.how.clone()),
                "settled_in": settled.and_then(|s| s.meeting.clone()),
            })
        })
        .collect();
    let conflicts: Vec<serde_json::Value> = register
        .conflicts
        .iter()
        .map(|conflict| match conflict {
            Conflict::DuplicateId { id, places } => json!({
                "id": id,
                "kind": "duplicate_id",
                "places": places.iter().map(|p| json!({
                    "minutes_file": p.minutes_file.display().to_string(),
                    "item": p.item_number,
                })).collect::<Vec<_>>(),
            }),
            Conflict::Orphan { id } => json!({"id": id, "kind": "no_such_commitment"}),
        })
        .collect();
    json!({ "commitments": commitments, "conflicts": conflicts })
}

/// The table for a terminal `width` columns wide: fixed columns sized to their content, the
/// text column takes the rest and wraps. `colour` marks overdue rows red (besides their sign).
pub fn table(entries: &[&Entry], lang: Lang, width: usize, colour: bool) -> String {
    let headers = [
        Msg::RegisterColStatus,
        Msg::RegisterColId,
        Msg::RegisterColMade,
        Msg::RegisterColItem,
        Msg::RegisterColBy,
        Msg::RegisterColDue,
        Msg::RegisterColText,
    ]
    .map(|m| m.text(lang).to_string());
    let rows: Vec<[String; 7]> = entries
        .iter()
        .map(|entry| {
            let f = row(entry, lang);
            let mut text = f[5].clone();
            if let Some(ris) = entry.ris_number() {
                text = format!("[{ris}] {text}");
            }
            let settled = &f[8];
            if !settled.is_empty() {
                text.push_str(&format!(" → {settled}"));
            }
            // For a terminal: a control or bidirectional character from a file shows as an
            // escape, and cannot reorder the row or recolour the screen.
            [
                &f[7],
                &f[0],
                &f[2],
                &entry.source.item_number,
                &f[4],
                &f[6],
                &text,
            ]
            .map(|cell| crate::sanitize::for_terminal(cell).into_owned())
        })
        .collect();
    let columns = |i: usize| {
        rows.iter()
            .map(|r| textwrap::core::display_width(&r[i]))
            .chain(std::iter::once(textwrap::core::display_width(&headers[i])))
            .max()
            .unwrap_or(0)
    };
    // "By" may take a third of the width at most; it wraps like the text when longer.
    let mut widths: Vec<usize> = (0..6).map(columns).collect();
    widths[4] = widths[4].min(width / 5).max(8);
    let fixed: usize = widths.iter().sum::<usize>() + 2 * 6;
    let text_width = width.saturating_sub(fixed).max(20);
    widths.push(text_width);

    let mut out = String::new();
    let line = |cells: &[Vec<String>], out: &mut String, red: bool| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for n in 0..height {
            let mut text = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let part = cell.get(n).map(String::as_str).unwrap_or("");
                if i + 1 == cells.len() {
                    text.push_str(part);
                } else {
                    let pad = widths[i].saturating_sub(textwrap::core::display_width(part));
                    text.push_str(part);
                    text.push_str(&" ".repeat(pad + 2));
                }
            }
            let text = text.trim_end();
            if red {
                out.push_str(&format!("\x1b[31m{text}\x1b[0m\n"));
            } else {
                out.push_str(text);
                out.push('\n');
            }
        }
    };
    let header_cells: Vec<Vec<String>> = headers.iter().map(|h| vec![h.clone()]).collect();
    line(&header_cells, &mut out, false);
    for (entry, fields) in entries.iter().zip(&rows) {
        let cells: Vec<Vec<String>> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if i == 4 || i == 6 {
                    // Spaces are the break points: "wsw-wachtlijst" stays one word.
                    let options = textwrap::Options::new(widths[i].max(1))
                        .word_separator(textwrap::WordSeparator::AsciiSpace)
                        .word_splitter(textwrap::WordSplitter::NoHyphenation);
                    textwrap::wrap(f, options)
                        .into_iter()
                        .map(|l| l.into_owned())
                        .collect()
                } else {
                    vec![f.clone()]
                }
            })
            .collect();
        line(&cells, &mut out, colour && entry.status == Status::Overdue);
    }
    out
}

/// The conflicts, one line each, for a terminal or stderr.
pub fn conflict_lines(register: &Register, lang: Lang) -> Vec<String> {
    register
        .conflicts
        .iter()
        .map(|conflict| match conflict {
            Conflict::DuplicateId { id, places } => {
                let places: Vec<String> = places
                    .iter()
                    .map(|p| {
                        Msg::RegisterPlace.fill(lang, &[&p.minutes_file.display(), &p.item_number])
                    })
                    .collect();
                Msg::RegisterDuplicate.fill(lang, &[id, &places.join(", ")])
            }
            Conflict::Orphan { id } => Msg::RegisterOrphan.fill(lang, &[id]),
        })
        .collect()
}

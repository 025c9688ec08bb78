//! The imported meeting as YAML text written by hand, so that every guess and every passage not
//! placed can stand as a comment beside its item (serde cannot write comments). Each scalar is
//! serialised by serde_yaml, so its quoting is always right; text of several lines is a block.

use std::fmt::Write;

use super::parse::{Guess, Import, Note, NoteAt, Passage};
use crate::domain::meeting::{Informant, ItemKind, Slot};
use crate::i18n::{Lang, Msg};

/// The meeting file's text. `source` names the pack in the first comment.
pub fn meeting_yaml(import: &Import, source: &str, style: &str, lang: Lang) -> String {
    let meeting = &import.meeting;
    let mut out = String::new();
    line(
        &mut out,
        0,
        &comment(&Msg::ImportedFrom.fill(lang, &[&source, &style])),
    );
    line(&mut out, 0, &comment(Msg::ImportCheckMarked.text(lang)));
    for skipped in &import.skipped {
        line(
            &mut out,
            0,
            &comment(&Msg::ImportSkippedReport.fill(lang, &[&skipped.first, &skipped.last])),
        );
    }
    for passage in import.unplaced.iter().filter(|p| p.item.is_none()) {
        not_placed(&mut out, 0, lang, passage);
    }
    notes(&mut out, 0, lang, import, NoteAt::Top);
    let guesses = |item: Option<usize>, field: &str| -> Vec<&Guess> {
        import
            .guesses
            .iter()
            .filter(|g| g.item == item && g.field == field)
            .collect()
    };
    if meeting.title.is_empty() {
        line(
            &mut out,
            0,
            &comment(&Msg::ImportNotFound.fill(lang, &[&"title"])),
        );
    } else {
        guessed(&mut out, 0, lang, &guesses(None, "title"));
        field(&mut out, 0, "title", &meeting.title);
    }
    if meeting.date == chrono::NaiveDate::default() {
        line(
            &mut out,
            0,
            &comment(&Msg::ImportNotFound.fill(lang, &[&"date"])),
        );
    } else {
        line(
            &mut out,
            0,
            &format!("date: {}", meeting.date.format("%Y-%m-%d")),
        );
    }
    if let Some(start) = meeting.start {
        guessed(&mut out, 0, lang, &guesses(None, "start"));
        time(&mut out, 0, "start", start);
    }
    if let Some(end) = meeting.end {
        guessed(&mut out, 0, lang, &guesses(None, "end"));
        time(&mut out, 0, "end", end);
    }
    for (key, value) in [
        ("location", &meeting.location),
        ("body", &meeting.body),
        ("chair", &meeting.chair),
        ("clerk", &meeting.clerk),
    ] {
        if let Some(value) = value {
            guessed(&mut out, 0, lang, &guesses(None, key));
            field(&mut out, 0, key, value);
        }
    }
    if !meeting.factions.is_empty() {
        guessed(&mut out, 0, lang, &guesses(None, "factions"));
        line(&mut out, 0, "factions:");
        for faction in &meeting.factions {
            line(&mut out, 2, &format!("- {}", scalar(&faction.name)));
        }
    }
    line(&mut out, 0, "items:");
    for (n, item) in meeting.items.iter().enumerate() {
        let at = Some(n);
        notes(&mut out, 2, lang, import, NoteAt::BeforeItem(n));
        guessed(&mut out, 2, lang, &guesses(at, "number"));
        line(&mut out, 2, &format!("- number: {}", quoted(&item.number)));
        guessed(&mut out, 4, lang, &guesses(at, "title"));
        field(&mut out, 4, "title", &item.title);
        match item.slot {
            Slot::Range { start, end } => {
                time(&mut out, 4, "start", start);
                time(&mut out, 4, "end", end);
            }
            Slot::StartOnly { start } => time(&mut out, 4, "start", start),
            Slot::Length { seconds } => line(&mut out, 4, &format!("duration: {}s", seconds)),
            Slot::Unplanned => {}
        }
        if item.kind != ItemKind::Item {
            guessed(&mut out, 4, lang, &guesses(at, "kind"));
            let name = ItemKind::ALL
                .iter()
                .find(|(_, kind)| *kind == item.kind)
                .map_or("item", |(name, _)| name);
            line(&mut out, 4, &format!("kind: {name}"));
        }
        match item.portfolio_holders.as_slice() {
            [] => {}
            [one] => field(&mut out, 4, "portfolio_holder", one),
            many => list(&mut out, 4, "portfolio_holder", many),
        }
        if !item.informants.is_empty() {
            line(&mut out, 4, "informants:");
            for (i, informant) in item.informants.iter().enumerate() {
                let notes: Vec<&Guess> = import
                    .guesses
                    .iter()
                    .filter(|g| g.item == at && g.field.starts_with(&format!("informants[{i}]")))
                    .collect();
                guessed(&mut out, 6, lang, &notes);
                informant_entry(&mut out, informant);
            }
        }
        if !item.co_authors.is_empty() {
            list(&mut out, 4, "co_authors", &item.co_authors);
        }
        if let Some(department) = &item.department {
            field(&mut out, 4, "department", department);
        }
        if !item.requested_by.is_empty() {
            list(&mut out, 4, "requested_by", &item.requested_by);
        }
        for (key, value) in [
            ("summary", &item.summary),
            ("debate_question", &item.debate_question),
            ("proposed_decision", &item.proposed_decision),
        ] {
            if let Some(value) = value {
                // A text of several lines as a `|` block, as the griffie writes it by hand.
                let value = if value.contains('\n') && !value.ends_with('\n') {
                    format!("{value}\n")
                } else {
                    value.clone()
                };
                field(&mut out, 4, key, &value);
            }
        }
        if !item.attachments.is_empty() {
            line(&mut out, 4, "attachments:");
            for (a, attachment) in item.attachments.iter().enumerate() {
                let notes: Vec<&Guess> = import
                    .guesses
                    .iter()
                    .filter(|g| {
                        g.item == at
                            && (g.field == format!("attachments[{a}]")
                                || g.field.starts_with(&format!("attachments[{a}].")))
                    })
                    .collect();
                guessed(&mut out, 6, lang, &notes);
                self::notes(&mut out, 6, lang, import, NoteAt::Attachment(n, a));
                line(
                    &mut out,
                    6,
                    &format!("- title: {}", scalar(&attachment.title)),
                );
                if let Some(kind) = &attachment.kind {
                    field(&mut out, 8, "kind", kind);
                }
                if let Some(file) = &attachment.file {
                    field(&mut out, 8, "file", file);
                }
            }
        }
        for passage in import.unplaced.iter().filter(|p| p.item == at) {
            not_placed(&mut out, 4, lang, passage);
        }
        notes(&mut out, 4, lang, import, NoteAt::Item(n));
    }
    out
}

/// The notes that stand at `at`, one comment line per line of their text.
fn notes(out: &mut String, indent: usize, lang: Lang, import: &Import, at: NoteAt) {
    for Note { why, args, .. } in import.notes.iter().filter(|note| note.at == at) {
        let args: Vec<&dyn std::fmt::Display> =
            args.iter().map(|a| a as &dyn std::fmt::Display).collect();
        for text in why.fill(lang, &args).lines() {
            line(out, indent, &comment(text));
        }
    }
}

fn informant_entry(out: &mut String, informant: &Informant) {
    line(out, 6, &format!("- name: {}", scalar(&informant.name)));
    for (key, value) in [
        ("phone", &informant.phone),
        ("email", &informant.email),
        ("role", &informant.role),
    ] {
        if let Some(value) = value {
            field(out, 8, key, value);
        }
    }
}

fn line(out: &mut String, indent: usize, text: &str) {
    let _ = writeln!(out, "{:indent$}{text}", "");
}

/// `# guessed: why`, one line per guess.
fn guessed(out: &mut String, indent: usize, lang: Lang, guesses: &[&Guess]) {
    for guess in guesses {
        let args: Vec<&dyn std::fmt::Display> = guess
            .args
            .iter()
            .map(|a| a as &dyn std::fmt::Display)
            .collect();
        line(
            out,
            indent,
            &comment(&Msg::ImportGuessed.fill(lang, &[&guess.why.fill(lang, &args)])),
        );
    }
}

/// The passage's lines as comments, so nothing of the pack is lost.
fn not_placed(out: &mut String, indent: usize, lang: Lang, passage: &Passage) {
    line(
        out,
        indent,
        &comment(&Msg::ImportNotPlacedComment.fill(lang, &[&passage.first, &passage.last])),
    );
    for text in passage.text.lines() {
        line(out, indent, &comment(&format!("  {}", text.trim_end())));
    }
}

/// A comment line: `#` and the text with control characters made visible as spaces.
fn comment(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.trim_end();
    if text.is_empty() {
        "#".to_string()
    } else {
        format!("# {text}")
    }
}

/// `key: value`, as a block scalar when the value has several lines.
fn field(out: &mut String, indent: usize, key: &str, value: &str) {
    if value.contains('\n') && block_safe(value) {
        let chomp = if value.ends_with('\n') { "|" } else { "|-" };
        line(out, indent, &format!("{key}: {chomp}"));
        for text in value.trim_end_matches('\n').lines() {
            if text.is_empty() {
                out.push('\n');
            } else {
                line(out, indent + 2, text);
            }
        }
    } else {
        line(out, indent, &format!("{key}: {}", scalar(value)));
    }
}

/// A block scalar keeps its text as is when no line starts with a space and nothing would be
/// read differently (tabs, carriage returns, trailing spaces).
fn block_safe(value: &str) -> bool {
    value.lines().all(|l| {
        !l.starts_with([' ', '\t']) && !l.ends_with([' ', '\t']) && !l.contains(['\r', '\u{feff}'])
    }) && !value.trim_end_matches('\n').ends_with('\n')
        && !value.starts_with('\n')
}

fn list(out: &mut String, indent: usize, key: &str, values: &[String]) {
    line(out, indent, &format!("{key}:"));
    for value in values {
        line(out, indent + 2, &format!("- {}", scalar(value)));
    }
}

/// A clock time, always quoted: `"19:30"` (YAML 1.1 readers would take 19:30 for a number).
fn time(out: &mut String, indent: usize, key: &str, time: chrono::NaiveTime) {
    line(out, indent, &format!("{key}: \"{}\"", time.format("%H:%M")));
}

/// Always double-quoted: an item number is a string even when it looks like a number.
fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// One value in YAML's own quoting, on one line.
pub fn scalar(value: &str) -> String {
    if value.contains('\n') {
        // serde would write a block here: a double-quoted string stays on one line.
        return serde_json::to_string(value).unwrap_or_default();
    }
    let text = serde_yaml::to_string(value).unwrap_or_default();
    text.trim_end_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_where_yaml_needs_it() {
        assert_eq!(scalar("Debatronde"), "Debatronde");
        for tricky in ["3", "19:30", "yes", "a: b", "# x", "'quoted'", "- dash", ""] {
            let text = format!("v: {}\n", scalar(tricky));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&text).unwrap();
            assert_eq!(back["v"], tricky, "{text}");
        }
    }

    #[test]
    fn several_lines_are_a_block_that_reads_back_the_same() {
        let mut out = String::from("v:\n");
        field(&mut out, 2, "text", "eerste regel\n\ntweede: regel\n");
        field(&mut out, 2, "lead", " begint met een spatie\nen meer");
        let back: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
            serde_yaml::from_str(&out).unwrap();
        assert_eq!(
            back["v"]["text"], "eerste regel\n\ntweede: regel\n",
            "{out}"
        );
        assert_eq!(
            back["v"]["lead"], " begint met een spatie\nen meer",
            "{out}"
        );
    }
}

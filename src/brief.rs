//! `gavel brief`: the chair's run sheet, for preparing and for the table in front of them. Per
//! agenda item, on a page of its own: when, what kind, who answers, whom to ask, who asked for it,
//! the debate question and the proposed decision, the attachments, the speaking time, the chair's
//! own notes, and the commitments that the portfolio holder still owes from earlier meetings.
//! Built as an export `Document`, so it prints as Markdown, HTML or Word like the terugblik.

use std::io::Write;
use std::path::PathBuf;

use crate::domain::meeting::{Item, Meeting, format_seconds};
use crate::domain::minutes::{Commitment, Minutes};
use crate::domain::text::document_paragraphs;
use crate::export::document::{Block, Document, Section};
use crate::export::terugblik::{header_fields, item_heading};
use crate::export::{Format, render_document, write_out};
use crate::i18n::{Lang, Msg, kind_text, translate};
use crate::register::{Register, Status, scan};
use crate::sanitize::say;
use crate::search::fold::fold_str;

/// A commitment made in an earlier meeting, with where it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierCommitment {
    pub meeting_title: String,
    pub date: chrono::NaiveDate,
    pub item: String,
    pub commitment: Commitment,
}

/// Whether a commitment's maker is this portfolio holder: the same name with case and accents
/// ignored, or one name's words all in the other ("Meijerink" and "Wethouder Meijerink").
pub fn same_person(a: &str, b: &str) -> bool {
    let words = |name: &str| -> Vec<String> {
        fold_str(name)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let within = |small: &[String], large: &[String]| small.iter().all(|w| large.contains(w));
    within(&a, &b) || within(&b, &a)
}

/// The commitments of meetings before `meeting`'s date that the register does not list as
/// settled, oldest first.
pub fn earlier_commitments(meeting: &Meeting, register: &Register) -> Vec<EarlierCommitment> {
    let mut found: Vec<EarlierCommitment> = register
        .entries
        .iter()
        .filter(|e| e.source.meeting_date < meeting.date && e.status != Status::Done)
        .map(|e| EarlierCommitment {
            meeting_title: e.source.meeting_title.clone(),
            date: e.source.meeting_date,
            item: e.source.item_number.clone(),
            commitment: e.commitment.clone(),
        })
        .collect();
    found.sort_by(|a, b| (a.date, &a.commitment.id).cmp(&(b.date, &b.commitment.id)));
    found
}

/// The run sheet of a meeting: `minutes` are its own (for the chair's notes), `earlier` the
/// commitments of earlier meetings.
pub fn brief(
    meeting: &Meeting,
    minutes: &Minutes,
    earlier: &[EarlierCommitment],
    lang: Lang,
) -> Document {
    Document {
        lang: lang.tag(),
        title: Msg::BriefTitle.fill(lang, &[&meeting.title]),
        notice: None,
        fields: header_fields(meeting, lang),
        sections: meeting
            .items
            .iter()
            .map(|item| item_page(meeting, item, minutes, earlier, lang))
            .collect(),
        author: meeting.clerk.clone(),
        written_at: None,
    }
}

fn item_page(
    meeting: &Meeting,
    item: &Item,
    minutes: &Minutes,
    earlier: &[EarlierCommitment],
    lang: Lang,
) -> Section {
    let mut fields = vec![(
        Msg::BriefKind.text(lang).to_string(),
        lang_word(kind_text(item.kind), lang),
    )];
    let mut field = |label: Msg, value: String| {
        if !value.is_empty() {
            fields.push((label.text(lang).to_string(), value));
        }
    };
    field(Msg::PortfolioHolder, item.portfolio_holders.join(", "));
    field(Msg::RequestedBy, item.requested_by.join(", "));
    field(Msg::Department, item.department.clone().unwrap_or_default());
    field(Msg::CoAuthors, item.co_authors.join(", "));
    field(
        Msg::SpeakingTime,
        item.speaking_time
            .or(meeting.speaking_time)
            .map(|s| format_seconds(i64::from(s)))
            .unwrap_or_default(),
    );
    let mut blocks = vec![Block::Fields(fields)];
    let mut titled = |title: Msg, content: Vec<Block>| {
        if !content.is_empty() {
            blocks.push(Block::Subheading(title.text(lang).to_string()));
            blocks.extend(content);
        }
    };
    let paragraphs = |text: &Option<String>| -> Vec<Block> {
        text.iter()
            .flat_map(|t| document_paragraphs(t))
            .map(Block::Paragraph)
            .collect()
    };
    let informants: Vec<String> = item
        .informants
        .iter()
        .map(|informant| {
            let mut parts = vec![informant.name.clone()];
            if let Some(phone) = &informant.phone {
                parts.push(format!("{} {phone}", Msg::Phone.text(lang)));
            }
            parts.extend(informant.email.clone());
            parts.extend(informant.role.clone());
            parts.join(" · ")
        })
        .collect();
    titled(Msg::Informants, list(informants));
    titled(Msg::DebateQuestion, paragraphs(&item.debate_question));
    titled(Msg::ProposedDecision, paragraphs(&item.proposed_decision));
    let attachments: Vec<String> = item
        .attachments
        .iter()
        .map(|a| {
            let mut text = a.title.clone();
            if let Some(kind) = &a.kind {
                text.push_str(&format!(" [{kind}]"));
            }
            if let Some(file) = &a.file {
                text.push_str(&format!(" ({file})"));
            }
            text
        })
        .collect();
    titled(Msg::Attachments, list(attachments));
    let notes = minutes
        .item(&item.number)
        .and_then(|record| record.notes.clone());
    titled(Msg::DocNotes, paragraphs(&notes));
    for holder in &item.portfolio_holders {
        let owed: Vec<String> = earlier
            .iter()
            .filter(|e| same_person(&e.commitment.by, holder))
            .map(|e| {
                let text = document_paragraphs(&e.commitment.text).join(" ");
                let made = Msg::BriefMadeIn
                    .fill(lang, &[&lang.long_date(e.date), &e.item, &e.meeting_title]);
                match e.commitment.due {
                    Some(due) => Msg::BriefOwedDue.fill(
                        lang,
                        &[&e.commitment.id, &made, &lang.long_date(due), &text],
                    ),
                    None => Msg::BriefOwed.fill(lang, &[&e.commitment.id, &made, &text]),
                }
            })
            .collect();
        if !owed.is_empty() {
            blocks.push(Block::Subheading(
                Msg::BriefOpenCommitments.fill(lang, &[holder]),
            ));
            blocks.push(Block::List(owed));
        }
    }
    Section {
        heading: item_heading(item, lang),
        blocks,
        new_page: true,
    }
}

fn list(items: Vec<String>) -> Vec<Block> {
    if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::List(items)]
    }
}

/// A catalogue word with a capital, as a field value.
fn lang_word(msg: Msg, lang: Lang) -> String {
    let text = msg.text(lang);
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What `gavel brief` makes, and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub meeting: PathBuf,
    /// As asked for; else from the extension of `output`; else Markdown.
    pub format: Option<Format>,
    /// `None`: standard output.
    pub output: Option<PathBuf>,
    /// Write over an existing `output` file.
    pub force: bool,
    /// The run sheet's language when `--lang` asks for one; else the meeting's own.
    pub document_lang: Option<Lang>,
}

/// Runs `gavel brief`; returns the exit code.
pub fn run(
    request: &Request,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
    out_is_terminal: bool,
) -> i32 {
    let meeting_path = request.meeting.as_path();
    let output = request.output.as_deref();
    let sources = match crate::export::load_sources(meeting_path) {
        Ok(sources) => sources,
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                say(err, &diagnostic.in_language(lang));
            }
            return 1;
        }
    };
    // Earlier meetings: the register of the meeting's folder (every minutes file under it, and
    // what was settled). A minutes file that does not load is named and passed over.
    let folder = match meeting_path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let register = match scan(&folder, chrono::Local::now().date_naive()) {
        Ok(register) => register,
        Err(diagnostic) => {
            say(err, &diagnostic.in_language(lang));
            return 1;
        }
    };
    for diagnostic in &register.unreadable {
        say(err, &diagnostic.in_language(lang));
        if diagnostic.severity == crate::store::diagnostic::Severity::Error {
            say(
                err,
                &Msg::BriefSkipped.fill(lang, &[&diagnostic.path.display()]),
            );
        }
    }
    let earlier = earlier_commitments(&sources.meeting, &register);
    let document_lang = request
        .document_lang
        .unwrap_or_else(|| sources.meeting.document_lang());
    let document = brief(&sources.meeting, &sources.minutes, &earlier, document_lang);
    let format = request
        .format
        .or_else(|| output.and_then(Format::for_path))
        .unwrap_or(Format::Markdown);
    if format.is_binary() && output.is_none() && out_is_terminal {
        say(
            err,
            &Msg::ExportNeedsOutput.fill(lang, &[&format.extension()]),
        );
        return 2;
    }
    let document = Document {
        written_at: Some(chrono::Utc::now()),
        ..document
    };
    match render_document(&document, format) {
        Ok(bytes) => write_out(
            &bytes,
            output,
            request.force,
            out_is_terminal,
            lang,
            out,
            err,
        ),
        Err(error) => {
            say(err, &format!("gavel: {}", translate(&error, lang)));
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_portfolio_holder_is_found_by_part_of_the_name() {
        assert!(same_person("Wethouder Meijerink", "Meijerink"));
        assert!(same_person("meijerink", "Wethouder Meijerink"));
        assert!(same_person("Nelleke Vedelaar", "nelleke vedelaar"));
        assert!(!same_person("Wethouder Meijerink", "Nelleke Vedelaar"));
        assert!(!same_person("", "Meijerink"));
    }
}

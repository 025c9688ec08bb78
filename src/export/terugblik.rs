//! The korte terugblik (short minutes) as the griffie publishes it: the header of the meeting,
//! then every agenda item with its slot, its agenda text and what happened as the record says it,
//! in the order it was made: the debate, the portfolio holder's reply, the commitments, the votes,
//! the chair's finding; the commitments' numbers at the end of the item. Built from the meeting
//! file and the minutes alone; every fixed sentence comes from the catalogue.

use super::document::{Block, Document, Section};
use crate::domain::decision::{Method, Result as VoteResult, Side, Vote, percent_for, present_at};
use crate::domain::meeting::{Item, ItemKind, Meeting, Slot};
use crate::domain::minutes::{ItemMinutes, Minutes, Status, Timestamp};
use crate::domain::text::document_paragraphs;
use crate::i18n::{Lang, Msg};
use crate::search::fold::fold_str;

/// What goes into the document beyond the record itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub lang: Lang,
    /// The chair's private notes, left out unless asked for.
    pub with_notes: bool,
    /// Informants' phone numbers and e-mail addresses, left out of what is published unless
    /// asked for (`--with-contacts`).
    pub with_contacts: bool,
}

/// Where an agenda text turns to whom to ask (Zwolle's "Voor technische en feitelijke vragen:
/// Peter van Drielen (4063) p.van.drielen@zwolle.nl"): the published text stops there. Data,
/// one phrase per council style; compared without regard to case.
const CONTACT_PASSAGES: &[&str] = &[
    "voor technische en feitelijke vragen",
    "voor technische vragen",
    "voor vragen kunt u contact opnemen",
    "for technical questions",
];

/// An agenda text as it may be published: cut before its contact passage, and any e-mail
/// address or phone number left in it taken out.
pub(crate) fn published(text: &str, with_contacts: bool) -> String {
    if with_contacts {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let cut = CONTACT_PASSAGES
        .iter()
        .filter_map(|phrase| lower.find(phrase))
        .min()
        // Lowercasing can change byte lengths; cut only where the original has a boundary.
        .filter(|&at| text.is_char_boundary(at))
        .unwrap_or(text.len());
    let text = &text[..cut];
    static CONTACT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?x)
            [\w.+-]+@[\w-]+(\.[\w-]+)+          # an e-mail address
            | \(\s*0?\d{2,4}\s*\)               # (4063), (038)
            | \+?\d[\d\s-]{7,}\d               # 038-4982071, 06 12345678, +31 38 498 2071
            ",
        )
        .expect("the contact pattern compiles")
    });
    let text = CONTACT.replace_all(text, "");
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

/// The korte terugblik of a meeting.
pub fn terugblik(meeting: &Meeting, minutes: &Minutes, options: Options) -> Document {
    let lang = options.lang;
    Document {
        lang: lang.tag(),
        // "Korte terugblik Raadsplein info-debat Takzaal 20 november 2017", as the griffie heads it.
        title: Msg::DocTerugblikTitle.fill(lang, &[&meeting.title, &lang.long_date(meeting.date)]),
        notice: minutes
            .closed_at
            .is_none()
            .then(|| Msg::DocDraft.text(lang).to_string()),
        fields: header_fields(meeting, lang),
        sections: meeting
            .items
            .iter()
            .map(|item| item_section(meeting, item, minutes.item(&item.number), minutes, options))
            .collect(),
        author: meeting.clerk.clone(),
        written_at: None,
    }
}

/// "Vergadering d.d. 20 november 2017", location, planned start and end, chair and clerk: what
/// the meeting file states.
pub fn header_fields(meeting: &Meeting, lang: Lang) -> Vec<(String, String)> {
    let mut fields = vec![(
        Msg::DocMeetingOf.text(lang).to_string(),
        lang.long_date(meeting.date),
    )];
    let mut field = |label: Msg, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            fields.push((label.text(lang).to_string(), value));
        }
    };
    field(Msg::DocBody, meeting.body.clone());
    field(Msg::DocLocation, meeting.location.clone());
    field(Msg::DocStart, meeting.start.map(|t| lang.clock(t)));
    field(Msg::DocEnd, meeting.end.map(|t| lang.clock(t)));
    field(Msg::DocChair, meeting.chair.clone());
    field(Msg::DocClerk, meeting.clerk.clone());
    fields
}

/// "3. Rekenkameronderzoek Inclusief Beleid (19.35 – 21.00 uur)": the number as the council
/// writes it (with a full stop), the title and the planned slot.
pub fn item_heading(item: &Item, lang: Lang) -> String {
    let number = if item.number.ends_with('.') {
        item.number.clone()
    } else {
        format!("{}.", item.number)
    };
    let slot = match item.slot {
        Slot::Range { start, end } => {
            Some(Msg::DocSlotRange.fill(lang, &[&lang.clock(start), &lang.clock(end)]))
        }
        Slot::StartOnly { start } => Some(Msg::DocSlotStart.fill(lang, &[&lang.clock(start)])),
        Slot::Length { seconds } => Some(Msg::DocSlotLength.fill(lang, &[&(seconds / 60)])),
        Slot::Unplanned => None,
    };
    match slot {
        Some(slot) => format!("{number} {} {slot}", item.title),
        None => format!("{number} {}", item.title),
    }
}

/// Whether an item is the adoption of the agenda ("Vaststelling van de agenda").
fn is_agenda_item(item: &Item) -> bool {
    matches!(item.kind, ItemKind::Procedural | ItemKind::Item)
        && fold_str(&item.title).contains("agenda")
}

/// One thing recorded on an item, to be written in the order it was made.
enum Recorded<'a> {
    Passage(&'a str),
    Commitment(&'a str),
    Vote(&'a Vote),
}

/// The commitments made one after the other, as one paragraph of prose.
fn flush_commitments(blocks: &mut Vec<Block>, promised: &mut Vec<String>) {
    if !promised.is_empty() {
        blocks.push(Block::Paragraph(promised.join(" ")));
        promised.clear();
    }
}

fn item_section(
    meeting: &Meeting,
    item: &Item,
    record: Option<&ItemMinutes>,
    minutes: &Minutes,
    options: Options,
) -> Section {
    let lang = options.lang;
    let mut blocks = Vec::new();
    let paragraphs = |text: &str| document_paragraphs(text).into_iter().map(Block::Paragraph);
    if let Some(summary) = &item.summary {
        blocks.extend(paragraphs(&published(summary, options.with_contacts)));
    }
    let conclusions = record.map_or(&[][..], |r| &r.conclusions[..]);
    let commitments = record.map_or(&[][..], |r| &r.commitments[..]);
    let status = record.map_or(Status::Pending, |r| r.status);
    let opened = minutes.opened_at.is_some();
    let recorded = !conclusions.is_empty() || !commitments.is_empty();

    if !recorded {
        // The standard sentence of its kind, where there is one.
        let standard = match item.kind {
            ItemKind::Opening if opened => Some(Msg::DocOpens),
            _ if is_agenda_item(item) && opened => Some(Msg::DocAgendaAdopted),
            _ => None,
        };
        blocks.extend(standard.map(|msg| Block::Paragraph(msg.text(lang).into())));
    }
    // What happened, in the order it was recorded: the debate, the reply, the commitments in the
    // prose where they were made (a run of them one paragraph, as the griffie writes them), the
    // votes, and the chair's finding wherever the clerk put it.
    let votes = record.map_or(&[][..], |r| &r.votes[..]);
    let mut events: Vec<(Timestamp, Recorded)> = Vec::new();
    events.extend(
        conclusions
            .iter()
            .map(|c| (c.recorded_at, Recorded::Passage(&c.text))),
    );
    events.extend(
        commitments
            .iter()
            .map(|c| (c.recorded_at, Recorded::Commitment(&c.text))),
    );
    events.extend(
        votes
            .iter()
            .filter(|v| !v.corrected)
            .map(|v| (v.recorded_at, Recorded::Vote(v))),
    );
    // Stable: what was recorded in the same second keeps the order of its kind above.
    events.sort_by_key(|(at, _)| *at);
    let mut promised: Vec<String> = Vec::new();
    for (_, event) in events {
        match event {
            Recorded::Passage(text) => {
                flush_commitments(&mut blocks, &mut promised);
                blocks.extend(paragraphs(text));
            }
            Recorded::Commitment(text) => promised.push(document_paragraphs(text).join(" ")),
            Recorded::Vote(vote) => {
                flush_commitments(&mut blocks, &mut promised);
                blocks.push(Block::Paragraph(vote_sentence(
                    meeting, vote, minutes, lang,
                )));
            }
        }
    }
    flush_commitments(&mut blocks, &mut promised);
    // The register's numbers at the end of the item: who promised, and by when.
    if !commitments.is_empty() {
        blocks.push(Block::Subheading(Msg::DocCommitments.text(lang).into()));
        blocks.push(Block::List(
            commitments
                .iter()
                .map(|c| match c.due {
                    Some(due) => Msg::DocCommitmentReferenceDue
                        .fill(lang, &[&c.id, &c.by, &lang.long_date(due)]),
                    None => Msg::DocCommitmentReference.fill(lang, &[&c.id, &c.by]),
                })
                .collect(),
        ));
    }
    match status {
        Status::Adjourned => blocks.push(Block::Paragraph(Msg::DocAdjourned.text(lang).into())),
        Status::Skipped => blocks.push(Block::Paragraph(Msg::DocNotDiscussed.text(lang).into())),
        // Never taken up in a meeting that took place: say so, but not of an item that says
        // itself what happened (opening, closing), of a break, nor of a procedural item (the
        // agenda, a heading such as "2 Debatronde"), which a chair rarely takes up as such.
        Status::Pending
            if opened
                && !recorded
                && !matches!(
                    item.kind,
                    ItemKind::Opening | ItemKind::Closing | ItemKind::Break | ItemKind::Procedural
                ) =>
        {
            blocks.push(Block::Paragraph(Msg::DocNotDiscussed.text(lang).into()));
        }
        _ => {}
    }
    if item.kind == ItemKind::Closing
        && let Some(closed) = minutes.closed_at
    {
        let at = lang.clock(closed.time());
        blocks.push(Block::Paragraph(Msg::DocCloses.fill(lang, &[&at])));
    }
    if options.with_notes
        && let Some(notes) = record.and_then(|r| r.notes.as_deref())
        && !notes.trim().is_empty()
    {
        blocks.push(Block::Subheading(Msg::DocNotes.text(lang).into()));
        blocks.extend(paragraphs(notes));
    }
    Section {
        heading: item_heading(item, lang),
        blocks,
        new_page: false,
    }
}

/// A vote as the RIS publishes it: "Motie 10 ...: voor 62%, aangenomen 24-15. Voor: D66 (7),
/// ChristenUnie (5). Tegen: CDA (6)." with the dissent and those not voting.
pub fn vote_sentence(meeting: &Meeting, vote: &Vote, minutes: &Minutes, lang: Lang) -> String {
    let result = match vote.result {
        VoteResult::Adopted => Msg::VoteAdopted,
        VoteResult::Rejected => Msg::VoteRejected,
        VoteResult::Tied => Msg::VoteTied,
    };
    // "Stemuitslag Naar een inclusieve arbeidsmarkt", not "Stemuitslag 2 Naar een ...": the
    // item's number stands in the heading above.
    let subject = vote
        .subject
        .split_once(' ')
        .filter(|(number, _)| {
            number.starts_with(|c: char| c.is_ascii_digit())
                && number
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.')
        })
        .map_or(vote.subject.as_str(), |(_, rest)| rest.trim_start());
    let unanimous = vote.result == VoteResult::Adopted && vote.seats_against == 0;
    let mut text = if unanimous {
        Msg::DocVoteUnanimous.fill(lang, &[&subject, &vote.seats_for])
    } else {
        Msg::DocVote.fill(
            lang,
            &[
                &subject,
                &percent_for(vote),
                &result.text(lang),
                &vote.seats_for,
                &vote.seats_against,
            ],
        )
    };
    // Per faction, the members who voted its way at the moment of the vote.
    let present = present_at(meeting, &minutes.attendance, vote.recorded_at);
    let side_list = |names: &[String]| -> String {
        names
            .iter()
            .map(|name| match vote.method {
                Method::RollCall => name.clone(),
                Method::Factions => {
                    let seats = present
                        .iter()
                        .filter(|(member, faction)| {
                            faction.as_deref() == Some(name.as_str())
                                && !vote.not_voting.contains(member)
                                && !vote.dissent.iter().any(|d| d.name == *member)
                        })
                        .count();
                    format!("{name} ({seats})")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    // "Met algemene stemmen" says who voted for: everyone present.
    if !vote.for_.is_empty() && !unanimous {
        text.push_str(&format!(
            " {}",
            Msg::DocVoteFor.fill(lang, &[&side_list(&vote.for_)])
        ));
    }
    if !vote.against.is_empty() {
        text.push_str(&format!(
            " {}",
            Msg::DocVoteAgainst.fill(lang, &[&side_list(&vote.against)])
        ));
    }
    for dissent in &vote.dissent {
        let side = match dissent.vote {
            Side::For => Msg::VoteFor,
            Side::Against => Msg::VoteAgainst,
        };
        text.push_str(&format!(
            " {}",
            Msg::DocVoteDissent.fill(lang, &[&dissent.name, &side.text(lang)])
        ));
    }
    if !vote.not_voting.is_empty() {
        text.push_str(&format!(
            " {}",
            Msg::DocVoteNotVoting.fill(lang, &[&vote.not_voting.join(", ")])
        ));
    }
    if vote.result == VoteResult::Tied {
        text.push_str(&format!(" {}", Msg::DocVoteTied.text(lang)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::minutes::{CommitmentDraft, PassageKind};
    use chrono::{DateTime, NaiveDate, NaiveTime};

    fn at(time: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn meeting() -> Meeting {
        let item = |number: &str, title: &str, kind| Item {
            number: number.into(),
            title: title.into(),
            kind,
            ..Item::default()
        };
        Meeting {
            title: "Raadsplein".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            start: Some(hm(19, 30)),
            end: Some(hm(22, 30)),
            location: Some("Thomas a Kempiszaal".into()),
            chair: Some("Dhr. J. Looijenga".into()),
            clerk: Some("Mevr. M. Zweers".into()),
            items: vec![
                Item {
                    slot: Slot::Range {
                        start: hm(19, 30),
                        end: hm(19, 35),
                    },
                    ..item("1.a", "Opening en Mededelingen", ItemKind::Opening)
                },
                item("1.b", "Vaststelling van de agenda", ItemKind::Procedural),
                Item {
                    slot: Slot::Range {
                        start: hm(19, 35),
                        end: hm(21, 0),
                    },
                    summary: Some("Op 3 juli 2017 heeft de\nRekenkamercommissie.\n".into()),
                    portfolio_holders: vec!["Nelleke Vedelaar".into()],
                    ..item("3", "Rekenkameronderzoek", ItemKind::Debate)
                },
                item("4", "Motie vreemd", ItemKind::Item),
                Item {
                    slot: Slot::StartOnly { start: hm(22, 30) },
                    ..item("6", "Sluiting", ItemKind::Closing)
                },
            ],
            ..Meeting::default()
        }
    }

    fn texts(section: &Section) -> Vec<String> {
        section
            .blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(text) | Block::Subheading(text) => text.clone(),
                Block::List(items) => items.join(" | "),
                Block::Fields(fields) => format!("{fields:?}"),
            })
            .collect()
    }

    fn closed_minutes(m: &Meeting) -> Minutes {
        let mut minutes = Minutes::new(m, "m.yaml");
        minutes.take_up(m, "3", at("19:36:00")).unwrap();
        minutes
            .add_conclusion(m, "3", "De raad concludeert.", at("20:00:00"))
            .unwrap();
        minutes.take_up(m, "6", at("23:05:00")).unwrap();
        minutes.close_meeting(at("23:06:00")).unwrap();
        minutes
    }

    #[test]
    fn the_header_states_the_meeting_as_the_council_writes_it() {
        let m = meeting();
        let doc = terugblik(
            &m,
            &closed_minutes(&m),
            Options {
                lang: Lang::Nl,
                with_notes: false,
                with_contacts: false,
            },
        );
        assert_eq!(doc.title, "Korte terugblik Raadsplein 20 november 2017");
        assert_eq!(doc.notice, None);
        assert_eq!(
            doc.fields,
            [
                ("Vergadering d.d.", "20 november 2017"),
                ("Locatie", "Thomas a Kempiszaal"),
                ("Aanvang", "19.30"),
                ("Eindtijd", "22.30"),
                ("Voorzitter", "Dhr. J. Looijenga"),
                ("Griffier/secretaris", "Mevr. M. Zweers"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(
            doc.sections[0].heading,
            "1.a. Opening en Mededelingen (19.30 – 19.35 uur)"
        );
        assert_eq!(doc.sections[4].heading, "6. Sluiting (22.30 uur)");
    }

    #[test]
    fn items_without_a_record_get_the_sentence_of_their_kind() {
        let m = meeting();
        let doc = terugblik(
            &m,
            &closed_minutes(&m),
            Options {
                lang: Lang::Nl,
                with_notes: false,
                with_contacts: false,
            },
        );
        assert_eq!(
            texts(&doc.sections[0]),
            ["De voorzitter opent de vergadering."]
        );
        assert_eq!(
            texts(&doc.sections[1]),
            ["De agenda wordt ongewijzigd vastgesteld."]
        );
        assert_eq!(
            texts(&doc.sections[2]),
            [
                "Op 3 juli 2017 heeft de Rekenkamercommissie.",
                "De raad concludeert."
            ]
        );
        assert_eq!(texts(&doc.sections[3]), ["Niet behandeld."]);
        assert_eq!(
            texts(&doc.sections[4]),
            ["De voorzitter sluit de vergadering om 23.06 uur."]
        );
    }

    #[test]
    fn an_open_meeting_is_a_draft_and_says_nothing_of_items_yet_to_come() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at("19:36:00")).unwrap();
        let doc = terugblik(
            &m,
            &minutes,
            Options {
                lang: Lang::En,
                with_notes: false,
                with_contacts: false,
            },
        );
        assert_eq!(
            doc.notice.as_deref(),
            Some("Draft: the meeting has not been closed; these minutes are not final.")
        );
        assert_eq!(texts(&doc.sections[4]), Vec::<String>::new());
        assert_eq!(
            doc.fields[0],
            ("Meeting of".into(), "20 November 2017".into())
        );
    }

    #[test]
    fn commitments_are_in_the_prose_and_numbered_with_maker_and_due_date_at_the_end() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at("19:36:00")).unwrap();
        let draft = CommitmentDraft {
            by: "Nelleke Vedelaar".into(),
            text: "De raad ontvangt informatie.".into(),
            due: NaiveDate::from_ymd_opt(2018, 3, 1),
        };
        minutes
            .add_commitment(&m, "3", draft, at("20:00:00"))
            .unwrap();
        minutes.adjourn_running_item(at("20:10:00")).unwrap();
        let doc = terugblik(
            &m,
            &minutes,
            Options {
                lang: Lang::Nl,
                with_notes: false,
                with_contacts: false,
            },
        );
        assert_eq!(
            texts(&doc.sections[2])[1..],
            [
                "De raad ontvangt informatie.".to_string(),
                "Toezeggingen".into(),
                "2017-11-20-3-1 (Nelleke Vedelaar, uiterlijk 1 maart 2018)".into(),
                "Dit punt is aangehouden.".into(),
            ]
        );
    }

    #[test]
    fn an_item_is_written_in_the_order_it_was_recorded_debate_reply_commitments_finding() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at("19:36:00")).unwrap();
        // Recorded out of the order of kinds: the finding last, the debate first.
        let passage = |minutes: &mut Minutes, kind, text: &str, time| {
            minutes.add_passage(&m, "3", kind, text, at(time)).unwrap();
        };
        passage(
            &mut minutes,
            PassageKind::Debate,
            "Van de zijde van de fracties.",
            "20:00:00",
        );
        passage(
            &mut minutes,
            PassageKind::Reply,
            "De wethouder geeft aan.",
            "20:30:00",
        );
        for (text, time) in [
            ("De wethouder zegt toe.", "20:31:00"),
            ("Ook zegt zij toe.", "20:32:00"),
        ] {
            let draft = CommitmentDraft {
                by: "Nelleke Vedelaar".into(),
                text: text.into(),
                due: None,
            };
            minutes.add_commitment(&m, "3", draft, at(time)).unwrap();
        }
        passage(
            &mut minutes,
            PassageKind::Finding,
            "De voorzitter constateert.",
            "20:40:00",
        );
        minutes.stop_running_item(at("20:45:00")).unwrap();
        let doc = terugblik(
            &m,
            &minutes,
            Options {
                lang: Lang::Nl,
                ..Options::default()
            },
        );
        assert_eq!(
            texts(&doc.sections[2])[1..],
            [
                "Van de zijde van de fracties.".to_string(),
                "De wethouder geeft aan.".into(),
                "De wethouder zegt toe. Ook zegt zij toe.".into(),
                "De voorzitter constateert.".into(),
                "Toezeggingen".into(),
                "2017-11-20-3-1 (Nelleke Vedelaar) | 2017-11-20-3-2 (Nelleke Vedelaar)".into(),
            ]
        );
    }

    #[test]
    fn notes_stay_out_unless_asked_for() {
        let m = meeting();
        let mut minutes = closed_minutes(&m);
        minutes.items[0].notes = Some("Vragen over SWT.".into());
        let without = terugblik(
            &m,
            &minutes,
            Options {
                lang: Lang::Nl,
                with_notes: false,
                with_contacts: false,
            },
        );
        assert!(!format!("{without:?}").contains("SWT"));
        let with = terugblik(
            &m,
            &minutes,
            Options {
                lang: Lang::Nl,
                with_notes: true,
                with_contacts: false,
            },
        );
        assert!(texts(&with.sections[2]).contains(&"Vragen over SWT.".to_string()));
    }
}

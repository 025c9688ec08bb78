//! Decision meetings in the console: the presentielijst (`p`) and votes (`v`). The count is the
//! domain's (`domain::decision`), from the attendance at the moment of the vote.

use super::picker::{Entry, Kind, Pick, Picker, Purpose};
use super::{App, Flash, Mode, Outcome, Question};
use crate::domain::decision::{
    Dissent, Method, Result as VoteResult, Side, VoteDraft, VoteKind, faction_of, present_at,
    quorum, roll_call_order,
};
use crate::domain::minutes::{Role, SpeakerChoice};
use crate::i18n::Msg;
use crate::keymap::Action;

/// The presentielijst on screen: which row is highlighted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AttendanceSheet {
    pub cursor: usize,
}

/// A vote being prepared: the subject is chosen, the factions (or members) are being marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteSheet {
    pub item: String,
    pub draft: VoteDraft,
    pub cursor: usize,
}

/// A row of the vote sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteRow {
    /// A faction and how many of its members are present.
    Faction { name: String, present: usize },
    /// A present member (under their faction; alone in a roll call).
    Member {
        name: String,
        faction: Option<String>,
    },
}

impl App {
    /// Everyone on the presentielijst: the members of every faction, the chair and the clerk,
    /// then whoever was added by name.
    pub fn attendance_rows(&self) -> Vec<(String, Option<String>)> {
        let mut rows: Vec<(String, Option<String>)> = Vec::new();
        for faction in &self.meeting.factions {
            for member in &faction.members {
                rows.push((member.clone(), Some(faction.name.clone())));
            }
        }
        for person in [&self.meeting.chair, &self.meeting.clerk]
            .into_iter()
            .flatten()
        {
            if !rows.iter().any(|(name, _)| name == person) {
                rows.push((person.clone(), None));
            }
        }
        for entry in &self.minutes.attendance {
            if !rows.iter().any(|(name, _)| *name == entry.name) {
                rows.push((entry.name.clone(), entry.faction.clone()));
            }
        }
        rows
    }

    /// Whether the meeting is one where attendance and quorum matter: factions with members or
    /// seats, or a presentielijst already kept.
    pub fn is_decision_meeting(&self) -> bool {
        !self.minutes.attendance.is_empty()
            || self
                .meeting
                .factions
                .iter()
                .any(|f| f.seats.is_some() || !f.members.is_empty())
    }

    pub(super) fn update_attendance(&mut self, action: Action) -> Outcome {
        let rows = self.attendance_rows();
        let Mode::Attendance(sheet) = &mut self.mode else {
            return Outcome::NONE;
        };
        let last = rows.len().saturating_sub(1);
        match action {
            Action::Up => sheet.cursor = sheet.cursor.saturating_sub(1),
            Action::Down => sheet.cursor = (sheet.cursor + 1).min(last),
            Action::Close => self.mode = Mode::Normal,
            Action::TogglePresence => {
                let Some((name, faction)) = rows.get(sheet.cursor).cloned() else {
                    return Outcome::NONE;
                };
                let now = self.now;
                return if self.minutes.is_present(&name, now) {
                    self.change(|m, _| {
                        m.mark_gone(&name, now)?;
                        Ok((Msg::MarkedGone, name.clone()))
                    })
                } else {
                    self.change(|m, _| {
                        m.mark_present(&name, faction, now)?;
                        Ok((Msg::MarkedPresent, name.clone()))
                    })
                };
            }
            Action::EveryonePresent => {
                // Everyone on the list: the members, the chair and the clerk (not a guest
                // added by name and gone since).
                let now = self.now;
                let officers = [&self.meeting.chair, &self.meeting.clerk];
                let members: Vec<(String, Option<String>)> = rows
                    .into_iter()
                    .filter(|(name, faction)| {
                        faction.is_some() || officers.iter().any(|o| o.as_ref() == Some(name))
                    })
                    .collect();
                return self.change(|m, _| {
                    let mut marked = 0;
                    for (name, faction) in members {
                        if !m.is_present(&name, now) {
                            m.mark_present(&name, faction, now)?;
                            marked += 1;
                        }
                    }
                    Ok((Msg::EveryonePresentMarked, marked.to_string()))
                });
            }
            Action::AddPerson => {
                // Anyone not on the list yet, by name: a member of a faction typed as
                // "Name (Faction)".
                let entries: Vec<Entry> = self
                    .meeting
                    .factions
                    .iter()
                    .map(|f| Entry {
                        label: format!("? ({})", f.name),
                        detail: self.t(Msg::AddPersonHint).to_string(),
                        context: None,
                        kind: Kind::Person,
                        pick: Pick::Speaker(SpeakerChoice {
                            name: String::new(),
                            faction: Some(f.name.clone()),
                            role: Role::Member,
                        }),
                    })
                    .collect();
                let title = self.t(Msg::AddPersonTitle).to_string();
                let free = Some(self.t(Msg::AsTyped).to_string());
                self.mode = Mode::Picker(Picker::new(Purpose::AddPresent, title, entries, free));
            }
            _ => {}
        }
        Outcome::NONE
    }

    /// A person typed in the presentielijst's picker: "Name (Faction)" or a name alone.
    pub(super) fn add_present(&mut self, typed: &str) -> Outcome {
        let typed = typed.trim();
        let (name, faction) = match typed.rsplit_once('(') {
            Some((name, faction)) if faction.ends_with(')') => (
                name.trim().to_string(),
                Some(faction.trim_end_matches(')').trim().to_string()),
            ),
            _ => (typed.to_string(), None),
        };
        let faction = faction
            .filter(|f| !f.is_empty())
            .or_else(|| faction_of(&self.meeting, &name));
        if name.is_empty() || name == "?" {
            self.complain(Msg::AddPersonHint, &[]);
            self.mode = Mode::Attendance(AttendanceSheet::default());
            return Outcome::NONE;
        }
        let now = self.now;
        let outcome = self.change(|m, _| {
            m.mark_present(&name, faction, now)?;
            Ok((Msg::MarkedPresent, name.clone()))
        });
        let cursor = self
            .attendance_rows()
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap_or(0);
        self.mode = Mode::Attendance(AttendanceSheet { cursor });
        outcome
    }

    /// `v`: on an item never taken up (perhaps in a meeting never opened), ask first: a vote
    /// there is more often a slip of the cursor than the council's decision.
    pub(super) fn ask_vote(&mut self) -> Outcome {
        let number = self.meeting.items[self.selected].number.clone();
        let taken_up = self
            .minutes
            .item(&number)
            .is_some_and(|record| !record.periods.is_empty());
        if taken_up {
            return self.open_vote();
        }
        self.mode = Mode::Confirm(Question::VoteNotTakenUp(number));
        Outcome::NONE
    }

    /// `v`: choose what is put to the vote on the selected item: its proposed decision, a
    /// motion or amendment among its attachments, or something typed.
    pub(super) fn open_vote(&mut self) -> Outcome {
        let item = &self.meeting.items[self.selected];
        let mut entries = Vec::new();
        if let Some(decision) = &item.proposed_decision {
            let first = decision
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            entries.push(Entry {
                label: format!("{}: {first}", self.t(Msg::VoteProposal)),
                detail: item.title.clone(),
                context: None,
                kind: Kind::Item,
                pick: Pick::VoteSubject {
                    subject: format!("{} {}", item.number, item.title),
                    kind: VoteKind::Proposal,
                },
            });
        }
        for attachment in &item.attachments {
            let kind = match attachment.kind.as_deref().map(str::to_lowercase).as_deref() {
                Some("motie") | Some("motion") => VoteKind::Motion,
                Some("amendement") | Some("amendment") => VoteKind::Amendment,
                _ => continue,
            };
            entries.push(Entry {
                label: attachment.title.clone(),
                detail: attachment.kind.clone().unwrap_or_default(),
                context: None,
                kind: Kind::Attachment,
                pick: Pick::VoteSubject {
                    subject: attachment.title.clone(),
                    kind,
                },
            });
        }
        let title = self.fill(Msg::VoteSubjectTitle, &[&item.number]);
        let free = Some(self.t(Msg::AsTyped).to_string());
        self.mode = Mode::Picker(Picker::new(Purpose::VoteSubject, title, entries, free));
        Outcome::NONE
    }

    /// The subject is chosen: the sheet of factions to mark. Warns without a quorum, and when a
    /// proposal is put to the vote while an amendment to it is still open.
    pub(super) fn start_vote(&mut self, subject: String, kind: VoteKind) -> Outcome {
        let item = self.meeting.items[self.selected].clone();
        let kind = match kind {
            // Typed: a "motie" or "amendement" says what it is.
            VoteKind::Proposal if subject.to_lowercase().starts_with("motie") => VoteKind::Motion,
            VoteKind::Proposal if subject.to_lowercase().starts_with("amendement") => {
                VoteKind::Amendment
            }
            kind => kind,
        };
        let voted: Vec<String> = self
            .minutes
            .item(&item.number)
            .map(|r| r.votes.iter().map(|v| v.subject.clone()).collect())
            .unwrap_or_default();
        let open_amendment = item.attachments.iter().find(|a| {
            a.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("amendement"))
                && !voted.contains(&a.title)
        });
        let quorum = quorum(&self.meeting, &self.minutes.attendance, self.now);
        if kind == VoteKind::Proposal
            && let Some(amendment) = open_amendment
        {
            self.complain(Msg::AmendmentFirst, &[&amendment.title]);
        } else if !quorum.is_met() {
            self.complain(Msg::NoQuorumVote, &[&quorum.present, &quorum.seats]);
        }
        self.mode = Mode::Vote(VoteSheet {
            item: item.number.clone(),
            draft: VoteDraft {
                subject,
                kind,
                ..VoteDraft::default()
            },
            cursor: 0,
        });
        Outcome::NONE
    }

    /// The rows of a vote sheet: factions with their present members under them, or in a roll
    /// call the present members alone.
    pub fn vote_rows(&self, sheet: &VoteSheet) -> Vec<VoteRow> {
        let present = present_at(&self.meeting, &self.minutes.attendance, self.now);
        let member_row = |(name, faction): &(String, Option<String>)| VoteRow::Member {
            name: name.clone(),
            faction: faction.clone(),
        };
        if sheet.draft.method == Method::RollCall {
            return roll_call_order(&self.meeting, present)
                .iter()
                .map(member_row)
                .collect();
        }
        let mut rows = Vec::new();
        let mut names: Vec<String> = self
            .meeting
            .factions
            .iter()
            .map(|f| f.name.clone())
            .collect();
        for (_, faction) in &present {
            if let Some(faction) = faction
                && !names.contains(faction)
            {
                names.push(faction.clone());
            }
        }
        for name in names {
            let members: Vec<&(String, Option<String>)> = present
                .iter()
                .filter(|(_, f)| f.as_deref() == Some(name.as_str()))
                .collect();
            rows.push(VoteRow::Faction {
                name: name.clone(),
                present: members.len(),
            });
            rows.extend(members.into_iter().map(member_row));
        }
        rows
    }

    pub(super) fn update_vote(&mut self, action: Action) -> Outcome {
        let Mode::Vote(sheet) = &self.mode else {
            return Outcome::NONE;
        };
        let rows = self.vote_rows(sheet);
        let mut sheet = sheet.clone();
        let last = rows.len().saturating_sub(1);
        let row = rows.get(sheet.cursor).cloned();
        let draft = &mut sheet.draft;
        match action {
            Action::Up => sheet.cursor = sheet.cursor.saturating_sub(1),
            Action::Down => sheet.cursor = (sheet.cursor + 1).min(last),
            Action::Close => {
                self.mode = Mode::Normal;
                self.say(Msg::VoteCancelled, &[]);
                return Outcome::NONE;
            }
            Action::RollCall => {
                // The marks made so far carry over (a roll call starts from the factions' marks).
                let present = present_at(&self.meeting, &self.minutes.attendance, self.now);
                draft.switch_method(&present);
                sheet.cursor = 0;
            }
            Action::MarkFor | Action::MarkAgainst | Action::MarkClear => {
                let side = match action {
                    Action::MarkFor => Some(Side::For),
                    Action::MarkAgainst => Some(Side::Against),
                    _ => None,
                };
                match row.clone() {
                    Some(VoteRow::Faction { name, .. }) => mark(draft, &name, side),
                    Some(VoteRow::Member { name, faction }) if draft.method == Method::RollCall => {
                        let _ = faction;
                        mark(draft, &name, side);
                    }
                    Some(VoteRow::Member { name, faction }) => {
                        // Against the faction's own vote: recorded as dissent (aantekening).
                        draft.dissent.retain(|d| d.name != name);
                        let faction_side = faction.as_deref().and_then(|f| {
                            if draft.for_.iter().any(|x| x == f) {
                                Some(Side::For)
                            } else if draft.against.iter().any(|x| x == f) {
                                Some(Side::Against)
                            } else {
                                None
                            }
                        });
                        if let Some(side) = side
                            && Some(side) != faction_side
                        {
                            draft.dissent.push(Dissent { name, vote: side });
                        }
                    }
                    None => {}
                }
                // A faction marked: on to the next faction (members are for the exceptions).
                let next_faction = rows
                    .iter()
                    .enumerate()
                    .skip(sheet.cursor + 1)
                    .find(|(_, r)| matches!(r, VoteRow::Faction { .. }))
                    .map(|(i, _)| i);
                sheet.cursor = match row {
                    Some(VoteRow::Faction { .. }) => next_faction.unwrap_or(sheet.cursor),
                    _ => (sheet.cursor + 1).min(last),
                };
            }
            Action::NotVoting => {
                if let Some(VoteRow::Member { name, .. }) = row {
                    if let Some(at) = draft.not_voting.iter().position(|n| *n == name) {
                        draft.not_voting.remove(at);
                    } else {
                        draft.not_voting.push(name);
                    }
                }
            }
            Action::Store => return self.record_vote(sheet),
            _ => {}
        }
        self.mode = Mode::Vote(sheet);
        Outcome::NONE
    }

    fn record_vote(&mut self, sheet: VoteSheet) -> Outcome {
        let (vote, count) = sheet
            .draft
            .counted(&self.meeting, &self.minutes.attendance, self.now);
        if !count.unmarked.is_empty() {
            let names = count.unmarked.join(", ");
            self.complain(Msg::VoteUnmarked, &[&names]);
            self.mode = Mode::Vote(sheet);
            return Outcome::NONE;
        }
        let now = self.now;
        let lang = self.lang;
        let number = sheet.item.clone();
        let outcome = self.change(|m, meeting| {
            let vote = m.record_vote(meeting, &number, &sheet.draft, now)?;
            Ok((Msg::VoteRecorded, result_text(&vote, lang)))
        });
        if outcome.minutes_changed {
            // What was recorded, and where: the result, the item and the subject.
            let text = self.fill(
                Msg::VoteRecorded,
                &[&result_text(&vote, lang), &number, &vote.subject],
            );
            if let Some((_, _, label)) = self.undo.last_mut() {
                label.clone_from(&text);
            }
            self.flash = Some(Flash {
                text,
                is_error: false,
            });
            self.mode = Mode::Normal;
            if vote.result == VoteResult::Tied {
                self.complain(
                    Msg::VoteTiedReminder,
                    &[&vote.seats_for, &vote.seats_against],
                );
            }
        }
        outcome
    }
}

/// Marks a faction (or, in a roll call, a member) for, against, or neither.
fn mark(draft: &mut VoteDraft, key: &str, side: Option<Side>) {
    draft.for_.retain(|k| k != key);
    draft.against.retain(|k| k != key);
    match side {
        Some(Side::For) => draft.for_.push(key.to_string()),
        Some(Side::Against) => draft.against.push(key.to_string()),
        None => {}
    }
}

/// "aangenomen 21-18" / "adopted 21-18".
pub fn result_text(vote: &crate::domain::decision::Vote, lang: crate::i18n::Lang) -> String {
    let word = match vote.result {
        VoteResult::Adopted => Msg::VoteAdopted,
        VoteResult::Rejected => Msg::VoteRejected,
        VoteResult::Tied => Msg::VoteTied,
    };
    format!(
        "{} {}-{}",
        word.text(lang),
        vote.seats_for,
        vote.seats_against
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::minutes::{Minutes, Timestamp};
    use crate::i18n::Lang;
    use chrono::DateTime;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::path::PathBuf;

    fn at(time: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-02-06T{time}+01:00")).unwrap()
    }

    /// The example decision meeting: nine factions, 39 seats, a chair and a clerk.
    fn app() -> App {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("meetings/2017-02-06-raadsplein-besluitvormend.yaml");
        let meeting = crate::store::load::load_meeting(&path).unwrap().meeting;
        let minutes = Minutes::new(&meeting, "m.yaml");
        App::new(
            meeting,
            PathBuf::from("."),
            minutes,
            Lang::Nl,
            at("19:30:00"),
        )
    }

    fn typed(app: &mut App, text: &str, now: Timestamp) {
        for ch in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
            app.update(Action::Input(key), now);
        }
    }

    /// Item 2 taken up at 20:00 and the vote sheet open on motion 10.
    fn vote_on_the_motion(app: &mut App) {
        app.update(Action::Down, at("20:00:00"));
        app.update(Action::TakeUp, at("20:00:00"));
        app.update(Action::Vote, at("20:01:00"));
        typed(app, "motie", at("20:01:00"));
        app.update(Action::Confirm, at("20:01:00"));
        assert!(matches!(app.mode, Mode::Vote(_)), "no vote sheet");
    }

    fn sheet(app: &App) -> &VoteSheet {
        match &app.mode {
            Mode::Vote(sheet) => sheet,
            _ => panic!("no vote sheet"),
        }
    }

    #[test]
    fn chair_and_clerk_marked_present_do_not_block_a_vote() {
        let mut app = app();
        app.update(Action::Attendance, at("19:30:00"));
        // The chair and the clerk, below the 39 members, marked present with Space; then `a`.
        for _ in 0..39 {
            app.update(Action::Down, at("19:30:00"));
        }
        app.update(Action::TogglePresence, at("19:30:00"));
        app.update(Action::Down, at("19:30:00"));
        app.update(Action::TogglePresence, at("19:30:00"));
        app.update(Action::EveryonePresent, at("19:30:00"));
        app.update(Action::Close, at("19:30:00"));
        assert!(app.minutes.is_present("Dhr. J. Looijenga", at("19:31:00")));
        assert!(app.minutes.is_present("Mevr. M. Zweers", at("19:31:00")));
        vote_on_the_motion(&mut app);
        for _ in 0..9 {
            app.update(Action::MarkFor, at("20:02:00"));
        }
        let (_, count) =
            sheet(&app)
                .draft
                .counted(&app.meeting, &app.minutes.attendance, at("20:02:00"));
        let quorum = quorum(&app.meeting, &app.minutes.attendance, at("20:02:00"));
        assert!(count.unmarked.is_empty(), "{:?}", count.unmarked);
        assert_eq!((quorum.present, count.seats_for), (39, 39));
        assert!(app.update(Action::Store, at("20:02:00")).minutes_changed);
        let record = app.minutes.item("2").unwrap();
        assert_eq!(record.votes[0].seats_for, 39);
    }

    #[test]
    fn everyone_present_marks_the_chair_and_the_clerk_too() {
        let mut app = app();
        app.update(Action::Attendance, at("19:30:00"));
        app.update(Action::EveryonePresent, at("19:30:00"));
        assert!(app.minutes.is_present("Dhr. J. Looijenga", at("19:31:00")));
        assert!(app.minutes.is_present("Mevr. M. Zweers", at("19:31:00")));
        assert_eq!(
            quorum(&app.meeting, &app.minutes.attendance, at("19:31:00")).present,
            39
        );
    }

    #[test]
    fn a_roll_call_starts_from_the_faction_marks() {
        let mut app = app();
        app.update(Action::Attendance, at("19:30:00"));
        app.update(Action::EveryonePresent, at("19:30:00"));
        app.update(Action::Close, at("19:30:00"));
        vote_on_the_motion(&mut app);
        app.update(Action::MarkFor, at("20:02:00")); // D66
        app.update(Action::MarkAgainst, at("20:02:00")); // CDA
        app.update(Action::Up, at("20:02:00")); // the last CDA member asks to be recorded for
        app.update(Action::MarkFor, at("20:02:00"));
        app.update(Action::RollCall, at("20:02:00"));
        let draft = &sheet(&app).draft;
        assert_eq!(draft.method, Method::RollCall);
        assert_eq!((draft.for_.len(), draft.against.len()), (8, 5));
        assert!(draft.for_.contains(&"Marieke Hendriks".to_string()));
        assert!(draft.against.contains(&"Jeroen Bos".to_string()));
        // Back by faction: nothing lost.
        app.update(Action::RollCall, at("20:02:00"));
        let draft = &sheet(&app).draft;
        assert_eq!(draft.for_, ["D66"]);
        assert_eq!(draft.against, ["CDA"]);
        assert_eq!(draft.dissent.len(), 1);
        assert_eq!(draft.dissent[0].name, "Marieke Hendriks");
    }

    #[test]
    fn the_roll_call_is_ordered_by_faction_then_surname() {
        let mut app = app();
        app.update(Action::Attendance, at("19:30:00"));
        app.update(Action::EveryonePresent, at("19:30:00"));
        app.update(Action::Close, at("19:30:00"));
        vote_on_the_motion(&mut app);
        app.update(Action::RollCall, at("20:02:00"));
        let names: Vec<String> = app
            .vote_rows(sheet(&app))
            .into_iter()
            .filter_map(|row| match row {
                VoteRow::Member { name, .. } => Some(name),
                VoteRow::Faction { .. } => None,
            })
            .collect();
        assert_eq!(names.len(), 39);
        // D66 first, by surname: Bakker, Boer (de), Jansen, Meijer, Smit, Visser, Vries (de).
        assert_eq!(
            names[..7],
            [
                "Bram Bakker",
                "Gert de Boer",
                "Carla Jansen",
                "Floor Meijer",
                "Eva Smit",
                "Daan Visser",
                "Anna de Vries"
            ]
        );
        // SGP, last in the meeting file, last.
        assert_eq!(names[37..], ["Otto Kuiper", "Nadia Post"]);
    }

    #[test]
    fn a_vote_on_an_item_never_taken_up_asks_first() {
        let mut app = app();
        app.update(Action::Down, at("20:00:00")); // item 2, the meeting not opened
        app.update(Action::Vote, at("20:00:00"));
        assert!(
            matches!(&app.mode, Mode::Confirm(Question::VoteNotTakenUp(n)) if n == "2"),
            "the question first"
        );
        app.update(Action::Close, at("20:00:00"));
        assert!(matches!(app.mode, Mode::Normal), "any other key cancels");
        app.update(Action::Vote, at("20:00:00"));
        app.update(Action::Confirm, at("20:00:00"));
        assert!(
            matches!(app.mode, Mode::Picker(_)),
            "the subjects after a yes"
        );
        // Recorded, the flash says what and where.
        app.update(Action::Confirm, at("20:01:00")); // the proposal
        for _ in 0..9 {
            app.update(Action::MarkFor, at("20:01:00"));
        }
        assert!(app.update(Action::Store, at("20:01:00")).minutes_changed);
        let flash = &app.flash.as_ref().unwrap().text;
        assert!(
            flash.starts_with("Stemming vastgelegd: aangenomen 39-0 bij punt 2, 2 Naar een"),
            "{flash}"
        );
    }

    #[test]
    fn a_vote_on_the_item_taken_up_asks_nothing() {
        let mut app = app();
        vote_on_the_motion(&mut app);
    }
}

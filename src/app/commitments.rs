//! The commitments register in the console: the portfolio holder's open commitments from
//! earlier meetings (`T`), settling one in this meeting, and their count in the item pane. The
//! console only calls the register command; the register file is the command's, not the minutes'.

use super::form::Form;
use super::picker::{Entry, Kind, Pick, Picker, Purpose};
use super::{App, Mode, Outcome};
use crate::brief::same_person;
use crate::domain::meeting::Item;
use crate::i18n::Msg;
use crate::register::command::{Change, apply};
use crate::register::{self, Register, Status};

impl App {
    /// The register of the meeting's folder, read at start (and again after a settlement).
    pub fn with_register(mut self, register: Result<Register, String>) -> App {
        self.take_register(register);
        self
    }

    /// The register as read (the console reads it behind the first frame), or why it could not be.
    pub(super) fn take_register(&mut self, register: Result<Register, String>) {
        match register {
            Ok(register) => self.register = Some(register),
            Err(error) => self.complain(Msg::RegisterUnreadable, &[&error]),
        }
    }

    /// Commitments from earlier meetings that `holder` made and that are not settled, oldest
    /// first.
    pub fn owed_by(&self, holder: &str) -> Vec<&register::Entry> {
        let Some(register) = &self.register else {
            return Vec::new();
        };
        let mut owed: Vec<&register::Entry> = register
            .entries
            .iter()
            .filter(|e| e.source.meeting_date < self.meeting.date)
            .filter(|e| e.status != Status::Done)
            .filter(|e| same_person(&e.commitment.by, holder))
            .collect();
        owed.sort_by(|a, b| {
            (a.source.meeting_date, &a.commitment.id)
                .cmp(&(b.source.meeting_date, &b.commitment.id))
        });
        owed
    }

    /// What the item's portfolio holders still owe: (open, of which overdue).
    pub fn owed_on(&self, item: &Item) -> (usize, usize) {
        let mut seen: Vec<&str> = Vec::new();
        for holder in &item.portfolio_holders {
            for entry in self.owed_by(holder) {
                if !seen.contains(&entry.commitment.id.as_str()) {
                    seen.push(&entry.commitment.id);
                }
            }
        }
        let overdue = self
            .register
            .iter()
            .flat_map(|r| &r.entries)
            .filter(|e| seen.contains(&e.commitment.id.as_str()) && e.status == Status::Overdue)
            .count();
        (seen.len(), overdue)
    }

    /// `T`: the open commitments of the selected item's portfolio holders, to ask after them
    /// and to settle one.
    pub(super) fn open_owed_commitments(&mut self) -> Outcome {
        let item = &self.meeting.items[self.selected];
        if item.portfolio_holders.is_empty() {
            let number = item.number.clone();
            self.complain(Msg::NoPortfolioHolder, &[&number]);
            return Outcome::NONE;
        }
        let holders = item.portfolio_holders.join(", ");
        let mut ids: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        for holder in &item.portfolio_holders.clone() {
            for owed in self.owed_by(holder) {
                if ids.contains(&owed.commitment.id) {
                    continue;
                }
                ids.push(owed.commitment.id.clone());
                entries.push(self.owed_entry(owed));
            }
        }
        if entries.is_empty() {
            self.say(Msg::NothingOwed, &[&holders]);
            return Outcome::NONE;
        }
        let title = self.fill(Msg::OwedTitle, &[&holders]);
        self.mode = Mode::Picker(Picker::new(Purpose::SettleCommitment, title, entries, None));
        Outcome::NONE
    }

    /// A commitment as a line of a list: overdue marked with a sign.
    pub(super) fn owed_entry(&self, owed: &register::Entry) -> Entry {
        let c = &owed.commitment;
        let sign = match owed.status {
            Status::Overdue => "! ",
            Status::Done => "✓ ",
            Status::Open => "",
        };
        let text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let due = c
            .due
            .map(|d| self.fill(Msg::OwedDue, &[&self.lang.long_date(d)]))
            .unwrap_or_default();
        let status = crate::register::list::status_text(owed.status, self.lang);
        let detail = self.fill(
            Msg::OwedDetail,
            &[
                &c.by,
                &self.lang.long_date(owed.source.meeting_date),
                &owed.source.item_number,
                &due,
                &status,
            ],
        );
        Entry {
            label: format!("{sign}{} {text}", c.id),
            detail,
            context: None,
            kind: Kind::Record,
            pick: Pick::Commitment(c.id.clone()),
        }
    }

    /// Enter on a commitment: a form for how it was settled (an open one), or when it was.
    pub(super) fn pick_commitment(&mut self, id: String) -> Outcome {
        let settled = self
            .register
            .iter()
            .flat_map(|r| &r.entries)
            .find(|e| e.commitment.id == id && e.status == Status::Done)
            .and_then(|e| e.settled.clone());
        if let Some(settled) = settled {
            let when = settled.date.map(|d| d.to_string()).unwrap_or_default();
            let how = settled.how.unwrap_or_default();
            self.say(Msg::AlreadySettled, &[&id, &when, &how]);
            return Outcome::NONE;
        }
        let ris = self
            .register
            .iter()
            .flat_map(|r| &r.entries)
            .find(|e| e.commitment.id == id)
            .and_then(|e| e.ris_number().map(str::to_string))
            .unwrap_or_default();
        let number = self.meeting.items[self.selected].number.clone();
        self.mode = Mode::Editor(Form::settle(&number, &id, &ris));
        Outcome::NONE
    }

    /// Records in the register the council's number for `id` (when given and new) and that it
    /// was settled in this meeting, today, as `how` says (when said).
    pub(super) fn settle(&mut self, id: &str, how: &str, ris_number: &str) -> Outcome {
        let Some(register) = &self.register else {
            return Outcome::NONE;
        };
        let known = register
            .entries
            .iter()
            .find(|e| e.commitment.id == id)
            .and_then(|e| e.ris_number().map(str::to_string));
        let mut changes = Vec::new();
        let ris_number = ris_number.trim();
        if !ris_number.is_empty() && known.as_deref() != Some(ris_number) {
            changes.push(Change::Number(ris_number.to_string()));
        }
        if !how.trim().is_empty() {
            changes.push(Change::Done {
                how: how.trim().to_string(),
                date: Some(self.now.date_naive()),
                meeting: Some(self.minutes.meeting.clone()),
            });
        }
        if changes.is_empty() {
            self.complain(Msg::SettleHowMissing, &[]);
            return Outcome::NONE;
        }
        let today = self.now.date_naive();
        let folder = register.folder.clone();
        let mut said = Vec::new();
        for change in &changes {
            let Some(register) = &self.register else {
                break;
            };
            match apply(register, id, change, today, self.lang) {
                Ok(message) => said.push(message),
                Err(message) => {
                    self.flash = Some(super::Flash {
                        text: message,
                        is_error: true,
                    });
                    return Outcome::NONE;
                }
            }
            if let Ok(fresh) = register::scan(&folder, today) {
                self.register = Some(fresh);
            }
        }
        self.mode = Mode::Normal;
        self.flash = Some(super::Flash {
            text: said.join("; "),
            is_error: false,
        });
        Outcome::NONE
    }
}

//! The form for a conclusion, a summary of the debate, the portfolio holder's reply, a commitment
//! or the chair's notes (`Mode::Editor`): typing keeps a draft, storing records it.

use super::form::Form;
use super::picker::{Entry, Kind, Pick, Picker, Purpose};
use super::{App, Mode, Outcome};
use chrono::NaiveDate;

use crate::domain::minutes::{CommitmentDraft, Draft, DraftKind, PassageKind, RecordRef, Role};
use crate::i18n::Msg;
use crate::keymap::Action;

/// The word for a kind of passage in lists and questions: "conclusie", "debat", "reactie".
pub fn passage_word(kind: PassageKind) -> Msg {
    match kind {
        PassageKind::Finding => Msg::Conclusion,
        PassageKind::Debate => Msg::PassageDebate,
        PassageKind::Reply => Msg::PassageReply,
    }
}

impl App {
    pub(super) fn open_form(&mut self, kind: DraftKind, number: String) -> Outcome {
        if self.refused_read_only() {
            return Outcome::NONE;
        }
        let default_by = self.default_commitment_by(&number);
        let notes = self
            .minutes
            .item(&number)
            .and_then(|i| i.notes.clone())
            .unwrap_or_default();
        let form = Form::open(
            kind,
            &number,
            self.minutes.draft(kind, &number),
            &default_by,
            notes.trim_end(),
        );
        self.mode = Mode::Editor(form);
        Outcome::NONE
    }

    pub(super) fn update_editor(&mut self, action: Action) -> Outcome {
        let Mode::Editor(form) = &mut self.mode else {
            return Outcome::NONE;
        };
        if form.correcting.is_some() {
            return match action {
                Action::Store => self.store_correction(),
                Action::Close => {
                    self.mode = Mode::Normal;
                    Outcome::NONE
                }
                Action::NextField => {
                    form.next_field();
                    Outcome::NONE
                }
                Action::Input(key) => {
                    form.input(key);
                    Outcome::NONE
                }
                _ => Outcome::NONE,
            };
        }
        match action {
            Action::Input(key) if form.settling.is_some() => {
                form.input(key);
                Outcome::NONE
            }
            Action::NextField if form.settling.is_some() => {
                form.next_field();
                Outcome::NONE
            }
            Action::Close if form.settling.is_some() => {
                self.mode = Mode::Normal;
                Outcome::NONE
            }
            Action::Store if form.settling.is_some() => {
                let id = form.settling.clone().unwrap_or_default();
                let (how, ris_number) = (form.text(0), form.text(1));
                self.settle(&id, &how, &ris_number)
            }
            Action::Input(key) => {
                if form.input(key) {
                    let draft = form.to_draft();
                    self.minutes.keep_draft(draft);
                    return Outcome::DRAFT;
                }
                Outcome::NONE
            }
            Action::NextField => {
                form.next_field();
                Outcome::NONE
            }
            Action::Close => {
                let draft = form.to_draft();
                let key = match draft.kind {
                    DraftKind::Conclusion => "c",
                    DraftKind::Commitment => "t",
                    DraftKind::Notes => "e",
                    DraftKind::Debate => "D",
                    DraftKind::Reply => "W",
                };
                let has_text = !draft.text.trim().is_empty();
                self.mode = Mode::Normal;
                if has_text {
                    self.minutes.keep_draft(draft);
                    self.say(Msg::DraftKept, &[&key]);
                } else {
                    self.minutes.discard_draft(draft.kind, &draft.item);
                }
                Outcome::DRAFT
            }
            Action::Store => self.store_form(),
            _ => Outcome::NONE,
        }
    }

    pub(super) fn store_form(&mut self) -> Outcome {
        let Mode::Editor(form) = &self.mode else {
            return Outcome::NONE;
        };
        let draft = form.to_draft();
        let Some(due) = self.checked_draft(&draft) else {
            return Outcome::NONE;
        };
        let now = self.now;
        let number = draft.item.clone();
        let outcome = self.change(|m, meeting| match draft.kind {
            DraftKind::Conclusion | DraftKind::Debate | DraftKind::Reply => {
                let kind = draft.kind.passage().unwrap_or_default();
                m.add_passage(meeting, &number, kind, &draft.text, now)?;
                let said = match kind {
                    PassageKind::Finding => Msg::ConclusionRecorded,
                    PassageKind::Debate => Msg::DebateRecorded,
                    PassageKind::Reply => Msg::ReplyRecorded,
                };
                Ok((said, number.clone()))
            }
            DraftKind::Commitment => {
                let commitment = CommitmentDraft {
                    text: draft.text.clone(),
                    by: draft.by.clone().unwrap_or_default(),
                    due,
                };
                let id = m.add_commitment(meeting, &number, commitment, now)?;
                Ok((Msg::CommitmentRecorded, id))
            }
            DraftKind::Notes => {
                m.set_notes(meeting, &number, &draft.text)?;
                Ok((Msg::NotesStored, number.clone()))
            }
        });
        // Clearing notes is a change too, so only an empty conclusion or commitment stays open.
        if outcome.minutes_changed {
            self.minutes.discard_draft(draft.kind, &draft.item);
            self.mode = Mode::Normal;
            // A date typed "31 dec" is said back as the date it was read as.
            if let (DraftKind::Commitment, Some(due)) = (draft.kind, due) {
                let id = self
                    .minutes
                    .item(&number)
                    .and_then(|record| record.commitments.last())
                    .map(|c| c.id.clone())
                    .unwrap_or_default();
                let shown = self.lang.short_date(due);
                self.say(Msg::CommitmentRecordedDue, &[&id, &shown]);
            }
        }
        outcome
    }

    /// The stored conclusions and commitments of the highlighted item, to choose one to correct.
    pub(super) fn open_correction_list(&mut self) -> Outcome {
        if self.refused_read_only() {
            return Outcome::NONE;
        }
        let number = self.meeting.items[self.selected].number.clone();
        let Some(record) = self.minutes.item(&number) else {
            self.complain(Msg::NothingRecordedOn, &[&number]);
            return Outcome::NONE;
        };
        let mut entries = Vec::new();
        for (index, conclusion) in record.conclusions.iter().enumerate() {
            entries.push(Entry {
                label: conclusion.text.replace('\n', " "),
                detail: format!("{} {}", self.t(passage_word(conclusion.kind)), index + 1),
                context: None,
                kind: Kind::Record,
                pick: Pick::Correct(RecordRef::Conclusion {
                    item: number.clone(),
                    index,
                }),
            });
        }
        for commitment in &record.commitments {
            entries.push(Entry {
                label: format!("{}: {}", commitment.by, commitment.text.replace('\n', " ")),
                detail: format!("{} {}", self.t(Msg::Commitment), commitment.id),
                context: None,
                kind: Kind::Record,
                pick: Pick::Correct(RecordRef::Commitment {
                    item: number.clone(),
                    id: commitment.id.clone(),
                }),
            });
        }
        if entries.is_empty() {
            self.complain(Msg::NothingRecordedOn, &[&number]);
            return Outcome::NONE;
        }
        let title = self.fill(Msg::CorrectTitle, &[&number]);
        self.mode = Mode::Picker(Picker::new(Purpose::CorrectRecord, title, entries, None));
        Outcome::NONE
    }

    /// Opens the form of a stored record, filled with what was stored.
    pub(super) fn open_correction(&mut self, record: RecordRef) -> Outcome {
        let stored = self
            .minutes
            .item(record.item())
            .and_then(|item| match &record {
                RecordRef::Conclusion { index, .. } => item.conclusions.get(*index).map(|c| {
                    let kind = c.kind.draft_kind();
                    (kind, c.text.clone(), String::new(), String::new())
                }),
                RecordRef::Commitment { id, .. } => {
                    item.commitments.iter().find(|c| &c.id == id).map(|c| {
                        let due = c.due.map(|d| d.format("%Y-%m-%d").to_string());
                        let (text, by) = (c.text.clone(), c.by.clone());
                        (DraftKind::Commitment, text, by, due.unwrap_or_default())
                    })
                }
            });
        if let Some((kind, text, by, due)) = stored {
            self.mode = Mode::Editor(Form::correct(record, kind, &text, &by, &due));
        }
        Outcome::NONE
    }

    /// Stores a correction (undoable); an emptied text asks whether to remove the record.
    fn store_correction(&mut self) -> Outcome {
        let Mode::Editor(form) = &self.mode else {
            return Outcome::NONE;
        };
        let Some(record) = form.correcting.clone() else {
            return Outcome::NONE;
        };
        let draft = form.to_draft();
        if draft.text.trim().is_empty() {
            self.mode = Mode::Confirm(super::Question::RemoveRecord(record));
            return Outcome::NONE;
        }
        let Some(due) = self.checked_draft(&draft) else {
            return Outcome::NONE;
        };
        let outcome = self.change(|m, _| match &record {
            RecordRef::Conclusion { item, index } => {
                m.correct_conclusion(item, *index, &draft.text)?;
                Ok((Msg::RecordCorrected, draft.text.trim().replace('\n', " ")))
            }
            RecordRef::Commitment { item, id } => {
                let commitment = CommitmentDraft {
                    text: draft.text.clone(),
                    by: draft.by.clone().unwrap_or_default(),
                    due,
                };
                m.correct_commitment(item, id, commitment)?;
                Ok((Msg::RecordCorrected, id.clone()))
            }
        });
        if outcome.minutes_changed {
            self.mode = Mode::Normal;
        }
        outcome
    }

    /// What a form may store, for a new record and a correction alike: a text within the
    /// minutes' cap and a due date that is a date. `None` (the user told why) when not; else
    /// the due date read, if one was given.
    fn checked_draft(&mut self, draft: &Draft) -> Option<Option<NaiveDate>> {
        let longest = crate::store::minutes_file::MAX_TEXT_BYTES;
        if draft.text.len() > longest {
            let kib = |bytes: usize| bytes.div_ceil(1024);
            self.complain(Msg::TextTooLong, &[&kib(draft.text.len()), &kib(longest)]);
            return None;
        }
        match draft.due.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(text) => match crate::domain::due::parse_due(text, self.meeting.date) {
                Some(date) => Some(Some(date)),
                None => {
                    self.complain(Msg::BadDueDate, &[]);
                    None
                }
            },
        }
    }

    /// Who a commitment is from unless the clerk says otherwise: the portfolio holder who spoke
    /// last on the item (when an item has two, the one who answered), else the first one listed.
    pub(super) fn default_commitment_by(&self, number: &str) -> String {
        let last_holder_speaking = self.minutes.item(number).and_then(|record| {
            record
                .rounds
                .iter()
                .flat_map(|round| &round.speakers)
                .filter(|speech| {
                    speech.role == Role::PortfolioHolder && speech.started_at.is_some()
                })
                .max_by_key(|speech| speech.started_at)
                .map(|speech| speech.name.clone())
        });
        last_holder_speaking
            .or_else(|| {
                self.meeting
                    .item(number)
                    .and_then(|item| item.portfolio_holders.first().cloned())
            })
            .unwrap_or_default()
    }
}

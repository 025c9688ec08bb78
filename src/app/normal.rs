//! The live console's keys (`Mode::Normal`): moving through the agenda, the item's clock and
//! speakers, and the keys that open a form, a list, a sheet or a document.

use std::path::PathBuf;
use std::sync::Arc;

use super::index::IndexedAttachment;
use super::picker::{Picker, Purpose};
use super::{App, Flash, Focus, Mode, Outcome, Question, decision};
use crate::domain::meeting::format_seconds;
use crate::domain::minutes::{DraftKind, Refusal};
use crate::domain::speaking;
use crate::i18n::Msg;
use crate::keymap::Action;

impl App {
    pub(super) fn update_normal(&mut self, action: Action) -> Outcome {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => self.navigate(action),
            Action::ToggleAgenda => {
                self.agenda_folded = !self.agenda_folded;
                Outcome::NONE
            }
            Action::TakeUp
            | Action::StopItem
            | Action::ToggleSpeaker
            | Action::NextSpeaker
            | Action::NewRound
            | Action::ExtraTime
            | Action::Adjourn => self.run_clock(action),
            Action::AddSpeaker
            | Action::ToggleFocus
            | Action::MoveSpeakerUp
            | Action::MoveSpeakerDown
            | Action::RemoveSpeaker
            | Action::ReaddSpeaker
            | Action::ToggleList
            | Action::Interrupt => self.arrange_speakers(action),
            Action::Undo => self.undo_last(),
            _ => self.open_for(action),
        }
    }

    /// Moving through the agenda, the speakers (when they have the focus) and the item pane.
    fn navigate(&mut self, action: Action) -> Outcome {
        match action {
            Action::Up | Action::Down if self.focus == Focus::Speakers => {
                let count = self.current_round_len();
                self.speaker_cursor = match action {
                    Action::Up => self.speaker_cursor.saturating_sub(1),
                    _ => (self.speaker_cursor + 1).min(count.saturating_sub(1)),
                };
                Outcome::NONE
            }
            Action::Up | Action::Down => {
                let last = self.meeting.items.len() - 1;
                self.selected = match action {
                    Action::Up => self.selected.saturating_sub(1),
                    _ => (self.selected + 1).min(last),
                };
                self.item_scroll = 0;
                self.found_record = None;
                Outcome::NONE
            }
            Action::PageUp => {
                self.item_scroll = self.item_scroll.saturating_sub(self.page());
                Outcome::NONE
            }
            Action::PageDown => {
                let limit = self.item_scroll_limit;
                self.item_scroll = self.item_scroll.saturating_add(self.page()).min(limit);
                Outcome::NONE
            }
            _ => Outcome::NONE,
        }
    }

    /// The item's and the speakers' clock: take up, speak, pause, next, a new round, extra time, adjourn, stop.
    fn run_clock(&mut self, action: Action) -> Outcome {
        let now = self.now;
        let selected_number = self.meeting.items[self.selected].number.clone();
        match action {
            Action::TakeUp => self.change(|m, meeting| {
                m.take_up(meeting, &selected_number, now)?;
                Ok((Msg::TakenUp, selected_number))
            }),
            Action::StopItem => self.change(|m, _| {
                let number = m
                    .running_item()
                    .map(|i| i.number.clone())
                    .unwrap_or_default();
                m.stop_running_item(now)?;
                Ok((Msg::ItemStopped, number))
            }),
            Action::ToggleSpeaker => self.change(|m, _| {
                m.toggle_speaker(now)?;
                let speech = m
                    .running_item()
                    .and_then(|i| i.current_speech())
                    .ok_or(Refusal::NoSpeaker)?;
                let msg = if speech.is_speaking() {
                    Msg::SpeakerStarted
                } else {
                    Msg::SpeakerPaused
                };
                Ok((msg, speech.name.clone()))
            }),
            Action::NextSpeaker => self.change(|m, _| {
                m.next_speaker(now)?;
                if let Some(speech) = m.running_item().and_then(|i| i.current_speech()) {
                    // After an interruption the interrupted speaker resumes: say so.
                    let resumed = speech.seconds > 0;
                    if resumed {
                        return Ok((Msg::SpeakerResumed, speech.name.clone()));
                    }
                }
                Ok(match m.running_item().and_then(|i| i.current_speech()) {
                    Some(next) => (Msg::SpeakerStarted, next.name.clone()),
                    None => (Msg::NextSpeakerNone, String::new()),
                })
            }),
            Action::NewRound => self.change(|m, _| {
                m.new_round(now)?;
                let rounds = m.running_item().map_or(0, |i| i.rounds.len());
                Ok((Msg::NewRoundStarted, rounds.to_string()))
            }),
            Action::ExtraTime => {
                let seconds = self.settings.extra_time;
                let faction = self.faction_for_extra_time();
                let outcome = self.change(|m, _| {
                    let faction = faction.clone().ok_or(Refusal::NoFaction)?;
                    m.grant_extra_time(&faction, seconds, now)?;
                    Ok((
                        Msg::ExtraTimeGranted,
                        format!("{faction} +{}", format_seconds(seconds as i64)),
                    ))
                });
                // Say to whom and what it comes to: the faction's time left on the item now.
                if let Some(faction) = faction.filter(|_| outcome.minutes_changed) {
                    let left = self.minutes.running_item().and_then(|record| {
                        let item = self.meeting.item(&record.number)?;
                        speaking::usage_of(&self.meeting, item, record, &faction, now)?.remaining()
                    });
                    if let Some(left) = left {
                        let granted = format_seconds(seconds as i64);
                        let left = if left < 0 {
                            self.fill(Msg::Over, &[&format!("+{}", format_seconds(-left))])
                        } else {
                            self.fill(Msg::Left, &[&format_seconds(left)])
                        };
                        self.say(Msg::ExtraTimeGrantedTo, &[&faction, &granted, &left]);
                    }
                }
                outcome
            }
            Action::Adjourn => {
                self.change(|m, _| Ok((Msg::Adjourned, m.adjourn_running_item(now)?)))
            }
            _ => Outcome::NONE,
        }
    }

    /// The list of speakers: add, interrupt, reorder, remove, close the list, move the focus.
    fn arrange_speakers(&mut self, action: Action) -> Outcome {
        match action {
            Action::AddSpeaker => {
                match self.minutes.running_item() {
                    None => self.complain(Msg::TakeUpFirst, &[]),
                    Some(running) => {
                        let number = running.number.clone();
                        let title = self.fill(Msg::AddSpeakerTitle, &[&number]);
                        let entries = self.speaker_entries(&number);
                        let as_typed = self.t(Msg::AsTyped).to_string();
                        self.mode = Mode::Picker(Picker::new(
                            Purpose::Speaker,
                            title,
                            entries,
                            Some(as_typed),
                        ));
                    }
                }
                Outcome::NONE
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Agenda if self.current_round_len() > 0 => {
                        self.speaker_cursor = self
                            .minutes
                            .running_item()
                            .and_then(|i| i.current_speech_index())
                            .unwrap_or(0);
                        Focus::Speakers
                    }
                    _ => Focus::Agenda,
                };
                // The footer shows the live console's keys; say what works in the list.
                let hint = match self.focus {
                    Focus::Speakers => Msg::SpeakersFocused,
                    Focus::Agenda => Msg::AgendaFocused,
                };
                self.say(hint, &[]);
                Outcome::NONE
            }
            Action::MoveSpeakerUp | Action::MoveSpeakerDown => {
                let index = self.speaker_cursor;
                let down = action == Action::MoveSpeakerDown;
                let mut moved_to = index;
                let outcome = self.change(|m, _| {
                    moved_to = m.move_speaker(index, down)?;
                    let name = m
                        .running_item()
                        .and_then(|i| i.current_round())
                        .map(|r| r.speakers[moved_to].name.clone());
                    Ok((Msg::SpeakerMoved, name.unwrap_or_default()))
                });
                self.speaker_cursor = moved_to;
                outcome
            }
            Action::RemoveSpeaker => {
                let index = self.speaker_cursor;
                let outcome =
                    self.change(|m, _| Ok((Msg::SpeakerRemoved, m.remove_speaker(index)?)));
                self.speaker_cursor = self
                    .speaker_cursor
                    .min(self.current_round_len().saturating_sub(1));
                outcome
            }
            Action::ReaddSpeaker => {
                self.change(|m, _| Ok((Msg::SpeakerAdded, m.readd_last_speaker()?)))
            }
            Action::ToggleList => self.change(|m, _| {
                let closed = m.toggle_list_closed()?;
                Ok((
                    if closed {
                        Msg::ListClosed
                    } else {
                        Msg::ListReopened
                    },
                    String::new(),
                ))
            }),
            Action::Interrupt => {
                match self.minutes.running_item() {
                    None => self.complain(Msg::TakeUpFirst, &[]),
                    Some(running) if !running.current_speech().is_some_and(|s| s.is_speaking()) => {
                        self.complain(Msg::NobodySpeaking, &[])
                    }
                    Some(running) => {
                        let number = running.number.clone();
                        let interrupted = running
                            .current_speech()
                            .map(|s| s.name.clone())
                            .unwrap_or_default();
                        let title = self.fill(Msg::InterruptTitle, &[&interrupted]);
                        let entries = self.speaker_entries(&number);
                        let as_typed = self.t(Msg::AsTyped).to_string();
                        self.mode = Mode::Picker(Picker::new(
                            Purpose::Interruption,
                            title,
                            entries,
                            Some(as_typed),
                        ));
                    }
                }
                Outcome::NONE
            }
            _ => Outcome::NONE,
        }
    }

    /// `u`: back to the minutes before the last change.
    pub(super) fn undo_last(&mut self) -> Outcome {
        let Some((previous, after, what)) = self.undo.pop() else {
            self.complain(Msg::NothingToUndo, &[]);
            return Outcome::NONE;
        };
        // Taking back a change of the clock is a change of the clock: a seat that no longer
        // runs it is asked first, as for any clock key, and the step waits on the stack.
        if let (Some(seat), Some(after)) = (&self.seat, &after)
            && !seat.holds_clock()
            && crate::seats::clock_changed(after, &previous).is_some()
        {
            let holder = seat.clock_holder.clone();
            self.undo.push((previous, Some(after.clone()), what));
            self.mode = Mode::Confirm(Question::TakeClock {
                holder,
                action: Box::new(Action::Undo),
            });
            return Outcome::NONE;
        }
        // Drafts are not facts: undo leaves what is being typed alone.
        let drafts = std::mem::take(&mut self.minutes.drafts);
        if let (Some(seat), Some(after)) = (&mut self.seat, after) {
            // A seat takes back its own change only: the loop applies (after -> before) to
            // the merged minutes, where the other seat's records since then stay.
            seat.undone = Some((after, previous.clone()));
        }
        self.minutes = previous;
        self.minutes.drafts = drafts;
        self.flash = Some(Flash {
            text: format!("{} {what}", self.t(Msg::Undone)),
            is_error: false,
        });
        Outcome::CHANGED
    }

    /// The keys that open something: a form, a list, a sheet, a question, a document, help.
    fn open_for(&mut self, action: Action) -> Outcome {
        let selected_number = self.meeting.items[self.selected].number.clone();
        match action {
            Action::RecordConclusion => {
                self.open_form(DraftKind::Conclusion, self.current_item_number())
            }
            Action::RecordDebate => self.open_form(DraftKind::Debate, self.current_item_number()),
            Action::RecordReply => self.open_form(DraftKind::Reply, self.current_item_number()),
            Action::RecordCommitment => {
                self.open_form(DraftKind::Commitment, self.current_item_number())
            }
            Action::EditNotes => self.open_form(DraftKind::Notes, selected_number),
            Action::CorrectRecord => self.open_correction_list(),
            Action::Skip => self.change(|m, meeting| {
                let skipped = m.toggle_skipped(meeting, &selected_number)?;
                let msg = if skipped {
                    Msg::ItemSkipped
                } else {
                    Msg::ItemUnskipped
                };
                Ok((msg, selected_number))
            }),
            Action::OpenAttachments => self.open_attachment_list(Purpose::Attachment),
            Action::OpenExternal => self.open_attachment_list(Purpose::External),
            Action::OwedCommitments => self.open_owed_commitments(),
            Action::Attendance => {
                self.mode = Mode::Attendance(decision::AttendanceSheet::default());
                Outcome::NONE
            }
            Action::Vote => self.ask_vote(),
            Action::ExportMinutes => {
                self.export_beside();
                Outcome::NONE
            }
            Action::Search => {
                let title = self.t(Msg::SearchTitle).to_string();
                let mut picker = Picker::new(Purpose::Search, title, self.search_entries(), None);
                // Attachment lines in agenda order, shared with the index rather than copied.
                let mut indexed: Vec<&IndexedAttachment> = self.attachments.values().collect();
                indexed.sort_by_key(|a| (a.item, a.index));
                for attachment in indexed {
                    picker.add_indexed(
                        Arc::clone(&attachment.entries),
                        Arc::clone(&attachment.candidates),
                    );
                }
                picker.refilter();
                self.mode = Mode::Picker(picker);
                Outcome::NONE
            }
            Action::CloseMeeting => {
                self.mode = Mode::Confirm(if self.minutes.closed_at.is_some() {
                    Question::ReopenMeeting
                } else {
                    Question::CloseMeeting
                });
                Outcome::NONE
            }
            Action::Totals => {
                self.mode = Mode::Totals {
                    whole_meeting: self.minutes.running_item().is_none(),
                };
                Outcome::NONE
            }
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
                Outcome::NONE
            }
            Action::Quit => {
                self.quit = true;
                Outcome::NONE
            }
            _ => Outcome::NONE,
        }
    }

    /// How many speakers the running item's current round has (the speakers' cursor stays inside).
    pub(super) fn current_round_len(&self) -> usize {
        self.minutes
            .running_item()
            .and_then(|i| i.current_round())
            .map_or(0, |r| r.speakers.len())
    }

    /// Extra time goes to the highlighted speaker's faction, else the current speaker's.
    pub(super) fn faction_for_extra_time(&self) -> Option<String> {
        let record = self.minutes.running_item()?;
        let speech = match self.focus {
            Focus::Speakers => record.current_round()?.speakers.get(self.speaker_cursor),
            Focus::Agenda => record.current_speech(),
        }?;
        speaking::counts_for(speech).map(str::to_string)
    }

    /// Once the meeting is closed: the terugblik files `X` wrote beside the meeting file while it
    /// was open still say concept; the flash says so, and that `X` writes them final. (They are
    /// not rewritten unasked: what the clerk shares stays the clerk's choice.)
    pub(super) fn say_concepts_beside(&mut self) {
        if self.minutes.closed_at.is_none() {
            return;
        }
        let meeting_file = self.meeting_dir.join(&self.minutes.meeting);
        let paths = crate::export::beside_paths(&meeting_file);
        // The Markdown one tells: it holds the concept line as written, in either language.
        let says_concept = paths.first().is_some_and(|markdown| {
            std::fs::read_to_string(markdown).is_ok_and(|text| {
                [crate::i18n::Lang::Nl, crate::i18n::Lang::En]
                    .iter()
                    .any(|&lang| text.contains(&crate::export::markdown::draft_line(lang)))
            })
        });
        // One line at 80 columns: the closing time and what to do, not the files' long names.
        if let (true, Some(flash), Some(closed)) =
            (says_concept, self.flash.as_mut(), self.minutes.closed_at)
        {
            let at = closed.format("%H:%M").to_string();
            flash.text = Msg::ConceptsBeside.fill(self.lang, &[&at]);
        }
    }

    /// Writes the korte terugblik of what is on screen beside the meeting file, as `gavel export`
    /// would from the saved minutes (they are the same: every change is saved at once).
    pub(super) fn export_beside(&mut self) {
        let meeting_file = self.meeting_dir.join(&self.minutes.meeting);
        // The documents speak the meeting's language; the console's screens speak `self.lang`.
        let options = crate::export::Options {
            lang: self.meeting.document_lang(),
            with_notes: false,
            with_contacts: false,
        };
        match crate::export::write_beside(&meeting_file, &self.meeting, &self.minutes, options) {
            Ok(paths) => {
                let names = shown_names(&paths);
                if self.minutes.closed_at.is_some() {
                    self.say(Msg::ExportedBeside, &[&names]);
                } else {
                    self.say(Msg::ExportedDraft, &[&names]);
                }
            }
            Err(error) => {
                let error = crate::i18n::translate(&error.to_string(), self.lang);
                self.complain(Msg::ExportFailed, &[&error]);
            }
        }
    }
}

/// "x.terugblik.md, .html, .docx": the name once, then the other extensions.
fn shown_names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let shown = if i == 0 { p.file_name() } else { p.extension() };
            let shown = shown?.to_string_lossy();
            Some(if i == 0 {
                shown.into_owned()
            } else {
                format!(".{shown}")
            })
        })
        .collect();
    names.join(", ")
}

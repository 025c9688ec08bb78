//! The console's state and the one place it changes: `App::update(action, now)`.

mod commitments;
pub mod decision;
pub mod form;
pub mod index;
pub mod picker;
pub mod reader;

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::meeting::{Item, Meeting, format_seconds};
use crate::domain::minutes::{
    CommitmentDraft, DraftKind, Minutes, Refusal, Role, SpeakerChoice, Timestamp,
};
use crate::domain::speaking;
use crate::i18n::{Lang, Msg};
use crate::keymap::{Action, ModeKind};
use crate::sanitize::for_terminal;
use crate::store::attachments::{self, NotRead, NotRegular, read_lines};
use form::Form;
use index::IndexedAttachment;
use picker::{Entry, Kind, Pick, Picker, Purpose};
use reader::Reader;

/// What is on top of the screen.
#[allow(clippy::large_enum_variant)] // one lives at a time; boxing would only add noise
pub enum Mode {
    Normal,
    Help,
    Picker(Picker),
    Editor(Form),
    Reader(Reader),
    /// Speaking time per faction and speaker: of the current item, or of the whole meeting.
    Totals {
        whole_meeting: bool,
    },
    /// A question that needs `y` before anything happens.
    Confirm(Question),
    /// The presentielijst (`p`).
    Attendance(decision::AttendanceSheet),
    /// A vote being marked (`v`).
    Vote(decision::VoteSheet),
}

/// What the confirmation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    CloseMeeting,
    ReopenMeeting,
    /// Open in the system's viewer a file outside the meeting's folder (absolute, resolved).
    OpenOutside(PathBuf),
    /// Open in the system's viewer a file that could run a program (absolute, resolved).
    OpenRunnable(PathBuf),
}

/// Where ↑/↓ go in the live console: the agenda or the list of speakers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Agenda,
    Speakers,
}

/// How the chair wants speaking time watched (command line options).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Warn this many seconds before a faction's budget runs out.
    pub warn_before: u64,
    /// Ring the terminal bell once with that warning.
    pub bell: bool,
    /// Seconds of extra time one press of `+` grants.
    pub extra_time: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            warn_before: 30,
            bell: true,
            extra_time: 60,
        }
    }
}

/// The last message for the user, after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub is_error: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing written yet in this run.
    Idle,
    Saved(Timestamp),
    Failed(String),
}

/// What an update did, so the loop knows whether to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    /// A recorded fact changed: save at once.
    pub minutes_changed: bool,
    /// Only a draft changed: save soon (debounced while typing).
    pub draft_changed: bool,
    /// A speaking-time warning fell due: ring the terminal bell.
    pub bell: bool,
}

impl Outcome {
    const NONE: Outcome = Outcome {
        minutes_changed: false,
        draft_changed: false,
        bell: false,
    };
    const CHANGED: Outcome = Outcome {
        minutes_changed: true,
        ..Outcome::NONE
    };
    const DRAFT: Outcome = Outcome {
        draft_changed: true,
        ..Outcome::NONE
    };
}

pub struct App {
    pub meeting: Meeting,
    /// The folder of the meeting file: attachment paths are relative to it.
    pub meeting_dir: PathBuf,
    pub minutes: Minutes,
    pub lang: Lang,
    pub now: Timestamp,
    /// Index into `meeting.items` of the highlighted agenda row.
    pub selected: usize,
    /// First line shown in the item pane.
    pub item_scroll: u16,
    pub mode: Mode,
    pub flash: Option<Flash>,
    pub save_state: SaveState,
    /// Rows of the terminal, for paging.
    pub screen_rows: u16,
    /// Columns of the terminal: the item pane's text is wrapped to its share of them.
    pub screen_cols: u16,
    pub focus: Focus,
    /// First line shown on the help screen.
    pub help_scroll: u16,
    /// Index in the current round of the highlighted speaker, when the speakers have the focus.
    pub speaker_cursor: usize,
    pub settings: Settings,
    /// Attachment texts indexed so far (in the background), by item and attachment index.
    pub attachments: HashMap<(usize, usize), IndexedAttachment>,
    /// A recorded text the search palette jumped to: the item pane marks it.
    pub found_record: Option<String>,
    /// The commitments register of the meeting's folder, if it could be read.
    pub register: Option<crate::register::Register>,
    /// Budget warnings already given, per item, faction and allowed seconds: each rings once,
    /// and extra time (a new allowance) arms it again.
    warned: HashSet<(String, String, u64)>,
    undo: Vec<(Minutes, String)>,
    quit: bool,
    /// Set when the minutes cannot be written (a read-only folder): why, in the user's words.
    /// Reading and preparing go on; every recording action is refused with this text.
    pub read_only: Option<String>,
}

impl App {
    pub fn new(
        meeting: Meeting,
        meeting_dir: PathBuf,
        minutes: Minutes,
        lang: Lang,
        now: Timestamp,
    ) -> App {
        let selected = minutes
            .running_item()
            .and_then(|running| meeting.index_of(&running.number))
            .unwrap_or(0);
        let mut app = App {
            meeting,
            meeting_dir,
            minutes,
            lang,
            now,
            selected,
            item_scroll: 0,
            mode: Mode::Normal,
            flash: None,
            save_state: SaveState::Idle,
            screen_rows: 24,
            screen_cols: 80,
            focus: Focus::Agenda,
            help_scroll: 0,
            speaker_cursor: 0,
            settings: Settings::default(),
            attachments: HashMap::new(),
            found_record: None,
            register: None,
            warned: HashSet::new(),
            undo: Vec::new(),
            quit: false,
            read_only: None,
        };
        let orphans: Vec<String> = app
            .minutes
            .items
            .iter()
            .filter(|i| app.meeting.item(&i.number).is_none())
            .map(|i| i.number.clone())
            .collect();
        if !orphans.is_empty() {
            app.complain(Msg::OrphanItems, &[&orphans.join(", ")]);
        } else if let Some(running) = app.minutes.running_item() {
            let number = running.number.clone();
            app.say(Msg::Resumed, &[&number]);
        } else if !app.minutes.drafts.is_empty() {
            let count = app.minutes.drafts.len();
            app.say(Msg::DraftsWaiting, &[&count]);
        }
        app
    }

    /// Tells the user at start-up that the meeting file has warnings, unless something else is
    /// more urgent.
    pub fn with_meeting_warnings(mut self, count: usize) -> App {
        if count > 0 && self.flash.is_none() {
            self.say(Msg::MeetingWarnings, &[&count]);
        }
        self
    }

    /// Starts the console read-only: `why` is shown now and whenever a recording is refused.
    pub fn with_read_only(mut self, why: String) -> App {
        self.flash = Some(Flash {
            text: why.clone(),
            is_error: true,
        });
        self.read_only = Some(why);
        self
    }

    /// Shows an error that comes from outside the state (the store's), until the next message.
    pub fn show_error(&mut self, text: String) {
        self.flash = Some(Flash {
            text,
            is_error: true,
        });
    }

    /// In a read-only console: refuses a recording action with the reason; `true` when refused.
    fn refused_read_only(&mut self) -> bool {
        let Some(why) = self.read_only.clone() else {
            return false;
        };
        self.show_error(why);
        true
    }

    pub fn with_settings(mut self, settings: Settings) -> App {
        self.settings = settings;
        self
    }

    /// Whether work is under way whose result should be drawn soon (a long list being ranked).
    pub fn is_busy(&self) -> bool {
        matches!(&self.mode, Mode::Picker(picker) if picker.is_ranking() || picker.stale)
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn mode_kind(&self) -> ModeKind {
        match self.mode {
            Mode::Normal => ModeKind::Normal,
            Mode::Help => ModeKind::Help,
            Mode::Picker(_) => ModeKind::Picker,
            Mode::Editor(_) => ModeKind::Editor,
            Mode::Reader(Reader { query: Some(_), .. }) => ModeKind::ReaderQuery,
            Mode::Reader(_) => ModeKind::Reader,
            Mode::Totals { .. } => ModeKind::Totals,
            Mode::Confirm(_) => ModeKind::Confirm,
            Mode::Attendance(_) => ModeKind::Attendance,
            Mode::Vote(_) => ModeKind::Vote,
        }
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }

    pub fn fill(&self, msg: Msg, args: &[&dyn Display]) -> String {
        msg.fill(self.lang, args)
    }

    fn say(&mut self, msg: Msg, args: &[&dyn Display]) {
        self.flash = Some(Flash {
            text: msg.fill(self.lang, args),
            is_error: false,
        });
    }

    fn complain(&mut self, msg: Msg, args: &[&dyn Display]) {
        self.flash = Some(Flash {
            text: msg.fill(self.lang, args),
            is_error: true,
        });
    }

    /// The item that `c` and `t` record for: the running one, else the highlighted one.
    pub fn current_item_number(&self) -> String {
        self.minutes
            .running_item()
            .filter(|i| self.meeting.item(&i.number).is_some())
            .map(|i| i.number.clone())
            .unwrap_or_else(|| self.meeting.items[self.selected].number.clone())
    }

    /// Records the result of saving, for the footer.
    pub fn note_save(&mut self, result: Result<(), String>) {
        self.save_state = match result {
            Ok(()) => SaveState::Saved(self.now),
            Err(error) => SaveState::Failed(error),
        };
    }

    /// Applies one action. Every change to the minutes goes through `change`, which keeps undo.
    pub fn update(&mut self, action: Action, now: Timestamp) -> Outcome {
        self.now = now;
        if action == Action::Tick {
            // Keys typed into a list since the last frame are ranked once, before it is drawn
            // (a long list on a worker, whose results are taken here when ready).
            if let Mode::Picker(picker) = &mut self.mode {
                picker.poll();
                picker.refresh();
            }
            return self.watch_speaking_time();
        }
        if let Action::AttachmentIndexed(indexed) = action {
            self.attachment_indexed(indexed);
            return Outcome::NONE;
        }
        if let Action::RegisterScanned(register) = action {
            self.take_register(register);
            return Outcome::NONE;
        }
        if matches!(self.mode, Mode::Normal) && is_recording(&action) && self.refused_read_only() {
            return Outcome::NONE;
        }
        match self.mode {
            Mode::Normal => self.update_normal(action),
            Mode::Help => {
                let page = self.page();
                self.help_scroll = match action {
                    Action::Up => self.help_scroll.saturating_sub(1),
                    Action::Down => self.help_scroll.saturating_add(1).min(80),
                    Action::PageUp => self.help_scroll.saturating_sub(page),
                    Action::PageDown => self.help_scroll.saturating_add(page).min(80),
                    _ => self.help_scroll,
                };
                if action == Action::Close {
                    self.mode = Mode::Normal;
                }
                Outcome::NONE
            }
            Mode::Picker(_) => self.update_picker(action),
            Mode::Editor(_) => self.update_editor(action),
            Mode::Reader(_) => self.update_reader(action),
            Mode::Totals { whole_meeting } => {
                match action {
                    Action::NextField => {
                        self.mode = Mode::Totals {
                            whole_meeting: !whole_meeting,
                        }
                    }
                    Action::Close => self.mode = Mode::Normal,
                    _ => {}
                }
                Outcome::NONE
            }
            Mode::Confirm(ref question) => self.update_confirm(question.clone(), action),
            Mode::Attendance(_) => self.update_attendance(action),
            Mode::Vote(_) => self.update_vote(action),
        }
    }

    /// Keeps an indexed attachment; an open search palette can find its lines at once.
    fn attachment_indexed(&mut self, indexed: IndexedAttachment) {
        if let Mode::Picker(picker) = &mut self.mode
            && picker.purpose == Purpose::Search
        {
            picker.add_indexed(
                Arc::clone(&indexed.entries),
                Arc::clone(&indexed.candidates),
            );
        }
        self.attachments
            .insert((indexed.item, indexed.index), indexed);
    }

    /// Warns once when the speaker's faction is about to run out of time, and rings the bell.
    fn watch_speaking_time(&mut self) -> Outcome {
        let Some((faction, remaining, allowed)) = self.speaking_faction_left() else {
            return Outcome::NONE;
        };
        let number = self
            .minutes
            .running_item()
            .map(|i| i.number.clone())
            .unwrap_or_default();
        let key = (number, faction.clone(), allowed);
        if remaining > self.settings.warn_before as i64 || self.warned.contains(&key) {
            return Outcome::NONE;
        }
        self.warned.insert(key);
        if remaining < 0 {
            self.complain(Msg::TimeUp, &[&faction, &format_seconds(-remaining)]);
        } else {
            self.complain(Msg::TimeAlmostUp, &[&faction, &format_seconds(remaining)]);
        }
        Outcome {
            bell: self.settings.bell,
            ..Outcome::NONE
        }
    }

    /// The faction of whoever is speaking on the running item, with its time left and allowance.
    pub fn speaking_faction_left(&self) -> Option<(String, i64, u64)> {
        let record = self.minutes.running_item()?;
        let speech = record.current_speech().filter(|s| s.is_speaking())?;
        let faction = speaking::counts_for(speech)?;
        let item = self.meeting.item(&record.number)?;
        let usage = speaking::usage_of(&self.meeting, item, record, faction, self.now)?;
        let allowed = usage.budget? + usage.extra;
        Some((faction.to_string(), usage.remaining()?, allowed))
    }

    fn update_confirm(&mut self, question: Question, action: Action) -> Outcome {
        self.mode = Mode::Normal;
        if action != Action::Confirm {
            return Outcome::NONE;
        }
        let now = self.now;
        match question {
            Question::CloseMeeting => self.change(|m, _| {
                m.close_meeting(now)?;
                Ok((Msg::MeetingClosedAt, now.format("%H:%M").to_string()))
            }),
            Question::ReopenMeeting => self.change(|m, _| {
                m.reopen_meeting()?;
                Ok((Msg::MeetingReopened, String::new()))
            }),
            Question::OpenOutside(path) | Question::OpenRunnable(path) => {
                self.start_viewer(&path);
                Outcome::NONE
            }
        }
    }

    /// Runs a change on the minutes; on success it can be undone, on refusal the user is told why.
    fn change(
        &mut self,
        change: impl FnOnce(&mut Minutes, &Meeting) -> Result<(Msg, String), Refusal>,
    ) -> Outcome {
        if self.refused_read_only() {
            return Outcome::NONE;
        }
        let before = self.minutes.clone();
        match change(&mut self.minutes, &self.meeting) {
            Ok((msg, arg)) => {
                let text = msg.fill(self.lang, &[&arg]);
                self.undo.push((before, text.clone()));
                self.flash = Some(Flash {
                    text,
                    is_error: false,
                });
                Outcome::CHANGED
            }
            Err(refusal) => {
                self.minutes = before;
                let (msg, arg) = match refusal {
                    Refusal::NoItemRunning => (Msg::TakeUpFirst, String::new()),
                    Refusal::AlreadyRunning => (
                        Msg::AlreadyRunning,
                        self.meeting.items[self.selected].number.clone(),
                    ),
                    Refusal::NoSpeaker => (Msg::NoSpeakerInLine, String::new()),
                    Refusal::EmptyText => (Msg::EmptyText, String::new()),
                    Refusal::UnknownItem => (Msg::TakeUpFirst, String::new()),
                    Refusal::ListClosed => (Msg::ListIsClosed, String::new()),
                    Refusal::NobodySpeaking => (Msg::NobodySpeaking, String::new()),
                    Refusal::AlreadyInterrupted => (Msg::AlreadyInterrupted, String::new()),
                    Refusal::NotWaiting => (Msg::NotWaiting, String::new()),
                    Refusal::NoFinishedSpeaker => (Msg::NoFinishedSpeaker, String::new()),
                    Refusal::MeetingClosed => (Msg::MeetingIsClosed, String::new()),
                    Refusal::MeetingNotClosed => (Msg::MeetingIsClosed, String::new()),
                    Refusal::NoFaction => (Msg::NoFactionToGrant, String::new()),
                    Refusal::NotPresent => (Msg::NotOnTheList, String::new()),
                };
                self.complain(msg, &[&arg]);
                Outcome::NONE
            }
        }
    }

    fn update_normal(&mut self, action: Action) -> Outcome {
        let now = self.now;
        let selected_number = self.meeting.items[self.selected].number.clone();
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
                // The pane's length follows from its width: the view lays it out, as it draws it.
                let limit = crate::ui::item_scroll_limit(self, self.screen_cols, self.screen_rows);
                self.item_scroll = self.item_scroll.saturating_add(self.page()).min(limit);
                Outcome::NONE
            }
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
            Action::RecordConclusion => {
                self.open_form(DraftKind::Conclusion, self.current_item_number())
            }
            Action::RecordCommitment => {
                self.open_form(DraftKind::Commitment, self.current_item_number())
            }
            Action::EditNotes => self.open_form(DraftKind::Notes, selected_number),
            Action::OpenAttachments => self.open_attachment_list(Purpose::Attachment),
            Action::OpenExternal => self.open_attachment_list(Purpose::External),
            Action::OwedCommitments => self.open_owed_commitments(),
            Action::Attendance => {
                self.mode = Mode::Attendance(decision::AttendanceSheet::default());
                Outcome::NONE
            }
            Action::Vote => self.open_vote(),
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
            Action::Undo => match self.undo.pop() {
                Some((previous, what)) => {
                    // Drafts are not facts: undo leaves what is being typed alone.
                    let drafts = std::mem::take(&mut self.minutes.drafts);
                    self.minutes = previous;
                    self.minutes.drafts = drafts;
                    self.flash = Some(Flash {
                        text: format!("{} {what}", self.t(Msg::Undone)),
                        is_error: false,
                    });
                    Outcome::CHANGED
                }
                None => {
                    self.complain(Msg::NothingToUndo, &[]);
                    Outcome::NONE
                }
            },
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
            Action::ExtraTime => {
                let seconds = self.settings.extra_time;
                let faction = self.faction_for_extra_time();
                self.change(|m, _| {
                    let faction = faction.ok_or(Refusal::NoFaction)?;
                    m.grant_extra_time(&faction, seconds, now)?;
                    Ok((
                        Msg::ExtraTimeGranted,
                        format!("{faction} +{}", format_seconds(seconds as i64)),
                    ))
                })
            }
            Action::Adjourn => {
                self.change(|m, _| Ok((Msg::Adjourned, m.adjourn_running_item(now)?)))
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

    /// The selected item's attachments to choose from: all of them to read (`b`), or those with a
    /// file to open in the system's viewer (`o`).
    fn open_attachment_list(&mut self, purpose: Purpose) -> Outcome {
        let number = self.meeting.items[self.selected].number.clone();
        let external = purpose == Purpose::External;
        let entries: Vec<Entry> = self.meeting.items[self.selected]
            .attachments
            .iter()
            .enumerate()
            .filter(|(_, a)| !external || a.file.is_some())
            .map(|(index, a)| Entry {
                label: a.title.clone(),
                detail: {
                    let detail = if external { &a.file } else { &a.kind };
                    let detail = detail.clone().unwrap_or_default();
                    // A file outside the folder is listed, with a warning: it is not read.
                    let outside = a.file.as_deref().is_some_and(|file| {
                        attachments::resolve(&self.meeting_dir, file) == Err(NotRead::Outside)
                    });
                    if outside {
                        let warning = self.t(Msg::AttachmentOutsideShort);
                        format!("{detail}  {warning}").trim_start().to_string()
                    } else {
                        detail
                    }
                },
                context: None,
                kind: Kind::Attachment,
                pick: Pick::Attachment {
                    item: self.selected,
                    index,
                },
            })
            .collect();
        if entries.is_empty() {
            self.complain(Msg::NoAttachments, &[&number]);
        } else {
            let title = if external {
                Msg::OpenExternalTitle
            } else {
                Msg::AttachmentsTitle
            };
            let title = self.fill(title, &[&number]);
            self.mode = Mode::Picker(Picker::new(purpose, title, entries, None));
        }
        Outcome::NONE
    }

    /// A generous bound on the item pane's wrapped lines (a narrow pane wraps more), so paging
    /// down stops near the end instead of scrolling on into nothing.
    fn current_round_len(&self) -> usize {
        self.minutes
            .running_item()
            .and_then(|i| i.current_round())
            .map_or(0, |r| r.speakers.len())
    }

    /// Extra time goes to the highlighted speaker's faction, else the current speaker's.
    fn faction_for_extra_time(&self) -> Option<String> {
        let record = self.minutes.running_item()?;
        let speech = match self.focus {
            Focus::Speakers => record.current_round()?.speakers.get(self.speaker_cursor),
            Focus::Agenda => record.current_speech(),
        }?;
        speaking::counts_for(speech).map(str::to_string)
    }

    fn page(&self) -> u16 {
        (self.screen_rows / 2).max(1)
    }

    fn open_form(&mut self, kind: DraftKind, number: String) -> Outcome {
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

    fn update_editor(&mut self, action: Action) -> Outcome {
        let Mode::Editor(form) = &mut self.mode else {
            return Outcome::NONE;
        };
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

    fn store_form(&mut self) -> Outcome {
        let Mode::Editor(form) = &self.mode else {
            return Outcome::NONE;
        };
        let draft = form.to_draft();
        let longest = crate::store::minutes_file::MAX_TEXT_BYTES;
        if draft.text.len() > longest {
            let kib = |bytes: usize| bytes.div_ceil(1024);
            self.complain(Msg::TextTooLong, &[&kib(draft.text.len()), &kib(longest)]);
            return Outcome::NONE;
        }
        let now = self.now;
        let due = match draft.due.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    self.complain(Msg::BadDueDate, &[]);
                    return Outcome::NONE;
                }
            },
        };
        let number = draft.item.clone();
        let outcome = self.change(|m, meeting| match draft.kind {
            DraftKind::Conclusion => {
                m.add_conclusion(meeting, &number, &draft.text, now)?;
                Ok((Msg::ConclusionRecorded, number.clone()))
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
        }
        outcome
    }

    fn update_picker(&mut self, action: Action) -> Outcome {
        let Mode::Picker(picker) = &mut self.mode else {
            return Outcome::NONE;
        };
        // Choosing or moving acts on the results for what is typed now, not on older ones.
        if !matches!(action, Action::Input(_) | Action::Tick | Action::Close) {
            picker.settle();
        }
        match action {
            Action::Up => picker.move_selection(false),
            Action::Down => picker.move_selection(true),
            Action::Input(key) if picker.query.input(key) => picker.stale = true,
            Action::Close if picker.purpose == Purpose::AddPresent => {
                self.mode = Mode::Attendance(decision::AttendanceSheet::default())
            }
            Action::Close => self.mode = Mode::Normal,
            Action::Confirm => {
                let chosen = picker.chosen();
                let purpose = picker.purpose;
                let typed = picker.query_text();
                self.mode = Mode::Normal;
                return match (chosen, purpose) {
                    (Some(Pick::Speaker(choice)), Purpose::AddPresent) => {
                        // A faction's line completes the name typed; the free text is as typed.
                        let person = match choice.faction {
                            Some(faction) if choice.name.is_empty() => {
                                format!("{} ({faction})", typed.trim())
                            }
                            _ => choice.name,
                        };
                        self.add_present(&person)
                    }
                    (Some(Pick::Speaker(choice)), Purpose::VoteSubject) => {
                        self.start_vote(choice.name, crate::domain::decision::VoteKind::Proposal)
                    }
                    (Some(Pick::Speaker(choice)), Purpose::Interruption) => {
                        let now = self.now;
                        let name = choice.name.clone();
                        self.change(|m, _| {
                            let interrupted = m.interrupt(choice, now)?;
                            Ok((Msg::InterruptionStarted, format!("{name} → {interrupted}")))
                        })
                    }
                    (Some(pick), purpose) => self.apply_pick(pick, purpose),
                    (None, _) => Outcome::NONE,
                };
            }
            _ => {}
        }
        Outcome::NONE
    }

    fn apply_pick(&mut self, pick: Pick, picker_purpose: Purpose) -> Outcome {
        match pick {
            Pick::Speaker(choice) => self.change(|m, _| {
                let name = choice.name.clone();
                m.add_speaker(choice)?;
                Ok((Msg::SpeakerAdded, name))
            }),
            Pick::Item(index) => {
                self.selected = index;
                self.item_scroll = 0;
                Outcome::NONE
            }
            Pick::Attachment { item, index } => {
                self.selected = item;
                if picker_purpose == Purpose::External {
                    let file = self.meeting.items[item].attachments[index].file.clone();
                    match file {
                        Some(file) => self.open_externally(&self.meeting_dir.join(file)),
                        None => {
                            let title = self.meeting.items[item].attachments[index].title.clone();
                            self.complain(Msg::NoTextFile, &[&title]);
                        }
                    }
                } else {
                    self.open_reader(item, index, None);
                }
                Outcome::NONE
            }
            Pick::AttachmentLine { item, index, line } => {
                self.selected = item;
                self.open_reader(item, index, Some(line));
                Outcome::NONE
            }
            Pick::Commitment(id) => self.pick_commitment(id),
            Pick::VoteSubject { subject, kind } => self.start_vote(subject, kind),
            Pick::Record { item, text } => {
                self.selected = item;
                self.item_scroll = 0;
                let number = self.meeting.items[item].number.clone();
                self.say(Msg::RecordFound, &[&number, &text]);
                self.found_record = Some(text);
                Outcome::NONE
            }
        }
    }

    fn open_reader(&mut self, item: usize, index: usize, line: Option<usize>) {
        let attachment = &self.meeting.items[item].attachments[index];
        let Some(file) = attachment.file.clone() else {
            let title = attachment.title.clone();
            self.complain(Msg::NoTextFile, &[&title]);
            return;
        };
        let title = attachment.title.clone();
        let path = self.meeting_dir.join(&file);
        let shown_path = for_terminal(&path.display().to_string()).into_owned();
        let lines = match self.attachments.get(&(item, index)) {
            Some(indexed) => Arc::clone(&indexed.lines),
            None => match read_lines(&self.meeting_dir, &file) {
                Ok(lines) => Arc::new(lines),
                // Not text (a PDF, say): the system's viewer can show it.
                Err(NotRead::NotText) => return self.open_externally(&path),
                Err(refusal) => return self.refuse_attachment(&shown_path, refusal),
            },
        };
        // The reader names the file as the meeting file does, short and recognisable.
        let reader = Reader::new(title, file, lines);
        self.mode = Mode::Reader(match line {
            Some(line) => reader.at_line(line),
            None => reader,
        });
    }

    fn update_reader(&mut self, action: Action) -> Outcome {
        let page = usize::from(self.screen_rows.saturating_sub(4)).max(1);
        let lang = self.lang;
        let Mode::Reader(reader) = &mut self.mode else {
            return Outcome::NONE;
        };
        let mut message = None;
        if let Some(query) = &mut reader.query {
            match action {
                Action::Input(key) => {
                    query.input(key);
                }
                Action::Close => reader.query = None,
                Action::Confirm => {
                    let typed = query.lines().join(" ");
                    message = Some(match reader.run_search() {
                        None if typed.trim().is_empty() => None,
                        None => Some((Msg::NoMatchIn.fill(lang, &[&typed.trim()]), true)),
                        Some((n, count)) => Some((Msg::MatchOf.fill(lang, &[&n, &count]), false)),
                    });
                }
                _ => {}
            }
        } else {
            match action {
                Action::Up => reader.scroll(-1, page),
                Action::Down => reader.scroll(1, page),
                Action::PageUp => reader.scroll(-(page as isize), page),
                Action::PageDown => reader.scroll(page as isize, page),
                Action::Home => reader.top = 0,
                Action::End => reader.scroll(isize::MAX / 2, page),
                Action::Search => reader.start_search(),
                Action::NextMatch | Action::PreviousMatch => {
                    let found = reader.next_match(action == Action::NextMatch);
                    message = found
                        .map(|(n, count)| Some((Msg::MatchOf.fill(lang, &[&n, &count]), false)));
                }
                Action::OpenExternal => {
                    let path = self.meeting_dir.join(&reader.path);
                    self.open_externally(&path);
                }
                Action::Close => self.mode = Mode::Normal,
                _ => {}
            }
        }
        if let Some(Some((text, is_error))) = message {
            self.flash = Some(Flash { text, is_error });
        }
        Outcome::NONE
    }

    /// Writes the korte terugblik of what is on screen beside the meeting file, as `gavel export`
    /// would from the saved minutes (they are the same: every change is saved at once).
    fn export_beside(&mut self) {
        let meeting_file = self.meeting_dir.join(&self.minutes.meeting);
        let options = crate::export::Options {
            lang: self.lang,
            with_notes: false,
        };
        match crate::export::write_beside(&meeting_file, &self.meeting, &self.minutes, options) {
            Ok(paths) => {
                // "x.terugblik.md, .html, .docx": the name once, then the other extensions.
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
                let names = names.join(", ");
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

    /// Says why an attachment is not shown in the reader, and what to do instead.
    fn refuse_attachment(&mut self, shown: &str, refusal: NotRead) {
        match refusal {
            NotRead::Missing | NotRead::NotText => self.complain(Msg::FileMissing, &[&shown]),
            NotRead::Outside => self.complain(Msg::AttachmentOutside, &[&shown]),
            NotRead::NotRegular(kind) => {
                let kind = self.t(match kind {
                    NotRegular::Fifo => Msg::FileIsFifo,
                    NotRegular::Device => Msg::FileIsDevice,
                    NotRegular::Socket => Msg::FileIsSocket,
                    NotRegular::Folder => Msg::FileIsFolder,
                });
                self.complain(Msg::AttachmentNotRegular, &[&shown, &kind]);
            }
            NotRead::TooLarge => {
                let cap = crate::store::guard::human_size(attachments::MAX_BYTES);
                self.complain(Msg::AttachmentTooLarge, &[&shown, &cap]);
            }
            NotRead::TooManyLines => {
                self.complain(
                    Msg::AttachmentTooManyLines,
                    &[&shown, &attachments::MAX_LINES],
                );
            }
        }
    }

    /// Opens a file in the system's viewer. The path is made absolute, so a file named `--help`
    /// is never taken as an option; a file outside the meeting's folder, or one that could run a
    /// program (an x bit, `.desktop`, `.sh`, `.exe`, ...), is opened only after a question, and
    /// one that is not a regular file (a FIFO, a device) not at all.
    fn open_externally(&mut self, path: &Path) {
        let Ok(absolute) = path.canonicalize() else {
            let shown = for_terminal(&path.display().to_string()).into_owned();
            self.complain(Msg::FileMissing, &[&shown]);
            return;
        };
        let file_type = std::fs::metadata(&absolute).map(|m| m.file_type());
        if let Some(kind) = file_type.ok().and_then(NotRegular::of) {
            // A FIFO or a device is nothing a viewer shows.
            let shown = for_terminal(&path.display().to_string()).into_owned();
            self.refuse_attachment(&shown, NotRead::NotRegular(kind));
        } else if !attachments::is_inside(&self.meeting_dir, &absolute) {
            self.mode = Mode::Confirm(Question::OpenOutside(absolute));
        } else if attachments::could_run(&absolute) {
            self.mode = Mode::Confirm(Question::OpenRunnable(absolute));
        } else {
            self.start_viewer(&absolute);
        }
    }

    /// Starts the system's viewer on an absolute path, without a shell: a name with spaces or
    /// quotes is passed as it is. `GAVEL_OPENER` names another program.
    fn start_viewer(&mut self, path: &Path) {
        let shown = for_terminal(&path.display().to_string()).into_owned();
        let opener = std::env::var("GAVEL_OPENER").unwrap_or_else(|_| {
            if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            }
            .to_string()
        });
        let started = std::process::Command::new(&opener)
            .arg(path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        match started {
            Ok(_) => self.say(Msg::OpenedExternally, &[&shown]),
            Err(error) => self.complain(Msg::NoOpener, &[&opener, &error]),
        }
    }

    /// Who a commitment is from unless the clerk says otherwise: the portfolio holder who spoke
    /// last on the item (when an item has two, the one who answered), else the first one listed.
    fn default_commitment_by(&self, number: &str) -> String {
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

    /// Who can take the floor on an item: factions, their members, the portfolio holder(s),
    /// the informants, the chair.
    fn speaker_entries(&self, number: &str) -> Vec<Entry> {
        // An item only in the minutes (removed from the meeting file since) still gets the factions.
        let no_people = Item::default();
        let item = self.meeting.item(number).unwrap_or(&no_people);
        let speaker = |name: &str, faction: Option<&str>, role: Role, detail: String| Entry {
            context: None,
            kind: Kind::Person,
            label: name.to_string(),
            detail,
            pick: Pick::Speaker(SpeakerChoice {
                name: name.to_string(),
                faction: faction.map(str::to_string),
                role,
            }),
        };
        let mut entries = Vec::new();
        for faction in &self.meeting.factions {
            entries.push(speaker(
                &faction.name,
                Some(&faction.name),
                Role::Member,
                self.t(Msg::RoleFaction).into(),
            ));
            for member in &faction.members {
                let detail = self.fill(Msg::RoleMember, &[&faction.name]);
                entries.push(speaker(member, Some(&faction.name), Role::Member, detail));
            }
        }
        for holder in &item.portfolio_holders {
            entries.push(speaker(
                holder,
                None,
                Role::PortfolioHolder,
                self.t(Msg::RolePortfolioHolder).into(),
            ));
        }
        for informant in &item.informants {
            let detail = informant
                .role
                .clone()
                .unwrap_or_else(|| self.t(Msg::RoleInformant).into());
            entries.push(speaker(&informant.name, None, Role::Informant, detail));
        }
        if let Some(chair) = &self.meeting.chair {
            entries.push(speaker(
                chair,
                None,
                Role::Chair,
                self.t(Msg::RoleChair).into(),
            ));
        }
        entries
    }

    /// Everything the search palette can jump to: items and their texts, people, factions,
    /// attachments and the lines of those read so far, and what has been recorded.
    fn search_entries(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        let entry = |label: String, detail: String, kind: Kind, pick: Pick| Entry {
            label,
            detail,
            context: None,
            kind,
            pick,
        };
        for (index, item) in self.meeting.items.iter().enumerate() {
            let number = &item.number;
            entries.push(entry(
                format!("{number} {}", item.title),
                self.t(Msg::SearchKindItem).into(),
                Kind::Item,
                Pick::Item(index),
            ));
            let fields = [
                (Msg::Summary, &item.summary),
                (Msg::ProposedDecision, &item.proposed_decision),
                (Msg::DebateQuestion, &item.debate_question),
            ];
            for (field, text) in fields {
                for line in text
                    .iter()
                    .flat_map(|t| t.lines())
                    .filter(|l| !l.trim().is_empty())
                {
                    let detail = self.fill(
                        Msg::SearchKindField,
                        &[number, &self.t(field).to_lowercase()],
                    );
                    entries.push(entry(
                        line.trim().to_string(),
                        detail,
                        Kind::Item,
                        Pick::Item(index),
                    ));
                }
            }
            let person = |name: String, role: Msg| {
                let detail = self.fill(Msg::SearchKindPerson, &[&self.t(role), number]);
                entry(name, detail, Kind::Person, Pick::Item(index))
            };
            for holder in &item.portfolio_holders {
                entries.push(person(holder.clone(), Msg::RolePortfolioHolder));
            }
            for informant in &item.informants {
                let contact: Vec<&str> = [informant.phone.as_deref(), informant.email.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                let label = if contact.is_empty() {
                    informant.name.clone()
                } else {
                    format!("{} ({})", informant.name, contact.join(", "))
                };
                entries.push(person(label, Msg::RoleInformant));
            }
            for author in &item.co_authors {
                entries.push(person(author.clone(), Msg::RoleCoAuthor));
            }
            for (attachment_index, attachment) in item.attachments.iter().enumerate() {
                entries.push(entry(
                    attachment.title.clone(),
                    self.fill(Msg::SearchKindAttachment, &[number]),
                    Kind::Attachment,
                    Pick::Attachment {
                        item: index,
                        index: attachment_index,
                    },
                ));
            }
        }
        for faction in &self.meeting.factions {
            let first_item = self
                .meeting
                .items
                .iter()
                .position(|i| i.requested_by.contains(&faction.name))
                .unwrap_or(self.selected);
            entries.push(entry(
                faction.name.clone(),
                self.t(Msg::RoleFaction).into(),
                Kind::Person,
                Pick::Item(first_item),
            ));
            for member in &faction.members {
                entries.push(entry(
                    member.clone(),
                    self.fill(Msg::RoleMember, &[&faction.name]),
                    Kind::Person,
                    Pick::Item(first_item),
                ));
            }
        }
        for (name, role) in [
            (&self.meeting.chair, Msg::RoleChair),
            (&self.meeting.clerk, Msg::RoleClerk),
        ] {
            if let Some(name) = name {
                entries.push(entry(
                    name.clone(),
                    self.t(role).into(),
                    Kind::Person,
                    Pick::Item(self.selected),
                ));
            }
        }
        // Commitments of earlier meetings, with their status in the register.
        if let Some(register) = &self.register {
            for earlier in register
                .entries
                .iter()
                .filter(|e| e.source.meeting_date < self.meeting.date)
            {
                entries.push(self.owed_entry(earlier));
            }
        }
        for record in &self.minutes.items {
            let Some(index) = self.meeting.index_of(&record.number) else {
                continue;
            };
            let number = &record.number;
            let recorded = |kind: Msg, text: &str| {
                entry(
                    text.replace('\n', " "),
                    self.fill(Msg::SearchKindRecord, &[&self.t(kind), number]),
                    Kind::Record,
                    Pick::Record {
                        item: index,
                        text: text.replace('\n', " "),
                    },
                )
            };
            for conclusion in &record.conclusions {
                entries.push(recorded(Msg::Conclusion, &conclusion.text));
            }
            for commitment in &record.commitments {
                let text = format!("{} {}: {}", commitment.id, commitment.by, commitment.text);
                entries.push(recorded(Msg::Commitment, &text));
            }
            if let Some(notes) = &record.notes {
                entries.push(recorded(Msg::NotesWord, notes.trim()));
            }
        }
        entries
    }
}

/// The keys of the console that record something: refused at once in a read-only console.
fn is_recording(action: &Action) -> bool {
    matches!(
        action,
        Action::TakeUp
            | Action::StopItem
            | Action::AddSpeaker
            | Action::ToggleSpeaker
            | Action::NextSpeaker
            | Action::NewRound
            | Action::RecordConclusion
            | Action::RecordCommitment
            | Action::EditNotes
            | Action::Undo
            | Action::MoveSpeakerUp
            | Action::MoveSpeakerDown
            | Action::RemoveSpeaker
            | Action::ReaddSpeaker
            | Action::ToggleList
            | Action::Interrupt
            | Action::ExtraTime
            | Action::Adjourn
            | Action::CloseMeeting
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{Faction, ItemKind};
    use chrono::DateTime;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn at(time: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
    }

    fn app() -> App {
        let meeting = Meeting {
            title: "Raadsplein".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            chair: Some("Dhr. J. Looijenga".into()),
            factions: vec![Faction {
                name: "VVD".into(),
                seats: None,
                members: vec!["Jan de Vries".into()],
            }],
            speaking_time: Some(240),
            items: vec![Item {
                number: "5".into(),
                title: "Plan beschut werken nieuw".into(),
                kind: ItemKind::Debate,
                portfolio_holders: vec!["Nelleke Vedelaar".into(), "Wethouder Meijerink".into()],
                ..Item::default()
            }],
            ..Meeting::default()
        };
        let minutes = Minutes::new(&meeting, "m.yaml");
        App::new(
            meeting,
            PathBuf::from("."),
            minutes,
            Lang::En,
            at("21:00:00"),
        )
    }

    fn type_text(app: &mut App, text: &str) {
        for ch in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
            app.update(Action::Input(key), at("21:00:00"));
        }
    }

    fn add_speaker(app: &mut App, query: &str) {
        app.update(Action::AddSpeaker, at("21:00:00"));
        type_text(app, query);
        app.update(Action::Confirm, at("21:00:00"));
    }

    fn earlier_commitment_of(by: &str) -> crate::register::Register {
        use crate::domain::minutes::Commitment;
        use crate::register::{Entry, Register, Source, Status};
        Register {
            folder: PathBuf::from("."),
            entries: vec![Entry {
                commitment: Commitment {
                    id: "2017-06-12-4-1".into(),
                    by: by.into(),
                    text: "Komt terug met een evaluatie".into(),
                    due: None,
                    recorded_at: DateTime::parse_from_rfc3339("2017-06-12T21:00:00+02:00").unwrap(),
                },
                source: Source {
                    minutes_file: PathBuf::from("2017-06-12.minutes.yaml"),
                    meeting_title: "Raadsplein".into(),
                    meeting_date: NaiveDate::from_ymd_opt(2017, 6, 12).unwrap(),
                    item_number: "4".into(),
                    item_title: "Beschut werken".into(),
                },
                settled: None,
                status: Status::Open,
            }],
            ..Register::default()
        }
    }

    #[test]
    fn the_register_can_arrive_after_the_console_started() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        app.update(Action::Help, at("21:00:00"));
        assert!(
            app.owed_by("Wethouder Meijerink").is_empty(),
            "not read yet"
        );
        let register = earlier_commitment_of("Wethouder Meijerink");
        let outcome = app.update(Action::RegisterScanned(Ok(register)), at("21:00:01"));
        assert!(!outcome.minutes_changed, "the register is not the minutes");
        assert!(
            matches!(app.mode, Mode::Help),
            "what the user was doing stays open"
        );
        let owed = app.owed_by("Wethouder Meijerink");
        assert_eq!(owed.len(), 1);
        assert_eq!(owed[0].commitment.id, "2017-06-12-4-1");
        assert!(
            app.minutes.item("5").is_some(),
            "the item taken up before stays taken up"
        );
    }

    #[test]
    fn a_register_that_cannot_be_read_is_said_when_it_arrives() {
        let mut app = app();
        let error = "commitments.yaml:3:1: error: unknown key \"x\"".to_string();
        app.update(Action::RegisterScanned(Err(error)), at("21:00:01"));
        let flash = app.flash.as_ref().expect("a message");
        assert!(flash.is_error);
        assert!(
            flash.text.contains("commitments.yaml:3:1"),
            "{}",
            flash.text
        );
        assert!(app.owed_by("Wethouder Meijerink").is_empty());
    }

    #[test]
    fn commitment_by_defaults_to_the_portfolio_holder_who_answered() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        assert_eq!(app.default_commitment_by("5"), "Nelleke Vedelaar");
        add_speaker(&mut app, "meijer");
        app.update(Action::ToggleSpeaker, at("21:01:00"));
        assert_eq!(app.default_commitment_by("5"), "Wethouder Meijerink");
    }

    #[test]
    fn a_member_speaks_for_their_faction() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        add_speaker(&mut app, "jan de");
        let speech = &app.minutes.item("5").unwrap().rounds[0].speakers[0];
        assert_eq!(speech.name, "Jan de Vries");
        assert_eq!(speech.faction.as_deref(), Some("VVD"));
    }

    #[test]
    fn undo_restores_the_minutes_but_keeps_a_draft() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        app.update(Action::RecordConclusion, at("21:00:00"));
        type_text(&mut app, "half af");
        app.update(Action::Close, at("21:00:00"));
        assert!(app.update(Action::Undo, at("21:00:00")).minutes_changed);
        assert!(app.minutes.running_item().is_none());
        assert_eq!(app.minutes.drafts[0].text, "half af");
    }

    #[test]
    fn a_bad_due_date_keeps_the_form_open() {
        let mut app = app();
        app.update(Action::RecordCommitment, at("21:00:00"));
        type_text(&mut app, "Informatie volgt");
        app.update(Action::NextField, at("21:00:00"));
        app.update(Action::NextField, at("21:00:00"));
        type_text(&mut app, "maart");
        assert!(!app.update(Action::Store, at("21:00:00")).minutes_changed);
        assert!(matches!(app.mode, Mode::Editor(_)));
        assert!(app.flash.as_ref().unwrap().is_error);
    }

    #[test]
    fn esc_on_an_empty_form_leaves_no_draft() {
        let mut app = app();
        app.update(Action::RecordConclusion, at("21:00:00"));
        app.update(Action::Close, at("21:00:00"));
        assert!(app.minutes.drafts.is_empty());
    }

    #[test]
    fn the_budget_warning_rings_once_and_again_after_extra_time() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        add_speaker(&mut app, "VVD");
        app.update(Action::ToggleSpeaker, at("21:00:00"));
        assert!(
            !app.update(Action::Tick, at("21:03:29")).bell,
            "4:00 budget, 31 s left"
        );
        assert!(
            app.update(Action::Tick, at("21:03:30")).bell,
            "30 s left: warn"
        );
        assert!(!app.update(Action::Tick, at("21:03:31")).bell, "only once");
        app.update(Action::ExtraTime, at("21:03:40"));
        assert!(!app.update(Action::Tick, at("21:04:29")).bell);
        assert!(
            app.update(Action::Tick, at("21:04:30")).bell,
            "the new allowance warns again"
        );
    }

    #[test]
    fn no_bell_when_switched_off() {
        let mut app = app().with_settings(Settings {
            bell: false,
            ..Settings::default()
        });
        app.update(Action::TakeUp, at("21:00:00"));
        add_speaker(&mut app, "VVD");
        app.update(Action::ToggleSpeaker, at("21:00:00"));
        assert!(!app.update(Action::Tick, at("21:03:45")).bell);
        assert!(
            app.flash.as_ref().unwrap().text.contains("VVD"),
            "the warning still shows"
        );
    }

    #[test]
    fn closing_the_meeting_needs_a_yes() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        app.update(Action::CloseMeeting, at("23:06:00"));
        app.update(Action::Close, at("23:06:00"));
        assert_eq!(app.minutes.closed_at, None, "any other key cancels");
        app.update(Action::CloseMeeting, at("23:06:00"));
        assert!(app.update(Action::Confirm, at("23:06:00")).minutes_changed);
        assert_eq!(app.minutes.closed_at, Some(at("23:06:00")));
        app.update(Action::CloseMeeting, at("23:07:00"));
        assert!(matches!(app.mode, Mode::Confirm(Question::ReopenMeeting)));
    }

    #[test]
    fn an_interruption_is_picked_like_a_speaker_and_n_resumes() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        add_speaker(&mut app, "VVD");
        app.update(Action::ToggleSpeaker, at("21:00:00"));
        app.update(Action::Interrupt, at("21:01:00"));
        type_text(&mut app, "jan de");
        app.update(Action::Confirm, at("21:01:00"));
        let record = app.minutes.item("5").unwrap();
        assert_eq!(record.current_speech().unwrap().name, "Jan de Vries");
        app.update(Action::NextSpeaker, at("21:01:30"));
        assert!(app.flash.as_ref().unwrap().text.contains("VVD"));
        assert!(
            app.minutes
                .item("5")
                .unwrap()
                .current_speech()
                .unwrap()
                .is_speaking()
        );
    }

    #[test]
    fn tab_moves_the_focus_to_the_speakers_for_reordering() {
        let mut app = app();
        app.update(Action::TakeUp, at("21:00:00"));
        add_speaker(&mut app, "VVD");
        add_speaker(&mut app, "jan de");
        app.update(Action::ToggleFocus, at("21:00:00"));
        assert_eq!(app.focus, Focus::Speakers);
        app.update(Action::Down, at("21:00:00"));
        app.update(Action::MoveSpeakerUp, at("21:00:00"));
        let names: Vec<_> = app.minutes.item("5").unwrap().rounds[0]
            .speakers
            .iter()
            .map(|s| s.name.clone())
            .collect();
        assert_eq!(names, ["Jan de Vries", "VVD"]);
        assert_eq!(
            app.speaker_cursor, 0,
            "the highlight moves with the speaker"
        );
    }
}

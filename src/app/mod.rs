//! The console's state and the one place it changes: `App::update(action, now)`.

//!
//! Where a key's behaviour lives, by mode: `normal` (the live console), `editor` (the form for a
//! conclusion, commitment or notes), `picker` (every list with a query line), `reader` (an
//! attachment's text), `decision` (the presentielijst and votes); help, totals and questions are
//! here. `entries` builds what the lists offer; `commitments` the register's part.

mod commitments;
pub mod decision;
mod editor;
pub use editor::passage_word;
mod entries;
pub mod form;
pub mod index;
mod normal;
pub mod picker;
pub mod reader;
mod seat;
pub use seat::{Peer, SeatState};

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::path::PathBuf;
use std::sync::Arc;

use crate::domain::meeting::{Meeting, format_seconds};
use crate::domain::minutes::{Minutes, Refusal, Timestamp};
use crate::domain::speaking;
use crate::i18n::{Lang, Msg};
use crate::keymap::{Action, ModeKind};
use form::Form;
use index::IndexedAttachment;
use picker::{Picker, Purpose};
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
    /// A vote on an item never taken up (the number), perhaps in a meeting never opened.
    VoteNotTakenUp(String),
    /// Open in the system's viewer a file outside the meeting's folder (absolute, resolved).
    OpenOutside(PathBuf),
    /// Open in the system's viewer a file that could run a program (absolute, resolved).
    OpenRunnable(PathBuf),
    /// Remove a stored conclusion or commitment (its form was stored empty).
    RemoveRecord(crate::domain::minutes::RecordRef),
    /// The other seat (`holder`) runs the clock: take it over, then apply `action` again.
    TakeClock {
        holder: String,
        action: Box<Action>,
    },
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
    /// How far the item pane scrolls before its last line leaves the bottom: a fact of the
    /// layout at the terminal's size, measured by the view and passed in by the loop.
    pub item_scroll_limit: u16,
    pub focus: Focus,
    /// The agenda pane folded away (`z`), so the clocks get the width of a small screen.
    pub agenda_folded: bool,
    /// First line shown on the help screen.
    pub help_scroll: u16,
    /// Index in the current round of the highlighted speaker, when the speakers have the focus.
    pub speaker_cursor: usize,
    pub settings: Settings,
    /// Attachment texts indexed so far (in the background), by item and attachment index.
    pub attachments: HashMap<(usize, usize), IndexedAttachment>,
    /// Attachments the background reader could not read, and why (issue 23).
    pub unreadable: HashMap<(usize, usize), crate::store::documents::Unreadable>,
    /// A recorded text the search palette jumped to: the item pane marks it.
    pub found_record: Option<String>,
    /// The commitments register of the meeting's folder, if it could be read.
    pub register: Option<crate::register::Register>,
    /// Budget warnings already given, per item, faction, allowed seconds and stage (almost up,
    /// over): each rings once, and extra time (a new allowance) arms them again.
    warned: HashSet<(String, String, u64, bool)>,
    /// The speaking-time warning last put in the footer: the faction and its words.
    time_warning: Option<(String, String)>,
    /// Each change that can be undone: the minutes before it, after it (kept only for a seat,
    /// whose undo takes back that change alone), and what it was.
    undo: Vec<(Minutes, Option<Minutes>, String)>,
    quit: bool,
    /// This console as one of two seats (issue 26); `None`: the only console.
    pub seat: Option<SeatState>,
    /// The action being applied, for a question that applies it again (a seat's clock).
    acting: Option<Action>,
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
            item_scroll_limit: 0,
            focus: Focus::Agenda,
            agenda_folded: false,
            help_scroll: 0,
            speaker_cursor: 0,
            settings: Settings::default(),
            attachments: HashMap::new(),
            unreadable: HashMap::new(),
            found_record: None,
            register: None,
            warned: HashSet::new(),
            time_warning: None,
            undo: Vec::new(),
            quit: false,
            seat: None,
            acting: None,
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
        if let Action::AttachmentUnreadable { item, index, why } = action {
            self.unreadable.insert((item, index), why);
            return Outcome::NONE;
        }
        if let Action::RegisterScanned(register) = action {
            self.take_register(register);
            return Outcome::NONE;
        }
        if self.seat.is_some() {
            self.acting = Some(action.clone());
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

    /// Warns once when the speaker's faction is about to run out of time, and rings the bell;
    /// once more when the time is up. A warning on screen is replaced when its state changes
    /// (the time ran out, the faction no longer speaks), so it never says "0:27 left" of a
    /// faction already over.
    fn watch_speaking_time(&mut self) -> Outcome {
        let Some((faction, remaining, allowed)) = self.speaking_faction_left() else {
            self.withdraw_time_warning();
            return Outcome::NONE;
        };
        let number = self
            .minutes
            .running_item()
            .map(|i| i.number.clone())
            .unwrap_or_default();
        let over = remaining < 0;
        if self
            .time_warning
            .as_ref()
            .is_some_and(|(shown, _)| shown != &faction)
        {
            self.withdraw_time_warning();
        }
        let key = (number, faction.clone(), allowed, over);
        if remaining > self.settings.warn_before as i64 || self.warned.contains(&key) {
            return Outcome::NONE;
        }
        // Past the time without the first warning (a start-up, a long pause): only the second.
        let first_time = !self
            .warned
            .contains(&(key.0.clone(), key.1.clone(), allowed, false));
        self.warned.insert(key.clone());
        self.warned.insert((key.0, key.1, allowed, false));
        if over {
            self.complain(Msg::TimeUp, &[&faction, &format_seconds(-remaining)]);
        } else {
            self.complain(Msg::TimeAlmostUp, &[&faction, &format_seconds(remaining)]);
        }
        let text = self
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default();
        self.time_warning = Some((faction, text));
        Outcome {
            bell: self.settings.bell && (first_time || over),
            ..Outcome::NONE
        }
    }

    /// Takes a speaking-time warning off the footer, if it is still the message shown.
    fn withdraw_time_warning(&mut self) {
        if let Some((_, text)) = self.time_warning.take()
            && self.flash.as_ref().is_some_and(|f| f.text == text)
        {
            self.flash = None;
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
            // Said, so that a key that changed nothing is not taken for one that did.
            if let Question::TakeClock { holder, .. } = &question {
                self.say(Msg::ClockLeft, &[holder]);
            }
            return Outcome::NONE;
        }
        let now = self.now;
        match question {
            Question::CloseMeeting => {
                let outcome = self.change(|m, _| {
                    m.close_meeting(now)?;
                    Ok((Msg::MeetingClosedAt, now.format("%H:%M").to_string()))
                });
                self.say_concepts_beside();
                outcome
            }
            Question::ReopenMeeting => self.change(|m, _| {
                m.reopen_meeting()?;
                Ok((Msg::MeetingReopened, String::new()))
            }),
            Question::VoteNotTakenUp(_) => self.open_vote(),
            Question::RemoveRecord(record) => {
                self.change(|m, _| Ok((Msg::RecordRemoved, m.remove_record(&record)?)))
            }
            Question::TakeClock { action, .. } => self.take_clock(*action),
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
            Ok(_) if self.refused_clock(&before) => Outcome::NONE,
            Ok((msg, arg)) => {
                let text = msg.fill(self.lang, &[&arg]);
                let after = self.seat.is_some().then(|| self.minutes.clone());
                self.undo.push((before, after, text.clone()));
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
                    Refusal::CannotSkip => (Msg::CannotSkip, String::new()),
                };
                self.complain(msg, &[&arg]);
                Outcome::NONE
            }
        }
    }

    fn page(&self) -> u16 {
        (self.screen_rows / 2).max(1)
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
            | Action::RecordDebate
            | Action::RecordReply
            | Action::RecordCommitment
            | Action::EditNotes
            | Action::CorrectRecord
            | Action::Skip
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
mod tests;

//! The console as one of two seats (issue 26): which seat this is, which seat runs the clock,
//! whether the other seat is there. The merge and the files are the loop's (`run::seat`); this
//! state says what the screen shows, refuses a clock change this seat may not make (with the
//! question whether to take the clock over), and keeps undo to this seat's own changes.

use super::{App, Mode, Outcome, Question};
use crate::domain::minutes::{Minutes, Timestamp};
use crate::i18n::Msg;
use crate::keymap::Action;

/// Where the other seat is, as far as this one knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    /// No other seat has shown itself yet.
    None,
    /// Seen within the last seconds: through the folder, or on the direct connection.
    Here { seat: String, direct: bool },
    /// Not seen since then (its console closed, the link or the share gone).
    Away { seat: String, since: Timestamp },
}

/// This console's seat.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatState {
    pub name: String,
    /// The seat that runs the items' clocks (and the list of speakers).
    pub clock_holder: String,
    pub peer: Peer,
    /// Whether this seat holds the minutes' lock and so writes the YAML minutes.
    pub writes_minutes: bool,
    /// Set when the user took the clock over: the loop tells the document before the change
    /// that follows goes in.
    pub take_clock: bool,
    /// The change an undo takes back, as the minutes after it and before it: the loop takes
    /// back only that, so what the other seat recorded since stays.
    pub undone: Option<(Minutes, Minutes)>,
}

impl SeatState {
    pub fn new(name: &str, clock_holder: &str, writes_minutes: bool) -> SeatState {
        SeatState {
            name: name.to_string(),
            clock_holder: clock_holder.to_string(),
            peer: Peer::None,
            writes_minutes,
            take_clock: false,
            undone: None,
        }
    }

    pub fn holds_clock(&self) -> bool {
        self.clock_holder == self.name
    }
}

impl App {
    /// Runs this console as seat `seat`.
    pub fn with_seat(mut self, seat: SeatState) -> App {
        self.seat = Some(seat);
        self
    }

    /// The minutes as the merge with the other seat left them. What this seat is typing (its
    /// drafts) stays its own; the other seat's drafts are not shown here.
    pub fn take_merged(&mut self, mut merged: Minutes) {
        merged.drafts = std::mem::take(&mut self.minutes.drafts);
        self.minutes = merged;
        if self.selected >= self.meeting.items.len() {
            self.selected = 0;
        }
    }

    /// After a change went through `change`: a change to an item's clock from a seat that does
    /// not hold the clock is taken back, and the user is asked whether to take the clock over.
    /// `true` when it was taken back.
    pub(super) fn refused_clock(&mut self, before: &Minutes) -> bool {
        let Some(seat) = &self.seat else {
            return false;
        };
        if seat.holds_clock() {
            return false;
        }
        if crate::seats::clock_changed(before, &self.minutes).is_none() {
            return false;
        }
        let holder = seat.clock_holder.clone();
        self.minutes = before.clone();
        let action = self.acting.clone().unwrap_or(Action::Tick);
        self.mode = Mode::Confirm(Question::TakeClock {
            holder,
            action: Box::new(action),
        });
        true
    }

    /// `y` on "take the clock over?": this seat runs the clock from now on, and the key that
    /// asked is applied again.
    pub(super) fn take_clock(&mut self, action: Action) -> Outcome {
        let Some(seat) = &mut self.seat else {
            return Outcome::NONE;
        };
        seat.clock_holder = seat.name.clone();
        seat.take_clock = true;
        let now = self.now;
        let outcome = self.update(action, now);
        if !outcome.minutes_changed && self.flash.as_ref().is_none_or(|f| !f.is_error) {
            self.say(Msg::ClockTakenOver, &[]);
        }
        Outcome {
            minutes_changed: true,
            ..outcome
        }
    }
}

//! Which key does what, per mode, as one table: the help screen and the footer are drawn from it,
//! so they always say what the keys really do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::index::IndexedAttachment;
use crate::i18n::{Lang, Msg};
use crate::register::Register;
use crate::store::documents::Unreadable;

/// Everything a user can ask for. Text typed into a field travels as `Input`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Time passed: only the clocks on screen move.
    Tick,
    /// An attachment's text was indexed in the background: it becomes searchable.
    AttachmentIndexed(IndexedAttachment),
    /// An attachment could not be read in the background (a scan, a damaged PDF): the list says so.
    AttachmentUnreadable {
        item: usize,
        index: usize,
        why: Unreadable,
    },
    /// The reader's next / previous page (a PDF's, a Word file's).
    NextPage,
    PreviousPage,
    /// The folder's commitments register was read in the background (or could not be).
    RegisterScanned(Result<Register, String>),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    TakeUp,
    StopItem,
    AddSpeaker,
    ToggleSpeaker,
    NextSpeaker,
    NewRound,
    RecordConclusion,
    RecordDebate,
    RecordReply,
    RecordCommitment,
    EditNotes,
    OpenAttachments,
    Search,
    Undo,
    Help,
    Quit,
    /// Enter in a list: take the highlighted entry.
    Confirm,
    /// Tab in the live console: ↑/↓ move in the agenda or in the list of speakers.
    ToggleFocus,
    /// Fold the agenda pane away, or bring it back.
    ToggleAgenda,
    /// Mark the highlighted item not dealt with, or to come again.
    Skip,
    /// Correct or remove a conclusion or commitment already stored.
    CorrectRecord,
    MoveSpeakerUp,
    MoveSpeakerDown,
    RemoveSpeaker,
    ReaddSpeaker,
    ToggleList,
    Interrupt,
    ExtraTime,
    Adjourn,
    CloseMeeting,
    Totals,
    NextMatch,
    PreviousMatch,
    /// Open an attachment in the system's viewer.
    OpenExternal,
    /// Write the korte terugblik beside the meeting file.
    ExportMinutes,
    /// The portfolio holder's open commitments from earlier meetings.
    OwedCommitments,
    /// Ctrl-Z: save, give the terminal back and stop; `fg` brings the console back. The loop in
    /// `run.rs` does it (in every mode); the binding is here so help lists it.
    Suspend,
    /// The presentielijst.
    Attendance,
    /// Put something to the vote.
    Vote,
    TogglePresence,
    EveryonePresent,
    AddPerson,
    MarkFor,
    MarkAgainst,
    MarkClear,
    NotVoting,
    RollCall,
    /// Esc: leave the overlay (a form keeps its draft).
    Close,
    NextField,
    Store,
    Input(KeyEvent),
}

/// Which table applies: what is on top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeKind {
    Normal,
    Picker,
    Editor,
    Reader,
    Help,
    Totals,
    Confirm,
    /// Typing a search in the attachment reader.
    ReaderQuery,
    /// The presentielijst.
    Attendance,
    /// Marking a vote.
    Vote,
}

pub struct Binding {
    pub mode: ModeKind,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// How the help screen names the key(s); bindings sharing a label are shown once.
    pub label: &'static str,
    pub desc: Msg,
    /// Short text for the footer, if this binding is worth a place there.
    pub footer: Option<Msg>,
}

const fn key(
    mode: ModeKind,
    code: KeyCode,
    action: Action,
    label: &'static str,
    desc: Msg,
    footer: Option<Msg>,
) -> Binding {
    Binding {
        mode,
        code,
        modifiers: KeyModifiers::NONE,
        action,
        label,
        desc,
        footer,
    }
}

const fn ctrl(
    mode: ModeKind,
    letter: char,
    action: Action,
    label: &'static str,
    desc: Msg,
    footer: Option<Msg>,
) -> Binding {
    Binding {
        mode,
        code: KeyCode::Char(letter),
        modifiers: KeyModifiers::CONTROL,
        action,
        label,
        desc,
        footer,
    }
}

use ModeKind as M;

/// The default keys (FORMAT.md), plus gavel's own: `x`, `e`, `b`, PgUp/PgDn, Ctrl-C.
#[rustfmt::skip] // a table reads best as a table
pub static BINDINGS: &[Binding] = &[
    key(M::Normal, KeyCode::Up, Action::Up, "↑ ↓ / k j", Msg::KeySelect, None),
    key(M::Normal, KeyCode::Char('k'), Action::Up, "↑ ↓ / k j", Msg::KeySelect, None),
    key(M::Normal, KeyCode::Down, Action::Down, "↑ ↓ / k j", Msg::KeySelect, None),
    key(M::Normal, KeyCode::Char('j'), Action::Down, "↑ ↓ / k j", Msg::KeySelect, None),
    key(M::Normal, KeyCode::Enter, Action::TakeUp, "Enter", Msg::KeyTakeUp, Some(Msg::KeyTakeUpShort)),
    key(M::Normal, KeyCode::Char('a'), Action::AddSpeaker, "a", Msg::KeyAddSpeaker, Some(Msg::KeyAddSpeakerShort)),
    key(M::Normal, KeyCode::Char(' '), Action::ToggleSpeaker, "Space", Msg::KeyToggle, Some(Msg::KeyToggleShort)),
    key(M::Normal, KeyCode::Char('n'), Action::NextSpeaker, "n", Msg::KeyNext, Some(Msg::KeyNextShort)),
    key(M::Normal, KeyCode::Char('r'), Action::NewRound, "r", Msg::KeyRound, None),
    key(M::Normal, KeyCode::Char('c'), Action::RecordConclusion, "c", Msg::KeyConclusion, Some(Msg::KeyConclusionShort)),
    key(M::Normal, KeyCode::Char('D'), Action::RecordDebate, "D", Msg::KeyDebate, None),
    key(M::Normal, KeyCode::Char('W'), Action::RecordReply, "W", Msg::KeyReply, None),
    key(M::Normal, KeyCode::Char('t'), Action::RecordCommitment, "t", Msg::KeyCommitment, Some(Msg::KeyCommitmentShort)),
    key(M::Normal, KeyCode::Char('T'), Action::OwedCommitments, "T", Msg::KeyOwed, None),
    key(M::Normal, KeyCode::Char('p'), Action::Attendance, "p", Msg::KeyAttendance, None),
    key(M::Normal, KeyCode::Char('v'), Action::Vote, "v", Msg::KeyVote, None),
    key(M::Normal, KeyCode::Char('i'), Action::Interrupt, "i", Msg::KeyInterrupt, Some(Msg::KeyInterruptShort)),
    key(M::Normal, KeyCode::Char('+'), Action::ExtraTime, "+", Msg::KeyExtraTime, None),
    key(M::Normal, KeyCode::Tab, Action::ToggleFocus, "Tab", Msg::KeyFocus, None),
    key(M::Normal, KeyCode::Char('z'), Action::ToggleAgenda, "z", Msg::KeyToggleAgenda, None),
    key(M::Normal, KeyCode::Char('R'), Action::CorrectRecord, "R", Msg::KeyCorrectRecord, None),
    key(M::Normal, KeyCode::Char('S'), Action::Skip, "S", Msg::KeySkip, None),
    key(M::Normal, KeyCode::Char('K'), Action::MoveSpeakerUp, "K J", Msg::KeyMoveSpeaker, None),
    key(M::Normal, KeyCode::Char('J'), Action::MoveSpeakerDown, "K J", Msg::KeyMoveSpeaker, None),
    key(M::Normal, KeyCode::Char('d'), Action::RemoveSpeaker, "d / Delete", Msg::KeyRemoveSpeaker, None),
    key(M::Normal, KeyCode::Delete, Action::RemoveSpeaker, "d / Delete", Msg::KeyRemoveSpeaker, None),
    key(M::Normal, KeyCode::Char('A'), Action::ReaddSpeaker, "A", Msg::KeyReadd, None),
    key(M::Normal, KeyCode::Char('l'), Action::ToggleList, "l", Msg::KeyToggleList, None),
    key(M::Normal, KeyCode::Char('s'), Action::Totals, "s", Msg::KeyTotals, None),
    key(M::Normal, KeyCode::Char('h'), Action::Adjourn, "h", Msg::KeyAdjourn, None),
    key(M::Normal, KeyCode::Char('x'), Action::StopItem, "x", Msg::KeyStop, None),
    key(M::Normal, KeyCode::Char('E'), Action::CloseMeeting, "E", Msg::KeyCloseMeeting, None),
    key(M::Normal, KeyCode::Char('e'), Action::EditNotes, "e", Msg::KeyNotes, None),
    key(M::Normal, KeyCode::Char('b'), Action::OpenAttachments, "b", Msg::KeyAttachments, None),
    key(M::Normal, KeyCode::Char('o'), Action::OpenExternal, "o", Msg::KeyOpenExternal, None),
    key(M::Normal, KeyCode::PageUp, Action::PageUp, "PgUp PgDn", Msg::KeyScroll, None),
    key(M::Normal, KeyCode::PageDown, Action::PageDown, "PgUp PgDn", Msg::KeyScroll, None),
    key(M::Normal, KeyCode::Char('/'), Action::Search, "/", Msg::KeySearch, Some(Msg::KeySearchShort)),
    key(M::Normal, KeyCode::Char('X'), Action::ExportMinutes, "X", Msg::KeyExport, Some(Msg::KeyExportShort)),
    key(M::Normal, KeyCode::Char('u'), Action::Undo, "u", Msg::KeyUndo, None),
    key(M::Normal, KeyCode::Char('?'), Action::Help, "?", Msg::KeyHelp, Some(Msg::KeyHelpShort)),
    key(M::Normal, KeyCode::Char('q'), Action::Quit, "q / Ctrl-C", Msg::KeyQuit, Some(Msg::KeyQuitShort)),
    // Raw mode turns Ctrl-C into a key: it quits like q (nothing is lost, all is saved).
    ctrl(M::Normal, 'c', Action::Quit, "q / Ctrl-C", Msg::KeyQuit, None),
    ctrl(M::Normal, 'z', Action::Suspend, "Ctrl-Z", Msg::KeySuspend, None),
    // Forms: every other key edits the focused field.
    ctrl(M::Editor, 's', Action::Store, "Ctrl-S", Msg::KeyStore, Some(Msg::KeyStore)),
    key(M::Editor, KeyCode::Tab, Action::NextField, "Tab", Msg::KeyNextField, Some(Msg::KeyNextField)),
    key(M::Editor, KeyCode::Esc, Action::Close, "Esc", Msg::KeyLeaveDraft, Some(Msg::KeyLeaveDraft)),
    // Pickers: every other key edits the query.
    key(M::Picker, KeyCode::Up, Action::Up, "↑ ↓", Msg::KeyMove, None),
    key(M::Picker, KeyCode::Down, Action::Down, "↑ ↓", Msg::KeyMove, None),
    key(M::Picker, KeyCode::Enter, Action::Confirm, "Enter", Msg::KeyPick, Some(Msg::KeyPick)),
    key(M::Picker, KeyCode::Esc, Action::Close, "Esc", Msg::KeyClose, Some(Msg::KeyClose)),
    // The attachment reader.
    key(M::Reader, KeyCode::Up, Action::Up, "↑ ↓ / k j", Msg::KeyScrollReader, None),
    key(M::Reader, KeyCode::Char('k'), Action::Up, "↑ ↓ / k j", Msg::KeyScrollReader, None),
    key(M::Reader, KeyCode::Down, Action::Down, "↑ ↓ / k j", Msg::KeyScrollReader, None),
    key(M::Reader, KeyCode::Char('j'), Action::Down, "↑ ↓ / k j", Msg::KeyScrollReader, None),
    key(M::Reader, KeyCode::PageUp, Action::PageUp, "PgUp PgDn Space", Msg::KeyScrollReader, None),
    key(M::Reader, KeyCode::PageDown, Action::PageDown, "PgUp PgDn Space", Msg::KeyScrollReader, None),
    key(M::Reader, KeyCode::Char(' '), Action::PageDown, "PgUp PgDn Space", Msg::KeyScrollReader, None),
    key(M::Reader, KeyCode::Home, Action::Home, "Home End", Msg::KeyEnds, None),
    key(M::Reader, KeyCode::End, Action::End, "Home End", Msg::KeyEnds, None),
    key(M::Reader, KeyCode::Char(']'), Action::NextPage, "] [", Msg::KeyPage, Some(Msg::KeyPageShort)),
    key(M::Reader, KeyCode::Char('['), Action::PreviousPage, "] [", Msg::KeyPage, None),
    key(M::Reader, KeyCode::Char('/'), Action::Search, "/", Msg::KeyReaderSearch, Some(Msg::KeySearchShort)),
    key(M::Reader, KeyCode::Char('n'), Action::NextMatch, "n N", Msg::KeyNextMatch, None),
    key(M::Reader, KeyCode::Char('N'), Action::PreviousMatch, "n N", Msg::KeyNextMatch, None),
    key(M::Reader, KeyCode::Char('o'), Action::OpenExternal, "o", Msg::KeyOpenExternal, None),
    key(M::Reader, KeyCode::Esc, Action::Close, "Esc / q", Msg::KeyClose, Some(Msg::KeyClose)),
    key(M::Reader, KeyCode::Char('q'), Action::Close, "Esc / q", Msg::KeyClose, None),
    // Typing a search in the reader: every other key edits it.
    key(M::ReaderQuery, KeyCode::Enter, Action::Confirm, "Enter", Msg::KeyFind, Some(Msg::KeyFind)),
    key(M::ReaderQuery, KeyCode::Esc, Action::Close, "Esc", Msg::KeyClose, Some(Msg::KeyClose)),
    // Speaking-time totals.
    key(M::Totals, KeyCode::Tab, Action::NextField, "Tab", Msg::KeyTotalsScope, Some(Msg::KeyTotalsScope)),
    key(M::Totals, KeyCode::Esc, Action::Close, "Esc / s", Msg::KeyClose, Some(Msg::KeyClose)),
    key(M::Totals, KeyCode::Char('s'), Action::Close, "Esc / s", Msg::KeyClose, None),
    key(M::Totals, KeyCode::Char('q'), Action::Close, "Esc / s", Msg::KeyClose, None),
    // The presentielijst.
    key(M::Attendance, KeyCode::Up, Action::Up, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Attendance, KeyCode::Char('k'), Action::Up, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Attendance, KeyCode::Down, Action::Down, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Attendance, KeyCode::Char('j'), Action::Down, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Attendance, KeyCode::Char(' '), Action::TogglePresence, "Space", Msg::KeyTogglePresence, Some(Msg::KeyTogglePresenceShort)),
    key(M::Attendance, KeyCode::Char('a'), Action::EveryonePresent, "a", Msg::KeyEveryonePresent, Some(Msg::KeyEveryonePresentShort)),
    key(M::Attendance, KeyCode::Char('n'), Action::AddPerson, "n", Msg::KeyAddPerson, Some(Msg::KeyAddPersonShort)),
    key(M::Attendance, KeyCode::Esc, Action::Close, "Esc / p", Msg::KeyClose, Some(Msg::KeyClose)),
    key(M::Attendance, KeyCode::Char('p'), Action::Close, "Esc / p", Msg::KeyClose, None),
    // Marking a vote.
    key(M::Vote, KeyCode::Up, Action::Up, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Vote, KeyCode::Char('k'), Action::Up, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Vote, KeyCode::Down, Action::Down, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Vote, KeyCode::Char('j'), Action::Down, "↑ ↓ / k j", Msg::KeyMove, None),
    key(M::Vote, KeyCode::Char('+'), Action::MarkFor, "+", Msg::KeyMarkFor, Some(Msg::KeyMarkForShort)),
    key(M::Vote, KeyCode::Char('-'), Action::MarkAgainst, "-", Msg::KeyMarkAgainst, Some(Msg::KeyMarkAgainstShort)),
    key(M::Vote, KeyCode::Char('0'), Action::MarkClear, "0", Msg::KeyMarkClear, None),
    key(M::Vote, KeyCode::Char('n'), Action::NotVoting, "n", Msg::KeyNotVoting, Some(Msg::KeyNotVotingShort)),
    key(M::Vote, KeyCode::Char('r'), Action::RollCall, "r", Msg::KeyRollCall, None),
    ctrl(M::Vote, 's', Action::Store, "Ctrl-S", Msg::KeyRecordVote, Some(Msg::KeyRecordVoteShort)),
    key(M::Vote, KeyCode::Esc, Action::Close, "Esc", Msg::KeyCancelVote, Some(Msg::KeyClose)),
    // A question: only y (or j, for ja) says yes.
    key(M::Confirm, KeyCode::Char('y'), Action::Confirm, "y / j", Msg::KeyYes, Some(Msg::KeyYes)),
    key(M::Confirm, KeyCode::Char('j'), Action::Confirm, "y / j", Msg::KeyYes, None),
    key(M::Confirm, KeyCode::Esc, Action::Close, "n / Esc", Msg::KeyNo, Some(Msg::KeyNo)),
    key(M::Confirm, KeyCode::Char('n'), Action::Close, "n / Esc", Msg::KeyNo, None),
    // Help.
    key(M::Help, KeyCode::Up, Action::Up, "↑ ↓ PgUp PgDn", Msg::KeyScrollReader, None),
    key(M::Help, KeyCode::Down, Action::Down, "↑ ↓ PgUp PgDn", Msg::KeyScrollReader, None),
    key(M::Help, KeyCode::PageUp, Action::PageUp, "↑ ↓ PgUp PgDn", Msg::KeyScrollReader, None),
    key(M::Help, KeyCode::PageDown, Action::PageDown, "↑ ↓ PgUp PgDn", Msg::KeyScrollReader, None),
    key(M::Help, KeyCode::Esc, Action::Close, "Esc / ?", Msg::KeyClose, Some(Msg::KeyClose)),
    key(M::Help, KeyCode::Char('?'), Action::Close, "Esc / ?", Msg::KeyClose, None),
    key(M::Help, KeyCode::Char('q'), Action::Close, "Esc / ?", Msg::KeyClose, None),
];

/// The action a key means in a mode; in forms and pickers an unbound key is typing.
pub fn action_for(mode: ModeKind, event: KeyEvent) -> Option<Action> {
    // Shift is part of the character itself ('?' is Shift-/): compare without it.
    let modifiers = event.modifiers - KeyModifiers::SHIFT;
    let bound = BINDINGS
        .iter()
        .find(|b| b.mode == mode && b.code == event.code && b.modifiers == modifiers)
        .map(|b| b.action.clone());
    bound.or(match mode {
        ModeKind::Editor | ModeKind::Picker | ModeKind::ReaderQuery => Some(Action::Input(event)),
        // Any other key answers a question with no.
        ModeKind::Confirm => Some(Action::Close),
        _ => None,
    })
}

/// A key's label as the user's keyboard names it: Dutch keyboards say "Spatie".
pub fn key_label(label: &str, lang: Lang) -> String {
    label.replace("Space", Msg::KeySpaceName.text(lang))
}

/// The bindings of a mode, one per label, in table order: what the help screen lists.
pub fn help_rows(mode: ModeKind) -> Vec<&'static Binding> {
    let mut rows: Vec<&Binding> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.mode == mode) {
        if !rows.iter().any(|r| r.label == binding.label) {
            rows.push(binding);
        }
    }
    rows
}

/// The short key hints of a mode, for the footer. Help and quit come first, so a narrow screen
/// that cuts the line still says where all the other keys are.
/// In Dutch the footer offers `j` for yes, as the questions say; both keys work.
pub fn footer_hints(mode: ModeKind, lang: crate::i18n::Lang) -> Vec<(&'static str, Msg)> {
    let mut hints: Vec<(&Binding, Msg)> = help_rows(mode)
        .into_iter()
        .filter_map(|b| b.footer.map(|short| (b, short)))
        .collect();
    hints.sort_by_key(|(b, _)| !matches!(b.action, Action::Help | Action::Quit));
    hints
        .into_iter()
        // The footer names only the first key of a label like "q / Ctrl-C".
        .map(|(b, short)| {
            let mut keys = b.label.split(" / ");
            let first = keys.next().unwrap_or(b.label);
            let dutch_yes = b.action == Action::Confirm && lang == crate::i18n::Lang::Nl;
            let shown = if dutch_yes {
                keys.last().unwrap_or(first)
            } else {
                first
            };
            (shown, short)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn every_default_key_of_the_contract_is_bound() {
        let expected = [
            (KeyCode::Up, Action::Up),
            (KeyCode::Char('k'), Action::Up),
            (KeyCode::Down, Action::Down),
            (KeyCode::Char('j'), Action::Down),
            (KeyCode::Enter, Action::TakeUp),
            (KeyCode::Char('a'), Action::AddSpeaker),
            (KeyCode::Char(' '), Action::ToggleSpeaker),
            (KeyCode::Char('n'), Action::NextSpeaker),
            (KeyCode::Char('r'), Action::NewRound),
            (KeyCode::Char('c'), Action::RecordConclusion),
            (KeyCode::Char('t'), Action::RecordCommitment),
            (KeyCode::Char('/'), Action::Search),
            (KeyCode::Char('u'), Action::Undo),
            (KeyCode::Char('?'), Action::Help),
            (KeyCode::Char('q'), Action::Quit),
        ];
        for (code, action) in expected {
            assert_eq!(
                action_for(ModeKind::Normal, press(code)),
                Some(action),
                "{code:?}"
            );
        }
    }

    #[test]
    fn question_mark_with_shift_still_means_help() {
        let event = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(ModeKind::Normal, event), Some(Action::Help));
    }

    #[test]
    fn in_a_form_letters_are_typing_and_ctrl_s_stores() {
        assert_eq!(
            action_for(ModeKind::Editor, press(KeyCode::Char('q'))),
            Some(Action::Input(press(KeyCode::Char('q'))))
        );
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ModeKind::Editor, ctrl_s), Some(Action::Store));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.code == b.code && a.modifiers == b.modifiers),
                    "{:?} {:?} bound twice",
                    a.mode,
                    a.code
                );
            }
        }
    }
}

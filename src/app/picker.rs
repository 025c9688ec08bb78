//! A fuzzy list with a query line: the search palette, the speaker picker and the attachment list,
//! all ranked by the one matcher in `search`.

use ratatui_textarea::TextArea;

use crate::domain::minutes::{Role, SpeakerChoice};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};

use crate::search::{Candidate, Chunked, Matcher, Query, RANKED};

use super::{App, Mode, Outcome, decision};
use crate::i18n::Msg;
use crate::keymap::Action;

/// What choosing an entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Speaker(SpeakerChoice),
    Item(usize),
    Attachment {
        item: usize,
        index: usize,
    },
    /// A line of a text attachment: open the reader there (0-based line).
    AttachmentLine {
        item: usize,
        index: usize,
        line: usize,
    },
    /// A commitment of the register, by id: settle it, or say when it was.
    Commitment(String),
    /// What is put to the vote.
    VoteSubject {
        subject: String,
        kind: crate::domain::decision::VoteKind,
    },
    /// A stored conclusion or commitment: open it in its form to correct it.
    Correct(crate::domain::minutes::RecordRef),
    /// Something recorded on an item: select the item and point at the text.
    Record {
        item: usize,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Speaker,
    Interruption,
    Search,
    Attachment,
    /// The attachment list of `o`: Enter opens in the system's viewer.
    External,
    /// `gavel` started without a meeting file: Enter opens the one chosen.
    MeetingFile,
    /// The open commitments of a portfolio holder (`T`): Enter settles one.
    SettleCommitment,
    /// Someone to add to the presentielijst.
    AddPresent,
    /// What to put to the vote.
    VoteSubject,
    /// A stored conclusion or commitment to correct (`R`).
    CorrectRecord,
}

/// What an entry is, for the palette's prefix filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Item,
    Person,
    Attachment,
    Record,
}

impl Kind {
    /// `#` items, `@` people and factions, `!` attachments and their text, `=` what was recorded.
    pub const PREFIXES: [(char, Kind); 4] = [
        ('#', Kind::Item),
        ('@', Kind::Person),
        ('!', Kind::Attachment),
        ('=', Kind::Record),
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    /// Shown after the label, and searched too unless `context` says otherwise.
    pub detail: String,
    /// What else the entry is found by, when that differs from `detail` (a line's number is
    /// shown but must not match a query for "26").
    pub context: Option<String>,
    pub kind: Kind,
    pub pick: Pick,
}

pub struct Picker {
    pub purpose: Purpose,
    pub title: String,
    pub query: TextArea<'static>,
    entries: Chunked<Entry>,
    candidates: Chunked<Candidate>,
    matcher: Matcher,
    /// Ranked indices into `entries`; `entries.len()` stands for the free-text entry.
    pub shown: Vec<usize>,
    pub selected: usize,
    /// The label for "use the query as typed", when free text is allowed.
    free_text: Option<String>,
    /// The last query and its results: a query that only grew searches within them.
    last: Option<(Query, Option<Kind>, Vec<usize>)>,
    /// The query changed and the list is not ranked again yet: keys typed in one go are ranked
    /// once (see `App::update`).
    pub stale: bool,
    /// A worker ranking a long list, if one runs, and the flag that tells it to stop.
    ranking: Option<(Receiver<Ranked>, Arc<AtomicBool>)>,
}

/// Lists at least this long are ranked on a worker thread (see `Picker::refresh`).
pub const IN_BACKGROUND_FROM: usize = 20_000;

/// A worker shows the best of this many lines first, then ranks the rest: a few milliseconds
/// on one thread, so the first screen of results follows the key in the next frame or so.
pub const FIRST_PART: usize = 4_096;

/// What a worker sends: the best of the first part for the query typed, then all of it.
enum Ranked {
    Part(String, Vec<usize>),
    Done(Request, Vec<usize>),
}

/// One ranking to do.
struct Request {
    text: String,
    query: Query,
    kind: Option<Kind>,
    within: Option<Vec<usize>>,
}

/// The entries a request ranks: the earlier results a grown query searches within, those of the
/// kind asked for, or (`None`) all of them; the same on the UI thread and on a worker.
fn pool(entries: &Chunked<Entry>, request: &Request) -> Option<Vec<usize>> {
    match (&request.within, request.kind) {
        (Some(results), _) => Some(results.clone()),
        (None, Some(kind)) => Some(
            entries
                .iter()
                .enumerate()
                .filter(|(_, entry)| entry.kind == kind)
                .map(|(i, _)| i)
                .collect(),
        ),
        (None, None) => None,
    }
}

/// Ranks entries for a request at once.
fn rank(
    matcher: &Matcher,
    entries: &Chunked<Entry>,
    candidates: &Chunked<Candidate>,
    request: &Request,
) -> Vec<usize> {
    let pool = pool(entries, request);
    matcher.rank(candidates, pool.as_deref(), &request.query)
}

/// Splits a leading kind prefix off the query text.
fn parse_prefix(text: &str) -> (Option<Kind>, &str) {
    let trimmed = text.trim_start();
    for (prefix, kind) in Kind::PREFIXES {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return (Some(kind), rest);
        }
    }
    (None, text)
}

/// A palette closed while its worker ranks: the worker stops at its next slice.
impl Drop for Picker {
    fn drop(&mut self) {
        self.stop_ranking();
    }
}

impl Picker {
    pub fn new(
        purpose: Purpose,
        title: String,
        entries: Vec<Entry>,
        free_text: Option<String>,
    ) -> Picker {
        let candidates: Vec<Candidate> = entries.iter().map(Entry::candidate).collect();
        let mut picker = Picker {
            purpose,
            title,
            query: TextArea::default(),
            entries: entries.into(),
            candidates: candidates.into(),
            matcher: Matcher,
            shown: Vec::new(),
            selected: 0,
            free_text,
            last: None,
            stale: false,
            ranking: None,
        };
        picker.refilter();
        picker
    }

    /// Adds entries indexed elsewhere (an attachment's lines), shared, not copied.
    pub fn add_indexed(&mut self, entries: Arc<[Entry]>, candidates: Arc<[Candidate]>) {
        self.entries.push(entries);
        self.candidates.push(candidates);
        self.last = None;
        self.stale = true;
    }

    pub fn query_text(&self) -> String {
        self.query.lines().join(" ")
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ranks the entries against the query: best first, ties in their original order.
    /// Ranks the entries against the query now: best first, ties in their original order.
    pub fn refilter(&mut self) {
        let request = self.request();
        let ranked = rank(&self.matcher, &self.entries, &self.candidates, &request);
        self.apply(request, ranked);
    }

    /// Ranks again after typing: at once for a short list; for a long one on a worker thread, so
    /// keys are answered in the next frame and the results follow when ready (`poll`). One worker
    /// at a time: keys typed meanwhile are ranked together when it is done.
    pub fn refresh(&mut self) {
        if !self.stale {
            return;
        }
        if self.candidates.len() < IN_BACKGROUND_FROM {
            self.stop_ranking();
            return self.refilter();
        }
        // A newer query makes a running ranking moot: it stops, and this one starts at once,
        // showing its first part as soon as that is ranked.
        self.stop_ranking();
        self.stale = false;
        let request = self.request();
        let (entries, candidates) = (self.entries.clone(), self.candidates.clone());
        let (sender, receiver) = mpsc::channel();
        let cancelled = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancelled);
        std::thread::spawn(move || {
            let pool = pool(&entries, &request);
            let text = request.text.clone();
            // The palette may have closed meanwhile: nothing to send to, fine.
            let ranked = Matcher.rank_in_parts(
                &candidates,
                pool.as_deref(),
                &request.query,
                FIRST_PART,
                &stop,
                |part| {
                    let _ = sender.send(Ranked::Part(text.clone(), part));
                },
            );
            if let Some(ranked) = ranked {
                let _ = sender.send(Ranked::Done(request, ranked));
            }
        });
        self.ranking = Some((receiver, cancelled));
    }

    /// Tells a running worker to stop; its results are no longer wanted.
    fn stop_ranking(&mut self) {
        if let Some((_, cancelled)) = self.ranking.take() {
            cancelled.store(true, Ordering::Relaxed);
        }
    }

    /// Takes the worker's results when they are ready; returns whether the list changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        loop {
            let Some((receiver, _)) = &self.ranking else {
                return changed;
            };
            match receiver.try_recv() {
                // The first screen of results while the rest is ranked: shown, not kept for a
                // growing query to search within (that needs all of them).
                Ok(Ranked::Part(text, part)) => {
                    if text == self.query_text() {
                        self.show(&text, part);
                        changed = true;
                    }
                }
                Ok(Ranked::Done(request, ranked)) => {
                    self.ranking = None;
                    if request.text != self.query_text() {
                        return changed;
                    }
                    self.apply(request, ranked);
                    return true;
                }
                Err(mpsc::TryRecvError::Empty) => return changed,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.ranking = None;
                    return changed;
                }
            }
        }
    }

    /// Brings the list up to date now, leaving any worker's results unused.
    pub fn settle(&mut self) {
        if self.stale || self.ranking.is_some() {
            self.stop_ranking();
            self.refilter();
        }
    }

    /// Whether a worker is still ranking.
    pub fn is_ranking(&self) -> bool {
        self.ranking.is_some()
    }

    /// What to rank: the query as typed, its kind prefix, and the earlier results a grown query
    /// can search within.
    fn request(&mut self) -> Request {
        self.stale = false;
        let text = self.query_text();
        let (kind, rest) = parse_prefix(&text);
        let query = Query::new(rest);
        let within = match &self.last {
            Some((previous, previous_kind, results))
                if *previous_kind == kind && query.narrows(previous) =>
            {
                Some(results.clone())
            }
            _ => None,
        };
        Request {
            text,
            query,
            kind,
            within,
        }
    }

    fn apply(&mut self, request: Request, ranked: Vec<usize>) {
        let Request {
            text, query, kind, ..
        } = request;
        self.last = (!query.is_empty()).then(|| (query, kind, ranked.clone()));
        self.show(&text, ranked);
    }

    /// Shows ranked results for the query `text`, with the free-text entry where it applies.
    fn show(&mut self, text: &str, mut ranked: Vec<usize>) {
        // Only the best are in order (see `RANKED`); all of them stay in `last` for narrowing.
        ranked.truncate(RANKED);
        let typed = text.trim();
        if self.free_text.is_some()
            && !typed.is_empty()
            && !ranked.iter().any(|&i| {
                self.entries
                    .get(i)
                    .is_some_and(|e| e.label.eq_ignore_ascii_case(typed))
            })
        {
            ranked.push(self.entries.len());
        }
        self.shown = ranked;
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// The entry shown at a row: a real one, or the free text as typed.
    pub fn shown_entry(&self, row: usize) -> Option<Entry> {
        let index = *self.shown.get(row)?;
        if let Some(entry) = self.entries.get(index) {
            return Some(entry.clone());
        }
        let typed = self.query_text().trim().to_string();
        Some(Entry {
            label: typed.clone(),
            detail: self.free_text.clone().unwrap_or_default(),
            context: None,
            kind: Kind::Person,
            pick: Pick::Speaker(SpeakerChoice {
                name: typed,
                faction: None,
                role: Role::Other,
            }),
        })
    }

    /// Which characters of a shown row's label matched the query.
    pub fn highlights(&self, row: usize) -> Vec<usize> {
        let Some(&index) = self.shown.get(row) else {
            return Vec::new();
        };
        let (Some(candidate), Some(entry)) = (self.candidates.get(index), self.entries.get(index))
        else {
            return Vec::new();
        };
        let text = self.query_text();
        let (_, rest) = parse_prefix(&text);
        self.matcher
            .highlights(candidate, &entry.label, &Query::new(rest))
    }

    pub fn move_selection(&mut self, down: bool) {
        if self.shown.is_empty() {
            return;
        }
        let last = self.shown.len() - 1;
        self.selected = match (down, self.selected) {
            (true, s) if s >= last => 0,
            (true, s) => s + 1,
            (false, 0) => last,
            (false, s) => s - 1,
        };
    }

    pub fn chosen(&self) -> Option<Pick> {
        self.shown_entry(self.selected).map(|e| e.pick)
    }
}

impl Entry {
    /// The entry as the matcher sees it.
    pub fn candidate(&self) -> Candidate {
        let context = self.context.as_deref().unwrap_or(&self.detail);
        // Lines of attachment text come after items, people and records that match as well.
        let tier = u8::from(matches!(self.pick, Pick::AttachmentLine { .. }));
        let candidate = Candidate::in_tier(&self.label, context, tier);
        // People and factions are picked by typing the start of their name.
        if self.kind == Kind::Person {
            candidate.as_name()
        } else {
            candidate
        }
    }
}

// The picker's keys (`Mode::Picker`): move, type, choose; what a choice does.
impl App {
    pub(super) fn update_picker(&mut self, action: Action) -> Outcome {
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

    pub(super) fn apply_pick(&mut self, pick: Pick, picker_purpose: Purpose) -> Outcome {
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
            Pick::Correct(record) => self.open_correction(record),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        [
            ("VVD", Kind::Person),
            ("D66", Kind::Person),
            ("Nelleke Vedelaar", Kind::Person),
            ("Peter van Drielen", Kind::Person),
            ("5 Plan beschut werken nieuw", Kind::Item),
        ]
        .iter()
        .enumerate()
        .map(|(i, (name, kind))| Entry {
            label: name.to_string(),
            detail: String::new(),
            context: None,
            kind: *kind,
            pick: Pick::Item(i),
        })
        .collect()
    }

    fn typed(picker: &mut Picker, text: &str) {
        picker.query.insert_str(text);
        picker.refilter();
    }

    #[test]
    fn fuzzy_query_finds_a_name_with_a_typo() {
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut picker, "vedelar");
        assert_eq!(picker.chosen(), Some(Pick::Item(2)));
    }

    #[test]
    fn a_prefix_keeps_one_kind() {
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut picker, "#");
        assert_eq!(picker.shown, [4]);
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut picker, "@v");
        assert!(picker.shown.iter().all(|&i| i < 4), "{:?}", picker.shown);
    }

    #[test]
    fn free_text_is_offered_when_nothing_matches() {
        let mut picker = Picker::new(
            Purpose::Speaker,
            String::new(),
            entries(),
            Some("as typed".into()),
        );
        typed(&mut picker, "Insprekers Wezo");
        assert_eq!(picker.shown.len(), 1);
        assert_eq!(
            picker.chosen(),
            Some(Pick::Speaker(SpeakerChoice {
                name: "Insprekers Wezo".into(),
                faction: None,
                role: Role::Other
            }))
        );
    }

    #[test]
    fn narrowing_gives_the_same_results_as_searching_anew() {
        let mut grown = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut grown, "ve");
        typed(&mut grown, "d");
        let mut fresh = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut fresh, "ved");
        assert_eq!(grown.shown, fresh.shown);
    }

    #[test]
    fn a_long_list_is_ranked_in_the_background_with_the_same_result() {
        let many: Vec<Entry> = (0..IN_BACKGROUND_FROM + 10)
            .map(|i| Entry {
                label: format!("regel {i} beschut werk"),
                detail: String::new(),
                context: None,
                kind: Kind::Attachment,
                pick: Pick::Item(i),
            })
            .collect();
        let mut background = Picker::new(Purpose::Search, String::new(), many.clone(), None);
        background.query.insert_str("beschut 1234");
        background.stale = true;
        background.refresh();
        assert!(background.is_ranking(), "a long list goes to a worker");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while background.is_ranking() {
            background.poll();
            assert!(std::time::Instant::now() < deadline, "the worker finishes");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let mut at_once = Picker::new(Purpose::Search, String::new(), many, None);
        at_once.query.insert_str("beschut 1234");
        at_once.refilter();
        assert_eq!(background.shown, at_once.shown);
        assert!(!background.shown.is_empty());

        // Enter while a worker still ranks acts on the results for what is typed now.
        background.query.insert_str("5");
        background.stale = true;
        background.refresh();
        background.settle();
        assert!(!background.is_ranking());
        let mut fresh = Picker::new(Purpose::Search, String::new(), Vec::new(), None);
        fresh.entries = background.entries.clone();
        fresh.candidates = background.candidates.clone();
        fresh.query.insert_str("beschut 12345");
        fresh.refilter();
        assert_eq!(background.shown, fresh.shown);
    }

    #[test]
    fn selection_wraps_around() {
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        picker.move_selection(false);
        assert_eq!(picker.selected, 4);
        picker.move_selection(true);
        assert_eq!(picker.selected, 0);
    }
}

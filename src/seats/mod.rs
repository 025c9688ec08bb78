//! Two seats, one set of minutes (issue 26, its foundation): the minutes as an automerge document
//! that two consoles each keep and merge, with gavel's merge rules. Pure: no terminal, no thread,
//! no file (the seat files are `store::seat_files`).
//!
//! The rules, as the README's "Two seats" section states them:
//! - **Records are all kept, in time order.** Each conclusion (with its kind), commitment, vote,
//!   grant of extra time, draft and attendance entry is one value under an *order key*
//!   `<recorded_at as UTC seconds>/<seat>/<session>-<n>`: a key no other seat writes, so the
//!   records of both seats are all kept, and the minutes list them in key order, which is time
//!   order (then seat, then the seat's own count). A correction is a new record in place of the
//!   old one; a record removed by one seat is gone for both.
//! - **The clock of an item is run by one seat at a time.** An item's status, periods, elapsed
//!   seconds and rounds (its list of speakers with their stretches) are one value per item, and
//!   the document names the seat that holds the clock (`clock_holder`). A change to that value
//!   from another seat is refused ([`SeatError::NotClockHolder`]); [`SeatDoc::take_clock`] takes
//!   it over explicitly. Two seats that both took the clock while apart end with one of the two
//!   versions of an item's clock (automerge's last-writer rule, the same on both), never a sum:
//!   no speaker is counted twice.
//! - **A commitment id is unique across seats.** Two seats apart can give the same
//!   `<date>-<item>-<n>`; the one recorded first (order key) keeps it, the later gets the next
//!   free number of its item, and the rename is reported by [`SeatDoc::merge`] and written into
//!   the document by the next [`SeatDoc::update`] of either seat (both write the same value).
//! - **Everything else** (title, date, opened/closed, an item's title and notes, the totals
//!   gavel recomputes on every save) is the last writer's.
//!
//! Every value is a scalar at the document's root (`item/…`, `clock/…`, `rec/…`): automerge keeps
//! one of two objects created at one key by two seats at once, so there are no nested objects a
//! merge could drop, and even two seats that each imported the same minutes merge without loss.
//!
//! Minutes -> document -> minutes is lossless ([`SeatDoc::from_minutes`] then
//! [`SeatDoc::minutes`]), and the YAML minutes stay the contract: a seat's console keeps working
//! on `Minutes` and hands each change to [`SeatDoc::update_from`] as the minutes it started from
//! and the minutes after it, so only what this seat changed goes in and what the other seat did
//! meanwhile stays. It hands over its own state, not `Minutes::for_saving`'s (whose totals move
//! with the clock and would be written on every key).

use std::collections::{HashMap, HashSet};

use automerge::{
    ActorId, AutoCommit, ROOT, ReadDoc, ScalarValueRef, ValueRef, transaction::Transactable,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::domain::decision::{Presence, Vote};
use crate::domain::minutes::{
    Commitment, Conclusion, Draft, ExtraTime, FactionTotal, ItemMinutes, Minutes, Period, Round,
    Status, Timestamp, rfc3339_opt,
};

/// The version of the document's layout, written at its root.
pub const LAYOUT: i64 = 1;

/// Why a seat's change or a document was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SeatError {
    /// The change touched the clock of item `item`, which seat `holder` runs.
    #[error("the clock is run by seat \"{holder}\"; take it over first (item {item})")]
    NotClockHolder { holder: String, item: String },
    /// A seat name must be 1-32 letters, digits, `-` or `_`.
    #[error("invalid seat name \"{0}\": use 1-32 letters, digits, - or _")]
    InvalidSeat(String),
    /// The document does not hold gavel's minutes as this version lays them out.
    #[error("damaged seat document: {0}")]
    Damaged(String),
    /// automerge refused the bytes or the change.
    #[error("seat document: {0}")]
    Engine(String),
}

impl From<automerge::AutomergeError> for SeatError {
    fn from(error: automerge::AutomergeError) -> Self {
        SeatError::Engine(error.to_string())
    }
}

/// A commitment id one seat gave that the other had given first, renamed by the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub item: String,
    pub from: String,
    pub to: String,
}

/// Seat names go into file names and order keys: kept to a safe alphabet.
pub fn valid_seat(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The clock part of an item: one value, written only by the seat that holds the clock.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct ItemClock {
    #[serde(default)]
    status: Status,
    #[serde(default)]
    periods: Vec<Period>,
    #[serde(default)]
    elapsed_seconds: u64,
    #[serde(default)]
    rounds: Vec<Round>,
}

/// An item's own fields, with what gavel recomputes on every save: the last writer's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ItemHead {
    number: String,
    title: String,
    /// Agenda order among the items of the minutes.
    rank: f64,
    #[serde(default)]
    planned_seconds: Option<u64>,
    #[serde(default)]
    overrun_seconds: u64,
    #[serde(default)]
    faction_totals: Vec<FactionTotal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Header {
    meeting: String,
    title: String,
    date: NaiveDate,
    #[serde(default, with = "rfc3339_opt", skip_serializing_if = "Option::is_none")]
    opened_at: Option<Timestamp>,
    #[serde(default, with = "rfc3339_opt", skip_serializing_if = "Option::is_none")]
    closed_at: Option<Timestamp>,
    #[serde(default)]
    faction_totals: Vec<FactionTotal>,
}

impl ItemClock {
    fn of(item: &ItemMinutes) -> ItemClock {
        ItemClock {
            status: item.status,
            periods: item.periods.clone(),
            elapsed_seconds: item.elapsed_seconds,
            rounds: item.rounds.clone(),
        }
    }
}

/// A record: a value with the time it was made, if it has one (drafts have none).
trait Record: Serialize + DeserializeOwned + PartialEq + Clone {
    fn time(&self) -> Option<Timestamp>;
}

impl Record for Conclusion {
    fn time(&self) -> Option<Timestamp> {
        Some(self.recorded_at)
    }
}
impl Record for Commitment {
    fn time(&self) -> Option<Timestamp> {
        Some(self.recorded_at)
    }
}
impl Record for Vote {
    fn time(&self) -> Option<Timestamp> {
        Some(self.recorded_at)
    }
}
impl Record for ExtraTime {
    fn time(&self) -> Option<Timestamp> {
        Some(self.granted_at)
    }
}
impl Record for Presence {
    fn time(&self) -> Option<Timestamp> {
        Some(self.arrived_at)
    }
}
impl Record for Draft {
    fn time(&self) -> Option<Timestamp> {
        None
    }
}

/// Seconds since 1970 shifted to stay positive over chrono's whole range, in a fixed width, so
/// that keys sort as times do.
fn time_part(time: Option<Timestamp>) -> String {
    let seconds = time.map_or(0, |t| t.timestamp()) as i128 + 10_000_000_000_000;
    format!("{seconds:014}")
}

/// The record lists of an item, as the keys `rec/<list>/<item key length>:<item key>/<order key>`
/// name them.
const CONCLUSIONS: &str = "conclusions";
const COMMITMENTS: &str = "commitments";
const VOTES: &str = "votes";
const EXTRA_TIME: &str = "extra_time";

fn record_key(list: &str, item: &str, order: &str) -> String {
    format!("rec/{list}/{}:{item}/{order}", item.len())
}

/// `(list, item key, order key)` of a record's key.
fn parse_record_key(key: &str) -> Option<(&str, &str, &str)> {
    let rest = key.strip_prefix("rec/")?;
    let (list, rest) = rest.split_once('/')?;
    let (length, rest) = rest.split_once(':')?;
    let length: usize = length.parse().ok()?;
    let item = rest.get(..length)?;
    let order = rest.get(length..)?.strip_prefix('/')?;
    Some((list, item, order))
}

/// One seat's copy of the minutes as an automerge document.
pub struct SeatDoc {
    doc: AutoCommit,
    seat: String,
    /// Tells this session's keys from the same seat's earlier sessions.
    session: String,
    next: u64,
}

impl std::fmt::Debug for SeatDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeatDoc").field("seat", &self.seat).finish()
    }
}

/// An item as read from the document: its fields and its records with their order keys.
#[derive(Debug, Clone, PartialEq)]
struct ItemView {
    key: String,
    head: ItemHead,
    notes: Option<String>,
    clock: ItemClock,
    conclusions: Vec<(String, Conclusion)>,
    commitments: Vec<(String, Commitment)>,
    votes: Vec<(String, Vote)>,
    extra_time: Vec<(String, ExtraTime)>,
}

impl ItemView {
    fn new(key: &str) -> ItemView {
        ItemView {
            key: key.to_string(),
            head: ItemHead {
                number: key.to_string(),
                title: String::new(),
                rank: f64::INFINITY,
                planned_seconds: None,
                overrun_seconds: 0,
                faction_totals: Vec::new(),
            },
            notes: None,
            clock: ItemClock::default(),
            conclusions: Vec::new(),
            commitments: Vec::new(),
            votes: Vec::new(),
            extra_time: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct View {
    header: Header,
    clock_holder: String,
    items: Vec<ItemView>,
    drafts: Vec<(String, Draft)>,
    attendance: Vec<(String, Presence)>,
    renamed: Vec<Renamed>,
    /// The full key and shown value of each renamed commitment.
    renamed_keys: Vec<(String, Commitment)>,
}

fn strip<T: Clone>(list: &[(String, T)]) -> Vec<T> {
    list.iter().map(|(_, value)| value.clone()).collect()
}

impl View {
    fn minutes(&self) -> Minutes {
        Minutes {
            meeting: self.header.meeting.clone(),
            title: self.header.title.clone(),
            date: self.header.date,
            opened_at: self.header.opened_at,
            closed_at: self.header.closed_at,
            items: self
                .items
                .iter()
                .map(|item| ItemMinutes {
                    number: item.head.number.clone(),
                    title: item.head.title.clone(),
                    status: item.clock.status,
                    notes: item.notes.clone(),
                    periods: item.clock.periods.clone(),
                    elapsed_seconds: item.clock.elapsed_seconds,
                    rounds: item.clock.rounds.clone(),
                    conclusions: strip(&item.conclusions),
                    commitments: strip(&item.commitments),
                    votes: strip(&item.votes),
                    extra_time: strip(&item.extra_time),
                    planned_seconds: item.head.planned_seconds,
                    overrun_seconds: item.head.overrun_seconds,
                    faction_totals: item.head.faction_totals.clone(),
                })
                .collect(),
            faction_totals: self.header.faction_totals.clone(),
            drafts: strip(&self.drafts),
            attendance: strip(&self.attendance),
        }
    }
}

fn damaged(what: impl Into<String>) -> SeatError {
    SeatError::Damaged(what.into())
}

fn json<T: Serialize>(value: &T) -> String {
    // The domain's types serialise to JSON without fail (no maps with non-string keys).
    serde_json::to_string(value).unwrap_or_default()
}

fn from_json<T: DeserializeOwned>(text: &str, at: &str) -> Result<T, SeatError> {
    serde_json::from_str(text).map_err(|error| damaged(format!("{at}: {error}")))
}

/// Each item's key is its number; a number written twice by hand gets `#2`, `#3`, ... (a key no
/// other item has).
fn item_keys(minutes: &Minutes) -> Vec<String> {
    let mut used: HashSet<&str> = HashSet::new();
    let firsts: Vec<bool> = minutes
        .items
        .iter()
        .map(|item| used.insert(item.number.as_str()))
        .collect();
    let mut taken: HashSet<String> = used.iter().map(|n| n.to_string()).collect();
    minutes
        .items
        .iter()
        .zip(firsts)
        .map(|(item, first)| {
            if first {
                return item.number.clone();
            }
            let mut n = 2;
            while taken.contains(&format!("{}#{n}", item.number)) {
                n += 1;
            }
            let key = format!("{}#{n}", item.number);
            taken.insert(key.clone());
            key
        })
        .collect()
}

impl SeatDoc {
    /// A new document holding `minutes`, made by `seat`, which holds the clock. The keys of an
    /// import depend on the minutes only, so two seats that import the same minutes merge
    /// without doubling a record.
    pub fn from_minutes(seat: &str, minutes: &Minutes) -> Result<SeatDoc, SeatError> {
        let mut this = SeatDoc::empty(seat)?;
        this.doc.put(ROOT, "layout", LAYOUT)?;
        this.doc.put(ROOT, "clock_holder", seat)?;
        this.import(minutes)?;
        this.doc.commit();
        Ok(this)
    }

    /// A seat's document from the bytes of a seat file (its own, or the other seat's), checked to
    /// hold gavel's minutes.
    pub fn load(seat: &str, bytes: &[u8]) -> Result<SeatDoc, SeatError> {
        let mut this = SeatDoc::empty(seat)?;
        let actor = this.doc.get_actor().clone();
        this.doc = AutoCommit::load(bytes)?.with_actor(actor);
        this.view()?;
        Ok(this)
    }

    fn empty(seat: &str) -> Result<SeatDoc, SeatError> {
        if !valid_seat(seat) {
            return Err(SeatError::InvalidSeat(seat.to_string()));
        }
        let actor = ActorId::random();
        let session = actor.to_hex_string()[..8].to_string();
        Ok(SeatDoc {
            doc: AutoCommit::new().with_actor(actor),
            seat: seat.to_string(),
            session,
            next: 0,
        })
    }

    pub fn seat(&self) -> &str {
        &self.seat
    }

    /// The whole document, compressed, as a seat file holds it.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// The seat that runs the clock.
    pub fn clock_holder(&self) -> Result<String, SeatError> {
        Ok(self.view()?.clock_holder)
    }

    /// This seat takes the clock over (the console asks first).
    pub fn take_clock(&mut self) -> Result<(), SeatError> {
        self.doc.put(ROOT, "clock_holder", self.seat.as_str())?;
        self.doc.commit();
        Ok(())
    }

    /// The document's heads: they change exactly when a change was made or merged in.
    pub fn heads(&mut self) -> Vec<automerge::ChangeHash> {
        self.doc.get_heads()
    }

    /// The changes made or merged since the last call (or since the document was loaded), as
    /// bytes `apply_changes` of the other seat takes: what the direct connection sends.
    pub fn save_incremental(&mut self) -> Vec<u8> {
        self.doc.save_incremental()
    }

    /// Changes from the other seat (`save_incremental`'s bytes, or a whole saved document)
    /// taken in; returns the commitment ids this renamed. Damaged bytes, or bytes that would
    /// leave the document unreadable, are refused and nothing of them is kept.
    pub fn apply_changes(&mut self, bytes: &[u8]) -> Result<Vec<Renamed>, SeatError> {
        let before = self.view()?.renamed;
        let mut changed = self.doc.fork();
        changed.load_incremental(bytes)?;
        self.take_checked(changed, &before)
    }

    /// `changed` (a fork of the document with the other seat's changes in) becomes the document
    /// if it still reads as gavel's minutes, else the document stays as it was. Returns the
    /// commitment ids renamed since `before`.
    fn take_checked(
        &mut self,
        changed: AutoCommit,
        before: &[Renamed],
    ) -> Result<Vec<Renamed>, SeatError> {
        let actor = self.doc.get_actor().clone();
        let previous = std::mem::replace(&mut self.doc, changed.with_actor(actor));
        match self.view() {
            Ok(view) => Ok(view
                .renamed
                .into_iter()
                .filter(|r| !before.contains(r))
                .collect()),
            Err(error) => {
                self.doc = previous;
                Err(error)
            }
        }
    }

    /// The next message of the automerge sync protocol for the other seat on the direct
    /// connection whose state is `state`; none while the other has all, or has not answered.
    pub fn sync_message(&mut self, state: &mut automerge::sync::State) -> Option<Vec<u8>> {
        use automerge::sync::SyncDoc as _;
        self.doc
            .sync()
            .generate_sync_message(state)
            .map(automerge::sync::Message::encode)
    }

    /// A sync message of the other seat taken in; returns the commitment ids this renamed. A
    /// damaged message, or one that would leave the document unreadable, is refused and
    /// nothing of it is kept (the caller drops the connection: the sync starts afresh).
    pub fn receive_sync(
        &mut self,
        state: &mut automerge::sync::State,
        bytes: &[u8],
    ) -> Result<Vec<Renamed>, SeatError> {
        use automerge::sync::SyncDoc as _;
        let message = automerge::sync::Message::decode(bytes)
            .map_err(|error| damaged(format!("sync message: {error}")))?;
        let before = self.view()?.renamed;
        let mut changed = self.doc.fork();
        changed.sync().receive_sync_message(state, message)?;
        self.take_checked(changed, &before)
    }

    /// Takes in minutes that may hold what the document lacks (the YAML minutes a console
    /// already had when it became a seat, or that a single console wrote after the seats had
    /// gone): every record of `minutes` the document does not have is added, and none is
    /// removed. With `clocks`, the items' clocks and the meeting's opening and closing are set
    /// as `minutes` has them (the console that ran them is taking part), whoever holds the clock.
    pub fn absorb(&mut self, minutes: &Minutes, clocks: bool) -> Result<(), SeatError> {
        let view = self.view()?;
        let base = view.minutes();
        let mut after = base.clone();
        let keys = item_keys(&after);
        for item in &minutes.items {
            let at = keys.iter().position(|key| *key == item.number);
            let Some(at) = at else {
                after.items.push(item.clone());
                continue;
            };
            let into = &mut after.items[at];
            add_missing(&mut into.conclusions, &item.conclusions);
            add_missing(&mut into.commitments, &item.commitments);
            add_missing(&mut into.votes, &item.votes);
            add_missing(&mut into.extra_time, &item.extra_time);
            if into.notes.is_none() {
                into.notes.clone_from(&item.notes);
            }
            if clocks {
                into.status = item.status;
                into.periods.clone_from(&item.periods);
                into.elapsed_seconds = item.elapsed_seconds;
                into.rounds.clone_from(&item.rounds);
            }
        }
        add_missing(&mut after.attendance, &minutes.attendance);
        add_missing(&mut after.drafts, &minutes.drafts);
        if clocks {
            after.opened_at = minutes.opened_at;
            after.closed_at = minutes.closed_at;
        }
        if after == base {
            return Ok(());
        }
        self.apply_change(&view, &base, &after)?;
        self.doc.commit();
        Ok(())
    }

    /// Hands the clock to `seat` (a new document of a seat joining a console that runs it).
    pub fn hand_clock_to(&mut self, seat: &str) -> Result<(), SeatError> {
        if !valid_seat(seat) {
            return Err(SeatError::InvalidSeat(seat.to_string()));
        }
        self.doc.put(ROOT, "clock_holder", seat)?;
        self.doc.commit();
        Ok(())
    }

    /// The drafts seat `seat` is typing (with those of an import, when `imported` is set: the
    /// minutes of the console that ran alone before the seats).
    pub fn drafts_of(&self, seat: &str, imported: bool) -> Result<Vec<Draft>, SeatError> {
        Ok(self
            .view()?
            .drafts
            .into_iter()
            .filter(|(order, _)| {
                let by = order.split('/').nth(1).unwrap_or("");
                by == seat || (imported && by.is_empty())
            })
            .map(|(_, draft)| draft)
            .collect())
    }

    /// The minutes the document holds now.
    pub fn minutes(&self) -> Result<Minutes, SeatError> {
        Ok(self.view()?.minutes())
    }

    /// The other seat's changes taken in; returns the commitment ids this merge renamed. A
    /// damaged other document is refused before anything is merged.
    pub fn merge(&mut self, other: &mut SeatDoc) -> Result<Vec<Renamed>, SeatError> {
        let before = self.view()?.renamed;
        other.view()?;
        let mut merged = self.doc.fork();
        merged.merge(&mut other.doc)?;
        self.take_checked(merged, &before)
    }

    /// This seat's console changed the minutes the document holds now into `minutes`: the
    /// differences go into the document as one change. Refused, with nothing written, when it
    /// touches the clock of an item and this seat does not hold the clock.
    pub fn update(&mut self, minutes: &Minutes) -> Result<(), SeatError> {
        let view = self.view()?;
        let base = view.minutes();
        self.change(view, &base, minutes)
    }

    /// This seat's console changed `base` (the minutes it last took from the document) into
    /// `minutes`: only what it changed goes in, so what the other seat did since (merged in the
    /// meantime) stays. Refused, with nothing written, when the change touches the clock of an
    /// item and this seat does not hold the clock.
    pub fn update_from(&mut self, base: &Minutes, minutes: &Minutes) -> Result<(), SeatError> {
        let view = self.view()?;
        self.change(view, base, minutes)
    }

    fn change(&mut self, view: View, base: &Minutes, minutes: &Minutes) -> Result<(), SeatError> {
        if view.clock_holder != self.seat
            && let Some(item) = clock_changed(base, minutes)
        {
            return Err(SeatError::NotClockHolder {
                holder: view.clock_holder.clone(),
                item,
            });
        }
        self.apply_change(&view, base, minutes)?;
        self.doc.commit();
        Ok(())
    }

    /// Writes what changed from `base` to `new` onto the document as `view` shows it.
    fn apply_change(
        &mut self,
        view: &View,
        base: &Minutes,
        new: &Minutes,
    ) -> Result<(), SeatError> {
        let header = |m: &Minutes| Header {
            meeting: m.meeting.clone(),
            title: m.title.clone(),
            date: m.date,
            opened_at: m.opened_at,
            closed_at: m.closed_at,
            faction_totals: m.faction_totals.clone(),
        };
        if header(base) != header(new) {
            self.doc.put(ROOT, "header", json(&header(new)))?;
        }
        let base_keys = item_keys(base);
        let base_items: HashMap<&str, &ItemMinutes> = base_keys
            .iter()
            .map(String::as_str)
            .zip(&base.items)
            .collect();
        let in_doc: HashMap<&str, &ItemView> =
            view.items.iter().map(|i| (i.key.as_str(), i)).collect();
        let keys = item_keys(new);
        let old_ranks: Vec<Option<f64>> = keys
            .iter()
            .map(|key| in_doc.get(key.as_str()).map(|i| i.head.rank))
            .collect();
        let ranks = fill_ranks(&old_ranks);
        let blank = ItemMinutes::default();
        for ((item, key), rank) in new.items.iter().zip(&keys).zip(ranks) {
            let before = base_items.get(key.as_str()).copied();
            let doc_item = in_doc.get(key.as_str()).copied();
            let content = |i: &ItemMinutes| {
                (
                    i.number.clone(),
                    i.title.clone(),
                    i.planned_seconds,
                    i.overrun_seconds,
                    i.faction_totals.clone(),
                )
            };
            let changed = before.is_none_or(|b| content(b) != content(item));
            let mut head = ItemHead {
                number: item.number.clone(),
                title: item.title.clone(),
                rank,
                planned_seconds: item.planned_seconds,
                overrun_seconds: item.overrun_seconds,
                faction_totals: item.faction_totals.clone(),
            };
            if let (false, Some(doc_item)) = (changed, doc_item) {
                head = ItemHead {
                    rank,
                    ..doc_item.head.clone()
                };
            }
            if changed || doc_item.is_none_or(|d| d.head != head) {
                self.doc.put(ROOT, format!("item/{key}"), json(&head))?;
            }
            let clock = ItemClock::of(item);
            let clock_before = before.map(ItemClock::of).unwrap_or_default();
            if clock != clock_before || doc_item.is_none() {
                self.doc.put(ROOT, format!("clock/{key}"), json(&clock))?;
            }
            let notes_before = before.and_then(|b| b.notes.as_ref());
            if item.notes.as_ref() != notes_before {
                match &item.notes {
                    Some(notes) => self.doc.put(ROOT, format!("notes/{key}"), notes.as_str())?,
                    None if doc_item.is_some_and(|d| d.notes.is_some()) => {
                        self.doc.delete(ROOT, format!("notes/{key}"))?
                    }
                    None => {}
                }
            }
            self.change_records(key, before.unwrap_or(&blank), item, doc_item)?;
        }
        let kept: HashSet<&str> = keys.iter().map(String::as_str).collect();
        for (key, before) in base_keys.iter().zip(&base.items) {
            if kept.contains(key.as_str()) {
                continue;
            }
            let doc_item = in_doc.get(key.as_str()).copied();
            self.change_records(key, before, &blank, doc_item)?;
            // The item goes only when the other seat recorded nothing on it either.
            let records = |i: &ItemMinutes| {
                i.conclusions.len() + i.commitments.len() + i.votes.len() + i.extra_time.len()
            };
            let in_doc_records = doc_item.map_or(0, |d| {
                d.conclusions.len() + d.commitments.len() + d.votes.len() + d.extra_time.len()
            });
            if in_doc_records <= records(before) {
                for prefix in ["item", "clock", "notes"] {
                    self.doc.delete(ROOT, format!("{prefix}/{key}"))?;
                }
            } else if ItemClock::of(before) != ItemClock::default() {
                // Kept for the other seat's records, but this seat's change (an undone take-up)
                // took back its clock.
                self.doc
                    .put(ROOT, format!("clock/{key}"), json(&ItemClock::default()))?;
            }
        }
        self.change_list(&base.drafts, &new.drafts, &view.drafts, &|o| {
            format!("draft/{o}")
        })?;
        self.change_list(&base.attendance, &new.attendance, &view.attendance, &|o| {
            format!("presence/{o}")
        })?;
        // A rename the view made is written as it is shown, unless this change removed it.
        for (key, commitment) in &view.renamed_keys {
            if self.doc.get(ROOT, key.as_str())?.is_some() {
                self.doc.put(ROOT, key.as_str(), json(commitment))?;
            }
        }
        Ok(())
    }

    fn change_records(
        &mut self,
        key: &str,
        before: &ItemMinutes,
        after: &ItemMinutes,
        doc_item: Option<&ItemView>,
    ) -> Result<(), SeatError> {
        let list_key = |list: &'static str| move |order: &str| record_key(list, key, order);
        let none = ItemView::new(key);
        let doc_item = doc_item.unwrap_or(&none);
        self.change_list(
            &before.conclusions,
            &after.conclusions,
            &doc_item.conclusions,
            &list_key(CONCLUSIONS),
        )?;
        self.change_list(
            &before.commitments,
            &after.commitments,
            &doc_item.commitments,
            &list_key(COMMITMENTS),
        )?;
        self.change_list(
            &before.votes,
            &after.votes,
            &doc_item.votes,
            &list_key(VOTES),
        )?;
        self.change_list(
            &before.extra_time,
            &after.extra_time,
            &doc_item.extra_time,
            &list_key(EXTRA_TIME),
        )
    }

    /// The records `before` had and `after` has not are removed from the document (the first
    /// equal one there; none if the other seat removed it already), and those `after` has new
    /// are added, each under a new order key.
    fn change_list<T: Record>(
        &mut self,
        before: &[T],
        after: &[T],
        in_doc: &[(String, T)],
        full_key: &dyn Fn(&str) -> String,
    ) -> Result<(), SeatError> {
        let mut matched = vec![false; before.len()];
        let mut added = Vec::new();
        for record in after {
            match (0..before.len()).find(|&i| !matched[i] && before[i] == *record) {
                Some(i) => matched[i] = true,
                None => added.push(record),
            }
        }
        let mut gone = vec![false; in_doc.len()];
        for (i, record) in before.iter().enumerate() {
            if matched[i] {
                continue;
            }
            if let Some(at) = (0..in_doc.len()).find(|&j| !gone[j] && in_doc[j].1 == *record) {
                gone[at] = true;
                self.doc.delete(ROOT, full_key(&in_doc[at].0))?;
            }
        }
        for record in added {
            self.next += 1;
            let order = format!(
                "{}/{}/{}-{:08}",
                time_part(record.time()),
                self.seat,
                self.session,
                self.next
            );
            self.doc.put(ROOT, full_key(&order), json(record))?;
        }
        Ok(())
    }

    /// Writes all of `minutes` into a new document. The keys depend on the minutes only: items
    /// ranked 0, 1, 2, ... and each record keyed by its place, under a time never earlier than
    /// the record before it, so the keys keep each list's order as it was written.
    fn import(&mut self, minutes: &Minutes) -> Result<(), SeatError> {
        let header = Header {
            meeting: minutes.meeting.clone(),
            title: minutes.title.clone(),
            date: minutes.date,
            opened_at: minutes.opened_at,
            closed_at: minutes.closed_at,
            faction_totals: minutes.faction_totals.clone(),
        };
        self.doc.put(ROOT, "header", json(&header))?;
        for (rank, (item, key)) in minutes.items.iter().zip(item_keys(minutes)).enumerate() {
            let key = key.as_str();
            let head = ItemHead {
                number: item.number.clone(),
                title: item.title.clone(),
                rank: rank as f64,
                planned_seconds: item.planned_seconds,
                overrun_seconds: item.overrun_seconds,
                faction_totals: item.faction_totals.clone(),
            };
            self.doc.put(ROOT, format!("item/{key}"), json(&head))?;
            self.doc
                .put(ROOT, format!("clock/{key}"), json(&ItemClock::of(item)))?;
            if let Some(notes) = &item.notes {
                self.doc.put(ROOT, format!("notes/{key}"), notes.as_str())?;
            }
            let list_key = |list: &'static str| move |order: &str| record_key(list, key, order);
            self.import_list(&item.conclusions, &list_key(CONCLUSIONS))?;
            self.import_list(&item.commitments, &list_key(COMMITMENTS))?;
            self.import_list(&item.votes, &list_key(VOTES))?;
            self.import_list(&item.extra_time, &list_key(EXTRA_TIME))?;
        }
        self.import_list(&minutes.drafts, &|o| format!("draft/{o}"))?;
        self.import_list(&minutes.attendance, &|o| format!("presence/{o}"))
    }

    fn import_list<T: Record>(
        &mut self,
        records: &[T],
        full_key: &dyn Fn(&str) -> String,
    ) -> Result<(), SeatError> {
        let mut latest: Option<Timestamp> = None;
        for (index, record) in records.iter().enumerate() {
            latest = latest.max(record.time());
            let order = format!("{}//{index:08}", time_part(latest));
            self.doc.put(ROOT, full_key(&order), json(record))?;
        }
        Ok(())
    }

    /// The document read whole, checked, with the commitment renames applied.
    fn view(&self) -> Result<View, SeatError> {
        let mut layout = None;
        let mut header = None;
        let mut clock_holder = None;
        let mut items: HashMap<String, ItemView> = HashMap::new();
        let mut drafts = Vec::new();
        let mut attendance = Vec::new();
        for item in self.doc.map_range(ROOT, ..) {
            let key = item.key.as_ref();
            let text = match &item.value {
                ValueRef::Scalar(ScalarValueRef::Str(text)) => Some(text.as_ref()),
                ValueRef::Scalar(ScalarValueRef::Int(n)) if key == "layout" => {
                    layout = Some(*n);
                    continue;
                }
                _ => None,
            };
            let Some(text) = text else {
                return Err(damaged(format!("{key} is not text")));
            };
            let (kind, rest) = key.split_once('/').unwrap_or((key, ""));
            match kind {
                "header" => header = Some(from_json::<Header>(text, key)?),
                "clock_holder" => clock_holder = Some(text.to_string()),
                "item" => {
                    let head: ItemHead = from_json(text, key)?;
                    if !head.rank.is_finite() {
                        return Err(damaged(format!("{key}: rank is not a number")));
                    }
                    entry(&mut items, rest).head = head;
                }
                "clock" => entry(&mut items, rest).clock = from_json(text, key)?,
                "notes" => entry(&mut items, rest).notes = Some(text.to_string()),
                "draft" => drafts.push((rest.to_string(), from_json(text, key)?)),
                "presence" => attendance.push((rest.to_string(), from_json(text, key)?)),
                "rec" => {
                    let Some((list, item, order)) = parse_record_key(key) else {
                        return Err(damaged(format!("{key}: not a record's key")));
                    };
                    let view = entry(&mut items, item);
                    let order = order.to_string();
                    match list {
                        CONCLUSIONS => view.conclusions.push((order, from_json(text, key)?)),
                        COMMITMENTS => view.commitments.push((order, from_json(text, key)?)),
                        VOTES => view.votes.push((order, from_json(text, key)?)),
                        EXTRA_TIME => view.extra_time.push((order, from_json(text, key)?)),
                        _ => return Err(damaged(format!("{key}: unknown list"))),
                    }
                }
                _ => return Err(damaged(format!("unknown key {key}"))),
            }
        }
        // A document of another layout merged in concurrently leaves two values at "layout";
        // the engine shows one of them, by its tie-break: every one must be gavel's.
        let layouts = self.doc.get_all(ROOT, "layout")?;
        if layouts.len() > 1
            && !layouts
                .iter()
                .all(|(value, _)| value.to_i64() == Some(LAYOUT))
        {
            return Err(damaged("another document merged in (two layouts)"));
        }
        if layout != Some(LAYOUT) {
            return Err(damaged(match layout {
                Some(other) => format!("layout {other}, this gavel reads {LAYOUT}"),
                None => "not gavel's minutes (no layout)".to_string(),
            }));
        }
        let header = header.ok_or_else(|| damaged("no header"))?;
        let clock_holder = clock_holder.ok_or_else(|| damaged("no clock holder"))?;
        let mut items: Vec<ItemView> = items.into_values().collect();
        for item in &mut items {
            item.conclusions.sort_by(|a, b| a.0.cmp(&b.0));
            item.commitments.sort_by(|a, b| a.0.cmp(&b.0));
            item.votes.sort_by(|a, b| a.0.cmp(&b.0));
            item.extra_time.sort_by(|a, b| a.0.cmp(&b.0));
        }
        items.sort_by(|a, b| (a.head.rank.total_cmp(&b.head.rank)).then_with(|| a.key.cmp(&b.key)));
        drafts.sort_by(|a, b| a.0.cmp(&b.0));
        attendance.sort_by(|a, b| a.0.cmp(&b.0));
        let (renamed, renamed_keys) = rename_duplicate_ids(&mut items);
        Ok(View {
            header,
            clock_holder,
            items,
            drafts,
            attendance,
            renamed,
            renamed_keys,
        })
    }
}

/// Appends to `into` each record of `from` it does not hold (as many times as `from` has it).
fn add_missing<T: PartialEq + Clone>(into: &mut Vec<T>, from: &[T]) {
    let mut matched = vec![false; into.len()];
    for record in from {
        match (0..matched.len()).find(|&i| !matched[i] && into[i] == *record) {
            Some(i) => matched[i] = true,
            None => into.push(record.clone()),
        }
    }
}

/// The first item (by its number) whose clock `after` changed from `before`: a change only the
/// seat holding the clock may make.
pub fn clock_changed(before: &Minutes, after: &Minutes) -> Option<String> {
    let clocks = |m: &Minutes| -> HashMap<String, ItemClock> {
        item_keys(m)
            .into_iter()
            .zip(&m.items)
            .map(|(key, i)| (key, ItemClock::of(i)))
            .collect()
    };
    let (old, new) = (clocks(before), clocks(after));
    let default = ItemClock::default();
    let mut all: Vec<&String> = old.keys().chain(new.keys()).collect();
    all.sort_unstable();
    all.dedup();
    all.into_iter()
        .find(|key| old.get(*key).unwrap_or(&default) != new.get(*key).unwrap_or(&default))
        .cloned()
}

fn entry<'a>(items: &'a mut HashMap<String, ItemView>, key: &str) -> &'a mut ItemView {
    items
        .entry(key.to_string())
        .or_insert_with(|| ItemView::new(key))
}

/// Ranks for the items in the new order: kept where they are still in order, the others placed
/// between their neighbours.
fn fill_ranks(old: &[Option<f64>]) -> Vec<f64> {
    // A rank is kept only while it rises; the rest are placed anew.
    let mut kept: Vec<Option<f64>> = Vec::with_capacity(old.len());
    let mut last = f64::NEG_INFINITY;
    for rank in old {
        match rank {
            Some(rank) if *rank > last => {
                last = *rank;
                kept.push(Some(*rank));
            }
            _ => kept.push(None),
        }
    }
    let mut ranks = Vec::with_capacity(old.len());
    for (i, rank) in kept.iter().enumerate() {
        if let Some(rank) = rank {
            ranks.push(*rank);
            continue;
        }
        let before = ranks.last().copied();
        let after = kept[i + 1..].iter().flatten().next().copied();
        ranks.push(match (before, after) {
            (Some(b), Some(a)) => b + (a - b) / 2.0,
            (Some(b), None) => b + 1.0,
            (None, Some(a)) => a - 1.0,
            (None, None) => 0.0,
        });
    }
    ranks
}

/// Two seats apart can give one commitment id twice: the one first by order key keeps it, a
/// later one from the other seat gets one past the highest number of its prefix in use. (Twice
/// the same id from one seat is that seat's own writing, kept as it is.)
fn rename_duplicate_ids(items: &mut [ItemView]) -> (Vec<Renamed>, Vec<(String, Commitment)>) {
    let mut all: Vec<(String, usize, usize)> = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        for (c, (order, commitment)) in item.commitments.iter().enumerate() {
            all.push((order.clone(), i, c));
            used.insert(commitment.id.clone());
        }
    }
    all.sort();
    let seat_of = |order: &str| order.split('/').nth(1).unwrap_or("").to_string();
    let mut first: HashMap<String, String> = HashMap::new();
    let mut renamed = Vec::new();
    let mut keys = Vec::new();
    for (order, i, c) in all {
        let id = items[i].commitments[c].1.id.clone();
        let seat = seat_of(&order);
        match first.get(&id) {
            None => {
                first.insert(id, seat);
                continue;
            }
            Some(holder) if *holder == seat => continue,
            Some(_) => {}
        }
        let prefix = match id.rfind('-') {
            Some(at) => id[..=at].to_string(),
            None => String::new(),
        };
        let highest = used
            .iter()
            .filter_map(|u| u.strip_prefix(&prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let to = format!("{prefix}{}", highest + 1);
        used.insert(to.clone());
        first.insert(to.clone(), seat);
        renamed.push(Renamed {
            item: items[i].head.number.clone(),
            from: id,
            to: to.clone(),
        });
        items[i].commitments[c].1.id = to;
        keys.push((
            record_key(COMMITMENTS, &items[i].key, &order),
            items[i].commitments[c].1.clone(),
        ));
    }
    (renamed, keys)
}

#[cfg(test)]
mod tests;

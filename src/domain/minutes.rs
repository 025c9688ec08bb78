//! The minutes (korte terugblik) of one meeting and every change the console can make to them.
//!
//! The shape follows FORMAT.md's minutes file, so serde can write it as it is. Every change takes
//! `now` from the caller: the domain never reads a clock.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::meeting::{Item, Meeting};
use super::speaking;

pub type Timestamp = DateTime<FixedOffset>;

/// Timestamps as FORMAT.md writes them: `2017-11-20T19:31:04+01:00`, whole seconds, numeric offset.
pub(crate) mod rfc3339 {
    use super::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(time: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&time.format("%Y-%m-%dT%H:%M:%S%:z").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse_from_rfc3339(text.trim()).map_err(|error| {
            D::Error::custom(format!(
                "invalid timestamp \"{text}\" ({error}); write it like 2017-11-20T19:31:04+01:00"
            ))
        })
    }
}

pub(crate) mod rfc3339_opt {
    use super::Timestamp;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        time: &Option<Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => super::rfc3339::serialize(time, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        super::rfc3339::deserialize(deserializer).map(Some)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    /// The meeting file's name, in the same folder.
    pub meeting: String,
    pub title: String,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub opened_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub closed_at: Option<Timestamp>,
    /// Agenda order; only items that have something recorded.
    #[serde(default)]
    pub items: Vec<ItemMinutes>,
    /// Speaking time per faction over the whole meeting, recomputed on every save (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faction_totals: Vec<FactionTotal>,
    /// Text being typed in a form and not yet stored (extension): kept so a crash loses nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<Draft>,
    /// The presentielijst of a decision meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendance: Vec<super::decision::Presence>,
}

/// Which form a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    Conclusion,
    Commitment,
    Notes,
    /// A summary of the debate (a conclusion of kind `debate`).
    Debate,
    /// The portfolio holder's reply (a conclusion of kind `reply`).
    Reply,
}

impl DraftKind {
    /// The kind of passage a form of this kind records, if it records one.
    pub fn passage(self) -> Option<PassageKind> {
        match self {
            DraftKind::Conclusion => Some(PassageKind::Finding),
            DraftKind::Debate => Some(PassageKind::Debate),
            DraftKind::Reply => Some(PassageKind::Reply),
            DraftKind::Commitment | DraftKind::Notes => None,
        }
    }
}

/// An unfinished entry in a form, per item and form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub kind: DraftKind,
    pub item: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Pending,
    Running,
    Done,
    Adjourned,
    /// Not dealt with (niet behandeld): the chair passed it by; out of the forecast, and said so
    /// in the documents. Taking it up after all makes it running.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMinutes {
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<Period>,
    /// Seconds of the finished periods; a running period is added from its `started_at`.
    #[serde(default)]
    pub elapsed_seconds: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conclusions: Vec<Conclusion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    /// Votes (stemmingen) on this item, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<super::decision::Vote>,
    /// Extra speaking time the chair granted a faction on this item (extension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_time: Vec<ExtraTime>,
    /// Written for the reader of the file, recomputed on every save (extension): the planned
    /// length, how far the item ran over it, and the speaking time per faction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub overrun_seconds: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faction_totals: Vec<FactionTotal>,
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Extra time granted to a faction on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraTime {
    pub faction: String,
    pub seconds: u64,
    #[serde(with = "rfc3339")]
    pub granted_at: Timestamp,
}

/// Speaking time of one faction: on an item (with its budget) or over the whole meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactionTotal {
    pub faction: String,
    pub seconds: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_seconds: Option<u64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub extra_seconds: u64,
}

/// One span in which the item was under discussion; no `ended_at` while it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(with = "rfc3339")]
    pub started_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub ended_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    #[serde(default)]
    pub speakers: Vec<Speech>,
    /// No more speakers can be added to this round (extension); interruptions still can.
    #[serde(default, skip_serializing_if = "is_false")]
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[default]
    Member,
    PortfolioHolder,
    Informant,
    Chair,
    Other,
}

/// One turn on the list of speakers.
///
/// In line: no `started_at`. Speaking: `speaking_since` is set (extension) and `seconds` holds what
/// was spoken before the last pause. Finished: `ended_at` is set (extension). Each stretch the
/// clock ran and stopped is in `spoken` (extension), and `seconds` is always their sum.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speech {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faction: Option<String>,
    #[serde(default)]
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub started_at: Option<Timestamp>,
    #[serde(default)]
    pub seconds: u64,
    /// Each stretch in which the speaker's clock ran, in order (extension); the running one is
    /// `speaking_since` until the clock stops. Empty in minutes written before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spoken: Vec<Stretch>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub speaking_since: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "rfc3339_opt")]
    pub ended_at: Option<Timestamp>,
    /// For an interruption (interruptie): the name of the speaker it interrupted (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interrupts: Option<String>,
}

/// One stretch of a speech: the speaker's clock ran from `from` to `to` (whole seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stretch {
    #[serde(with = "rfc3339")]
    pub from: Timestamp,
    #[serde(with = "rfc3339")]
    pub to: Timestamp,
}

impl Stretch {
    pub fn seconds(&self) -> u64 {
        seconds_between(self.from, self.to)
    }
}

/// What can be wrong with the stretches of a speech in a file written or mended by hand; gavel
/// itself never writes one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StretchProblem {
    /// Stretch `index` ends before it starts.
    EndsBeforeItStarts { index: usize },
    /// Stretch `index` starts before the one before it ended.
    Overlaps { index: usize },
    /// Stretch `index` starts before the speech's `started_at` (or the speech has none).
    BeforeTheSpeech { index: usize },
    /// The clock running now (`speaking_since`) started before the last stretch ended.
    RunningInsideAStretch,
    /// `seconds` is not the sum of the stretches.
    SumDiffers { sum: u64 },
}

/// What a passage of the clerk's record is. The korte terugblik weaves them into the item in the
/// order they were made: what the factions said, the portfolio holder's reply, and the chair's
/// finding, which is a conclusion proper and the kind a passage has when none is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    #[default]
    Finding,
    Debate,
    Reply,
}

impl PassageKind {
    pub fn is_finding(&self) -> bool {
        *self == PassageKind::Finding
    }

    /// The form that records or corrects a passage of this kind.
    pub fn draft_kind(self) -> DraftKind {
        match self {
            PassageKind::Finding => DraftKind::Conclusion,
            PassageKind::Debate => DraftKind::Debate,
            PassageKind::Reply => DraftKind::Reply,
        }
    }
}

/// One passage of the record of an item: the chair's conclusion, or (extension, `kind`) a
/// summary of the debate or the portfolio holder's reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    #[serde(default, skip_serializing_if = "PassageKind::is_finding")]
    pub kind: PassageKind,
    pub text: String,
    #[serde(with = "rfc3339")]
    pub recorded_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// `<date>-<item number>-<n>`.
    pub id: String,
    pub by: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(with = "rfc3339")]
    pub recorded_at: Timestamp,
}

/// Why a change could not be made; the UI turns this into a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no item is running")]
    NoItemRunning,
    #[error("that item is already running")]
    AlreadyRunning,
    #[error("no speaker in line")]
    NoSpeaker,
    #[error("nothing to record")]
    EmptyText,
    #[error("unknown item")]
    UnknownItem,
    #[error("the list of speakers is closed for this round")]
    ListClosed,
    #[error("no one is speaking")]
    NobodySpeaking,
    #[error("an interruption is already going on")]
    AlreadyInterrupted,
    #[error("only a speaker still in line can be moved or removed")]
    NotWaiting,
    #[error("no finished speaker to add again")]
    NoFinishedSpeaker,
    #[error("the meeting is closed")]
    MeetingClosed,
    #[error("the meeting is not closed")]
    MeetingNotClosed,
    #[error("the speaker has no faction")]
    NoFaction,
    #[error("not on the list of those present")]
    NotPresent,
    #[error("only an item not yet taken up can be passed by")]
    CannotSkip,
}

impl Speech {
    pub fn is_speaking(&self) -> bool {
        self.speaking_since.is_some()
    }

    pub fn is_finished(&self) -> bool {
        self.ended_at.is_some()
    }

    /// Seconds spoken so far, including the running stretch.
    pub fn seconds_at(&self, now: Timestamp) -> u64 {
        self.seconds
            + self
                .speaking_since
                .map_or(0, |since| seconds_between(since, now))
    }

    /// Minutes written before stretches were kept: the speech as one stretch from its start.
    pub fn is_without_stretches(&self) -> bool {
        self.spoken.is_empty() && self.seconds > 0
    }

    /// The stretches in which this speech was spoken, the running one left out. A speech from
    /// minutes written before stretches were kept is one stretch from its start, as long as
    /// its `seconds`.
    pub fn stretches(&self) -> Vec<Stretch> {
        match self.started_at {
            Some(from) if self.is_without_stretches() => vec![Stretch {
                from,
                to: from + chrono::Duration::seconds(self.seconds.min(i64::MAX as u64 / 2) as i64),
            }],
            _ => self.spoken.clone(),
        }
    }

    /// The problems of the stretches as written: in order, not overlapping, inside the speech,
    /// and adding up to `seconds`. Minutes without stretches have none.
    pub fn stretch_problems(&self) -> Vec<StretchProblem> {
        let mut problems = Vec::new();
        for (index, stretch) in self.spoken.iter().enumerate() {
            if stretch.to < stretch.from {
                problems.push(StretchProblem::EndsBeforeItStarts { index });
            }
            if index > 0 && stretch.from < self.spoken[index - 1].to {
                problems.push(StretchProblem::Overlaps { index });
            }
            if self.started_at.is_none_or(|started| stretch.from < started) {
                problems.push(StretchProblem::BeforeTheSpeech { index });
            }
        }
        if let (Some(since), Some(last)) = (self.speaking_since, self.spoken.last())
            && since < last.to
        {
            problems.push(StretchProblem::RunningInsideAStretch);
        }
        let sum: u64 = self.spoken.iter().map(Stretch::seconds).sum();
        if !self.spoken.is_empty() && sum != self.seconds {
            problems.push(StretchProblem::SumDiffers { sum });
        }
        problems
    }

    fn start(&mut self, now: Timestamp) {
        if self.speaking_since.is_some() {
            return;
        }
        let now = whole_seconds(now);
        self.started_at.get_or_insert(now);
        // A clock set back must not make a stretch begin inside the one before.
        let after_last = self.spoken.last().map_or(now, |last| last.to.max(now));
        self.speaking_since = Some(after_last);
    }

    /// Stops the clock: the stretch just spoken is kept (one of no length is not a stretch).
    fn pause(&mut self, now: Timestamp) {
        let Some(from) = self.speaking_since.take() else {
            return;
        };
        if self.is_without_stretches() {
            // Resumed after minutes of an older gavel were loaded: keep what they counted.
            self.spoken = self.stretches();
        }
        let to = whole_seconds(now).max(from);
        if to > from {
            self.spoken.push(Stretch { from, to });
            self.seconds += seconds_between(from, to);
        }
    }

    fn finish(&mut self, now: Timestamp) {
        self.pause(now);
        self.ended_at = Some(now);
    }
}

impl ItemMinutes {
    pub fn new(item: &Item) -> ItemMinutes {
        ItemMinutes {
            number: item.number.clone(),
            title: item.title.clone(),
            ..ItemMinutes::default()
        }
    }

    /// Whether anything is worth writing down for this item.
    pub fn is_empty(&self) -> bool {
        self.status == Status::Pending
            && self.notes.as_deref().is_none_or(str::is_empty)
            && self.periods.is_empty()
            && self.rounds.iter().all(|round| round.speakers.is_empty())
            && self.conclusions.is_empty()
            && self.commitments.is_empty()
            && self.votes.is_empty()
    }

    pub fn is_running(&self) -> bool {
        self.periods.last().is_some_and(|p| p.ended_at.is_none())
    }

    /// Seconds under discussion, over all periods, including a running one.
    pub fn elapsed_at(&self, now: Timestamp) -> u64 {
        self.periods
            .iter()
            .map(|p| seconds_between(p.started_at, p.ended_at.unwrap_or(now)))
            .sum()
    }

    pub fn current_round(&self) -> Option<&Round> {
        self.rounds.last()
    }

    /// The speaker who has the floor or is next: an interruption until it ends, else the first
    /// in the current round not yet finished.
    pub fn current_speech(&self) -> Option<&Speech> {
        let round = self.current_round()?;
        current_index(round).map(|i| &round.speakers[i])
    }

    pub fn current_speech_index(&self) -> Option<usize> {
        current_index(self.current_round()?)
    }

    fn current_speech_mut(&mut self) -> Option<&mut Speech> {
        let round = self.rounds.last_mut()?;
        current_index(round).map(|i| &mut round.speakers[i])
    }

    fn recompute_elapsed(&mut self) {
        self.elapsed_seconds = self
            .periods
            .iter()
            .filter_map(|p| p.ended_at.map(|end| seconds_between(p.started_at, end)))
            .sum();
    }

    fn stop(&mut self, now: Timestamp) {
        if let Some(speech) = self.current_speech_mut() {
            speech.pause(now);
        }
        if let Some(period) = self.periods.last_mut().filter(|p| p.ended_at.is_none()) {
            period.ended_at = Some(now);
        }
        self.recompute_elapsed();
    }
}

/// Which speech has the floor in a round. An interruption stands right after the speech it
/// interrupted, so when it ends, the first unfinished speech is the interrupted one again.
fn current_index(round: &Round) -> Option<usize> {
    let is_open = |s: &&Speech| !s.is_finished();
    round
        .speakers
        .iter()
        .position(|s| is_open(&s) && s.interrupts.is_some())
        .or_else(|| round.speakers.iter().position(|s| is_open(&s)))
}

/// The minutes count whole seconds: a stretch's ends are written without fractions, so they are
/// kept without them, and the seconds read back are the seconds counted.
fn whole_seconds(time: Timestamp) -> Timestamp {
    use chrono::Timelike;
    time.with_nanosecond(0).unwrap_or(time)
}

/// Whole seconds from `from` to `to`, never negative (a clock set back must not go below zero).
pub fn seconds_between(from: Timestamp, to: Timestamp) -> u64 {
    (to - from).num_seconds().max(0) as u64
}

/// Who is about to speak: filled in by the speaker picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerChoice {
    pub name: String,
    pub faction: Option<String>,
    pub role: Role,
}

impl Minutes {
    pub fn new(meeting: &Meeting, meeting_file_name: &str) -> Minutes {
        Minutes {
            meeting: meeting_file_name.to_string(),
            title: meeting.title.clone(),
            date: meeting.date,
            opened_at: None,
            closed_at: None,
            items: Vec::new(),
            faction_totals: Vec::new(),
            drafts: Vec::new(),
            attendance: Vec::new(),
        }
    }

    /// Nothing recorded at all: not opened, no item with anything in it, no draft.
    pub fn is_blank(&self) -> bool {
        self.opened_at.is_none()
            && self.closed_at.is_none()
            && self.drafts.is_empty()
            && self.attendance.is_empty()
            && self.items.iter().all(ItemMinutes::is_empty)
    }

    pub fn draft(&self, kind: DraftKind, number: &str) -> Option<&Draft> {
        self.drafts
            .iter()
            .find(|d| d.kind == kind && d.item == number)
    }

    /// Keeps a draft, replacing the one for the same form and item.
    pub fn keep_draft(&mut self, draft: Draft) {
        self.discard_draft(draft.kind, &draft.item);
        self.drafts.push(draft);
    }

    pub fn discard_draft(&mut self, kind: DraftKind, number: &str) {
        self.drafts
            .retain(|d| !(d.kind == kind && d.item == number));
    }

    pub fn item(&self, number: &str) -> Option<&ItemMinutes> {
        self.items.iter().find(|i| i.number == number)
    }

    /// The item whose clock runs, if any.
    pub fn running_item(&self) -> Option<&ItemMinutes> {
        self.items.iter().find(|i| i.is_running())
    }

    pub fn status_of(&self, number: &str) -> Status {
        self.item(number).map_or(Status::Pending, |i| i.status)
    }

    /// The record of an item, created in agenda order when first needed.
    fn item_mut(&mut self, meeting: &Meeting, number: &str) -> Result<&mut ItemMinutes, Refusal> {
        let agenda_index = meeting.index_of(number).ok_or(Refusal::UnknownItem)?;
        if let Some(pos) = self.items.iter().position(|i| i.number == number) {
            return Ok(&mut self.items[pos]);
        }
        let insert_at = self
            .items
            .iter()
            .position(|i| meeting.index_of(&i.number).unwrap_or(usize::MAX) > agenda_index)
            .unwrap_or(self.items.len());
        self.items
            .insert(insert_at, ItemMinutes::new(&meeting.items[agenda_index]));
        Ok(&mut self.items[insert_at])
    }

    fn running_item_mut(&mut self) -> Result<&mut ItemMinutes, Refusal> {
        self.items
            .iter_mut()
            .find(|i| i.is_running())
            .ok_or(Refusal::NoItemRunning)
    }

    /// Takes up an item: its clock runs, and the item that ran before stops (and counts as done).
    pub fn take_up(
        &mut self,
        meeting: &Meeting,
        number: &str,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        if self.closed_at.is_some() {
            return Err(Refusal::MeetingClosed);
        }
        if self.running_item().is_some_and(|i| i.number == number) {
            return Err(Refusal::AlreadyRunning);
        }
        self.item_mut(meeting, number)?;
        if let Ok(previous) = self.running_item_mut() {
            previous.stop(now);
            previous.status = Status::Done;
        }
        self.opened_at.get_or_insert(now);
        let item = self.item_mut(meeting, number)?;
        item.periods.push(Period {
            started_at: now,
            ended_at: None,
        });
        item.status = Status::Running;
        Ok(())
    }

    /// Stops the running item without taking up another; it counts as done.
    pub fn stop_running_item(&mut self, now: Timestamp) -> Result<(), Refusal> {
        let item = self.running_item_mut()?;
        item.stop(now);
        item.status = Status::Done;
        Ok(())
    }

    /// Puts a speaker at the end of the current round's line.
    pub fn add_speaker(&mut self, choice: SpeakerChoice) -> Result<(), Refusal> {
        let item = self.running_item_mut()?;
        if item.rounds.is_empty() {
            item.rounds.push(Round::default());
        }
        let round = item.rounds.last_mut().expect("a round was just ensured");
        if round.closed {
            return Err(Refusal::ListClosed);
        }
        round.speakers.push(Speech {
            name: choice.name,
            faction: choice.faction,
            role: choice.role,
            ..Speech::default()
        });
        Ok(())
    }

    /// Starts or pauses the current speaker's clock.
    pub fn toggle_speaker(&mut self, now: Timestamp) -> Result<(), Refusal> {
        let speech = self
            .running_item_mut()?
            .current_speech_mut()
            .ok_or(Refusal::NoSpeaker)?;
        if speech.is_speaking() {
            speech.pause(now);
        } else {
            speech.start(now);
        }
        Ok(())
    }

    /// Ends the current speaker's turn and gives the floor to the next in line.
    pub fn next_speaker(&mut self, now: Timestamp) -> Result<(), Refusal> {
        let item = self.running_item_mut()?;
        let speech = item.current_speech_mut().ok_or(Refusal::NoSpeaker)?;
        speech.finish(now);
        if let Some(next) = item.current_speech_mut() {
            next.start(now);
        }
        Ok(())
    }

    /// Closes the current round (the speaker still speaking finishes) and opens the next.
    pub fn new_round(&mut self, now: Timestamp) -> Result<(), Refusal> {
        let item = self.running_item_mut()?;
        if let Some(round) = item.rounds.last_mut() {
            for speech in round.speakers.iter_mut().filter(|s| s.is_speaking()) {
                speech.finish(now);
            }
        }
        item.rounds.push(Round::default());
        Ok(())
    }

    /// Marks an item never taken up as not dealt with (niet behandeld), or, marked so, as still to
    /// come; returns whether it is skipped now.
    pub fn toggle_skipped(&mut self, meeting: &Meeting, number: &str) -> Result<bool, Refusal> {
        if self.closed_at.is_some() {
            return Err(Refusal::MeetingClosed);
        }
        let status = self.status_of(number);
        let taken_up = self.item(number).is_some_and(|i| !i.periods.is_empty());
        let item = match status {
            Status::Pending | Status::Skipped if !taken_up => self.item_mut(meeting, number)?,
            _ => return Err(Refusal::CannotSkip),
        };
        item.status = if status == Status::Skipped {
            Status::Pending
        } else {
            Status::Skipped
        };
        Ok(item.status == Status::Skipped)
    }

    /// Stops the running item and marks it adjourned (aangehouden): it can be taken up again,
    /// and its time adds up over its periods.
    pub fn adjourn_running_item(&mut self, now: Timestamp) -> Result<String, Refusal> {
        let item = self.running_item_mut()?;
        item.stop(now);
        item.status = Status::Adjourned;
        Ok(item.number.clone())
    }

    /// A second speaker takes the floor while one is speaking: the first one's clock pauses,
    /// and the interruption is timed on its own.
    pub fn interrupt(&mut self, choice: SpeakerChoice, now: Timestamp) -> Result<String, Refusal> {
        let item = self.running_item_mut()?;
        let round = item.rounds.last_mut().ok_or(Refusal::NobodySpeaking)?;
        let index = current_index(round).ok_or(Refusal::NobodySpeaking)?;
        let interrupted = &mut round.speakers[index];
        if interrupted.interrupts.is_some() {
            return Err(Refusal::AlreadyInterrupted);
        }
        if !interrupted.is_speaking() {
            return Err(Refusal::NobodySpeaking);
        }
        interrupted.pause(now);
        let name = interrupted.name.clone();
        let mut interruption = Speech {
            name: choice.name,
            faction: choice.faction,
            role: choice.role,
            interrupts: Some(name.clone()),
            ..Speech::default()
        };
        interruption.start(now);
        round.speakers.insert(index + 1, interruption);
        Ok(name)
    }

    /// Moves a speaker who is still in line one place up or down among those in line.
    pub fn move_speaker(&mut self, index: usize, down: bool) -> Result<usize, Refusal> {
        let round = self.current_round_mut()?;
        let target = if down {
            index + 1
        } else {
            index.checked_sub(1).ok_or(Refusal::NotWaiting)?
        };
        let waiting = |i: usize| {
            round
                .speakers
                .get(i)
                .is_some_and(|s| s.started_at.is_none())
        };
        if !waiting(index) || !waiting(target) {
            return Err(Refusal::NotWaiting);
        }
        round.speakers.swap(index, target);
        Ok(target)
    }

    /// Takes a speaker who has not spoken yet off the list.
    pub fn remove_speaker(&mut self, index: usize) -> Result<String, Refusal> {
        let round = self.current_round_mut()?;
        match round.speakers.get(index) {
            Some(speech) if speech.started_at.is_none() => Ok(round.speakers.remove(index).name),
            _ => Err(Refusal::NotWaiting),
        }
    }

    /// Puts the speaker who finished last at the end of the line again.
    pub fn readd_last_speaker(&mut self) -> Result<String, Refusal> {
        let round = self.current_round_mut()?;
        if round.closed {
            return Err(Refusal::ListClosed);
        }
        let last = round
            .speakers
            .iter()
            .filter(|s| s.is_finished() && s.interrupts.is_none())
            .max_by_key(|s| s.ended_at)
            .ok_or(Refusal::NoFinishedSpeaker)?;
        let again = Speech {
            name: last.name.clone(),
            faction: last.faction.clone(),
            role: last.role,
            ..Speech::default()
        };
        let name = again.name.clone();
        round.speakers.push(again);
        Ok(name)
    }

    /// Closes the list of speakers of the current round, or opens it again; returns whether closed.
    pub fn toggle_list_closed(&mut self) -> Result<bool, Refusal> {
        let item = self.running_item_mut()?;
        if item.rounds.is_empty() {
            item.rounds.push(Round::default());
        }
        let round = item.rounds.last_mut().expect("a round was just ensured");
        round.closed = !round.closed;
        Ok(round.closed)
    }

    /// Grants a faction extra speaking time on the running item.
    pub fn grant_extra_time(
        &mut self,
        faction: &str,
        seconds: u64,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        let item = self.running_item_mut()?;
        item.extra_time.push(ExtraTime {
            faction: faction.to_string(),
            seconds,
            granted_at: now,
        });
        Ok(())
    }

    /// Closes the meeting: the running item stops (done) and the closing time is recorded.
    pub fn close_meeting(&mut self, now: Timestamp) -> Result<(), Refusal> {
        if self.closed_at.is_some() {
            return Err(Refusal::MeetingClosed);
        }
        if let Ok(item) = self.running_item_mut() {
            item.stop(now);
            item.status = Status::Done;
        }
        self.opened_at.get_or_insert(now);
        self.closed_at = Some(now);
        Ok(())
    }

    /// Reopens a meeting closed by mistake.
    pub fn reopen_meeting(&mut self) -> Result<(), Refusal> {
        self.closed_at
            .take()
            .map(|_| ())
            .ok_or(Refusal::MeetingNotClosed)
    }

    fn current_round_mut(&mut self) -> Result<&mut Round, Refusal> {
        self.running_item_mut()?
            .rounds
            .last_mut()
            .ok_or(Refusal::NoSpeaker)
    }

    /// Records the chair's conclusion on an item.
    pub fn add_conclusion(
        &mut self,
        meeting: &Meeting,
        number: &str,
        text: &str,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        self.add_passage(meeting, number, PassageKind::Finding, text, now)
    }

    /// Records a passage of any kind (a conclusion, a summary of the debate, a reply).
    pub fn add_passage(
        &mut self,
        meeting: &Meeting,
        number: &str,
        kind: PassageKind,
        text: &str,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Refusal::EmptyText);
        }
        self.item_mut(meeting, number)?
            .conclusions
            .push(Conclusion {
                kind,
                text: text.to_string(),
                recorded_at: now,
            });
        Ok(())
    }

    /// Corrects a stored conclusion's text; when it was recorded stays as it was.
    pub fn correct_conclusion(
        &mut self,
        number: &str,
        index: usize,
        text: &str,
    ) -> Result<(), Refusal> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Refusal::EmptyText);
        }
        let record = self.items.iter_mut().find(|i| i.number == number);
        let conclusion = record
            .and_then(|r| r.conclusions.get_mut(index))
            .ok_or(Refusal::UnknownItem)?;
        conclusion.text = text.to_string();
        Ok(())
    }

    /// Corrects a stored commitment's text, who made it and when it is due; its id stays, so the
    /// register and earlier documents still point at it.
    pub fn correct_commitment(
        &mut self,
        number: &str,
        id: &str,
        draft: CommitmentDraft,
    ) -> Result<(), Refusal> {
        let text = draft.text.trim();
        if text.is_empty() {
            return Err(Refusal::EmptyText);
        }
        let record = self.items.iter_mut().find(|i| i.number == number);
        let commitment = record
            .and_then(|r| r.commitments.iter_mut().find(|c| c.id == id))
            .ok_or(Refusal::UnknownItem)?;
        commitment.text = text.to_string();
        commitment.by = draft.by.trim().to_string();
        commitment.due = draft.due;
        Ok(())
    }

    /// Removes a stored conclusion or commitment; says which (its text, or its id).
    pub fn remove_record(&mut self, record: &RecordRef) -> Result<String, Refusal> {
        let item = self
            .items
            .iter_mut()
            .find(|i| i.number == record.item())
            .ok_or(Refusal::UnknownItem)?;
        match record {
            RecordRef::Conclusion { index, .. } if *index < item.conclusions.len() => {
                Ok(item.conclusions.remove(*index).text)
            }
            RecordRef::Commitment { id, .. } => {
                let at = item
                    .commitments
                    .iter()
                    .position(|c| &c.id == id)
                    .ok_or(Refusal::UnknownItem)?;
                Ok(item.commitments.remove(at).id)
            }
            RecordRef::Conclusion { .. } => Err(Refusal::UnknownItem),
        }
    }

    /// Records a commitment; its id is `<date>-<item number>-<n>`, n one past the highest so far.
    pub fn add_commitment(
        &mut self,
        meeting: &Meeting,
        number: &str,
        draft: CommitmentDraft,
        now: Timestamp,
    ) -> Result<String, Refusal> {
        let text = draft.text.trim();
        if text.is_empty() {
            return Err(Refusal::EmptyText);
        }
        let date = self.date;
        let item = self.item_mut(meeting, number)?;
        let prefix = commitment_id_prefix(date, number);
        let next = item
            .commitments
            .iter()
            .filter_map(|c| c.id.strip_prefix(&prefix)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let id = format!("{prefix}{next}");
        item.commitments.push(Commitment {
            id: id.clone(),
            by: draft.by.trim().to_string(),
            text: text.to_string(),
            due: draft.due,
            recorded_at: now,
        });
        Ok(id)
    }

    /// Marks a member present from `now` (again, after leaving).
    pub fn mark_present(
        &mut self,
        name: &str,
        faction: Option<String>,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        if self
            .attendance
            .iter()
            .any(|e| e.name == name && e.is_present_at(now))
        {
            return Ok(());
        }
        self.attendance.push(super::decision::Presence {
            name: name.to_string(),
            faction,
            arrived_at: now,
            left_at: None,
        });
        Ok(())
    }

    /// Marks a member gone from `now`.
    pub fn mark_gone(&mut self, name: &str, now: Timestamp) -> Result<(), Refusal> {
        let entry = self
            .attendance
            .iter_mut()
            .find(|e| e.name == name && e.left_at.is_none())
            .ok_or(Refusal::NotPresent)?;
        entry.left_at = Some(now);
        Ok(())
    }

    /// Whether a member is present at `now`.
    pub fn is_present(&self, name: &str, now: Timestamp) -> bool {
        self.attendance
            .iter()
            .any(|e| e.name == name && e.is_present_at(now))
    }

    /// Records a vote on an item, counted from the attendance at `now`. A vote on a subject
    /// already voted on replaces it as the valid one; the earlier stays, marked corrected.
    pub fn record_vote(
        &mut self,
        meeting: &Meeting,
        number: &str,
        draft: &super::decision::VoteDraft,
        now: Timestamp,
    ) -> Result<super::decision::Vote, Refusal> {
        if draft.subject.trim().is_empty() {
            return Err(Refusal::EmptyText);
        }
        let (vote, _) = draft.counted(meeting, &self.attendance, now);
        let item = self.item_mut(meeting, number)?;
        for earlier in item.votes.iter_mut().filter(|v| v.subject == vote.subject) {
            earlier.corrected = true;
        }
        item.votes.push(vote.clone());
        Ok(vote)
    }

    /// Sets the chair's preparation notes for an item; empty text removes them.
    pub fn set_notes(
        &mut self,
        meeting: &Meeting,
        number: &str,
        text: &str,
    ) -> Result<(), Refusal> {
        let item = self.item_mut(meeting, number)?;
        let text = text.trim_end();
        item.notes = (!text.is_empty()).then(|| format!("{text}\n"));
        Ok(())
    }

    /// The minutes as they go to disk: empty item records left out, and the figures written for
    /// the reader (elapsed, overrun, totals per faction) up to date as of `now`.
    pub fn for_saving(&self, meeting: &Meeting, now: Timestamp) -> Minutes {
        let mut minutes = self.clone();
        minutes.items.retain(|item| !item.is_empty());
        for record in &mut minutes.items {
            record.recompute_elapsed();
            let item = meeting.item(&record.number);
            record.planned_seconds = item.and_then(|i| i.slot.planned_seconds()).map(u64::from);
            record.overrun_seconds = record
                .planned_seconds
                .map_or(0, |planned| record.elapsed_at(now).saturating_sub(planned));
            record.faction_totals = match item {
                Some(item) => speaking::faction_usage(meeting, item, record, now)
                    .into_iter()
                    .filter(|usage| usage.used > 0 || usage.extra > 0)
                    .map(|usage| usage.total())
                    .collect(),
                None => Vec::new(),
            };
        }
        minutes.faction_totals = speaking::meeting_totals(meeting, self, now)
            .into_iter()
            .map(|usage| usage.total())
            .collect();
        minutes
    }
}

/// A stored conclusion or commitment that is corrected or removed after it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    /// The item's conclusion at this index.
    Conclusion { item: String, index: usize },
    /// The item's commitment with this id.
    Commitment { item: String, id: String },
}

impl RecordRef {
    pub fn item(&self) -> &str {
        match self {
            RecordRef::Conclusion { item, .. } | RecordRef::Commitment { item, .. } => item,
        }
    }
}

/// A commitment as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommitmentDraft {
    pub text: String,
    pub by: String,
    pub due: Option<NaiveDate>,
}

fn commitment_id_prefix(date: NaiveDate, number: &str) -> String {
    format!("{}-{}-", date.format("%Y-%m-%d"), number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{Item, ItemKind};

    fn meeting() -> Meeting {
        let item = |number: &str, title: &str| Item {
            number: number.into(),
            title: title.into(),
            kind: ItemKind::Debate,
            ..Item::default()
        };
        Meeting {
            title: "Raadsplein".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            items: vec![
                item("1.a", "Opening"),
                item("3", "Inclusief"),
                item("5", "Beschut"),
            ],
            ..Meeting::default()
        }
    }

    fn at(h: u32, m: u32, s: u32) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-11-20T{h:02}:{m:02}:{s:02}+01:00")).unwrap()
    }

    fn member(name: &str) -> SpeakerChoice {
        SpeakerChoice {
            name: name.into(),
            faction: Some(name.into()),
            role: Role::Member,
        }
    }

    #[test]
    fn taking_up_an_item_opens_the_meeting_and_starts_its_clock() {
        let mut minutes = Minutes::new(&meeting(), "m.yaml");
        minutes.take_up(&meeting(), "3", at(19, 36, 10)).unwrap();
        assert_eq!(minutes.opened_at, Some(at(19, 36, 10)));
        let item = minutes.running_item().unwrap();
        assert_eq!(item.number, "3");
        assert_eq!(item.status, Status::Running);
        assert_eq!(item.elapsed_at(at(19, 41, 10)), 300);
    }

    #[test]
    fn taking_up_the_next_item_stops_the_one_before() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 36, 0)).unwrap();
        minutes.take_up(&m, "5", at(21, 0, 0)).unwrap();
        let three = minutes.item("3").unwrap();
        assert_eq!(three.status, Status::Done);
        assert_eq!(three.periods[0].ended_at, Some(at(21, 0, 0)));
        assert_eq!(minutes.running_item().unwrap().number, "5");
    }

    #[test]
    fn taking_up_the_running_item_again_is_refused() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 36, 0)).unwrap();
        assert_eq!(
            minutes.take_up(&m, "3", at(19, 37, 0)),
            Err(Refusal::AlreadyRunning)
        );
    }

    #[test]
    fn item_records_stay_in_agenda_order() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(19, 36, 0)).unwrap();
        minutes.take_up(&m, "1.a", at(19, 40, 0)).unwrap();
        let numbers: Vec<_> = minutes.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["1.a", "5"]);
    }

    #[test]
    fn time_over_several_periods_adds_up() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 0, 0)).unwrap();
        minutes.take_up(&m, "5", at(19, 10, 0)).unwrap();
        minutes.take_up(&m, "3", at(19, 20, 0)).unwrap();
        minutes.stop_running_item(at(19, 25, 0)).unwrap();
        assert_eq!(minutes.item("3").unwrap().elapsed_at(at(23, 0, 0)), 15 * 60);
        assert_eq!(
            minutes
                .for_saving(&m, at(23, 0, 0))
                .item("3")
                .unwrap()
                .elapsed_seconds,
            15 * 60
        );
    }

    #[test]
    fn speaker_pause_is_not_counted() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 1, 0)).unwrap();
        minutes.toggle_speaker(at(20, 2, 0)).unwrap(); // pause
        minutes.toggle_speaker(at(20, 5, 0)).unwrap(); // resume
        let speech = minutes.running_item().unwrap().current_speech().unwrap();
        assert_eq!(speech.seconds_at(at(20, 5, 30)), 90);
        assert_eq!(speech.started_at, Some(at(20, 1, 0)));
    }

    fn stretch(from: (u32, u32, u32), to: (u32, u32, u32)) -> Stretch {
        Stretch {
            from: at(from.0, from.1, from.2),
            to: at(to.0, to.1, to.2),
        }
    }

    #[test]
    fn a_paused_and_resumed_speech_keeps_each_stretch_it_was_spoken() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 1, 0)).unwrap();
        minutes.toggle_speaker(at(20, 2, 0)).unwrap(); // pause
        minutes.toggle_speaker(at(20, 5, 0)).unwrap(); // resume
        minutes.next_speaker(at(20, 5, 30)).unwrap();
        let speech = &minutes.item("5").unwrap().rounds[0].speakers[0];
        assert_eq!(
            speech.spoken,
            [
                stretch((20, 1, 0), (20, 2, 0)),
                stretch((20, 5, 0), (20, 5, 30))
            ]
        );
        assert_eq!(speech.seconds, 90);
        assert!(speech.stretch_problems().is_empty());
    }

    #[test]
    fn an_interrupted_speech_has_a_stretch_before_and_after_the_interruption() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 0, 38)).unwrap();
        minutes.interrupt(member("SP"), at(20, 1, 1)).unwrap();
        minutes.next_speaker(at(20, 1, 9)).unwrap(); // SP done, VVD resumes
        minutes.next_speaker(at(20, 1, 15)).unwrap();
        let round = &minutes.item("5").unwrap().rounds[0];
        assert_eq!(
            round.speakers[0].spoken,
            [
                stretch((20, 0, 38), (20, 1, 1)),
                stretch((20, 1, 9), (20, 1, 15))
            ]
        );
        assert_eq!(round.speakers[0].seconds, 29);
        assert_eq!(round.speakers[1].spoken, [stretch((20, 1, 1), (20, 1, 9))]);
    }

    #[test]
    fn an_adjourned_items_speech_goes_on_in_a_stretch_of_its_later_period() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 0, 55)).unwrap();
        minutes.adjourn_running_item(at(20, 0, 59)).unwrap();
        minutes.take_up(&m, "5", at(20, 1, 0)).unwrap();
        minutes.take_up(&m, "3", at(20, 9, 40)).unwrap();
        minutes.toggle_speaker(at(20, 9, 51)).unwrap();
        minutes.stop_running_item(at(20, 10, 30)).unwrap();
        let speech = &minutes.item("3").unwrap().rounds[0].speakers[0];
        assert_eq!(
            speech.spoken,
            [
                stretch((20, 0, 55), (20, 0, 59)),
                stretch((20, 9, 51), (20, 10, 30))
            ]
        );
        assert_eq!(speech.seconds, 43);
    }

    #[test]
    fn a_stretch_of_no_length_is_not_kept() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 1, 0)).unwrap();
        minutes.toggle_speaker(at(20, 1, 0)).unwrap();
        let speech = minutes.running_item().unwrap().current_speech().unwrap();
        assert!(speech.spoken.is_empty());
        assert_eq!(speech.seconds, 0);
    }

    #[test]
    fn a_speech_from_older_minutes_is_one_stretch_from_its_start_and_goes_on_from_there() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        // As an older gavel left it: started, 60 seconds counted, paused; no stretches.
        {
            let speech = &mut minutes.items[0].rounds[0].speakers[0];
            speech.started_at = Some(at(20, 1, 0));
            speech.seconds = 60;
        }
        let speech = minutes.running_item().unwrap().current_speech().unwrap();
        assert_eq!(speech.stretches(), [stretch((20, 1, 0), (20, 2, 0))]);
        assert!(
            speech.stretch_problems().is_empty(),
            "nothing to say about it"
        );
        minutes.toggle_speaker(at(20, 3, 0)).unwrap();
        minutes.toggle_speaker(at(20, 3, 30)).unwrap();
        let speech = minutes.running_item().unwrap().current_speech().unwrap();
        assert_eq!(
            speech.spoken,
            [
                stretch((20, 1, 0), (20, 2, 0)),
                stretch((20, 3, 0), (20, 3, 30))
            ]
        );
        assert_eq!(speech.seconds, 90);
    }

    #[test]
    fn stretches_that_do_not_add_up_or_overlap_are_problems() {
        let speech = Speech {
            name: "VVD".into(),
            started_at: Some(at(20, 1, 0)),
            seconds: 100,
            spoken: vec![
                stretch((20, 1, 0), (20, 2, 0)),
                stretch((20, 1, 30), (20, 1, 20)),
            ],
            speaking_since: Some(at(20, 1, 10)),
            ..Speech::default()
        };
        assert_eq!(
            speech.stretch_problems(),
            [
                StretchProblem::EndsBeforeItStarts { index: 1 },
                StretchProblem::Overlaps { index: 1 },
                StretchProblem::RunningInsideAStretch,
                StretchProblem::SumDiffers { sum: 60 },
            ]
        );
    }

    #[test]
    fn next_speaker_finishes_the_current_and_starts_the_next() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.add_speaker(member("D66")).unwrap();
        minutes.toggle_speaker(at(20, 0, 0)).unwrap();
        minutes.next_speaker(at(20, 3, 0)).unwrap();
        let round = minutes.running_item().unwrap().current_round().unwrap();
        assert_eq!(round.speakers[0].seconds, 180);
        assert_eq!(round.speakers[0].ended_at, Some(at(20, 3, 0)));
        assert_eq!(round.speakers[1].speaking_since, Some(at(20, 3, 0)));
    }

    #[test]
    fn stopping_an_item_pauses_its_speaker() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 0, 0)).unwrap();
        minutes.take_up(&m, "3", at(20, 2, 0)).unwrap();
        let speech = &minutes.item("5").unwrap().rounds[0].speakers[0];
        assert!(!speech.is_speaking());
        assert_eq!(speech.seconds, 120);
    }

    #[test]
    fn speakers_need_a_running_item() {
        let mut minutes = Minutes::new(&meeting(), "m.yaml");
        assert_eq!(
            minutes.add_speaker(member("VVD")),
            Err(Refusal::NoItemRunning)
        );
    }

    #[test]
    fn new_round_keeps_rounds_apart() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 0, 0)).unwrap();
        minutes.new_round(at(20, 4, 0)).unwrap();
        minutes.add_speaker(member("SP")).unwrap();
        let item = minutes.running_item().unwrap();
        assert_eq!(item.rounds.len(), 2);
        assert_eq!(item.rounds[0].speakers[0].seconds, 240);
        assert_eq!(item.current_speech().unwrap().name, "SP");
    }

    #[test]
    fn commitment_ids_follow_date_item_and_count() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        let draft = |text: &str| CommitmentDraft {
            text: text.into(),
            by: "Nelleke Vedelaar".into(),
            due: None,
        };
        let first = minutes
            .add_commitment(&m, "5", draft("een"), at(21, 0, 0))
            .unwrap();
        let second = minutes
            .add_commitment(&m, "5", draft("twee"), at(21, 1, 0))
            .unwrap();
        assert_eq!(first, "2017-11-20-5-1");
        assert_eq!(second, "2017-11-20-5-2");
    }

    #[test]
    fn commitment_id_is_not_reused_after_a_gap() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        let draft = CommitmentDraft {
            text: "x".into(),
            ..CommitmentDraft::default()
        };
        minutes
            .add_commitment(&m, "5", draft.clone(), at(21, 0, 0))
            .unwrap();
        minutes
            .add_commitment(&m, "5", draft.clone(), at(21, 0, 0))
            .unwrap();
        minutes.items[0].commitments.remove(0);
        let id = minutes
            .add_commitment(&m, "5", draft, at(21, 0, 0))
            .unwrap();
        assert_eq!(id, "2017-11-20-5-3");
    }

    #[test]
    fn empty_conclusion_is_refused() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        assert_eq!(
            minutes.add_conclusion(&m, "5", "  \n", at(21, 0, 0)),
            Err(Refusal::EmptyText)
        );
    }

    #[test]
    fn items_with_nothing_recorded_are_not_saved() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.set_notes(&m, "3", "Vragen over SWT.").unwrap();
        minutes.set_notes(&m, "3", "").unwrap();
        assert!(minutes.for_saving(&m, at(23, 0, 0)).items.is_empty());
    }

    #[test]
    fn a_running_speaker_resumes_from_started_at_after_a_restart() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.toggle_speaker(at(20, 0, 0)).unwrap();
        let yaml = serde_yaml::to_string(&minutes.for_saving(&m, at(23, 0, 0))).unwrap();
        let reloaded: Minutes = serde_yaml::from_str(&yaml).unwrap();
        let item = reloaded.running_item().unwrap();
        assert_eq!(item.elapsed_at(at(20, 10, 0)), 600);
        assert_eq!(
            item.current_speech().unwrap().seconds_at(at(20, 10, 0)),
            600
        );
    }

    fn line_of(minutes: &Minutes) -> Vec<&str> {
        minutes
            .running_item()
            .unwrap()
            .current_round()
            .unwrap()
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect()
    }

    #[test]
    fn waiting_speakers_can_be_reordered_and_removed_but_not_those_who_spoke() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        for name in ["VVD", "D66", "SP"] {
            minutes.add_speaker(member(name)).unwrap();
        }
        minutes.toggle_speaker(at(20, 1, 0)).unwrap();
        assert_eq!(minutes.move_speaker(2, false), Ok(1));
        assert_eq!(line_of(&minutes), ["VVD", "SP", "D66"]);
        assert_eq!(
            minutes.move_speaker(1, false),
            Err(Refusal::NotWaiting),
            "VVD already speaks"
        );
        assert_eq!(minutes.remove_speaker(0), Err(Refusal::NotWaiting));
        assert_eq!(minutes.remove_speaker(2), Ok("D66".to_string()));
        assert_eq!(line_of(&minutes), ["VVD", "SP"]);
    }

    #[test]
    fn the_last_speaker_can_be_added_again() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        minutes.add_speaker(member("D66")).unwrap();
        assert_eq!(
            minutes.readd_last_speaker(),
            Err(Refusal::NoFinishedSpeaker)
        );
        minutes.toggle_speaker(at(20, 1, 0)).unwrap();
        minutes.next_speaker(at(20, 2, 0)).unwrap();
        assert_eq!(minutes.readd_last_speaker(), Ok("VVD".to_string()));
        assert_eq!(line_of(&minutes), ["VVD", "D66", "VVD"]);
    }

    #[test]
    fn a_closed_list_takes_no_new_speakers() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(20, 0, 0)).unwrap();
        minutes.add_speaker(member("VVD")).unwrap();
        assert_eq!(minutes.toggle_list_closed(), Ok(true));
        assert_eq!(minutes.add_speaker(member("D66")), Err(Refusal::ListClosed));
        assert_eq!(minutes.toggle_list_closed(), Ok(false));
        assert!(minutes.add_speaker(member("D66")).is_ok());
    }

    #[test]
    fn an_adjourned_item_adds_its_periods_up_when_taken_up_again() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(20, 0, 0)).unwrap();
        assert_eq!(
            minutes.adjourn_running_item(at(20, 10, 0)),
            Ok("3".to_string())
        );
        assert_eq!(minutes.status_of("3"), Status::Adjourned);
        minutes.take_up(&m, "5", at(20, 10, 0)).unwrap();
        minutes.take_up(&m, "3", at(21, 0, 0)).unwrap();
        assert_eq!(minutes.item("3").unwrap().elapsed_at(at(21, 5, 0)), 15 * 60);
        assert_eq!(minutes.item("3").unwrap().periods.len(), 2);
    }

    #[test]
    fn closing_the_meeting_stops_the_item_and_records_the_time() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(21, 10, 0)).unwrap();
        minutes.close_meeting(at(23, 6, 0)).unwrap();
        assert_eq!(minutes.closed_at, Some(at(23, 6, 0)));
        assert!(minutes.running_item().is_none());
        assert_eq!(
            minutes.take_up(&m, "3", at(23, 7, 0)),
            Err(Refusal::MeetingClosed)
        );
        minutes.reopen_meeting().unwrap();
        assert_eq!(minutes.closed_at, None);
        assert!(minutes.take_up(&m, "3", at(23, 7, 0)).is_ok());
    }

    #[test]
    fn the_saved_minutes_show_how_far_an_item_ran_over() {
        let mut m = meeting();
        m.items[2].slot = crate::domain::meeting::Slot::Length { seconds: 600 };
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "5", at(21, 0, 0)).unwrap();
        minutes.stop_running_item(at(21, 12, 30)).unwrap();
        let saved = minutes.for_saving(&m, at(22, 0, 0));
        let five = saved.item("5").unwrap();
        assert_eq!(five.planned_seconds, Some(600));
        assert_eq!(five.overrun_seconds, 150);
    }
}

//! The agenda of one meeting as the griffie wrote it: pure data, loaded by `store::load`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::i18n::Lang;

/// A whole meeting file, validated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meeting {
    pub title: String,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub location: Option<String>,
    pub body: Option<String>,
    pub chair: Option<String>,
    pub clerk: Option<String>,
    /// The language of the meeting and of its documents (`language: nl | en`); `None` when the
    /// file does not say, which means Dutch: see [`Meeting::document_lang`].
    pub language: Option<Lang>,
    pub factions: Vec<Faction>,
    /// Meeting-wide default speaking time per faction per item, in seconds (extension).
    pub speaking_time: Option<u32>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Faction {
    pub name: String,
    /// Seats in the council, for quorum and votes; else the members listed count.
    pub seats: Option<u32>,
    pub members: Vec<String>,
}

impl Faction {
    /// The seats a faction holds: as stated, else one per member listed, else one.
    pub fn seat_count(&self) -> u32 {
        self.seats
            .unwrap_or_else(|| (self.members.len() as u32).max(1))
    }
}

/// What kind of agenda item this is; drives how it is shown and timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemKind {
    Opening,
    Procedural,
    Debate,
    Break,
    Closing,
    #[default]
    Item,
}

impl ItemKind {
    pub const ALL: [(&'static str, ItemKind); 6] = [
        ("opening", ItemKind::Opening),
        ("procedural", ItemKind::Procedural),
        ("debate", ItemKind::Debate),
        ("break", ItemKind::Break),
        ("closing", ItemKind::Closing),
        ("item", ItemKind::Item),
    ];

    pub fn parse(text: &str) -> Option<ItemKind> {
        Self::ALL
            .iter()
            .find(|(name, _)| *name == text)
            .map(|(_, kind)| *kind)
    }
}

/// The planned time of an item: a timeslot, a length, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Slot {
    #[default]
    Unplanned,
    Range {
        start: NaiveTime,
        end: NaiveTime,
    },
    Length {
        seconds: u32,
    },
    /// Only a planned start, as "6 Sluiting (22.30 uur)": no planned length.
    StartOnly {
        start: NaiveTime,
    },
}

impl Slot {
    pub fn planned_start(&self) -> Option<NaiveTime> {
        match *self {
            Slot::Range { start, .. } | Slot::StartOnly { start } => Some(start),
            _ => None,
        }
    }

    /// Planned length in seconds, if the item has a plan.
    pub fn planned_seconds(&self) -> Option<u32> {
        match *self {
            Slot::Unplanned | Slot::StartOnly { .. } => None,
            // A slot that ends "before" it starts runs past midnight.
            Slot::Range { start, end } => {
                Some((end - start).num_seconds().rem_euclid(24 * 3600) as u32)
            }
            Slot::Length { seconds } => Some(seconds),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub number: String,
    pub title: String,
    pub slot: Slot,
    pub kind: ItemKind,
    pub portfolio_holders: Vec<String>,
    pub informants: Vec<Informant>,
    pub co_authors: Vec<String>,
    pub department: Option<String>,
    pub requested_by: Vec<String>,
    pub summary: Option<String>,
    pub debate_question: Option<String>,
    pub proposed_decision: Option<String>,
    /// Budget per faction for this item, in seconds.
    pub speaking_time: Option<u32>,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Informant {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attachment {
    pub title: String,
    pub kind: Option<String>,
    /// As written in the meeting file: relative to the meeting file's folder.
    pub file: Option<String>,
}

impl Meeting {
    /// The language its documents are written in: the file's `language`, else Dutch (a Dutch
    /// council's papers), whatever the clerk's own machine speaks.
    pub fn document_lang(&self) -> Lang {
        self.language.unwrap_or(Lang::Nl)
    }

    pub fn item(&self, number: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.number == number)
    }

    pub fn index_of(&self, number: &str) -> Option<usize> {
        self.items.iter().position(|item| item.number == number)
    }

    /// The planned start of the meeting as a date-time, if given.
    pub fn planned_start(&self) -> Option<NaiveDateTime> {
        self.start.map(|time| self.date.and_time(time))
    }

    /// The planned end of the meeting as a date-time; an end before the start means after midnight.
    pub fn planned_end(&self) -> Option<NaiveDateTime> {
        let end = self.date.and_time(self.end?);
        match self.planned_start() {
            Some(start) if end < start => Some(end + chrono::Duration::days(1)),
            _ => Some(end),
        }
    }
}

/// Parses a clock time as FORMAT.md allows: `19:30` or `19.30`, 24 hours.
pub fn parse_clock_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (hours, minutes) = text.split_once([':', '.'])?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    if !hours
        .bytes()
        .chain(minutes.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}

/// Parses a duration as FORMAT.md allows: `90s`, `5m`, `1h30m`, `1h`, or a bare number of minutes.
pub fn parse_duration(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<u32>().ok()?.checked_mul(60);
    }
    let mut total: u32 = 0;
    let mut number = String::new();
    let mut last_unit_rank = 0;
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            number.push(ch);
            continue;
        }
        let (rank, factor) = match ch {
            'h' => (1, 3600),
            'm' => (2, 60),
            's' => (3, 1),
            _ => return None,
        };
        // Units must come in order h, m, s, each at most once, each after a number.
        if number.is_empty() || rank <= last_unit_rank {
            return None;
        }
        last_unit_rank = rank;
        let value: u32 = number.parse().ok()?;
        total = total.checked_add(value.checked_mul(factor)?)?;
        number.clear();
    }
    if !number.is_empty() {
        return None;
    }
    Some(total)
}

/// Formats seconds as `m:ss`, or `h:mm:ss` from an hour on.
pub fn format_seconds(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, secs) = (seconds / 3600, (seconds / 60) % 60, seconds % 60);
    if hours > 0 {
        format!("{sign}{hours}:{minutes:02}:{secs:02}")
    } else {
        format!("{sign}{minutes}:{secs:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_time_accepts_colon_and_dot() {
        assert_eq!(
            parse_clock_time("19:30"),
            NaiveTime::from_hms_opt(19, 30, 0)
        );
        assert_eq!(
            parse_clock_time("19.35"),
            NaiveTime::from_hms_opt(19, 35, 0)
        );
        assert_eq!(parse_clock_time("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
    }

    #[test]
    fn impossible_clock_times_are_rejected() {
        for bad in [
            "25:00", "19:60", "1930", "19:3", "ab:cd", "", "-1:00", "19:30:00",
        ] {
            assert_eq!(parse_clock_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations_in_all_written_forms() {
        assert_eq!(parse_duration("90s"), Some(90));
        assert_eq!(parse_duration("5m"), Some(300));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("1h"), Some(3600));
        assert_eq!(parse_duration("15"), Some(900));
        assert_eq!(parse_duration("2m30s"), Some(150));
    }

    #[test]
    fn malformed_durations_are_rejected() {
        for bad in ["", "m", "5x", "30m1h", "5m5m", "1.5h", "99999999999"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn slot_planned_seconds() {
        let slot = Slot::Range {
            start: NaiveTime::from_hms_opt(19, 35, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        assert_eq!(slot.planned_seconds(), Some(85 * 60));
        assert_eq!(Slot::Length { seconds: 300 }.planned_seconds(), Some(300));
        assert_eq!(Slot::Unplanned.planned_seconds(), None);
    }

    #[test]
    fn seconds_are_formatted_for_the_screen() {
        assert_eq!(format_seconds(0), "0:00");
        assert_eq!(format_seconds(312), "5:12");
        assert_eq!(format_seconds(5790), "1:36:30");
        assert_eq!(format_seconds(-45), "-0:45");
    }
}

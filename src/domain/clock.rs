//! Clocks against the plan: how long an item ran against its slot, and when the meeting will end.

use chrono::{Duration, TimeZone};

use super::meeting::{Item, Meeting};
use super::minutes::{Minutes, Status, Timestamp, seconds_between};

/// An item's time so far against its planned length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemTiming {
    pub elapsed: u64,
    pub planned: Option<u64>,
}

impl ItemTiming {
    pub fn of(item: &Item, minutes: &Minutes, now: Timestamp) -> ItemTiming {
        ItemTiming {
            elapsed: minutes.item(&item.number).map_or(0, |i| i.elapsed_at(now)),
            planned: item.slot.planned_seconds().map(u64::from),
        }
    }

    /// Seconds left in the plan; negative once the item runs over.
    pub fn remaining(&self) -> Option<i64> {
        self.planned
            .map(|planned| planned as i64 - self.elapsed as i64)
    }

    pub fn is_over(&self) -> bool {
        self.remaining().is_some_and(|left| left < 0)
    }
}

/// When the meeting ends at the current pace: now (or, before it opened, its planned start if that
/// is later), plus what is left of the running item's plan, plus the planned length of every item
/// still to come.
pub fn projected_end(meeting: &Meeting, minutes: &Minutes, now: Timestamp) -> Timestamp {
    let planned_start = meeting
        .planned_start()
        .and_then(|start| now.offset().from_local_datetime(&start).single());
    let from = match planned_start {
        Some(start) if minutes.opened_at.is_none() && start > now => start,
        _ => now,
    };
    let left: u64 = meeting
        .items
        .iter()
        .map(|item| {
            let planned = u64::from(item.slot.planned_seconds().unwrap_or(0));
            match minutes.status_of(&item.number) {
                Status::Pending | Status::Adjourned => planned,
                Status::Running => {
                    let elapsed = minutes.item(&item.number).map_or(0, |i| i.elapsed_at(now));
                    planned.saturating_sub(elapsed)
                }
                Status::Done => 0,
            }
        })
        .sum();
    from + Duration::seconds(left as i64)
}

/// Seconds since the meeting was opened (first item taken up), until it closed.
pub fn since_opening(minutes: &Minutes, now: Timestamp) -> Option<u64> {
    let opened = minutes.opened_at?;
    Some(seconds_between(opened, minutes.closed_at.unwrap_or(now)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{ItemKind, Slot};
    use chrono::{DateTime, NaiveDate, NaiveTime};

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn at(h: u32, m: u32) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-11-20T{h:02}:{m:02}:00+01:00")).unwrap()
    }

    fn meeting() -> Meeting {
        let item = |number: &str, start, end| Item {
            number: number.into(),
            title: number.into(),
            slot: Slot::Range { start, end },
            kind: ItemKind::Debate,
            ..Item::default()
        };
        Meeting {
            title: "Raadsplein".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            start: Some(hm(19, 30)),
            end: Some(hm(22, 30)),
            location: None,
            body: None,
            chair: None,
            clerk: None,
            factions: vec![],
            speaking_time: None,
            items: vec![
                item("3", hm(19, 35), hm(21, 0)),
                item("5", hm(21, 0), hm(22, 25)),
            ],
        }
    }

    #[test]
    fn projected_end_before_the_meeting_adds_all_planned_time() {
        let m = meeting();
        let minutes = Minutes::new(&m, "m.yaml");
        assert_eq!(projected_end(&m, &minutes, at(19, 30)), at(22, 20));
    }

    #[test]
    fn projected_end_while_preparing_counts_from_the_planned_start() {
        let m = meeting();
        let minutes = Minutes::new(&m, "m.yaml");
        assert_eq!(projected_end(&m, &minutes, at(14, 0)), at(22, 20));
    }

    #[test]
    fn projected_end_moves_when_an_item_runs_over() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 35)).unwrap();
        // Item 3 planned 85 min; at 21:10 it ran 95 min, so only item 5's 85 min are left.
        assert_eq!(projected_end(&m, &minutes, at(21, 10)), at(22, 35));
    }

    #[test]
    fn projected_end_counts_what_is_left_of_the_running_item() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 35)).unwrap();
        assert_eq!(projected_end(&m, &minutes, at(20, 0)), at(22, 25));
    }

    #[test]
    fn item_timing_shows_overrun() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 35)).unwrap();
        let timing = ItemTiming::of(&m.items[0], &minutes, at(21, 5));
        assert_eq!(timing.remaining(), Some(-5 * 60));
        assert!(timing.is_over());
    }

    #[test]
    fn since_opening_counts_from_the_first_item() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        assert_eq!(since_opening(&minutes, at(19, 40)), None);
        minutes.take_up(&m, "3", at(19, 35)).unwrap();
        assert_eq!(since_opening(&minutes, at(19, 40)), Some(300));
    }
}

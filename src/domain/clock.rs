//! Clocks against the plan: how long an item ran against its slot, and when the meeting will end.

use std::collections::HashMap;

use chrono::{Duration, TimeZone};

use super::meeting::{Item, Meeting, Slot};
use super::minutes::{ItemMinutes, Minutes, Status, Timestamp, seconds_between};

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

/// When each item still to come will run, and when the meeting will end, at the actual pace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    /// Per agenda item: the forecast start and end of a running or coming item; `None` for an
    /// item that is done.
    pub slots: Vec<Option<(Timestamp, Timestamp)>>,
    pub end: Timestamp,
}

/// Lays the items still to come one after the other: the running item first, with what is left
/// of its plan (nothing, once it runs over), then every pending or adjourned item in agenda order
/// with its planned length. Once the meeting is open, that is from now: the actual pace. Before
/// it opens, the forecast is the plan, from the planned start; only on the meeting's own day, once
/// the planned start has passed, does it count from now (the meeting is starting late). Preparing
/// days or years ahead, or reading old minutes, the plan is what is shown. A closed meeting ended
/// when it closed.
pub fn forecast(meeting: &Meeting, minutes: &Minutes, now: Timestamp) -> Forecast {
    if let Some(closed) = minutes.closed_at {
        return Forecast {
            slots: vec![None; meeting.items.len()],
            end: closed,
        };
    }
    let planned_start = meeting
        .planned_start()
        .or_else(|| {
            let first = meeting.items.iter().find_map(|i| i.slot.planned_start())?;
            Some(meeting.date.and_time(first))
        })
        .and_then(|start| now.offset().from_local_datetime(&start).single());
    let starting_late_today = |start: Timestamp| now.date_naive() == meeting.date && now > start;
    let mut cursor = match planned_start {
        Some(start) if minutes.opened_at.is_none() && !starting_late_today(start) => start,
        _ => now,
    };
    let planned =
        |item: &Item| Duration::seconds(i64::from(item.slot.planned_seconds().unwrap_or(0)));
    let mut slots = vec![None; meeting.items.len()];
    // Each item's status looked up once (the first record of a number, as `Minutes::item`):
    // asked item by item, a 1 000-item agenda took a million comparisons a frame.
    let mut statuses: HashMap<&str, Status> = HashMap::with_capacity(minutes.items.len());
    for record in &minutes.items {
        statuses
            .entry(record.number.as_str())
            .or_insert(record.status);
    }
    if let Some(running) = minutes.running_item()
        && let Some(index) = meeting.index_of(&running.number)
    {
        let item = &meeting.items[index];
        let started = now - Duration::seconds(running.elapsed_at(now) as i64);
        cursor = (started + planned(item)).max(now);
        slots[index] = Some((started, cursor));
    }
    for (index, item) in meeting.items.iter().enumerate() {
        let status = statuses
            .get(item.number.as_str())
            .copied()
            .unwrap_or(Status::Pending);
        if matches!(status, Status::Pending | Status::Adjourned) {
            let start = cursor;
            cursor = start + planned(item);
            slots[index] = Some((start, cursor));
        }
    }
    Forecast { slots, end: cursor }
}

/// When the meeting ends at the current pace (see `forecast`).
pub fn projected_end(meeting: &Meeting, minutes: &Minutes, now: Timestamp) -> Timestamp {
    forecast(meeting, minutes, now).end
}

/// A break's planned resumption: the end of its timeslot when the break began before it on the
/// meeting's day; else (another day, a rehearsal, or a slot already past) its start plus its
/// planned length.
pub fn break_resumes_at(
    item: &Item,
    record: &ItemMinutes,
    meeting: &Meeting,
    now: Timestamp,
) -> Option<Timestamp> {
    let began = record.periods.first()?.started_at;
    if let Slot::Range { end, .. } = item.slot
        && let Some(end) = now
            .offset()
            .from_local_datetime(&meeting.date.and_time(end))
            .single()
        && end > began
        && end - began <= Duration::hours(12)
    {
        return Some(end);
    }
    Some(began + Duration::seconds(i64::from(item.slot.planned_seconds()?)))
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
            items: vec![
                item("3", hm(19, 35), hm(21, 0)),
                item("5", hm(21, 0), hm(22, 25)),
            ],
            ..Meeting::default()
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

    fn on(date: &str, h: u32, m: u32) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("{date}T{h:02}:{m:02}:00+01:00")).unwrap()
    }

    #[test]
    fn forecast_days_before_the_meeting_is_the_plan() {
        let m = meeting();
        let minutes = Minutes::new(&m, "m.yaml");
        // Preparing at a quarter past midnight, a week ahead: no "03:24 (!)" from the wall clock.
        let forecast = forecast(&m, &minutes, on("2017-11-13", 0, 15));
        assert_eq!(forecast.slots[0], Some((at(19, 30), at(20, 55))));
        assert_eq!(forecast.slots[1], Some((at(20, 55), at(22, 20))));
        assert_eq!(forecast.end, at(22, 20));
        assert!(forecast.end.naive_local() <= m.planned_end().unwrap());
    }

    #[test]
    fn forecast_years_after_an_unopened_meeting_is_the_plan() {
        let m = meeting();
        let minutes = Minutes::new(&m, "m.yaml");
        let forecast = forecast(&m, &minutes, on("2026-12-02", 10, 0));
        assert_eq!(forecast.slots[0], Some((at(19, 30), at(20, 55))));
        assert_eq!(forecast.end, at(22, 20));
    }

    #[test]
    fn forecast_on_the_day_after_the_planned_start_counts_from_now() {
        let m = meeting();
        let minutes = Minutes::new(&m, "m.yaml");
        // Not opened at 19:45: the meeting starts late, everything moves 15 minutes.
        let forecast = forecast(&m, &minutes, at(19, 45));
        assert_eq!(forecast.slots[0], Some((at(19, 45), at(21, 10))));
        assert_eq!(forecast.end, at(22, 35));
    }

    #[test]
    fn forecast_without_a_meeting_start_begins_at_the_first_slot() {
        let mut m = meeting();
        m.start = None;
        let minutes = Minutes::new(&m, "m.yaml");
        let forecast = forecast(&m, &minutes, on("2017-11-01", 9, 0));
        assert_eq!(forecast.slots[0], Some((at(19, 35), at(21, 0))));
    }

    #[test]
    fn forecast_of_an_opened_meeting_on_another_day_follows_the_pace() {
        // A rehearsal the week before: once an item is taken up, the actual pace counts.
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        let rehearsal = |h, m| on("2017-11-13", h, m);
        minutes.take_up(&m, "3", rehearsal(10, 0)).unwrap();
        let forecast = forecast(&m, &minutes, rehearsal(10, 5));
        assert_eq!(
            forecast.slots[1],
            Some((rehearsal(11, 25), rehearsal(12, 50)))
        );
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
    fn forecast_lays_coming_items_after_the_running_one() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 45)).unwrap();
        // Item 3 started 10 minutes late: item 5 follows at 21:10 instead of 21:00.
        let forecast = forecast(&m, &minutes, at(20, 0));
        assert_eq!(forecast.slots[0], Some((at(19, 45), at(21, 10))));
        assert_eq!(forecast.slots[1], Some((at(21, 10), at(22, 35))));
        assert_eq!(forecast.end, at(22, 35));
    }

    #[test]
    fn forecast_of_an_item_running_over_ends_now() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 35)).unwrap();
        let forecast = forecast(&m, &minutes, at(21, 20));
        assert_eq!(forecast.slots[0], Some((at(19, 35), at(21, 20))));
        assert_eq!(forecast.slots[1], Some((at(21, 20), at(22, 45))));
    }

    #[test]
    fn an_adjourned_item_is_still_to_come() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 35)).unwrap();
        minutes.adjourn_running_item(at(19, 50)).unwrap();
        minutes.take_up(&m, "5", at(19, 50)).unwrap();
        let forecast = forecast(&m, &minutes, at(20, 0));
        // 5 runs to 21:15 by plan, then 3 again with its full planned length.
        assert_eq!(forecast.slots[0], Some((at(21, 15), at(22, 40))));
        assert_eq!(forecast.end, at(22, 40));
    }

    #[test]
    fn a_closed_meeting_ends_when_it_closed() {
        let m = meeting();
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 35)).unwrap();
        minutes.close_meeting(at(23, 6)).unwrap();
        assert_eq!(projected_end(&m, &minutes, at(23, 30)), at(23, 6));
        assert_eq!(
            since_opening(&minutes, at(23, 30)),
            Some((23 * 60 + 6 - (19 * 60 + 35)) * 60)
        );
    }

    #[test]
    fn a_break_resumes_at_the_end_of_its_slot() {
        let mut m = meeting();
        m.items[0].kind = ItemKind::Break;
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(19, 40)).unwrap();
        let record = minutes.item("3").unwrap();
        assert_eq!(
            break_resumes_at(&m.items[0], record, &m, at(19, 41)),
            Some(at(21, 0))
        );
    }

    #[test]
    fn a_break_taken_after_its_slot_keeps_its_length() {
        let mut m = meeting();
        m.items[0].kind = ItemKind::Break;
        let mut minutes = Minutes::new(&m, "m.yaml");
        minutes.take_up(&m, "3", at(21, 5)).unwrap();
        let record = minutes.item("3").unwrap();
        // The slot 19:35–21:00 is past: the break lasts its 85 planned minutes from 21:05.
        assert_eq!(
            break_resumes_at(&m.items[0], record, &m, at(21, 6)),
            Some(at(22, 30))
        );
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

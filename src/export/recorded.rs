//! What the data exports share: the items in agenda order with what was recorded for them, and
//! the speeches that took place. Pure: meeting + minutes in, borrowed views out.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::meeting::{Item, Meeting, Slot};
use crate::domain::minutes::{ItemMinutes, Minutes, Speech, Timestamp};

/// One agenda item as planned (meeting file) and as recorded (minutes), either may be missing.
#[derive(Debug, Clone, Copy)]
pub struct RecordedItem<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub planned: Option<&'a Item>,
    pub recorded: Option<&'a ItemMinutes>,
}

/// The meeting file's items in agenda order, then the items found only in the minutes, in the
/// minutes' order: nothing recorded is dropped because the agenda changed.
pub fn items_in_agenda_order<'a>(
    meeting: &'a Meeting,
    minutes: &'a Minutes,
) -> Vec<RecordedItem<'a>> {
    let planned = meeting.items.iter().map(|item| RecordedItem {
        number: &item.number,
        title: &item.title,
        planned: Some(item),
        recorded: minutes.item(&item.number),
    });
    let only_recorded = minutes
        .items
        .iter()
        .filter(|recorded| meeting.item(&recorded.number).is_none())
        .map(|recorded| RecordedItem {
            number: &recorded.number,
            title: &recorded.title,
            planned: None,
            recorded: Some(recorded),
        });
    planned.chain(only_recorded).collect()
}

/// A speech that took place: its round (1-based) and the speech. Speakers still in line (no
/// `started_at`) are left out: they have not spoken.
pub fn speeches_held(item: &ItemMinutes) -> impl Iterator<Item = (usize, &Speech, Timestamp)> {
    item.rounds.iter().enumerate().flat_map(|(index, round)| {
        round
            .speakers
            .iter()
            .filter_map(move |speech| speech.started_at.map(|start| (index + 1, speech, start)))
    })
}

/// A timestamp as the minutes file writes it: `2017-11-20T19:31:04+01:00`.
pub fn rfc3339(time: Timestamp) -> String {
    time.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The role as the minutes file writes it: `member`, `portfolio_holder`, ...
pub fn role_name(role: crate::domain::minutes::Role) -> &'static str {
    use crate::domain::minutes::Role;
    match role {
        Role::Member => "member",
        Role::PortfolioHolder => "portfolio_holder",
        Role::Informant => "informant",
        Role::Chair => "chair",
        Role::Other => "other",
    }
}

/// A slot's planned start and end on the meeting's date; an end before the start is after midnight.
pub fn planned_range(
    date: NaiveDate,
    slot: Slot,
) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
    let on_date = |time: NaiveTime| date.and_time(time);
    match slot {
        Slot::Range { start, end } => {
            let end = if end < start {
                on_date(end) + Duration::days(1)
            } else {
                on_date(end)
            };
            (Some(on_date(start)), Some(end))
        }
        Slot::StartOnly { start } => (Some(on_date(start)), None),
        Slot::Unplanned | Slot::Length { .. } => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::minutes::Role;

    #[test]
    fn role_names_are_the_minutes_files_names() {
        for role in [
            Role::Member,
            Role::PortfolioHolder,
            Role::Informant,
            Role::Chair,
            Role::Other,
        ] {
            let written = serde_yaml::to_string(&role).unwrap();
            assert_eq!(written.trim(), role_name(role));
        }
    }
}

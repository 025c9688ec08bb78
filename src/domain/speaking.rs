//! Speaking time: each faction's budget on an item, what it used, what is left, and totals.
//!
//! A member speaks for their faction; the portfolio holder, informants, the chair and others
//! count against no budget. Pauses are never counted (see `Speech::seconds_at`).

use super::meeting::{Item, Meeting};
use super::minutes::{FactionTotal, ItemMinutes, Minutes, Role, Speech, Timestamp};

/// One faction's speaking time on an item (or, without budget, over the meeting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactionUsage {
    pub faction: String,
    pub used: u64,
    pub budget: Option<u64>,
    pub extra: u64,
}

impl FactionUsage {
    /// Seconds left of budget plus extra time; negative once over.
    pub fn remaining(&self) -> Option<i64> {
        self.budget
            .map(|budget| (budget + self.extra) as i64 - self.used as i64)
    }

    pub fn total(&self) -> FactionTotal {
        FactionTotal {
            faction: self.faction.clone(),
            seconds: self.used,
            budget_seconds: self.budget,
            extra_seconds: self.extra,
        }
    }
}

/// The budget per faction on an item: the item's own `speaking_time`, else the meeting's.
pub fn budget_for(meeting: &Meeting, item: &Item) -> Option<u64> {
    item.speaking_time.or(meeting.speaking_time).map(u64::from)
}

/// The faction a speech counts against, if any.
pub fn counts_for(speech: &Speech) -> Option<&str> {
    match speech.role {
        Role::Member => speech.faction.as_deref(),
        _ => None,
    }
}

fn speeches(record: &ItemMinutes) -> impl Iterator<Item = &Speech> {
    record.rounds.iter().flat_map(|round| &round.speakers)
}

/// Every faction of the meeting (in its order) plus any other that spoke, with use and budget.
pub fn faction_usage(
    meeting: &Meeting,
    item: &Item,
    record: &ItemMinutes,
    now: Timestamp,
) -> Vec<FactionUsage> {
    let budget = budget_for(meeting, item);
    let mut names: Vec<String> = meeting.factions.iter().map(|f| f.name.clone()).collect();
    for speech in speeches(record) {
        if let Some(faction) = counts_for(speech)
            && !names.iter().any(|n| n == faction)
        {
            names.push(faction.to_string());
        }
    }
    names
        .into_iter()
        .map(|faction| FactionUsage {
            used: speeches(record)
                .filter(|s| counts_for(s) == Some(faction.as_str()))
                .map(|s| s.seconds_at(now))
                .sum(),
            extra: record
                .extra_time
                .iter()
                .filter(|e| e.faction == faction)
                .map(|e| e.seconds)
                .sum(),
            budget,
            faction,
        })
        .filter(|usage| usage.used > 0 || usage.budget.is_some() || usage.extra > 0)
        .collect()
}

/// One faction's usage on an item.
pub fn usage_of(
    meeting: &Meeting,
    item: &Item,
    record: &ItemMinutes,
    faction: &str,
    now: Timestamp,
) -> Option<FactionUsage> {
    faction_usage(meeting, item, record, now)
        .into_iter()
        .find(|usage| usage.faction == faction)
}

/// Speaking time per faction over the whole meeting (no budgets: they are per item).
pub fn meeting_totals(meeting: &Meeting, minutes: &Minutes, now: Timestamp) -> Vec<FactionUsage> {
    let mut totals: Vec<FactionUsage> = Vec::new();
    for record in &minutes.items {
        for speech in speeches(record) {
            let Some(faction) = counts_for(speech) else {
                continue;
            };
            let seconds = speech.seconds_at(now);
            match totals.iter_mut().find(|t| t.faction == faction) {
                Some(total) => total.used += seconds,
                None => totals.push(FactionUsage {
                    faction: faction.to_string(),
                    used: seconds,
                    budget: None,
                    extra: 0,
                }),
            }
        }
    }
    let order = |faction: &str| {
        meeting
            .factions
            .iter()
            .position(|f| f.name == faction)
            .unwrap_or(usize::MAX)
    };
    totals.sort_by_key(|t| order(&t.faction));
    totals
}

/// Seconds per speaker (by name and role), in the order they first spoke.
pub fn speaker_totals<'a>(
    records: impl IntoIterator<Item = &'a ItemMinutes>,
    now: Timestamp,
) -> Vec<(String, Role, u64)> {
    let mut totals: Vec<(String, Role, u64)> = Vec::new();
    for record in records {
        for speech in speeches(record).filter(|s| s.started_at.is_some()) {
            let seconds = speech.seconds_at(now);
            match totals
                .iter_mut()
                .find(|(name, role, _)| *name == speech.name && *role == speech.role)
            {
                Some(total) => total.2 += seconds,
                None => totals.push((speech.name.clone(), speech.role, seconds)),
            }
        }
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{Faction, ItemKind};
    use crate::domain::minutes::SpeakerChoice;
    use chrono::{DateTime, NaiveDate};

    fn at(m: u32, s: u32) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-11-20T21:{m:02}:{s:02}+01:00")).unwrap()
    }

    fn meeting() -> Meeting {
        Meeting {
            title: "Raadsplein".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            factions: ["VVD", "D66", "SP"]
                .map(|name| Faction {
                    name: name.into(),
                    seats: None,
                    members: vec![],
                })
                .to_vec(),
            speaking_time: Some(300),
            items: vec![Item {
                number: "5".into(),
                title: "Beschut werk".into(),
                kind: ItemKind::Debate,
                speaking_time: Some(240),
                ..Item::default()
            }],
            ..Meeting::default()
        }
    }

    fn choice(name: &str, faction: Option<&str>, role: Role) -> SpeakerChoice {
        SpeakerChoice {
            name: name.into(),
            faction: faction.map(str::to_string),
            role,
        }
    }

    fn member(name: &str, faction: &str) -> SpeakerChoice {
        choice(name, Some(faction), Role::Member)
    }

    fn started(m: &Meeting) -> Minutes {
        let mut minutes = Minutes::new(m, "m.yaml");
        minutes.take_up(m, "5", at(0, 0)).unwrap();
        minutes
    }

    fn usage(m: &Meeting, minutes: &Minutes, faction: &str, now: Timestamp) -> FactionUsage {
        usage_of(m, &m.items[0], minutes.item("5").unwrap(), faction, now).unwrap()
    }

    #[test]
    fn the_item_budget_wins_over_the_meeting_default() {
        let m = meeting();
        assert_eq!(budget_for(&m, &m.items[0]), Some(240));
        let mut without = m.items[0].clone();
        without.speaking_time = None;
        assert_eq!(budget_for(&m, &without), Some(300));
    }

    #[test]
    fn a_faction_budget_runs_across_rounds() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        minutes.new_round(at(3, 0)).unwrap();
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.toggle_speaker(at(10, 0)).unwrap();
        let vvd = usage(&m, &minutes, "VVD", at(11, 30));
        assert_eq!(vvd.used, 120 + 90);
        assert_eq!(vvd.remaining(), Some(30));
    }

    #[test]
    fn going_over_budget_gives_negative_time_left() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes.add_speaker(member("D66", "D66")).unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        assert_eq!(usage(&m, &minutes, "D66", at(5, 15)).remaining(), Some(-15));
    }

    #[test]
    fn a_member_counts_against_the_faction() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes.add_speaker(member("Jan de Vries", "SP")).unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        assert_eq!(usage(&m, &minutes, "SP", at(2, 0)).used, 60);
    }

    #[test]
    fn portfolio_holder_and_informant_count_against_no_budget() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes
            .add_speaker(choice("Nelleke Vedelaar", None, Role::PortfolioHolder))
            .unwrap();
        minutes
            .add_speaker(choice("Peter van Drielen", None, Role::Informant))
            .unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        minutes.next_speaker(at(4, 0)).unwrap();
        let all = faction_usage(&m, &m.items[0], minutes.item("5").unwrap(), at(6, 0));
        assert!(all.iter().all(|u| u.used == 0), "{all:?}");
    }

    #[test]
    fn extra_time_adds_to_the_budget_and_is_recorded() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        minutes.grant_extra_time("VVD", 60, at(4, 50)).unwrap();
        let vvd = usage(&m, &minutes, "VVD", at(5, 30));
        assert_eq!(vvd.remaining(), Some(30));
        assert_eq!(minutes.item("5").unwrap().extra_time[0].seconds, 60);
    }

    #[test]
    fn an_interruption_pauses_the_speaker_and_is_timed_on_its_own() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        let interrupted = minutes.interrupt(member("SP", "SP"), at(2, 0)).unwrap();
        assert_eq!(interrupted, "VVD");
        assert_eq!(
            minutes.item("5").unwrap().current_speech().unwrap().name,
            "SP"
        );
        minutes.next_speaker(at(2, 40)).unwrap(); // the interruption ends: VVD resumes
        let record = minutes.item("5").unwrap();
        let current = record.current_speech().unwrap();
        assert_eq!(current.name, "VVD");
        assert!(current.is_speaking());
        let sp = &record.rounds[0].speakers[1];
        assert_eq!(sp.interrupts.as_deref(), Some("VVD"));
        assert_eq!(sp.seconds, 40);
        assert_eq!(usage(&m, &minutes, "VVD", at(3, 40)).used, 60 + 60);
        assert_eq!(usage(&m, &minutes, "SP", at(3, 40)).used, 40);
    }

    #[test]
    fn an_interruption_needs_someone_speaking() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        assert_eq!(
            minutes.interrupt(member("SP", "SP"), at(1, 0)),
            Err(crate::domain::minutes::Refusal::NobodySpeaking)
        );
    }

    #[test]
    fn meeting_totals_add_up_over_items() {
        let mut m = meeting();
        let mut second = m.items[0].clone();
        second.number = "6".into();
        m.items.push(second);
        let mut minutes = started(&m);
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        minutes.take_up(&m, "6", at(2, 0)).unwrap();
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.toggle_speaker(at(3, 0)).unwrap();
        let totals = meeting_totals(&m, &minutes, at(3, 30));
        assert_eq!(totals[0].faction, "VVD");
        assert_eq!(totals[0].used, 90);
    }

    #[test]
    fn speaker_totals_list_every_speaker_once() {
        let m = meeting();
        let mut minutes = started(&m);
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.add_speaker(member("VVD", "VVD")).unwrap();
        minutes.toggle_speaker(at(1, 0)).unwrap();
        minutes.next_speaker(at(2, 0)).unwrap();
        let totals = speaker_totals(&minutes.items, at(2, 30));
        assert_eq!(totals, [("VVD".to_string(), Role::Member, 90)]);
    }
}

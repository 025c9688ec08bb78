//! Decision meetings: who is present (the presentielijst), whether there is a quorum, and votes
//! counted per faction or member by member. Pure: the count is computed from the attendance at
//! the moment of the vote, never typed. FORMAT.md, "Decision meetings: attendance and votes".

use serde::{Deserialize, Serialize};

use super::meeting::Meeting;
use super::minutes::Timestamp;

/// One member on the presentielijst: present from `arrived_at`, gone from `left_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presence {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faction: Option<String>,
    #[serde(with = "super::minutes::rfc3339")]
    pub arrived_at: Timestamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::minutes::rfc3339_opt"
    )]
    pub left_at: Option<Timestamp>,
}

impl Presence {
    pub fn is_present_at(&self, at: Timestamp) -> bool {
        self.arrived_at <= at && self.left_at.is_none_or(|left| left > at)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteKind {
    #[default]
    Proposal,
    Motion,
    Amendment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// By show of hands per faction.
    #[default]
    Factions,
    /// Hoofdelijke stemming: member by member.
    RollCall,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    For,
    Against,
}

/// A member recorded against their faction (aantekening, or a split faction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    pub name: String,
    pub vote: Side,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Result {
    Adopted,
    Rejected,
    Tied,
}

/// One vote (stemming), as recorded in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub subject: String,
    #[serde(default)]
    pub kind: VoteKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub submitted_by: Vec<String>,
    #[serde(default)]
    pub method: Method,
    /// Faction names (method factions) or member names (roll call).
    #[serde(default, rename = "for")]
    pub for_: Vec<String>,
    #[serde(default)]
    pub against: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_voting: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dissent: Vec<Dissent>,
    /// Counted from the attendance at `recorded_at`; stored for the record.
    pub seats_for: u32,
    pub seats_against: u32,
    pub result: Result,
    #[serde(with = "super::minutes::rfc3339")]
    pub recorded_at: Timestamp,
    /// A vote taken again after a mistake: the one it corrects stays in the minutes (extension).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corrected: bool,
}

/// The members who may vote at `at`: who is on the presentielijst and present then, with their
/// faction. With no presentielijst kept at all, every member of the meeting file counts as
/// present (and `Quorum::assumed` says so). The quorum and the count both start from this list,
/// so they can never disagree on who holds a seat (`holds_seat`).
pub fn present_at(
    meeting: &Meeting,
    attendance: &[Presence],
    at: Timestamp,
) -> Vec<(String, Option<String>)> {
    if attendance.is_empty() {
        return meeting
            .factions
            .iter()
            .flat_map(|f| f.members.iter().map(|m| (m.clone(), Some(f.name.clone()))))
            .collect();
    }
    let mut present: Vec<(String, Option<String>)> = Vec::new();
    for entry in attendance.iter().filter(|e| e.is_present_at(at)) {
        if !present.iter().any(|(name, _)| *name == entry.name) {
            let faction = entry
                .faction
                .clone()
                .or_else(|| faction_of(meeting, &entry.name));
            if holds_seat(meeting, &entry.name, faction.as_deref()) {
                present.push((entry.name.clone(), faction));
            }
        }
    }
    present
}

/// The faction a member belongs to in the meeting file.
pub fn faction_of(meeting: &Meeting, member: &str) -> Option<String> {
    meeting
        .factions
        .iter()
        .find(|f| f.members.iter().any(|m| m == member))
        .map(|f| f.name.clone())
}

/// Whether someone on the presentielijst holds a seat, and so counts for the quorum and votes. A
/// member of a faction in the meeting file does; the chair and the clerk are on the list but do
/// not, unless the meeting file lists them as a faction's member; anyone else added by name does
/// when added with a faction ("Name (Faction)"), and a guest without one does not.
pub fn holds_seat(meeting: &Meeting, name: &str, faction: Option<&str>) -> bool {
    if faction_of(meeting, name).is_some() {
        return true;
    }
    let officer = [&meeting.chair, &meeting.clerk]
        .into_iter()
        .flatten()
        .any(|person| person == name);
    !officer && faction.is_some()
}

/// The present members in the order the council calls them in a roll call: by faction in the
/// meeting file's order (factions it does not know after them), then by surname.
pub fn roll_call_order(
    meeting: &Meeting,
    mut present: Vec<(String, Option<String>)>,
) -> Vec<(String, Option<String>)> {
    let rank = |faction: &Option<String>| {
        faction
            .as_deref()
            .and_then(|f| meeting.factions.iter().position(|x| x.name == f))
            .unwrap_or(usize::MAX)
    };
    present.sort_by(|(a, fa), (b, fb)| {
        rank(fa)
            .cmp(&rank(fb))
            .then_with(|| fa.cmp(fb))
            .then_with(|| surname_key(a).cmp(&surname_key(b)))
            .then_with(|| a.cmp(b))
    });
    present
}

/// A name as a Dutch list sorts it: by surname, without the first name, initials, titles or
/// tussenvoegsels ("Vera van der Meer" under M, "Dhr. J. Looijenga" under L).
fn surname_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let rest = words
        .iter()
        .enumerate()
        .skip_while(|(i, word)| {
            (*i == 0 && words.len() > 1)
                || word.ends_with('.')
                || word.chars().next().is_some_and(char::is_lowercase)
                || word.starts_with('\'')
        })
        .map(|(_, word)| *word)
        .collect::<Vec<_>>();
    let key = if rest.is_empty() {
        name.to_string()
    } else {
        rest.join(" ")
    };
    // Without accents and case, so "Öztürk" sorts under O.
    let mut folded = String::with_capacity(key.len());
    for ch in key.chars() {
        unicode_normalization::char::decompose_compatible(ch, |part| {
            if !unicode_normalization::char::is_combining_mark(part) {
                folded.extend(part.to_lowercase());
            }
        });
    }
    folded
}

/// Present members against the council's seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    pub present: u32,
    pub seats: u32,
    /// No presentielijst: everyone counted as present.
    pub assumed: bool,
}

impl Quorum {
    /// The Gemeentewet's rule: more than half of the seats present.
    pub fn is_met(&self) -> bool {
        self.present * 2 > self.seats
    }
}

/// The council's seats: the sum of `seats`, or of the members listed where seats are missing.
pub fn council_seats(meeting: &Meeting) -> u32 {
    meeting.factions.iter().map(|f| f.seat_count()).sum()
}

pub fn quorum(meeting: &Meeting, attendance: &[Presence], at: Timestamp) -> Quorum {
    Quorum {
        present: present_at(meeting, attendance, at).len() as u32,
        seats: council_seats(meeting),
        assumed: attendance.is_empty(),
    }
}

/// The count of a vote: who voted which way, from the members present at `at`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Count {
    pub seats_for: u32,
    pub seats_against: u32,
    /// Present members of a faction that voted neither way (the clerk has not marked it yet).
    pub unmarked: Vec<String>,
}

impl Count {
    pub fn result(&self) -> Result {
        match self.seats_for.cmp(&self.seats_against) {
            std::cmp::Ordering::Greater => Result::Adopted,
            std::cmp::Ordering::Less => Result::Rejected,
            std::cmp::Ordering::Equal => Result::Tied,
        }
    }
}

/// How one member present at a vote voted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberVote {
    pub member: String,
    pub faction: Option<String>,
    /// `None`: present and voting, but not marked either way (yet).
    pub side: Option<Side>,
    /// Present, but did not vote (stemt niet mee).
    pub not_voting: bool,
}

/// Each member present at `at` and how they voted: per faction, its present members vote its
/// way unless they are not voting or recorded against it (dissent); by roll call, each member
/// as marked. The count and every per-member publication (ODS `Stem`) start from this.
pub fn member_votes(
    meeting: &Meeting,
    attendance: &[Presence],
    vote: &Vote,
    at: Timestamp,
) -> Vec<MemberVote> {
    present_at(meeting, attendance, at)
        .into_iter()
        .map(|(member, faction)| {
            let not_voting = vote.not_voting.contains(&member);
            let side = if not_voting {
                None
            } else if let Some(dissent) = vote.dissent.iter().find(|d| d.name == member) {
                Some(dissent.vote)
            } else {
                let key = match vote.method {
                    Method::Factions => faction.clone(),
                    Method::RollCall => Some(member.clone()),
                };
                match key {
                    Some(key) if vote.for_.contains(&key) => Some(Side::For),
                    Some(key) if vote.against.contains(&key) => Some(Side::Against),
                    _ => None,
                }
            };
            MemberVote {
                member,
                faction,
                side,
                not_voting,
            }
        })
        .collect()
}

/// Counts a vote from [`member_votes`]: those not voting are not counted, nor marked.
pub fn count(meeting: &Meeting, attendance: &[Presence], vote: &Vote, at: Timestamp) -> Count {
    let mut count = Count::default();
    for voted in member_votes(meeting, attendance, vote, at) {
        match (voted.not_voting, voted.side) {
            (true, _) => {}
            (false, Some(Side::For)) => count.seats_for += 1,
            (false, Some(Side::Against)) => count.seats_against += 1,
            (false, None) => count.unmarked.push(voted.member),
        }
    }
    count
}

/// "voor 54%": the share of the votes cast that was for, rounded.
pub fn percent_for(vote: &Vote) -> u32 {
    let cast = vote.seats_for + vote.seats_against;
    if cast == 0 {
        0
    } else {
        ((vote.seats_for as f64 * 100.0) / cast as f64).round() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::Faction;
    use chrono::{DateTime, NaiveDate};

    fn at(time: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-01-23T{time}+01:00")).unwrap()
    }

    fn meeting() -> Meeting {
        let faction = |name: &str, members: &[&str]| Faction {
            name: name.into(),
            seats: None,
            members: members.iter().map(|m| m.to_string()).collect(),
        };
        Meeting {
            title: "Raadsplein besluitvormend".into(),
            date: NaiveDate::from_ymd_opt(2017, 1, 23).unwrap(),
            factions: vec![
                faction("SP", &["Anna de Wit", "Peter Öztürk"]),
                faction("ChristenUnie", &["Hendrik Vos", "Marieke Smit", "Jan Post"]),
                faction("VVD", &["Kees Bos", "Els Dijk"]),
            ],
            ..Meeting::default()
        }
    }

    fn present(name: &str, from: &str, until: Option<&str>) -> Presence {
        Presence {
            name: name.into(),
            faction: None,
            arrived_at: at(from),
            left_at: until.map(at),
        }
    }

    fn everyone() -> Vec<Presence> {
        meeting()
            .factions
            .iter()
            .flat_map(|f| f.members.clone())
            .map(|m| present(&m, "19:30:00", None))
            .collect()
    }

    fn motion(for_: &[&str], against: &[&str]) -> Vote {
        Vote {
            subject: "Motie 10".into(),
            kind: VoteKind::Motion,
            submitted_by: vec![],
            method: Method::Factions,
            for_: for_.iter().map(|s| s.to_string()).collect(),
            against: against.iter().map(|s| s.to_string()).collect(),
            not_voting: vec![],
            dissent: vec![],
            seats_for: 0,
            seats_against: 0,
            result: Result::Tied,
            recorded_at: at("21:00:00"),
            corrected: false,
        }
    }

    #[test]
    fn a_faction_votes_with_the_members_it_has_present() {
        let m = meeting();
        let count = count(
            &m,
            &everyone(),
            &motion(&["SP", "ChristenUnie"], &["VVD"]),
            at("21:00:00"),
        );
        assert_eq!((count.seats_for, count.seats_against), (5, 2));
        assert_eq!(count.result(), Result::Adopted);
        assert!(count.unmarked.is_empty());
    }

    #[test]
    fn attendance_changing_between_two_votes_changes_the_count() {
        let m = meeting();
        let mut attendance = everyone();
        // Two ChristenUnie members leave at 21:30.
        for entry in attendance
            .iter_mut()
            .filter(|e| e.name == "Hendrik Vos" || e.name == "Jan Post")
        {
            entry.left_at = Some(at("21:30:00"));
        }
        let vote = motion(&["ChristenUnie"], &["SP", "VVD"]);
        let before = count(&m, &attendance, &vote, at("21:00:00"));
        let after = count(&m, &attendance, &vote, at("21:45:00"));
        assert_eq!((before.seats_for, before.seats_against), (3, 4));
        assert_eq!((after.seats_for, after.seats_against), (1, 4));
    }

    #[test]
    fn not_voting_and_dissent_are_counted_per_member() {
        let m = meeting();
        let mut vote = motion(&["SP", "ChristenUnie"], &["VVD"]);
        vote.not_voting = vec!["Marieke Smit".into()];
        vote.dissent = vec![Dissent {
            name: "Peter Öztürk".into(),
            vote: Side::Against,
        }];
        let count = count(&m, &everyone(), &vote, at("21:00:00"));
        assert_eq!((count.seats_for, count.seats_against), (3, 3));
        assert_eq!(count.result(), Result::Tied);
    }

    #[test]
    fn a_roll_call_counts_member_by_member() {
        let m = meeting();
        let mut vote = motion(&["Anna de Wit", "Kees Bos", "Els Dijk"], &["Hendrik Vos"]);
        vote.method = Method::RollCall;
        let count = count(&m, &everyone(), &vote, at("21:00:00"));
        assert_eq!((count.seats_for, count.seats_against), (3, 1));
        assert_eq!(count.unmarked.len(), 3, "{:?}", count.unmarked);
    }

    #[test]
    fn no_quorum_with_half_the_seats_or_fewer() {
        let m = meeting();
        let attendance = vec![
            present("Anna de Wit", "19:30:00", None),
            present("Hendrik Vos", "19:30:00", None),
            present("Kees Bos", "19:30:00", None),
            present("Els Dijk", "19:30:00", Some("20:00:00")),
        ];
        // 7 seats: 4 present is a quorum, 3 is not.
        assert!(quorum(&m, &attendance, at("19:45:00")).is_met());
        let later = quorum(&m, &attendance, at("20:30:00"));
        assert_eq!((later.present, later.seats), (3, 7));
        assert!(!later.is_met());
        assert!(quorum(&m, &[], at("19:45:00")).assumed);
    }

    #[test]
    fn the_chair_and_the_clerk_hold_no_seat_unless_listed_as_members() {
        let mut m = meeting();
        m.chair = Some("Dhr. J. Looijenga".into());
        m.clerk = Some("Mevr. M. Zweers".into());
        let mut attendance = everyone();
        attendance.push(present("Dhr. J. Looijenga", "19:30:00", None));
        attendance.push(present("Mevr. M. Zweers", "19:30:00", None));
        // Even when added with a faction, the clerk holds no seat; a guest without one neither.
        attendance.last_mut().unwrap().faction = Some("VVD".into());
        attendance.push(present("Inspreker", "19:30:00", None));
        let vote = motion(&["SP", "ChristenUnie", "VVD"], &[]);
        let counted = count(&m, &attendance, &vote, at("21:00:00"));
        let quorum = quorum(&m, &attendance, at("21:00:00"));
        assert!(counted.unmarked.is_empty(), "{:?}", counted.unmarked);
        assert_eq!((quorum.present, counted.seats_for), (7, 7));
        // A chair who is a member of a faction in the meeting file votes with it.
        m.factions[2].members.push("Dhr. J. Looijenga".into());
        let counted = count(&m, &attendance, &vote, at("21:00:00"));
        assert_eq!(quorum_present(&m, &attendance), 8);
        assert_eq!(counted.seats_for, 8);
    }

    fn quorum_present(m: &Meeting, attendance: &[Presence]) -> u32 {
        quorum(m, attendance, at("21:00:00")).present
    }

    #[test]
    fn switching_to_a_roll_call_and_back_keeps_the_marks() {
        let m = meeting();
        let present = present_at(&m, &everyone(), at("21:00:00"));
        let mut draft = VoteDraft {
            subject: "Motie 10".into(),
            for_: vec!["SP".into()],
            against: vec!["VVD".into()],
            dissent: vec![Dissent {
                name: "Peter Öztürk".into(),
                vote: Side::Against,
            }],
            not_voting: vec!["Kees Bos".into()],
            ..VoteDraft::default()
        };
        let before = draft.counted(&m, &everyone(), at("21:00:00")).1;
        draft.switch_method(&present);
        assert_eq!(draft.method, Method::RollCall);
        assert_eq!(draft.for_, ["Anna de Wit"]);
        assert_eq!(draft.against, ["Peter Öztürk", "Els Dijk"]);
        assert_eq!(draft.counted(&m, &everyone(), at("21:00:00")).1, before);
        draft.switch_method(&present);
        assert_eq!(draft.method, Method::Factions);
        assert_eq!(draft.counted(&m, &everyone(), at("21:00:00")).1, before);
    }

    #[test]
    fn a_roll_call_goes_by_faction_then_by_surname() {
        let m = meeting();
        let mut present = present_at(&m, &everyone(), at("21:00:00"));
        present.reverse();
        let names: Vec<String> = roll_call_order(&m, present)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(
            names,
            [
                "Peter Öztürk",
                "Anna de Wit",
                "Jan Post",
                "Marieke Smit",
                "Hendrik Vos",
                "Kees Bos",
                "Els Dijk"
            ]
        );
    }

    #[test]
    fn the_share_for_is_of_the_votes_cast() {
        let mut vote = motion(&[], &[]);
        vote.seats_for = 21;
        vote.seats_against = 18;
        assert_eq!(percent_for(&vote), 54);
    }
}

/// A vote as the clerk prepares it, before it is counted and recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VoteDraft {
    pub subject: String,
    pub kind: VoteKind,
    pub submitted_by: Vec<String>,
    pub method: Method,
    pub for_: Vec<String>,
    pub against: Vec<String>,
    pub not_voting: Vec<String>,
    pub dissent: Vec<Dissent>,
}

impl VoteDraft {
    /// The vote with its count and result, as it would be recorded at `at`.
    pub fn counted(
        &self,
        meeting: &Meeting,
        attendance: &[Presence],
        at: Timestamp,
    ) -> (Vote, Count) {
        let mut vote = Vote {
            subject: self.subject.trim().to_string(),
            kind: self.kind,
            submitted_by: self.submitted_by.clone(),
            method: self.method,
            for_: self.for_.clone(),
            against: self.against.clone(),
            not_voting: self.not_voting.clone(),
            dissent: self.dissent.clone(),
            seats_for: 0,
            seats_against: 0,
            result: Result::Tied,
            recorded_at: at,
            corrected: false,
        };
        let counted = count(meeting, attendance, &vote, at);
        vote.seats_for = counted.seats_for;
        vote.seats_against = counted.seats_against;
        vote.result = counted.result();
        (vote, counted)
    }
}

impl VoteDraft {
    /// Switches between a vote by faction and a roll call, keeping the marks made: a roll call
    /// starts with each present member marked as their faction (or their dissent) voted; back to
    /// by faction, a faction takes the side most of its marked members took (for on a tie) and
    /// the members marked otherwise are recorded as dissent.
    pub fn switch_method(&mut self, present: &[(String, Option<String>)]) {
        let mut for_ = Vec::new();
        let mut against = Vec::new();
        let mut dissent = Vec::new();
        match self.method {
            Method::Factions => {
                for (member, faction) in
                    present.iter().filter(|(m, _)| !self.not_voting.contains(m))
                {
                    let side = self
                        .dissent
                        .iter()
                        .find(|d| d.name == *member)
                        .map(|d| d.vote)
                        .or_else(|| self.faction_side(faction.as_deref()));
                    match side {
                        Some(Side::For) => for_.push(member.clone()),
                        Some(Side::Against) => against.push(member.clone()),
                        None => {}
                    }
                }
                self.method = Method::RollCall;
            }
            Method::RollCall => {
                let mut factions: Vec<&str> = Vec::new();
                for faction in present.iter().filter_map(|(_, f)| f.as_deref()) {
                    if !factions.contains(&faction) {
                        factions.push(faction);
                    }
                }
                for faction in factions {
                    let members: Vec<&String> = present
                        .iter()
                        .filter(|(_, f)| f.as_deref() == Some(faction))
                        .map(|(m, _)| m)
                        .collect();
                    let marked =
                        |list: &[String]| members.iter().filter(|m| list.contains(m)).count();
                    let (pro, contra) = (marked(&self.for_), marked(&self.against));
                    if pro + contra == 0 {
                        continue;
                    }
                    let (side, other, others) = if pro >= contra {
                        (&mut for_, Side::Against, &self.against)
                    } else {
                        (&mut against, Side::For, &self.for_)
                    };
                    side.push(faction.to_string());
                    for member in members.iter().filter(|m| others.contains(m)) {
                        dissent.push(Dissent {
                            name: (*member).clone(),
                            vote: other,
                        });
                    }
                }
                self.method = Method::Factions;
            }
        }
        self.for_ = for_;
        self.against = against;
        self.dissent = dissent;
    }

    /// How a faction was marked in a vote by faction.
    fn faction_side(&self, faction: Option<&str>) -> Option<Side> {
        let faction = faction?;
        if self.for_.iter().any(|f| f == faction) {
            Some(Side::For)
        } else if self.against.iter().any(|f| f == faction) {
            Some(Side::Against)
        } else {
            None
        }
    }
}

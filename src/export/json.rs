//! The meeting and its minutes as open data, in the shape of Popolo (popoloproject.com) with the
//! names Open Raadsinformatie uses where Popolo has none: one `Event` for the meeting, a sub-event
//! per agenda item (`parent_id`) under `agenda`, and per item its `speeches` (Popolo `Speech`,
//! with ORI's `start_date`/`end_date` and the faction as ORI's and Popolo's vote `group`),
//! conclusions, commitments and extra time. The chair's notes and drafts are private: never here.
//!
//! Ids are deterministic: `gavel:<meeting file stem>`, `…#item-<number>`,
//! `…#item-<number>-speech-<n>`; `schemas/export.schema.json` describes the whole document.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde_json::{Map, Value, json};

use super::recorded::{
    RecordedItem, items_in_agenda_order, planned_range, rfc3339, role_name, speeches_held,
};
use crate::domain::meeting::{ItemKind, Meeting};
use crate::domain::minutes::{ItemMinutes, Minutes, PassageKind, Status};

/// The whole export: the meeting as a Popolo `Event` with its agenda items as sub-events.
pub fn open_data_json(meeting: &Meeting, minutes: &Minutes) -> Value {
    let id = meeting_id(minutes);
    let mut event = Map::new();
    event.insert("id".into(), json!(id));
    event.insert("classification".into(), json!("meeting"));
    event.insert("name".into(), json!(meeting.title));
    event.insert(
        "date".into(),
        json!(meeting.date.format("%Y-%m-%d").to_string()),
    );
    insert_some(&mut event, "start_date", minutes.opened_at.map(rfc3339));
    insert_some(&mut event, "end_date", minutes.closed_at.map(rfc3339));
    insert_some(
        &mut event,
        "planned_start",
        meeting.planned_start().map(local),
    );
    insert_some(&mut event, "planned_end", meeting.planned_end().map(local));
    event.insert("status".into(), json!(meeting_status(minutes)));
    // The language its texts are in (the meeting file's `language`, Dutch when absent).
    event.insert("language".into(), json!(meeting.document_lang().tag()));
    insert_some(&mut event, "location", meeting.location.clone());
    insert_some(
        &mut event,
        "organization",
        meeting.body.as_ref().map(|body| json!({ "name": body })),
    );
    insert_some(&mut event, "chair", meeting.chair.clone());
    insert_some(&mut event, "clerk", meeting.clerk.clone());
    let agenda: Vec<Value> = items_in_agenda_order(meeting, minutes)
        .into_iter()
        .enumerate()
        .map(|(index, item)| agenda_item(meeting.date, &id, index + 1, item))
        .collect();
    event.insert("agenda".into(), Value::Array(agenda));
    Value::Object(event)
}

fn agenda_item(date: NaiveDate, meeting_id: &str, position: usize, item: RecordedItem) -> Value {
    let id = format!("{meeting_id}#item-{}", encode(item.number));
    let mut event = Map::new();
    event.insert("id".into(), json!(id));
    event.insert("parent_id".into(), json!(meeting_id));
    event.insert("classification".into(), json!("agenda_item"));
    event.insert("identifier".into(), json!(item.number));
    event.insert("position".into(), json!(position));
    event.insert("name".into(), json!(item.title));
    if let Some(planned) = item.planned {
        event.insert("kind".into(), json!(kind_name(planned.kind)));
        let (start, end) = planned_range(date, planned.slot);
        insert_some(&mut event, "planned_start", start.map(local));
        insert_some(&mut event, "planned_end", end.map(local));
        insert_some(
            &mut event,
            "planned_seconds",
            planned.slot.planned_seconds(),
        );
    }
    let recorded = item.recorded;
    let status = recorded.map_or(Status::Pending, |recorded| recorded.status);
    event.insert("status".into(), json!(status_name(status)));
    let periods = recorded.map_or(&[][..], |recorded| &recorded.periods[..]);
    insert_some(
        &mut event,
        "start_date",
        periods.first().map(|p| rfc3339(p.started_at)),
    );
    insert_some(
        &mut event,
        "end_date",
        periods.last().and_then(|p| p.ended_at).map(rfc3339),
    );
    let periods: Vec<Value> = periods
        .iter()
        .map(|period| {
            let mut span = Map::new();
            span.insert("start_date".into(), json!(rfc3339(period.started_at)));
            insert_some(&mut span, "end_date", period.ended_at.map(rfc3339));
            Value::Object(span)
        })
        .collect();
    event.insert("periods".into(), Value::Array(periods));
    let empty = ItemMinutes::default();
    let recorded = recorded.unwrap_or(&empty);
    event.insert("speeches".into(), Value::Array(speeches(&id, recorded)));
    let conclusions = recorded
        .conclusions
        .iter()
        .map(|conclusion| {
            let kind = match conclusion.kind {
                PassageKind::Finding => "finding",
                PassageKind::Debate => "debate",
                PassageKind::Reply => "reply",
            };
            json!({ "kind": kind, "text": conclusion.text, "date": rfc3339(conclusion.recorded_at) })
        })
        .collect();
    event.insert("conclusions".into(), Value::Array(conclusions));
    let commitments = recorded
        .commitments
        .iter()
        .map(|commitment| {
            let mut entry = Map::new();
            entry.insert("id".into(), json!(commitment.id));
            entry.insert("creator".into(), json!({ "name": commitment.by }));
            entry.insert("text".into(), json!(commitment.text));
            insert_some(
                &mut entry,
                "due_date",
                commitment.due.map(|due| due.format("%Y-%m-%d").to_string()),
            );
            entry.insert("date".into(), json!(rfc3339(commitment.recorded_at)));
            Value::Object(entry)
        })
        .collect();
    event.insert("commitments".into(), Value::Array(commitments));
    let extra_time = recorded
        .extra_time
        .iter()
        .map(|extra| {
            json!({
                "group": { "name": extra.faction },
                "seconds": extra.seconds,
                "date": rfc3339(extra.granted_at),
            })
        })
        .collect();
    event.insert("extra_time".into(), Value::Array(extra_time));
    if !recorded.votes.is_empty() {
        let votes = recorded
            .votes
            .iter()
            .enumerate()
            .map(|(n, vote)| vote_event(&id, n + 1, vote))
            .collect();
        event.insert("vote_events".into(), Value::Array(votes));
    }
    Value::Object(event)
}

/// A vote as a Popolo `VoteEvent`: the motion, the result, the `counts` (yes/no), per faction
/// its `group_results`, and the individual `votes` where one is known (a roll call, dissent,
/// not voting).
fn vote_event(item_id: &str, position: usize, vote: &crate::domain::decision::Vote) -> Value {
    use crate::domain::decision::{Method, Result as VoteResult, Side, VoteKind};
    let option = |side: Side| match side {
        Side::For => "yes",
        Side::Against => "no",
    };
    let mut individual: Vec<Value> = Vec::new();
    let mut group_results: Vec<Value> = Vec::new();
    for (side, names) in [(Side::For, &vote.for_), (Side::Against, &vote.against)] {
        for name in names {
            match vote.method {
                Method::Factions => {
                    group_results.push(json!({ "group": { "name": name }, "option": option(side) }))
                }
                Method::RollCall => {
                    individual.push(json!({ "voter": { "name": name }, "option": option(side) }))
                }
            }
        }
    }
    for dissent in &vote.dissent {
        individual
            .push(json!({ "voter": { "name": dissent.name }, "option": option(dissent.vote) }));
    }
    for name in &vote.not_voting {
        individual.push(json!({ "voter": { "name": name }, "option": "not voting" }));
    }
    let mut motion = Map::new();
    motion.insert("text".into(), json!(vote.subject));
    motion.insert(
        "classification".into(),
        json!(match vote.kind {
            VoteKind::Proposal => "proposal",
            VoteKind::Motion => "motion",
            VoteKind::Amendment => "amendment",
        }),
    );
    if !vote.submitted_by.is_empty() {
        let creators: Vec<Value> = vote
            .submitted_by
            .iter()
            .map(|n| json!({ "name": n }))
            .collect();
        motion.insert("creator".into(), Value::Array(creators));
    }
    json!({
        "id": format!("{item_id}-vote-{position}"),
        "motion": Value::Object(motion),
        "start_date": rfc3339(vote.recorded_at),
        "method": match vote.method {
            Method::Factions => "factions",
            Method::RollCall => "roll_call",
        },
        "result": match vote.result {
            VoteResult::Adopted => "pass",
            VoteResult::Rejected => "fail",
            VoteResult::Tied => "tie",
        },
        "counts": [
            { "option": "yes", "value": vote.seats_for },
            { "option": "no", "value": vote.seats_against },
        ],
        "group_results": group_results,
        "votes": individual,
        "corrected": vote.corrected,
    })
}

/// The speeches that took place, numbered from 1 over the whole item in the order recorded.
fn speeches(item_id: &str, item: &ItemMinutes) -> Vec<Value> {
    speeches_held(item)
        .enumerate()
        .map(|(index, (round, speech, started_at))| {
            let position = index + 1;
            let ended_at = speech.ended_at.unwrap_or_else(|| {
                started_at + Duration::seconds(i64::try_from(speech.seconds).unwrap_or(i64::MAX))
            });
            let mut entry = Map::new();
            entry.insert("id".into(), json!(format!("{item_id}-speech-{position}")));
            entry.insert("event_id".into(), json!(item_id));
            entry.insert("position".into(), json!(position));
            entry.insert("round".into(), json!(round));
            entry.insert("creator".into(), json!({ "name": speech.name }));
            insert_some(
                &mut entry,
                "group",
                speech
                    .faction
                    .as_ref()
                    .map(|faction| json!({ "name": faction })),
            );
            entry.insert("role".into(), json!(role_name(speech.role)));
            entry.insert("start_date".into(), json!(rfc3339(started_at)));
            entry.insert("end_date".into(), json!(rfc3339(ended_at)));
            entry.insert("seconds".into(), json!(speech.seconds));
            insert_some(&mut entry, "interrupts", speech.interrupts.clone());
            Value::Object(entry)
        })
        .collect()
}

fn insert_some<T: Into<Value>>(map: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(value) = value {
        map.insert(key.into(), value.into());
    }
}

/// `gavel:` and the meeting file's name without `.yaml`, the same for every export of it.
fn meeting_id(minutes: &Minutes) -> String {
    let name = minutes.meeting.trim();
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name);
    if stem.is_empty() {
        format!("gavel:{}", minutes.date.format("%Y-%m-%d"))
    } else {
        format!("gavel:{}", encode(stem))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so an item number such as
/// "3 a" or "4/5" still makes a valid, unique URI fragment.
fn encode(text: &str) -> String {
    let mut encoded = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Planned times are wall-clock times without an offset, as the meeting file writes them.
fn local(time: NaiveDateTime) -> String {
    time.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn meeting_status(minutes: &Minutes) -> &'static str {
    match (minutes.opened_at, minutes.closed_at) {
        (_, Some(_)) => "completed",
        (Some(_), None) => "in_progress",
        (None, None) => "scheduled",
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Pending => "pending",
        Status::Running => "running",
        Status::Done => "done",
        Status::Adjourned => "adjourned",
        Status::Skipped => "skipped",
    }
}

fn kind_name(kind: ItemKind) -> &'static str {
    ItemKind::ALL
        .iter()
        .find(|(_, each)| *each == kind)
        .map_or("item", |(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{Item, Slot};
    use crate::domain::minutes::{Role, Round, Speech, Timestamp};
    use chrono::NaiveTime;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_from_rfc3339(text).unwrap()
    }

    fn fixture(rounds: Vec<Speech>) -> (Meeting, Minutes) {
        let date = NaiveDate::from_ymd_opt(2017, 11, 20).unwrap();
        let meeting = Meeting {
            title: "Raad".into(),
            date,
            items: vec![Item {
                number: "3 a".into(),
                title: "Drie".into(),
                slot: Slot::Range {
                    start: NaiveTime::from_hms_opt(23, 30, 0).unwrap(),
                    end: NaiveTime::from_hms_opt(0, 15, 0).unwrap(),
                },
                ..Item::default()
            }],
            ..Meeting::default()
        };
        let minutes = Minutes {
            meeting: "raad.yaml".into(),
            title: "Raad".into(),
            date,
            opened_at: Some(at("2017-11-20T23:30:00+01:00")),
            closed_at: None,
            items: vec![ItemMinutes {
                number: "3 a".into(),
                title: "Drie".into(),
                rounds: vec![Round {
                    speakers: rounds,
                    closed: false,
                }],
                ..ItemMinutes::default()
            }],
            faction_totals: Vec::new(),
            drafts: Vec::new(),
            attendance: Vec::new(),
        };
        (meeting, minutes)
    }

    fn speech(name: &str, started_at: Option<&str>, seconds: u64) -> Speech {
        Speech {
            name: name.into(),
            faction: Some(name.into()),
            role: Role::Member,
            started_at: started_at.map(at),
            seconds,
            ..Speech::default()
        }
    }

    #[test]
    fn ids_are_deterministic_and_percent_encoded() {
        let (meeting, minutes) = fixture(vec![speech("VVD", Some("2017-11-20T23:31:00+01:00"), 5)]);
        let json = open_data_json(&meeting, &minutes);
        assert_eq!(json["id"], "gavel:raad");
        assert_eq!(json["agenda"][0]["id"], "gavel:raad#item-3%20a");
        assert_eq!(
            json["agenda"][0]["speeches"][0]["id"],
            "gavel:raad#item-3%20a-speech-1"
        );
        assert_eq!(json, open_data_json(&meeting, &minutes));
    }

    #[test]
    fn a_speech_without_an_end_ends_after_its_seconds() {
        let (meeting, minutes) =
            fixture(vec![speech("VVD", Some("2017-11-20T23:59:30+01:00"), 45)]);
        let speech = &open_data_json(&meeting, &minutes)["agenda"][0]["speeches"][0];
        assert_eq!(speech["start_date"], "2017-11-20T23:59:30+01:00");
        assert_eq!(speech["end_date"], "2017-11-21T00:00:15+01:00");
    }

    #[test]
    fn speakers_still_in_line_are_not_speeches() {
        let (meeting, minutes) = fixture(vec![
            speech("VVD", None, 0),
            speech("D66", Some("2017-11-20T23:31:00+01:00"), 5),
        ]);
        let speeches = &open_data_json(&meeting, &minutes)["agenda"][0]["speeches"];
        assert_eq!(speeches.as_array().unwrap().len(), 1);
        assert_eq!(speeches[0]["creator"]["name"], "D66");
        assert_eq!(speeches[0]["position"], 1);
    }

    #[test]
    fn a_slot_past_midnight_ends_the_next_day() {
        let (meeting, minutes) = fixture(Vec::new());
        let item = &open_data_json(&meeting, &minutes)["agenda"][0];
        assert_eq!(item["planned_start"], "2017-11-20T23:30:00");
        assert_eq!(item["planned_end"], "2017-11-21T00:15:00");
        assert_eq!(item["planned_seconds"], 45 * 60);
    }

    #[test]
    fn an_open_meeting_is_in_progress_and_has_no_end() {
        let (meeting, minutes) = fixture(Vec::new());
        let json = open_data_json(&meeting, &minutes);
        assert_eq!(json["status"], "in_progress");
        assert!(json.get("end_date").is_none());
    }
}

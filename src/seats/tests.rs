use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::domain::decision::{Method, Result as VoteResult, VoteKind};
use crate::domain::meeting::Meeting;
use crate::domain::minutes::{
    CommitmentDraft, DraftKind, PassageKind, Role, SpeakerChoice, Speech, Stretch,
};

const MEETING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/meetings/2017-11-20-raadsplein-takzaal.yaml"
);
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/export/2017-11-20-raadsplein-takzaal.minutes.yaml"
);

fn meeting() -> Meeting {
    crate::store::load::load_meeting(Path::new(MEETING))
        .unwrap()
        .meeting
}

fn example() -> Minutes {
    let bytes = std::fs::read(EXAMPLE).unwrap();
    crate::store::minutes_file::parse_minutes(Path::new(EXAMPLE), &bytes).unwrap()
}

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

/// The chair's document and the clerk's, which starts from the chair's file.
fn two_seats(minutes: &Minutes) -> (SeatDoc, SeatDoc) {
    let mut chair = SeatDoc::from_minutes("chair", minutes).unwrap();
    let clerk = SeatDoc::load("clerk", &chair.save()).unwrap();
    (chair, clerk)
}

/// A running meeting: item 3 taken up, VVD speaking since 19:40.
fn running() -> Minutes {
    let meeting = meeting();
    let mut minutes = Minutes::new(&meeting, "2017-11-20-raadsplein-takzaal.yaml");
    minutes.take_up(&meeting, "3", at("19:36:00")).unwrap();
    minutes
        .add_speaker(SpeakerChoice {
            name: "VVD".into(),
            faction: Some("VVD".into()),
            role: Role::Member,
        })
        .unwrap();
    minutes.toggle_speaker(at("19:40:00")).unwrap();
    minutes
}

fn conclusion_texts(minutes: &Minutes, number: &str) -> Vec<String> {
    minutes
        .item(number)
        .map(|i| i.conclusions.iter().map(|c| c.text.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn the_example_round_trips_through_the_document() {
    let minutes = example();
    let mut doc = SeatDoc::from_minutes("chair", &minutes).unwrap();
    assert_eq!(doc.minutes().unwrap(), minutes);
    let loaded = SeatDoc::load("clerk", &doc.save()).unwrap();
    assert_eq!(loaded.minutes().unwrap(), minutes);
}

#[test]
fn an_update_with_nothing_changed_writes_nothing() {
    let minutes = example();
    let mut doc = SeatDoc::from_minutes("chair", &minutes).unwrap();
    let heads = doc.doc.get_heads();
    doc.update(&minutes).unwrap();
    assert_eq!(doc.doc.get_heads(), heads);
}

#[test]
fn two_seats_record_at_once_both_kept_in_time_order() {
    let meeting = meeting();
    let (mut chair, mut clerk) = two_seats(&running());
    let mut a = chair.minutes().unwrap();
    a.add_conclusion(&meeting, "3", "chair at 19:50", at("19:50:00"))
        .unwrap();
    chair.update(&a).unwrap();
    let mut b = clerk.minutes().unwrap();
    b.add_passage(
        &meeting,
        "3",
        PassageKind::Debate,
        "clerk at 19:45",
        at("19:45:00"),
    )
    .unwrap();
    b.add_conclusion(&meeting, "3", "clerk at 19:55", at("19:55:00"))
        .unwrap();
    clerk.update(&b).unwrap();
    chair.merge(&mut clerk).unwrap();
    clerk.merge(&mut chair).unwrap();
    let merged = chair.minutes().unwrap();
    assert_eq!(
        conclusion_texts(&merged, "3"),
        ["clerk at 19:45", "chair at 19:50", "clerk at 19:55"]
    );
    assert_eq!(
        merged.item("3").unwrap().conclusions[0].kind,
        PassageKind::Debate
    );
    assert_eq!(clerk.minutes().unwrap(), merged);
}

#[test]
fn a_seat_without_the_clock_cannot_stop_the_speaker() {
    let (chair, mut clerk) = two_seats(&running());
    let mut b = clerk.minutes().unwrap();
    b.toggle_speaker(at("19:41:00")).unwrap();
    let before = clerk.minutes().unwrap();
    assert_eq!(
        clerk.update(&b),
        Err(SeatError::NotClockHolder {
            holder: "chair".into(),
            item: "3".into()
        })
    );
    assert_eq!(
        clerk.minutes().unwrap(),
        before,
        "nothing of a refused change is kept"
    );
    assert_eq!(chair.clock_holder().unwrap(), "chair");
}

#[test]
fn a_seat_without_the_clock_cannot_take_up_an_item() {
    let meeting = meeting();
    let (_, mut clerk) = two_seats(&example());
    let mut b = clerk.minutes().unwrap();
    b.reopen_meeting().unwrap();
    b.take_up(&meeting, "4", at("23:10:00")).unwrap();
    assert!(matches!(
        clerk.update(&b),
        Err(SeatError::NotClockHolder { .. })
    ));
}

#[test]
fn taking_the_clock_over_lets_the_other_seat_run_it() {
    let (mut chair, mut clerk) = two_seats(&running());
    clerk.take_clock().unwrap();
    let mut b = clerk.minutes().unwrap();
    b.toggle_speaker(at("19:41:00")).unwrap();
    clerk.update(&b).unwrap();
    chair.merge(&mut clerk).unwrap();
    assert_eq!(chair.clock_holder().unwrap(), "clerk");
    let mut a = chair.minutes().unwrap();
    let speech = &a.item("3").unwrap().rounds[0].speakers[0];
    assert_eq!(speech.seconds, 60);
    a.toggle_speaker(at("19:42:00")).unwrap();
    assert!(matches!(
        chair.update(&a),
        Err(SeatError::NotClockHolder { .. })
    ));
}

#[test]
fn both_seats_with_the_clock_apart_never_count_a_speaker_twice() {
    let (mut chair, mut clerk) = two_seats(&running());
    clerk.take_clock().unwrap();
    let mut a = chair.minutes().unwrap();
    a.toggle_speaker(at("19:41:00")).unwrap();
    chair.update(&a).unwrap();
    let mut b = clerk.minutes().unwrap();
    b.toggle_speaker(at("19:43:00")).unwrap();
    clerk.update(&b).unwrap();
    chair.merge(&mut clerk).unwrap();
    let merged = chair.minutes().unwrap();
    let speech = &merged.item("3").unwrap().rounds[0].speakers[0];
    assert!(
        speech.seconds == 60 || speech.seconds == 180,
        "one seat's clock, not a sum: {}",
        speech.seconds
    );
    clerk.merge(&mut chair).unwrap();
    assert_eq!(clerk.minutes().unwrap(), chair.minutes().unwrap());
}

#[test]
fn a_record_made_on_minutes_older_than_the_last_merge_keeps_the_other_seats_clock() {
    let meeting = meeting();
    let (mut chair, mut clerk) = two_seats(&running());
    let seen_by_clerk = clerk.minutes().unwrap();
    let mut a = chair.minutes().unwrap();
    a.toggle_speaker(at("19:45:00")).unwrap();
    chair.update(&a).unwrap();
    // The chair's stop arrives while the clerk is typing on what the screen showed before it.
    clerk.merge(&mut chair).unwrap();
    let mut b = seen_by_clerk.clone();
    b.add_conclusion(
        &meeting,
        "3",
        "typed before the stop arrived",
        at("19:46:00"),
    )
    .unwrap();
    clerk.update_from(&seen_by_clerk, &b).unwrap();
    let merged = clerk.minutes().unwrap();
    assert_eq!(
        merged.item("3").unwrap().rounds,
        a.item("3").unwrap().rounds
    );
    assert_eq!(
        conclusion_texts(&merged, "3"),
        ["typed before the stop arrived"]
    );
    // From the same stale minutes, a change to the clock is still the clock holder's.
    let mut c = seen_by_clerk.clone();
    c.toggle_speaker(at("19:47:00")).unwrap();
    assert!(matches!(
        clerk.update_from(&seen_by_clerk, &c),
        Err(SeatError::NotClockHolder { .. })
    ));
}

#[test]
fn commitment_ids_stay_unique_across_seats() {
    let meeting = meeting();
    let (mut chair, mut clerk) = two_seats(&running());
    let draft = |text: &str| CommitmentDraft {
        text: text.into(),
        by: "Nelleke Vedelaar".into(),
        due: None,
    };
    let mut a = chair.minutes().unwrap();
    let first = a
        .add_commitment(&meeting, "3", draft("chair's"), at("19:50:00"))
        .unwrap();
    chair.update(&a).unwrap();
    let mut b = clerk.minutes().unwrap();
    let second = b
        .add_commitment(&meeting, "3", draft("clerk's"), at("19:51:00"))
        .unwrap();
    clerk.update(&b).unwrap();
    assert_eq!(first, second, "apart, both seats give the same id");
    let renamed = chair.merge(&mut clerk).unwrap();
    assert_eq!(
        renamed,
        [Renamed {
            item: "3".into(),
            from: "2017-11-20-3-1".into(),
            to: "2017-11-20-3-2".into()
        }]
    );
    let merged = chair.minutes().unwrap();
    let ids: Vec<(&str, &str)> = merged
        .item("3")
        .unwrap()
        .commitments
        .iter()
        .map(|c| (c.id.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        ids,
        [("2017-11-20-3-1", "chair's"), ("2017-11-20-3-2", "clerk's")]
    );
    // The rename is written by the next update and holds on the other seat too.
    chair.update(&merged).unwrap();
    clerk.merge(&mut chair).unwrap();
    assert_eq!(clerk.minutes().unwrap(), merged);
    let mut b = clerk.minutes().unwrap();
    let third = b
        .add_commitment(&meeting, "3", draft("clerk's next"), at("19:52:00"))
        .unwrap();
    assert_eq!(third, "2017-11-20-3-3");
}

#[test]
fn an_hour_apart_then_merged_is_the_union() {
    let meeting = meeting();
    let (mut chair, mut clerk) = two_seats(&running());
    let start = at("19:40:00");
    let mut a = chair.minutes().unwrap();
    let mut b = clerk.minutes().unwrap();
    for minute in 0..60 {
        let now = start + Duration::minutes(minute);
        if minute % 10 == 0 {
            a.toggle_speaker(now).unwrap();
            chair.update(&a).unwrap();
        }
        if minute % 5 == 0 {
            b.add_conclusion(&meeting, "3", &format!("clerk {minute}"), now)
                .unwrap();
            clerk.update(&b).unwrap();
        }
        if minute % 20 == 7 {
            a.add_conclusion(&meeting, "3", &format!("chair {minute}"), now)
                .unwrap();
            chair.update(&a).unwrap();
        }
    }
    b.set_notes(&meeting, "5", "clerk's notes").unwrap();
    clerk.update(&b).unwrap();
    chair.merge(&mut clerk).unwrap();
    let merged = chair.minutes().unwrap();
    let mut expected: Vec<(Timestamp, String)> = a.items[0]
        .conclusions
        .iter()
        .chain(&b.items[0].conclusions)
        .map(|c| (c.recorded_at, c.text.clone()))
        .collect();
    expected.sort();
    let got: Vec<(Timestamp, String)> = merged
        .item("3")
        .unwrap()
        .conclusions
        .iter()
        .map(|c| (c.recorded_at, c.text.clone()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(got.len(), 12 + 3);
    assert_eq!(
        merged.item("3").unwrap().rounds,
        a.item("3").unwrap().rounds
    );
    assert_eq!(
        merged.item("5").unwrap().notes.as_deref(),
        Some("clerk's notes\n")
    );
}

#[test]
fn two_imports_of_the_same_minutes_merge_without_doubling() {
    let minutes = example();
    let mut one = SeatDoc::from_minutes("chair", &minutes).unwrap();
    let mut two = SeatDoc::from_minutes("clerk", &minutes).unwrap();
    one.merge(&mut two).unwrap();
    assert_eq!(one.minutes().unwrap(), minutes);
}

#[test]
fn drafts_of_both_seats_are_kept() {
    let (mut chair, mut clerk) = two_seats(&running());
    let draft = |text: &str| Draft {
        kind: DraftKind::Conclusion,
        item: "3".into(),
        text: text.into(),
        by: None,
        due: None,
    };
    let mut a = chair.minutes().unwrap();
    a.keep_draft(draft("chair typing"));
    chair.update(&a).unwrap();
    let mut b = clerk.minutes().unwrap();
    b.keep_draft(draft("clerk typing"));
    clerk.update(&b).unwrap();
    chair.merge(&mut clerk).unwrap();
    let texts: Vec<String> = chair
        .minutes()
        .unwrap()
        .drafts
        .into_iter()
        .map(|d| d.text)
        .collect();
    assert_eq!(texts, ["chair typing", "clerk typing"]);
}

#[test]
fn a_removed_record_is_gone_for_both_seats() {
    let (mut chair, mut clerk) = two_seats(&example());
    let mut b = clerk.minutes().unwrap();
    let item = b.items.iter_mut().find(|i| i.number == "3").unwrap();
    let removed = item.conclusions.remove(0);
    clerk.update(&b).unwrap();
    chair.merge(&mut clerk).unwrap();
    let merged = chair.minutes().unwrap();
    assert!(!merged.item("3").unwrap().conclusions.contains(&removed));
    assert_eq!(merged, b);
}

#[test]
fn a_bad_seat_name_is_refused() {
    for name in ["", "a/b", "../x", "seat name", &"x".repeat(33)] {
        assert!(matches!(
            SeatDoc::from_minutes(name, &example()),
            Err(SeatError::InvalidSeat(_))
        ));
    }
}

#[test]
fn bytes_that_are_not_a_seat_document_are_refused() {
    assert!(matches!(
        SeatDoc::load("clerk", b"garbage"),
        Err(SeatError::Engine(_))
    ));
    let mut other = automerge::AutoCommit::new();
    other.put(ROOT, "title", "not minutes").unwrap();
    assert!(matches!(
        SeatDoc::load("clerk", &other.save()),
        Err(SeatError::Damaged(_))
    ));
    let mut doc = SeatDoc::from_minutes("chair", &example()).unwrap();
    doc.doc
        .put(ROOT, "rec/conclusions/1:3/x", "{not json")
        .unwrap();
    assert!(matches!(
        SeatDoc::load("clerk", &doc.save()),
        Err(SeatError::Damaged(_))
    ));
}

#[test]
fn a_damaged_other_seat_is_not_merged() {
    let (mut chair, mut clerk) = two_seats(&example());
    clerk.doc.put(ROOT, "layout", 7).unwrap();
    let before = chair.minutes().unwrap();
    assert!(chair.merge(&mut clerk).is_err());
    assert_eq!(chair.minutes().unwrap(), before);
}

#[test]
fn record_keys_read_back() {
    let key = record_key(COMMITMENTS, "3/a:b", "t/s/x-1");
    assert_eq!(
        parse_record_key(&key),
        Some((COMMITMENTS, "3/a:b", "t/s/x-1"))
    );
    assert_eq!(parse_record_key("rec/x/9:ab/c"), None);
}

// ---- properties ----

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (-2_000_000_000i64..4_000_000_000, -12i32..=14).prop_map(|(seconds, hours)| {
        let offset = FixedOffset::east_opt(hours * 3600).unwrap();
        offset.timestamp_opt(seconds, 0).unwrap()
    })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z /#:]{1,8}", "\\PC{0,6}"]
}

fn speech() -> impl Strategy<Value = Speech> {
    (
        text(),
        proptest::option::of(text()),
        proptest::option::of(timestamp()),
        0u64..5000,
        proptest::collection::vec((timestamp(), timestamp()), 0..2),
        proptest::option::of(timestamp()),
    )
        .prop_map(
            |(name, faction, started_at, seconds, spoken, speaking_since)| Speech {
                name,
                faction,
                role: Role::Member,
                started_at,
                seconds,
                spoken: spoken
                    .into_iter()
                    .map(|(from, to)| Stretch { from, to })
                    .collect(),
                speaking_since,
                ended_at: None,
                interrupts: None,
            },
        )
}

fn item() -> impl Strategy<Value = ItemMinutes> {
    let conclusion =
        (text(), timestamp(), 0..3u8).prop_map(|(text, recorded_at, kind)| Conclusion {
            kind: [
                PassageKind::Finding,
                PassageKind::Debate,
                PassageKind::Reply,
            ][kind as usize],
            text,
            recorded_at,
        });
    let commitment = (0..3u8, text(), timestamp(), proptest::option::of(0..400u32)).prop_map(
        |(n, text, recorded_at, due)| Commitment {
            id: format!("2017-11-20-3-{n}"),
            by: "Vedelaar".into(),
            text,
            due: due
                .map(|d| NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + Duration::days(d.into())),
            recorded_at,
        },
    );
    let vote = (text(), timestamp()).prop_map(|(subject, recorded_at)| Vote {
        subject,
        kind: VoteKind::Motion,
        submitted_by: vec![],
        method: Method::Factions,
        for_: vec!["VVD".into()],
        against: vec![],
        not_voting: vec![],
        dissent: vec![],
        seats_for: 3,
        seats_against: 0,
        result: VoteResult::Adopted,
        recorded_at,
        corrected: false,
    });
    (
        (
            prop_oneof![
                Just("3".to_string()),
                Just("1.a".to_string()),
                "[0-9/:#]{1,3}"
            ],
            text(),
            0..5u8,
            proptest::option::of(text()),
            proptest::collection::vec(
                (timestamp(), proptest::option::of(timestamp())).prop_map(
                    |(started_at, ended_at)| Period {
                        started_at,
                        ended_at,
                    },
                ),
                0..3,
            ),
            0u64..100_000,
        ),
        (
            proptest::collection::vec(proptest::collection::vec(speech(), 0..3), 0..3),
            proptest::collection::vec(conclusion, 0..4),
            proptest::collection::vec(commitment, 0..3),
            proptest::collection::vec(vote, 0..2),
            proptest::collection::vec(
                (text(), 0u64..600, timestamp()).prop_map(|(faction, seconds, granted_at)| {
                    ExtraTime {
                        faction,
                        seconds,
                        granted_at,
                    }
                }),
                0..2,
            ),
            proptest::option::of(0u64..10_000),
        ),
    )
        .prop_map(
            |(
                (number, title, status, notes, periods, elapsed_seconds),
                (rounds, conclusions, commitments, votes, extra_time, planned_seconds),
            )| ItemMinutes {
                number,
                title,
                status: [
                    Status::Pending,
                    Status::Running,
                    Status::Done,
                    Status::Adjourned,
                    Status::Skipped,
                ][status as usize],
                notes,
                periods,
                elapsed_seconds,
                rounds: rounds
                    .into_iter()
                    .map(|speakers| Round {
                        speakers,
                        closed: false,
                    })
                    .collect(),
                conclusions,
                commitments,
                votes,
                extra_time,
                planned_seconds,
                overrun_seconds: 0,
                faction_totals: vec![],
            },
        )
}

fn any_minutes() -> impl Strategy<Value = Minutes> {
    (
        text(),
        proptest::option::of(timestamp()),
        proptest::option::of(timestamp()),
        proptest::collection::vec(item(), 0..5),
        proptest::collection::vec(
            (text(), proptest::option::of(text())).prop_map(|(item, by)| Draft {
                kind: DraftKind::Commitment,
                item,
                text: "x".into(),
                by,
                due: None,
            }),
            0..3,
        ),
        proptest::collection::vec(
            (text(), timestamp(), proptest::option::of(timestamp())).prop_map(
                |(name, arrived_at, left_at)| Presence {
                    name,
                    faction: None,
                    arrived_at,
                    left_at,
                },
            ),
            0..3,
        ),
    )
        .prop_map(
            |(title, opened_at, closed_at, items, drafts, attendance)| Minutes {
                meeting: "m.yaml".into(),
                title,
                date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
                opened_at,
                closed_at,
                items,
                faction_totals: vec![],
                drafts,
                attendance,
            },
        )
}

/// What one seat does while apart.
#[derive(Debug, Clone)]
enum Op {
    Conclusion(usize, String, i64),
    Commitment(usize, String, i64),
    Notes(usize, String),
    RemoveFirstConclusion(usize),
    Clock(i64),
    TakeClock,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, "[a-z]{1,6}", 0..120i64).prop_map(|(i, t, m)| Op::Conclusion(i, t, m)),
        (0..3usize, "[a-z]{1,6}", 0..120i64).prop_map(|(i, t, m)| Op::Commitment(i, t, m)),
        (0..3usize, "[a-z]{0,6}").prop_map(|(i, t)| Op::Notes(i, t)),
        (0..3usize).prop_map(Op::RemoveFirstConclusion),
        (0..120i64).prop_map(Op::Clock),
        Just(Op::TakeClock),
    ]
}

/// Applies `ops` through the console's own changes; a clock change of a seat without the clock
/// is refused and dropped, as the console would.
fn play(doc: &mut SeatDoc, ops: &[Op]) {
    let meeting = meeting();
    let numbers = ["3", "4", "5"];
    for op in ops {
        let mut m = doc.minutes().unwrap();
        let base = at("20:00:00");
        match op {
            Op::Conclusion(i, text, minute) => {
                m.add_conclusion(
                    &meeting,
                    numbers[*i],
                    text,
                    base + Duration::minutes(*minute),
                )
                .unwrap();
            }
            Op::Commitment(i, text, minute) => {
                let draft = CommitmentDraft {
                    text: text.clone(),
                    by: "Vedelaar".into(),
                    due: None,
                };
                m.add_commitment(
                    &meeting,
                    numbers[*i],
                    draft,
                    base + Duration::minutes(*minute),
                )
                .unwrap();
            }
            Op::Notes(i, text) => m.set_notes(&meeting, numbers[*i], text).unwrap(),
            Op::RemoveFirstConclusion(i) => {
                if let Some(item) = m.items.iter_mut().find(|it| it.number == numbers[*i])
                    && !item.conclusions.is_empty()
                {
                    item.conclusions.remove(0);
                }
            }
            Op::Clock(minute) => {
                let _ = m.toggle_speaker(base + Duration::minutes(*minute));
            }
            Op::TakeClock => {
                doc.take_clock().unwrap();
                continue;
            }
        }
        match doc.update(&m) {
            Ok(()) | Err(SeatError::NotClockHolder { .. }) => {}
            Err(other) => panic!("{other}"),
        }
    }
}

fn copy(doc: &mut SeatDoc, seat: &str) -> SeatDoc {
    SeatDoc::load(seat, &doc.save()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_minutes_round_trip_through_the_document(minutes in any_minutes()) {
        let mut doc = SeatDoc::from_minutes("chair", &minutes).unwrap();
        prop_assert_eq!(&doc.minutes().unwrap(), &minutes);
        let loaded = SeatDoc::load("clerk", &doc.save()).unwrap();
        prop_assert_eq!(&loaded.minutes().unwrap(), &minutes);
        let mut again = loaded;
        again.update(&minutes).unwrap();
        prop_assert_eq!(&again.minutes().unwrap(), &minutes);
    }

    #[test]
    fn merging_in_any_order_gives_the_same_minutes(
        chair_ops in proptest::collection::vec(op(), 0..8),
        clerk_ops in proptest::collection::vec(op(), 0..8),
    ) {
        let (mut chair, mut clerk) = two_seats(&running());
        play(&mut chair, &chair_ops);
        play(&mut clerk, &clerk_ops);
        let mut chair_then_clerk = copy(&mut chair, "chair");
        chair_then_clerk.merge(&mut copy(&mut clerk, "clerk")).unwrap();
        let mut clerk_then_chair = copy(&mut clerk, "clerk");
        clerk_then_chair.merge(&mut copy(&mut chair, "chair")).unwrap();
        let merged = chair_then_clerk.minutes().unwrap();
        prop_assert_eq!(&clerk_then_chair.minutes().unwrap(), &merged);
        // Idempotent: merging what is already in changes nothing.
        chair_then_clerk.merge(&mut clerk).unwrap();
        let mut itself = copy(&mut chair_then_clerk, "chair");
        chair_then_clerk.merge(&mut itself).unwrap();
        prop_assert_eq!(&chair_then_clerk.minutes().unwrap(), &merged);
        // Every conclusion either seat holds is in the merge.
        for seat in [&chair, &clerk] {
            for item in seat.minutes().unwrap().items {
                let there = merged.item(&item.number).unwrap();
                for c in &item.conclusions {
                    prop_assert!(there.conclusions.contains(c));
                }
            }
        }
        // Commitment ids are unique in the merge.
        let mut ids: Vec<&str> = merged.items.iter()
            .flat_map(|i| i.commitments.iter().map(|c| c.id.as_str()))
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), count);
    }
}

/// The fuzzer's seed (`fuzz/seeds/seat/`) is a seat file this version reads; rewritten with
/// `UPDATE_GOLDEN=1`.
#[test]
fn the_fuzz_seed_is_a_seat_file_of_the_example() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/seeds/seat/2017-11-20-raadsplein-takzaal.seat-chair.automerge"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let mut doc = SeatDoc::from_minutes("chair", &example()).unwrap();
        std::fs::write(seed, doc.save()).unwrap();
    }
    let doc = SeatDoc::load("clerk", &std::fs::read(seed).unwrap()).unwrap();
    assert_eq!(doc.minutes().unwrap(), example());
}

/// One step of two seats working with screens that lag: a seat's change on what its screen shows,
/// the two documents exchanged, or a screen brought up to date.
#[derive(Debug, Clone)]
enum Step {
    Chair(Op),
    Clerk(Op),
    Sync,
    Refresh(bool),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => op().prop_map(Step::Chair),
        3 => op().prop_map(Step::Clerk),
        1 => Just(Step::Sync),
        1 => any::<bool>().prop_map(Step::Refresh),
    ]
}

/// Applies `op` to `screen` as the console would, through `update_from`; returns the
/// conclusions it added and removed.
fn change_on_screen(
    doc: &mut SeatDoc,
    screen: &mut Minutes,
    op: &Op,
    n: usize,
) -> (Vec<Conclusion>, Vec<Conclusion>) {
    let meeting = meeting();
    let numbers = ["3", "4", "5"];
    let mut after = screen.clone();
    let base = at("20:00:00");
    let mut added = Vec::new();
    let mut removed = Vec::new();
    match op {
        Op::Conclusion(i, text, minute) => {
            // Unique text, so each record can be followed.
            let text = format!("{text} {}-{n}", doc.seat());
            let now = base + Duration::minutes(*minute);
            after
                .add_conclusion(&meeting, numbers[*i], &text, now)
                .unwrap();
            added.push(
                after
                    .item(numbers[*i])
                    .unwrap()
                    .conclusions
                    .last()
                    .unwrap()
                    .clone(),
            );
        }
        Op::RemoveFirstConclusion(i) => {
            if let Some(item) = after.items.iter_mut().find(|it| it.number == numbers[*i])
                && !item.conclusions.is_empty()
            {
                removed.push(item.conclusions.remove(0));
            }
        }
        Op::Notes(i, text) => after.set_notes(&meeting, numbers[*i], text).unwrap(),
        Op::Clock(minute) => {
            let _ = after.toggle_speaker(base + Duration::minutes(*minute));
        }
        Op::TakeClock => {
            doc.take_clock().unwrap();
            return (added, removed);
        }
        Op::Commitment(i, text, minute) => {
            let draft = CommitmentDraft {
                text: text.clone(),
                by: "Vedelaar".into(),
                due: None,
            };
            let now = base + Duration::minutes(*minute);
            after
                .add_commitment(&meeting, numbers[*i], draft, now)
                .unwrap();
        }
    }
    match doc.update_from(screen, &after) {
        Ok(()) => {
            *screen = after;
            (added, removed)
        }
        Err(SeatError::NotClockHolder { .. }) => (Vec::new(), Vec::new()),
        Err(other) => panic!("{other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn seats_with_lagging_screens_lose_no_record_and_converge(
        steps in proptest::collection::vec(step(), 0..16),
    ) {
        let (mut chair, mut clerk) = two_seats(&running());
        let mut screens = [chair.minutes().unwrap(), clerk.minutes().unwrap()];
        let mut added = Vec::new();
        let mut removed = Vec::new();
        for (n, step) in steps.iter().enumerate() {
            let (a, r) = match step {
                Step::Chair(op) => change_on_screen(&mut chair, &mut screens[0], op, n),
                Step::Clerk(op) => change_on_screen(&mut clerk, &mut screens[1], op, n),
                Step::Sync => {
                    chair.merge(&mut clerk).unwrap();
                    clerk.merge(&mut chair).unwrap();
                    continue;
                }
                Step::Refresh(chair_seat) => {
                    let (doc, screen) = if *chair_seat {
                        (&chair, &mut screens[0])
                    } else {
                        (&clerk, &mut screens[1])
                    };
                    *screen = doc.minutes().unwrap();
                    continue;
                }
            };
            added.extend(a);
            removed.extend(r);
        }
        chair.merge(&mut clerk).unwrap();
        clerk.merge(&mut chair).unwrap();
        let merged = chair.minutes().unwrap();
        prop_assert_eq!(&clerk.minutes().unwrap(), &merged);
        let all: Vec<&Conclusion> = merged.items.iter().flat_map(|i| &i.conclusions).collect();
        for conclusion in &added {
            let count = all.iter().filter(|c| **c == conclusion).count();
            let expected = usize::from(!removed.contains(conclusion));
            prop_assert_eq!(count, expected, "{:?}", conclusion.text);
        }
        prop_assert_eq!(all.len(), added.iter().filter(|c| !removed.contains(c)).count());
    }
}

/// Runs the sync protocol between two documents until neither has a message: what the direct
/// connection does, one message at a time each way. Returns the messages exchanged.
fn sync_until_quiet(a: &mut SeatDoc, b: &mut SeatDoc) -> usize {
    let (mut to_b, mut to_a) = (automerge::sync::State::new(), automerge::sync::State::new());
    let mut messages = 0;
    loop {
        let mut quiet = true;
        if let Some(message) = a.sync_message(&mut to_b) {
            b.receive_sync(&mut to_a, &message).unwrap();
            messages += 1;
            quiet = false;
        }
        if let Some(message) = b.sync_message(&mut to_a) {
            a.receive_sync(&mut to_b, &message).unwrap();
            messages += 1;
            quiet = false;
        }
        if quiet {
            return messages;
        }
        assert!(messages < 50, "the sync does not end");
    }
}

#[test]
fn two_seats_apart_converge_through_the_sync_protocol() {
    let meeting = meeting();
    // Two documents made apart (two folders): the same minutes imported on each.
    let mut chair = SeatDoc::from_minutes("chair", &running()).unwrap();
    let mut clerk = SeatDoc::from_minutes("clerk", &running()).unwrap();
    clerk.hand_clock_to("chair").unwrap();
    let mut a = chair.minutes().unwrap();
    a.add_conclusion(&meeting, "3", "chair at 19:50", at("19:50:00"))
        .unwrap();
    chair.update(&a).unwrap();
    let mut b = clerk.minutes().unwrap();
    b.add_conclusion(&meeting, "3", "clerk at 19:45", at("19:45:00"))
        .unwrap();
    clerk.update(&b).unwrap();
    assert!(sync_until_quiet(&mut chair, &mut clerk) > 0);
    let merged = chair.minutes().unwrap();
    assert_eq!(
        conclusion_texts(&merged, "3"),
        ["clerk at 19:45", "chair at 19:50"]
    );
    assert_eq!(clerk.minutes().unwrap(), merged);
    assert_eq!(chair.heads(), clerk.heads());
    assert_eq!(clerk.clock_holder().unwrap(), "chair");
}

#[test]
fn a_damaged_sync_message_is_refused_and_changes_nothing() {
    let (chair, mut clerk) = two_seats(&running());
    let heads = clerk.heads();
    let mut state = automerge::sync::State::new();
    for bytes in [&b""[..], b"\x42", b"not a sync message", &[0x42; 64]] {
        assert!(clerk.receive_sync(&mut state, bytes).is_err(), "{bytes:?}");
    }
    assert_eq!(clerk.heads(), heads);
    // A message of a document that is not gavel's minutes is not taken in.
    let mut foreign = automerge::AutoCommit::new();
    automerge::transaction::Transactable::put(&mut foreign, automerge::ROOT, "layout", "other")
        .unwrap();
    let mut foreign_state = automerge::sync::State::new();
    let mut state = automerge::sync::State::new();
    use automerge::sync::SyncDoc as _;
    let mut refused = false;
    for _ in 0..4 {
        if let Some(message) = clerk.sync_message(&mut state) {
            foreign
                .sync()
                .receive_sync_message(
                    &mut foreign_state,
                    automerge::sync::Message::decode(&message).unwrap(),
                )
                .unwrap();
        }
        if let Some(message) = foreign.sync().generate_sync_message(&mut foreign_state) {
            refused |= clerk.receive_sync(&mut state, &message.encode()).is_err();
        }
    }
    assert!(refused, "a foreign document was taken in");
    assert_eq!(clerk.minutes().unwrap(), chair.minutes().unwrap());
}

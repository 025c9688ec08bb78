//! Two seats (issue 26): automerge and yrs on gavel's minutes, and gavel's own seat document
//! (`gavel::seats`, built on automerge). Printed first, the figures that are not times: the size
//! of a document after an evening of key presses (one change each) and how two seats' concurrent
//! inserts into one list come out. Then criterion times one change and the merge of two seats
//! that were apart for an hour (300 changes each).
//! Run with `cargo bench --bench seats`; README "Two seats" has the figures.

use std::hint::black_box;
use std::path::Path;

use automerge::{AutoCommit, ObjType, ROOT, ReadDoc, transaction::Transactable};
use chrono::{DateTime, Duration};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gavel::domain::meeting::Meeting;
use gavel::domain::minutes::{Draft, DraftKind, Minutes, Role, SpeakerChoice, Timestamp};
use gavel::seats::SeatDoc;
use gavel::store::load::load_meeting;
use yrs::updates::decoder::Decode;
use yrs::{Array, Doc, GetString, Map, ReadTxn, StateVector, Text, Transact, Update};

const MEETING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/meetings/2017-11-20-raadsplein-takzaal.yaml"
);
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/export/2017-11-20-raadsplein-takzaal.minutes.yaml"
);

#[path = "common/minutes.rs"]
mod minutes;
use minutes::minutes_with;

const SENTENCE: &str = "De raad concludeert dat het college voor de zomer met een evaluatie komt. ";

/// One key press of an evening: a letter typed into a draft, a record stored from it, or (for
/// the seat with the clock) the speaker's clock started or stopped.
#[derive(Clone, Copy)]
enum Press {
    Type(char),
    Store,
    Clock,
}

fn evening(presses: usize, clock: bool) -> Vec<Press> {
    let letters: Vec<char> = SENTENCE.chars().collect();
    (0..presses)
        .map(|n| match n {
            n if clock && n % 40 == 39 => Press::Clock,
            n if n % 150 == 149 => Press::Store,
            n => Press::Type(letters[n % letters.len()]),
        })
        .collect()
}

/// The presses through the console's own changes into a seat document, one update each.
fn play_seat(doc: &mut SeatDoc, meeting: &Meeting, presses: &[Press], start: Timestamp) {
    let mut minutes = doc.minutes().unwrap();
    let mut text = String::new();
    for (n, press) in presses.iter().enumerate() {
        let now = start + Duration::seconds(n as i64 * 2);
        match press {
            Press::Type(letter) => {
                text.push(*letter);
                minutes.keep_draft(Draft {
                    kind: DraftKind::Conclusion,
                    item: "3".into(),
                    text: text.clone(),
                    by: None,
                    due: None,
                });
            }
            Press::Store => {
                minutes.discard_draft(DraftKind::Conclusion, "3");
                minutes.add_conclusion(meeting, "3", &text, now).unwrap();
                text.clear();
            }
            Press::Clock => {
                minutes.toggle_speaker(now).unwrap();
            }
        }
        doc.update(&minutes).unwrap();
    }
}

/// The same presses on a bare automerge document laid out as gavel's (scalars at the root): the
/// draft as one value rewritten on each press, or as text that grows by one letter.
fn play_automerge(doc: &mut AutoCommit, presses: &[Press], seat: &str, as_text: bool) {
    let draft_key = format!("draft/{seat}");
    let mut text = String::new();
    let mut draft = if as_text {
        Some(
            doc.put_object(ROOT, draft_key.as_str(), ObjType::Text)
                .unwrap(),
        )
    } else {
        None
    };
    for (n, press) in presses.iter().enumerate() {
        match press {
            Press::Type(letter) => {
                text.push(*letter);
                match &draft {
                    Some(obj) => doc
                        .splice_text(obj, text.chars().count() - 1, 0, &letter.to_string())
                        .unwrap(),
                    None => doc
                        .put(ROOT, draft_key.as_str(), format!("{{\"text\":\"{text}\"}}"))
                        .unwrap(),
                }
            }
            Press::Store => {
                let key = format!("rec/conclusions/3/{n:08}/{seat}");
                doc.put(ROOT, key, format!("{{\"text\":\"{text}\"}}"))
                    .unwrap();
                text.clear();
                if as_text {
                    draft = Some(
                        doc.put_object(ROOT, draft_key.as_str(), ObjType::Text)
                            .unwrap(),
                    );
                }
            }
            Press::Clock => {
                doc.put(ROOT, "clock/3", format!("{{\"seconds\":{n}}}"))
                    .unwrap();
            }
        }
        doc.commit();
    }
}

fn play_yrs(doc: &Doc, presses: &[Press], seat: &str, as_text: bool) {
    let root = doc.get_or_insert_map("root");
    let draft_text = doc.get_or_insert_text(format!("draft/{seat}"));
    let mut text = String::new();
    for (n, press) in presses.iter().enumerate() {
        let mut txn = doc.transact_mut();
        match press {
            Press::Type(letter) => {
                text.push(*letter);
                if as_text {
                    let at = draft_text.len(&txn);
                    draft_text.insert(&mut txn, at, &letter.to_string());
                } else {
                    root.insert(
                        &mut txn,
                        format!("draft/{seat}"),
                        format!("{{\"text\":\"{text}\"}}"),
                    );
                }
            }
            Press::Store => {
                let key = format!("rec/conclusions/3/{n:08}/{seat}");
                root.insert(&mut txn, key, format!("{{\"text\":\"{text}\"}}"));
                text.clear();
                if as_text {
                    let len = draft_text.len(&txn);
                    draft_text.remove_range(&mut txn, 0, len);
                }
            }
            Press::Clock => {
                root.insert(&mut txn, "clock/3", format!("{{\"seconds\":{n}}}"));
            }
        }
    }
}

fn yrs_bytes(doc: &Doc) -> Vec<u8> {
    doc.transact()
        .encode_state_as_update_v1(&StateVector::default())
}

fn yrs_copy(bytes: &[u8], client: u64) -> Doc {
    let doc = Doc::with_client_id(client);
    doc.get_or_insert_map("root");
    doc.transact_mut()
        .apply_update(Update::decode_v1(bytes).unwrap())
        .unwrap();
    doc
}

/// yrs's merge: what `into` lacks of `from`, encoded against its state vector, then applied.
fn yrs_merge(into: &Doc, from: &Doc) {
    let vector = into.transact().state_vector();
    let update = from.transact().encode_diff_v1(&vector);
    into.transact_mut()
        .apply_update(Update::decode_v1(&update).unwrap())
        .unwrap();
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// Two seats append to one list at once (a speech each), then merge: which order comes out?
fn concurrent_list_inserts() {
    let mut chair = AutoCommit::new();
    let list = chair.put_object(ROOT, "speeches", ObjType::List).unwrap();
    chair.insert(&list, 0, "VVD 20:00:00").unwrap();
    chair.commit();
    let mut clerk = chair.fork();
    chair
        .insert(&list, 1, "chair adds D66 at 20:00:09")
        .unwrap();
    chair.commit();
    clerk
        .insert(&list, 1, "clerk adds CDA at 20:00:01")
        .unwrap();
    clerk.commit();
    chair.merge(&mut clerk).unwrap();
    let order: Vec<String> = (0..chair.length(&list))
        .map(|i| chair.get(&list, i).unwrap().unwrap().0.to_string())
        .collect();
    println!("automerge list, concurrent appends after merge: {order:?}");
    let notes = chair.put_object(ROOT, "notes", ObjType::Text).unwrap();
    chair.splice_text(&notes, 0, 0, "Vragen: ").unwrap();
    chair.commit();
    let mut clerk = chair.fork();
    chair.splice_text(&notes, 8, 0, "SWT").unwrap();
    chair.commit();
    clerk.splice_text(&notes, 8, 0, "taaleis").unwrap();
    clerk.commit();
    chair.merge(&mut clerk).unwrap();
    println!(
        "automerge text, both type at the end:          {:?}",
        chair.text(&notes).unwrap()
    );

    let a = Doc::with_client_id(1);
    let array = a.get_or_insert_array("speeches");
    array.push_back(&mut a.transact_mut(), "VVD 20:00:00");
    let b = yrs_copy(&yrs_bytes(&a), 2);
    let array_b = b.get_or_insert_array("speeches");
    array.push_back(&mut a.transact_mut(), "chair adds D66 at 20:00:09");
    array_b.push_back(&mut b.transact_mut(), "clerk adds CDA at 20:00:01");
    yrs_merge(&a, &b);
    {
        let txn = a.transact();
        let order: Vec<String> = array.iter(&txn).map(|v| v.to_string(&txn)).collect();
        println!("yrs array, concurrent appends after merge:      {order:?}");
    }

    // Two seats typing into one text at once.
    let text_a = a.get_or_insert_text("notes");
    text_a.insert(&mut a.transact_mut(), 0, "Vragen: ");
    let b = yrs_copy(&yrs_bytes(&a), 3);
    let text_b = b.get_or_insert_text("notes");
    text_a.insert(&mut a.transact_mut(), 8, "SWT");
    text_b.insert(&mut b.transact_mut(), 8, "taaleis");
    yrs_merge(&a, &b);
    println!(
        "yrs text, both type at the end:                {:?}",
        text_a.get_string(&a.transact())
    );
}

fn figures(meeting: &Meeting) {
    println!("== sizes after an evening: 2 000 key presses, one change each ==");
    let presses = evening(2000, true);
    for as_text in [false, true] {
        let mut am = AutoCommit::new();
        play_automerge(&mut am, &presses, "chair", as_text);
        let doc = Doc::with_client_id(1);
        play_yrs(&doc, &presses, "chair", as_text);
        let how = if as_text {
            "draft as text"
        } else {
            "draft as one value"
        };
        println!(
            "{how:>20}: automerge {} (save), yrs {} (state as update v1)",
            kib(am.save().len()),
            kib(yrs_bytes(&doc).len())
        );
    }
    let example = example();
    let mut seat = SeatDoc::from_minutes("chair", &example).unwrap();
    println!(
        "gavel seat file of the 20 November example: {} (its YAML: {})",
        kib(seat.save().len()),
        kib(std::fs::metadata(EXAMPLE).unwrap().len() as usize)
    );
    let (long, now) = minutes_with(meeting, 200, 50);
    let mut seat = SeatDoc::from_minutes("chair", &long).unwrap();
    println!(
        "gavel seat file of the long meeting (200 speeches, 50 records): {}",
        kib(seat.save().len())
    );
    let mut seat = SeatDoc::from_minutes("chair", &running(meeting)).unwrap();
    let started = std::time::Instant::now();
    play_seat(&mut seat, meeting, &presses, at("19:41:00"));
    println!(
        "gavel seat file after 2 000 key presses on the example: {} ({:.2} ms a press)",
        kib(seat.save().len()),
        started.elapsed().as_secs_f64() * 1000.0 / 2000.0
    );
    let _ = now;
    concurrent_list_inserts();
}

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

fn example() -> Minutes {
    let bytes = std::fs::read(EXAMPLE).unwrap();
    gavel::store::minutes_file::parse_minutes(Path::new(EXAMPLE), &bytes).unwrap()
}

/// The example, reopened with item 3 running again and a speaker on the clock.
fn running(meeting: &Meeting) -> Minutes {
    let mut minutes = example();
    minutes.reopen_meeting().unwrap();
    minutes.take_up(meeting, "3", at("19:40:00")).unwrap();
    minutes
        .add_speaker(SpeakerChoice {
            name: "VVD".into(),
            faction: Some("VVD".into()),
            role: Role::Member,
        })
        .unwrap();
    minutes
}

fn benches(c: &mut Criterion) {
    let meeting = load_meeting(Path::new(MEETING)).unwrap().meeting;
    figures(&meeting);

    let mut group = c.benchmark_group("one change");
    group.sample_size(20);
    let presses = evening(2000, true);
    let mut am = AutoCommit::new();
    play_automerge(&mut am, &presses, "chair", false);
    group.bench_function("automerge: put + commit, after an evening", |b| {
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            am.put(ROOT, "draft/chair", format!("{{\"text\":\"{n}\"}}"))
                .unwrap();
            am.commit();
        })
    });
    let doc = Doc::with_client_id(1);
    play_yrs(&doc, &presses, "chair", false);
    let root = doc.get_or_insert_map("root");
    group.bench_function("yrs: insert in a transaction, after an evening", |b| {
        let mut n = 0u64;
        b.iter(|| {
            n += 1;
            let mut txn = doc.transact_mut();
            root.insert(&mut txn, "draft/chair", format!("{{\"text\":\"{n}\"}}"));
        })
    });
    for (name, minutes) in [
        ("the example", running(&meeting)),
        ("the long meeting", {
            let (mut long, _) = minutes_with(&meeting, 200, 50);
            long.take_up(&meeting, "3", at("23:00:00")).unwrap();
            long
        }),
    ] {
        let mut seat = SeatDoc::from_minutes("chair", &minutes).unwrap();
        let mut minutes = seat.minutes().unwrap();
        let mut n = 0;
        group.bench_function(format!("gavel seat: update with one letter, {name}"), |b| {
            b.iter(|| {
                n += 1;
                minutes.keep_draft(Draft {
                    kind: DraftKind::Conclusion,
                    item: "3".into(),
                    text: format!("letter {n}"),
                    by: None,
                    due: None,
                });
                seat.update(black_box(&minutes)).unwrap();
            })
        });
    }
    group.finish();

    // An hour apart: each seat makes 300 changes on its own, then one takes in the other's.
    let mut group = c.benchmark_group("merge after an hour apart, 300 changes each");
    group.sample_size(10);
    let chair_presses = evening(300, true);
    let clerk_presses = evening(300, false);
    let mut base = AutoCommit::new();
    play_automerge(&mut base, &evening(2000, false), "base", false);
    let mut chair = base.fork();
    let mut clerk = base.fork();
    play_automerge(&mut chair, &chair_presses, "chair", false);
    play_automerge(&mut clerk, &clerk_presses, "clerk", false);
    let clerk_bytes = clerk.save();
    group.bench_function("automerge: load the other's file and merge", |b| {
        b.iter_batched(
            || chair.fork(),
            |mut into| {
                let mut other = AutoCommit::load(&clerk_bytes).unwrap();
                into.merge(&mut other).unwrap();
                into
            },
            BatchSize::SmallInput,
        )
    });
    let base = Doc::with_client_id(1);
    play_yrs(&base, &evening(2000, false), "base", false);
    let base_bytes = yrs_bytes(&base);
    let yrs_chair = yrs_copy(&base_bytes, 2);
    let yrs_clerk = yrs_copy(&base_bytes, 3);
    play_yrs(&yrs_chair, &chair_presses, "chair", false);
    play_yrs(&yrs_clerk, &clerk_presses, "clerk", false);
    let chair_bytes = yrs_bytes(&yrs_chair);
    let clerk_bytes = yrs_bytes(&yrs_clerk);
    group.bench_function("yrs: apply the other's state as an update", |b| {
        b.iter_batched(
            || yrs_copy(&chair_bytes, 4),
            |into| {
                into.transact_mut()
                    .apply_update(Update::decode_v1(&clerk_bytes).unwrap())
                    .unwrap();
                into
            },
            BatchSize::SmallInput,
        )
    });
    let mut seat_chair = SeatDoc::from_minutes("chair", &running(&meeting)).unwrap();
    let mut seat_clerk = SeatDoc::load("clerk", &seat_chair.save()).unwrap();
    play_seat(&mut seat_chair, &meeting, &chair_presses, at("19:41:00"));
    play_seat(&mut seat_clerk, &meeting, &clerk_presses, at("19:41:01"));
    let chair_file = seat_chair.save();
    let clerk_file = seat_clerk.save();
    group.bench_function("gavel seat: load both files and merge (the example)", |b| {
        b.iter(|| {
            let mut into = SeatDoc::load("chair", &chair_file).unwrap();
            let mut other = SeatDoc::load("clerk", &clerk_file).unwrap();
            into.merge(&mut other).unwrap();
            black_box(into.minutes().unwrap().items.len())
        })
    });
    group.finish();
    let _ = ReadDoc::length(&chair, ROOT);
}

criterion_group!(seats, benches);
criterion_main!(seats);

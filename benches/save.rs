//! One save of the minutes as the console does it (totals recomputed, YAML written to a temporary
//! file, fsync, rename), for a long meeting (200 speeches, 50 records) and a huge one (10 000
//! speeches); and the commitments register's load of a folder of 200 minutes files.
//! Targets: a save under 5 ms (long) and under 100 ms (huge); the register under 100 ms, and its
//! conflicts placed under 1 s.
//! Run with `cargo bench --bench save` (the figures depend on the disk: fsync waits for it).

use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use gavel::domain::meeting::Meeting;
use gavel::domain::minutes::{CommitmentDraft, Minutes, Role, SpeakerChoice, Timestamp};
use gavel::store::load::load_meeting;
use gavel::store::save::save_minutes;

const MEETING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/meetings/2017-11-20-raadsplein-takzaal.yaml"
);

const SPEAKERS: &[(&str, &str)] = &[
    ("Jan de Vries", "VVD"),
    ("Anna Bakker", "D66"),
    ("Ahmet Öztürk", "PvdA"),
    ("Gerrit Mulder", "CDA"),
    ("Fleur Jansen", "GroenLinks"),
];

/// Minutes with `speeches` speeches and `records` conclusions and commitments, spread over the
/// meeting's items, each speech a minute long.
fn minutes_with(meeting: &Meeting, speeches: usize, records: usize) -> (Minutes, Timestamp) {
    let mut now = DateTime::parse_from_rfc3339("2017-11-20T19:30:00+01:00").unwrap();
    let mut minutes = Minutes::new(meeting, "2017-11-20-raadsplein-takzaal.yaml");
    let items = &meeting.items;
    let per_item = speeches.div_ceil(items.len());
    let mut left = speeches;
    let mut records_left = records;
    for item in items {
        minutes.take_up(meeting, &item.number, now).unwrap();
        for n in 0..per_item.min(left) {
            let (name, faction) = SPEAKERS[n % SPEAKERS.len()];
            minutes
                .add_speaker(SpeakerChoice {
                    name: name.into(),
                    faction: Some(faction.into()),
                    role: Role::Member,
                })
                .unwrap();
            minutes.toggle_speaker(now).unwrap();
            now += Duration::seconds(60);
            minutes.next_speaker(now).unwrap();
        }
        left -= per_item.min(left);
        for n in 0..(records / items.len() + 1).min(records_left) {
            let text = format!("Het college komt voor de zomer terug met punt {n}");
            if n % 2 == 0 {
                minutes
                    .add_conclusion(meeting, &item.number, &text, now)
                    .unwrap();
            } else {
                let draft = CommitmentDraft {
                    text,
                    by: "Wethouder Meijerink".into(),
                    due: NaiveDate::from_ymd_opt(2018, 3, 1),
                };
                minutes
                    .add_commitment(meeting, &item.number, draft, now)
                    .unwrap();
            }
            records_left -= 1;
        }
    }
    (minutes, now)
}

fn benches(c: &mut Criterion) {
    let meeting = load_meeting(Path::new(MEETING)).unwrap().meeting;
    let folder = tempfile::tempdir().unwrap();
    let path = folder
        .path()
        .join("2017-11-20-raadsplein-takzaal.minutes.yaml");

    let mut group = c.benchmark_group("save");
    group.sample_size(20);
    for (name, speeches, records) in [
        ("long meeting: 200 speeches, 50 records", 200, 50),
        ("huge meeting: 10 000 speeches", 10_000, 0),
    ] {
        let (minutes, now) = minutes_with(&meeting, speeches, records);
        group.bench_function(name, |b| {
            b.iter(|| {
                let saving = minutes.for_saving(&meeting, now);
                save_minutes(&path, black_box(&saving)).unwrap();
            })
        });
    }
    group.finish();

    // 200 meetings' minutes in one folder, each with 40 speeches and 10 records.
    let register = tempfile::tempdir().unwrap();
    let (minutes, now) = minutes_with(&meeting, 40, 10);
    let saving = minutes.for_saving(&meeting, now);
    for n in 0..200 {
        let mut copy = saving.clone();
        copy.date = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap() + Duration::days(n * 7);
        copy.meeting = format!("meeting-{n:03}.yaml");
        let file = register.path().join(format!("meeting-{n:03}.minutes.yaml"));
        save_minutes(&file, &copy).unwrap();
    }
    let today = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let mut group = c.benchmark_group("commitments register");
    group.sample_size(10);
    group.bench_function("scan of 200 minutes files", |b| {
        b.iter(|| {
            let scanned = gavel::register::scan(register.path(), today).unwrap();
            assert!(scanned.unreadable.is_empty(), "{:?}", scanned.unreadable);
            black_box(scanned.entries.len())
        })
    });
    // The same minutes in every file: each commitment id is used 200 times, so every one is a
    // conflict to place on its line (as `gavel check DIR` does); each file is read once.
    let scanned = gavel::register::scan(register.path(), today).unwrap();
    group.bench_function("conflicts placed, 200 files sharing 10 ids", |b| {
        b.iter(|| black_box(gavel::register::conflict_diagnostics(&scanned).len()))
    });
    group.finish();
}

criterion_group!(save, benches);
criterion_main!(save);

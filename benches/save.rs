//! One save of the minutes as the console does it (totals recomputed, YAML written to a temporary
//! file, fsync, rename), for a long meeting (200 speeches, 50 records) and a huge one (10 000
//! speeches); and the commitments register's load of a folder of 200 minutes files.
//! Targets: a save under 5 ms (long) and under 100 ms (huge); the register under 100 ms, and its
//! conflicts placed under 1 s.
//! Run with `cargo bench --bench save` (the figures depend on the disk: fsync waits for it).

use std::hint::black_box;
use std::path::Path;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use gavel::store::load::load_meeting;
use gavel::store::save::save_minutes;

#[path = "common/minutes.rs"]
mod minutes;
use minutes::minutes_with;

const MEETING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/meetings/2017-11-20-raadsplein-takzaal.yaml"
);

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

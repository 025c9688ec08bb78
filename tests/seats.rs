//! Two seats on one meeting (issue 26), end to end: the chair's console and the clerk's, each
//! the built binary in a pseudo-terminal of its own, on one meeting folder. Read back from both
//! screens (vt100) and from the YAML minutes and the korte terugblik on disk.

mod common;

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use common::copy_dir;
use common::pty::Pty;
use gavel::domain::minutes::Minutes;
use gavel::store::minutes_file::read_minutes;

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";

/// Item 5 is the sixth row of the agenda: 1.a, 1.b, 2, 3, 4, 5.
const DOWN_TO_ITEM_5: usize = 5;

/// A copy of the bundled meetings in a temporary folder, so every test has its own minutes.
fn meeting_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::root().join("meetings"), dir.path());
    dir
}

/// gavel on the example meeting in `folder`, in English, with `args`, once it shows the agenda.
fn start(folder: &Path, args: &[&str]) -> Pty {
    let meeting = folder.join(MEETING);
    let mut all: Vec<&str> = vec![meeting.to_str().unwrap(), "--lang", "en"];
    all.extend_from_slice(args);
    let gavel = Pty::spawn(folder, &[], &all, &[]);
    gavel.wait_for_within("Agenda", Duration::from_secs(20));
    gavel
}

/// The minutes file of `folder`, once it exists and loads.
fn minutes_of(folder: &Path) -> Minutes {
    read_minutes(&folder.join(MINUTES))
        .expect("the minutes file loads")
        .expect("the minutes file exists")
}

/// Waits until the minutes file of `folder` holds `check` (the writer saves on its own time).
fn wait_for_minutes(folder: &Path, what: &str, check: impl Fn(&Minutes) -> bool) -> Minutes {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(Some(minutes)) = read_minutes(&folder.join(MINUTES))
            && check(&minutes)
        {
            return minutes;
        }
        if Instant::now() > deadline {
            panic!(
                "the minutes never held {what}:\n{}",
                std::fs::read_to_string(folder.join(MINUTES)).unwrap_or_default()
            );
        }
        thread::sleep(Duration::from_millis(100));
    }
}

fn conclusions(minutes: &Minutes, item: &str) -> Vec<String> {
    minutes.item(item).map_or(Vec::new(), |item| {
        item.conclusions.iter().map(|c| c.text.clone()).collect()
    })
}

fn commitments(minutes: &Minutes, item: &str) -> Vec<String> {
    minutes.item(item).map_or(Vec::new(), |item| {
        item.commitments.iter().map(|c| c.text.clone()).collect()
    })
}

/// The korte terugblik of `folder`'s minutes, as `gavel export` writes it (Markdown), with
/// Markdown's escapes taken out.
fn terugblik(folder: &Path) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg("export")
        .arg(folder.join(MEETING))
        .args(["--format", "md", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).replace('\\', "")
}

/// The chair: gavel started alone on the meeting, item 5 taken up, VVD speaking.
fn chair_runs_the_clock(folder: &Path) -> Pty {
    let mut chair = start(folder, &[]);
    for _ in 0..DOWN_TO_ITEM_5 {
        chair.keys("j");
    }
    chair.keys("\r");
    chair.wait_for("Item 5 taken up");
    chair.keys("a");
    chair.wait_for("Add speaker");
    chair.keys("VVD");
    chair.keys("\r");
    chair.wait_for("added to the list of speakers");
    chair.keys(" ");
    chair.wait_for("VVD has the floor");
    chair
}

/// The clerk: a second console on the same folder as seat clerk, on item 5; waits until the
/// two see each other.
fn clerk_joins(folder: &Path, chair: &Pty) -> Pty {
    let mut clerk = start(folder, &["--seat", "clerk"]);
    clerk.wait_for("seat clerk");
    for _ in 0..DOWN_TO_ITEM_5 {
        clerk.keys("j");
    }
    // The chair becomes a seat within a second of the clerk's file appearing.
    chair.wait_for_within("clerk connected", Duration::from_secs(5));
    clerk.wait_for_within("chair connected", Duration::from_secs(5));
    clerk
}

/// Records a conclusion on item 5 from `gavel`'s screen; returns once it is acknowledged.
fn conclude(gavel: &mut Pty, text: &str) {
    gavel.keys("c");
    gavel.wait_for("Conclusion for 5");
    gavel.keys(text);
    gavel.keys("\x13");
    gavel.wait_for("Conclusion recorded for item 5");
}

fn quit(gavel: &mut Pty) {
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0, "{}", gavel.contents());
}

#[test]
fn the_clerk_records_while_the_chair_runs_the_clock() {
    let dir = meeting_folder();
    let folder = dir.path();
    let mut chair = chair_runs_the_clock(folder);
    let mut clerk = clerk_joins(folder, &chair);
    chair.wait_for("Seat clerk is here; you are seat chair.");

    // Which seat each is, that the other is there, and who runs the clock.
    let screen = chair.contents();
    assert!(screen.contains("seat chair"), "{screen}");
    assert!(screen.contains("clock here"), "{screen}");
    let screen = clerk.contents();
    assert!(screen.contains("seat clerk"), "{screen}");
    assert!(screen.contains("clock: chair"), "{screen}");
    assert!(!screen.contains("clock here"), "{screen}");
    // The chair's clock, running on the clerk's screen: VVD speaking, the time moving.
    clerk.wait_for("▶ VVD");
    let running = |screen: &str| {
        screen
            .lines()
            .find(|line| line.contains("▶ VVD"))
            .unwrap_or_default()
            .to_string()
    };
    let before = running(&clerk.contents());
    clerk.wait_until("showed VVD's clock move", |c| {
        running(&c.contents()) != before
    });

    // Each on the chair's screen within about 2 s of the clerk's Ctrl-S (the chair reads the
    // clerk's file every 0.5 s; 3 s leaves room for a slow machine).
    conclude(
        &mut clerk,
        "Griffier legt vast dat de raad het plan steunt.",
    );
    let took = chair.wait_for_within("Griffier legt vast dat", Duration::from_secs(3));
    println!("the clerk's conclusion on the chair's screen after {took:?}");
    clerk.keys("t");
    clerk.wait_for("Commitment for 5");
    clerk.keys("Wethouder stuurt de evaluatie voor de zomer.");
    clerk.keys("\x13");
    clerk.wait_for("Commitment 2017-11-20-5-1 recorded");
    let took = chair.wait_for_within("Wethouder stuurt de evaluatie", Duration::from_secs(3));
    println!("the clerk's commitment on the chair's screen after {took:?}");
    assert!(chair.contents().contains("▶ VVD"), "{}", chair.contents());

    // The chair writes the YAML: both seats' records and the chair's running clock.
    let minutes = wait_for_minutes(folder, "the clerk's commitment", |m| {
        !commitments(m, "5").is_empty()
    });
    assert_eq!(
        conclusions(&minutes, "5"),
        ["Griffier legt vast dat de raad het plan steunt."]
    );
    let item = minutes.item("5").unwrap();
    assert_eq!(item.commitments[0].id, "2017-11-20-5-1");
    assert!(item.rounds[0].speakers[0].speaking_since.is_some());

    quit(&mut clerk);
    quit(&mut chair);
    let minutes = minutes_of(folder);
    assert_eq!(
        commitments(&minutes, "5"),
        ["Wethouder stuurt de evaluatie voor de zomer."]
    );
}

#[test]
fn a_killed_clerk_is_shown_away_and_gets_everything_back() {
    let dir = meeting_folder();
    let folder = dir.path();
    let mut chair = chair_runs_the_clock(folder);
    let mut clerk = clerk_joins(folder, &chair);
    conclude(&mut clerk, "Eerste conclusie van de griffier.");
    clerk.keys("t");
    clerk.wait_for("Commitment for 5");
    clerk.keys("Toezegging voor de kill.");
    clerk.keys("\x13");
    clerk.wait_for("Commitment 2017-11-20-5-1 recorded");
    chair.wait_for_within("Toezegging voor de kill.", Duration::from_secs(4));
    conclude(&mut chair, "Conclusie van de voorzitter.");

    clerk.signal("-9");
    clerk.wait_exit();
    // A seat whose file has not moved for 15 s is away (its file is touched every 5 s).
    let killed = Instant::now();
    chair.wait_for_within("clerk away since", Duration::from_secs(25));
    let after = killed.elapsed();
    assert!(after >= Duration::from_secs(9), "away after {after:?}");
    println!("the killed clerk shown away after {after:?}");
    assert!(!chair.contents().contains("clerk connected"));

    // The clerk again, as itself: everything both seats had, and one more record.
    let mut clerk = start(folder, &["--seat", "clerk"]);
    for _ in 0..DOWN_TO_ITEM_5 {
        clerk.keys("j");
    }
    clerk.wait_for("Eerste conclusie van de griffier.");
    clerk.wait_for("Toezegging voor de kill.");
    clerk.wait_for("Conclusie van de voorzitter.");
    clerk.wait_for("▶ VVD");
    clerk.wait_for("clock: chair");
    chair.wait_for_within("clerk connected", Duration::from_secs(5));
    conclude(&mut clerk, "Tweede conclusie van de griffier.");
    chair.wait_for_within("Tweede conclusie van de griffier.", Duration::from_secs(4));

    quit(&mut clerk);
    quit(&mut chair);
    let minutes = minutes_of(folder);
    let mut all = conclusions(&minutes, "5");
    all.sort();
    assert_eq!(
        all,
        [
            "Conclusie van de voorzitter.",
            "Eerste conclusie van de griffier.",
            "Tweede conclusie van de griffier."
        ]
    );
    assert_eq!(commitments(&minutes, "5"), ["Toezegging voor de kill."]);
    let text = terugblik(folder);
    for record in [
        "Conclusie van de voorzitter.",
        "Eerste conclusie van de griffier.",
        "Tweede conclusie van de griffier.",
        "Toezegging voor de kill.",
        "2017-11-20-5-1",
    ] {
        assert!(text.contains(record), "{record:?} not in:\n{text}");
    }
}

#[test]
fn the_clerk_writes_the_minutes_when_the_chair_is_killed() {
    let dir = meeting_folder();
    let folder = dir.path();
    let mut chair = chair_runs_the_clock(folder);
    let mut clerk = clerk_joins(folder, &chair);
    conclude(&mut clerk, "Voor de val van de voorzitter.");
    wait_for_minutes(folder, "the clerk's first conclusion", |m| {
        conclusions(m, "5").len() == 1
    });

    chair.signal("-9");
    chair.wait_exit();
    // The clerk tries to take the lock every 2 s: it has it as soon as the chair is gone.
    let took = clerk.wait_for_within(
        "This seat writes the minutes file now.",
        Duration::from_secs(10),
    );
    println!("the clerk writes the minutes {took:?} after the chair was killed");
    conclude(&mut clerk, "Na de val van de voorzitter.");
    let minutes = wait_for_minutes(folder, "the clerk's second conclusion", |m| {
        conclusions(m, "5").len() == 2
    });
    assert_eq!(
        conclusions(&minutes, "5"),
        [
            "Voor de val van de voorzitter.",
            "Na de val van de voorzitter."
        ]
    );
    // The chair's clock as the chair left it: VVD still has the floor.
    assert!(
        minutes.item("5").unwrap().rounds[0].speakers[0]
            .speaking_since
            .is_some()
    );
    let lock = std::fs::read_to_string(folder.join(format!("{MINUTES}.lock"))).unwrap();
    assert!(lock.contains("clerk"), "{lock}");

    quit(&mut clerk);
    let minutes = minutes_of(folder);
    assert_eq!(conclusions(&minutes, "5").len(), 2);
    let text = terugblik(folder);
    assert!(text.contains("Na de val van de voorzitter."), "{text}");
}

#[test]
fn the_clerk_is_asked_before_taking_the_clock_and_no_leaves_it() {
    let dir = meeting_folder();
    let folder = dir.path();
    let mut chair = chair_runs_the_clock(folder);
    let mut clerk = clerk_joins(folder, &chair);
    clerk.wait_for("▶ VVD");

    // Space on the clerk's console would stop VVD: it asks first, and n leaves the clock.
    clerk.keys(" ");
    clerk.wait_for("Seat chair runs the clock and the speakers. Take them over?");
    clerk.keys("n");
    clerk.wait_for("Seat chair runs the clock still; nothing was changed.");
    thread::sleep(Duration::from_millis(1500));
    let screen = clerk.contents();
    assert!(screen.contains("clock: chair"), "{screen}");
    assert!(screen.contains("▶ VVD"), "{screen}");
    let screen = chair.contents();
    assert!(screen.contains("clock here"), "{screen}");
    assert!(screen.contains("▶ VVD"), "{screen}");
    let minutes = minutes_of(folder);
    assert!(
        minutes.item("5").unwrap().rounds[0].speakers[0]
            .speaking_since
            .is_some()
    );

    // The clock still answers the chair: Space pauses VVD, on both screens.
    chair.keys(" ");
    chair.wait_for_within("VVD paused.", Duration::from_secs(5));
    clerk.wait_until("showed VVD paused", |c| !c.contents().contains("▶ VVD"));

    // y takes the clock over: the clerk's key applies, and the chair's screen says who runs it.
    clerk.keys(" ");
    clerk.wait_for("Take them over?");
    clerk.keys("y");
    clerk.wait_for("clock here");
    clerk.wait_for("▶ VVD");
    chair.wait_for_within("clock: clerk", Duration::from_secs(4));
    chair.wait_for("Seat clerk took the clock and the speakers over.");
    chair.wait_for_within("▶ VVD", Duration::from_secs(4));

    quit(&mut clerk);
    quit(&mut chair);
}

/// Copies seat `seat`'s own file from folder `from` to folder `to` as a sync tool does: to a
/// temporary name there, then renamed into place.
fn carry_seat_file(from: &Path, seat: &str, to: &Path) {
    let name = format!("2017-11-20-raadsplein-takzaal.seat-{seat}.automerge");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !from.join(&name).exists() {
        assert!(Instant::now() < deadline, "{name} never appeared");
        thread::sleep(Duration::from_millis(50));
    }
    let temporary = to.join(format!(".{name}.sync"));
    std::fs::copy(from.join(&name), &temporary).unwrap();
    std::fs::rename(&temporary, to.join(&name)).unwrap();
}

#[test]
fn a_console_alone_keeps_the_clock_when_a_seat_from_another_folder_appears() {
    // Two folders, as two machines joined by a share: the chair's console started alone runs
    // the clock; the clerk's, started as seat clerk on its own copy, writes its own minutes.
    let dir = tempfile::tempdir().unwrap();
    let (chair_folder, clerk_folder) = (dir.path().join("chair"), dir.path().join("clerk"));
    for folder in [&chair_folder, &clerk_folder] {
        copy_dir(&common::root().join("meetings"), folder);
    }
    let mut chair = chair_runs_the_clock(&chair_folder);
    let mut clerk = start(&clerk_folder, &["--seat", "clerk"]);
    clerk.wait_for("seat clerk");

    // The clerk's file reaches the chair's folder: the chair's console becomes a seat, and keeps
    // the clock it ran (the clerk's file, made alone, named the clerk).
    carry_seat_file(&clerk_folder, "clerk", &chair_folder);
    chair.wait_for_within(
        "Seat clerk is here; you are seat chair.",
        Duration::from_secs(5),
    );
    chair.wait_for("clock here");
    carry_seat_file(&chair_folder, "chair", &clerk_folder);
    clerk.wait_for_within("clock: chair", Duration::from_secs(5));
    clerk.wait_for("▶ VVD");
    // So the chair's Space pauses VVD, without a question.
    chair.keys(" ");
    chair.wait_for("VVD paused.");
    assert!(!chair.contents().contains("Take them over?"));

    quit(&mut clerk);
    quit(&mut chair);
}

#[test]
fn a_seat_file_left_long_ago_is_away_from_the_start() {
    let dir = meeting_folder();
    let folder = dir.path();
    let mut chair = chair_runs_the_clock(folder);
    let mut clerk = clerk_joins(folder, &chair);
    conclude(&mut clerk, "Van gisteren.");
    chair.wait_for_within("Van gisteren.", Duration::from_secs(4));
    quit(&mut clerk);
    quit(&mut chair);
    // The clerk's console quit an hour ago; the chair opens the meeting again, alone.
    let file = folder.join("2017-11-20-raadsplein-takzaal.seat-clerk.automerge");
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let mut chair = start(folder, &[]);
    chair.wait_for_within("clerk away since", Duration::from_secs(5));
    let screen = chair.contents();
    assert!(!screen.contains("Seat clerk is here"), "{screen}");
    assert!(!screen.contains("clerk connected"), "{screen}");
    assert!(screen.contains("clock here"), "{screen}");
    chair.wait_for("Van gisteren.");
    quit(&mut chair);
}

/// `examples/seat-sync.sh`, the README's copy loop for two folders: each seat's own file goes
/// across (again when it changes, or only its time moves), never the YAML minutes or a lock.
#[test]
fn the_seat_sync_example_copies_only_each_seats_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for folder in [&a, &b] {
        std::fs::create_dir(folder).unwrap();
    }
    let seat_file = |seat: &str| format!("2017-11-20-raadsplein-takzaal.seat-{seat}.automerge");
    std::fs::write(a.join(seat_file("chair")), "one").unwrap();
    std::fs::write(a.join(format!("{}.lock", seat_file("chair"))), "pid 1").unwrap();
    std::fs::write(a.join(MINUTES), "meeting: x\n").unwrap();
    std::fs::write(b.join(seat_file("clerk")), "two").unwrap();
    let mut sync = std::process::Command::new("sh")
        .arg(common::root().join("examples/seat-sync.sh"))
        .arg(MEETING)
        .arg(&a)
        .arg("chair")
        .arg(&b)
        .arg("clerk")
        .arg("0.1")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let holds = |path: &Path, text: &str| {
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::read_to_string(path).ok().as_deref() != Some(text) {
            if Instant::now() > deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(20));
        }
        true
    };
    let across =
        holds(&b.join(seat_file("chair")), "one") && holds(&a.join(seat_file("clerk")), "two");
    std::fs::write(a.join(seat_file("chair")), "three").unwrap();
    let changed = holds(&b.join(seat_file("chair")), "three");
    // A touch alone (the seat's heartbeat) goes across too: the other seat sees this one is there.
    let later = std::time::SystemTime::now() + Duration::from_secs(2);
    std::fs::File::options()
        .write(true)
        .open(a.join(seat_file("chair")))
        .unwrap()
        .set_modified(later)
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    while modified(&b.join(seat_file("chair"))) != Some(later) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    let touched = modified(&b.join(seat_file("chair"))) == Some(later);
    let _ = sync.kill();
    let _ = sync.wait();
    assert!(across, "the seat files did not go across");
    assert!(changed, "a changed seat file did not go across");
    assert!(touched, "a touched seat file did not go across");
    let names = |folder: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&b), [seat_file("chair"), seat_file("clerk")]);
    assert_eq!(
        names(&a),
        [
            MINUTES.to_string(),
            seat_file("chair"),
            format!("{}.lock", seat_file("chair")),
            seat_file("clerk")
        ]
    );
}

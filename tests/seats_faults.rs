//! The two-seat kill harness (issue 26): the chair and the clerk each in a folder of their own,
//! the two folders joined by a copy loop standing in for a share or a sync tool, and SIGKILL at
//! random moments for either console, and for "the link" (the copy loop paused, or writing its
//! copies in place, so that a seat can read half a file). Beside tests/faults.rs, which kills a
//! console alone.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use common::Dice;
use common::copy_dir;
use common::pty::Pty;
use gavel::domain::minutes::Minutes;
use gavel::store::minutes_file::read_minutes;
use gavel::store::seat_files::seat_file_path;

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";
const ITEM: &str = "1.a";

/// The copy loop between the two folders, as a sync tool runs it: every 200 ms each seat's own
/// seat file that moved (size or time) is copied to the other folder under a temporary name
/// there and renamed into place, with its time kept. Never the YAML, never a lock. `paused` is
/// the link gone; `torn`, a sync tool that writes in place, so that a seat can read half a file.
struct Link {
    paused: Arc<AtomicBool>,
    torn: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    copies: Arc<AtomicUsize>,
    torn_copies: Arc<AtomicUsize>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Link {
    /// `sides`: each folder with the seat that lives there.
    fn start(sides: [(PathBuf, &'static str); 2]) -> Link {
        let paused = Arc::new(AtomicBool::new(false));
        let torn = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let copies = Arc::new(AtomicUsize::new(0));
        let torn_copies = Arc::new(AtomicUsize::new(0));
        let (p, t, s, c, tc) = (
            paused.clone(),
            torn.clone(),
            stop.clone(),
            copies.clone(),
            torn_copies.clone(),
        );
        let thread = thread::spawn(move || {
            let mut copied: HashMap<PathBuf, (u64, SystemTime)> = HashMap::new();
            while !s.load(Ordering::Relaxed) {
                if !p.load(Ordering::Relaxed) {
                    for (from, to) in [(0, 1), (1, 0)] {
                        let (folder, seat) = &sides[from];
                        let source = seat_file_path(folder, MEETING, seat);
                        let torn = t.load(Ordering::Relaxed);
                        if copy_if_moved(&source, &sides[to].0, &mut copied, torn) {
                            c.fetch_add(1, Ordering::Relaxed);
                            if torn {
                                tc.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }
                }
                thread::sleep(Duration::from_millis(200));
            }
        });
        Link {
            paused,
            torn,
            stop,
            copies,
            torn_copies,
            thread: Some(thread),
        }
    }

    fn pause(&self, paused: bool) {
        self.paused.store(paused, Ordering::Relaxed);
    }

    fn tear(&self, torn: bool) {
        self.torn.store(torn, Ordering::Relaxed);
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Copies `source` into `folder` if it moved since the last copy: to a temporary name beside
/// the target, then renamed over it (a reader never sees half a file), its time kept. `torn`:
/// written in place instead, half of it first and the rest 150 ms later.
fn copy_if_moved(
    source: &Path,
    folder: &Path,
    copied: &mut HashMap<PathBuf, (u64, SystemTime)>,
    torn: bool,
) -> bool {
    let Ok(metadata) = std::fs::metadata(source) else {
        return false;
    };
    let Ok(modified) = metadata.modified() else {
        return false;
    };
    let stamp = (metadata.len(), modified);
    if copied.get(source) == Some(&stamp) {
        return false;
    }
    let name = source.file_name().unwrap().to_string_lossy().into_owned();
    let target = folder.join(&name);
    let temporary = folder.join(format!(".{name}.sync-tmp"));
    // The seat may be writing it this moment (a rename: the old or the new file is read).
    let Ok(bytes) = std::fs::read(source) else {
        return false;
    };
    if torn {
        use std::io::Write as _;
        let Ok(mut file) = std::fs::File::create(&target) else {
            return false;
        };
        let half = bytes.len() / 2;
        let _ = file.write_all(&bytes[..half]);
        let _ = file.flush();
        thread::sleep(Duration::from_millis(150));
        let _ = file.write_all(&bytes[half..]);
        let _ = file.set_modified(modified);
        copied.insert(source.to_path_buf(), stamp);
        return true;
    }
    if std::fs::write(&temporary, &bytes).is_err() {
        return false;
    }
    if let Ok(file) = std::fs::File::options().write(true).open(&temporary) {
        let _ = file.set_modified(modified);
    }
    if std::fs::rename(&temporary, &target).is_err() {
        return false;
    }
    copied.insert(source.to_path_buf(), stamp);
    true
}

/// One seat: its folder, its name, its console (when running) and what it acknowledged.
struct Seat {
    name: &'static str,
    folder: PathBuf,
    console: Option<Pty>,
    acknowledged: Vec<String>,
}

impl Seat {
    fn start(&mut self) {
        let meeting = self.folder.join(MEETING);
        let gavel = Pty::spawn(
            &self.folder,
            &[],
            &[
                meeting.to_str().unwrap(),
                "--lang",
                "en",
                "--seat",
                self.name,
            ],
            &[],
        );
        gavel.wait_for_within("Agenda", Duration::from_secs(20));
        gavel.wait_for_within(&format!("seat {}", self.name), Duration::from_secs(10));
        self.console = Some(gavel);
    }

    fn gavel(&mut self) -> &mut Pty {
        self.console.as_mut().expect("the seat runs")
    }

    fn kill(&mut self) {
        if let Some(mut gavel) = self.console.take() {
            gavel.signal("-9");
            gavel.wait_exit();
        }
    }

    /// SIGKILL at a random moment: between keys, while a form is typed (a draft), or within
    /// 30 ms after `Ctrl-S`.
    fn kill_at_a_moment(&mut self, dice: &mut Dice, kill: u32) {
        let gavel = self.gavel();
        match dice.below(3) {
            0 => thread::sleep(Duration::from_millis(dice.below(200))),
            1 => {
                gavel.keys("c");
                gavel.keys(&format!("Concept {kill}"));
                thread::sleep(Duration::from_millis(dice.below(1500)));
            }
            _ => {
                gavel.keys("c");
                gavel.keys(&format!("Bijna {kill}."));
                gavel.send(b"\x13");
                thread::sleep(Duration::from_millis(dice.below(30)));
            }
        }
        self.kill();
    }

    fn minutes(&self) -> Option<Minutes> {
        read_minutes(&self.folder.join(MINUTES))
            .unwrap_or_else(|error| panic!("{}'s minutes do not load: {error}", self.name))
    }

    /// Records a conclusion on item 1.a; returns once the screen acknowledges it (the form
    /// closed, "recorded" said, the minutes saved).
    fn conclude(&mut self, text: &str) {
        let gavel = self.gavel();
        gavel.keys("c");
        gavel.wait_for(&format!("Conclusion for {ITEM}"));
        gavel.keys(text);
        gavel.keys("\x13");
        gavel.wait_until(&format!("acknowledged {text:?}"), |g| {
            let screen = g.contents();
            !screen.contains(&format!("Conclusion for {ITEM}"))
                && screen.contains(&format!("Conclusion recorded for item {ITEM}"))
                && !screen.contains("NOT SAVED")
        });
        self.acknowledged.push(text.to_string());
    }
}

fn conclusions(minutes: Option<&Minutes>) -> Vec<String> {
    minutes
        .and_then(|m| m.item(ITEM))
        .map_or(Vec::new(), |item| {
            item.conclusions.iter().map(|c| c.text.clone()).collect()
        })
}

/// The texts of `wanted` that `recorded` lacks (a draft left by a kill comes back in the form:
/// the record holds it before ours, so a record holding the text counts).
fn missing<'a>(wanted: &'a [String], recorded: &[String]) -> Vec<&'a String> {
    wanted
        .iter()
        .filter(|text| !recorded.iter().any(|r| r.contains(text.as_str())))
        .collect()
}

/// The korte terugblik of `folder`, Markdown's escapes taken out.
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

/// Figures of a run.
#[derive(Debug, Default)]
struct Figures {
    console_kills: usize,
    link_kills: usize,
    checked: usize,
    lost: usize,
    copies: usize,
    torn_copies: usize,
    /// How long both folders took, after the last round with the link back, to hold every record.
    converged: Duration,
}

/// `kills` random kills of the chair, the clerk or the link while both record conclusions on
/// item 1.a. After a console's kill, and again after its restart, its folder's minutes hold
/// every conclusion it acknowledged; at the end, with the link back, both folders' minutes and
/// korte terugblik hold every conclusion either seat acknowledged.
fn kill_two_seats_at_random(kills: u32, seed: u64) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let mut seats = ["chair", "clerk"].map(|name| {
        let folder = dir.path().join(name);
        copy_dir(&common::root().join("meetings"), &folder);
        Seat {
            name,
            folder,
            console: None,
            acknowledged: Vec::new(),
        }
    });
    let link = Link::start([
        (seats[0].folder.clone(), "chair"),
        (seats[1].folder.clone(), "clerk"),
    ]);
    let mut dice = Dice(seed | 1);
    let mut figures = Figures::default();

    // The chair first, taking up item 1.a; the clerk once the chair's file is in its folder, so
    // the clerk's seat knows from the start that the chair runs the clock.
    seats[0].start();
    seats[0].gavel().keys("\r");
    seats[0].gavel().wait_for("Item 1.a taken up");
    let chair_file = seat_file_path(&seats[1].folder, MEETING, "chair");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !chair_file.exists() {
        assert!(Instant::now() < deadline, "the copy loop never copied");
        thread::sleep(Duration::from_millis(50));
    }
    seats[1].start();
    seats[1].gavel().wait_for("clock: chair");

    // The round at which a paused link comes back: consoles are killed while it is gone too.
    let mut link_back_at = None;
    for kill in 0..kills {
        if link_back_at.is_some_and(|round| kill >= round) {
            link.pause(false);
            link_back_at = None;
        }
        // One round in four the link writes its copies in place, half a file at a time.
        link.tear(dice.below(4) == 0);
        // Both record a few conclusions, in turn.
        for (who, seat) in seats.iter_mut().enumerate() {
            for record in 0..dice.below(3) {
                seat.conclude(&format!("Conclusie {} {kill}-{who}-{record}.", seat.name));
            }
        }
        match dice.below(3) {
            2 if link_back_at.is_none() => {
                // The link: gone for 1 to 3 rounds, while both go on recording.
                figures.link_kills += 1;
                link.pause(true);
                link_back_at = Some(kill + 1 + dice.below(3) as u32);
                for (who, seat) in seats.iter_mut().enumerate() {
                    seat.conclude(&format!("Los {} {kill}-{who}.", seat.name));
                }
                thread::sleep(Duration::from_millis(dice.below(2000)));
            }
            which => {
                let which = (which % 2) as usize;
                figures.console_kills += 1;
                let seat = &mut seats[which];
                let before = conclusions(seat.minutes().as_ref());
                seat.kill_at_a_moment(&mut dice, kill);
                let recorded = conclusions(seat.minutes().as_ref());
                for text in missing(&seat.acknowledged, &recorded) {
                    figures.lost += 1;
                    eprintln!("lost at kill {kill} of the {}: {text:?}", seat.name);
                }
                figures.checked += seat.acknowledged.len();
                seat.start();
                // After the restart: every record it acknowledged, and every record its minutes
                // held before (the other seat's, merged before the kill), are in its minutes.
                let recorded = conclusions(seat.minutes().as_ref());
                for text in missing(&seat.acknowledged, &recorded) {
                    figures.lost += 1;
                    eprintln!("lost after restart {kill} of the {}: {text:?}", seat.name);
                }
                for text in missing(&before, &recorded) {
                    figures.lost += 1;
                    eprintln!("dropped at restart {kill} of the {}: {text:?}", seat.name);
                }
                figures.checked += seat.acknowledged.len() + before.len();
                seat.gavel().wait_for(if which == 0 {
                    "clock here"
                } else {
                    "clock: chair"
                });
            }
        }
    }

    // The link back, both running: within a few seconds both folders hold everything.
    link.pause(false);
    link.tear(false);
    let all: Vec<String> = seats
        .iter()
        .flat_map(|seat| seat.acknowledged.clone())
        .collect();
    let start = Instant::now();
    let deadline = start + Duration::from_secs(20);
    loop {
        let behind: usize = seats
            .iter()
            .map(|seat| missing(&all, &conclusions(seat.minutes().as_ref())).len())
            .sum();
        if behind == 0 || Instant::now() > deadline {
            break;
        }
        thread::sleep(Duration::from_millis(200));
    }
    figures.converged = start.elapsed();
    // The chair ran the clock throughout, and both seats still say so.
    seats[0].gavel().wait_for("clock here");
    seats[0].gavel().wait_for("clerk connected");
    seats[1].gavel().wait_for("clock: chair");
    seats[1].gavel().wait_for("chair connected");
    for seat in &mut seats {
        seat.gavel().keys("q");
        assert_eq!(seat.gavel().wait_exit(), 0, "{}", seat.gavel().contents());
        seat.console = None;
    }
    for seat in &seats {
        let recorded = conclusions(seat.minutes().as_ref());
        for text in missing(&all, &recorded) {
            figures.lost += 1;
            eprintln!("not in the {}'s folder at the end: {text:?}", seat.name);
        }
        figures.checked += all.len();
        let text = terugblik(&seat.folder);
        for record in &all {
            if !text.contains(record.as_str()) {
                figures.lost += 1;
                eprintln!("not in the {}'s korte terugblik: {record:?}", seat.name);
            }
        }
        figures.checked += all.len();
        // The chair ran the clock throughout: 1.a is still running, in both folders.
        let minutes = seat.minutes().unwrap();
        assert!(
            minutes
                .running_item()
                .is_some_and(|item| item.number == ITEM),
            "the {}'s folder: 1.a not running",
            seat.name
        );
    }
    figures.copies = link.copies.load(Ordering::Relaxed);
    figures.torn_copies = link.torn_copies.load(Ordering::Relaxed);
    figures
}

/// What `folder`'s minutes lack of `wanted`, once they hold all of it or after `limit`: the seat
/// that writes them merges the other's file within a second, and a seat whose writer was killed
/// takes the lock within 2 s.
fn lacking(folder: &Path, wanted: &[String], limit: Duration) -> Vec<String> {
    let deadline = Instant::now() + limit;
    loop {
        let minutes = read_minutes(&folder.join(MINUTES))
            .unwrap_or_else(|error| panic!("the minutes do not load: {error}"));
        let lack: Vec<String> = missing(wanted, &conclusions(minutes.as_ref()))
            .into_iter()
            .cloned()
            .collect();
        if lack.is_empty() || Instant::now() > deadline {
            return lack;
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// The two seats on one folder, as in a council chamber: `kills` random kills of the chair
/// (the YAML's writer, until it is killed), of the clerk, or of both at once, while both record
/// conclusions on item 1.a. After each kill, and again after the restart, the one YAML holds
/// every conclusion either seat acknowledged within a few seconds (the seat left takes the
/// writing over); at the end, the minutes and the korte terugblik hold all of them.
fn kill_two_seats_on_one_folder(kills: u32, seed: u64) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("raadzaal");
    copy_dir(&common::root().join("meetings"), &folder);
    let mut seats = ["chair", "clerk"].map(|name| Seat {
        name,
        folder: folder.clone(),
        console: None,
        acknowledged: Vec::new(),
    });
    let mut dice = Dice(seed | 1);
    let mut figures = Figures::default();
    seats[0].start();
    seats[0].gavel().keys("\r");
    seats[0].gavel().wait_for("Item 1.a taken up");
    seats[1].start();
    seats[1].gavel().wait_for("clock: chair");
    let settle = Duration::from_secs(8);
    let all = |seats: &[Seat; 2]| -> Vec<String> {
        seats
            .iter()
            .flat_map(|seat| seat.acknowledged.clone())
            .collect()
    };
    for kill in 0..kills {
        for (who, seat) in seats.iter_mut().enumerate() {
            for record in 0..dice.below(3) {
                seat.conclude(&format!("Conclusie {} {kill}-{who}-{record}.", seat.name));
            }
        }
        let before = conclusions(seats[0].minutes().as_ref());
        let killed: Vec<usize> = match dice.below(3) {
            2 => {
                // Both at once (a power cut in the chamber): what the clerk's file held and the
                // chair had not yet merged comes back when either starts again.
                let first = dice.below(2) as usize;
                seats[first].kill_at_a_moment(&mut dice, kill);
                seats[1 - first].kill();
                figures.link_kills += 1;
                let order = dice.below(2) as usize;
                vec![order, 1 - order]
            }
            which => {
                let which = which as usize;
                seats[which].kill_at_a_moment(&mut dice, kill);
                figures.console_kills += 1;
                // The seat left records on, and writes the minutes (taking the writing over,
                // when the killed one wrote them) with everything.
                let left = &mut seats[1 - which];
                left.conclude(&format!("Alleen {} {kill}.", left.name));
                let wanted = all(&seats);
                for text in lacking(&folder, &wanted, settle) {
                    figures.lost += 1;
                    eprintln!("lost at kill {kill} of the {}: {text:?}", seats[which].name);
                }
                figures.checked += wanted.len();
                vec![which]
            }
        };
        for &which in &killed {
            seats[which].start();
        }
        let wanted = all(&seats);
        let lack = lacking(&folder, &wanted, settle);
        for text in &lack {
            figures.lost += 1;
            eprintln!("lost after restart {kill}: {text:?}");
        }
        for text in missing(&before, &conclusions(seats[0].minutes().as_ref())) {
            figures.lost += 1;
            eprintln!("dropped at restart {kill}: {text:?}");
        }
        figures.checked += wanted.len() + before.len();
        seats[0].gavel().wait_for("clock here");
        seats[1].gavel().wait_for("clock: chair");
    }
    let wanted = all(&seats);
    let start = Instant::now();
    let lack = lacking(&folder, &wanted, settle);
    figures.converged = start.elapsed();
    seats[0].gavel().wait_for("clerk connected");
    seats[1].gavel().wait_for("chair connected");
    for seat in &mut seats {
        seat.gavel().keys("q");
        assert_eq!(seat.gavel().wait_exit(), 0, "{}", seat.gavel().contents());
        seat.console = None;
    }
    for text in &lack {
        figures.lost += 1;
        eprintln!("not in the minutes {settle:?} after the last round: {text:?}");
    }
    let recorded = conclusions(seats[0].minutes().as_ref());
    for text in missing(&wanted, &recorded) {
        figures.lost += 1;
        eprintln!("not in the minutes at the end: {text:?}");
    }
    figures.checked += 2 * wanted.len();
    let text = terugblik(&folder);
    for record in &wanted {
        if !text.contains(record.as_str()) {
            figures.lost += 1;
            eprintln!("not in the korte terugblik: {record:?}");
        }
    }
    figures.checked += wanted.len();
    figures
}

/// Two seats on one folder: `GAVEL_SEAT_KILLS` and `GAVEL_FAULT_SEED` as below.
#[test]
fn two_seats_on_one_folder_killed_at_random_lose_no_acknowledged_record() {
    let (kills, seed) = common::kills_and_seed("GAVEL_SEAT_KILLS", 8);
    let started = Instant::now();
    let figures = kill_two_seats_on_one_folder(kills, seed);
    println!(
        "two seats on one folder, fault injection: seed {seed}, kills {kills} (one console {}, \
         both at once {}), records checked {}, lost {}, the minutes whole {:?} after the last \
         round, in {:?}",
        figures.console_kills,
        figures.link_kills,
        figures.checked,
        figures.lost,
        figures.converged,
        started.elapsed()
    );
    assert_eq!(figures.lost, 0, "seed {seed}");
    assert!(figures.checked > 0, "seed {seed}: nothing was recorded");
}

/// The short form runs with every `cargo test`; `GAVEL_SEAT_KILLS=100` gives the long form,
/// `GAVEL_FAULT_SEED` repeats a run.
#[test]
fn two_seats_in_two_folders_killed_at_random_lose_no_acknowledged_record() {
    let (kills, seed) = common::kills_and_seed("GAVEL_SEAT_KILLS", 10);
    let started = Instant::now();
    let figures = kill_two_seats_at_random(kills, seed);
    println!(
        "two-seat fault injection: seed {seed}, kills {kills} (consoles {}, link {}), records \
         checked {}, lost {}, seat files copied {} ({} torn), both folders whole {:?} after the last round \
         (the link back), in {:?}",
        figures.console_kills,
        figures.link_kills,
        figures.checked,
        figures.lost,
        figures.copies,
        figures.torn_copies,
        figures.converged,
        started.elapsed()
    );
    assert_eq!(figures.lost, 0, "seed {seed}");
    assert!(figures.checked > 0, "seed {seed}: nothing was recorded");
}

//! End to end: the built binary in a real pseudo-terminal, driven by key presses, read back from
//! the screen (vt100) and from the minutes file on disk.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use common::copy_dir;
use common::pty::Pty;
use gavel::domain::minutes::{Minutes, PassageKind, Role, Status};

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";

/// A copy of the bundled meetings in a temporary folder, so every test has its own minutes.
fn meeting_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::root().join("meetings"), dir.path());
    dir
}

/// The console in a pseudo-terminal.
type Gavel = Pty;

/// Starting the console as these tests do.
trait Console {
    fn start(folder: &Path, args: &[&str]) -> Pty;
    fn start_with(folder: &Path, meeting: &str, args: &[&str], env: &[(&str, &str)]) -> Pty;
    fn kill_9(&mut self);
}

impl Console for Pty {
    /// The example meeting in English, once the console shows its agenda.
    fn start(folder: &Path, args: &[&str]) -> Pty {
        Pty::start_with(folder, MEETING, args, &[])
    }

    fn start_with(folder: &Path, meeting: &str, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let meeting = folder.join(meeting);
        let mut all: Vec<&str> = vec![meeting.to_str().unwrap(), "--lang", "en"];
        all.extend_from_slice(args);
        let mut gavel = Pty::spawn(folder, &[], &all, env);
        gavel.wait_for("Agenda");
        gavel
    }

    fn kill_9(&mut self) {
        self.signal("-9");
        self.wait_exit();
    }
}

fn read_minutes(folder: &Path) -> Minutes {
    let text = std::fs::read_to_string(folder.join(MINUTES)).expect("the minutes file exists");
    serde_yaml::from_str(&text).expect("the minutes file loads")
}

/// Moves the selection down to item `number` from the top of the agenda.
fn select_item(gavel: &mut Gavel, steps_down: usize) {
    for _ in 0..steps_down {
        gavel.keys("j");
    }
}

/// Item 5 is the sixth row: 1.a, 1.b, 2, 3, 4, 5.
const DOWN_TO_ITEM_5: usize = 5;

fn add_speaker(gavel: &mut Gavel, query: &str) {
    gavel.keys("a");
    gavel.wait_for("Add speaker");
    gavel.keys(query);
    gavel.keys("\r");
    gavel.wait_for("added to the list of speakers");
}

#[test]
fn a_debate_is_timed_and_recorded_with_the_default_keys() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    select_item(&mut gavel, DOWN_TO_ITEM_5);
    gavel.keys("\r");
    gavel.wait_for("Item 5 taken up");

    add_speaker(&mut gavel, "VVD");
    add_speaker(&mut gavel, "D66");
    add_speaker(&mut gavel, "swol"); // fuzzy: Swollwacht
    add_speaker(&mut gavel, "meijer"); // the portfolio holder who answered
    add_speaker(&mut gavel, "Inspreker Wezo"); // free text: not in the meeting file
    gavel.keys(" ");
    gavel.wait_for("VVD has the floor");
    thread::sleep(Duration::from_millis(1100));
    for next in ["D66", "Swollwacht", "Wethouder Meijerink", "Inspreker Wezo"] {
        gavel.keys("n");
        gavel.wait_for(&format!("{next} has the floor"));
    }

    gavel.keys("D");
    gavel.wait_for("Summary of the debate on 5");
    gavel.keys("De fracties vragen naar de werkgevers.");
    gavel.keys("\x13"); // Ctrl-S
    gavel.wait_for("Summary of the debate recorded for item 5");
    gavel.keys("W");
    gavel.wait_for("Portfolio holder's reply on 5");
    gavel.keys("De wethouder antwoordt.");
    gavel.keys("\x13");
    gavel.wait_for("Reply recorded for item 5");

    gavel.keys("c");
    gavel.wait_for("Conclusion for 5");
    gavel.keys("Voldoende besproken.");
    gavel.keys("\x13"); // Ctrl-S
    gavel.wait_for("Conclusion recorded for item 5");

    gavel.keys("t");
    gavel.wait_for("Commitment for 5");
    gavel.keys("Werkgevers en vakbonden betrekken.");
    // "By" is prefilled with the portfolio holder who answered: Meijerink, not Vedelaar.
    gavel.wait_for("Wethouder Meijerink");
    gavel.keys("\x13");
    gavel.wait_for("Commitment 2017-11-20-5-1 recorded");

    gavel.keys("t");
    gavel.keys("Schriftelijke informatie volgt.");
    gavel.keys("\t"); // to "By": the clerk changes it
    for _ in 0.."Wethouder Meijerink".len() {
        gavel.keys("\x7f");
    }
    gavel.keys("College\t2018-03-01");
    gavel.keys("\x13");
    gavel.wait_for("Commitment 2017-11-20-5-2 recorded");

    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);

    let minutes = read_minutes(folder.path());
    let item = minutes.item("5").expect("item 5 is in the minutes");
    assert_eq!(item.status, Status::Running);
    let speakers = &item.rounds[0].speakers;
    let names: Vec<_> = speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "VVD",
            "D66",
            "Swollwacht",
            "Wethouder Meijerink",
            "Inspreker Wezo"
        ]
    );
    assert_eq!(speakers[0].faction.as_deref(), Some("VVD"));
    assert_eq!(speakers[3].role, Role::PortfolioHolder);
    assert_eq!(speakers[4].role, Role::Other);
    assert!(
        speakers[0].seconds >= 1,
        "VVD spoke at least a second: {speakers:?}"
    );
    assert!(speakers[0].ended_at.is_some());
    assert!(
        speakers[4].speaking_since.is_some(),
        "the last speaker still has the floor"
    );
    let passages: Vec<_> = item
        .conclusions
        .iter()
        .map(|c| (c.kind, c.text.as_str()))
        .collect();
    assert_eq!(
        passages,
        [
            (
                PassageKind::Debate,
                "De fracties vragen naar de werkgevers."
            ),
            (PassageKind::Reply, "De wethouder antwoordt."),
            (PassageKind::Finding, "Voldoende besproken."),
        ]
    );
    assert_eq!(item.commitments[0].id, "2017-11-20-5-1");
    assert_eq!(item.commitments[0].by, "Wethouder Meijerink");
    assert_eq!(item.commitments[1].by, "College");
    assert_eq!(
        item.commitments[1].due.map(|d| d.to_string()).as_deref(),
        Some("2018-03-01")
    );
    assert_eq!(
        item.commitments[0].text,
        "Werkgevers en vakbonden betrekken."
    );
}

#[test]
fn undo_takes_back_the_last_change_repeatedly() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    select_item(&mut gavel, DOWN_TO_ITEM_5);
    gavel.keys("\r");
    gavel.wait_for("Item 5 taken up");
    add_speaker(&mut gavel, "VVD");
    gavel.keys("u");
    gavel.wait_for("Undone. VVD added");
    gavel.keys("u");
    gavel.wait_for("Undone. Item 5 taken up");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    let minutes = read_minutes(folder.path());
    assert!(minutes.items.is_empty(), "{minutes:?}");
    assert_eq!(minutes.opened_at, None);
}

#[test]
fn sigkill_after_a_change_loses_nothing_and_the_clock_resumes() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    select_item(&mut gavel, DOWN_TO_ITEM_5);
    gavel.keys("\r");
    gavel.wait_for("Item 5 taken up");
    add_speaker(&mut gavel, "D66");
    gavel.keys(" ");
    gavel.wait_for("D66 has the floor");
    gavel.keys("c");
    gavel.keys("Vastgelegd voor de kill.");
    gavel.keys("\x13");
    gavel.wait_for("Conclusion recorded");
    gavel.kill_9();

    let minutes = read_minutes(folder.path());
    let item = minutes.item("5").unwrap();
    assert_eq!(item.conclusions[0].text, "Vastgelegd voor de kill.");
    assert!(item.rounds[0].speakers[0].speaking_since.is_some());

    let mut again = Gavel::start(folder.path(), &[]);
    again.wait_for("Resumed: item 5 is still running");
    again.wait_for("Vastgelegd voor de kill.");
    again.wait_for("▶ D66");
    again.keys("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_draft_survives_sigkill_and_comes_back() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("e"); // notes for the selected item 1.a
    gavel.wait_for("Preparation notes for 1.a");
    gavel.keys("Nog niet opgeslagen concept");
    // Drafts are written within 2 s of the last keystroke.
    thread::sleep(Duration::from_millis(2000));
    gavel.kill_9();

    let minutes = read_minutes(folder.path());
    assert_eq!(minutes.drafts[0].text, "Nog niet opgeslagen concept");

    let mut again = Gavel::start(folder.path(), &[]);
    again.wait_for("unfinished draft");
    again.keys("e");
    again.wait_for("Nog niet opgeslagen concept");
    again.keys("\x13");
    again.wait_for("Notes stored for item 1.a");
    again.keys("q");
    again.wait_exit();
    let minutes = read_minutes(folder.path());
    assert!(minutes.drafts.is_empty());
    assert_eq!(
        minutes.item("1.a").unwrap().notes.as_deref(),
        Some("Nog niet opgeslagen concept\n")
    );
}

#[test]
fn sigterm_restores_the_terminal_and_saves() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("\r");
    gavel.wait_for("Item 1.a taken up");
    gavel.signal("-TERM");
    assert_eq!(gavel.wait_exit(), 0);
    assert_eq!(
        read_minutes(folder.path()).item("1.a").unwrap().status,
        Status::Running
    );
}

#[test]
fn a_second_gavel_on_the_same_meeting_says_who_holds_it() {
    let folder = meeting_folder();
    let mut first = Gavel::start(folder.path(), &[]);
    let second = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg(folder.path().join(MEETING))
        .args(["--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let message = String::from_utf8_lossy(&second.stderr);
    let pid = first.pid();
    assert!(message.contains(&format!("pid {pid}")), "{message}");
    assert!(message.contains("in use by another gavel"), "{message}");
    assert!(
        !folder.path().join(MINUTES).exists(),
        "the second gavel wrote nothing"
    );
    first.keys("q");
    first.wait_exit();
}

#[test]
fn damaged_minutes_are_never_overwritten() {
    let folder = meeting_folder();
    let minutes_path: PathBuf = folder.path().join(MINUTES);
    std::fs::write(&minutes_path, "meeting: x\ntitle: [unclosed\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg(folder.path().join(MEETING))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains(&format!("{MINUTES}:")), "{message}");
    assert!(message.contains("--move-aside"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&minutes_path).unwrap(),
        "meeting: x\ntitle: [unclosed\n"
    );

    let mut gavel = Gavel::start(folder.path(), &["--move-aside"]);
    gavel.keys("q");
    gavel.wait_exit();
    let backups: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".broken-"))
        .collect();
    assert_eq!(backups.len(), 1);
}

#[test]
fn gavel_check_passes_the_bundled_meetings() {
    let meetings = Path::new(env!("CARGO_MANIFEST_DIR")).join("meetings");
    let files: Vec<PathBuf> = std::fs::read_dir(&meetings)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "yaml") && !p.to_string_lossy().contains(".minutes.")
        })
        .collect();
    assert!(files.len() >= 2, "two example meetings: {files:?}");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg("check")
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn usage_errors_exit_2() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_failed_save_is_shown_at_once_and_retried() {
    let folder = meeting_folder();
    let minutes_path = folder.path().join(MINUTES);
    let mut gavel = Gavel::start(folder.path(), &[]);
    // A folder where the minutes file should go: every write of the file fails.
    std::fs::create_dir(&minutes_path).unwrap();
    gavel.keys("\r");
    gavel.wait_for("NOT SAVED");
    gavel.wait_for("Item 1.a taken up");
    std::fs::remove_dir(&minutes_path).unwrap();
    gavel.wait_for("saved ");
    assert!(!gavel.contents().contains("NOT SAVED"));
    assert_eq!(
        read_minutes(folder.path()).item("1.a").unwrap().status,
        Status::Running
    );
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
}

#[test]
fn closing_the_terminal_window_saves_and_exits() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("e");
    gavel.keys("Notitie bij het sluiten");
    gavel.wait_for("Notitie bij het sluiten");
    // A closed terminal window sends SIGHUP: the draft being typed must survive it.
    gavel.signal("-HUP");
    gavel.wait_exit();
    let minutes = read_minutes(folder.path());
    assert_eq!(minutes.drafts[0].text, "Notitie bij het sluiten");
}

#[test]
fn the_meeting_file_is_never_written() {
    let folder = meeting_folder();
    let meeting_path = folder.path().join(MEETING);
    let before = std::fs::read(&meeting_path).unwrap();
    let modified = std::fs::metadata(&meeting_path)
        .unwrap()
        .modified()
        .unwrap();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("\r");
    gavel.keys("e");
    gavel.keys("notitie");
    gavel.keys("\x13");
    gavel.wait_for("Notes stored");
    gavel.keys("q");
    gavel.wait_exit();
    assert_eq!(std::fs::read(&meeting_path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&meeting_path)
            .unwrap()
            .modified()
            .unwrap(),
        modified
    );
}

/// The "Done when" of issue 2, with a real terminal window (tmux) that is killed, not quit.
#[test]
fn killing_the_terminal_window_loses_nothing_on_screen() {
    assert!(
        std::process::Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok(),
        "this test needs tmux (apt-get install tmux; .ci/run installs it)"
    );
    let folder = meeting_folder();
    let socket = folder.path().join("tmux.sock");
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(args)
            .output()
            .unwrap()
    };
    let screen = || {
        String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "gavel"]).stdout).into_owned()
    };
    let wait_for = |text: &str| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        panic!("tmux never showed {text:?}:\n{}", screen());
    };
    let command = format!(
        "{} {} --lang en",
        env!("CARGO_BIN_EXE_gavel"),
        folder.path().join(MEETING).display()
    );
    tmux(&[
        "new-session",
        "-d",
        "-s",
        "gavel",
        "-x",
        "150",
        "-y",
        "45",
        &command,
    ]);
    wait_for("Agenda");
    for key in ["j", "j", "j", "j", "j", "Enter"] {
        tmux(&["send-keys", "-t", "gavel", key]);
    }
    wait_for("Item 5 taken up");
    tmux(&["send-keys", "-t", "gavel", "c"]);
    wait_for("Conclusion for 5");
    tmux(&[
        "send-keys",
        "-t",
        "gavel",
        "-l",
        "Getypt, nog niet vastgelegd",
    ]);
    wait_for("Getypt, nog niet vastgelegd");
    tmux(&["kill-server"]);

    // gavel must notice the window is gone, save and exit, not spin on a dead terminal.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let minutes = read_minutes(folder.path());
        if minutes
            .drafts
            .iter()
            .any(|d| d.text == "Getypt, nog niet vastgelegd")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the draft was not saved: {minutes:?}"
        );
        thread::sleep(Duration::from_millis(50));
    }
    // The lock is free once the first gavel has exited.
    let lock_free_by = Instant::now() + Duration::from_secs(10);
    while gavel::store::lock::acquire(&folder.path().join(MINUTES)).is_err() {
        assert!(
            Instant::now() < lock_free_by,
            "the first gavel never exited"
        );
        thread::sleep(Duration::from_millis(50));
    }
    let mut again = Gavel::start(folder.path(), &[]);
    again.wait_for("Resumed: item 5 is still running");
    again.keys("c");
    again.wait_for("Getypt, nog niet vastgelegd");
    again.keys("\x1b");
    again.keys("q");
    assert_eq!(again.wait_exit(), 0);
}

/// Issue 3's debate: three factions on a 4-minute budget, an interruption, and the portfolio
/// holder's answer, in two rounds, with the keyboard alone.
#[test]
fn a_two_round_debate_with_an_interruption() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    select_item(&mut gavel, DOWN_TO_ITEM_5);
    gavel.keys("\r");
    gavel.wait_for("Item 5 taken up");
    for query in ["VVD", "D66", "SP", "vedel"] {
        add_speaker(&mut gavel, query);
    }
    gavel.keys(" ");
    gavel.wait_for("VVD has the floor");
    gavel.wait_for("left 3:5"); // VVD's budget counts down
    gavel.keys("i");
    gavel.wait_for("Who interrupts VVD");
    gavel.keys("D66");
    gavel.keys("\r");
    gavel.wait_for("interrupts VVD");
    thread::sleep(Duration::from_millis(1100));
    gavel.keys("n");
    gavel.wait_for("VVD resumes");
    for next in ["D66", "SP", "Nelleke Vedelaar"] {
        gavel.keys("n");
        gavel.wait_for(&format!("{next} has the floor"));
    }
    gavel.keys("+");
    gavel.wait_for("Extra time goes to a faction"); // the portfolio holder has none
    gavel.keys("r");
    gavel.wait_for("second round");
    add_speaker(&mut gavel, "VVD");
    add_speaker(&mut gavel, "vedel");
    gavel.keys(" ");
    gavel.keys("+");
    gavel.wait_for("Extra time for VVD: +1:00");
    gavel.keys("n");
    gavel.wait_for("Nelleke Vedelaar has the floor");
    gavel.keys("s");
    gavel.wait_for("Speaking time on 5");
    gavel.keys("\x1b");
    // An Esc and a key read in one go would be Alt and the key: wait for the Esc to land.
    gavel.wait_until("closed the totals", |g| {
        !g.contents().contains("Speaking time on 5")
    });
    gavel.keys("x");
    gavel.wait_for("Item 5 stopped");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);

    let minutes = read_minutes(folder.path());
    let item = minutes.item("5").unwrap();
    assert_eq!(item.rounds.len(), 2);
    let first: Vec<_> = item.rounds[0]
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(first, ["VVD", "D66", "D66", "SP", "Nelleke Vedelaar"]);
    let interruption = &item.rounds[0].speakers[1];
    assert_eq!(interruption.interrupts.as_deref(), Some("VVD"));
    assert!(interruption.seconds >= 1, "{interruption:?}");
    assert_eq!(item.rounds[0].speakers[4].role, Role::PortfolioHolder);
    assert_eq!(item.rounds[1].speakers[1].role, Role::PortfolioHolder);
    assert!(
        item.rounds
            .iter()
            .flat_map(|r| &r.speakers)
            .all(|s| s.speaking_since.is_none())
    );
    assert_eq!(item.extra_time[0].faction, "VVD");
    assert_eq!(item.extra_time[0].seconds, 60);
    let vvd = item
        .faction_totals
        .iter()
        .find(|t| t.faction == "VVD")
        .unwrap();
    assert_eq!(vvd.budget_seconds, Some(240));
    assert_eq!(vvd.extra_seconds, 60);
    let d66 = item
        .faction_totals
        .iter()
        .find(|t| t.faction == "D66")
        .unwrap();
    assert!(d66.seconds >= 1, "the interruption counts for D66: {d66:?}");
    assert!(
        !minutes.faction_totals.is_empty(),
        "meeting totals are written"
    );
    assert_eq!(item.planned_seconds, Some(80 * 60));
}

/// Issue 4: the palette finds a line deep in an attachment and the reader searches within it.
#[test]
fn the_palette_lands_on_an_attachment_line_and_the_reader_searches_on() {
    if !common::pdftotext_or_skip(
        "the_palette_lands_on_an_attachment_line_and_the_reader_searches_on",
    ) {
        return;
    }
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("/");
    gavel.wait_for("Search: type to filter");
    gavel.keys("beschut 26");
    gavel.wait_for("▶ Zwolle gaat het om in totaal 26 plekken");
    gavel.keys("\r");
    gavel.wait_for("Informatienota plan beschut werken nieuw");
    // The example's attachments are PDFs (issue 23): cited by page, opened three lines above.
    gavel.wait_for("p. 2/7  line 49 of 185");
    gavel.keys("/");
    gavel.wait_for("Search in this attachment");
    gavel.keys("plekken\r");
    gavel.wait_for("match 4 of 13"); // the first after the line it opened at (52)
    gavel.keys("n");
    gavel.wait_for("match 5 of 13");
    gavel.keys("N");
    gavel.keys("N");
    gavel.wait_for("match 3 of 13");
    gavel.keys("\x1b");
    gavel.keys("/");
    gavel.keys("@drielen");
    gavel.wait_for("Peter van Drielen (4063, p.van.drielen@zwolle.nl)");
    gavel.keys("\r");
    gavel.wait_for("3 Rekenkameronderzoek Inclusief Beleid");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
}

/// A PDF opens in the system's viewer, started without a shell; a missing file is named.
#[test]
fn a_non_text_attachment_opens_in_the_system_viewer() {
    let folder = meeting_folder();
    let dir = folder.path();
    std::fs::write(
        dir.join("bijlagen/scan van de brief.pdf"),
        b"%PDF-1.4\n\xff\xfe binary",
    )
    .unwrap();
    std::fs::write(
        dir.join("pdf.yaml"),
        "title: Test\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: Brief\n    attachments:\n      - title: Scan\n        file: bijlagen/scan van de brief.pdf\n      - title: Weg\n        file: bijlagen/bestaat-niet.pdf\n",
    )
    .unwrap();
    let opened = dir.join("opened.txt");
    let opener = dir.join("opener.sh");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&opener)
        .status()
        .unwrap();
    let mut gavel = Gavel::start_with(
        dir,
        "pdf.yaml",
        &[],
        &[("GAVEL_OPENER", opener.to_str().unwrap())],
    );
    // Not a PDF gavel can read: the list says so, Enter says why and o opens the original.
    gavel.wait_for("damaged");
    gavel.keys("b");
    gavel.wait_for("Attachments of 1");
    gavel.keys("\r");
    gavel.wait_for("o opens the original in the system's viewer");
    gavel.keys("o");
    gavel.keys("Scan\r");
    gavel.wait_for("in the system's viewer");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !opened.exists() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    let argument = std::fs::read_to_string(&opened).unwrap();
    assert!(
        argument.ends_with("bijlagen/scan van de brief.pdf"),
        "one argument, spaces and all: {argument}"
    );
    gavel.keys("o");
    gavel.keys("Weg\r");
    gavel.wait_for("bestaat-niet.pdf does not exist");
    gavel.keys("q");
    gavel.wait_exit();
}

#[test]
fn only_browsing_leaves_no_minutes_file() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("j");
    gavel.keys("?");
    gavel.wait_for("Keys:");
    gavel.keys("\x1b");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    assert!(!folder.path().join(MINUTES).exists());
}

/// `gavel` without a meeting file lists the meeting files of the folder and of meetings/; typing
/// narrows the list and Enter opens the one chosen.
#[test]
fn without_a_meeting_file_gavel_offers_the_meeting_files_to_choose_from() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("meetings"),
        &dir.path().join("meetings"),
    );
    let mut gavel = Pty::spawn(dir.path(), &[], &["--lang", "en"], &[]);
    gavel.wait_for("Choose a meeting");
    gavel.wait_for("meetings/2017-01-23-raadsplein-inclusieve-arbeidsmarkt.yaml");
    gavel.wait_for("Raadsplein Info/debat TaKzaal · 20-11-2017");
    gavel.keys("takzaal");
    gavel.keys("\r");
    gavel.wait_for("Agenda");
    gavel.wait_for("1.a  Opening en Mededelingen");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);

    // Esc leaves without opening anything.
    let mut gavel = Pty::spawn(dir.path(), &[], &["--lang", "en"], &[]);
    gavel.wait_for("Choose a meeting");
    gavel.keys("\x1b");
    assert_eq!(gavel.wait_exit(), 0);
}

/// With nothing to choose from, or no terminal to choose in, gavel says where to point it.
#[test]
fn without_a_meeting_file_and_nothing_to_choose_gavel_says_where_to_point_it() {
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["--lang", "en"])
        .current_dir(empty.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no meeting file in"), "{stderr}");
    assert!(stderr.contains("gavel path/to/meeting.yaml"), "{stderr}");

    let folder = meeting_folder();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["--lang", "nl"])
        .current_dir(folder.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("welke vergadering?"), "{stderr}");
    assert!(
        stderr.contains(
            "2017-11-20-raadsplein-takzaal.yaml  (Raadsplein Info/debat TaKzaal · 20-11-2017)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("gavel BESTAND"), "{stderr}");
}

/// `X` writes the korte terugblik of what is on screen beside the meeting file and says where:
/// the console speaks the clerk's language (English here), the documents the meeting's (Dutch).
#[test]
fn x_exports_the_korte_terugblik_beside_the_meeting_file() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("jjj"); // item 3
    gavel.keys("\r");
    gavel.keys("c");
    gavel.keys("De raad concludeert dat het onderzoek nuttig was.");
    gavel.keys("\x13"); // Ctrl-S
    gavel.wait_for("Conclusion recorded");
    gavel.keys("X");
    gavel.wait_for("Draft terugblik: ");
    gavel.wait_for("2017-11-20-raadsplein-takzaal.terugblik.md");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    let md = std::fs::read_to_string(
        folder
            .path()
            .join("2017-11-20-raadsplein-takzaal.terugblik.md"),
    )
    .unwrap();
    assert!(
        md.contains("## 3. Rekenkameronderzoek Inclusief Beleid (19.35 – 21.00 uur)"),
        "{md}"
    );
    assert!(
        md.contains("De raad concludeert dat het onderzoek nuttig was."),
        "{md}"
    );
    assert!(
        md.contains("**Concept: de vergadering is nog niet gesloten"),
        "{md}"
    );
    let html = folder
        .path()
        .join("2017-11-20-raadsplein-takzaal.terugblik.html");
    assert!(
        std::fs::read_to_string(html)
            .unwrap()
            .contains("<h1>Korte terugblik")
    );
    let docx = folder
        .path()
        .join("2017-11-20-raadsplein-takzaal.terugblik.docx");
    assert!(
        std::fs::read(docx).unwrap().starts_with(b"PK"),
        "a Word file (a zip)"
    );
}

/// `T` lists what the portfolio holder still owes from an earlier meeting; Enter and a "how"
/// settle it in the register, in this meeting.
#[test]
fn t_lists_the_portfolio_holders_open_commitments_and_settles_one() {
    let folder = meeting_folder();
    std::fs::write(
        folder
            .path()
            .join("2017-01-23-raadsplein-inclusieve-arbeidsmarkt.minutes.yaml"),
        "meeting: 2017-01-23-raadsplein-inclusieve-arbeidsmarkt.yaml\ntitle: Raadsplein info/debat\ndate: 2017-01-23\nitems:\n  - number: \"2\"\n    title: Inclusieve arbeidsmarkt\n    status: done\n    commitments:\n      - id: 2017-01-23-2-1\n        by: Nelleke Vedelaar\n        text: De raad ontvangt een overzicht van de wachtlijst beschut werk.\n        due: 2017-06-01\n        recorded_at: 2017-01-23T21:00:00+01:00\n",
    )
    .unwrap();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("jjj"); // item 3, portfolio holder Nelleke Vedelaar
    gavel.wait_for("Open commitments from earlier meetings: 1 (1 overdue) · T lists them");
    gavel.keys("T");
    gavel.wait_for("Open commitments of Nelleke Vedelaar from earlier meetings");
    gavel.wait_for(
        "! 2017-01-23-2-1 De raad ontvangt een overzicht van de wachtlijst beschut werk.",
    );
    gavel.keys("\r");
    gavel.wait_for("How was commitment 2017-01-23-2-1 settled?");
    gavel.keys("afgedaan met informatienota");
    gavel.keys("\t324"); // the council's own number, in the next field
    gavel.keys("\x13"); // Ctrl-S
    gavel.wait_for(
        "Commitment 2017-01-23-2-1 has RIS number 324; Commitment 2017-01-23-2-1 settled on",
    );
    gavel.keys("T");
    gavel.wait_for("No open commitments of Nelleke Vedelaar from earlier meetings.");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    let register = std::fs::read_to_string(folder.path().join("commitments.yaml")).unwrap();
    assert!(
        register.contains("- id: 2017-01-23-2-1\n  status: done\n"),
        "{register}"
    );
    assert!(
        register.contains("how: afgedaan met informatienota\n"),
        "{register}"
    );
    assert!(
        register.contains("meeting: 2017-11-20-raadsplein-takzaal.yaml"),
        "{register}"
    );
}

/// Chaired in the console, the speaker index comes out of the minutes: a line per speech, with
/// times relative to the opening and as long as the console timed them.
#[test]
fn a_chaired_meeting_gives_the_webcasts_speaker_index() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("jjj");
    gavel.keys("\r");
    gavel.keys("a");
    gavel.keys("VVD\r");
    gavel.wait_for("VVD added to the list of speakers");
    gavel.keys(" ");
    thread::sleep(Duration::from_millis(2100));
    gavel.keys("n");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["export", MEETING, "--format", "timeline", "--lang", "nl"])
        .current_dir(folder.path())
        .output()
        .unwrap();
    let index = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = index.lines().collect();
    assert_eq!(
        lines[0], " 3. Rekenkameronderzoek Inclusief Beleid",
        "{index}"
    );
    // "  00:00:00 - 00:00:02 - VVD": from the opening, two seconds or so.
    let (times, name) = lines[1].rsplit_once(" - ").unwrap();
    assert_eq!(name, "VVD", "{index}");
    let (start, end) = times.trim().split_once(" - ").unwrap();
    let seconds = |t: &str| -> i64 {
        t.split(':')
            .fold(0, |acc, part| acc * 60 + part.parse::<i64>().unwrap())
    };
    let spoken = seconds(end) - seconds(start);
    assert!((2..=4).contains(&spoken), "{index}");
}

/// A decision meeting: the clerk takes attendance, the chair puts the motion and then the
/// proposal to the vote; the minutes hold both votes with the counts from those present.
#[test]
fn attendance_and_two_votes_are_counted_and_recorded() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start_with(
        folder.path(),
        "2017-02-06-raadsplein-besluitvormend.yaml",
        &[],
        &[],
    );
    gavel.wait_for("no attendance list yet (p)");
    gavel.keys("p");
    gavel.wait_for("Attendance list: 0 of 39 seats present");
    gavel.keys("a"); // everyone present
    gavel.wait_for("Attendance list: 39 of 39 seats present");
    gavel.keys("jj "); // the third member (D66) leaves
    gavel.wait_for("Carla Jansen marked gone.");
    gavel.keys("\x1b");
    gavel.wait_for("quorum 38/39");
    gavel.keys("j"); // item 2
    gavel.keys("v");
    // Never taken up, in a meeting never opened: a question first.
    gavel.wait_for("The meeting has not been opened and item 2 was never taken up.");
    gavel.keys("y");
    gavel.wait_for("Put to the vote on item 2");
    gavel.keys("motie");
    gavel.keys("\r");
    gavel.wait_for("Vote: Motie 10 Voldoende plaatsen en snelle verwijzingen beschut werken (motion, by faction)");
    // D66 + (6 present), CDA -, ChristenUnie +, PvdA +, SP -, VVD +, GroenLinks -, Swollwacht +, SGP -.
    for key in ["+", "-", "+", "+", "-", "+", "-", "+", "-"] {
        gavel.keys(key);
    }
    gavel.wait_for("for 23 · against 15 · adopted 23-15");
    gavel.keys("\x13"); // Ctrl-S
    gavel.wait_for("Vote recorded: adopted 23-15 on item 2, Motie 10");
    gavel.keys("v");
    gavel.wait_for("item 2 was never taken up");
    gavel.keys("y");
    gavel.keys("\r"); // the proposal, first in the list
    gavel.wait_for("(proposal, by faction)");
    for key in ["+", "+", "+", "+", "-", "+", "+", "+", "+"] {
        gavel.keys(key);
    }
    gavel.keys("\x13");
    gavel.wait_for("Vote recorded: adopted 34-4 on item 2");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    let minutes = std::fs::read_to_string(
        folder
            .path()
            .join("2017-02-06-raadsplein-besluitvormend.minutes.yaml"),
    )
    .unwrap();
    let minutes: Minutes = serde_yaml::from_str(&minutes).unwrap();
    // The 39 members, the chair and the clerk.
    assert_eq!(minutes.attendance.len(), 41);
    let votes = &minutes.item("2").unwrap().votes;
    assert_eq!(votes.len(), 2);
    assert_eq!((votes[0].seats_for, votes[0].seats_against), (23, 15));
    assert_eq!(
        votes[0].subject,
        "Motie 10 Voldoende plaatsen en snelle verwijzingen beschut werken"
    );
    assert_eq!(votes[1].subject, "2 Naar een inclusieve arbeidsmarkt");
    assert_eq!((votes[1].seats_for, votes[1].seats_against), (34, 4));
    // The korte terugblik states them as the RIS does.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args([
            "export",
            "2017-02-06-raadsplein-besluitvormend.yaml",
            "--lang",
            "nl",
        ])
        .current_dir(folder.path())
        .output()
        .unwrap();
    let md = String::from_utf8(output.stdout).unwrap();
    assert!(md.contains("Stemuitslag Motie 10 Voldoende plaatsen en snelle verwijzingen beschut werken: voor 61%, aangenomen 23-15. Voor: D66 (6), ChristenUnie (5), PvdA (5), VVD (4), Swollwacht (3). Tegen: CDA (6), SP (4), GroenLinks (3), SGP (2)."), "{md}");
}

#[test]
fn a_speaker_paused_and_resumed_is_two_stretches_in_the_minutes_file() {
    let folder = meeting_folder();
    let mut gavel = Gavel::start(folder.path(), &[]);
    select_item(&mut gavel, DOWN_TO_ITEM_5);
    gavel.keys("\r");
    gavel.wait_for("Item 5 taken up");
    add_speaker(&mut gavel, "VVD");
    gavel.keys(" ");
    gavel.wait_for("VVD has the floor");
    // Over a second each, so each stretch holds at least one whole second.
    thread::sleep(Duration::from_millis(1100));
    gavel.keys(" ");
    gavel.wait_for("VVD paused");
    thread::sleep(Duration::from_millis(1100));
    gavel.keys(" ");
    gavel.wait_for("VVD has the floor");
    thread::sleep(Duration::from_millis(1100));
    gavel.keys("n");
    gavel.wait_for("no one else in line");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);

    let minutes = read_minutes(folder.path());
    let speech = &minutes.item("5").unwrap().rounds[0].speakers[0];
    assert_eq!(speech.spoken.len(), 2, "{speech:?}");
    let (first, second) = (speech.spoken[0], speech.spoken[1]);
    assert!(first.from < first.to && first.to < second.from && second.from < second.to);
    assert_eq!(speech.started_at, Some(first.from));
    assert_eq!(speech.ended_at, Some(second.to));
    // The pause between them is not speaking time.
    assert_eq!(speech.seconds, first.seconds() + second.seconds());
}

/// A chair on an 80x24 laptop in Dutch: item 5, VVD and the portfolio holder on the list, VVD
/// speaking. The item's slot, the speaker's clock and the faction's time left are on screen
/// whole; after the meeting the item pane shows the commitment recorded, and a conclusion is
/// corrected with `R` and read back from the minutes file.
#[test]
fn a_chair_at_80x24_in_dutch_sees_every_clock_whole_and_a_clerk_corrects_a_conclusion() {
    let folder = meeting_folder();
    let meeting = folder.path().join(MEETING);
    let args = [meeting.to_str().unwrap(), "--lang", "nl"];
    let mut gavel = Pty::spawn_sized(folder.path(), &[], &args, &[], 24, 80);
    gavel.wait_for("Agenda");
    select_item(&mut gavel, DOWN_TO_ITEM_5);
    gavel.keys("\r");
    gavel.wait_for("in behandeling");
    for who in ["VVD", "meijerink"] {
        gavel.keys("a");
        gavel.wait_for("Spreker toevoegen");
        gavel.keys(who);
        gavel.keys("\r");
        gavel.wait_for("toegevoegd aan de sprekerslijst");
    }
    gavel.keys(" ");
    gavel.wait_for("▶ VVD");
    gavel.wait_for("/ 1:20:00");
    gavel.wait_for("nog 3:5");
    gavel.wait_for("Wethouder Meijerink");
    gavel.keys("c");
    gavel.wait_for("Conclusie");
    gavel.keys("Kennisgenomen");
    gavel.send(b"\x13"); // Ctrl-S
    gavel.wait_for("Conclusie vastgelegd bij punt 5");
    gavel.keys("R");
    gavel.wait_for("Corrigeren wat bij 5 is vastgelegd");
    gavel.keys("\r");
    gavel.wait_for("Conclusie van 5");
    gavel.keys(" van de nota.");
    gavel.send(b"\x13");
    gavel.wait_for("Gecorrigeerd: Kennisgenomen van de nota.");
    gavel.wait_for("1. Kennisgenomen van de nota.");
    gavel.keys("q");
    gavel.wait_exit();
    let minutes = read_minutes(folder.path());
    let item = minutes.items.iter().find(|i| i.number == "5").unwrap();
    assert_eq!(item.conclusions.len(), 1);
    assert_eq!(item.conclusions[0].text, "Kennisgenomen van de nota.");
}

/// Quitting a console in which nothing changed leaves the minutes file as it was: not written
/// again (no fsync, and its time stays, so no display reads it anew). A change is written.
#[test]
fn quitting_without_a_change_leaves_the_minutes_file_untouched() {
    let folder = meeting_folder();
    std::fs::copy(
        common::root().join("tests/fixtures/export").join(MINUTES),
        folder.path().join(MINUTES),
    )
    .unwrap();
    let path = folder.path().join(MINUTES);
    let before = std::fs::read(&path).unwrap();
    let modified = || std::fs::metadata(&path).unwrap().modified().unwrap();
    let (written_at, inode) = (modified(), std::fs::metadata(&path).unwrap().ino());
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("j");
    gavel.keys("?");
    gavel.wait_for("Keys");
    gavel.keys("\x1b");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    assert!(std::fs::read(&path).unwrap() == before, "the same bytes");
    assert_eq!(modified(), written_at, "not written again");
    assert_eq!(
        std::fs::metadata(&path).unwrap().ino(),
        inode,
        "not replaced"
    );

    // A conclusion is a change: it is written.
    let mut gavel = Gavel::start(folder.path(), &[]);
    gavel.keys("c");
    gavel.wait_for("Conclusion for");
    gavel.keys("Nog een conclusie.\x13");
    gavel.wait_for("Conclusion recorded");
    gavel.keys("q");
    assert_eq!(gavel.wait_exit(), 0);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.contains("Nog een conclusie."));
}

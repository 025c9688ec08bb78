//! Hostile files (issue 11, security): what a meeting file, a minutes file or an attachment from
//! outside the chair's hands must not be able to do. One test per defect, named after it.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::thread;
use std::time::{Duration, Instant};

use common::pty::Pty;
use gavel::app::index::index_in_background;
use gavel::i18n::Lang;
use gavel::keymap::Action;
use gavel::store::load::{load_meeting, parse_meeting};

const ROWS: u16 = 40;
const COLS: u16 = 150;

/// A meeting with one item whose attachments are `files` (title = file).
fn meeting_with_attachments(files: &[&str]) -> String {
    let mut text = String::from(
        "title: Test\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: Bijlagen\n    attachments:\n",
    );
    for file in files {
        text.push_str(&format!(
            "      - title: \"Bijlage {file}\"\n        file: \"{file}\"\n"
        ));
    }
    text
}

/// Runs `gavel ARGS` in `dir`; kills it after `limit` and fails, so a hang is a test failure.
fn gavel_within(dir: &Path, args: &[&str], limit: Duration) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), out, err);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gavel {args:?} did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo failed");
}

/// What the background indexer delivers for a meeting file in `dir`, and whether it finished
/// (its thread ended) within five seconds.
fn indexed(dir: &Path, meeting_file: &str) -> (Vec<(usize, usize)>, bool) {
    let loaded = load_meeting(&dir.join(meeting_file)).expect("the meeting loads");
    let receiver = index_in_background(&loaded.meeting, dir, Lang::En);
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut got = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(left) {
            Ok(Action::AttachmentIndexed(indexed)) => got.push((indexed.item, indexed.index)),
            Ok(_) => {} // not read, and why: the list says so
            Err(RecvTimeoutError::Disconnected) => return (got, true),
            Err(RecvTimeoutError::Timeout) => return (got, false),
        }
    }
}

fn warnings_of(path: &Path) -> Vec<String> {
    match load_meeting(path) {
        Ok(loaded) => loaded.warnings.iter().map(ToString::to_string).collect(),
        Err(diagnostics) => panic!("{path:?} failed: {diagnostics:#?}"),
    }
}

// --- 1. terminal escape injection -------------------------------------------------------------

#[test]
fn check_output_carries_no_terminal_escapes() {
    let dir = tempfile::tempdir().unwrap();
    // YAML's own escapes put ESC, BEL and RLO into a key and values.
    std::fs::write(
        dir.path().join("esc.yaml"),
        "title: T\ndate: 2017-11-20\n\"\\e]52;c;aGk=\\a\": 1\nitems:\n  - number: \"1\"\n    title: \"a\\u202eb\"\n    kind: \"x\\u202ey\\e[2J\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("kind.yaml"),
        "title: T\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: a\n    kind: \"x\\u202ey\\e]0;pwned\\a\"\n",
    )
    .unwrap();
    for file in ["esc.yaml", "kind.yaml"] {
        for lang in ["en", "nl"] {
            let (code, out, err) = gavel_within(
                dir.path(),
                &["check", file, "--lang", lang],
                Duration::from_secs(10),
            );
            assert_eq!(code, 1, "{err}");
            let all = format!("{out}{err}");
            for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
                assert!(!all.contains(bad), "{bad:?} reached the terminal: {all:?}");
            }
            // Said as what it is: an escape shown (a bidi character), or the control refused.
            assert!(
                all.contains("\\u{1b}")
                    || all.contains("\\u{202e}")
                    || all.contains("control character (U+001B)")
                    || all.contains("stuurteken (U+001B)"),
                "{all}"
            );
        }
    }
}

#[test]
fn the_console_draws_no_control_or_bidi_characters() {
    use gavel::app::App;
    use gavel::domain::minutes::Minutes;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    // Control characters written as escapes are refused at load (issue 21); the bidi controls
    // load, and must not reach the terminal.
    let text = "title: \"Raad\\u202e\"\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: \"Punt \\u2066een\\u2069 \\u200f\\u061c\"\n";
    let loaded = parse_meeting(Path::new("m.yaml"), text.as_bytes()).unwrap();
    let minutes = Minutes::new(&loaded.meeting, "m.yaml");
    let now = chrono::DateTime::parse_from_rfc3339("2017-11-20T19:00:00+01:00").unwrap();
    let app = App::new(loaded.meeting, PathBuf::from("."), minutes, Lang::En, now);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| gavel::ui::draw(frame, &app)).unwrap();
    for cell in terminal.backend().buffer().content() {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(|c| c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')),
            "{symbol:?} in a cell"
        );
    }
}

// --- 2. attachments confined to the meeting's folder ---------------------------------------------

fn outside_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nota.txt"), "Een nota\nover zaken\n").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("link.txt")).unwrap();
    let up = "../".repeat(dir.path().components().count() + 2);
    let files = [
        "nota.txt".to_string(),
        format!("{up}etc/passwd"),
        "/etc/passwd".to_string(),
        "link.txt".to_string(),
        "/proc/self/environ".to_string(),
    ];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    std::fs::write(dir.path().join("m.yaml"), meeting_with_attachments(&files)).unwrap();
    dir
}

#[test]
fn attachments_outside_the_meeting_folder_are_not_indexed() {
    let dir = outside_folder();
    let (got, finished) = indexed(dir.path(), "m.yaml");
    assert!(finished);
    assert_eq!(
        got,
        vec![(0, 0)],
        "only nota.txt, inside the folder, is read"
    );
}

#[test]
fn check_warns_about_attachments_outside_the_meeting_folder() {
    let dir = outside_folder();
    let warnings = warnings_of(&dir.path().join("m.yaml"));
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    // Each at the place of its `file:` value (lines 10, 12, 14, 16), naming the file.
    for (warning, line) in warnings.iter().zip([10, 12, 14, 16]) {
        assert!(
            warning.contains(&format!("m.yaml:{line}:15: warning: attachment file \"")),
            "{warning}"
        );
        assert!(
            warning.contains("is outside the meeting's folder"),
            "{warning}"
        );
    }
    let (code, _, err) = gavel_within(
        dir.path(),
        &["check", "m.yaml", "--lang", "nl"],
        Duration::from_secs(10),
    );
    assert_eq!(code, 0, "a warning, not an error: {err}");
    assert!(err.contains("buiten de map van de vergadering"), "{err}");
}

// --- 3. size caps ----------------------------------------------------------------------------------

#[test]
fn a_huge_attachment_is_not_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let line = "x".repeat(1023) + "\n";
    std::fs::write(dir.path().join("groot.txt"), line.repeat(9 * 1024)).unwrap();
    std::fs::write(dir.path().join("regels.txt"), "a\n".repeat(200_001)).unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        meeting_with_attachments(&["groot.txt", "regels.txt"]),
    )
    .unwrap();
    let (got, finished) = indexed(dir.path(), "m.yaml");
    assert!(finished);
    assert!(got.is_empty(), "{got:?}");
    // The console's loader looks without reading (the size); `gavel check` also counts lines.
    let warnings = warnings_of(&dir.path().join("m.yaml"));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0]
            .contains("m.yaml:8:15: warning: attachment file \"groot.txt\" is larger than 8.0 MiB"),
        "{warnings:#?}"
    );
    let (code, _, err) = gavel_within(
        dir.path(),
        &["check", "m.yaml", "--lang", "en"],
        Duration::from_secs(10),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("is larger than 8.0 MiB: not read or searched"),
        "{err}"
    );
    assert!(
        err.contains(
            "m.yaml:10:15: warning: attachment file \"regels.txt\" has more than 200000 lines"
        ),
        "{err}"
    );
}

#[test]
fn dev_zero_as_an_attachment_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        meeting_with_attachments(&["zero.txt", "/dev/zero"]),
    )
    .unwrap();
    let (got, finished) = indexed(dir.path(), "m.yaml");
    assert!(finished, "the indexer ends");
    assert!(got.is_empty(), "{got:?}");
}

// --- 4. non-regular files ----------------------------------------------------------------------------

#[test]
fn a_fifo_as_the_meeting_file_is_refused_promptly() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("fifo.yaml"));
    mkfifo(&dir.path().join("x.minutes.yaml"));
    for file in ["fifo.yaml", "x.minutes.yaml"] {
        let (code, _, err) = gavel_within(
            dir.path(),
            &["check", file, "--lang", "en"],
            Duration::from_secs(5),
        );
        assert_eq!(code, 1);
        assert!(err.starts_with(&format!("{file}: error: ")), "{err}");
        assert!(err.contains("not a regular file (a FIFO)"), "{err}");
    }
}

#[test]
fn a_fifo_as_an_attachment_does_not_block_the_indexer() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("fifo.txt"));
    std::fs::write(dir.path().join("nota.txt"), "tekst\n").unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        meeting_with_attachments(&["fifo.txt", "nota.txt"]),
    )
    .unwrap();
    let (got, finished) = indexed(dir.path(), "m.yaml");
    assert!(finished, "the indexer is not stuck on the FIFO");
    assert_eq!(got, vec![(0, 1)]);
    let warnings = warnings_of(&dir.path().join("m.yaml"));
    assert!(
        warnings[0].contains("attachment file \"fifo.txt\" is not a regular file (a FIFO)"),
        "{warnings:#?}"
    );
}

#[test]
fn dev_zero_as_the_meeting_file_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = gavel_within(
        dir.path(),
        &["check", "/dev/zero", "--lang", "en"],
        Duration::from_secs(5),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("/dev/zero: error: not a regular file (a device)"),
        "{err}"
    );
    assert!(!err.contains("4.0 MiB"), "{err}");
}

// --- 5. alias amplification ------------------------------------------------------------------

#[test]
fn an_alias_bomb_of_one_large_string_is_refused() {
    let big = "x".repeat(4_000_000);
    let aliases = vec!["*big"; 99].join(", ");
    let text = format!(
        "title: &big {big}\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: a\n    co_authors: [{aliases}]\n"
    );
    let started = Instant::now();
    let Err(errors) = parse_meeting(Path::new("bomb.yaml"), text.as_bytes()) else {
        panic!("the alias bomb loaded");
    };
    assert!(started.elapsed() < Duration::from_secs(5));
    let printed: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(printed.len(), 1, "{printed:#?}");
    assert!(
        printed[0].starts_with("bomb.yaml:6:"),
        "located at an alias: {printed:#?}"
    );
    assert!(
        printed[0].contains("aliases would expand the file to more than 16.0 MiB"),
        "{printed:#?}"
    );
}

// --- 15. (parts) where a NUL byte is -----------------------------------------------------------------

#[test]
fn a_nul_byte_is_located_at_its_line_and_column() {
    let text = b"title: T\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: ab\0c\n";
    let errors = parse_meeting(Path::new("nul.yaml"), text).unwrap_err();
    let printed = errors[0].to_string();
    assert!(
        printed.starts_with("nul.yaml:5:14: error: the file contains a control character (U+0000)"),
        "{printed}"
    );
}

// --- the console: the reader, `o` and the system viewer -------------------------------------------

/// The console in a pseudo-terminal.
type Gavel = Pty;

trait Console {
    fn start(folder: &Path, meeting: &str, env: &[(&str, &str)]) -> Pty;
    fn quit(&mut self);
}

impl Console for Pty {
    /// Starts the console in `folder` on the meeting file named relatively, as a clerk would.
    fn start(folder: &Path, meeting: &str, env: &[(&str, &str)]) -> Pty {
        let mut gavel = Pty::spawn_sized(folder, &[], &[meeting, "--lang", "en"], env, ROWS, COLS);
        gavel.wait_for("Agenda");
        gavel
    }

    fn quit(&mut self) {
        self.keys("q");
        self.wait_exit();
    }
}

/// A folder with the meeting `m.yaml` and an opener script that writes its arguments, one a line,
/// to `opened.txt`.
fn console_folder(files: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.yaml"), meeting_with_attachments(files)).unwrap();
    let opened = dir.path().join("opened.txt");
    let opener = dir.path().join("opener.sh");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\n",
            opened.display()
        ),
    )
    .unwrap();
    set_mode(&opener, 0o755);
    (dir, opener, opened)
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn wait_for_file(path: &Path) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return Some(text);
        }
        thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn the_opener_never_takes_a_path_as_an_option() {
    let (dir, opener, opened) = console_folder(&["--help"]);
    std::fs::write(dir.path().join("--help"), b"%PDF-1.4\n\xff binary").unwrap();
    let mut gavel = Gavel::start(
        dir.path(),
        "m.yaml",
        &[("GAVEL_OPENER", opener.to_str().unwrap())],
    );
    gavel.keys("o");
    gavel.wait_for("Open an attachment of");
    gavel.keys("\r");
    let argv = wait_for_file(&opened).expect("the opener ran");
    let expected = dir.path().canonicalize().unwrap().join("--help");
    assert_eq!(
        argv,
        format!("{}\n", expected.display()),
        "one absolute path"
    );
    gavel.quit();
}

#[test]
fn an_executable_attachment_opens_only_after_confirmation() {
    let (dir, opener, opened) = console_folder(&["run.sh", "app.desktop"]);
    std::fs::write(dir.path().join("run.sh"), "#!/bin/sh\necho hi\n").unwrap();
    set_mode(&dir.path().join("run.sh"), 0o755);
    std::fs::write(
        dir.path().join("app.desktop"),
        "[Desktop Entry]\nExec=xcalc\n",
    )
    .unwrap();
    let mut gavel = Gavel::start(
        dir.path(),
        "m.yaml",
        &[("GAVEL_OPENER", opener.to_str().unwrap())],
    );
    for name in ["run.sh", "app.desktop"] {
        gavel.keys("o");
        gavel.wait_for("Open an attachment of");
        gavel.keys(name);
        gavel.keys("\r");
        gavel.wait_for("could run a program");
        gavel.keys("n");
        thread::sleep(Duration::from_millis(300));
        assert!(!opened.exists(), "{name} was opened without a yes");
    }
    gavel.keys("o");
    gavel.keys("run.sh\r");
    gavel.wait_for("could run a program");
    gavel.keys("y");
    let argv = wait_for_file(&opened).expect("opened after yes");
    assert!(argv.ends_with("/run.sh\n"), "{argv}");
    gavel.quit();
}

#[test]
fn an_attachment_outside_the_folder_opens_only_after_confirmation() {
    let (dir, opener, opened) = console_folder(&["/etc/passwd"]);
    let mut gavel = Gavel::start(
        dir.path(),
        "m.yaml",
        &[("GAVEL_OPENER", opener.to_str().unwrap())],
    );
    gavel.keys("b");
    gavel.wait_for("Attachments of 1");
    gavel.wait_for("outside the meeting's folder");
    gavel.keys("\r");
    gavel.wait_for("is outside the meeting's folder");
    assert!(!gavel.contents().contains("root:"), "the reader showed it");
    gavel.keys("o");
    gavel.keys("\r");
    gavel.wait_for("Open it anyway?");
    gavel.keys("\x1b");
    thread::sleep(Duration::from_millis(300));
    assert!(!opened.exists(), "opened without a yes");
    gavel.keys("o");
    gavel.keys("\r");
    gavel.wait_for("Open it anyway?");
    gavel.keys("y");
    assert_eq!(wait_for_file(&opened).as_deref(), Some("/etc/passwd\n"));
    gavel.quit();
}

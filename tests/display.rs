//! End to end: `gavel display` in a pseudo-terminal, following a minutes file that the test
//! rewrites the way the console does (write beside it, rename over it).

use std::collections::BTreeMap;
mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use chrono::{Local, Timelike};
use common::copy_dir;
use common::pty::Pty;
use gavel::domain::meeting::Meeting;
use gavel::domain::minutes::{Minutes, Role, SpeakerChoice, Timestamp};
use gavel::store::load::load_meeting;
use gavel::store::save::save_minutes;

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";
const ROWS: u16 = 24;
const COLS: u16 = 80;
/// What the issue asks: every change on the room's screen within a second of the save.
const WITHIN: Duration = Duration::from_secs(1);

/// A copy of the bundled meetings in a temporary folder, without minutes.
fn meeting_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("meetings");
    copy_dir(&source, dir.path());
    dir
}

/// Every file under `folder` with its size and time of change, but the minutes the test writes.
fn listing(folder: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut found = BTreeMap::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let metadata = entry.metadata().unwrap();
            if metadata.is_dir() {
                folders.push(entry.path());
            } else if entry.file_name() != MINUTES {
                found.insert(entry.path(), (metadata.len(), metadata.modified().unwrap()));
            }
        }
    }
    found
}

/// The display (or the console) in a pseudo-terminal of 80 × 24.
type Display = Pty;

fn spawn(folder: &Path, args: &[&str]) -> Display {
    Pty::spawn_sized(folder, &[], args, &[], ROWS, COLS)
}

fn now() -> Timestamp {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Saves as the console does: the whole file written beside it and renamed over it.
fn save(folder: &Path, meeting: &Meeting, minutes: &Minutes) {
    save_minutes(&folder.join(MINUTES), &minutes.for_saving(meeting, now())).unwrap();
}

#[test]
fn the_display_follows_every_change_within_a_second_and_never_writes() {
    let folder = meeting_folder();
    let meeting = load_meeting(&folder.path().join(MEETING)).unwrap().meeting;
    let before = listing(folder.path());

    let mut display = spawn(folder.path(), &["display", MEETING, "--lang", "en"]);
    display.wait_for_within("The meeting begins at 19:30", Duration::from_secs(10));
    display.wait_for_within("waiting for", WITHIN);

    let mut minutes = Minutes::new(&meeting, MEETING);
    let mut latencies = Vec::new();
    minutes.take_up(&meeting, "5", now()).unwrap();
    save(folder.path(), &meeting, &minutes);
    latencies.push(display.wait_for_within("No one has the floor", WITHIN));
    assert!(!display.contents().contains("waiting for"));

    minutes
        .add_speaker(SpeakerChoice {
            name: "VVD".into(),
            faction: Some("VVD".into()),
            role: Role::Member,
        })
        .unwrap();
    save(folder.path(), &meeting, &minutes);
    latencies.push(display.wait_for_within("1. VVD", WITHIN));

    minutes.toggle_speaker(now()).unwrap();
    save(folder.path(), &meeting, &minutes);
    latencies.push(display.wait_for_within("time left for VVD", WITHIN));
    // The speaker's clock runs on the display without a word from the console.
    display.wait_for_within("time left for VVD: 3:58", Duration::from_secs(4));

    // A damaged file keeps the last good screen, with a discreet word.
    std::fs::write(folder.path().join(MINUTES), "items: [unclosed").unwrap();
    display.wait_for_within("does not load", Duration::from_secs(2));
    assert!(display.contents().contains("time left for VVD"));

    minutes.close_meeting(now()).unwrap();
    save(folder.path(), &meeting, &minutes);
    latencies.push(display.wait_for_within("The meeting was closed at", WITHIN));
    // The warning goes with the good file (on a loaded machine a frame may come in between).
    let gone = Instant::now();
    while display.contents().contains("does not load") {
        assert!(
            gone.elapsed() < WITHIN,
            "the warning stayed:\n{}",
            display.contents()
        );
        thread::sleep(Duration::from_millis(10));
    }
    eprintln!("from save to screen: {latencies:?}");

    display.keys("q");
    assert_eq!(display.wait_exit(), 0);
    assert_eq!(
        listing(folder.path()),
        before,
        "the display wrote in the folder"
    );
}

#[test]
fn the_display_waits_for_minutes_that_are_not_there_and_the_console_coming_back() {
    let folder = meeting_folder();
    let meeting = load_meeting(&folder.path().join(MEETING)).unwrap().meeting;
    let mut display = spawn(folder.path(), &["display", MEETING, "--lang", "nl"]);
    display.wait_for_within("wacht op", Duration::from_secs(10));

    let mut minutes = Minutes::new(&meeting, MEETING);
    minutes.take_up(&meeting, "4", now()).unwrap();
    save(folder.path(), &meeting, &minutes);
    display.wait_for_within("Hervatting om", WITHIN);

    // The minutes removed (starting over) and written again.
    std::fs::remove_file(folder.path().join(MINUTES)).unwrap();
    display.wait_for_within("wacht op", WITHIN);
    save(folder.path(), &meeting, &minutes);
    display.wait_for_within("Hervatting om", WITHIN);

    display.keys("q");
    assert_eq!(display.wait_exit(), 0);
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The display serving the web page, stopped (SIGTERM) when dropped.
struct WebDisplay {
    child: std::process::Child,
    address: String,
}

impl WebDisplay {
    fn start(folder: &Path) -> WebDisplay {
        WebDisplay::start_with_descriptors(folder, None)
    }

    /// The display with at most `descriptors` open files (`ulimit -n`), when given.
    fn start_with_descriptors(folder: &Path, descriptors: Option<u32>) -> WebDisplay {
        let address = format!("127.0.0.1:{}", free_port());
        let limit = descriptors.map_or(String::new(), |n| format!("ulimit -n {n}; "));
        let script = format!("{limit}exec \"$0\" \"$@\"");
        let child = std::process::Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_gavel")])
            .args(["display", "--http", &address, MEETING, "--lang", "nl"])
            .current_dir(folder)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(&address).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            thread::sleep(Duration::from_millis(20));
        }
        WebDisplay { child, address }
    }

    fn connect(&self, method: &str, path: &str) -> std::net::TcpStream {
        let mut stream = std::net::TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        stream
    }

    /// The whole answer, headers and body, of one request.
    fn request(&self, method: &str, path: &str) -> String {
        let mut answer = String::new();
        self.connect(method, path)
            .read_to_string(&mut answer)
            .unwrap();
        answer
    }
}

impl Drop for WebDisplay {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// Reads server-sent events until one holds `text`; returns that event's data and how long it took.
fn next_event_with(
    events: &mut std::io::BufReader<std::net::TcpStream>,
    text: &str,
) -> (String, Duration) {
    use std::io::BufRead;
    let start = Instant::now();
    let mut line = String::new();
    loop {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "the stream ended");
        if let Some(data) = line.strip_prefix("data: ")
            && data.contains(text)
        {
            return (data.to_string(), start.elapsed());
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no event with {text:?}"
        );
    }
}

#[test]
fn the_web_page_is_one_self_contained_page_and_its_events_follow_a_save() {
    let folder = meeting_folder();
    let meeting = load_meeting(&folder.path().join(MEETING)).unwrap().meeting;
    let before = listing(folder.path());
    let web = WebDisplay::start(folder.path());

    let page = web.request("GET", "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<html lang=\"nl\">"), "{page}");
    assert!(page.contains("EventSource(\"/events\")"));
    for external in ["http://", "https://", "src=", "href="] {
        assert!(!page.contains(external), "not self-contained: {external}");
    }
    let overlay = web.request("GET", "/overlay");
    assert!(overlay.contains("background: transparent"), "{overlay}");

    // Read-only: other methods are refused, and no path reaches a file.
    assert!(web.request("POST", "/").starts_with("HTTP/1.1 405"));
    assert!(web.request("PUT", "/events").starts_with("HTTP/1.1 405"));
    for path in [
        "/../Cargo.toml",
        "/2017-11-20-raadsplein-takzaal.yaml",
        "/%2e%2e/etc/passwd",
    ] {
        assert!(
            web.request("GET", path).starts_with("HTTP/1.1 404"),
            "{path}"
        );
    }

    let mut events = std::io::BufReader::new(web.connect("GET", "/events"));
    let (first, _) = next_event_with(&mut events, "\"kind\":\"agenda\"");
    assert!(
        first.contains("De vergadering begint om 19.30 uur"),
        "{first}"
    );

    let mut minutes = Minutes::new(&meeting, MEETING);
    minutes.take_up(&meeting, "5", now()).unwrap();
    minutes
        .set_notes(&meeting, "5", "Geheim: let op de wethouder")
        .unwrap();
    minutes
        .add_speaker(SpeakerChoice {
            name: "VVD".into(),
            faction: Some("VVD".into()),
            role: Role::Member,
        })
        .unwrap();
    minutes.toggle_speaker(now()).unwrap();
    save(folder.path(), &meeting, &minutes);
    let (event, took) = next_event_with(&mut events, "\"kind\":\"item\"");
    eprintln!("from save to event: {took:?}");
    assert!(took < WITHIN, "{took:?}");
    assert!(event.contains("Plan beschut werken nieuw"), "{event}");
    assert!(event.contains("\"name\":\"VVD\""), "{event}");
    let view = web.request("GET", "/view.json");
    let page = web.request("GET", "/");
    assert!(
        page.contains("Plan beschut werken nieuw"),
        "the page holds the view: {page}"
    );
    for private in ["Geheim", "2071", "m.van.klaveren@zwolle.nl"] {
        for (what, text) in [("event", &event), ("view.json", &view), ("page", &page)] {
            assert!(!text.contains(private), "{private} in the {what}: {text}");
        }
    }
    drop(events);
    drop(web);
    assert_eq!(
        listing(folder.path()),
        before,
        "the display wrote in the folder"
    );
}

/// Chromium where Debian puts it; `None` (the test then says why it skips) where it is absent.
fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
}

/// Runs headless Chromium on `url` with `args`; its standard output, or a failure after 60 s.
fn headless(chromium: &Path, profile: &Path, url: &str, args: &[&str]) -> String {
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--timeout=3000", "--window-size=1280,720"])
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = thread::spawn(move || {
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("headless Chromium did not finish on {url}");
        }
        thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn the_page_in_headless_chromium_shows_what_the_room_display_shows() {
    let Some(chromium) = chromium() else {
        eprintln!("skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)");
        return;
    };
    let folder = meeting_folder();
    let meeting = load_meeting(&folder.path().join(MEETING)).unwrap().meeting;
    let mut minutes = Minutes::new(&meeting, MEETING);
    minutes.take_up(&meeting, "5", now()).unwrap();
    minutes
        .set_notes(&meeting, "5", "Geheim: let op de wethouder")
        .unwrap();
    for name in ["VVD", "D66"] {
        minutes
            .add_speaker(SpeakerChoice {
                name: name.into(),
                faction: Some(name.into()),
                role: Role::Member,
            })
            .unwrap();
    }
    minutes.toggle_speaker(now()).unwrap();
    save(folder.path(), &meeting, &minutes);
    let web = WebDisplay::start(folder.path());
    let profile = tempfile::tempdir().unwrap();

    let url = format!("http://{}/", web.address);
    let dom = headless(&chromium, profile.path(), &url, &["--dump-dom"]);
    // The words of the room display, as the terminal shows them, drawn by the page's script.
    for shown in [
        "<span id=\"title\">Raadsplein Info/debat TaKzaal</span>",
        "5  Plan beschut werken nieuw",
        "Het woord is aan · eerste termijn",
        "<div class=\"name\">VVD</div>",
        "spreektijd VVD: ",
        "<li>D66</li>",
    ] {
        assert!(dom.contains(shown), "{shown:?} not on the page:\n{dom}");
    }
    let overlay = headless(
        &chromium,
        profile.path(),
        &format!("{url}overlay"),
        &["--dump-dom"],
    );
    // What the overlay shows: its one box (the view it was sent stays in its data).
    let start = overlay
        .find("<div id=\"speaker\"")
        .expect("the speaker's box");
    let shown = &overlay[start..start + overlay[start..].find("<script").unwrap()];
    assert!(shown.contains("<div id=\"name\">VVD</div>"), "{shown}");
    assert!(
        shown.contains("<span id=\"detail\">fractie</span>"),
        "{shown}"
    );
    assert!(
        !shown.contains("D66"),
        "the overlay shows the speaker alone: {shown}"
    );
    for private in ["Geheim", "2071", "m.van.klaveren@zwolle.nl"] {
        assert!(
            !dom.contains(private) && !overlay.contains(private),
            "{private}"
        );
    }

    let shot = profile.path().join("page.png");
    let shot_arg = format!("--screenshot={}", shot.display());
    headless(&chromium, profile.path(), &url, &[&shot_arg]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    if let Ok(target) = std::env::var("GAVEL_SCREENSHOT") {
        std::fs::copy(&shot, target).unwrap();
    }
}

#[test]
fn the_display_follows_the_console_itself() {
    let folder = meeting_folder();
    let mut console = spawn(folder.path(), &[MEETING, "--lang", "en"]);
    console.wait_for_within("Agenda", Duration::from_secs(10));
    let mut display = spawn(folder.path(), &["display", MEETING, "--lang", "en"]);
    display.wait_for_within("The meeting begins at 19:30", Duration::from_secs(10));

    for _ in 0..5 {
        console.keys("j"); // down to item 5
        thread::sleep(Duration::from_millis(60));
    }
    console.keys("\r");
    console.wait_for_within("Item 5 taken up", Duration::from_secs(5));
    display.wait_for_within("No one has the floor", WITHIN);

    console.keys("a");
    console.wait_for_within("Add speaker", Duration::from_secs(5));
    console.keys("VVD");
    thread::sleep(Duration::from_millis(100));
    console.keys("\r");
    console.wait_for_within("added to the list of speakers", Duration::from_secs(5));
    display.wait_for_within("1. VVD", WITHIN);

    console.keys(" ");
    console.wait_for_within("VVD has the floor", Duration::from_secs(5));
    display.wait_for_within("time left for VVD", WITHIN);

    console.keys("E");
    thread::sleep(Duration::from_millis(100));
    console.keys("y");
    display.wait_for_within("The meeting was closed at", Duration::from_secs(2));

    console.keys("q");
    assert_eq!(console.wait_exit(), 0);
    display.keys("q");
    assert_eq!(display.wait_exit(), 0);
}

/// User plus system CPU time of a process so far, from /proc/PID/stat (fields 14 and 15, in
/// clock ticks of 1/100 s on Linux).
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after_name = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    // After "pid (comm)": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    Duration::from_millis(ticks * 10)
}

/// Issue 22, 1: the follower woke on its own reads of the minutes file (an open event each) and
/// burnt a core. Idle, with the minutes there and nobody writing, a display must use next to no
/// CPU: measured over 3 s, the web display and the terminal one.
#[test]
fn an_idle_display_uses_next_to_no_cpu() {
    let folder = meeting_folder();
    let meeting = load_meeting(&folder.path().join(MEETING)).unwrap().meeting;
    save(folder.path(), &meeting, &Minutes::new(&meeting, MEETING));
    let web = WebDisplay::start(folder.path());
    let mut terminal = spawn(folder.path(), &["display", MEETING, "--lang", "en"]);
    terminal.wait_for_within("The meeting begins at 19:30", Duration::from_secs(10));
    // Settle: the start (loading, the first read) is not idleness.
    thread::sleep(Duration::from_millis(500));
    let idle = Duration::from_secs(3);
    let web_before = cpu_time(web.child.id());
    let terminal_before = cpu_time(terminal.pid());
    thread::sleep(idle);
    let web_used = cpu_time(web.child.id()) - web_before;
    let terminal_used = cpu_time(terminal.pid()) - terminal_before;
    // Under 1 % of a core is the aim (measured 0-10 ms); 3 % leaves room for a busy CI machine,
    // the defect used 56-96 %.
    let limit = idle * 3 / 100;
    eprintln!("idle {idle:?}: web display {web_used:?}, terminal display {terminal_used:?}");
    assert!(
        web_used <= limit,
        "web display used {web_used:?} in {idle:?}"
    );
    assert!(
        terminal_used <= limit,
        "terminal display used {terminal_used:?} in {idle:?}"
    );
    terminal.keys("q");
    assert_eq!(terminal.wait_exit(), 0);
}

/// Opens `n` connections that send nothing; those the server cannot take wait in its backlog
/// or fail, which is the point.
fn idle_connections(address: &str, n: usize) -> Vec<std::net::TcpStream> {
    let address: std::net::SocketAddr = address.parse().unwrap();
    (0..n)
        .filter_map(|_| {
            std::net::TcpStream::connect_timeout(&address, Duration::from_millis(500)).ok()
        })
        .collect()
}

/// The page, asked for until it comes (at most `within`).
fn page_within(web: &WebDisplay, within: Duration) -> String {
    let deadline = Instant::now() + within;
    loop {
        let answer = std::net::TcpStream::connect(&web.address)
            .and_then(|mut stream| {
                stream.set_read_timeout(Some(Duration::from_secs(2)))?;
                write!(
                    stream,
                    "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                    web.address
                )?;
                let mut answer = String::new();
                stream.read_to_string(&mut answer)?;
                Ok(answer)
            })
            .unwrap_or_default();
        if answer.starts_with("HTTP/1.1 200") {
            return answer;
        }
        assert!(
            Instant::now() < deadline,
            "no page within {within:?}: {answer}"
        );
        thread::sleep(Duration::from_millis(100));
    }
}

/// Issue 22, 2: 600 idle connections with `ulimit -n 1024` made tiny_http's accept thread panic
/// (EMFILE) and the port stopped listening for good. Now more connections than the cap are
/// refused with 503, running out of descriptors only delays, and the page comes again.
#[test]
fn the_web_page_survives_more_connections_than_its_cap_and_its_descriptors() {
    let folder = meeting_folder();
    // Below the cap of 128: the descriptors run out first (EMFILE), as in the defect.
    let web = WebDisplay::start_with_descriptors(folder.path(), Some(64));
    let idle = idle_connections(&web.address, 150);
    assert!(idle.len() > 64, "only {} connections", idle.len());
    thread::sleep(Duration::from_millis(300));
    drop(idle);
    let page = page_within(&web, Duration::from_secs(5));
    assert!(page.contains("<html lang=\"nl\">"));

    // Descriptors enough: past the cap, a connection is answered 503 at once, not queued.
    let web = WebDisplay::start(folder.path());
    let mut idle = idle_connections(&web.address, 140);
    // One connect of the 140 may time out on a loaded machine: what counts is the cap.
    assert!(idle.len() >= 135, "only {} connections", idle.len());
    thread::sleep(Duration::from_millis(300));
    let mut refused = 0;
    for stream in &mut idle {
        stream.set_nonblocking(true).unwrap();
        let mut answer = [0u8; 64];
        if let Ok(n) = stream.read(&mut answer)
            && answer[..n].starts_with(b"HTTP/1.1 503")
        {
            refused += 1;
        }
    }
    // The readiness probe of `start` may still hold a slot when the first of these arrives.
    let past_the_cap = idle.len() - 128;
    assert!(
        (past_the_cap..=past_the_cap + 1).contains(&refused),
        "{refused} refused of {} connections, past the cap of 128",
        idle.len()
    );
    drop(idle);
    page_within(&web, Duration::from_secs(5));
}

/// Issue 22, 2: an unfinished request waited for ever (41 s seen, no 408), a 300 MiB header
/// was read whole, and any Host was served (DNS rebinding).
#[test]
fn a_slow_loris_gets_408_a_huge_header_431_and_a_foreign_host_421() {
    let folder = meeting_folder();
    let web = WebDisplay::start(folder.path());
    let mut slow = std::net::TcpStream::connect(&web.address).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: ", web.address).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let start = Instant::now();
    let mut answer = String::new();
    let _ = slow.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(
        start.elapsed() < Duration::from_secs(12),
        "{:?}",
        start.elapsed()
    );

    let mut big = std::net::TcpStream::connect(&web.address).unwrap();
    let header = "a".repeat(1024 * 1024);
    let _ = write!(
        big,
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: {header}\r\n\r\n",
        web.address
    );
    let mut answer = String::new();
    let _ = big.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer:?}");

    let mut foreign = std::net::TcpStream::connect(&web.address).unwrap();
    let port = web.address.rsplit_once(':').unwrap().1;
    write!(
        foreign,
        "GET /view.json HTTP/1.1\r\nHost: rebound.example:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    foreign.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    assert!(!answer.contains("Raadsplein"), "{answer}");
    let local = format!("localhost:{port}");
    let mut ok = std::net::TcpStream::connect(&web.address).unwrap();
    write!(
        ok,
        "GET /view.json HTTP/1.1\r\nHost: {local}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    ok.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

//! The room's screen as a web page: the same `RoomView`, sent as JSON over server-sent events to
//! one self-contained page (no CDN: CSS and script inline) and to `/overlay`, the speaker alone on
//! a transparent background for a video mixer.
//!
//! Read-only: only GET is answered, and only these paths; none reaches a file.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response, Server};

use super::Followed;
use super::follow::Update;
use super::model::RoomView;
use crate::domain::meeting::Meeting;
use crate::i18n::Lang;

/// How often an event stream looks at the clock when nothing was saved.
const TICK: Duration = Duration::from_millis(250);
/// A comment line this often keeps proxies from closing a quiet stream and finds gone browsers.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

const PAGE: &str = include_str!("page.html");
const OVERLAY: &str = include_str!("overlay.html");

/// What every request thread reads: the meeting, the minutes as last read, and a bell that rings
/// when they change.
pub struct Shared {
    meeting: Meeting,
    minutes_file: String,
    lang: Lang,
    followed: Mutex<(Followed, u64)>,
    changed: Condvar,
    stop: Arc<AtomicBool>,
}

impl Shared {
    pub fn view(&self) -> RoomView {
        let followed = self.followed.lock().unwrap_or_else(|e| e.into_inner());
        followed
            .0
            .view(&self.meeting, &self.minutes_file, super::now(), self.lang)
    }

    fn version(&self) -> u64 {
        self.followed.lock().unwrap_or_else(|e| e.into_inner()).1
    }

    /// Waits until the minutes change or `timeout` passes.
    fn wait(&self, seen: u64, timeout: Duration) {
        let followed = self.followed.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self
            .changed
            .wait_timeout_while(followed, timeout, |(_, version)| *version == seen);
    }
}

/// Serves the display on `server` until a signal stops it; returns the exit code.
pub fn serve(
    server: &Server,
    meeting: Meeting,
    minutes_file: String,
    updates: Receiver<Update>,
    lang: Lang,
    stop: Arc<AtomicBool>,
) -> i32 {
    let shared = Arc::new(Shared {
        meeting,
        minutes_file,
        lang,
        followed: Mutex::new((Followed::default(), 0)),
        changed: Condvar::new(),
        stop,
    });
    let forward = Arc::clone(&shared);
    thread::spawn(move || {
        for update in updates {
            let mut followed = forward.followed.lock().unwrap_or_else(|e| e.into_inner());
            followed.0.apply(update);
            followed.1 += 1;
            forward.changed.notify_all();
        }
    });
    while !shared.stop.load(Ordering::Relaxed) {
        match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) => {
                let shared = Arc::clone(&shared);
                thread::spawn(move || {
                    let _ = answer(request, &shared);
                });
            }
            Ok(None) => {}
            Err(_) => return 1,
        }
    }
    shared.changed.notify_all();
    0
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

/// Headers for every answer: nothing from elsewhere, nothing cached, nothing guessed.
fn common_headers() -> Vec<Header> {
    vec![
        header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
        ),
        header("X-Content-Type-Options", "nosniff"),
        header("Cache-Control", "no-store"),
        header("Referrer-Policy", "no-referrer"),
    ]
}

fn answer(request: Request, shared: &Shared) -> io::Result<()> {
    if *request.method() != Method::Get {
        let mut response = Response::from_string("only GET\n").with_status_code(405);
        response.add_header(header("Allow", "GET"));
        return request.respond(response);
    }
    let path = request
        .url()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let (body, kind) = match path.as_str() {
        "/" => (page(PAGE, shared), "text/html; charset=utf-8"),
        "/overlay" => (page(OVERLAY, shared), "text/html; charset=utf-8"),
        "/view.json" => (json(&shared.view()), "application/json"),
        "/events" => return events(request, shared),
        _ => {
            let response = Response::from_string("not found\n").with_status_code(404);
            return request.respond(response);
        }
    };
    let mut response = Response::from_string(body);
    for h in common_headers() {
        response.add_header(h);
    }
    response.add_header(header("Content-Type", kind));
    request.respond(response)
}

/// The page with the view of this moment in it, so it shows at once, before the first event.
fn page(template: &str, shared: &Shared) -> String {
    // In a script element only "</" could end it early; JSON allows "<" written as \u003c.
    let view = json(&shared.view()).replace('<', "\\u003c");
    template
        .replace("{{lang}}", shared.lang.tag())
        .replace("{{view}}", &view)
}

fn json(view: &RoomView) -> String {
    serde_json::to_string(view).unwrap_or_else(|_| "{}".into())
}

/// The event stream: the view at once, then every time it changes (a save, the next second).
/// Written on the connection itself, each event flushed as it is sent.
fn events(request: Request, shared: &Shared) -> io::Result<()> {
    let mut out = request.into_writer();
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    )?;
    out.flush()?;
    let mut sent = String::new();
    let mut quiet_since = Instant::now();
    while !shared.stop.load(Ordering::Relaxed) {
        let seen = shared.version();
        let now = json(&shared.view());
        if now != sent {
            write!(out, "data: {now}\n\n")?;
            out.flush()?;
            sent = now;
            quiet_since = Instant::now();
        } else if quiet_since.elapsed() >= KEEP_ALIVE {
            out.write_all(b": still here\n\n")?;
            out.flush()?;
            quiet_since = Instant::now();
        }
        shared.wait(seen, TICK);
    }
    Ok(())
}

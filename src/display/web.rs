//! The room's screen as a web page: the same `RoomView`, sent as JSON over server-sent events to
//! one self-contained page (no CDN: CSS and script inline) and to `/overlay`, the speaker alone on
//! a transparent background for a video mixer.
//!
//! Read-only: only GET is answered, and only these paths; none reaches a file.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt as _, Full};
use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{Semaphore, mpsc, watch};

use super::Followed;
use super::follow::Update;
use super::model::RoomView;
use crate::domain::meeting::Meeting;
use crate::i18n::Lang;

/// How often an event stream looks at the clock when nothing was saved.
const TICK: Duration = Duration::from_millis(250);
/// A comment line this often keeps proxies from closing a quiet stream and finds gone browsers.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Connections served at once (the page, the overlay, their event streams): a room has a few
/// screens and a mixer; the rest are refused at once with 503, never queued (issue 22, 2).
pub const MAX_CONNECTIONS: usize = 128;
/// A request's line and headers must be in within this time, and an idle kept-alive
/// connection is closed after it: a slow-loris gets 408 and the connection is closed.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The most a request's line and headers may take (hyper's least); past it 431 or 414.
const MAX_HEAD_BYTES: usize = 16 * 1024;
const MAX_HEADERS: usize = 32;
/// An event a client does not take within this time ends its stream (a reader that stopped).
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// After a failed accept (no descriptors left: EMFILE), wait this long and listen on.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

const PAGE: &str = include_str!("page.html");
const OVERLAY: &str = include_str!("overlay.html");

const BUSY: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Type: text/plain\r\n\
Content-Length: 5\r\nConnection: close\r\n\r\nbusy\n";
const TIMED_OUT: &[u8] = b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain\r\n\
Content-Length: 10\r\nConnection: close\r\n\r\ntoo slow.\n";

/// What every connection reads: the meeting, the minutes as last read, and a bell that rings
/// when they change.
pub struct Shared {
    meeting: Meeting,
    minutes_file: String,
    lang: Lang,
    followed: Mutex<Followed>,
    changed: watch::Sender<u64>,
    stop: Arc<AtomicBool>,
    /// The address bound, for the check of the Host header.
    bound: SocketAddr,
    host_name: String,
}

impl Shared {
    pub fn view(&self) -> RoomView {
        let followed = self.followed.lock().unwrap_or_else(|e| e.into_inner());
        followed.view(&self.meeting, &self.minutes_file, super::now(), self.lang)
    }

    /// Whether a Host header names this server: `localhost`, an address literal (which no DNS
    /// rebinding can produce) or this machine's name, with the bound port when a port is given.
    /// A page of another site whose name was made to point here is refused (421).
    fn host_allowed(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((name, _)) if !name.ends_with(']') && name.contains(':') => (host, None),
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        };
        if port.is_some_and(|port| port.parse::<u16>().ok() != Some(self.bound.port())) {
            return false;
        }
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        bare.eq_ignore_ascii_case("localhost")
            || bare.parse::<IpAddr>().is_ok()
            || (!self.host_name.is_empty() && bare.eq_ignore_ascii_case(&self.host_name))
    }
}

/// Serves the display on `listener` until a signal stops it; returns the exit code.
///
/// One thread serves every connection (hyper on tokio's single-thread runtime): a connection
/// costs one descriptor and a little memory, not a thread.
pub fn serve(
    listener: TcpListener,
    meeting: Meeting,
    minutes_file: String,
    updates: Receiver<Update>,
    lang: Lang,
    stop: Arc<AtomicBool>,
) -> i32 {
    let Ok(bound) = listener.local_addr() else {
        return 1;
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(_) => return 1,
    };
    let (changed, _) = watch::channel(0u64);
    let shared = Arc::new(Shared {
        meeting,
        minutes_file,
        lang,
        followed: Mutex::new(Followed::default()),
        changed,
        stop,
        bound,
        host_name: gethostname::gethostname().to_string_lossy().into_owned(),
    });
    let forward = Arc::clone(&shared);
    thread::spawn(move || {
        for update in updates {
            forward
                .followed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .apply(update);
            forward.changed.send_modify(|version| *version += 1);
        }
    });
    runtime.block_on(accept_loop(listener, shared))
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) -> i32 {
    if listener.set_nonblocking(true).is_err() {
        return 1;
    }
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return 1;
    };
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    while !shared.stop.load(Ordering::Relaxed) {
        let accepted =
            match tokio::time::timeout(Duration::from_millis(200), listener.accept()).await {
                Ok(accepted) => accepted,
                Err(_) => continue,
            };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of descriptors (EMFILE, ENFILE) or a connection gone before it was taken:
            // wait a moment and listen on; the port never stops listening.
            Err(_) => {
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            // Refused politely, at once: the answer fits the socket's buffer.
            let _ = stream.try_write(BUSY);
            continue;
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let _slot = slot;
            connection(stream, shared).await;
        });
    }
    0
}

async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    let socket = Arc::new(stream);
    let io = TokioIo::new(Socket(Arc::clone(&socket)));
    let service = service_fn(move |request| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(answer(&request, &shared)) }
    });
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(READ_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS)
        .serve_connection(io, service)
        .await;
    if let Err(error) = served
        && error.is_timeout()
    {
        let _ = socket.try_write(TIMED_OUT);
    }
}

/// The connection as hyper reads and writes it, shared with `connection` so that a request
/// that timed out can still be answered 408 after hyper gave the connection up.
struct Socket(Arc<TcpStream>);

impl AsyncRead for Socket {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            if let Err(error) = std::task::ready!(self.0.poll_read_ready(cx)) {
                return Poll::Ready(Err(error));
            }
            match self.0.try_read(buf.initialize_unfilled()) {
                Ok(n) => {
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
    }
}

impl AsyncWrite for Socket {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        loop {
            if let Err(error) = std::task::ready!(self.0.poll_write_ready(cx)) {
                return Poll::Ready(Err(error));
            }
            match self.0.try_write(buf) {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                done => return Poll::Ready(done),
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    /// The connection closes when both holders let go of it.
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

type Answer = Response<BoxBody<Bytes, Infallible>>;

fn text(status: StatusCode, body: &'static str) -> Answer {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())).boxed());
    *response.status_mut() = status;
    response
}

/// Headers for every answer: nothing from elsewhere, nothing cached, nothing guessed.
fn with_common_headers(mut response: Answer, kind: &'static str) -> Answer {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
}

fn answer(request: &Request<Incoming>, shared: &Arc<Shared>) -> Answer {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    match host {
        None => return text(StatusCode::BAD_REQUEST, "no Host\n"),
        Some(host) if !shared.host_allowed(host) => {
            return text(StatusCode::MISDIRECTED_REQUEST, "unknown Host\n");
        }
        Some(_) => {}
    }
    if request.method() != Method::GET {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET"));
        return response;
    }
    let (body, kind) = match request.uri().path() {
        "/" => (page(PAGE, shared), "text/html; charset=utf-8"),
        "/overlay" => (page(OVERLAY, shared), "text/html; charset=utf-8"),
        "/view.json" => (json(&shared.view()), "application/json"),
        "/events" => return events(Arc::clone(shared)),
        _ => return text(StatusCode::NOT_FOUND, "not found\n"),
    };
    with_common_headers(Response::new(Full::new(Bytes::from(body)).boxed()), kind)
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
fn events(shared: Arc<Shared>) -> Answer {
    let (send, receive) = mpsc::channel::<Bytes>(4);
    tokio::spawn(async move {
        let mut changed = shared.changed.subscribe();
        let mut sent = String::new();
        let mut quiet_since = Instant::now();
        let mut first = true;
        while !shared.stop.load(Ordering::Relaxed) && !send.is_closed() {
            let now = json(&shared.view());
            let event = if now != sent {
                let prefix = if first { "retry: 1000\n\n" } else { "" };
                first = false;
                let event = format!("{prefix}data: {now}\n\n");
                sent = now;
                Some(event)
            } else if quiet_since.elapsed() >= KEEP_ALIVE {
                Some(": still here\n\n".to_string())
            } else {
                None
            };
            if let Some(event) = event {
                quiet_since = Instant::now();
                match tokio::time::timeout(SEND_TIMEOUT, send.send(Bytes::from(event))).await {
                    Ok(Ok(())) => {}
                    // Gone, or not reading: the stream ends.
                    _ => return,
                }
            }
            let _ = tokio::time::timeout(TICK, changed.changed()).await;
        }
    });
    let mut response = with_common_headers(
        Response::new(EventBody(receive).boxed()),
        "text/event-stream",
    );
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// The body of an event stream: each event as the stream's task sends it.
struct EventBody(mpsc::Receiver<Bytes>);

impl Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|event| event.map(|bytes| Ok(Frame::data(bytes))))
    }
}

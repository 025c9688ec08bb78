//! The direct connection between two seats (issue 26): one seat listens on an address given
//! explicitly (`--listen`), the other connects to it (`--connect`); both prove they hold the
//! meeting's seat key (`store::seat_key`) and then exchange the automerge sync protocol's
//! messages, encrypted (`wire`). It is a pipe and nothing more: the seat document and its sync
//! state stay with the console, which sends and takes messages once a frame without waiting,
//! while threads here connect, read, write and ping. One peer at a time: a new connection that
//! proves the key replaces the old one (a restarted console whose old connection is not yet
//! timed out); one that does not is refused and said.
//!
//! Every wait has a bound: the handshake 5 s in all, a silent connection is dropped after 10 s
//! (pings every 3 s keep a quiet one open), a write that cannot go on for 10 s drops it, at
//! most 16 handshakes at once and a refused one holds its place a second, a message is at most
//! `wire::MAX_SYNC`, and at most `EVENTS` messages wait for the console before the connection
//! waits for it.

pub mod wire;

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::store::seat_key::SeatKey;
use wire::{Assembly, Incoming, Refusal, Role, WireError};

const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
const PING_EVERY: Duration = Duration::from_secs(3);
const SILENT_FOR: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
const RETRY: Duration = Duration::from_secs(2);
const MAX_HANDSHAKES: usize = 16;
const REFUSED_PAUSE: Duration = Duration::from_secs(1);
/// Sync messages waiting to be written before the connection is dropped as stuck.
const QUEUE: usize = 256;
/// What the connection read and the console has not taken yet.
const EVENTS: usize = 1024;

/// What the link tells the console. `link` numbers the connection: what a replaced one still
/// says is passed by.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkEvent {
    Connected {
        link: u64,
        peer: String,
    },
    Received {
        link: u64,
        sync: Vec<u8>,
    },
    Lost {
        link: u64,
        why: LinkProblem,
    },
    /// Connecting: the other seat cannot be reached or refused (said once until it works).
    Unreachable {
        why: LinkProblem,
    },
    /// Listening: a connection was refused.
    Refused {
        from: SocketAddr,
        why: LinkProblem,
    },
}

/// Why a connection did not come about or ended, as the console says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkProblem {
    /// The other side does not hold this meeting's seat key (or is not gavel).
    WrongKey,
    /// Both seats have the same name.
    SameSeat(String),
    /// Nothing listens at the address.
    NotListening,
    /// No answer in time (the other machine gone, the network cut).
    NoAnswer,
    /// The other side closed the connection.
    Closed,
    /// Anything else: the system's or the protocol's words.
    Other(String),
}

impl From<&WireError> for LinkProblem {
    fn from(error: &WireError) -> Self {
        use std::io::ErrorKind;
        match error {
            WireError::WrongKey | WireError::Refused(Refusal::WrongKey) => LinkProblem::WrongKey,
            WireError::SameSeat(name) => LinkProblem::SameSeat(name.clone()),
            WireError::Refused(Refusal::SameSeat) => LinkProblem::SameSeat(String::new()),
            WireError::Closed => LinkProblem::Closed,
            WireError::Io(io) => match io.kind() {
                ErrorKind::ConnectionRefused => LinkProblem::NotListening,
                ErrorKind::TimedOut | ErrorKind::WouldBlock => LinkProblem::NoAnswer,
                ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::BrokenPipe
                | ErrorKind::UnexpectedEof => LinkProblem::Closed,
                _ => LinkProblem::Other(io.to_string()),
            },
            other => LinkProblem::Other(other.to_string()),
        }
    }
}

struct Connection {
    link: u64,
    out: SyncSender<Vec<u8>>,
    stream: TcpStream,
}

struct Shared {
    stop: AtomicBool,
    current: Mutex<Option<Connection>>,
    next_link: AtomicU64,
    handshakes: AtomicUsize,
}

impl Shared {
    fn current(&self) -> std::sync::MutexGuard<'_, Option<Connection>> {
        self.current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One seat's end of the direct connection.
pub struct SeatLink {
    events: Receiver<LinkEvent>,
    shared: Arc<Shared>,
    /// Where a listening seat listens (port 0 given: the port chosen).
    local: Option<SocketAddr>,
}

impl SeatLink {
    fn channels() -> (Arc<Shared>, SyncSender<LinkEvent>, Receiver<LinkEvent>) {
        let (sender, receiver) = mpsc::sync_channel(EVENTS);
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            current: Mutex::new(None),
            next_link: AtomicU64::new(1),
            handshakes: AtomicUsize::new(0),
        });
        (shared, sender, receiver)
    }

    /// Listens at `address` for the other seat (a failure to bind is the caller's to say).
    pub fn listen(
        address: SocketAddr,
        key: SeatKey,
        meeting: &str,
        seat: &str,
    ) -> std::io::Result<SeatLink> {
        let listener = TcpListener::bind(address)?;
        let local = listener.local_addr()?;
        let (shared, events, receiver) = SeatLink::channels();
        let accepting = Arc::clone(&shared);
        let who = Who {
            key,
            meeting: meeting.to_string(),
            seat: seat.to_string(),
        };
        thread::Builder::new()
            .name("seat-link-listen".into())
            .spawn(move || accept(&listener, &accepting, &events, &who))?;
        Ok(SeatLink {
            events: receiver,
            shared,
            local: Some(local),
        })
    }

    /// Connects to the other seat at `address`, and again whenever the connection is gone.
    pub fn connect(
        address: SocketAddr,
        key: SeatKey,
        meeting: &str,
        seat: &str,
    ) -> std::io::Result<SeatLink> {
        let (shared, events, receiver) = SeatLink::channels();
        let connecting = Arc::clone(&shared);
        let who = Who {
            key,
            meeting: meeting.to_string(),
            seat: seat.to_string(),
        };
        thread::Builder::new()
            .name("seat-link-connect".into())
            .spawn(move || keep_connecting(address, &connecting, &events, &who))?;
        Ok(SeatLink {
            events: receiver,
            shared,
            local: None,
        })
    }

    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local
    }

    /// The next event, if one is there (never waits).
    pub fn try_event(&self) -> Option<LinkEvent> {
        self.events.try_recv().ok()
    }

    /// Sends a sync message on connection `link`; false when that connection is gone (or so
    /// stuck that it is dropped now: the sync starts afresh on the next).
    pub fn send(&self, link: u64, sync: Vec<u8>) -> bool {
        let mut current = self.shared.current();
        let Some(connection) = current.as_ref().filter(|c| c.link == link) else {
            return false;
        };
        if connection.out.try_send(sync).is_ok() {
            return true;
        }
        let _ = connection.stream.shutdown(Shutdown::Both);
        *current = None;
        false
    }
}

impl SeatLink {
    /// Ends connection `link` (a message of it could not be taken in): the other seat
    /// connects again and the sync starts afresh.
    pub fn drop_connection(&self, link: u64) {
        let mut current = self.shared.current();
        if let Some(connection) = current.as_ref().filter(|c| c.link == link) {
            let _ = connection.stream.shutdown(Shutdown::Both);
            *current = None;
        }
    }
}

impl Drop for SeatLink {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(connection) = self.shared.current().take() {
            let _ = connection.stream.shutdown(Shutdown::Both);
        }
        // The listening thread waits in accept: one connection of its own wakes it to end.
        if let Some(mut local) = self.local {
            if local.ip().is_unspecified() {
                local.set_ip(match local {
                    SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                    SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
                });
            }
            let _ = TcpStream::connect_timeout(&local, Duration::from_millis(200));
        }
    }
}

/// A stream whose reads and writes all end by one deadline (the handshake: a peer that sends a
/// byte every few seconds does not hold it open).
struct Until<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Until<'_> {
    fn left(&self) -> std::io::Result<Duration> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        Ok(left)
    }
}

impl Read for Until<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.stream.set_read_timeout(Some(self.left()?))?;
        self.stream.read(buf)
    }
}

impl Write for Until<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.stream.set_write_timeout(Some(self.left()?))?;
        self.stream.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What this end proves and says in a handshake.
#[derive(Clone)]
struct Who {
    key: SeatKey,
    meeting: String,
    seat: String,
}

fn shake(
    stream: &TcpStream,
    role: Role,
    who: &Who,
) -> Result<(snow::TransportState, String), WireError> {
    let _ = stream.set_nodelay(true);
    let mut timed = Until {
        stream,
        deadline: Instant::now() + HANDSHAKE_TIMEOUT,
    };
    wire::handshake(&mut timed, role, &who.key, &who.meeting, &who.seat)
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>, events: &SyncSender<LinkEvent>, who: &Who) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else {
            // Out of descriptors and the like: a moment, not a busy loop.
            thread::sleep(Duration::from_millis(100));
            continue;
        };
        if shared.handshakes.fetch_add(1, Ordering::SeqCst) >= MAX_HANDSHAKES {
            shared.handshakes.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            wire::refuse(&mut stream, Refusal::Busy);
            continue;
        }
        let serving = Arc::clone(shared);
        let events = events.clone();
        let who = who.clone();
        let spawned = thread::Builder::new()
            .name("seat-link-peer".into())
            .spawn(move || {
                let from = stream.peer_addr().ok();
                let shaken = shake(&stream, Role::Listens, &who);
                let shared = serving;
                match shaken {
                    Ok((transport, peer)) => {
                        shared.handshakes.fetch_sub(1, Ordering::SeqCst);
                        run_connection(&shared, &events, stream, transport, peer);
                    }
                    Err(error) => {
                        if let Some(from) = from {
                            let why = LinkProblem::from(&error);
                            let _ = events.try_send(LinkEvent::Refused { from, why });
                        }
                        thread::sleep(REFUSED_PAUSE);
                        let _ = stream.shutdown(Shutdown::Both);
                        shared.handshakes.fetch_sub(1, Ordering::SeqCst);
                    }
                }
            });
        if spawned.is_err() {
            shared.handshakes.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn keep_connecting(
    address: SocketAddr,
    shared: &Arc<Shared>,
    events: &SyncSender<LinkEvent>,
    who: &Who,
) {
    // Said once until a connection works: the console shows it, and not every two seconds.
    let mut said = false;
    while !shared.stop.load(Ordering::SeqCst) {
        let attempt = TcpStream::connect_timeout(&address, CONNECT_TIMEOUT)
            .map_err(WireError::Io)
            .and_then(|stream| {
                let shaken = shake(&stream, Role::Connects, who)?;
                Ok((stream, shaken))
            });
        match attempt {
            Ok((stream, (transport, peer))) => {
                said = false;
                run_connection(shared, events, stream, transport, peer);
            }
            Err(error) => {
                if !said {
                    said = true;
                    let why = LinkProblem::from(&error);
                    let _ = events.try_send(LinkEvent::Unreachable { why });
                }
            }
        }
        thread::sleep(RETRY);
    }
}

/// Serves one connection that proved the key until it ends: this thread reads, a second one
/// writes what the console sends, and a ping when it has sent nothing for a while.
fn run_connection(
    shared: &Arc<Shared>,
    events: &SyncSender<LinkEvent>,
    stream: TcpStream,
    transport: snow::TransportState,
    peer: String,
) {
    if shared.stop.load(Ordering::SeqCst) {
        return;
    }
    let link = shared.next_link.fetch_add(1, Ordering::SeqCst);
    let (out, queued) = mpsc::sync_channel::<Vec<u8>>(QUEUE);
    let (Ok(for_writer), Ok(for_current)) = (stream.try_clone(), stream.try_clone()) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(SILENT_FOR));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    {
        let mut current = shared.current();
        if let Some(old) = current.take() {
            let _ = old.stream.shutdown(Shutdown::Both);
        }
        *current = Some(Connection {
            link,
            out,
            stream: for_current,
        });
    }
    let transport = Arc::new(Mutex::new(transport));
    let sealing = Arc::clone(&transport);
    let writer = thread::Builder::new()
        .name("seat-link-write".into())
        .spawn(move || write_until_gone(for_writer, &sealing, &queued));
    if writer.is_err() {
        forget(shared, link, &stream);
        return;
    }
    if events.send(LinkEvent::Connected { link, peer }).is_err() {
        forget(shared, link, &stream);
        return;
    }
    let why = read_until_gone(&stream, &transport, events, link);
    forget(shared, link, &stream);
    if !shared.stop.load(Ordering::SeqCst) {
        let _ = events.send(LinkEvent::Lost {
            link,
            why: LinkProblem::from(&why),
        });
    }
}

/// The connection's end: it is no longer the current one, and its writer stops.
fn forget(shared: &Shared, link: u64, stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Both);
    let mut current = shared.current();
    if current.as_ref().is_some_and(|c| c.link == link) {
        *current = None;
    }
}

fn lock(
    transport: &Mutex<snow::TransportState>,
) -> std::sync::MutexGuard<'_, snow::TransportState> {
    transport
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn read_until_gone(
    stream: &TcpStream,
    transport: &Mutex<snow::TransportState>,
    events: &SyncSender<LinkEvent>,
    link: u64,
) -> WireError {
    let mut reader = stream;
    let mut frame = Vec::new();
    let mut assembly = Assembly::default();
    loop {
        if let Err(error) = wire::read_frame(&mut reader, &mut frame) {
            return error;
        }
        let opened = assembly.open(&mut lock(transport), &frame);
        match opened {
            Ok(Some(Incoming::Sync(sync))) => {
                // Waits while the console is behind: the other seat then waits on TCP.
                if events.send(LinkEvent::Received { link, sync }).is_err() {
                    return WireError::Closed;
                }
            }
            Ok(Some(Incoming::Ping) | None) => {}
            Err(error) => return error,
        }
    }
}

fn write_until_gone(
    stream: TcpStream,
    transport: &Mutex<snow::TransportState>,
    queued: &Receiver<Vec<u8>>,
) {
    let mut writer = &stream;
    loop {
        let sealed = match queued.recv_timeout(PING_EVERY) {
            Ok(sync) => wire::seal_sync(&mut lock(transport), &sync),
            Err(RecvTimeoutError::Timeout) => {
                wire::seal_ping(&mut lock(transport)).map(|p| vec![p])
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let written = sealed.and_then(|messages| {
            messages
                .iter()
                .try_for_each(|message| wire::write_frame(&mut writer, message))
        });
        if written.is_err() {
            break;
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

#[cfg(test)]
mod tests;

//! The direct connection's bytes (issue 26). A frame is a big-endian `u16` length and that many
//! bytes: a Noise message (`Noise_NNpsk0_25519_ChaChaPoly_SHA256`, by the `snow` crate). The
//! two handshake messages carry each seat's name, already encrypted under the seat key, so a
//! console without the key learns nothing, not even the names; every message after them is
//! encrypted and authenticated, in order, so nothing can be changed, replayed or slipped in.
//! Inside a message: one byte of kind and the body. A sync message of the automerge protocol
//! larger than one Noise message goes in parts, put together here up to `MAX_SYNC`.
//!
//! A listener that refuses a handshake sends one frame of length 0 and a reason byte, in the
//! clear: the connecting seat can then say why (the wrong key, the same seat name) instead of
//! only that the connection closed. It is not authenticated; anyone on the path could fake it,
//! as they could cut the connection.

use std::io::{Read, Write};

use crate::seats::valid_seat;
use crate::store::seat_key::SeatKey;

pub const PATTERN: &str = "Noise_NNpsk0_25519_ChaChaPoly_SHA256";
/// Both sides mix this in before the first message, with the meeting file's name: a seat of
/// another protocol version, or of another meeting under a copied key, fails the handshake
/// instead of misreading what follows or merging two meetings' minutes.
const PROLOGUE: &[u8] = b"gavel seat link 1\n";
/// The Noise protocol's largest message.
pub const MAX_NOISE: usize = 65535;
const TAG: usize = 16;
/// The body of one message: a Noise message less its tag and the kind byte.
const PART: usize = MAX_NOISE - TAG - 1;
/// A sync message larger than this is refused (the other seat's whole document after a day
/// apart is a few hundred KiB; a seat file is capped at 4 MiB).
pub const MAX_SYNC: usize = 8 * 1024 * 1024;

const KIND_PART: u8 = 1;
const KIND_LAST: u8 = 2;
const KIND_PING: u8 = 3;

/// Why a listener refused (the byte after a frame of length 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The connecting seat does not hold this meeting's seat key.
    WrongKey = 1,
    /// Both seats have the same name.
    SameSeat = 2,
    /// A seat is already connected and the handshake of another failed.
    Busy = 3,
}

impl Refusal {
    fn from_byte(byte: u8) -> Option<Refusal> {
        match byte {
            1 => Some(Refusal::WrongKey),
            2 => Some(Refusal::SameSeat),
            3 => Some(Refusal::Busy),
            _ => None,
        }
    }
}

/// What went wrong on the connection.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the connection was closed")]
    Closed,
    #[error("the other side does not hold this meeting's seat key, or is not gavel")]
    WrongKey,
    #[error("the other seat refused: {0:?}")]
    Refused(Refusal),
    #[error("both seats are named \"{0}\"")]
    SameSeat(String),
    #[error("the other seat's name is not a seat name")]
    BadSeatName,
    #[error("a message of {0} bytes is larger than gavel takes")]
    TooLarge(usize),
    #[error("a malformed message: {0}")]
    Malformed(&'static str),
    #[error("the link's encryption failed: {0}")]
    Noise(#[from] snow::Error),
}

/// Which end this console is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Listens,
    Connects,
}

/// Writes one frame: its length, then its bytes (at most `MAX_NOISE`).
pub fn write_frame(stream: &mut impl Write, bytes: &[u8]) -> Result<(), WireError> {
    let length = u16::try_from(bytes.len()).map_err(|_| WireError::TooLarge(bytes.len()))?;
    let mut frame = Vec::with_capacity(2 + bytes.len());
    frame.extend_from_slice(&length.to_be_bytes());
    frame.extend_from_slice(bytes);
    stream.write_all(&frame)?;
    stream.flush()?;
    Ok(())
}

/// Reads one frame into `frame`. A frame of length 0 is a refusal.
pub fn read_frame(stream: &mut impl Read, frame: &mut Vec<u8>) -> Result<(), WireError> {
    let mut length = [0u8; 2];
    read_exactly(stream, &mut length)?;
    let length = usize::from(u16::from_be_bytes(length));
    if length == 0 {
        let mut reason = [0u8; 1];
        read_exactly(stream, &mut reason)?;
        return Err(match Refusal::from_byte(reason[0]) {
            Some(refusal) => WireError::Refused(refusal),
            None => WireError::Malformed("an unknown refusal"),
        });
    }
    frame.resize(length, 0);
    read_exactly(stream, frame)
}

fn read_exactly(stream: &mut impl Read, bytes: &mut [u8]) -> Result<(), WireError> {
    stream
        .read_exact(bytes)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::UnexpectedEof => WireError::Closed,
            _ => WireError::Io(error),
        })
}

/// Tells the connecting side why it is refused (best effort: it may be gone).
pub fn refuse(stream: &mut impl Write, why: Refusal) {
    let _ = stream.write_all(&[0, 0, why as u8]);
    let _ = stream.flush();
}

fn builder<'a>(key: &'a SeatKey, prologue: &'a [u8]) -> Result<snow::Builder<'a>, WireError> {
    let params = PATTERN
        .parse()
        .map_err(|_| WireError::Malformed("the Noise pattern"))?;
    Ok(snow::Builder::new(params)
        .prologue(prologue)?
        .psk(0, key.bytes())?)
}

fn peer_name(payload: &[u8], own: &str) -> Result<String, WireError> {
    let name = std::str::from_utf8(payload).map_err(|_| WireError::BadSeatName)?;
    if !valid_seat(name) {
        return Err(WireError::BadSeatName);
    }
    if name == own {
        return Err(WireError::SameSeat(name.to_string()));
    }
    Ok(name.to_string())
}

/// The handshake: both sides prove they hold `key` for `meeting` (its file's name) and learn the other's seat name. The
/// stream's timeouts bound it (the caller sets them). A listener refuses a connection without
/// the key, or with this seat's own name, and says so.
pub fn handshake<S: Read + Write>(
    stream: &mut S,
    role: Role,
    key: &SeatKey,
    meeting: &str,
    seat: &str,
) -> Result<(snow::TransportState, String), WireError> {
    let prologue = [PROLOGUE, meeting.as_bytes()].concat();
    let mut frame = Vec::new();
    let mut payload = vec![0u8; MAX_NOISE];
    let mut message = vec![0u8; MAX_NOISE];
    match role {
        Role::Connects => {
            let mut noise = builder(key, &prologue)?.build_initiator()?;
            let length = noise.write_message(seat.as_bytes(), &mut message)?;
            write_frame(stream, &message[..length])?;
            read_frame(stream, &mut frame)?;
            let length = noise
                .read_message(&frame, &mut payload)
                .map_err(|_| WireError::WrongKey)?;
            let peer = peer_name(&payload[..length], seat)?;
            Ok((noise.into_transport_mode()?, peer))
        }
        Role::Listens => {
            let mut noise = builder(key, &prologue)?.build_responder()?;
            read_frame(stream, &mut frame)?;
            let length = match noise.read_message(&frame, &mut payload) {
                Ok(length) => length,
                Err(_) => {
                    refuse(stream, Refusal::WrongKey);
                    return Err(WireError::WrongKey);
                }
            };
            let peer = match peer_name(&payload[..length], seat) {
                Ok(peer) => peer,
                Err(error) => {
                    refuse(stream, Refusal::SameSeat);
                    return Err(error);
                }
            };
            let length = noise.write_message(seat.as_bytes(), &mut message)?;
            write_frame(stream, &message[..length])?;
            Ok((noise.into_transport_mode()?, peer))
        }
    }
}

/// What a message brought.
#[derive(Debug, PartialEq, Eq)]
pub enum Incoming {
    /// A whole sync message of the automerge protocol.
    Sync(Vec<u8>),
    /// The other seat is there (sent when nothing else was for a while).
    Ping,
}

/// The Noise messages of one sync message (or a ping), encrypted, in order.
pub fn seal_sync(
    transport: &mut snow::TransportState,
    sync: &[u8],
) -> Result<Vec<Vec<u8>>, WireError> {
    if sync.len() > MAX_SYNC {
        return Err(WireError::TooLarge(sync.len()));
    }
    let mut parts: Vec<&[u8]> = sync.chunks(PART).collect();
    if parts.is_empty() {
        parts.push(&[]);
    }
    let last = parts.len() - 1;
    let mut sealed = Vec::with_capacity(parts.len());
    let mut plain = Vec::with_capacity(PART + 1);
    for (at, part) in parts.into_iter().enumerate() {
        plain.clear();
        plain.push(if at == last { KIND_LAST } else { KIND_PART });
        plain.extend_from_slice(part);
        sealed.push(seal(transport, &plain)?);
    }
    Ok(sealed)
}

/// The Noise message of a ping.
pub fn seal_ping(transport: &mut snow::TransportState) -> Result<Vec<u8>, WireError> {
    seal(transport, &[KIND_PING])
}

fn seal(transport: &mut snow::TransportState, plain: &[u8]) -> Result<Vec<u8>, WireError> {
    let mut message = vec![0u8; plain.len() + TAG];
    let length = transport.write_message(plain, &mut message)?;
    message.truncate(length);
    Ok(message)
}

/// Puts the parts of sync messages together, as they are opened.
#[derive(Debug, Default)]
pub struct Assembly {
    parts: Vec<u8>,
}

impl Assembly {
    /// Opens one Noise message; returns what is complete with it.
    pub fn open(
        &mut self,
        transport: &mut snow::TransportState,
        message: &[u8],
    ) -> Result<Option<Incoming>, WireError> {
        let mut plain = vec![0u8; message.len()];
        let length = transport
            .read_message(message, &mut plain)
            .map_err(|_| WireError::Malformed("a message that does not open with the key"))?;
        self.take(&plain[..length])
    }

    /// Takes one opened message (its kind byte and body).
    pub fn take(&mut self, plain: &[u8]) -> Result<Option<Incoming>, WireError> {
        let Some((&kind, body)) = plain.split_first() else {
            return Err(WireError::Malformed("an empty message"));
        };
        match kind {
            KIND_PING if body.is_empty() && self.parts.is_empty() => Ok(Some(Incoming::Ping)),
            KIND_PART | KIND_LAST => {
                let total = self.parts.len() + body.len();
                if total > MAX_SYNC {
                    self.parts = Vec::new();
                    return Err(WireError::TooLarge(total));
                }
                self.parts.extend_from_slice(body);
                if kind == KIND_PART {
                    return Ok(None);
                }
                let whole = std::mem::take(&mut self.parts);
                if whole.is_empty() {
                    return Err(WireError::Malformed("an empty sync message"));
                }
                Ok(Some(Incoming::Sync(whole)))
            }
            _ => Err(WireError::Malformed("an unknown kind of message")),
        }
    }
}

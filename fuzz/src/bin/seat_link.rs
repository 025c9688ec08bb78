//! The direct connection between seats (issue 26) on any bytes from the other end. The first
//! byte picks what is fed: a listener's handshake, a connector's handshake, the parts of sync
//! messages after a handshake, or a sync message into a seat document. Nothing may panic or
//! take long; a handshake without the key never succeeds; a sync message that is taken in
//! leaves a document that reads, and refused ones change nothing.

use std::io::{Read, Write};

use gavel::seat_link::wire::{self, Assembly, Role};
use gavel::seats::SeatDoc;
use gavel::store::seat_key::SeatKey;

/// The other end: what it sends is the input; what gavel writes goes nowhere.
struct Peer<'a> {
    input: &'a [u8],
}

impl Read for Peer<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.input.read(buf)
    }
}

impl Write for Peer<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const MINUTES: &[u8] = include_bytes!("../../seeds/seat/2017-11-20-raadsplein-takzaal.seat-chair.automerge");

fn main() {
    let key = SeatKey::from_hex(&"5a".repeat(32)).expect("a key");
    afl::fuzz!(|data: &[u8]| {
        gavel_fuzz::timed(data, |data| {
            let Some((&mode, rest)) = data.split_first() else {
                return;
            };
            match mode % 4 {
                0 | 1 => {
                    let role = if mode % 4 == 0 { Role::Listens } else { Role::Connects };
                    let mut peer = Peer { input: rest };
                    let shaken = wire::handshake(&mut peer, role, &key, "m.yaml", "chair");
                    assert!(shaken.is_err(), "a handshake without the key succeeded");
                }
                2 => {
                    // Opened messages: a length byte, then that many bytes, over and over.
                    let mut assembly = Assembly::default();
                    let mut rest = rest;
                    while let Some((&length, tail)) = rest.split_first() {
                        let length = usize::from(length).min(tail.len());
                        let _ = assembly.take(&tail[..length]);
                        rest = &tail[length..];
                    }
                }
                _ => {
                    let mut doc = SeatDoc::load("clerk", MINUTES).expect("the seed loads");
                    let before = doc.minutes().expect("the seed reads");
                    let heads = doc.heads();
                    let mut state = automerge::sync::State::new();
                    match doc.receive_sync(&mut state, rest) {
                        Ok(_) => {
                            doc.minutes().expect("a document that took a sync message reads");
                        }
                        Err(_) => {
                            assert!(doc.heads() == heads, "a refused message changed the document");
                            assert!(doc.minutes().expect("reads") == before, "a refused message changed the minutes");
                        }
                    }
                }
            }
        });
    });
}

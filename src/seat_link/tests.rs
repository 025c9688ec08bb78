//! The direct connection on loopback, and what a hostile peer can send it.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use super::wire::{self, Assembly, Incoming, MAX_SYNC, Refusal, Role, WireError};
use super::{LinkEvent, LinkProblem, SeatLink};
use crate::store::seat_key::SeatKey;

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";

fn key() -> SeatKey {
    SeatKey::from_hex(&"5a".repeat(32)).unwrap()
}

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

/// The next event that `wanted` keeps, within `within`; others are passed by.
fn wait_for<T>(
    link: &SeatLink,
    within: Duration,
    mut wanted: impl FnMut(LinkEvent) -> Option<T>,
) -> T {
    let until = Instant::now() + within;
    let mut seen = Vec::new();
    while Instant::now() < until {
        match link.try_event() {
            Some(event) => {
                let shown = format!("{event:?}");
                if let Some(found) = wanted(event) {
                    return found;
                }
                seen.push(shown);
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    panic!("not within {within:?}; events seen: {seen:?}");
}

fn connected(link: &SeatLink) -> (u64, String) {
    wait_for(link, Duration::from_secs(10), |event| match event {
        LinkEvent::Connected { link, peer } => Some((link, peer)),
        _ => None,
    })
}

fn received(link: &SeatLink) -> (u64, Vec<u8>) {
    wait_for(link, Duration::from_secs(10), |event| match event {
        LinkEvent::Received { link, sync } => Some((link, sync)),
        _ => None,
    })
}

fn pair() -> (SeatLink, SeatLink) {
    let chair = SeatLink::listen(loopback(), key(), MEETING, "chair").unwrap();
    let clerk = SeatLink::connect(chair.local_addr().unwrap(), key(), MEETING, "clerk").unwrap();
    (chair, clerk)
}

#[test]
fn two_seats_connect_and_pass_messages_both_ways_whole() {
    let (chair, clerk) = pair();
    let (chair_link, peer) = connected(&chair);
    assert_eq!(peer, "clerk");
    let (clerk_link, peer) = connected(&clerk);
    assert_eq!(peer, "chair");
    assert!(clerk.send(clerk_link, b"from the clerk".to_vec()));
    assert_eq!(received(&chair), (chair_link, b"from the clerk".to_vec()));
    // Larger than one Noise message: sent in parts, taken whole.
    let large: Vec<u8> = (0..1_000_000u32).map(|n| (n % 251) as u8).collect();
    assert!(chair.send(chair_link, large.clone()));
    assert!(chair.send(chair_link, b"after it".to_vec()));
    assert_eq!(received(&clerk).1, large);
    assert_eq!(received(&clerk).1, b"after it");
    // A message on a connection that is not the current one is not sent.
    assert!(!chair.send(chair_link + 1, b"lost".to_vec()));
}

#[test]
fn a_seat_without_the_key_is_refused_and_both_say_why() {
    let chair = SeatLink::listen(loopback(), key(), MEETING, "chair").unwrap();
    let other = SeatKey::from_hex(&"a5".repeat(32)).unwrap();
    let clerk = SeatLink::connect(chair.local_addr().unwrap(), other, MEETING, "clerk").unwrap();
    let why = wait_for(&clerk, Duration::from_secs(10), |event| match event {
        LinkEvent::Unreachable { why } => Some(why),
        LinkEvent::Connected { .. } => panic!("connected without the key"),
        _ => None,
    });
    assert_eq!(why, LinkProblem::WrongKey);
    let why = wait_for(&chair, Duration::from_secs(10), |event| match event {
        LinkEvent::Refused { why, .. } => Some(why),
        LinkEvent::Connected { .. } => panic!("connected without the key"),
        _ => None,
    });
    assert_eq!(why, LinkProblem::WrongKey);
}

#[test]
fn a_seat_of_another_meeting_is_refused_even_with_the_key() {
    let chair = SeatLink::listen(loopback(), key(), MEETING, "chair").unwrap();
    let address = chair.local_addr().unwrap();
    let clerk = SeatLink::connect(address, key(), "2017-11-27-raad.yaml", "clerk").unwrap();
    let why = wait_for(&clerk, Duration::from_secs(10), |event| match event {
        LinkEvent::Unreachable { why } => Some(why),
        LinkEvent::Connected { .. } => panic!("two meetings linked"),
        _ => None,
    });
    assert_eq!(why, LinkProblem::WrongKey);
}

#[test]
fn two_seats_of_one_name_are_refused() {
    let chair = SeatLink::listen(loopback(), key(), MEETING, "chair").unwrap();
    let twin = SeatLink::connect(chair.local_addr().unwrap(), key(), MEETING, "chair").unwrap();
    let why = wait_for(&chair, Duration::from_secs(10), |event| match event {
        LinkEvent::Refused { why, .. } => Some(why),
        _ => None,
    });
    assert_eq!(why, LinkProblem::SameSeat("chair".into()));
    let why = wait_for(&twin, Duration::from_secs(10), |event| match event {
        LinkEvent::Unreachable { why } => Some(why),
        _ => None,
    });
    assert!(matches!(why, LinkProblem::SameSeat(_)), "{why:?}");
}

#[test]
fn garbage_and_a_slow_sender_do_not_keep_the_other_seat_out() {
    let chair = SeatLink::listen(loopback(), key(), MEETING, "chair").unwrap();
    let address = chair.local_addr().unwrap();
    // Not gavel: a web browser's request.
    let mut browser = TcpStream::connect(address).unwrap();
    browser
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    // A frame that says 65 535 bytes and sends one byte a second.
    let mut slow = TcpStream::connect(address).unwrap();
    slow.write_all(&[0xff, 0xff, 1]).unwrap();
    let clerk = SeatLink::connect(address, key(), MEETING, "clerk").unwrap();
    let (link, _) = connected(&clerk);
    assert!(clerk.send(link, b"still here".to_vec()));
    assert_eq!(received(&chair).1, b"still here");
    // The slow one is dropped by the handshake's deadline, whatever it sends.
    let started = Instant::now();
    let mut buffer = [0u8; 16];
    slow.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    loop {
        let _ = slow.write_all(&[1]);
        match slow.read(&mut buffer) {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => break,
        }
        assert!(
            started.elapsed() < Duration::from_secs(9),
            "a slow handshake held open"
        );
    }
}

#[test]
fn a_connection_that_goes_comes_back_and_a_new_one_replaces_the_old() {
    let chair = SeatLink::listen(loopback(), key(), MEETING, "chair").unwrap();
    let address = chair.local_addr().unwrap();
    let clerk = SeatLink::connect(address, key(), MEETING, "clerk").unwrap();
    let (first, _) = connected(&chair);
    connected(&clerk);
    // The clerk's console restarted before its old connection timed out.
    let again = SeatLink::connect(address, key(), MEETING, "clerk").unwrap();
    let (second, _) = connected(&chair);
    assert_ne!(first, second);
    wait_for(&clerk, Duration::from_secs(10), |event| match event {
        LinkEvent::Lost { .. } => Some(()),
        _ => None,
    });
    let (link, _) = connected(&again);
    assert!(again.send(link, b"new".to_vec()));
    assert_eq!(received(&chair), (second, b"new".to_vec()));
    drop(clerk);
    // The chair's console restarts: the clerk connects to the new one by itself.
    drop(chair);
    wait_for(&again, Duration::from_secs(10), |event| match event {
        LinkEvent::Lost { .. } => Some(()),
        _ => None,
    });
    // The old listening thread lets go of the port as it wakes (a new process finds it free).
    let until = Instant::now() + Duration::from_secs(5);
    let chair = loop {
        match SeatLink::listen(address, key(), MEETING, "chair") {
            Ok(chair) => break chair,
            Err(error) if Instant::now() < until => {
                assert_eq!(error.kind(), std::io::ErrorKind::AddrInUse);
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(error) => panic!("{error}"),
        }
    };
    let (link, _) = connected(&chair);
    assert!(chair.send(link, b"back".to_vec()));
    assert_eq!(received(&again).1, b"back");
}

/// Both ends of a handshake over a socket pair.
fn shaken() -> (
    (snow::TransportState, UnixStream),
    (snow::TransportState, UnixStream),
) {
    let (mut left, mut right) = UnixStream::pair().unwrap();
    let listener = std::thread::spawn(move || {
        let (transport, peer) =
            wire::handshake(&mut right, Role::Listens, &key(), MEETING, "chair").unwrap();
        assert_eq!(peer, "clerk");
        (transport, right)
    });
    let (transport, peer) =
        wire::handshake(&mut left, Role::Connects, &key(), MEETING, "clerk").unwrap();
    assert_eq!(peer, "chair");
    ((transport, left), listener.join().unwrap())
}

#[test]
fn a_message_changed_on_the_way_or_sent_again_does_not_open() {
    let ((mut clerk, _a), (mut chair, _b)) = shaken();
    let sealed = wire::seal_sync(&mut clerk, b"conclusie").unwrap();
    let mut tampered = sealed[0].clone();
    tampered[3] ^= 1;
    let mut assembly = Assembly::default();
    assert!(assembly.open(&mut chair, &tampered).is_err());
    let ((mut clerk, _a), (mut chair, _b)) = shaken();
    let sealed = wire::seal_sync(&mut clerk, b"conclusie").unwrap();
    let mut assembly = Assembly::default();
    assert_eq!(
        assembly.open(&mut chair, &sealed[0]).unwrap(),
        Some(Incoming::Sync(b"conclusie".to_vec()))
    );
    assert!(
        assembly.open(&mut chair, &sealed[0]).is_err(),
        "a replay opened"
    );
}

#[test]
fn parts_beyond_the_cap_and_unknown_kinds_are_refused() {
    let mut assembly = Assembly::default();
    let part = vec![1u8; 65_000];
    let mut plain = vec![1u8];
    plain.extend_from_slice(&part);
    let mut refused = false;
    for _ in 0..=(MAX_SYNC / part.len()) {
        match assembly.take(&plain) {
            Ok(None) => {}
            Err(WireError::TooLarge(_)) => {
                refused = true;
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(refused);
    for plain in [&[][..], &[9], &[2], &[3, 1]] {
        assert!(Assembly::default().take(plain).is_err(), "{plain:?}");
    }
    assert_eq!(
        Assembly::default().take(&[3]).unwrap(),
        Some(Incoming::Ping)
    );
    assert!(wire::seal_sync(&mut shaken().0.0, &vec![0; MAX_SYNC + 1]).is_err());
}

#[test]
fn frames_read_back_and_a_refusal_says_why() {
    let mut bytes = Vec::new();
    wire::write_frame(&mut bytes, b"abc").unwrap();
    wire::refuse(&mut bytes, Refusal::SameSeat);
    let mut reader = &bytes[..];
    let mut frame = Vec::new();
    wire::read_frame(&mut reader, &mut frame).unwrap();
    assert_eq!(frame, b"abc");
    assert!(matches!(
        wire::read_frame(&mut reader, &mut frame),
        Err(WireError::Refused(Refusal::SameSeat))
    ));
    assert!(matches!(
        wire::read_frame(&mut reader, &mut frame),
        Err(WireError::Closed)
    ));
    // Says 100 bytes, holds 2.
    let mut reader = &[0u8, 100, 1, 2][..];
    assert!(matches!(
        wire::read_frame(&mut reader, &mut frame),
        Err(WireError::Closed)
    ));
    assert!(wire::write_frame(&mut Vec::new(), &vec![0; 70_000]).is_err());
}

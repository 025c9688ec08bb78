//! A seat's side of the direct connection (issue 26): the automerge sync state of the
//! connection now open, what the link brought taken into the seat document once a frame, and
//! what the header and the messages say of it. The link itself (`seat_link`) only carries.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::app::{App, Peer};
use crate::domain::minutes::Timestamp;
use crate::i18n::{Lang, Msg};
use crate::seat_link::{LinkEvent, LinkProblem, SeatLink};
use crate::seats::{Renamed, SeatDoc};
use crate::store::seat_key::KeyError;

/// The connection now open: its number, the sync protocol's state for it, the other seat.
struct Open {
    link: u64,
    state: automerge::sync::State,
    peer: String,
}

pub(in crate::run) struct Direct {
    link: SeatLink,
    /// Listening: where; connecting: to where (for the messages).
    address: SocketAddr,
    key_path: PathBuf,
    open: Option<Open>,
    /// The other seat and when its connection went, for "away since" (the wall time shown, and
    /// this machine's clock, to weigh it against the folder's last sight of that seat).
    lost: Option<(String, Timestamp, std::time::Instant)>,
    /// A seat that connects with a document made anew hands the clock to the seat it reaches
    /// first (that one ran the meeting; without this the two documents' clock holders would be
    /// settled by the engine's tie-break).
    pub(in crate::run) hand_clock: bool,
    /// Messages already shown: a refusal repeated every two seconds is said once.
    shown: Vec<String>,
}

/// A problem of the link in the user's language.
fn problem_text(why: &LinkProblem, lang: Lang, key_path: &Path) -> String {
    match why {
        LinkProblem::WrongKey => {
            let name = key_path.file_name().unwrap_or(key_path.as_os_str());
            Msg::SeatLinkWrongKey.fill(lang, &[&name.to_string_lossy()])
        }
        LinkProblem::SameSeat(_) => Msg::SeatLinkSameName.text(lang).to_string(),
        LinkProblem::NotListening => Msg::SeatLinkNotListening.text(lang).to_string(),
        LinkProblem::NoAnswer => Msg::SeatLinkNoAnswer.text(lang).to_string(),
        LinkProblem::Closed => Msg::SeatLinkClosed.text(lang).to_string(),
        LinkProblem::Other(words) => words.clone(),
    }
}

/// Why there is no seat key, in the user's language.
pub(in crate::run) fn key_error_text(error: &KeyError, lang: Lang) -> String {
    match error {
        KeyError::Missing { path } => Msg::SeatKeyMissing.fill(lang, &[path]),
        KeyError::NotAKey { path } => Msg::SeatKeyNotAKey.fill(lang, &[path]),
        KeyError::NotOwnFile { path } => Msg::SeatKeyNotOwn.fill(lang, &[path]),
        KeyError::Io { .. } | KeyError::Random(_) => error.to_string(),
    }
}

impl Direct {
    pub(in crate::run) fn new(link: SeatLink, address: SocketAddr, key_path: PathBuf) -> Direct {
        Direct {
            link,
            address,
            key_path,
            open: None,
            lost: None,
            hand_clock: false,
            shown: Vec::new(),
        }
    }

    /// Takes what the link brought since the last frame into `doc`; returns the commitment
    /// ids that renamed. Whether anything changed, the caller sees in the document's heads.
    pub(super) fn take_events(
        &mut self,
        doc: &mut SeatDoc,
        app: &mut App,
        now: Timestamp,
    ) -> Vec<Renamed> {
        let mut renamed = Vec::new();
        // Bounded per frame: a stream of messages does not hold the screen.
        for _ in 0..64 {
            let Some(event) = self.link.try_event() else {
                break;
            };
            match event {
                LinkEvent::Connected { link, peer } => {
                    if std::mem::take(&mut self.hand_clock) {
                        let _ = doc.hand_clock_to(&peer);
                    }
                    app.flash = Some(crate::app::Flash {
                        text: app.fill(Msg::SeatJoined, &[&peer, &doc.seat().to_string()]),
                        is_error: false,
                    });
                    self.shown.clear();
                    self.lost = None;
                    self.open = Some(Open {
                        link,
                        state: automerge::sync::State::new(),
                        peer,
                    });
                    self.send(doc);
                }
                LinkEvent::Received { link, sync } => {
                    let Some(open) = self.open.as_mut().filter(|open| open.link == link) else {
                        continue;
                    };
                    match doc.receive_sync(&mut open.state, &sync) {
                        Ok(names) => renamed.extend(names),
                        Err(_) => {
                            let text = app.fill(Msg::SeatLinkDamaged, &[&open.peer]);
                            self.link.drop_connection(link);
                            self.tell_once(app, text);
                        }
                    }
                    self.send(doc);
                }
                LinkEvent::Lost { link, why } => {
                    let Some(open) = self.open.take_if(|open| open.link == link) else {
                        continue;
                    };
                    let why = problem_text(&why, app.lang, &self.key_path);
                    app.show_error(app.fill(Msg::SeatLinkLost, &[&open.peer, &why]));
                    self.lost = Some((open.peer, now, std::time::Instant::now()));
                }
                LinkEvent::Unreachable { why } => {
                    let why = problem_text(&why, app.lang, &self.key_path);
                    let text = app.fill(Msg::SeatLinkUnreachable, &[&self.address, &why]);
                    self.tell_once(app, text);
                }
                LinkEvent::Refused { from, why } => {
                    let why = problem_text(&why, app.lang, &self.key_path);
                    let text = app.fill(Msg::SeatLinkRefused, &[&from.ip(), &why]);
                    self.tell_once(app, text);
                }
            }
        }
        renamed
    }

    /// Sends the other seat what it lacks of `doc`, if a connection is open (the protocol sends
    /// nothing while the other has all, or while a message waits for its answer).
    pub(super) fn send(&mut self, doc: &mut SeatDoc) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        // A connection gone, or stuck and dropped, refuses the message: its `Lost` follows,
        // and the sync starts afresh on the next connection.
        if let Some(message) = doc.sync_message(&mut open.state) {
            self.link.send(open.link, message);
        }
    }

    /// The other seat as the connection knows it: here, away since it went, or not yet seen.
    pub(super) fn peer(&self) -> Option<Peer> {
        if let Some(open) = &self.open {
            return Some(Peer::Here {
                seat: open.peer.clone(),
                direct: true,
            });
        }
        self.lost.as_ref().map(|(seat, since, _)| Peer::Away {
            seat: seat.clone(),
            since: *since,
        })
    }

    /// When the connection went, on this machine's clock, if it is not back.
    pub(super) fn lost_at(&self) -> Option<std::time::Instant> {
        self.open
            .is_none()
            .then(|| self.lost.as_ref().map(|(_, _, at)| *at))
            .flatten()
    }

    fn tell_once(&mut self, app: &mut App, text: String) {
        if self.shown.contains(&text) {
            return;
        }
        self.shown.push(text.clone());
        app.show_error(text);
    }
}

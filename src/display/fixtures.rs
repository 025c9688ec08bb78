//! The example meeting in known states, with the clock pinned: for the display's tests.

use chrono::DateTime;

use crate::domain::meeting::Meeting;
use crate::domain::minutes::{DraftKind, Minutes, Role, SpeakerChoice, Timestamp};

pub fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

pub fn example() -> Meeting {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("meetings/2017-11-20-raadsplein-takzaal.yaml");
    crate::store::load::load_meeting(&path).unwrap().meeting
}

pub fn speaker(name: &str, faction: Option<&str>, role: Role) -> SpeakerChoice {
    SpeakerChoice {
        name: name.into(),
        faction: faction.map(Into::into),
        role,
    }
}

/// Item 5 taken up at 21:10, VVD spoke 21:11–21:15, D66 speaking since 21:15, Swollwacht and
/// the portfolio holder waiting; the chair's notes and a draft on the item.
pub fn debate(meeting: &Meeting) -> Minutes {
    let mut minutes = Minutes::new(meeting, "m.yaml");
    minutes.take_up(meeting, "5", at("21:10:00")).unwrap();
    for name in ["VVD", "D66", "Swollwacht"] {
        minutes
            .add_speaker(speaker(name, Some(name), Role::Member))
            .unwrap();
    }
    minutes
        .add_speaker(speaker("Wethouder Meijerink", None, Role::PortfolioHolder))
        .unwrap();
    minutes.toggle_speaker(at("21:11:00")).unwrap();
    minutes.next_speaker(at("21:15:00")).unwrap();
    minutes
        .set_notes(meeting, "5", NOTE)
        .expect("notes can be kept");
    minutes.keep_draft(crate::domain::minutes::Draft {
        kind: DraftKind::Conclusion,
        item: "5".into(),
        text: DRAFT.into(),
        by: None,
        due: None,
    });
    minutes
}

/// Private words that must never reach the room.
pub const NOTE: &str = "Geheim: let op de wethouder";
pub const DRAFT: &str = "Concept: nog niet uitgesproken";
/// Item 5's first informant in the example meeting file.
pub const PHONE: &str = "2071";
pub const EMAIL: &str = "m.van.klaveren@zwolle.nl";

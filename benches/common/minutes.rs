//! What the benches share: minutes of a given size on the example meeting.

use chrono::{DateTime, Duration, NaiveDate};
use gavel::domain::meeting::Meeting;
use gavel::domain::minutes::{CommitmentDraft, Minutes, Role, SpeakerChoice, Timestamp};

pub const SPEAKERS: &[(&str, &str)] = &[
    ("Jan de Vries", "VVD"),
    ("Anna Bakker", "D66"),
    ("Ahmet Öztürk", "PvdA"),
    ("Gerrit Mulder", "CDA"),
    ("Fleur Jansen", "GroenLinks"),
];

/// Minutes with `speeches` speeches and `records` conclusions and commitments, spread over the
/// meeting's items, each speech a minute long.
pub fn minutes_with(meeting: &Meeting, speeches: usize, records: usize) -> (Minutes, Timestamp) {
    let start = DateTime::parse_from_rfc3339("2017-11-20T19:30:00+01:00").unwrap();
    minutes_from(
        meeting,
        "2017-11-20-raadsplein-takzaal.yaml",
        start,
        speeches,
        records,
    )
}

/// [`minutes_with`] for the meeting file `file`, the first item taken up at `start`.
pub fn minutes_from(
    meeting: &Meeting,
    file: &str,
    start: Timestamp,
    speeches: usize,
    records: usize,
) -> (Minutes, Timestamp) {
    let mut now = start;
    let mut minutes = Minutes::new(meeting, file);
    let items = &meeting.items;
    let per_item = speeches.div_ceil(items.len());
    let mut left = speeches;
    let mut records_left = records;
    for item in items {
        minutes.take_up(meeting, &item.number, now).unwrap();
        for n in 0..per_item.min(left) {
            let (name, faction) = SPEAKERS[n % SPEAKERS.len()];
            minutes
                .add_speaker(SpeakerChoice {
                    name: name.into(),
                    faction: Some(faction.into()),
                    role: Role::Member,
                })
                .unwrap();
            minutes.toggle_speaker(now).unwrap();
            now += Duration::seconds(60);
            minutes.next_speaker(now).unwrap();
        }
        left -= per_item.min(left);
        for n in 0..(records / items.len() + 1).min(records_left) {
            let text = format!("Het college komt voor de zomer terug met punt {n}");
            if n % 2 == 0 {
                minutes
                    .add_conclusion(meeting, &item.number, &text, now)
                    .unwrap();
            } else {
                let draft = CommitmentDraft {
                    text,
                    by: "Wethouder Meijerink".into(),
                    due: NaiveDate::from_ymd_opt(2018, 3, 1),
                };
                minutes
                    .add_commitment(meeting, &item.number, draft, now)
                    .unwrap();
            }
            records_left -= 1;
        }
    }
    (minutes, now)
}

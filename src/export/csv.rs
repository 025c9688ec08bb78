//! Speeches as a spreadsheet: one row per speech that took place, RFC 4180 quoting, UTF-8 with a
//! header row.
//!
//! Extra speaking time is granted to a faction on an item, not to one speech: the item's extra
//! seconds for a faction stand once, on that faction's first speech of the item, and 0 elsewhere,
//! so summing the column per item or per faction gives what was granted.

use std::collections::HashSet;

use super::recorded::{items_in_agenda_order, rfc3339, role_name, speeches_held};
use crate::domain::meeting::Meeting;
use crate::domain::minutes::{ItemMinutes, Minutes};

/// The header row, in column order.
pub const COLUMNS: [&str; 11] = [
    "date",
    "item",
    "item_title",
    "round",
    "speaker",
    "faction",
    "role",
    "started_at",
    "seconds",
    "extra_seconds",
    "interrupts",
];

/// Items in agenda order (items only in the minutes after them), speeches in the order recorded;
/// speakers still in line are left out.
pub fn speeches_csv(meeting: &Meeting, minutes: &Minutes) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    let date = meeting.date.format("%Y-%m-%d").to_string();
    for item in items_in_agenda_order(meeting, minutes) {
        let Some(recorded) = item.recorded else {
            continue;
        };
        let mut factions_seen = HashSet::new();
        for (round, speech, started_at) in speeches_held(recorded) {
            let faction = speech.faction.as_deref().unwrap_or("");
            let extra = match &speech.faction {
                Some(faction) if factions_seen.insert(faction.as_str()) => {
                    extra_seconds(recorded, faction)
                }
                _ => 0,
            };
            writer.write_record(cells([
                date.as_str(),
                item.number,
                item.title,
                &round.to_string(),
                &speech.name,
                faction,
                role_name(speech.role),
                &rfc3339(started_at),
                &speech.seconds.to_string(),
                &extra.to_string(),
                speech.interrupts.as_deref().unwrap_or(""),
            ]))?;
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8(bytes).expect("csv of UTF-8 strings is UTF-8"))
}

/// The header row of `--stretches`, in column order.
pub const STRETCH_COLUMNS: [&str; 12] = [
    "date",
    "item",
    "item_title",
    "round",
    "speaker",
    "faction",
    "role",
    "stretch",
    "from",
    "to",
    "seconds",
    "interrupts",
];

/// One row per stretch of a speech (`--stretches`): `stretch` counts from 1 within the speech,
/// `seconds` is that stretch's, so the rows of a speech add up to its row in [`speeches_csv`].
/// A speech from minutes written before stretches were kept is one stretch from its start; the
/// stretch running now is left out, as its seconds are not counted yet.
pub fn stretches_csv(meeting: &Meeting, minutes: &Minutes) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(STRETCH_COLUMNS)?;
    let date = meeting.date.format("%Y-%m-%d").to_string();
    for item in items_in_agenda_order(meeting, minutes) {
        let Some(recorded) = item.recorded else {
            continue;
        };
        for (round, speech, _) in speeches_held(recorded) {
            for (index, stretch) in speech.stretches().iter().enumerate() {
                writer.write_record(cells([
                    date.as_str(),
                    item.number,
                    item.title,
                    &round.to_string(),
                    &speech.name,
                    speech.faction.as_deref().unwrap_or(""),
                    role_name(speech.role),
                    &(index + 1).to_string(),
                    &rfc3339(stretch.from),
                    &rfc3339(stretch.to),
                    &stretch.seconds().to_string(),
                    speech.interrupts.as_deref().unwrap_or(""),
                ]))?;
            }
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8(bytes).expect("csv of UTF-8 strings is UTF-8"))
}

/// All extra seconds granted to `faction` on this item.
fn extra_seconds(item: &ItemMinutes, faction: &str) -> u64 {
    item.extra_time
        .iter()
        .filter(|extra| extra.faction == faction)
        .map(|extra| extra.seconds)
        .sum()
}

/// Every cell as a spreadsheet takes it as text: names and titles come from files anyone can
/// write, and `=HYPERLINK(...)` in a speaker's name must not become a formula.
fn cells<const N: usize>(row: [&str; N]) -> impl Iterator<Item = String> {
    row.into_iter()
        .map(|cell| crate::sanitize::for_spreadsheet(cell).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::Item;
    use crate::domain::minutes::{ExtraTime, Role, Round, Speech, Timestamp};
    use chrono::NaiveDate;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_from_rfc3339(text).unwrap()
    }

    fn meeting(items: &[(&str, &str)]) -> Meeting {
        Meeting {
            title: "Raad".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            items: items
                .iter()
                .map(|(number, title)| Item {
                    number: number.to_string(),
                    title: title.to_string(),
                    ..Item::default()
                })
                .collect(),
            ..Meeting::default()
        }
    }

    fn minutes(items: Vec<ItemMinutes>) -> Minutes {
        Minutes {
            meeting: "raad.yaml".into(),
            title: "Raad".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            opened_at: None,
            closed_at: None,
            items,
            faction_totals: Vec::new(),
            drafts: Vec::new(),
            attendance: Vec::new(),
        }
    }

    fn speech(name: &str, faction: Option<&str>, started_at: Option<&str>, seconds: u64) -> Speech {
        Speech {
            name: name.into(),
            faction: faction.map(Into::into),
            role: Role::Member,
            started_at: started_at.map(at),
            seconds,
            ..Speech::default()
        }
    }

    fn item(number: &str, title: &str, rounds: Vec<Vec<Speech>>) -> ItemMinutes {
        ItemMinutes {
            number: number.into(),
            title: title.into(),
            rounds: rounds
                .into_iter()
                .map(|speakers| Round {
                    speakers,
                    closed: false,
                })
                .collect(),
            ..ItemMinutes::default()
        }
    }

    fn rows(csv: &str) -> Vec<Vec<String>> {
        ::csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(|record| record.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn header_row_names_the_columns() {
        let csv = speeches_csv(&meeting(&[]), &minutes(Vec::new())).unwrap();
        assert_eq!(
            csv,
            "date,item,item_title,round,speaker,faction,role,started_at,seconds,extra_seconds,interrupts\r\n"
        );
    }

    #[test]
    fn commas_and_quotes_are_quoted_as_rfc_4180_says() {
        let title = "Motie \"vreemd aan de orde\", en meer";
        let speaker = "Öztürk, P. \"Peter\"";
        let recorded = item(
            "3",
            title,
            vec![vec![speech(
                speaker,
                Some("D66"),
                Some("2017-11-20T19:40:00+01:00"),
                61,
            )]],
        );
        let csv = speeches_csv(&meeting(&[("3", title)]), &minutes(vec![recorded])).unwrap();
        let line = csv.lines().nth(1).unwrap();
        assert_eq!(
            line,
            "2017-11-20,3,\"Motie \"\"vreemd aan de orde\"\", en meer\",1,\"Öztürk, P. \"\"Peter\"\"\",D66,member,2017-11-20T19:40:00+01:00,61,0,"
        );
        assert_eq!(rows(&csv)[0][2], title);
        assert_eq!(rows(&csv)[0][4], speaker);
    }

    #[test]
    fn items_follow_the_agenda_and_items_only_in_the_minutes_come_last() {
        let start = Some("2017-11-20T19:40:00+01:00");
        let recorded = vec![
            item(
                "extra",
                "Motie vreemd",
                vec![vec![speech("SP", Some("SP"), start, 1)]],
            ),
            item(
                "5",
                "Vijf",
                vec![vec![speech("VVD", Some("VVD"), start, 2)]],
            ),
            item(
                "3",
                "Drie",
                vec![
                    vec![speech("CDA", Some("CDA"), start, 3)],
                    vec![speech("D66", Some("D66"), start, 4)],
                ],
            ),
        ];
        let csv = speeches_csv(
            &meeting(&[("3", "Drie"), ("5", "Vijf")]),
            &minutes(recorded),
        )
        .unwrap();
        let order: Vec<(String, String, String)> = rows(&csv)
            .into_iter()
            .map(|row| (row[1].clone(), row[3].clone(), row[4].clone()))
            .collect();
        let expected = [
            ("3", "1", "CDA"),
            ("3", "2", "D66"),
            ("5", "1", "VVD"),
            ("extra", "1", "SP"),
        ];
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(order, expected);
    }

    #[test]
    fn extra_seconds_are_counted_once_on_the_factions_first_speech() {
        let start = Some("2017-11-20T19:40:00+01:00");
        let mut recorded = item(
            "5",
            "Vijf",
            vec![
                vec![
                    speech("D66", Some("D66"), start, 10),
                    speech("VVD", Some("VVD"), start, 20),
                ],
                vec![speech("VVD", Some("VVD"), start, 30)],
            ],
        );
        for seconds in [60, 30] {
            recorded.extra_time.push(ExtraTime {
                faction: "VVD".into(),
                seconds,
                granted_at: at("2017-11-20T19:41:00+01:00"),
            });
        }
        let csv = speeches_csv(&meeting(&[("5", "Vijf")]), &minutes(vec![recorded])).unwrap();
        let extra: Vec<(String, String)> = rows(&csv)
            .into_iter()
            .map(|row| (row[4].clone(), row[9].clone()))
            .collect();
        let expected = [("D66", "0"), ("VVD", "90"), ("VVD", "0")];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(extra, expected);
    }

    #[test]
    fn speakers_still_in_line_are_left_out() {
        let recorded = item(
            "3",
            "Drie",
            vec![vec![
                speech("VVD", Some("VVD"), Some("2017-11-20T19:40:00+01:00"), 12),
                speech("D66", Some("D66"), None, 0),
            ]],
        );
        let csv = speeches_csv(&meeting(&[("3", "Drie")]), &minutes(vec![recorded])).unwrap();
        let speakers: Vec<String> = rows(&csv).into_iter().map(|row| row[4].clone()).collect();
        assert_eq!(speakers, ["VVD"]);
    }

    #[test]
    fn an_interruption_names_whom_it_interrupted() {
        let start = Some("2017-11-20T19:40:00+01:00");
        let mut interruption = speech("D66", Some("D66"), start, 20);
        interruption.interrupts = Some("CDA".into());
        let recorded = item(
            "3",
            "Drie",
            vec![vec![speech("CDA", Some("CDA"), start, 50), interruption]],
        );
        let csv = speeches_csv(&meeting(&[("3", "Drie")]), &minutes(vec![recorded])).unwrap();
        let rows = rows(&csv);
        assert_eq!(rows[0][10], "");
        assert_eq!(rows[1][10], "CDA");
    }

    #[test]
    fn with_stretches_a_row_per_stretch_that_adds_up_to_the_speechs_row() {
        let start = Some("2017-11-20T19:40:00+01:00");
        let mut paused = speech("VVD", Some("VVD"), start, 30);
        paused.spoken = vec![
            crate::domain::minutes::Stretch {
                from: at("2017-11-20T19:40:00+01:00"),
                to: at("2017-11-20T19:40:20+01:00"),
            },
            crate::domain::minutes::Stretch {
                from: at("2017-11-20T19:41:00+01:00"),
                to: at("2017-11-20T19:41:10+01:00"),
            },
        ];
        let older = speech("D66", Some("D66"), Some("2017-11-20T19:42:00+01:00"), 15);
        let recorded = item("3", "Drie", vec![vec![paused, older]]);
        let (m, minutes) = (meeting(&[("3", "Drie")]), minutes(vec![recorded]));
        let csv = stretches_csv(&m, &minutes).unwrap();
        assert!(csv.starts_with(
            "date,item,item_title,round,speaker,faction,role,stretch,from,to,seconds,interrupts\r\n"
        ));
        let rows: Vec<Vec<String>> = rows(&csv)
            .into_iter()
            .map(|row| [4, 7, 8, 9, 10].map(|i| row[i].clone()).to_vec())
            .collect();
        assert_eq!(
            rows,
            [
                [
                    "VVD",
                    "1",
                    "2017-11-20T19:40:00+01:00",
                    "2017-11-20T19:40:20+01:00",
                    "20"
                ],
                [
                    "VVD",
                    "2",
                    "2017-11-20T19:41:00+01:00",
                    "2017-11-20T19:41:10+01:00",
                    "10"
                ],
                [
                    "D66",
                    "1",
                    "2017-11-20T19:42:00+01:00",
                    "2017-11-20T19:42:15+01:00",
                    "15"
                ],
            ]
        );
        // The per-speech rows keep their meaning: one per speech, its whole seconds.
        let speeches = speeches_csv(&m, &minutes).unwrap();
        let seconds: Vec<String> = super::tests::rows(&speeches)
            .into_iter()
            .map(|row| row[8].clone())
            .collect();
        assert_eq!(seconds, ["30", "15"]);
    }
}

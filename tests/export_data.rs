//! The data exports of `gavel export` on the recorded 20 November 2017 meeting: the speeches csv
//! and the open data json, compared whole with golden files, and the json checked against
//! `schemas/export.schema.json`.
//!
//! `UPDATE_GOLDEN=1 cargo test --test export_data` rewrites the golden files; without it a
//! difference fails the test, so a reviewer sees every change in the diff.

use std::fs;
use std::path::{Path, PathBuf};

use gavel::domain::meeting::Meeting;
use gavel::domain::minutes::Minutes;
use gavel::export::csv::speeches_csv;
use gavel::export::json::open_data_json;
use gavel::store::load::load_meeting;
use gavel::store::minutes_file::read_minutes;
use serde_json::{Value, json};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn recorded_meeting() -> (Meeting, Minutes) {
    let meeting = load_meeting(&repo("meetings/2017-11-20-raadsplein-takzaal.yaml"))
        .expect("the meeting file loads")
        .meeting;
    let minutes = read_minutes(&repo(
        "tests/fixtures/export/2017-11-20-raadsplein-takzaal.minutes.yaml",
    ))
    .expect("the minutes load")
    .expect("the minutes fixture exists");
    (meeting, minutes)
}

/// Compares `actual` with the golden file whole, or rewrites it under `UPDATE_GOLDEN=1`.
fn assert_golden(name: &str, actual: &str) {
    let path = repo("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| value == "1") {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!("{}: {error}; make it with UPDATE_GOLDEN=1", path.display())
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             rerun with UPDATE_GOLDEN=1 if the change is meant",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

fn validator() -> jsonschema::Validator {
    let text = fs::read_to_string(repo("schemas/export.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("the schema is json");
    jsonschema::draft202012::meta::validate(&schema).expect("the schema is a 2020-12 schema");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn schema_errors(document: &Value) -> Vec<String> {
    validator()
        .iter_errors(document)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

#[test]
fn speeches_csv_matches_the_golden_file() {
    let (meeting, minutes) = recorded_meeting();
    let csv = speeches_csv(&meeting, &minutes).unwrap();
    assert_golden("terugblik-2017-11-20.csv", &csv);
}

#[test]
fn speeches_csv_has_every_speech_and_the_extra_time_once() {
    let (meeting, minutes) = recorded_meeting();
    let csv = speeches_csv(&meeting, &minutes).unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .unwrap();
    let spoken: usize = minutes
        .items
        .iter()
        .flat_map(|item| &item.rounds)
        .flat_map(|round| &round.speakers)
        .filter(|speech| speech.started_at.is_some())
        .count();
    assert_eq!(rows.len(), spoken);
    assert_eq!(rows.len(), 18);
    let seconds: u64 = rows.iter().map(|row| row[8].parse::<u64>().unwrap()).sum();
    assert_eq!(seconds, 3465 + 2824);
    let extra: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|row| &row[9] != "0")
        .map(|row| (&row[1], &row[4], &row[9]))
        .collect();
    assert_eq!(extra, [("5", "VVD", "60")]);
}

#[test]
fn open_data_json_matches_the_golden_file() {
    let (meeting, minutes) = recorded_meeting();
    let json = open_data_json(&meeting, &minutes);
    let text = serde_json::to_string_pretty(&json).unwrap() + "\n";
    assert_golden("terugblik-2017-11-20.json", &text);
}

#[test]
fn open_data_json_follows_the_schema() {
    let (meeting, minutes) = recorded_meeting();
    let json = open_data_json(&meeting, &minutes);
    assert_eq!(schema_errors(&json), Vec::<String>::new());
}

#[test]
fn the_schema_rejects_a_speech_without_start_date() {
    let (meeting, minutes) = recorded_meeting();
    let mut json = open_data_json(&meeting, &minutes);
    let speech = json["agenda"][3]["speeches"][0].as_object_mut().unwrap();
    speech.remove("start_date");
    let errors = schema_errors(&json);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/agenda/3/speeches/0:"), "{errors:?}");
    assert!(errors[0].contains("start_date"), "{errors:?}");
}

#[test]
fn the_schema_rejects_wrong_times_types_and_unknown_fields() {
    let (meeting, minutes) = recorded_meeting();
    let json = open_data_json(&meeting, &minutes);
    let broken = [
        ("/agenda/3/speeches/0/start_date", json!("2017-11-20 19:37")),
        (
            "/agenda/3/speeches/0/end_date",
            json!("2017-11-20T25:00:00+01:00"),
        ),
        ("/agenda/3/speeches/0/seconds", json!("312")),
        ("/agenda/3/speeches/0/role", json!("wethouder")),
        ("/agenda/5/commitments/0/due_date", json!("31-05-2018")),
        ("/agenda/3/speeches/0/speaker", json!("VVD")),
        ("/start_date", json!("2017-11-20T19:31:04")),
    ];
    for (pointer, value) in broken {
        let mut document = json.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = if parent.is_empty() {
            &mut document
        } else {
            document.pointer_mut(parent).unwrap()
        };
        target.as_object_mut().unwrap().insert(key.into(), value);
        assert!(
            !schema_errors(&document).is_empty(),
            "{pointer} = {} was accepted",
            document.pointer(pointer).unwrap()
        );
    }
}

#[test]
fn item_5_has_its_three_commitments() {
    let (meeting, minutes) = recorded_meeting();
    let json = open_data_json(&meeting, &minutes);
    let item = &json["agenda"][5];
    assert_eq!(item["id"], "gavel:2017-11-20-raadsplein-takzaal#item-5");
    assert_eq!(item["identifier"], "5");
    assert_eq!(item["name"], "Plan beschut werken nieuw");
    let commitments = item["commitments"].as_array().unwrap();
    let ids: Vec<&str> = commitments
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2017-11-20-5-1", "2017-11-20-5-2", "2017-11-20-5-3"]);
    for commitment in commitments {
        assert_eq!(
            commitment["creator"],
            json!({ "name": "Wethouder Meijerink" })
        );
    }
    assert_eq!(commitments[0]["due_date"], "2018-05-31");
    assert!(commitments[1].get("due_date").is_none());
    assert_eq!(commitments[2]["date"], "2017-11-20T22:42:00+01:00");
    assert!(
        commitments[2]["text"]
            .as_str()
            .unwrap()
            .contains("geïnformeerd")
    );
    assert_eq!(
        item["extra_time"],
        json!([{ "group": { "name": "VVD" }, "seconds": 60, "date": "2017-11-20T21:18:30+01:00" }])
    );
}

#[test]
fn a_speech_has_its_creator_faction_and_times() {
    let (meeting, minutes) = recorded_meeting();
    let json = open_data_json(&meeting, &minutes);
    let item = &json["agenda"][3];
    assert_eq!(item["parent_id"], "gavel:2017-11-20-raadsplein-takzaal");
    assert_eq!(item["start_date"], "2017-11-20T19:35:40+01:00");
    assert_eq!(item["end_date"], "2017-11-20T21:04:10+01:00");
    assert_eq!(item["planned_start"], "2017-11-20T19:35:00");
    assert_eq!(item["planned_end"], "2017-11-20T21:00:00");
    let interruption = &item["speeches"][4];
    assert_eq!(
        interruption,
        &json!({
            "id": "gavel:2017-11-20-raadsplein-takzaal#item-3-speech-5",
            "event_id": "gavel:2017-11-20-raadsplein-takzaal#item-3",
            "position": 5,
            "round": 1,
            "creator": { "name": "D66" },
            "group": { "name": "D66" },
            "role": "member",
            "start_date": "2017-11-20T19:53:22+01:00",
            "end_date": "2017-11-20T19:53:42+01:00",
            "seconds": 20,
            "interrupts": "CDA",
        })
    );
    let answer = &item["speeches"][7];
    assert_eq!(answer["creator"], json!({ "name": "Nelleke Vedelaar" }));
    assert_eq!(answer["role"], "portfolio_holder");
    assert!(answer.get("group").is_none());
    assert_eq!(item["speeches"][8]["round"], 2);
}

#[test]
fn the_meeting_is_a_completed_popolo_event() {
    let (meeting, minutes) = recorded_meeting();
    let json = open_data_json(&meeting, &minutes);
    assert_eq!(json["id"], "gavel:2017-11-20-raadsplein-takzaal");
    assert_eq!(json["classification"], "meeting");
    assert_eq!(json["start_date"], "2017-11-20T19:31:04+01:00");
    assert_eq!(json["end_date"], "2017-11-20T23:06:00+01:00");
    assert_eq!(json["status"], "completed");
    assert_eq!(
        json["organization"],
        json!({ "name": "Gemeenteraad Zwolle" })
    );
    let numbers: Vec<&str> = json["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["identifier"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1.a", "1.b", "2", "3", "4", "5", "6"]);
    let text = serde_json::to_string(&json).unwrap();
    assert!(
        !text.contains("Vragen over SWT"),
        "the chair's notes stay private"
    );
}

/// Issue 21: a speaker's name or an item title that a spreadsheet would take for a formula
/// (`=HYPERLINK(...)`, `=1+1`, `+31`, `@SUM`) is written as text, with a leading `'`.
#[test]
fn a_formula_in_a_name_is_text_in_the_speeches_csv() {
    let (mut meeting, mut minutes) = recorded_meeting();
    let formula = "=HYPERLINK(\"http://evil.example\",\"klik\")";
    let speech = minutes
        .items
        .iter_mut()
        .flat_map(|item| item.rounds.iter_mut())
        .flat_map(|round| round.speakers.iter_mut())
        .find(|speech| speech.started_at.is_some())
        .expect("a speech");
    speech.name = formula.to_string();
    meeting.items[0].title = "=1+1".to_string();
    minutes.items[0].title = "=1+1".to_string();
    let csv = speeches_csv(&meeting, &minutes).unwrap();
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        cells.extend(record.unwrap().iter().map(str::to_string));
    }
    assert!(cells.contains(&format!("'{formula}")), "{csv}");
    for cell in &cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a formula cell {cell:?} in\n{csv}"
        );
    }
}

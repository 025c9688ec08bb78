//! `gavel export --format ods`: a decision meeting's minutes as VNG ODS 2.0 JSON, each object
//! validated against the specification's own schemas (`schemas/ods/openapi.yaml`, EUPL-1.2).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const MEETING: &str = "meetings/2017-02-06-raadsplein-besluitvormend.yaml";
const MINUTES: &str = "tests/fixtures/export/ods/2017-02-06-raadsplein-besluitvormend.minutes.yaml";

fn manifest(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The export of the fixture's minutes, with the stream started at 19:30.
fn export() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("2017-02-06-raadsplein-besluitvormend.yaml");
    std::fs::copy(manifest(MEETING), &meeting).unwrap();
    std::fs::copy(
        manifest(MINUTES),
        dir.path()
            .join("2017-02-06-raadsplein-besluitvormend.minutes.yaml"),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args([
            "export",
            meeting.to_str().unwrap(),
            "--format",
            "ods",
            "--stream-start",
            "19:30",
        ])
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_ods_export_validates_against_the_specification() {
    let ods = export();
    let problems = common::ods::problems(&ods);
    assert!(problems.is_empty(), "{problems:#?}");
    for (collection, _) in common::ods::COLLECTIONS {
        assert!(
            !ods[*collection].as_array().unwrap().is_empty(),
            "{collection} is empty"
        );
    }
}

#[test]
fn the_ods_export_says_who_voted_how_and_when_each_spoke() {
    let ods = export();
    let vergadering = &ods["vergaderingen"][0];
    assert_eq!(
        vergadering["aanvangVergadering"],
        "2017-02-06T19:31:00+01:00"
    );
    assert_eq!(
        vergadering["geplandeAanvangVergadering"],
        "2017-02-06T19:30:00+01:00"
    );
    assert_eq!(vergadering["status"], "gehouden");
    let punt = &ods["agendapunten"][1];
    assert_eq!(punt["agendapuntKenmerk"], "2");
    assert_eq!(punt["geplandeStarttijd"], "2017-02-06T19:35:00+01:00");
    assert_eq!(punt["starttijd"], "2017-02-06T19:36:00+01:00");
    assert_eq!(punt["eindtijd"], "2017-02-06T20:14:00+01:00");
    // A speech 7 minutes into the stream, of two minutes.
    let fragment = &ods["spreekfragmenten"][0];
    assert_eq!(fragment["videoTijdsaanduidingAanvang"], 420);
    assert_eq!(fragment["videoTijdsaanduidingEinde"], 540);
    let deelnemers = ods["aanwezigedeelnemers"].as_array().unwrap();
    let personen = ods["natuurlijkpersonen"].as_array().unwrap();
    let person_of = |deelnemer: &Value| -> String {
        let person = personen
            .iter()
            .find(|p| p["id"] == deelnemer["natuurlijkPersoon"]["id"])
            .unwrap();
        person["naamNatuurlijkPersoon"]["volledigeNaam"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let name_of = |reference: &Value| {
        let deelnemer = deelnemers
            .iter()
            .find(|d| d["id"] == reference["id"])
            .unwrap();
        person_of(deelnemer)
    };
    assert_eq!(name_of(&fragment["aanwezigeDeelnemer"]), "Zeynep Jacobs");
    let wethouder = deelnemers
        .iter()
        .find(|d| person_of(d) == "Nelleke Vedelaar")
        .unwrap();
    assert_eq!(wethouder["rolnaam"], "portefeuillehouder");
    // The motion by factions: each member present at 20:05 as the faction voted, Tessa Smits
    // against hers; Dirk van Dijk had left at 20:00.
    let motie = &ods["stemmingen"][0];
    assert_eq!(motie["resultaatMondelingeStemming"], "tegen");
    assert_eq!(motie["stemmingstype"], "regulier");
    let stemmen: Vec<(String, String)> = ods["stemmen"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["stemming"]["id"] == motie["id"])
        .map(|s| {
            (
                name_of(&s["aanwezigeDeelnemer"]),
                s["keuzeStemming"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(stemmen.len(), 7, "{stemmen:?}");
    assert!(stemmen.contains(&("Tessa Smits".into(), "voor".into())));
    assert!(stemmen.contains(&("Umut de Graaf".into(), "tegen".into())));
    assert!(!stemmen.iter().any(|(n, _)| n == "Dirk van Dijk"));
    let pvda_id = ods["fracties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fractienaam"] == "PvdA")
        .unwrap()["id"]
        .clone();
    let pvda = ods["stemresultatenperfractie"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["fractie"]["id"] == pvda_id && r["stemming"]["id"] == motie["id"])
        .unwrap();
    assert_eq!(pvda["fractiestemresultaat"], "verdeeld");
    let voorstel = &ods["stemmingen"][1];
    assert_eq!(voorstel["stemmingstype"], "hoofdelijk");
    assert_eq!(voorstel["resultaatMondelingeStemming"], "voor");
    assert_eq!(voorstel["stemmen"].as_array().unwrap().len(), 7);
}

//! The commitments register (`gavel commitments`) on a folder of three meetings made here: two
//! portfolio holders, one commitment settled, one overdue on a fixed day, one id used twice.
//! Lists compared whole with golden files (`UPDATE_GOLDEN=1` writes them anew).

mod common;

use std::process::{Command, Output};

use common::{gavel, golden, stderr};

const AS_OF: &str = "2018-01-15";

/// A commitment as written here: by whom, what, due when.
type Made<'a> = (&'a str, &'a str, Option<&'a str>);

/// An item with its commitments: number, title, commitments.
type ItemWith<'a> = (&'a str, &'a str, &'a [Made<'a>]);

fn minutes(meeting: &str, date: &str, title: &str, items: &[ItemWith]) -> String {
    let mut text = format!("meeting: {meeting}\ntitle: {title}\ndate: {date}\nitems:\n");
    for (number, item_title, commitments) in items {
        text.push_str(&format!(
            "  - number: \"{number}\"\n    title: {item_title}\n    status: done\n    commitments:\n"
        ));
        for (n, (by, text_, due)) in commitments.iter().enumerate() {
            text.push_str(&format!(
                "      - id: {date}-{number}-{}\n        by: {by}\n        text: {text_}\n",
                n + 1
            ));
            if let Some(due) = due {
                text.push_str(&format!("        due: {due}\n"));
            }
            text.push_str(&format!("        recorded_at: {date}T20:00:00+01:00\n"));
        }
    }
    text
}

/// Three meetings: January (root folder), June (a subfolder), November (root).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2017-01-23-raadsplein.minutes.yaml"),
        minutes(
            "2017-01-23-raadsplein.yaml",
            "2017-01-23",
            "Raadsplein info/debat",
            &[(
                "3",
                "Inclusieve arbeidsmarkt",
                &[
                    (
                        "Wethouder Meijerink",
                        "De raad krijgt een overzicht van de wachtlijst beschut werk.",
                        Some("2017-06-01"),
                    ),
                    (
                        "Nelleke Vedelaar",
                        "De raad ontvangt de evaluatie van het taalbeleid.",
                        Some("2018-06-01"),
                    ),
                ],
            )],
        ),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("juni")).unwrap();
    std::fs::write(
        dir.path().join("juni/2017-06-12-raadsplein.minutes.yaml"),
        minutes(
            "2017-06-12-raadsplein.yaml",
            "2017-06-12",
            "Raadsplein info/debat",
            &[(
                "4",
                "Wsw-wachtlijst",
                &[(
                    "Meijerink",
                    "De raad wordt geïnformeerd over de wsw-wachtlijst.",
                    Some("2017-09-01"),
                )],
            )],
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2017-11-20-raadsplein.minutes.yaml"),
        minutes(
            "2017-11-20-raadsplein.yaml",
            "2017-11-20",
            "Raadsplein Info/debat TaKzaal",
            &[(
                "5",
                "Plan beschut werken nieuw",
                &[
                    (
                        "Wethouder Meijerink",
                        "De wethouder zegt toe werkgevers te betrekken bij de uitwerking.",
                        None,
                    ),
                    (
                        "Nelleke Vedelaar",
                        "De raad ontvangt schriftelijke informatie over de taaleis.",
                        Some("2018-03-01"),
                    ),
                ],
            )],
        ),
    )
    .unwrap();
    dir
}

fn ok(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The folder with the June commitment settled.
fn settled_folder() -> tempfile::TempDir {
    let dir = folder();
    ok(&gavel(
        dir.path(),
        &[
            "commitments",
            "done",
            "2017-06-12-4-1",
            "--how",
            "afgedaan met informatienota 22 september 2017",
            "--date",
            "2017-09-22",
            "--dir",
            ".",
        ],
    ));
    dir
}

#[test]
fn the_whole_register_as_a_table_sorted_by_due_date() {
    let dir = settled_folder();
    let table = ok(&gavel(dir.path(), &["commitments", ".", "--as-of", AS_OF]));
    golden("register-2018-01-15.txt", &table);
    // Overdue is marked with a sign, not only a colour (and no colour when not on a terminal).
    assert!(table.contains("! overdue  2017-01-23-3-1"), "{table}");
    assert!(!table.contains('\u{1b}'));
}

#[test]
fn each_filter_and_format() {
    let dir = settled_folder();
    let list = |args: &[&str]| {
        let mut all = vec!["commitments", ".", "--as-of", AS_OF];
        all.extend_from_slice(args);
        ok(&gavel(dir.path(), &all))
    };
    golden("register-open.csv", &list(&["--open", "--format", "csv"]));
    golden(
        "register-overdue.md",
        &list(&["--overdue", "--format", "md"]),
    );
    golden(
        "register-meijerink.json",
        &list(&["--by", "meijerink", "--format", "json"]),
    );
    let since = list(&[
        "--since",
        "2017-06-01",
        "--until",
        "2017-06-30",
        "--format",
        "csv",
    ]);
    assert_eq!(
        since.lines().count(),
        2,
        "header and the June commitment:\n{since}"
    );
    assert!(since.contains("2017-06-12-4-1"));
    // The format follows -o.
    ok(&gavel(
        dir.path(),
        &["commitments", ".", "--as-of", AS_OF, "-o", "register.csv"],
    ));
    assert!(
        std::fs::read_to_string(dir.path().join("register.csv"))
            .unwrap()
            .starts_with("id,ris_number,")
    );
}

#[test]
fn settling_and_reopening_round_trip() {
    let dir = settled_folder();
    let register = std::fs::read_to_string(dir.path().join("commitments.yaml")).unwrap();
    assert!(register.contains("- id: 2017-06-12-4-1\n  status: done\n  date: 2017-09-22\n  how: afgedaan met informatienota 22 september 2017\n"), "{register}");
    let twice = gavel(
        dir.path(),
        &[
            "commitments",
            "done",
            "2017-06-12-4-1",
            "--how",
            "x",
            "--dir",
            ".",
        ],
    );
    assert_eq!(twice.status.code(), Some(1));
    assert!(
        stderr(&twice).contains(
            "was settled before, on 2017-09-22: afgedaan met informatienota 22 september 2017"
        ),
        "{}",
        stderr(&twice)
    );
    ok(&gavel(
        dir.path(),
        &["commitments", "reopen", "2017-06-12-4-1", "--dir", "."],
    ));
    let csv = ok(&gavel(
        dir.path(),
        &["commitments", ".", "--as-of", AS_OF, "--format", "csv"],
    ));
    assert!(csv.contains("2017-06-12-4-1,,2017-06-12,4 Wsw-wachtlijst,Meijerink,De raad wordt geïnformeerd over de wsw-wachtlijst.,2017-09-01,overdue,,"), "{csv}");
    // A council's own number settles it too, and is listed.
    ok(&gavel(
        dir.path(),
        &[
            "commitments",
            "number",
            "2017-06-12-4-1",
            "324",
            "--dir",
            ".",
        ],
    ));
    ok(&gavel(
        dir.path(),
        &[
            "commitments",
            "done",
            "324",
            "--how",
            "met brief",
            "--date",
            "2018-01-10",
            "--dir",
            ".",
        ],
    ));
    let csv = ok(&gavel(
        dir.path(),
        &["commitments", ".", "--as-of", AS_OF, "--format", "csv"],
    ));
    assert!(csv.contains("2017-06-12-4-1,324,"), "{csv}");
    assert!(csv.contains(",done,2018-01-10: met brief,"), "{csv}");
}

#[test]
fn an_unknown_id_names_the_nearest() {
    let dir = folder();
    let output = gavel(
        dir.path(),
        &[
            "commitments",
            "done",
            "2017-06-12-4-2",
            "--how",
            "x",
            "--dir",
            ".",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("there is no commitment 2017-06-12-4-2 in .; the nearest: 2017-06-12-4-1"),
        "{}",
        stderr(&output)
    );
    assert!(
        !dir.path().join("commitments.yaml").exists(),
        "nothing written"
    );
}

#[test]
fn one_id_in_two_minutes_files_is_a_conflict_never_a_choice() {
    let dir = folder();
    // The November minutes reuse the January id.
    let path = dir.path().join("2017-11-20-raadsplein.minutes.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("id: 2017-11-20-5-2", "id: 2017-01-23-3-2"),
    )
    .unwrap();
    let output = gavel(dir.path(), &["commitments", ".", "--as-of", AS_OF]);
    let err = stderr(&output);
    assert!(
        err.contains("conflict: commitment 2017-01-23-3-2 is in more than one place:"),
        "{err}"
    );
    assert!(
        err.contains("2017-01-23-raadsplein.minutes.yaml item 3"),
        "{err}"
    );
    assert!(
        err.contains("2017-11-20-raadsplein.minutes.yaml item 5"),
        "{err}"
    );
    // Both are listed; settling either is refused until the conflict is solved.
    assert_eq!(ok(&output).matches("2017-01-23-3-2").count(), 2);
    let settle = gavel(
        dir.path(),
        &[
            "commitments",
            "done",
            "2017-01-23-3-2",
            "--how",
            "x",
            "--dir",
            ".",
        ],
    );
    assert_eq!(settle.status.code(), Some(1));
    assert!(
        stderr(&settle).contains("is in conflict"),
        "{}",
        stderr(&settle)
    );

    // A register entry whose commitment is gone.
    std::fs::write(
        dir.path().join("commitments.yaml"),
        "commitments:\n- id: 2016-05-01-2-1\n  status: done\n",
    )
    .unwrap();
    let output = gavel(dir.path(), &["commitments", ".", "--as-of", AS_OF]);
    assert!(
        stderr(&output).contains(
            "the register settles commitment 2016-05-01-2-1, which no minutes file holds"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn two_processes_settling_at_once_both_land() {
    let dir = folder();
    let ids = [
        "2017-01-23-3-1",
        "2017-01-23-3-2",
        "2017-06-12-4-1",
        "2017-11-20-5-1",
        "2017-11-20-5-2",
    ];
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            Command::new(env!("CARGO_BIN_EXE_gavel"))
                .args(["commitments", "done", id, "--how", "tegelijk", "--dir", "."])
                .current_dir(dir.path())
                .env("LANG", "C")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let register = std::fs::read_to_string(dir.path().join("commitments.yaml")).unwrap();
    for id in ids {
        assert!(
            register.contains(&format!("- id: {id}\n  status: done")),
            "{id} lost:\n{register}"
        );
    }
}

#[test]
fn a_damaged_register_is_refused_with_its_place_and_left_untouched() {
    let dir = folder();
    let damaged = "commitments:\n- id: 2017-01-23-3-1\n  staus: done\n";
    std::fs::write(dir.path().join("commitments.yaml"), damaged).unwrap();
    let output = gavel(
        dir.path(),
        &[
            "commitments",
            "done",
            "2017-01-23-3-1",
            "--how",
            "x",
            "--dir",
            ".",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("commitments.yaml:3:3: error: unknown key"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("commitments.yaml")).unwrap(),
        damaged
    );
    let output = gavel(dir.path(), &["commitments", "."]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_list_speaks_dutch() {
    let dir = settled_folder();
    let table = ok(&gavel(
        dir.path(),
        &[
            "commitments",
            ".",
            "--as-of",
            AS_OF,
            "--lang",
            "nl",
            "--overdue",
        ],
    ));
    assert!(table.starts_with("Status     Nummer"), "{table}");
    assert!(table.contains("! te laat"), "{table}");
}

#[test]
fn conflicts_are_located_in_both_places_for_check() {
    let dir = folder();
    let path = dir.path().join("2017-11-20-raadsplein.minutes.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("id: 2017-11-20-5-2", "id: 2017-01-23-3-2"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("commitments.yaml"),
        "commitments:\n- id: 2017-01-23-3-1\n  status: done\n- id: 2016-05-01-2-1\n  status: done\n",
    )
    .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2018, 1, 15).unwrap();
    let register = gavel::register::scan(dir.path(), day).unwrap();
    let lines: Vec<String> = gavel::register::conflict_diagnostics(&register)
        .iter()
        .map(|d| {
            d.to_string()
                .replace(&format!("{}/", dir.path().display()), "")
        })
        .collect();
    assert_eq!(
        lines,
        [
            "2017-01-23-raadsplein.minutes.yaml:14:13: error: commitment id \"2017-01-23-3-2\" is used more than once: also at 2017-11-20-raadsplein.minutes.yaml:13:13\n  help: a commitment id is unique across the folder: give one of them another id",
            "2017-11-20-raadsplein.minutes.yaml:13:13: error: commitment id \"2017-01-23-3-2\" is used more than once: also at 2017-01-23-raadsplein.minutes.yaml:14:13\n  help: a commitment id is unique across the folder: give one of them another id",
            "commitments.yaml:4:7: error: the register settles commitment \"2016-05-01-2-1\", which no minutes file holds\n  help: remove the entry, or bring back the minutes file that holds the commitment",
        ]
    );
}

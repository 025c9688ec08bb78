//! The meeting file rules of FORMAT.md, one test per rule, and `gavel check` as a whole.
//!
//! Rule tests read a fixture from tests/fixtures/ and assert the diagnostics exactly as
//! `gavel check` prints them: `file:line:col: severity: message`, then the `help:` line.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use gavel::domain::meeting::{ItemKind, Slot};
use gavel::i18n::Lang;
use gavel::store::diagnostic::{Diagnostic, Severity};
use gavel::store::load::{LoadedMeeting, load_meeting, parse_meeting};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Parses a fixture, naming it by its bare file name so the expected text stays short.
fn parse_fixture(name: &str) -> Result<LoadedMeeting, Vec<Diagnostic>> {
    let bytes = fs::read(fixture_path(name)).unwrap();
    parse_meeting(Path::new(name), &bytes)
}

fn printed(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(ToString::to_string).collect()
}

/// The diagnostics of a fixture that must fail.
fn errors(name: &str) -> Vec<String> {
    match parse_fixture(name) {
        Ok(loaded) => panic!(
            "{name} loaded, with warnings {:?}",
            printed(&loaded.warnings)
        ),
        Err(diagnostics) => printed(&diagnostics),
    }
}

/// The warnings of a fixture that must load.
fn warnings(name: &str) -> Vec<String> {
    match parse_fixture(name) {
        Ok(loaded) => printed(&loaded.warnings),
        Err(diagnostics) => panic!("{name} failed: {:#?}", printed(&diagnostics)),
    }
}

fn time(hours: u32, minutes: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hours, minutes, 0).unwrap()
}

const ITEM_KEYS: &str = "allowed keys here: number, title, start, end, duration, kind, \
portfolio_holder, informants, co_authors, department, requested_by, summary, debate_question, \
proposed_decision, speaking_time, attachments";

// --- a complete file --------------------------------------------------------------------------

#[test]
fn the_example_from_format_md_loads() {
    let loaded = load_meeting(&fixture_path("valid.yaml")).unwrap();
    assert_eq!(printed(&loaded.warnings), Vec::<String>::new());
    let meeting = loaded.meeting;
    assert_eq!(meeting.title, "Raadsplein Info/debat TaKzaal");
    assert_eq!(meeting.date, NaiveDate::from_ymd_opt(2017, 11, 20).unwrap());
    assert_eq!(
        (meeting.start, meeting.end),
        (Some(time(19, 30)), Some(time(22, 30)))
    );
    assert_eq!(meeting.clerk.as_deref(), Some("Mevr. M. Zweers"));
    assert_eq!(meeting.factions[0].name, "VVD");
    assert_eq!(meeting.factions[1].members, ["Jan de Vries", "Anna Bakker"]);

    let item = &meeting.items[1];
    assert_eq!(item.number, "3");
    assert_eq!(item.kind, ItemKind::Debate);
    assert_eq!(
        item.slot,
        Slot::Range {
            start: time(19, 35),
            end: time(21, 0)
        }
    );
    assert_eq!(item.portfolio_holders, ["Nelleke Vedelaar"]);
    assert_eq!(item.informants[0].phone.as_deref(), Some("4063"));
    assert_eq!(item.requested_by, ["VVD", "D66"]);
    assert_eq!(item.co_authors, ["Lineke Bakker"]);
    assert_eq!(
        item.summary.as_deref(),
        Some("Op 3 juli 2017 heeft de Rekenkamercommissie ...")
    );
    assert_eq!(
        item.attachments[0].file.as_deref(),
        Some("bijlagen/informatienota.txt")
    );
    assert_eq!(
        item.attachments[1].title,
        "Rekenkamerrapport 'Van exclusief beleid naar exclusieve aandacht'"
    );
    assert_eq!(meeting.items[2].slot, Slot::Length { seconds: 15 * 60 });
}

#[test]
fn speaking_time_is_read_per_meeting_and_per_item() {
    let meeting = parse_fixture("valid.yaml").unwrap().meeting;
    assert_eq!(meeting.speaking_time, Some(4 * 60));
    assert_eq!(meeting.items[1].speaking_time, Some(5 * 60));
    assert_eq!(meeting.items[0].speaking_time, None);
}

// --- keys -------------------------------------------------------------------------------------

#[test]
fn unknown_key_suggests_closest() {
    assert_eq!(
        errors("unknown_key.yaml"),
        [format!(
            "unknown_key.yaml:6:5: error: unknown key \"sumary\"; did you mean \"summary\"?\n  help: {ITEM_KEYS}"
        )]
    );
}

#[test]
fn dutch_key_suggests_the_english_key() {
    assert_eq!(
        errors("dutch_key.yaml"),
        [format!(
            "dutch_key.yaml:6:5: error: unknown key \"portefeuillehouder\"; did you mean \"portfolio_holder\"?\n  help: {ITEM_KEYS}"
        )]
    );
}

#[test]
fn unknown_top_level_key_lists_the_allowed_keys() {
    assert_eq!(
        errors("unknown_top_level_key.yaml"),
        [
            "unknown_top_level_key.yaml:2:1: error: unknown key \"datum\"; did you mean \"date\"?\n  help: allowed keys here: title, date, start, end, location, body, chair, clerk, language, factions, speaking_time, items"
        ]
    );
}

#[test]
fn unknown_key_in_a_name_or_mapping_entry_is_placed() {
    assert_eq!(
        errors("unknown_informant_key.yaml"),
        [
            "unknown_informant_key.yaml:9:9: error: unknown key \"telefoon\"; did you mean \"phone\"?\n  help: allowed keys here: name, phone, email, role"
        ]
    );
}

#[test]
fn duplicate_key_is_an_error() {
    assert_eq!(
        errors("duplicate_key.yaml"),
        [
            "duplicate_key.yaml:7:5: error: key \"title\" appears twice (first on line 5)\n  help: keep one of them"
        ]
    );
}

#[test]
fn wrong_type_is_an_error() {
    assert_eq!(
        errors("wrong_type.yaml"),
        [
            "wrong_type.yaml:7:7: error: \"portfolio_holder\" should be a name or a list of names, not a mapping"
        ]
    );
}

// --- required keys ----------------------------------------------------------------------------

#[test]
fn missing_title_and_date_are_errors() {
    assert_eq!(
        errors("missing_title_and_date.yaml"),
        [
            "missing_title_and_date.yaml:1:1: error: missing required key \"title\"\n  help: the meeting needs a title",
            "missing_title_and_date.yaml:1:1: error: missing required key \"date\"\n  help: add the meeting's date, like `date: 2017-11-20`",
        ]
    );
}

#[test]
fn missing_item_number_and_title_are_errors() {
    assert_eq!(
        errors("missing_item_number_and_title.yaml"),
        [
            "missing_item_number_and_title.yaml:4:5: error: missing required key \"number\"\n  help: every item needs a number, like `number: \"3\"`",
            "missing_item_number_and_title.yaml:5:5: error: missing required key \"title\"\n  help: every item needs a title",
        ]
    );
}

#[test]
fn missing_items_is_an_error() {
    assert_eq!(
        errors("missing_items.yaml"),
        [
            "missing_items.yaml:1:1: error: missing required key \"items\"\n  help: a meeting needs at least one agenda item"
        ]
    );
}

#[test]
fn empty_items_is_an_error() {
    assert_eq!(
        errors("empty_items.yaml"),
        [
            "empty_items.yaml:3:1: error: \"items\" is empty\n  help: a meeting needs at least one agenda item"
        ]
    );
}

// --- values -----------------------------------------------------------------------------------

#[test]
fn duplicate_item_number_is_an_error() {
    assert_eq!(
        errors("duplicate_number.yaml"),
        [
            "duplicate_number.yaml:8:13: error: duplicate item number \"3\" (first used on line 4)\n  help: every item needs its own number"
        ]
    );
}

#[test]
fn unquoted_number_is_accepted_as_text() {
    let meeting = parse_fixture("unquoted_number.yaml").unwrap().meeting;
    assert_eq!(meeting.items[0].number, "3");
    assert_eq!(
        meeting.items[1].number, "3.10",
        "the text as written, not the float 3.1"
    );
}

#[test]
fn impossible_time_is_an_error() {
    let help = "help: write times as HH:MM (24 h), like 19:30 or 19.30";
    assert_eq!(
        errors("impossible_time.yaml"),
        [
            format!("impossible_time.yaml:7:12: error: impossible time \"25:00\"\n  {help}"),
            format!("impossible_time.yaml:8:10: error: impossible time \"25:05\"\n  {help}"),
        ]
    );
}

#[test]
fn dot_time_is_accepted() {
    let loaded = parse_fixture("dot_time.yaml").unwrap();
    assert_eq!(printed(&loaded.warnings), Vec::<String>::new());
    let meeting = loaded.meeting;
    assert_eq!(
        meeting.start,
        Some(time(19, 30)),
        "unquoted 19.30 is not the float 19.3"
    );
    assert_eq!(
        meeting.items[0].slot,
        Slot::Range {
            start: time(19, 30),
            end: time(19, 35)
        }
    );
    assert_eq!(
        meeting.items[1].slot,
        Slot::Range {
            start: time(19, 35),
            end: time(21, 0)
        }
    );
}

#[test]
fn bad_duration_is_an_error() {
    assert_eq!(
        errors("bad_duration.yaml"),
        [
            "bad_duration.yaml:6:15: error: invalid duration \"5 min\"\n  help: write durations as 90s, 5m, 1h30m, or a number of minutes"
        ]
    );
}

#[test]
fn bad_date_is_an_error() {
    assert_eq!(
        errors("bad_date.yaml"),
        [
            "bad_date.yaml:2:7: error: impossible date \"20-11-2017\"\n  help: write the date as YYYY-MM-DD, like 2017-11-20"
        ]
    );
}

#[test]
fn unknown_kind_is_an_error() {
    assert_eq!(
        errors("unknown_kind.yaml"),
        [
            "unknown_kind.yaml:6:11: error: unknown kind \"debat\"; did you mean \"debate\"?\n  help: kinds: opening, procedural, debate, break, closing, item"
        ]
    );
}

// --- slots ------------------------------------------------------------------------------------

#[test]
fn end_before_start_is_an_error() {
    assert_eq!(
        errors("end_before_start.yaml"),
        [
            "end_before_start.yaml:7:10: error: item ends at 19:30, before it starts at 19:35\n  help: check the times: a slot cannot end before it starts"
        ]
    );
}

#[test]
fn duration_with_start_and_end_is_an_error() {
    assert_eq!(
        errors("duration_with_slot.yaml"),
        [
            "duration_with_slot.yaml:8:5: error: \"duration\" cannot be combined with \"start\" and \"end\"\n  help: give an item either start and end, or a duration"
        ]
    );
}

#[test]
fn start_alone_is_a_planned_start_and_end_alone_a_moment_with_a_warning() {
    assert_eq!(
        warnings("start_without_end.yaml"),
        [
            "start_without_end.yaml:9:5: warning: \"end\" without \"start\": planned as a moment at 22:30\n  help: for a timeslot add `start: HH:MM`, or give a `duration` instead",
        ]
    );
    let meeting = parse_fixture("start_without_end.yaml").unwrap().meeting;
    assert_eq!(
        meeting.items[0].slot,
        Slot::StartOnly {
            start: time(19, 30)
        }
    );
    assert_eq!(
        meeting.items[1].slot,
        Slot::Range {
            start: time(22, 30),
            end: time(22, 30)
        }
    );
}

#[test]
fn overlapping_slots_are_a_warning() {
    assert_eq!(
        warnings("overlapping_slots.yaml"),
        [
            "overlapping_slots.yaml:10:5: warning: item \"2\" (19:40–21:00) overlaps item \"1\" (19:30–19:45, line 4)\n  help: check the times: a slot should start when the one before it ends"
        ]
    );
}

#[test]
fn out_of_order_slots_are_a_warning() {
    assert_eq!(
        warnings("out_of_order_slots.yaml"),
        [
            "out_of_order_slots.yaml:10:5: warning: item \"2\" starts at 19:30, before item \"1\" above it (line 4) at 20:00\n  help: the agenda order and the timeslots disagree; check the times or the order"
        ]
    );
}

#[test]
fn slots_outside_the_meeting_are_a_warning() {
    assert_eq!(
        warnings("slot_outside_meeting.yaml"),
        [
            "slot_outside_meeting.yaml:8:5: warning: item \"1\" starts at 19:00, before the meeting starts at 19:30",
            "slot_outside_meeting.yaml:13:5: warning: item \"2\" ends at 23:00, after the meeting ends at 22:30",
        ]
    );
}

#[test]
fn all_errors_are_reported_together_with_the_warnings() {
    assert_eq!(
        errors("many_errors.yaml"),
        [
            "many_errors.yaml:2:7: error: impossible date \"2017-11-31\"\n  help: write the date as YYYY-MM-DD, like 2017-11-20",
            "many_errors.yaml:3:8: error: impossible time \"7 uur\"\n  help: write times as HH:MM (24 h), like 19:30 or 19.30",
            "many_errors.yaml:7:15: error: invalid duration \"kwartier\"\n  help: write durations as 90s, 5m, 1h30m, or a number of minutes",
            "many_errors.yaml:8:13: error: duplicate item number \"1\" (first used on line 5)\n  help: every item needs its own number",
        ]
    );
}

#[test]
fn missing_attachment_file_is_a_warning() {
    let path = fixture_path("missing_attachment_file.yaml");
    let loaded = load_meeting(&path).unwrap();
    assert_eq!(
        printed(&loaded.warnings),
        [format!(
            "{}:8:15: warning: attachment file \"bijlagen/bestaat-niet.txt\" not found\n  help: attachment paths are relative to the meeting file's folder",
            path.display()
        )]
    );
}

// --- hostile input: exactly one error, at once ------------------------------------------------

/// Parses generated bytes and returns the one diagnostic they must give.
fn one_error(bytes: &[u8]) -> String {
    let diagnostics = parse_meeting(Path::new("x.yaml"), bytes).unwrap_err();
    assert_eq!(diagnostics.len(), 1, "{:#?}", printed(&diagnostics));
    assert_eq!(diagnostics[0].severity, Severity::Error);
    diagnostics[0].to_string()
}

#[test]
fn empty_file_is_one_error() {
    assert_eq!(
        one_error(b""),
        "x.yaml: error: file is empty (only whitespace or comments)\n  help: a meeting file needs at least `title`, `date` and `items`"
    );
}

#[test]
fn whitespace_only_file_is_one_error() {
    assert!(one_error(b"  \n\t\n\r\n").starts_with("x.yaml: error: file is empty"));
}

#[test]
fn non_utf8_file_is_one_error() {
    assert_eq!(
        one_error(b"title: Raadsplein\nlocation: Th\xe9\xe2tre\n"),
        "x.yaml:2:13: error: file is not valid UTF-8\n  help: save the file as UTF-8 (files from Windows tools are often Windows-1252)"
    );
}

#[test]
fn syntax_error_is_one_error() {
    let message = one_error(b"title: Raadsplein\n date: 2017-11-20\n");
    assert!(
        message.starts_with("x.yaml:2:6: error: YAML syntax error: mapping values are not allowed"),
        "{message}"
    );
}

#[test]
fn tab_indentation_is_one_error() {
    assert_eq!(
        one_error(b"title: Raadsplein\nitems:\n\t- number: \"1\"\n"),
        "x.yaml:3:1: error: YAML syntax error: a tab character where YAML expects spaces\n  help: indent with spaces only"
    );
}

#[test]
fn a_file_that_is_not_a_mapping_is_one_error() {
    let bytes = fs::read(fixture_path("not_a_mapping.yaml")).unwrap();
    assert_eq!(
        one_error(&bytes),
        "x.yaml:1:1: error: expected a meeting: a mapping with title, date and items, found a list"
    );
}

#[test]
fn billion_laughs_is_one_error() {
    // The classic: nine levels of nine aliases, 72 aliases in all, a billion "lol"s if expanded.
    // The guard counts what each alias stands for and refuses at the one that passes the cap.
    let mut levels = vec![format!("&a [{}]", ["lol"; 9].join(", "))];
    for (previous, name) in ('a'..='h').zip('b'..='i') {
        levels.push(format!(
            "&{name} [{}]",
            vec![format!("*{previous}"); 9].join(", ")
        ));
    }
    let text = format!(
        "title: T\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: x\n    co_authors: [{}]\n    requested_by: *i\n",
        levels.join(", ")
    );
    assert_eq!(
        one_error(text.as_bytes()),
        "x.yaml:6:301: error: aliases would expand the file to more than 16.0 MiB\n  help: write the values out instead of repeating a large one with `*name`"
    );
}

#[test]
fn alias_flood_is_one_error() {
    let mut text = String::from("title: &t T\ndate: 2017-11-20\nitems:\n");
    text.push_str(&"  - {number: *t, title: *t}\n".repeat(60));
    assert_eq!(
        one_error(text.as_bytes()),
        "x.yaml:54:14: error: too many aliases (more than 100 `*name` references)\n  help: write the values out; many aliases are how \"billion laughs\" files blow up"
    );
}

#[test]
fn deep_flow_nesting_is_one_error() {
    let text = format!("title: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        one_error(text.as_bytes()),
        "x.yaml:1:71: error: nesting is too deep (more than 64 levels)\n  help: meeting and minutes files need only a few levels; check the indentation and brackets"
    );
}

#[test]
fn deep_flow_mapping_nesting_is_one_error() {
    let text = format!("{}{}\n", "{a: ".repeat(100_000), "}".repeat(100_000));
    assert!(one_error(text.as_bytes()).contains("nesting is too deep"));
}

#[test]
fn deep_block_nesting_is_one_error() {
    // 100 000 levels of indented keys would be a 5 GB file; 2 000 levels is 2 MB, under the cap.
    let text: String = (0..2_000)
        .map(|depth| format!("{}k:\n", " ".repeat(depth)))
        .collect();
    assert_eq!(
        one_error(text.as_bytes()),
        "x.yaml:65:65: error: nesting is too deep (more than 64 levels)\n  help: meeting and minutes files need only a few levels; check the indentation and brackets"
    );
}

#[test]
fn deep_compact_block_nesting_is_one_error() {
    let text = format!("items:\n{}x\n", "- ".repeat(100_000));
    assert!(one_error(text.as_bytes()).starts_with("x.yaml:2:127: error: nesting is too deep"));
}

#[test]
fn hundred_thousand_deep_block_nesting_is_one_error() {
    // At 100 000 levels the indentation alone passes the size cap, which says so first.
    let mut text = String::new();
    for depth in 0..100_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("k:\n");
        if text.len() > 5 * 1024 * 1024 {
            break;
        }
    }
    assert!(one_error(text.as_bytes()).contains("file is too large"));
}

#[test]
fn fifty_megabyte_file_is_one_error() {
    let bytes = "# filler\n".repeat(50 * 1024 * 1024 / 9).into_bytes();
    assert_eq!(
        one_error(&bytes),
        "x.yaml: error: file is too large (50.0 MiB); gavel reads files of at most 4.0 MiB\n  help: is this the right file? meeting and minutes files are normally a few KiB"
    );
}

#[test]
fn fifty_megabyte_file_on_disk_is_one_error() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("huge.yaml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap(); // sparse: no 50 MB written
    let diagnostics = load_meeting(&path).unwrap_err();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].message,
        "file is too large (50.0 MiB); gavel reads files of at most 4.0 MiB"
    );
}

// --- gavel check ------------------------------------------------------------------------------

fn check(paths: &[PathBuf]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = gavel::check::run(paths, gavel::i18n::Lang::En, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn check_prints_a_summary_for_valid_files_and_exits_zero() {
    let valid = fixture_path("valid.yaml");
    let warned = fixture_path("overlapping_slots.yaml");
    let (code, out, err) = check(&[valid.clone(), warned.clone()]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "{}: ok: 3 items, 0 warnings\n{}: ok: 2 items, 1 warning\n",
            valid.display(),
            warned.display()
        )
    );
    assert!(
        err.starts_with(&format!("{}:10:5: warning: ", warned.display())),
        "{err}"
    );
}

#[test]
fn check_exits_one_when_any_file_has_an_error() {
    let valid = fixture_path("valid.yaml");
    let broken = fixture_path("duplicate_number.yaml");
    let (code, out, err) = check(&[valid.clone(), broken.clone()]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{}: ok: 3 items, 0 warnings\n", valid.display())
    );
    assert_eq!(
        err,
        format!(
            "{}:8:13: error: duplicate item number \"3\" (first used on line 4)\n  help: every item needs its own number\n",
            broken.display()
        )
    );
}

#[test]
fn check_names_a_file_it_cannot_read() {
    let missing = fixture_path("does-not-exist.yaml");
    let (code, out, err) = check(std::slice::from_ref(&missing));
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(err, format!("{}: error: no such file\n", missing.display()));
}

#[test]
fn check_says_in_dutch_why_it_cannot_read_a_file() {
    let missing = fixture_path("does-not-exist.yaml");
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = gavel::check::run(std::slice::from_ref(&missing), Lang::Nl, &mut out, &mut err);
    assert_eq!(code, 1);
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains(&format!(
            "{}: fout: bestand bestaat niet",
            missing.display()
        )),
        "{err}"
    );
    assert!(
        !err.contains("os error"),
        "no English from the system: {err}"
    );
}

/// Every meeting file shipped in meetings/ must pass `gavel check`.
#[test]
fn meeting_files_in_the_repository_pass() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("meetings");
    let mut paths: Vec<PathBuf> = fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(|entry| Some(entry.ok()?.path()))
                .collect()
        })
        .unwrap_or_default();
    paths.retain(|path| {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        name.ends_with(".yaml") && !name.ends_with(".minutes.yaml") && !name.contains("NOTES")
    });
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no meeting files in {}",
        folder.display()
    );
    let (code, out, err) = check(&paths);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), paths.len(), "{out}");
}

#[test]
fn minutes_files_are_checked_as_minutes() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/format-example.minutes.yaml");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        gavel::check::run(&[example], gavel::i18n::Lang::En, &mut out, &mut err),
        0,
        "{}",
        String::from_utf8_lossy(&err)
    );
    assert!(String::from_utf8_lossy(&out).contains("ok: minutes, 1 item"));
}

/// Issue 22, 8: the README's own `gavel check meetings/*.yaml` failed on gavel's register
/// (`unknown key "commitments"`): it is checked as a register, and a damaged one still fails.
#[test]
fn check_of_a_glob_recognises_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("commitments.yaml");
    fs::write(
        &register,
        "commitments:\n  - id: 2017-11-20-5-1\n    status: done\n    date: 2021-09-22\n",
    )
    .unwrap();
    let (code, out, err) = check(std::slice::from_ref(&register));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "{}: ok: commitments register, 1 settled or numbered\n",
            register.display()
        )
    );
    fs::write(&register, "commitments:\n  - id: x\n    statuss: done\n").unwrap();
    let (code, _, err) = check(std::slice::from_ref(&register));
    assert_eq!(code, 1);
    assert!(err.contains("commitments.yaml:3:5"), "{err}");
}

/// Issue 22, 7: `gavel check DIR` with meeting files only in subfolders printed nothing and
/// exited 0; a minutes file past the depth cap was skipped without a word. Both are said now,
/// and check exits 1: it could not check all it was asked to.
#[test]
fn check_says_what_it_left_out_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("2024");
    fs::create_dir(&sub).unwrap();
    fs::copy(fixture_path("valid.yaml"), sub.join("valid.yaml")).unwrap();
    let (code, out, err) = check(&[dir.path().to_path_buf()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("no meeting or minutes files in this folder"),
        "{err}"
    );
    assert!(
        err.contains(&format!("gavel check {}", sub.display())),
        "{err}"
    );

    fs::copy(fixture_path("valid.yaml"), dir.path().join("valid.yaml")).unwrap();
    let mut deep = dir.path().to_path_buf();
    for level in 0..13 {
        deep = deep.join(format!("d{level}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("x.minutes.yaml"), "meeting: x.yaml\n").unwrap();
    let (code, out, err) = check(&[dir.path().to_path_buf()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("valid.yaml: ok"), "{out}");
    assert!(
        err.contains("warning: folder not searched for minutes files: more than 8 levels deep"),
        "{err}"
    );
}

#[test]
fn check_speaks_dutch_when_asked() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/end_before_start.yaml");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        gavel::check::run(&[path], gavel::i18n::Lang::Nl, &mut out, &mut err),
        1
    );
    let text = String::from_utf8_lossy(&err);
    assert!(
        text.contains(":7:10: fout: punt eindigt om 19:30, voordat het begint om 19:35\n  hulp: controleer de tijden"),
        "{text}"
    );
}

#[test]
fn factions_take_seats_and_a_faction_with_more_members_than_seats_is_a_warning() {
    let text = "title: Raadsplein besluitvormend\ndate: 2017-01-23\nfactions:\n  - name: ChristenUnie\n    seats: 1\n    members: [Hendrik Vos, Marieke Smit]\n  - name: SP\n    seats: 3\n    members: [Hendrik Vos]\n  - VVD\nitems:\n  - number: \"1\"\n    title: Opening\n";
    let loaded = parse_meeting(Path::new("b.yaml"), text.as_bytes()).expect("seats are allowed");
    assert_eq!(loaded.meeting.factions[0].seats, Some(1));
    assert_eq!(loaded.meeting.factions[1].seat_count(), 3);
    assert_eq!(loaded.meeting.factions[2].seat_count(), 1);
    assert_eq!(
        printed(&loaded.warnings),
        [
            "b.yaml:5:12: warning: faction \"ChristenUnie\" lists 2 members but has 1 seats\n  help: a count of votes takes the members present; check the seats",
            "b.yaml:7:5: warning: \"Hendrik Vos\" is a member of both \"ChristenUnie\" and \"SP\"\n  help: a member belongs to one faction",
        ]
    );
}

#[test]
fn check_of_a_folder_checks_its_files_and_its_commitments_register() {
    let dir = tempfile::tempdir().unwrap();
    let meetings = Path::new(env!("CARGO_MANIFEST_DIR")).join("meetings");
    for name in [
        "2017-02-06-raadsplein-besluitvormend.yaml",
        "2017-11-20-raadsplein-takzaal.yaml",
    ] {
        fs::copy(meetings.join(name), dir.path().join(name)).unwrap();
    }
    // Minutes of the decision meeting with a vote that lists a faction twice and one the
    // meeting does not know, and a register entry whose commitment is gone.
    fs::write(
        dir.path().join("2017-02-06-raadsplein-besluitvormend.minutes.yaml"),
        "meeting: 2017-02-06-raadsplein-besluitvormend.yaml\ntitle: Raadsplein besluitvormend\ndate: 2017-02-06\nitems:\n  - number: \"2\"\n    title: Naar een inclusieve arbeidsmarkt\n    status: done\n    votes:\n      - subject: Motie 10\n        kind: motion\n        method: factions\n        for: [D66, D66, Piratenpartij]\n        against: [CDA]\n        seats_for: 7\n        seats_against: 6\n        result: adopted\n        recorded_at: 2017-02-06T20:00:00+01:00\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("commitments.yaml"),
        "commitments:\n- id: 2016-05-01-2-1\n  status: done\n",
    )
    .unwrap();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = gavel::check::run(&[dir.path().to_path_buf()], Lang::En, &mut out, &mut err);
    let err = String::from_utf8(err)
        .unwrap()
        .replace(&format!("{}/", dir.path().display()), "");
    let out = String::from_utf8(out)
        .unwrap()
        .replace(&format!("{}/", dir.path().display()), "");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("2017-02-06-raadsplein-besluitvormend.minutes.yaml:12:20: error: \"D66\" is listed twice in one vote"), "{err}");
    assert!(
        err.contains(":12:25: warning: faction \"Piratenpartij\" is not in the meeting file"),
        "{err}"
    );
    assert!(err.contains("commitments.yaml:2:7: error: the register settles commitment \"2016-05-01-2-1\", which no minutes file holds"), "{err}");
    assert!(
        out.contains("2017-11-20-raadsplein-takzaal.yaml: ok: 7 items"),
        "{out}"
    );
}

/// `gavel check DIR` on a folder of meetings that all name its one PDF reads that PDF once, and
/// each meeting's minutes once for both their own check and the register's.
#[test]
fn a_folder_of_meetings_naming_one_pdf_reads_it_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("bijlagen")).unwrap();
    fs::write(dir.path().join("bijlagen/stuk.pdf"), b"%PDF-1.4\n").unwrap();
    for n in 0..4 {
        fs::write(
            dir.path().join(format!("m{n}.yaml")),
            format!(
                "title: Raad {n}\ndate: 2017-11-2{n}\nitems:\n  - number: \"1\"\n    title: Opening\n    attachments:\n      - title: Stuk\n        file: bijlagen/stuk.pdf\n"
            ),
        )
        .unwrap();
    }
    // The reader may write no file (the extractor's limits forbid it); a folder it makes is
    // how it is counted.
    let calls = dir.path().join("calls");
    fs::create_dir(&calls).unwrap();
    let stand_in = dir.path().join("lezer.sh");
    fs::write(
        &stand_in,
        format!(
            "#!/bin/sh\nmkdir \"{}/$$\"\necho Raadsvoorstel over beschut werk\n",
            calls.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(&stand_in, fs::Permissions::from_mode(0o755)).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["--lang", "en", "check"])
        .arg(dir.path())
        .env("GAVEL_PDFTOTEXT", &stand_in)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        said.matches(": ok: 1 item, 0 warnings").count(),
        4,
        "{said}"
    );
    assert_eq!(
        fs::read_dir(&calls).unwrap().count(),
        1,
        "the PDF is read once"
    );
}

//! The command line as a user meets it: the built binary's help and usage errors follow
//! `--lang` or the locale (LANG), in the same words as the console.

use std::process::{Command, Output};

/// Runs gavel in the crate folder with `LANG` set and no other locale variable.
fn gavel(lang_env: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", lang_env)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("gavel runs")
}

const DUTCH: &str = "nl_NL.UTF-8";

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_dutch_help(help: &str) {
    for word in [
        "Gebruik: gavel [OPTIES] [VERGADERING]",
        "Opdrachten:",
        "Argumenten:",
        "Opties:",
        "Zo lang vóór het einde van de spreektijd van een fractie waarschuwen",
        "[standaard: 30s]",
        "Hulp tonen",
        "Versie tonen",
    ] {
        assert!(help.contains(word), "{word:?} missing from:\n{help}");
    }
    for word in ["Usage:", "Options:", "Print", "[default"] {
        assert!(!help.contains(word), "{word:?} in Dutch help:\n{help}");
    }
}

#[test]
fn help_is_dutch_under_a_dutch_locale() {
    let output = gavel(DUTCH, &["--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert_dutch_help(&stdout(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn short_help_is_dutch_too() {
    let output = gavel(DUTCH, &["-h"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    assert!(help.contains("Een toetsenbordconsole"), "{help}");
    assert!(help.contains("Hulp tonen (meer met '--help')"), "{help}");
}

#[test]
fn check_help_is_dutch_under_a_dutch_locale() {
    let output = gavel(DUTCH, &["check", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for word in [
        "Vergaderbestanden controleren",
        "Gebruik: gavel check [OPTIES] <BESTANDEN>...",
        "Argumenten:",
        "Opties:",
        "--lang <TAAL>",
    ] {
        assert!(help.contains(word), "{word:?} missing from:\n{help}");
    }
    assert!(!help.contains("Usage:"), "{help}");
}

#[test]
fn lang_flag_asks_for_dutch_help_in_an_english_locale() {
    for args in [
        ["--lang", "nl", "--help"].as_slice(),
        &["--help", "--lang", "nl"],
        &["--lang=nl", "--help"],
    ] {
        let output = gavel("C", args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_dutch_help(&stdout(&output));
    }
}

#[test]
fn lang_flag_asks_for_english_help_in_a_dutch_locale() {
    let output = gavel(DUTCH, &["--lang", "en", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for word in [
        "Usage: gavel [OPTIONS] [MEETING]",
        "Commands:",
        "Options:",
        "Warn this long before a faction's speaking time runs out",
        "[default: 30s]",
    ] {
        assert!(help.contains(word), "{word:?} missing from:\n{help}");
    }
    assert!(!help.contains("Gebruik"), "{help}");
}

#[test]
fn unknown_option_is_a_dutch_usage_error() {
    let output = gavel(DUTCH, &["--warn-bfore", "1m", "x.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let message = stderr(&output);
    for word in [
        "gavel: onbekende optie '--warn-bfore'",
        "bedoelt u '--warn-before'?",
        "Gebruik: gavel",
        "Meer informatie: gavel --help",
    ] {
        assert!(message.contains(word), "{word:?} missing from:\n{message}");
    }
    assert!(!message.contains("error"), "{message}");
}

#[test]
fn bad_duration_is_explained_in_dutch() {
    let output = gavel(DUTCH, &["--warn-before", "abc", "x.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("ongeldige waarde 'abc' voor '--warn-before <DUUR>'"),
        "{message}"
    );
    assert!(
        message.contains("\"abc\" is geen duur: schrijf 90s, 5m, 1h30m, of een aantal minuten"),
        "{message}"
    );
}

#[test]
fn bad_duration_is_explained_in_english() {
    let output = gavel("C", &["--extra-time", "lots", "x.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message
            .contains("\"lots\" is not a duration: write 90s, 5m, 1h30m, or a number of minutes"),
        "{message}"
    );
    assert!(
        message.contains("For more information, try 'gavel --help'"),
        "{message}"
    );
}

#[test]
fn unknown_command_is_named_with_the_known_ones_in_dutch() {
    for args in [["exporteer", "x.yaml"].as_slice(), &["exporteer"]] {
        let output = gavel(DUTCH, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(
            message.contains(
                "gavel: 'exporteer' is geen opdracht van gavel en geen vergaderbestand. Opdrachten: check, brief, commitments, export, display, import"
            ),
            "{message}"
        );
        assert!(!message.contains("cannot be used"), "{message}");
    }
}

#[test]
fn unknown_command_is_named_with_the_known_ones_in_english() {
    let output = gavel("C", &["exporteer", "x.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(
            "gavel: 'exporteer' is not a command of gavel, nor a meeting file. Commands: check, brief, commitments, export, display, import"
        ),
        "{message}"
    );
}

#[test]
fn a_mistyped_command_gets_a_suggestion() {
    let output = gavel("C", &["chek", "meetings/x.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("'chek' is not a command"), "{message}");
    assert!(message.contains("did you mean 'check'?"), "{message}");
}

#[test]
fn a_second_argument_after_the_meeting_is_named() {
    let output = gavel(DUTCH, &["meetings/x.yaml", "extra"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("'extra'"), "{message}");
    assert!(message.contains("één vergadering tegelijk"), "{message}");
    assert!(!message.contains("cannot be used"), "{message}");
}

#[test]
fn a_missing_check_file_is_a_dutch_usage_error_pointing_at_check_help() {
    let output = gavel(DUTCH, &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("<BESTANDEN>"), "{message}");
    assert!(
        message.contains("Meer informatie: gavel check --help"),
        "{message}"
    );
}

#[test]
fn version_is_printed_as_before() {
    let output = gavel(DUTCH, &["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        format!("gavel {}\n", env!("CARGO_PKG_VERSION"))
    );
}

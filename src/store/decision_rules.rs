//! The rules of votes and attendance in a minutes file, checked against its meeting file:
//! factions and members that the meeting does not know, a faction listed twice in one vote,
//! counts that do not add up. For `gavel check`; the console only writes what it counted.

use std::path::Path;

use super::diagnostic::{Diagnostic, Severity};
use super::positions::Positions;
use crate::domain::decision::{Method, count};
use crate::domain::meeting::Meeting;
use crate::domain::minutes::Minutes;

/// Every problem with the votes and the presentielijst of `minutes`, located in `path`.
pub fn decision_diagnostics(
    path: &Path,
    text: &str,
    minutes: &Minutes,
    meeting: &Meeting,
) -> Vec<Diagnostic> {
    // Placing a problem takes a second parse of the text: only done once there is one to place.
    let positions = std::cell::OnceCell::new();
    let mut found = Vec::new();
    let mut say = |key: &str, severity: Severity, message: String, help: &str| {
        let at = positions
            .get_or_init(|| Positions::build(text))
            .nearest_value(key);
        found.push(Diagnostic {
            path: path.to_path_buf(),
            line: at.map_or(0, |p| p.line),
            column: at.map_or(0, |p| p.column),
            severity,
            message,
            help: Some(help.to_string()),
        });
    };
    let factions: Vec<&str> = meeting.factions.iter().map(|f| f.name.as_str()).collect();
    let known_faction = |name: &str| {
        factions.contains(&name)
            || minutes
                .attendance
                .iter()
                .any(|e| e.faction.as_deref() == Some(name))
    };
    let known_member = |name: &str| {
        meeting
            .factions
            .iter()
            .any(|f| f.members.iter().any(|m| m == name))
            || minutes.attendance.iter().any(|e| e.name == name)
    };
    for (k, entry) in minutes.attendance.iter().enumerate() {
        if let Some(faction) = &entry.faction
            && !known_faction(faction)
        {
            say(
                &format!("attendance[{k}].faction"),
                Severity::Warning,
                format!("faction \"{faction}\" is not in the meeting file"),
                "add the faction to the meeting file, or correct the name",
            );
        }
        if entry.left_at.is_some_and(|left| left < entry.arrived_at) {
            say(
                &format!("attendance[{k}].left_at"),
                Severity::Error,
                format!("\"{}\" leaves before arriving", entry.name),
                "left_at comes after arrived_at",
            );
        }
    }
    for (i, item) in minutes.items.iter().enumerate() {
        for (j, vote) in item.votes.iter().enumerate() {
            let at = format!("items[{i}].votes[{j}]");
            let mut seen: Vec<&str> = Vec::new();
            for (side, names) in [("for", &vote.for_), ("against", &vote.against)] {
                for (n, name) in names.iter().enumerate() {
                    let key = format!("{at}.{side}[{n}]");
                    if seen.contains(&name.as_str()) {
                        say(
                            &key,
                            Severity::Error,
                            format!("\"{name}\" is listed twice in one vote"),
                            "a faction (or member) votes once: for or against",
                        );
                    }
                    seen.push(name);
                    let known = match vote.method {
                        Method::Factions => known_faction(name),
                        Method::RollCall => known_member(name),
                    };
                    if !known {
                        let message = match vote.method {
                            Method::Factions => {
                                format!("faction \"{name}\" is not in the meeting file")
                            }
                            Method::RollCall => format!(
                                "member \"{name}\" is not in the meeting file or on the presentielijst"
                            ),
                        };
                        say(
                            &key,
                            Severity::Warning,
                            message,
                            "add it to the meeting file, or correct the name",
                        );
                    }
                }
            }
            let counted = count(meeting, &minutes.attendance, vote, vote.recorded_at);
            if (counted.seats_for, counted.seats_against) != (vote.seats_for, vote.seats_against) {
                say(
                    &format!("{at}.seats_for"),
                    Severity::Warning,
                    format!(
                        "the vote records {}-{} but the presentielijst gives {}-{}",
                        vote.seats_for,
                        vote.seats_against,
                        counted.seats_for,
                        counted.seats_against
                    ),
                    "the counts are made by gavel from those present at recorded_at: check the presentielijst",
                );
            }
        }
    }
    found
}

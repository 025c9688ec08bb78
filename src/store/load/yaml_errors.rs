//! serde_yaml's errors in words a clerk can act on: placed, reworded, with the key meant.

use super::*;

/// Turns a serde_yaml error on `text` into a diagnostic at its place, in words a clerk can act on.
pub fn diagnostic_from_yaml(path: &Path, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let (mut line, mut column) = error
        .location()
        .map_or((0, 0), |location| (location.line(), location.column()));
    let full = error.to_string();
    // The location is in the diagnostic already; libyaml ends with ", while parsing ... at ...".
    let (problem, context) = match full.rsplit_once(", while ") {
        Some((problem, context))
            if context.starts_with("parsing ") || context.starts_with("scanning ") =>
        {
            (problem, Some(context))
        }
        _ => (full.as_str(), None),
    };
    let problem = strip_location(problem);
    // serde_yaml puts the path of the value first (`items[0].title: invalid type ...`).
    let (value_path, problem) = match problem.split_once(": ") {
        Some((value_path, rest)) if !value_path.contains([' ', '`']) => (value_path, rest),
        _ => ("", problem),
    };
    let (mut message, mut help) = reword_yaml_problem(value_path, problem, context);
    // libyaml's words for a tab in the indentation are cryptic; it is a common slip.
    let offending = text
        .lines()
        .nth(line.wrapping_sub(1))
        .and_then(|l| l.chars().nth(column.wrapping_sub(1)));
    if offending == Some('\t') {
        message = "YAML syntax error: a tab character where YAML expects spaces".into();
        help = Some("indent with spaces only".into());
    }
    // serde places a repeated key at the start of its mapping; point at the repeat instead.
    if let Some(name) = problem.strip_prefix("duplicate field `") {
        let key_path = join_path(value_path, name.trim_end_matches('`'));
        let positions = Positions::build(text);
        let repeat = positions
            .duplicates()
            .iter()
            .find(|(path, _)| *path == key_path);
        if let (Some((_, at)), Some(first)) = (repeat, positions.get(&key_path)) {
            (line, column) = (at.line, at.column);
            message = format!("{message} (first on line {})", first.line);
        }
    }
    Diagnostic {
        path: path.to_path_buf(),
        line,
        column,
        severity: Severity::Error,
        message,
        help,
    }
}

pub(super) fn join_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Removes ` at line N column M` and ` at position N`, which the diagnostic says already.
pub(super) fn strip_location(text: &str) -> &str {
    for marker in [" at line ", " at position "] {
        if let Some(cut) = text.rfind(marker) {
            let tail = &text[cut + marker.len()..];
            if tail
                .chars()
                .all(|c| c.is_ascii_digit() || c == ' ' || "column".contains(c))
            {
                return &text[..cut];
            }
        }
    }
    text
}

pub(super) fn reword_yaml_problem(
    value_path: &str,
    problem: &str,
    context: Option<&str>,
) -> (String, Option<String>) {
    // `items[0].co_authors[1]` is an entry of the list "co_authors".
    let without_index =
        value_path.trim_end_matches(|c: char| c.is_ascii_digit() || c == '[' || c == ']');
    let in_list = without_index.len() < value_path.len();
    let key = without_index
        .rsplit('.')
        .next()
        .filter(|key| !key.is_empty() && !key.ends_with(']'));
    if let Some(rest) = problem.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let message = match suggest(name, &allowed) {
            Some(better) => format!(
                "unknown key \"{}\"; did you mean \"{better}\"?",
                shown(name)
            ),
            None => format!("unknown key \"{}\"", shown(name)),
        };
        let help = if allowed.is_empty() {
            "no keys are allowed here".to_string()
        } else {
            format!("allowed keys here: {}", allowed.join(", "))
        };
        return (message, Some(help));
    }
    if let Some(rest) = problem.strip_prefix("duplicate field `") {
        let name = rest.trim_end_matches('`');
        return (
            format!("key \"{name}\" appears twice"),
            Some("keep one of them".into()),
        );
    }
    if let Some(rest) = problem.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        return (format!("missing required key \"{name}\""), None);
    }
    if let Some(rest) = problem.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        // serde names YAML's shapes in its own words.
        let found = match found {
            "sequence" => "a list".to_string(),
            "map" => "a mapping".to_string(),
            "unit value" => "empty".to_string(),
            other => shown(other),
        };
        let expected = match expected {
            "a sequence" => "a list",
            other => other,
        };
        let message = match key {
            Some(key) if in_list => {
                format!("each entry of \"{key}\" should be {expected}, not {found}")
            }
            Some(key) => format!("\"{key}\" should be {expected}, not {found}"),
            None => format!("expected {expected}, found {found}"),
        };
        return (message, None);
    }
    match problem {
        "repetition limit exceeded" => (
            "too many alias expansions".into(),
            Some("write the values out; this is how \"billion laughs\" files blow up".into()),
        ),
        "recursion limit exceeded" => ("nesting is too deep".into(), None),
        "unknown anchor" => (
            "alias refers to an unknown anchor".into(),
            Some("define `&name` on a value before referring to it with `*name`".into()),
        ),
        "EOF while parsing a value" => ("file holds no YAML document".into(), None),
        "deserializing from YAML containing more than one document is not supported" => (
            "file holds more than one YAML document (`---`)".into(),
            Some("keep one document per file".into()),
        ),
        _ if problem.starts_with("invalid value")
            || problem.starts_with("invalid length")
            || problem.starts_with("unknown variant") =>
        {
            (problem.to_string(), None)
        }
        _ => {
            // Everything else comes from the YAML parser itself.
            let message = match context {
                Some(context) => format!("YAML syntax error: {problem} (while {context})"),
                None => format!("YAML syntax error: {problem}"),
            };
            (
                message,
                Some(
                    "check the indentation, and quote values that contain \": \" or \" #\"".into(),
                ),
            )
        }
    }
}

/// Dutch and near-English names people will type for a key, and the key they mean.
pub(super) const SYNONYMS: &[(&str, &str)] = &[
    ("portefeuillehouder", "portfolio_holder"),
    ("portefeuillehouders", "portfolio_holder"),
    ("portfolio_holders", "portfolio_holder"),
    ("informant", "informants"),
    ("informanten", "informants"),
    ("bijlage", "attachments"),
    ("bijlagen", "attachments"),
    ("attachment", "attachments"),
    ("titel", "title"),
    ("datum", "date"),
    ("voorzitter", "chair"),
    ("griffier", "clerk"),
    ("taal", "language"),
    ("secretaris", "clerk"),
    ("fractie", "factions"),
    ("fracties", "factions"),
    ("leden", "members"),
    ("debatvraag", "debate_question"),
    ("samenvatting", "summary"),
    ("afdeling", "department"),
    ("agenderende_fracties", "requested_by"),
    ("agenderende fracties", "requested_by"),
    ("medeopsteller", "co_authors"),
    ("medeopstellers", "co_authors"),
    ("spreektijd", "speaking_time"),
    ("nummer", "number"),
    ("soort", "kind"),
    ("type", "kind"),
    ("begin", "start"),
    ("aanvang", "start"),
    ("eind", "end"),
    ("einde", "end"),
    ("duur", "duration"),
    ("locatie", "location"),
    ("plaats", "location"),
    ("voorgesteld_besluit", "proposed_decision"),
    ("besluit", "proposed_decision"),
    ("naam", "name"),
    ("telefoon", "phone"),
    ("rol", "role"),
    ("bestand", "file"),
    ("agenda", "items"),
    ("agendapunten", "items"),
];

/// The allowed key `name` most likely meant: a known synonym, else the closest spelling.
pub(super) fn suggest<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    if name.len() > 64 {
        return None; // no key is that long; and edit distance on huge names would be slow
    }
    let lower = name.trim().to_lowercase();
    if let Some((_, meant)) = SYNONYMS.iter().find(|(synonym, _)| *synonym == lower)
        && let Some(found) = allowed.iter().find(|key| *key == meant)
    {
        return Some(found);
    }
    let normalized = lower.replace([' ', '-'], "_");
    let limit = (normalized.chars().count() / 3).max(2);
    allowed
        .iter()
        .map(|key| (levenshtein(&normalized, key), *key))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, key)| key)
}

/// Edit distance (insertions, deletions, substitutions), over characters.
pub(super) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

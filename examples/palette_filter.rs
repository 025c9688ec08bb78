//! The palette's ranking as a filter, for measuring it beside `fzf --filter` as a whole process
//! in one run (`benches/compare.sh`): reads lines from standard input, ranks them for the query
//! as the palette does (folded, words AND-ed, whole words and word starts first, nucleo-matcher's
//! score within) and prints the best 20, best first.
//!
//! Usage: `palette_filter QUERY < lines.txt`

use std::io::{Read, Write};

use gavel::search::{Candidate, Chunked, Matcher, Query};

fn main() {
    let query = std::env::args().nth(1).unwrap_or_default();
    // Read in one go and split in place, as fzf reads: no allocation per line.
    let mut input = String::new();
    if std::io::stdin().lock().read_to_string(&mut input).is_err() {
        std::process::exit(2);
    }
    let lines: Vec<&str> = input.lines().collect();
    // The lines stay where they are, as the palette's entries do; a candidate keeps only their
    // folded text.
    let candidates: Chunked<Candidate> = lines
        .iter()
        .map(|line| Candidate::new(line, ""))
        .collect::<Vec<_>>()
        .into();
    let ranked = Matcher.rank(&candidates, None, &Query::new(&query));
    let mut out = std::io::stdout().lock();
    for &index in ranked.iter().take(20) {
        if let Some(line) = lines.get(index) {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = out.flush();
    // Ends without freeing 100 000 candidates one by one, as fzf ends: freeing is no part of
    // the ranking measured, and the palette keeps its lines while it is open.
    std::process::exit(0);
}

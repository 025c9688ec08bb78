//! The palette's ranking as a filter, for measuring it beside `fzf --filter` as a whole process
//! in one run (`benches/compare.sh`): reads lines from standard input, ranks them for the query
//! as the palette does (folded, words AND-ed, whole words and word starts first, nucleo-matcher's
//! score within) and prints the best 20, best first.
//!
//! Usage: `palette_filter QUERY < lines.txt`

use std::io::{BufRead, Write};

use gavel::search::{Candidate, Chunked, Matcher, Query};

fn main() {
    let query = std::env::args().nth(1).unwrap_or_default();
    let lines: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .collect();
    let candidates: Chunked<Candidate> = lines
        .iter()
        .map(|line| Candidate::new(line.clone(), String::new()))
        .collect::<Vec<_>>()
        .into();
    let ranked = Matcher.rank(&candidates, None, &Query::new(&query));
    let mut out = std::io::stdout().lock();
    for &index in ranked.iter().take(20) {
        let _ = writeln!(out, "{}", lines[index]);
    }
}

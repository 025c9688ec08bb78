//! From a keystroke to ranked results in the search palette, over 100 000 searchable lines: the
//! lines of the example meeting's attachments, repeated with numbered variations until there are
//! 100 000. Target: under 16 ms a keystroke (one frame at 60 Hz).
//! Run with `cargo bench --bench search`; `benches/fzf.sh` measures fzf on the same lines.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gavel::app::picker::{Entry, Kind, Pick, Picker, Purpose};
use gavel::store::attachments::read_lines;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const LINES: usize = 100_000;

/// The example attachments' non-empty lines, numbered and repeated up to `LINES`.
pub fn corpus() -> Vec<String> {
    corpus_of(LINES)
}

fn corpus_of(count: usize) -> Vec<String> {
    // The attachments' texts: the example's text file, and the texts its PDFs are made from
    // (examples/make-pdfs.sh), in the order of their names, as before the PDFs.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["meetings/bijlagen", "examples/bijlagen-tekst"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(root.join(folder)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort_by_key(|path| path.file_name().map(|n| n.to_os_string()));
    let source: Vec<String> = files
        .iter()
        .filter_map(|path| read_lines(path.parent()?, &path.file_name()?.to_string_lossy()).ok())
        .flatten()
        .filter(|line| !line.trim().is_empty())
        .collect();
    (0..count)
        .map(|i| format!("{} [{}]", source[i % source.len()].trim(), i / source.len()))
        .collect()
}

fn entries(lines: &[String]) -> Vec<Entry> {
    lines
        .iter()
        .enumerate()
        .map(|(line, text)| Entry {
            label: text.clone(),
            detail: format!("Bijlage {} · regel {line}", line % 40),
            context: Some(format!("Bijlage {}", line % 40)),
            kind: Kind::Attachment,
            pick: Pick::AttachmentLine {
                item: 0,
                index: 0,
                line,
            },
        })
        .collect()
}

fn example_app() -> gavel::app::App {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("meetings/2017-11-20-raadsplein-takzaal.yaml");
    let meeting = gavel::store::load::load_meeting(&path).unwrap().meeting;
    let minutes = gavel::domain::minutes::Minutes::new(&meeting, "m.yaml");
    let now = chrono::DateTime::parse_from_rfc3339("2017-11-20T19:25:00+01:00").unwrap();
    gavel::app::App::new(
        meeting,
        path.parent().unwrap().into(),
        minutes,
        gavel::i18n::Lang::En,
        now,
    )
}

/// Types "beschut 26" into a fresh palette one key at a time, ranking after each key.
fn typing_beschut_26(b: &mut criterion::Bencher, entries: &[Entry]) {
    b.iter_batched(
        || Picker::new(Purpose::Search, String::new(), entries.to_vec(), None),
        |mut picker| {
            for ch in "beschut 26".chars() {
                picker.query.input(key(ch));
                picker.refilter();
            }
            black_box(picker.shown.first().copied());
            // Returned, so that freeing its 100 000 entries is not timed as typing.
            picker
        },
        criterion::BatchSize::LargeInput,
    )
}

fn key(ch: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)
}

fn benches(c: &mut Criterion) {
    let lines = corpus();
    if std::env::var_os("GAVEL_WRITE_CORPUS").is_some() {
        std::fs::write("/tmp/gavel-search-corpus.txt", lines.join("\n")).unwrap();
    }
    let all_entries = entries(&lines);
    let mut group = c.benchmark_group("search palette, 100 000 lines");
    group.sample_size(20);

    group.bench_function("first keystroke: b", |b| {
        let mut picker = Picker::new(Purpose::Search, String::new(), all_entries.clone(), None);
        b.iter(|| {
            picker.query.input(key('b'));
            picker.refilter();
            black_box(picker.shown.len());
            picker
                .query
                .input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            picker.refilter();
        })
    });

    group.bench_function("typing 'beschut 26', all ten keystrokes", |b| {
        typing_beschut_26(b, &all_entries)
    });

    // As the console does it: the key goes to a worker, which shows the best of its first part
    // (`FIRST_PART` lines) at once and ranks the rest after. Timed to that first screen only;
    // the worker then finishes, and the query is put back, outside the time.
    let first_screen = |picker: &mut Picker, typed: char| {
        let started = std::time::Instant::now();
        picker.query.input(key(typed));
        picker.stale = true;
        picker.refresh();
        while !picker.poll() {
            std::hint::spin_loop();
        }
        let took = started.elapsed();
        black_box(picker.shown.len());
        while picker.is_ranking() {
            picker.poll();
        }
        picker
            .query
            .input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        picker.refilter();
        took
    };
    group.bench_function("first screen of results, first keystroke: b", |b| {
        let mut picker = Picker::new(Purpose::Search, String::new(), all_entries.clone(), None);
        b.iter_custom(|runs| (0..runs).map(|_| first_screen(&mut picker, 'b')).sum())
    });
    group.bench_function(
        "first screen of results, a further keystroke: e after b",
        |b| {
            let mut picker = Picker::new(Purpose::Search, String::new(), all_entries.clone(), None);
            picker.query.input(key('b'));
            picker.refilter();
            b.iter_custom(|runs| (0..runs).map(|_| first_screen(&mut picker, 'e')).sum())
        },
    );

    group.bench_function("a whole query at once (paste): beschut 26", |b| {
        let mut picker = Picker::new(Purpose::Search, String::new(), all_entries.clone(), None);
        b.iter(|| {
            picker.query.insert_str("beschut 26");
            picker.refilter();
            black_box(picker.shown.first().copied());
            picker.query.select_all();
            picker.query.cut();
            picker.refilter();
        })
    });
    group.finish();

    // Opening the palette when 100 000 attachment lines are indexed: they are shared, not copied.
    let mut app = example_app();
    let indexed = gavel::app::index::index_attachment(
        &app.meeting,
        gavel::i18n::Lang::En,
        5,
        0,
        gavel::store::documents::DocumentText {
            lines: lines.clone(),
            ..Default::default()
        },
    );
    let now = chrono::DateTime::parse_from_rfc3339("2017-11-20T19:25:00+01:00").unwrap();
    app.update(gavel::keymap::Action::AttachmentIndexed(indexed), now);
    let mut group = c.benchmark_group("search palette, 100 000 lines");
    group.sample_size(20);
    group.bench_function("opening the palette (/)", |b| {
        b.iter(|| {
            app.update(gavel::keymap::Action::Search, now);
            app.update(gavel::keymap::Action::Close, now);
        })
    });
    // In the console a long list is ranked on a worker: the keystroke itself is answered in the
    // next frame (update, tick, a full 160x48 draw), the ranked results follow.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 48)).unwrap();
    app.update(gavel::keymap::Action::Search, now);
    group.bench_function(
        "a keystroke answered: update + frame (ranking on a worker)",
        |b| {
            b.iter(|| {
                app.update(gavel::keymap::Action::Input(key('b')), now);
                app.update(gavel::keymap::Action::Tick, now);
                terminal.draw(|frame| gavel::ui::draw(frame, &app)).unwrap();
                app.update(
                    gavel::keymap::Action::Input(KeyEvent::new(
                        KeyCode::Backspace,
                        KeyModifiers::NONE,
                    )),
                    now,
                );
                app.update(gavel::keymap::Action::Tick, now);
            })
        },
    );
    app.update(gavel::keymap::Action::Close, now);
    group.finish();

    // The real size: the 20 November 2017 meeting's attachments, about 5 000 lines.
    let example = entries(&corpus_of(5_000));
    let mut group = c.benchmark_group("search palette, 5 000 lines (the example meeting)");
    group.bench_function("typing 'beschut 26', all ten keystrokes", |b| {
        typing_beschut_26(b, &example)
    });
    group.finish();

    // The same lines and keystrokes with nucleo-matcher, for the choice of crate: text folded
    // the same way and decoded once (as the `nucleo` crate keeps its items), pattern words
    // AND-ed as fzf does, narrowed within the previous results.
    let folded: Vec<nucleo_matcher::Utf32String> = all_entries
        .iter()
        .map(|e| {
            let text = gavel::search::fold::fold_str(&format!(
                "{} {}",
                e.label,
                e.context.as_deref().unwrap_or("")
            ));
            nucleo_matcher::Utf32String::from(text.as_str())
        })
        .collect();
    let mut group = c.benchmark_group("nucleo-matcher, 100 000 lines");
    group.sample_size(20);
    group.bench_function("first keystroke: b", |b| {
        let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
        b.iter(|| black_box(nucleo_rank(&mut matcher, &folded, None, "b").len()))
    });
    group.bench_function("typing 'beschut 26', all ten keystrokes", |b| {
        let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
        b.iter(|| {
            let mut within: Option<Vec<usize>> = None;
            let query = "beschut 26";
            for end in 1..=query.len() {
                let ranked = nucleo_rank(&mut matcher, &folded, within.as_deref(), &query[..end]);
                within = Some(ranked);
            }
            black_box(within.map(|w| w.first().copied()))
        })
    });
    group.finish();
}

fn nucleo_rank(
    matcher: &mut nucleo_matcher::Matcher,
    lines: &[nucleo_matcher::Utf32String],
    within: Option<&[usize]>,
    query: &str,
) -> Vec<usize> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let all: Vec<usize>;
    let pool = match within {
        Some(pool) => pool,
        None => {
            all = (0..lines.len()).collect();
            &all
        }
    };
    let mut scored: Vec<(u32, usize)> = pool
        .iter()
        .filter_map(|&i| pattern.score(lines[i].slice(..), matcher).map(|s| (s, i)))
        .collect();
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

criterion_group!(search, benches);
criterion_main!(search);

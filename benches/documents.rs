//! PDF attachments at the scale of a heavy council meeting (issue 23): a meeting with 40 PDFs of
//! 20 pages each (copies of the example's 20-page "Plan beschut werken", each made different by
//! a trailing comment, so each is its own cache entry). Measures the first frame (loading the
//! meeting, starting the background reader, drawing) with no text yet, the time until every
//! PDF's text is searchable from cold (no cache: pdftotext in a child for each), and the same
//! from the cache beside the meeting. Run with `cargo bench --bench documents`; needs Poppler's
//! pdftotext (skipped with a reason when absent).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::DateTime;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gavel::app::App;
use gavel::app::index::index_in_background;
use gavel::domain::minutes::Minutes;
use gavel::i18n::Lang;
use gavel::keymap::Action;
use gavel::store::cache::CACHE_FOLDER;
use gavel::store::load::load_meeting;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PDFS: usize = 40;
const PDF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/meetings/bijlagen/2017-11-20-item5-plan-beschut-werken-nieuw-2017-en-2018.pdf"
);

/// A meeting of 40 items, each with one 20-page PDF.
fn meeting_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pdf = std::fs::read(PDF).unwrap();
    let mut yaml = String::from("title: Zware raad\ndate: 2017-11-20\nitems:\n");
    for n in 1..=PDFS {
        let mut copy = pdf.clone();
        copy.extend(format!("% copy {n}\n").bytes());
        std::fs::write(dir.path().join(format!("bijlage-{n}.pdf")), copy).unwrap();
        yaml.push_str(&format!(
            "  - number: \"{n}\"\n    title: Punt {n}\n    attachments:\n      - title: Bijlage {n}\n        file: bijlage-{n}.pdf\n"
        ));
    }
    std::fs::write(dir.path().join("m.yaml"), yaml).unwrap();
    dir
}

/// Loads the meeting, starts the background reader and draws the first frame, as `run` does.
fn first_frame(path: &Path) -> (App, std::sync::mpsc::Receiver<Action>) {
    let now = DateTime::parse_from_rfc3339("2017-11-20T19:25:00+01:00").unwrap();
    let meeting = load_meeting(path).unwrap().meeting;
    let minutes = Minutes::new(&meeting, "m.yaml");
    let dir = path.parent().unwrap().to_path_buf();
    let app = App::new(meeting, dir, minutes, Lang::Nl, now);
    let texts = index_in_background(&app.meeting, &app.meeting_dir, Lang::Nl);
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal.draw(|frame| gavel::ui::draw(frame, &app)).unwrap();
    (app, texts)
}

/// From the start until every PDF's text is in the search index.
fn all_searchable(path: &Path) -> usize {
    let now = DateTime::parse_from_rfc3339("2017-11-20T19:25:00+01:00").unwrap();
    let (mut app, texts) = first_frame(path);
    for action in texts {
        app.update(action, now);
    }
    assert_eq!(app.attachments.len(), PDFS, "{:?}", app.unreadable);
    app.attachments.values().map(|a| a.lines.len()).sum()
}

fn benches(c: &mut Criterion) {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        println!("documents bench: skipped, pdftotext (Poppler) is not installed");
        return;
    }
    gavel::extract::use_extractor(Path::new(env!("CARGO_BIN_EXE_gavel")));
    let folder = meeting_folder();
    let path: PathBuf = folder.path().join("m.yaml");
    let cache = folder.path().join(CACHE_FOLDER);
    let mut group = c.benchmark_group("40 PDFs of 20 pages");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("first frame (nothing read yet)", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&cache);
            },
            // The readers go on behind the frame; they are dropped unread.
            |()| first_frame(&path),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("every PDF searchable, cold (no cache)", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&cache);
            },
            |()| all_searchable(&path),
            BatchSize::PerIteration,
        )
    });
    all_searchable(&path); // fills the cache
    group.bench_function("every PDF searchable, from the cache", |b| {
        b.iter(|| all_searchable(&path))
    });
    group.finish();
}

criterion_group!(documents, benches);
criterion_main!(documents);

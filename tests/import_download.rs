//! `gavel import --attachments DIR` of a supplier's meeting: the documents downloaded from a
//! server on 127.0.0.1 that this test starts (a dropped connection resumed, a too-large file
//! refused, a file of the right size kept, `--offline` touching nothing).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

const DROP_LEN: usize = 200_000;
const CAP: usize = 8 * 1024 * 1024;

fn body() -> Vec<u8> {
    (0..DROP_LEN)
        .map(|i| {
            if i % 50 == 49 {
                b'\n'
            } else {
                b'a' + (i % 26) as u8
            }
        })
        .collect()
}

/// A server of five documents; each request's first line and Range header are kept.
fn server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut dropped = false;
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let _ = answer(stream, &log, &mut dropped);
        }
    });
    (base, seen)
}

fn answer(
    mut stream: TcpStream,
    log: &Mutex<Vec<String>>,
    dropped: &mut bool,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut first = String::new();
    reader.read_line(&mut first)?;
    let mut range = None;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim().is_empty() {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("range: bytes=") {
            range = value.trim().trim_end_matches('-').parse::<usize>().ok();
        }
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default();
    let path = path.split('?').next().unwrap_or_default().to_string();
    log.lock()
        .unwrap()
        .push(format!("{method} {path} {range:?}"));
    let head = method == "HEAD";
    match path.as_str() {
        "/drop.txt" => {
            let body = body();
            match range {
                Some(from) => {
                    write!(
                        stream,
                        "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {from}-{}/{DROP_LEN}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        DROP_LEN - 1,
                        DROP_LEN - from
                    )?;
                    stream.write_all(&body[from..])?;
                }
                None => {
                    write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {DROP_LEN}\r\nConnection: close\r\n\r\n"
                    )?;
                    if head {
                        return Ok(());
                    }
                    // The first time the connection drops after a quarter.
                    let upto = if *dropped { DROP_LEN } else { DROP_LEN / 4 };
                    *dropped = true;
                    stream.write_all(&body[..upto])?;
                }
            }
        }
        "/ok.txt" => {
            let text = b"Raadsvoorstel\n";
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                text.len()
            )?;
            if !head {
                stream.write_all(text)?;
            }
        }
        "/big.pdf" => {
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                CAP + 1
            )?;
        }
        "/endless.pdf" => {
            write!(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")?;
            let chunk = vec![b'%'; 64 * 1024];
            for _ in 0..(CAP / chunk.len() + 2) {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        "/events/meetings/458902" => {
            let recorded = std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/import/ris/notubiz_meeting_amsterdam.json"
            ))?;
            let body = format!("{{\"meeting\": {recorded}}}");
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            stream.write_all(body.as_bytes())?;
        }
        "/events/meetings/huge" => {
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                33 * 1024 * 1024
            )?;
        }
        _ => write!(
            stream,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )?,
    }
    stream.flush()?;
    // Closed at once: a body cut short ends here, as a dropped connection does.
    stream.shutdown(std::net::Shutdown::Both)
}

fn meeting_json(base: &str) -> String {
    let doc = |id: u32, title: &str, path: &str, file: &str, size: Option<usize>| {
        let size = size.map_or("null".to_string(), |s| s.to_string());
        format!(
            r#"{{"id": {id}, "title": "{title}", "url": "{base}{path}", "types": [{{"value": "Tekststuk"}}],
            "versions": [{{"id": 1, "file_name": "{file}", "file_size": {size}}}], "version": 1}}"#
        )
    };
    let documents = [
        doc(1, "Verslag", "/drop.txt", "verslag.txt", Some(DROP_LEN)),
        doc(2, "Raadsvoorstel", "/ok.txt", "voorstel.txt", None),
        doc(3, "Kaart", "/big.pdf", "kaart.pdf", None),
        doc(
            4,
            "Bijlage zonder einde",
            "/endless.pdf",
            "eindeloos.pdf",
            None,
        ),
        doc(5, "Weg", "/missing.txt", "weg.txt", None),
    ]
    .join(",");
    format!(
        r#"{{"meeting": {{"id": 9, "plannings": [{{"start_date": "2024-12-12 19:30:00"}}], "attributes": [{{"id": 1, "value": "Raad"}}],
        "agenda_items": [{{"id": 1, "order": 1, "type": "agenda_point", "type_data": {{"title_prefix": "1", "heading": false,
        "attributes": [{{"id": 1, "value": "Stukken"}}]}}, "documents": [{documents}]}}]}}}}"#
    )
}

fn gavel(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("gavel runs")
}

#[test]
fn documents_are_downloaded_resumed_capped_kept_and_offline_untouched() {
    let (base, seen) = server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("raad.json"), meeting_json(&base)).unwrap();
    let args = [
        "import",
        "raad.json",
        "-o",
        "raad.yaml",
        "--attachments",
        "bijlagen",
        "--force",
    ];
    let output = gavel(dir.path(), &args);
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{err}");
    let folder = dir.path().join("bijlagen");
    // The dropped connection was resumed with a Range from what had arrived.
    let verslag = std::fs::read(folder.join("2024-12-12-item1-verslag.txt")).unwrap();
    assert_eq!(verslag, body());
    let requests = seen.lock().unwrap().clone();
    assert!(
        requests.contains(&format!("GET /drop.txt Some({})", DROP_LEN / 4)),
        "{requests:?}"
    );
    assert!(folder.join("2024-12-12-item1-raadsvoorstel.txt").is_file());
    // Too large by its length, and by what it sent: refused, nothing left behind.
    assert!(
        err.contains(&format!("{base}/big.pdf is larger than 8 MiB")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{base}/endless.pdf is larger than 8 MiB")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{base}/missing.txt: the server answered 404")),
        "{err}"
    );
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        err.contains("2 documents downloaded, 0 kept (already there) in bijlagen; 3 not"),
        "{err}"
    );
    let text = std::fs::read_to_string(dir.path().join("raad.yaml")).unwrap();
    assert!(
        text.contains("file: bijlagen/2024-12-12-item1-verslag.txt"),
        "{text}"
    );
    let check = gavel(dir.path(), &["check", "raad.yaml"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Again: the files of the right size are kept, not fetched.
    let before = seen.lock().unwrap().len();
    let output = gavel(dir.path(), &args);
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(err.contains("0 documents downloaded, 2 kept"), "{err}");
    let again: Vec<String> = seen.lock().unwrap()[before..].to_vec();
    assert!(
        !again
            .iter()
            .any(|r| r.starts_with("GET /drop.txt") || r.starts_with("GET /ok.txt")),
        "{again:?}"
    );

    // Offline: not one request, and the files there still linked.
    let before = seen.lock().unwrap().len();
    let output = gavel(dir.path(), &[&args[..], &["--offline"]].concat());
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(seen.lock().unwrap().len(), before, "{err}");
    assert!(err.contains("0 documents downloaded, 2 kept"), "{err}");
    assert!(
        err.contains(&format!("{base}/big.pdf: not downloaded (--offline)")),
        "{err}"
    );
}

#[test]
fn a_notubiz_meeting_is_imported_from_its_api_address() {
    let (base, seen) = server();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{base}/events/meetings/458902?format=json&version=1.17.0");
    let output = gavel(dir.path(), &["import", &url, "-o", "amsterdam.yaml"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("amsterdam.yaml")).unwrap();
    assert!(
        text.contains(&format!("Imported by gavel import from {url}")),
        "{text}"
    );
    assert!(text.contains("- number: \"TKN 13\""));
    let check = gavel(dir.path(), &["check", "amsterdam.yaml"]);
    assert_eq!(check.status.code(), Some(0));
    // A response over the cap is refused by its length; --offline fetches nothing.
    let huge = format!("{base}/events/meetings/huge");
    let output = gavel(dir.path(), &["import", &huge]);
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        err.contains(&format!("{huge} is larger than 32 MiB")),
        "{err}"
    );
    let before = seen.lock().unwrap().len();
    let output = gavel(dir.path(), &["import", &url, "--offline"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--offline fetches nothing"));
    assert_eq!(seen.lock().unwrap().len(), before);
    let output = gavel(
        dir.path(),
        &["import", "http://example.nl/events/meetings/1"],
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("only HTTPS is fetched"));
}

//! The built binary in a real pseudo-terminal, its screen read back through a terminal emulator
//! (vt100): what the end-to-end, fault, hostile-file and display tests drive.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 45;
pub const COLS: u16 = 150;

/// A running program in a pseudo-terminal of `ROWS` × `COLS`.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    /// Starts the gavel binary with `args` in `folder`; `prefix` is a program that runs it
    /// (such as setpriv), if any. Does not wait for a screen.
    pub fn spawn(folder: &Path, prefix: &[&str], args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_sized(folder, prefix, args, env, ROWS, COLS)
    }

    pub fn spawn_sized(
        folder: &Path,
        prefix: &[&str],
        args: &[&str],
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let binary = env!("CARGO_BIN_EXE_gavel");
        let mut command = match prefix.split_first() {
            Some((program, rest)) => {
                let mut command = CommandBuilder::new(program);
                command.args(rest);
                command.arg(binary);
                command
            }
            None => CommandBuilder::new(binary),
        };
        command.args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        command.env("TERM", "xterm-256color");
        command.cwd(folder);
        let child = pty.slave.spawn_command(command).unwrap();
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let feed = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buffer[..n]);
            }
        });
        Pty {
            child,
            writer,
            screen,
            _master: pty.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    /// Waits until `check` holds; fails with the screen if it does not within 10 s.
    pub fn wait_until(&mut self, what: &str, check: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if check(self) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("never {what}:\n{}", self.contents());
    }

    /// Waits until the screen shows `text`; fails with the screen if it does not within 10 s.
    pub fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("showed {text:?}"), |p| p.contents().contains(text));
    }

    /// Waits until the screen shows `text` within `limit`; returns how long it took.
    pub fn wait_for_within(&self, text: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.contents().contains(text) {
                return start.elapsed();
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "screen did not show {text:?} within {limit:?}:\n{}",
            self.contents()
        );
    }

    /// Types `keys`, then gives the program a frame to answer, as a person types.
    pub fn keys(&mut self, keys: &str) {
        let before = (keys == "\x1b").then(|| self.contents());
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        thread::sleep(Duration::from_millis(60));
        // An Esc read together with the next key is Alt and that key: on a loaded machine, wait
        // (up to 2 s) until the Esc has been answered before anything else is typed.
        if let Some(before) = before {
            let deadline = Instant::now() + Duration::from_secs(2);
            while self.contents() == before && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(10));
            }
        }
    }

    /// Writes bytes without waiting a frame after them (a key at a precise moment).
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Sends a signal (`-9`, `-TERM`, `-HUP`, `-TSTP`) as `kill` does.
    pub fn signal(&mut self, signal: &str) {
        let status = std::process::Command::new("kill")
            .args([signal, &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The process state from /proc: `T` when stopped.
    pub fn state(&self) -> char {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // "pid (comm) S ...": the state follows the last ')'.
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .unwrap_or('?')
    }

    pub fn try_exit(&mut self) -> Option<u32> {
        self.child
            .try_wait()
            .unwrap()
            .map(|status| status.exit_code())
    }

    /// Waits for the program to end; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(code) = self.try_exit() {
                return code;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("gavel did not exit:\n{}", self.contents());
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A stopped or still running program must not outlive its test.
        let _ = self.child.kill();
    }
}

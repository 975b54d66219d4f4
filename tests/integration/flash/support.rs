//! Helpers for the flash tests: the ROM-bootloader emulator, ESP images, drive folders, a
//! loopback HTTP server and the `upy` command.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The Python venv with esptool: `$UPY_VENV`, else `<repo>/.venv`. Fails loudly when missing.
pub fn venv() -> PathBuf {
    let venv = std::env::var_os("UPY_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".venv"));
    assert!(
        venv.join("bin/python").exists(),
        "the test venv is missing at {}: run tests/setup.sh",
        venv.display()
    );
    venv
}

/// Bytes that do not compress (a simple xorshift stream, reproducible).
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// A valid ESP image for `chip` ("esp32", "esp32s3", "esp32c3", "esp8266") of about `len` bytes.
pub fn esp_image(chip: &str, len: usize, seed: u64) -> Vec<u8> {
    let payload = len.saturating_sub(32).max(16);
    let mut image = vec![0xE9, 1, 2, 0x20];
    if chip == "esp8266" {
        image.extend_from_slice(&0x4010_0004u32.to_le_bytes());
    } else {
        image.extend_from_slice(&0x4008_0000u32.to_le_bytes());
        let id: u16 = match chip {
            "esp32" => 0,
            "esp32s2" => 2,
            "esp32c3" => 5,
            "esp32s3" => 9,
            "esp32c6" => 13,
            other => panic!("no chip id for {other}"),
        };
        let mut extended = [0u8; 16];
        extended[4..6].copy_from_slice(&id.to_le_bytes());
        image.extend_from_slice(&extended);
    }
    image.extend_from_slice(&0x3FFB_0000u32.to_le_bytes());
    image.extend_from_slice(&(payload as u32).to_le_bytes());
    image.extend_from_slice(&noise(payload, seed));
    image
}

/// A running emulator; killed when dropped.
pub struct Emulator {
    child: Child,
    pub link: PathBuf,
    pub flash: PathBuf,
    pub log: PathBuf,
}

impl Emulator {
    /// Starts `emulator.py` in `dir` with extra arguments.
    pub fn start(dir: &Path, chip: &str, extra: &[&str]) -> Emulator {
        let link = dir.join("ttyESP");
        let flash = dir.join("flash.bin");
        let log = dir.join("emulator.log");
        let script = repo().join("tests/esp_rom_emulator/emulator.py");
        let mut child = Command::new(venv().join("bin/python"))
            .arg(script)
            .args(["--chip", chip, "--link"])
            .arg(&link)
            .arg("--flash")
            .arg(&flash)
            .arg("--log")
            .arg(&log)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the emulator");
        let stdout = child.stdout.take().expect("emulator stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("emulator READY line");
        assert!(line.starts_with("READY"), "emulator said {line:?}");
        Emulator {
            child,
            link,
            flash,
            log,
        }
    }

    pub fn port(&self) -> &str {
        self.link.to_str().expect("utf-8 path")
    }

    pub fn flash_contents(&self) -> Vec<u8> {
        std::fs::read(&self.flash).expect("read emulated flash")
    }

    /// Waits until the link exists again (after an emulated unplug).
    pub fn wait_for_link(&self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self.link.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs upy with a clean environment (no UPY_* from the caller, progress off).
pub fn upy(args: &[&str], envs: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_upy"));
    for (key, _) in std::env::vars() {
        if key.starts_with("UPY_") && key != "UPY_VENV" {
            command.env_remove(key);
        }
    }
    command.env("UPY_NO_PROGRESS", "true").args(args);
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().expect("run upy")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

/// Asserts success and returns stderr.
pub fn assert_ok(output: &Output) -> String {
    let text = stderr(output);
    assert!(
        output.status.success(),
        "upy failed ({:?}):\n{text}",
        output.status.code()
    );
    text
}

/// A folder shaped like a bootloader drive; a watcher thread plays the bootloader: when a
/// file with `extension` has been written completely, it keeps a copy of it and then either
/// removes the whole drive (a UF2 bootloader rebooting) or only the file (DAPLink remounting),
/// or writes FAIL.TXT (DAPLink refusing).
pub struct FakeDrive {
    pub path: PathBuf,
    stop: Arc<AtomicBool>,
    watcher: Option<JoinHandle<Option<Vec<u8>>>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DriveReaction {
    Vanish,
    DropFile,
    Fail,
    Ignore,
}

impl FakeDrive {
    pub fn new(
        path: PathBuf,
        marker: &str,
        marker_text: &str,
        extension: &'static str,
        reaction: DriveReaction,
    ) -> FakeDrive {
        std::fs::create_dir_all(&path).expect("create drive");
        std::fs::write(path.join(marker), marker_text).expect("write marker");
        let stop = Arc::new(AtomicBool::new(false));
        let (drive, flag) = (path.clone(), stop.clone());
        let watcher = std::thread::spawn(move || {
            let mut last_size = None;
            while !flag.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(100));
                let Ok(entries) = std::fs::read_dir(&drive) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let file = entry.path();
                    if file.extension().and_then(|e| e.to_str()) != Some(extension) {
                        continue;
                    }
                    let size = std::fs::metadata(&file).map(|m| m.len()).ok();
                    // Settled: the same size twice in a row.
                    if size.is_none() || size != last_size {
                        last_size = size;
                        continue;
                    }
                    let bytes = std::fs::read(&file).ok();
                    match reaction {
                        DriveReaction::Vanish => {
                            let _ = std::fs::remove_dir_all(&drive);
                        }
                        DriveReaction::DropFile => {
                            let _ = std::fs::remove_file(&file);
                        }
                        DriveReaction::Fail => {
                            let _ = std::fs::write(
                                drive.join("FAIL.TXT"),
                                "The hex file cannot be decoded.\n",
                            );
                        }
                        DriveReaction::Ignore => continue,
                    }
                    return bytes;
                }
            }
            None
        });
        FakeDrive {
            path,
            stop,
            watcher: Some(watcher),
        }
    }

    /// Stops watching; returns what the "bootloader" received.
    pub fn received(mut self) -> Option<Vec<u8>> {
        self.stop.store(true, Ordering::SeqCst);
        self.watcher.take().and_then(|w| w.join().ok()).flatten()
    }
}

impl Drop for FakeDrive {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A loopback HTTP/1.1 server answering GET for the files given (path -> bytes), counting
/// requests; it stops after `max_requests`.
pub fn http_server(
    files: Vec<(String, Vec<u8>)>,
    max_requests: usize,
) -> (String, JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.set_nonblocking(false).expect("blocking listener");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let handle = std::thread::spawn(move || {
        let mut served = 0;
        for stream in listener.incoming().take(max_requests) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut request = Vec::new();
            let mut buffer = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            let text = String::from_utf8_lossy(&request);
            let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
            served += 1;
            match files.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(body);
                }
                None => {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            }
        }
        served
    });
    (address, handle)
}

/// One request a [`Mirror`] answered: the path and the first byte asked for by a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    pub path: String,
    pub range_from: Option<u64>,
}

/// A loopback copy of MicroPython's download folder: GET with byte ranges (206, 416), 404 for
/// unknown names, optionally cutting the first answer for one file after some bytes of its
/// body (a dropped connection). Runs until dropped.
pub struct Mirror {
    pub base: String,
    log: Arc<std::sync::Mutex<Vec<Served>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Mirror {
    pub fn start(files: Vec<(String, Vec<u8>)>, cut_first: Option<(&str, usize)>) -> Mirror {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let mut cut = cut_first.map(|(name, bytes)| (format!("/{name}"), bytes));
        let (thread_log, thread_stop) = (log.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !thread_stop.load(Ordering::SeqCst) {
                let mut stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        std::thread::sleep(Duration::from_millis(10));
                        continue;
                    }
                };
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request).to_string();
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
                let range_from = text.lines().find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    if !name.trim().eq_ignore_ascii_case("range") {
                        return None;
                    }
                    value
                        .trim()
                        .strip_prefix("bytes=")?
                        .trim_end_matches('-')
                        .parse()
                        .ok()
                });
                thread_log.lock().unwrap().push(Served {
                    path: path.clone(),
                    range_from,
                });
                let Some((_, body)) = files.iter().find(|(name, _)| format!("/{name}") == path)
                else {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                    continue;
                };
                let len = body.len() as u64;
                match range_from {
                    Some(from) if from >= len => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{len}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                    Some(from) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {from}-{}/{len}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            len - 1,
                            len - from
                        );
                        let _ = stream.write_all(&body[from as usize..]);
                    }
                    None => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n"
                        );
                        let cut_here = cut
                            .as_ref()
                            .filter(|(name, _)| *name == path)
                            .map(|(_, bytes)| *bytes);
                        match cut_here {
                            Some(bytes) => {
                                cut = None;
                                let _ = stream.write_all(&body[..bytes]);
                                let _ = stream.flush();
                                let _ = stream.shutdown(std::net::Shutdown::Both);
                            }
                            None => {
                                let _ = stream.write_all(body);
                            }
                        }
                    }
                }
            }
        });
        Mirror {
            base,
            log,
            stop,
            thread: Some(thread),
        }
    }

    /// The requests answered so far.
    pub fn served(&self) -> Vec<Served> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Mirror {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A pins file for `UPY_FIRMWARE_PINS`: each (file name, bytes) pinned by its own size and
/// SHA-256, except that `wrong` names are pinned to another digest.
pub fn pins_file(dir: &Path, images: &[(&str, &[u8])], wrong: &[&str]) -> PathBuf {
    let pins: Vec<String> = images
        .iter()
        .map(|(name, bytes)| {
            let digest = if wrong.contains(name) {
                upy_firmware::cache::sha256_hex(b"not the released image")
            } else {
                upy_firmware::cache::sha256_hex(bytes)
            };
            format!(
                "\"{name}\": {{\"size\": {}, \"sha256\": \"{digest}\"}}",
                bytes.len()
            )
        })
        .collect();
    let path = dir.join("pins.json");
    std::fs::write(&path, format!("{{\"pins\": {{{}}}}}", pins.join(", "))).expect("pins");
    path
}

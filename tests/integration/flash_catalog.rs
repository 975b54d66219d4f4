//! `upy flash --board` and `upy firmware fetch|update` through the published catalog, against a
//! loopback mirror of MicroPython's download folder, the ESP ROM emulator, a UF2 drive folder,
//! the DAPLink stand-in and simulated running boards.

use std::path::Path;

use upy_firmware::catalog::Catalog;

use crate::flash::support::*;
use crate::simboard::{MicrobitBoard, SimBoard};

const MICROBIT_HEX: &str = "/usr/share/firmware-microbit-micropython/firmware.hex";

/// The file name MicroPython publishes for this board, variant and version.
fn file_name(board: &str, variant: Option<&str>, version: Option<&str>) -> String {
    let catalog = Catalog::builtin().unwrap();
    let board = catalog.board(board).unwrap();
    catalog
        .download(board, variant, version, None)
        .unwrap()
        .file_name
}

fn uf2_image(len: usize) -> Vec<u8> {
    upy_firmware::image::uf2::from_bin(&noise(len, 31), 0x1000_0000, 0xE48B_FF56)
}

fn rp2_drive(media: &Path) -> FakeDrive {
    FakeDrive::new(
        media.join("RPI-RP2"),
        "INFO_UF2.TXT",
        "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n",
        "uf2",
        DriveReaction::Vanish,
    )
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(files_in(&path));
            } else {
                found.push(path.file_name().unwrap().to_string_lossy().to_string());
            }
        }
    }
    found
}

#[test]
fn flash_board_downloads_the_pinned_variant_into_the_esp_rom() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let name = file_name("ESP32_GENERIC", Some("SPIRAM"), Some("1.27.0"));
    assert_eq!(name, "ESP32_GENERIC-SPIRAM-20251209-v1.27.0.bin");
    let image = esp_image("esp32", 70_000, 41);
    let pins = pins_file(dir.path(), &[(&name, &image)], &[]);
    let mirror = Mirror::start(vec![(name.clone(), image.clone())], None);
    let emulator = Emulator::start(dir.path(), "esp32", &[]);
    let output = upy(
        &[
            "flash",
            "--board",
            "esp32_generic",
            "--variant",
            "spiram",
            "--version",
            "v1.27.0",
            "--port",
            emulator.port(),
            "--before",
            "no-reset",
        ],
        &[
            ("UPY_CACHE_DIR", &cache),
            ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
            ("UPY_FIRMWARE_PINS", &pins),
        ],
    );
    let text = assert_ok(&output);
    assert!(text.contains("matches the catalog's pin"), "{text}");
    assert_eq!(
        &emulator.flash_contents()[0x1000..0x1000 + image.len()],
        &image[..]
    );
    assert_eq!(
        mirror.served(),
        vec![Served {
            path: format!("/{name}"),
            range_from: None
        }]
    );
}

#[test]
fn image_not_matching_its_pin_is_refused_with_both_hashes_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let name = file_name("ESP32_GENERIC_S3", None, None);
    let image = esp_image("esp32s3", 50_000, 42);
    let pins = pins_file(dir.path(), &[(&name, &image)], &[&name]);
    let mirror = Mirror::start(vec![(name.clone(), image.clone())], None);
    let emulator = Emulator::start(dir.path(), "esp32s3", &[]);
    let output = upy(
        &[
            "flash",
            "--board",
            "ESP32_GENERIC_S3",
            "--port",
            emulator.port(),
            "--before",
            "no-reset",
        ],
        &[
            ("UPY_CACHE_DIR", &cache),
            ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
            ("UPY_FIRMWARE_PINS", &pins),
        ],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let actual = upy_firmware::cache::sha256_hex(&image);
    let pinned = upy_firmware::cache::sha256_hex(b"not the released image");
    assert!(
        text.contains(&actual) && text.contains(&pinned),
        "both hashes should be named:\n{text}"
    );
    assert!(text.contains("nothing was written"), "{text}");
    // The emulator was never spoken to, and nothing of the download is kept.
    assert!(
        std::fs::read(&emulator.flash)
            .map(|flash| flash.iter().all(|&b| b == 0xFF))
            .unwrap_or(true),
        "the emulated flash was written"
    );
    assert_eq!(files_in(&cache), Vec::<String>::new());
}

#[test]
fn cut_download_resumes_with_a_range_request() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let name = file_name("RPI_PICO", None, None);
    let image = uf2_image(120_000);
    let pins = pins_file(dir.path(), &[(&name, &image)], &[]);
    let mirror = Mirror::start(vec![(name.clone(), image.clone())], Some((&name, 70_000)));
    let envs = [
        ("UPY_CACHE_DIR", cache.as_path()),
        ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
        ("UPY_FIRMWARE_PINS", pins.as_path()),
    ];

    let cut = upy(&["firmware", "fetch", "RPI_PICO"], &envs);
    let text = stderr(&cut);
    assert_eq!(cut.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!("stopped after 70000 of {} bytes", image.len())),
        "{text}"
    );
    assert!(text.contains("run the command again to resume"), "{text}");

    let resumed = upy(&["firmware", "fetch", "RPI_PICO"], &envs);
    let text = assert_ok(&resumed);
    assert!(text.contains("Resuming"), "{text}");
    let path = String::from_utf8_lossy(&resumed.stdout).trim().to_string();
    assert_eq!(std::fs::read(&path).unwrap(), image);
    assert_eq!(
        mirror.served(),
        vec![
            Served {
                path: format!("/{name}"),
                range_from: None
            },
            Served {
                path: format!("/{name}"),
                range_from: Some(70_000)
            },
        ]
    );
    // Only the finished file and its recorded digest are left.
    let mut left = files_in(&cache);
    left.sort();
    assert_eq!(left, vec![name.clone(), format!("{name}.sha256")]);
}

#[test]
fn flash_board_into_a_uf2_drive_then_again_offline_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let media = dir.path().join("media");
    let name = file_name("RPI_PICO_W", None, None);
    let image = uf2_image(60_000);
    let mirror = Mirror::start(vec![(name.clone(), image.clone())], None);

    let drive = rp2_drive(&media);
    let output = upy(
        &["flash", "--board", "RPI_PICO_W"],
        &[
            ("UPY_CACHE_DIR", &cache),
            ("UPY_DRIVE_ROOTS", &media),
            ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
        ],
    );
    let text = assert_ok(&output);
    // No pin for this image: the output says so and names the digest it recorded.
    assert!(text.contains(&format!("{name} is unpinned")), "{text}");
    assert!(
        text.contains(&upy_firmware::cache::sha256_hex(&image)),
        "{text}"
    );
    assert_eq!(drive.received().as_deref(), Some(&image[..]));
    drop(mirror);

    // No server any more: the cached image is used.
    let drive = rp2_drive(&media);
    let output = upy(
        &["flash", "--board", "RPI_PICO_W"],
        &[
            ("UPY_CACHE_DIR", &cache),
            ("UPY_DRIVE_ROOTS", &media),
            ("UPY_FIRMWARE_URL", Path::new("http://127.0.0.1:9")),
        ],
    );
    let text = assert_ok(&output);
    assert!(text.contains("Using the cached"), "{text}");
    assert_eq!(drive.received().as_deref(), Some(&image[..]));
}

#[test]
fn flash_board_copies_the_microbit_hex_onto_the_daplink_drive() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let media = dir.path().join("media");
    let hex = std::fs::read(MICROBIT_HEX).unwrap_or_else(|e| {
        panic!("{MICROBIT_HEX} is missing ({e}): run tests/setup.sh (installs firmware-microbit-micropython)")
    });
    let name = file_name("MICROBIT", None, None);
    assert!(name.ends_with(".hex"), "{name}");
    let pins = pins_file(dir.path(), &[(&name, &hex)], &[]);
    let mirror = Mirror::start(vec![(name.clone(), hex.clone())], None);
    let drive = FakeDrive::new(
        media.join("MICROBIT"),
        "DETAILS.TXT",
        "# DAPLink Firmware\nUnique ID: 9900000037024e450034200b0000004a0000000097969901\n",
        "hex",
        DriveReaction::DropFile,
    );
    let output = upy(
        &["flash", "--board", "MICROBIT"],
        &[
            ("UPY_CACHE_DIR", &cache),
            ("UPY_DRIVE_ROOTS", &media),
            ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
            ("UPY_FIRMWARE_PINS", &pins),
        ],
    );
    let text = assert_ok(&output);
    assert!(text.contains("programmed the board"), "{text}");
    assert_eq!(drive.received().as_deref(), Some(&hex[..]));
}

#[test]
fn unknown_variant_and_version_are_refused_with_what_exists() {
    let dir = tempfile::tempdir().unwrap();
    let envs = [("UPY_CACHE_DIR", dir.path())];
    let output = upy(
        &["firmware", "fetch", "ESP32_GENERIC", "--variant", "NOPE"],
        &envs,
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("SPIRAM") && text.contains("OTA"), "{text}");
    let output = upy(
        &["firmware", "fetch", "RPI_PICO", "--version", "1.19.1"],
        &envs,
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("1.25.0"), "{text}");
}

#[test]
fn running_board_that_matches_no_catalog_board_asks_for_board() {
    // The unix port reports "linux [GCC ...] version": no published board.
    let board = SimBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let output = upy(
        &["flash", "--port", board.port(), "--dry-run"],
        &[("UPY_CACHE_DIR", dir.path())],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("MicroPython 1.29.0-preview on") && text.contains("reports \"linux"),
        "{text}"
    );
    assert!(text.contains("--board ID"), "{text}");

    let output = upy(
        &["firmware", "update", "--port", board.port(), "--dry-run"],
        &[("UPY_CACHE_DIR", dir.path())],
    );
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        text.starts_with(&format!("{}: skipped: ", board.port()))
            && text.contains("matches no board"),
        "{text}"
    );
}

#[test]
fn running_microbit_is_identified_and_its_update_planned() {
    let board = MicrobitBoard::start();
    let dir = tempfile::tempdir().unwrap();
    let envs = [("UPY_CACHE_DIR", dir.path())];
    let output = upy(&["flash", "--port", board.port(), "--dry-run"], &envs);
    let text = assert_ok(&output);
    assert!(text.contains("That is MICROBIT"), "{text}");
    let name = file_name("MICROBIT", None, None);
    assert!(
        text.contains(&format!(
            "Dry run: would write {name} (unpinned) through daplink"
        )),
        "{text}"
    );

    let output = upy(
        &["firmware", "update", "--port", board.port(), "--dry-run"],
        &envs,
    );
    assert_ok(&output);
    let newest = Catalog::builtin()
        .unwrap()
        .board("MICROBIT")
        .unwrap()
        .releases
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("{}: MICROBIT: 1.9.2 -> {newest}", board.port())
    );
    // A release not published for the board is not planned.
    let output = upy(
        &[
            "firmware",
            "update",
            "--port",
            board.port(),
            "--dry-run",
            "--version",
            "1.19.1",
        ],
        &envs,
    );
    assert_ok(&output);
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        text.contains("skipped: MicroPython 1.19.1 is not published for MICROBIT"),
        "{text}"
    );
}

/// The ESP ROM emulator running "MicroPython 1.22.0" on an ESP32-S3 with octal SPIRAM.
fn running_esp32s3(dir: &Path) -> Emulator {
    Emulator::start(
        dir,
        "esp32s3",
        &[
            "--app",
            "--app-version",
            "1.22.0",
            "--app-machine",
            "Generic ESP32S3 module with Octal-SPIRAM with ESP32S3",
            "--app-build",
            "ESP32_GENERIC_S3-SPIRAM_OCT",
        ],
    )
}

#[test]
fn flash_alone_names_a_running_board_and_keeps_its_variant() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let name = file_name("ESP32_GENERIC_S3", Some("SPIRAM_OCT"), None);
    let image = esp_image("esp32s3", 40_000, 43);
    let pins = pins_file(dir.path(), &[(&name, &image)], &[]);
    let mirror = Mirror::start(vec![(name.clone(), image.clone())], None);
    let emulator = running_esp32s3(dir.path());
    let output = upy(
        &["flash", "--port", emulator.port()],
        &[
            ("UPY_CACHE_DIR", &cache),
            ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
            ("UPY_FIRMWARE_PINS", &pins),
        ],
    );
    let text = assert_ok(&output);
    assert!(
        text.contains("That is ESP32_GENERIC_S3 variant SPIRAM_OCT"),
        "{text}"
    );
    assert!(text.contains("enter its bootloader"), "{text}");
    assert_eq!(&emulator.flash_contents()[..image.len()], &image[..]);
}

#[test]
fn firmware_update_flashes_an_older_board_with_its_variant() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let name = file_name("ESP32_GENERIC_S3", Some("SPIRAM_OCT"), Some("1.27.0"));
    let image = esp_image("esp32s3", 40_000, 44);
    let pins = pins_file(dir.path(), &[(&name, &image)], &[]);
    let mirror = Mirror::start(vec![(name.clone(), image.clone())], None);
    let emulator = running_esp32s3(dir.path());
    let envs = [
        ("UPY_CACHE_DIR", cache.as_path()),
        ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
        ("UPY_FIRMWARE_PINS", pins.as_path()),
    ];
    let args = [
        "firmware",
        "update",
        "--port",
        emulator.port(),
        "--version",
        "1.27.0",
    ];
    let plan = upy(&[&args[..], &["--dry-run"]].concat(), &envs);
    assert_ok(&plan);
    let expected = format!(
        "{}: ESP32_GENERIC_S3 variant SPIRAM_OCT: 1.22.0 -> 1.27.0",
        emulator.port()
    );
    assert_eq!(String::from_utf8_lossy(&plan.stdout).trim(), expected);
    assert!(mirror.served().is_empty(), "a dry run downloads nothing");

    let output = upy(&args, &envs);
    let text = assert_ok(&output);
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), expected);
    assert!(text.contains("matches the catalog's pin"), "{text}");
    assert_eq!(&emulator.flash_contents()[..image.len()], &image[..]);
}

/// The emulator running MicroPython 1.21.0 on an ESP32-S2 board whose name no board records.
fn running_custom_esp32s2(dir: &Path) -> Emulator {
    Emulator::start(
        dir,
        "esp32s2",
        &[
            "--app",
            "--app-version",
            "1.21.0",
            "--app-machine",
            "Custom board with ESP32S2",
        ],
    )
}

#[test]
fn several_fitting_boards_without_a_terminal_are_listed_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = running_custom_esp32s2(dir.path());
    let output = upy(
        &["flash", "--port", emulator.port(), "--dry-run"],
        &[("UPY_CACHE_DIR", dir.path())],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("cannot tell which board is on")
            && text.contains("it could be ESP32_GENERIC_S2 (Espressif ESP32-S2, esp32s2), ")
            && text.contains("LOLIN_S2_MINI")
            && text.contains("name it with --board ID"),
        "{text}"
    );
}

#[test]
fn several_fitting_boards_on_a_terminal_are_offered_to_choose_from() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = running_custom_esp32s2(dir.path());
    // `script` gives upy a terminal; the answer waits in its input until the question.
    let command = format!(
        "{} flash --port {} --dry-run",
        env!("CARGO_BIN_EXE_upy"),
        emulator.port()
    );
    let mut child = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("UPY_CACHE_DIR", dir.path())
        .env("UPY_NO_PROGRESS", "true")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs upy on a terminal");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"lolin_s2_mini\n").unwrap();
    }
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Several boards fit"), "{text}");
    assert!(text.contains(" 1. ESP32_GENERIC_S2"), "{text}");
    let name = file_name("LOLIN_S2_MINI", None, None);
    assert!(
        text.contains(&format!("Dry run: would write {name}")),
        "{text}"
    );
}

#[test]
fn a_build_dated_a_day_after_the_release_tag_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let catalog = Catalog::builtin().unwrap();
    let board = catalog.board("RPI_PICO").unwrap();
    let download = catalog.download(board, None, Some("1.28.0"), None).unwrap();
    assert_eq!(catalog.published().releases["1.28.0"].date_source, "tag");
    let next_day = download.alternatives[0]
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let image = uf2_image(30_000);
    let mirror = Mirror::start(vec![(next_day.clone(), image.clone())], None);
    let output = upy(
        &["firmware", "fetch", "RPI_PICO", "--version", "1.28.0"],
        &[
            ("UPY_CACHE_DIR", &cache),
            ("UPY_FIRMWARE_URL", Path::new(&mirror.base)),
        ],
    );
    let text = assert_ok(&output);
    assert!(
        text.contains(&format!("took {}/{next_day}", mirror.base)),
        "{text}"
    );
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert_eq!(std::fs::read(path).unwrap(), image);
    let asked: Vec<String> = mirror.served().into_iter().map(|s| s.path).collect();
    assert_eq!(
        asked,
        vec![format!("/{}", download.file_name), format!("/{next_day}")]
    );
}

//! `upy flash` and `upy firmware` against the ROM-bootloader emulator (tests/esp_rom_emulator),
//! folders shaped like UF2 and DAPLink drives, and a loopback HTTP server.

pub mod support;

use std::path::Path;

use support::*;

const MICROBIT_HEX: &str = "/usr/share/firmware-microbit-micropython/firmware.hex";

/// `DATE-vX.Y.Z.EXT` of the board's newest release, as MicroPython names the download.
fn newest_file_tail(board: &str, extension: &str) -> String {
    let catalog = upy_firmware::catalog::Catalog::builtin().unwrap();
    let board = catalog.board(board).unwrap();
    let version = board.releases.last().unwrap();
    let date = &catalog.published().releases[version].date;
    format!("{date}-v{version}.{extension}")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path.to_str().expect("utf-8").to_string()
}

fn flash_esp(emulator: &Emulator, image: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "flash",
        "--port",
        emulator.port(),
        "--before",
        "no-reset",
        "--firmware",
        image,
    ];
    args.extend_from_slice(extra);
    upy(&args, &[])
}

#[test]
fn esp32_image_lands_at_0x1000_and_is_md5_verified() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &[]);
    let image = esp_image("esp32", 300_000, 1);
    let path = write(dir.path(), "esp32.bin", &image);
    let text = assert_ok(&flash_esp(&emulator, &path, &[]));
    assert!(text.contains("Detected ESP32"), "{text}");
    assert!(text.contains("MD5 verified"), "{text}");
    let flash = emulator.flash_contents();
    assert_eq!(&flash[0x1000..0x1000 + image.len()], &image[..]);
    assert!(
        flash[..0x1000].iter().all(|&b| b == 0xFF),
        "nothing before the offset"
    );
}

#[test]
fn esp32_s3_c3_and_c6_images_land_at_0x0() {
    for chip in ["esp32s3", "esp32c3", "esp32c6"] {
        let dir = tempfile::tempdir().unwrap();
        let emulator = Emulator::start(dir.path(), chip, &[]);
        let image = esp_image(chip, 100_000, 2);
        let path = write(dir.path(), "fw.bin", &image);
        assert_ok(&flash_esp(&emulator, &path, &[]));
        assert_eq!(
            &emulator.flash_contents()[..image.len()],
            &image[..],
            "{chip}"
        );
    }
}

#[test]
fn esp32_s2_is_told_by_its_magic_and_its_image_lands_at_0x1000() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32s2", &[]);
    let image = esp_image("esp32s2", 50_000, 28);
    let path = write(dir.path(), "s2.bin", &image);
    let text = assert_ok(&flash_esp(&emulator, &path, &[]));
    assert!(text.contains("Detected ESP32-S2"), "{text}");
    assert_eq!(
        &emulator.flash_contents()[0x1000..0x1000 + image.len()],
        &image[..]
    );
}

#[test]
fn compressible_image_goes_through_the_stub_deflate_path() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32s3", &[]);
    let mut image = esp_image("esp32s3", 64, 3);
    image.extend(std::iter::repeat_n(0x5A, 500_000));
    let payload = (image.len() - 32) as u32;
    image[28..32].copy_from_slice(&payload.to_le_bytes());
    let path = write(dir.path(), "fw.bin", &image);
    assert_ok(&flash_esp(&emulator, &path, &[]));
    assert_eq!(&emulator.flash_contents()[..image.len()], &image[..]);
    let log = std::fs::read_to_string(&emulator.log).unwrap();
    assert!(log.contains("cmd 0x11"), "FLASH_DEFL_DATA was used:\n{log}");
}

#[test]
fn esp8266_is_flashed_through_its_rom_without_a_stub() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp8266", &[]);
    let image = esp_image("esp8266", 120_000, 4);
    let path = write(dir.path(), "esp8266.bin", &image);
    let text = assert_ok(&flash_esp(&emulator, &path, &[]));
    assert!(text.contains("Detected ESP8266"), "{text}");
    assert_eq!(&emulator.flash_contents()[..image.len()], &image[..]);
    let log = std::fs::read_to_string(&emulator.log).unwrap();
    assert!(
        !log.contains("cmd 0x05"),
        "no stub upload (MEM_BEGIN) for the ESP8266:\n{log}"
    );
}

#[test]
fn image_for_another_chip_is_refused_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &[]);
    for (chip, name) in [("esp32s3", "ESP32-S3"), ("esp8266", "ESP8266")] {
        let path = write(dir.path(), "other.bin", &esp_image(chip, 50_000, 5));
        let output = flash_esp(&emulator, &path, &[]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        assert!(
            text.contains(&format!("the image is for {name} but the board is ESP32")),
            "{text}"
        );
        assert!(text.contains("nothing was written"), "{text}");
    }
    assert!(
        emulator.flash_contents().iter().all(|&b| b == 0xFF),
        "flash untouched"
    );
    let log = std::fs::read_to_string(&emulator.log).unwrap();
    assert!(
        !log.contains("cmd 0x02") && !log.contains("cmd 0x05"),
        "no FLASH_BEGIN or stub:\n{log}"
    );
}

#[test]
fn link_cut_mid_flash_is_reported_and_a_retry_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &["--cut-after", "150000"]);
    let image = esp_image("esp32", 400_000, 6);
    let path = write(dir.path(), "fw.bin", &image);
    let output = flash_esp(&emulator, &path, &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(4), "{text}");
    assert!(
        text.contains("link to") && text.contains("was lost"),
        "{text}"
    );
    emulator.wait_for_link();
    let text = assert_ok(&flash_esp(&emulator, &path, &[]));
    assert!(text.contains("MD5 verified"), "{text}");
    assert_eq!(
        &emulator.flash_contents()[0x1000..0x1000 + image.len()],
        &image[..]
    );
}

#[test]
fn erase_clears_the_whole_flash_first() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flash.bin"), vec![0x11u8; 4 * 1024 * 1024]).unwrap();
    let emulator = Emulator::start(dir.path(), "esp32c3", &[]);
    let image = esp_image("esp32c3", 20_000, 7);
    let path = write(dir.path(), "fw.bin", &image);
    assert_ok(&flash_esp(&emulator, &path, &["--erase"]));
    let flash = emulator.flash_contents();
    assert_eq!(&flash[..image.len()], &image[..]);
    assert!(
        flash[0x10000..].iter().all(|&b| b == 0xFF),
        "old contents erased"
    );
}

#[test]
fn image_larger_than_the_flash_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &["--flash-size", "0x40000"]);
    let path = write(dir.path(), "big.bin", &esp_image("esp32", 0x40000, 8));
    let output = flash_esp(&emulator, &path, &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("flash holds only 0x40000 bytes"), "{text}");
    assert!(emulator.flash_contents().iter().all(|&b| b == 0xFF));
}

#[test]
fn board_not_in_bootloader_says_how_to_enter_it() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &["--app"]);
    let path = write(dir.path(), "fw.bin", &esp_image("esp32", 10_000, 9));
    let output = flash_esp(&emulator, &path, &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{text}");
    assert!(text.contains("Hold BOOT"), "{text}");
}

#[test]
fn bootloader_flag_sends_a_running_board_to_its_rom_first() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32s3", &["--app"]);
    let image = esp_image("esp32s3", 30_000, 10);
    let path = write(dir.path(), "fw.bin", &image);
    let text = assert_ok(&flash_esp(&emulator, &path, &["--bootloader"]));
    assert!(text.contains("enter its bootloader"), "{text}");
    assert_eq!(&emulator.flash_contents()[..image.len()], &image[..]);
}

#[test]
fn unknown_and_corrupt_images_are_refused_before_opening_the_port() {
    let dir = tempfile::tempdir().unwrap();
    let missing_port = dir.path().join("no-such-port");
    let port = missing_port.to_str().unwrap();
    let cases = [
        (
            "text.bin",
            b"just some text".to_vec(),
            "not a firmware image",
        ),
        (
            "short.bin",
            esp_image("esp32", 1000, 11)[..500].to_vec(),
            "runs past the end",
        ),
        ("bad.uf2", vec![0x55; 512], "not a firmware image"),
        (
            "bad.hex",
            b":0400000001020304F3\n:00000001FF\n".to_vec(),
            "checksum mismatch",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = write(dir.path(), name, &bytes);
        let output = upy(&["flash", "--port", port, "--firmware", &path], &[]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {text}");
        assert!(text.contains(expected), "{name}: {text}");
    }
}

#[test]
fn missing_port_is_a_no_device_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fw.bin", &esp_image("esp32", 1000, 12));
    let port = dir.path().join("ttyNONE");
    let output = upy(
        &[
            "flash",
            "--port",
            port.to_str().unwrap(),
            "--firmware",
            &path,
        ],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{text}");
    assert!(text.contains("cannot open serial port"), "{text}");
}

#[test]
fn real_esptool_flashes_the_same_emulator() {
    // The emulator is only worth something if the reference tool accepts it too: esptool
    // 5.6.0 detects each chip, uploads its stub, writes a plain and a compressed region and
    // checks both MD5s.
    let dir = tempfile::tempdir().unwrap();
    let random = noise(70_000, 13);
    let zeros = vec![0u8; 200_000];
    let random_path = write(dir.path(), "random.bin", &random);
    let zeros_path = write(dir.path(), "zeros.bin", &zeros);
    for (chip, name) in [
        ("esp32", "ESP32"),
        ("esp32s3", "ESP32-S3"),
        ("esp32c3", "ESP32-C3"),
        ("esp32s2", "ESP32-S2"),
        ("esp32c6", "ESP32-C6"),
        ("esp8266", "ESP8266"),
    ] {
        let emulator = Emulator::start(dir.path(), chip, &[]);
        let output = std::process::Command::new(venv().join("bin/esptool"))
            .args([
                "--port",
                emulator.port(),
                "--before",
                "no-reset",
                "--after",
                "no-reset",
            ])
            .args([
                "write-flash",
                "0x8000",
                &random_path,
                "0x40000",
                &zeros_path,
            ])
            .output()
            .expect("run esptool");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "esptool failed on {chip}:\n{text}\n{}",
            stderr(&output)
        );
        assert!(text.contains(&format!("Connected to {name}")), "{text}");
        assert_eq!(text.matches("Hash of data verified").count(), 2, "{text}");
        let flash = emulator.flash_contents();
        assert_eq!(&flash[0x8000..0x8000 + random.len()], &random[..], "{chip}");
        assert_eq!(&flash[0x40000..0x40000 + zeros.len()], &zeros[..], "{chip}");
        drop(emulator);
        std::fs::remove_file(dir.path().join("flash.bin")).unwrap();
    }
}

fn rp2_info(model: &str, board_id: &str) -> String {
    format!("UF2 Bootloader v3.0\nModel: {model}\nBoard-ID: {board_id}\n")
}

fn uf2_image(family: u32, len: usize) -> Vec<u8> {
    upy_firmware::image::uf2::from_bin(&noise(len, 14), 0x1000_0000, family)
}

#[test]
fn uf2_is_copied_to_the_bootsel_drive_which_then_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let drive = FakeDrive::new(
        media.join("RPI-RP2"),
        "INFO_UF2.TXT",
        &rp2_info("Raspberry Pi RP2", "RPI-RP2"),
        "uf2",
        DriveReaction::Vanish,
    );
    let image = uf2_image(0xE48B_FF56, 200_000);
    let path = write(dir.path(), "RPI_PICO.uf2", &image);
    let output = upy(
        &["flash", "--firmware", &path],
        &[("UPY_DRIVE_ROOTS", &media)],
    );
    let text = assert_ok(&output);
    assert!(text.contains("took the image and rebooted"), "{text}");
    assert_eq!(drive.received().as_deref(), Some(&image[..]));
}

#[test]
fn uf2_for_another_family_is_refused_and_nothing_copied() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let drive = FakeDrive::new(
        media.join("RP2350"),
        "INFO_UF2.TXT",
        &rp2_info("Raspberry Pi RP2350", "RP2350"),
        "uf2",
        DriveReaction::Ignore,
    );
    let path = write(dir.path(), "pico1.uf2", &uf2_image(0xE48B_FF56, 10_000));
    let output = upy(
        &["flash", "--firmware", &path],
        &[("UPY_DRIVE_ROOTS", &media)],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("the image is for RP2040") && text.contains("board is RP2350"),
        "{text}"
    );
    let files: Vec<_> = std::fs::read_dir(&drive.path)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(files.len(), 1, "only INFO_UF2.TXT: {files:?}");
}

#[test]
fn uf2_drive_not_found_says_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fw.uf2", &uf2_image(0xE48B_FF56, 1000));
    let output = upy(
        &["flash", "--firmware", &path],
        &[("UPY_DRIVE_ROOTS", dir.path())],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{text}");
    assert!(
        text.contains("no UF2 drive found") && text.contains("BOOTSEL"),
        "{text}"
    );
}

#[test]
fn uf2_drive_that_keeps_the_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let _drive = FakeDrive::new(
        media.join("RPI-RP2"),
        "INFO_UF2.TXT",
        &rp2_info("Raspberry Pi RP2", "RPI-RP2"),
        "uf2",
        DriveReaction::Ignore,
    );
    let path = write(dir.path(), "fw.uf2", &uf2_image(0xE48B_FF56, 1000));
    let output = upy(
        &["flash", "--timeout", "1", "--firmware", &path],
        &[("UPY_DRIVE_ROOTS", &media)],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("did not take the image"), "{text}");
}

fn microbit_hex() -> Vec<u8> {
    std::fs::read(MICROBIT_HEX).unwrap_or_else(|e| {
        panic!("{MICROBIT_HEX} is missing ({e}): run tests/setup.sh (installs firmware-microbit-micropython)")
    })
}

#[test]
fn microbit_hex_is_copied_to_the_daplink_drive() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let drive = FakeDrive::new(
        media.join("MICROBIT"),
        "DETAILS.TXT",
        "# DAPLink Firmware\nUnique ID: 9900000037024e450034200b0000004a0000000097969901\n",
        "hex",
        DriveReaction::DropFile,
    );
    let hex = microbit_hex();
    let output = upy(
        &["flash", "--firmware", MICROBIT_HEX],
        &[("UPY_DRIVE_ROOTS", &media)],
    );
    let text = assert_ok(&output);
    assert!(text.contains("programmed the board"), "{text}");
    assert_eq!(drive.received().as_deref(), Some(&hex[..]));
}

#[test]
fn daplink_fail_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let _drive = FakeDrive::new(
        media.join("MICROBIT"),
        "DETAILS.TXT",
        "Board ID: 9900\n",
        "hex",
        DriveReaction::Fail,
    );
    let output = upy(
        &["flash", "--firmware", MICROBIT_HEX],
        &[("UPY_DRIVE_ROOTS", &media)],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("DAPLink refused the image: The hex file cannot be decoded"),
        "{text}"
    );
}

#[test]
fn firmware_list_names_the_boards() {
    let output = upy(&["firmware", "list"], &[]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "ESP32_GENERIC ",
        "ESP32_GENERIC_S3",
        "ESP8266_GENERIC",
        "RPI_PICO_W",
        "RPI_PICO2",
        "PYBV11",
        "MICROBIT",
        "0x1000",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

#[test]
fn firmware_fetch_caches_with_sha256_and_flash_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let image = esp_image("esp32", 80_000, 15);
    let (base, _server) = http_server(
        vec![(
            "/fw/ESP32_GENERIC-20251209-v1.27.0.bin".into(),
            image.clone(),
        )],
        1,
    );
    let envs = [("UPY_CACHE_DIR", cache.as_path())];

    let missing = upy(
        &["firmware", "path", "ESP32_GENERIC", "--version", "1.27.0"],
        &envs,
    );
    assert!(
        stderr(&missing).contains("upy firmware fetch ESP32_GENERIC"),
        "{}",
        stderr(&missing)
    );

    let fetched = upy(
        &[
            "firmware",
            "fetch",
            "ESP32_GENERIC",
            "--version",
            "1.27.0",
            "--base-url",
            &format!("{base}/fw"),
        ],
        &envs,
    );
    assert_ok(&fetched);
    let path = String::from_utf8_lossy(&fetched.stdout).trim().to_string();
    assert_eq!(std::fs::read(&path).unwrap(), image);
    let recorded = std::fs::read_to_string(format!("{path}.sha256")).unwrap();
    assert!(
        recorded.starts_with(&upy_firmware::cache::sha256_hex(&image)),
        "{recorded}"
    );

    let shown = upy(
        &["firmware", "path", "ESP32_GENERIC", "--version", "1.27.0"],
        &envs,
    );
    assert_ok(&shown);
    assert_eq!(String::from_utf8_lossy(&shown.stdout).trim(), path);

    let emulator = Emulator::start(dir.path(), "esp32", &[]);
    let flashed = upy(
        &[
            "flash",
            "--board",
            "ESP32_GENERIC",
            "--version",
            "1.27.0",
            "--port",
            emulator.port(),
            "--before",
            "no-reset",
        ],
        &envs,
    );
    assert_ok(&flashed);
    assert_eq!(
        &emulator.flash_contents()[0x1000..0x1000 + image.len()],
        &image[..]
    );

    // A damaged cache entry is refused before anything is written.
    let mut damaged = image.clone();
    damaged[1000] ^= 1;
    std::fs::write(&path, &damaged).unwrap();
    let refused = upy(
        &["firmware", "path", "ESP32_GENERIC", "--version", "1.27.0"],
        &envs,
    );
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("SHA-256"), "{}", stderr(&refused));
    let refused = upy(
        &[
            "flash",
            "--board",
            "ESP32_GENERIC",
            "--version",
            "1.27.0",
            "--port",
            emulator.port(),
            "--before",
            "no-reset",
        ],
        &envs,
    );
    assert!(
        stderr(&refused).contains("the file is damaged"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn firmware_fetch_reports_http_errors() {
    let dir = tempfile::tempdir().unwrap();
    // RPI_PICO's newest release has a date from its tag: the six days around it are asked too.
    let (base, server) = http_server(Vec::new(), 7);
    let output = upy(
        &["firmware", "fetch", "RPI_PICO", "--base-url", &base],
        &[("UPY_CACHE_DIR", dir.path())],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("download of")
            && text.contains("404")
            && text.contains("nor under 6 build dates around it"),
        "{text}"
    );
    assert_eq!(server.join().unwrap(), 7);
    assert!(upy_firmware::cache::Cache::new(dir.path().join("firmware"))
        .list()
        .is_empty());
}

#[test]
fn probe_dry_run_checks_target_and_layout_without_a_probe() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "pico.uf2", &uf2_image(0xE48B_FF56, 100_000));
    let output = upy(
        &[
            "flash",
            "--probe",
            "--chip",
            "RP2040",
            "--dry-run",
            "--firmware",
            &good,
        ],
        &[],
    );
    let text = assert_ok(&output);
    assert!(
        text.contains("fit RP2040") && text.contains("nothing written"),
        "{text}"
    );

    let outside = upy_firmware::image::uf2::from_bin(&noise(1000, 16), 0x3000_0000, 0xE48B_FF56);
    let bad = write(dir.path(), "outside.uf2", &outside);
    let output = upy(
        &[
            "flash",
            "--probe",
            "--chip",
            "RP2040",
            "--dry-run",
            "--firmware",
            &bad,
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));

    let output = upy(
        &[
            "flash",
            "--probe",
            "--chip",
            "NOT_A_CHIP",
            "--dry-run",
            "--firmware",
            &good,
        ],
        &[],
    );
    assert!(
        stderr(&output).contains("unknown target"),
        "{}",
        stderr(&output)
    );

    // The real micro:bit image also writes the nRF51's UICR, which probe-rs's nRF51822 memory
    // map does not cover: the layout check names the range instead of failing mid-flash.
    let output = upy(
        &[
            "flash",
            "--probe",
            "--chip",
            "nRF51822_xxAA",
            "--dry-run",
            "--firmware",
            MICROBIT_HEX,
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("0x100010C0"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn flash_alone_detects_a_bootsel_drive_and_downloads_its_firmware() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    let cache = dir.path().join("cache");
    let drive = FakeDrive::new(
        media.join("RPI-RP2"),
        "INFO_UF2.TXT",
        &rp2_info("Raspberry Pi RP2", "RPI-RP2"),
        "uf2",
        DriveReaction::Vanish,
    );

    let image = uf2_image(0xE48B_FF56, 50_000);
    let (base, _server) = http_server(
        vec![(
            format!("/RPI_PICO-{}", newest_file_tail("RPI_PICO", "uf2")),
            image.clone(),
        )],
        1,
    );
    let envs = [
        ("UPY_DRIVE_ROOTS", media.as_path()),
        ("UPY_CACHE_DIR", cache.as_path()),
        ("UPY_FIRMWARE_URL", Path::new(&base)),
    ];
    let text = assert_ok(&upy(&["flash"], &envs));
    assert!(
        text.contains("Found UF2 drive") && text.contains("assuming RPI_PICO"),
        "{text}"
    );
    assert!(text.contains("took the image"), "{text}");
    assert_eq!(drive.received().as_deref(), Some(&image[..]));
}

#[test]
fn a_flash_that_does_not_keep_the_data_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &["--corrupt-at", "0x2345"]);
    let path = write(dir.path(), "fw.bin", &esp_image("esp32", 40_000, 17));
    let output = flash_esp(&emulator, &path, &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("verification failed at 0x1000"), "{text}");
}

#[test]
fn esp8266_link_cut_is_reported_and_a_retry_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp8266", &["--cut-after", "40000"]);
    let image = esp_image("esp8266", 100_000, 18);
    let path = write(dir.path(), "fw.bin", &image);
    let output = flash_esp(&emulator, &path, &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(4), "{text}");
    assert!(text.contains("was lost while writing block"), "{text}");
    emulator.wait_for_link();
    assert_ok(&flash_esp(&emulator, &path, &[]));
    assert_eq!(&emulator.flash_contents()[..image.len()], &image[..]);
}

#[test]
fn esp_dry_run_identifies_the_chip_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32c3", &[]);
    let path = write(dir.path(), "fw.bin", &esp_image("esp32c3", 40_000, 19));
    let text = assert_ok(&flash_esp(&emulator, &path, &["--dry-run"]));
    assert!(
        text.contains("ESP32-C3") && text.contains("nothing written"),
        "{text}"
    );
    assert!(emulator.flash_contents().iter().all(|&b| b == 0xFF));
}

#[test]
fn list_probes_runs_without_a_probe() {
    let output = upy(&["flash", "--list-probes"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn hard_reset_on_a_port_without_modem_lines_does_not_fail_a_good_write() {
    let dir = tempfile::tempdir().unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &[]);
    let image = esp_image("esp32", 30_000, 20);
    let path = write(dir.path(), "fw.bin", &image);
    let text = assert_ok(&flash_esp(&emulator, &path, &["--after", "hard-reset"]));
    assert!(text.contains("press RESET"), "{text}");
    assert_eq!(
        &emulator.flash_contents()[0x1000..0x1000 + image.len()],
        &image[..]
    );
}

#[test]
fn probe_flash_without_a_probe_is_a_no_device_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pico.uf2", &uf2_image(0xE48B_FF56, 1000));
    let output = upy(
        &["flash", "--probe", "--chip", "RP2040", "--firmware", &path],
        &[],
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{text}");
    assert!(text.contains("no debug probe found"), "{text}");
}

#[test]
fn bootloader_flag_turns_a_running_board_into_its_uf2_drive() {
    // The emulator plays the running MicroPython (raw REPL); when it is told to call
    // machine.bootloader(), the test mounts the BOOTSEL drive, as the board would.
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    std::fs::create_dir_all(&media).unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &["--app"]);
    let (log, drive_path) = (emulator.log.clone(), media.join("RPI-RP2"));
    let mounter = std::thread::spawn(move || {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if text.contains("machine.bootloader()") {
                return Some(FakeDrive::new(
                    drive_path,
                    "INFO_UF2.TXT",
                    &rp2_info("Raspberry Pi RP2", "RPI-RP2"),
                    "uf2",
                    DriveReaction::Vanish,
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        None
    });
    let image = uf2_image(0xE48B_FF56, 20_000);
    let path = write(dir.path(), "pico.uf2", &image);
    let output = upy(
        &[
            "flash",
            "--bootloader",
            "--port",
            emulator.port(),
            "--firmware",
            &path,
        ],
        &[("UPY_DRIVE_ROOTS", &media)],
    );
    let text = assert_ok(&output);
    assert!(
        text.contains("enter its bootloader") && text.contains("took the image"),
        "{text}"
    );
    let drive = mounter
        .join()
        .unwrap()
        .expect("machine.bootloader() was called");
    assert_eq!(drive.received().as_deref(), Some(&image[..]));
}

#[test]
fn flash_alone_asks_the_rom_which_chip_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let no_drives = dir.path().join("media");
    std::fs::create_dir_all(&no_drives).unwrap();
    let envs = [
        ("UPY_CACHE_DIR", cache.as_path()),
        ("UPY_DRIVE_ROOTS", no_drives.as_path()),
    ];
    let image = esp_image("esp32s3", 60_000, 21);
    let (base, _server) = http_server(
        vec![(
            format!(
                "/ESP32_GENERIC_S3-{}",
                newest_file_tail("ESP32_GENERIC_S3", "bin")
            ),
            image.clone(),
        )],
        1,
    );
    assert_ok(&upy(
        &["firmware", "fetch", "ESP32_GENERIC_S3", "--base-url", &base],
        &envs,
    ));

    let emulator = Emulator::start(dir.path(), "esp32s3", &[]);
    let output = upy(
        &["flash", "--port", emulator.port(), "--before", "no-reset"],
        &envs,
    );
    let text = assert_ok(&output);
    assert!(
        text.contains("Detected ESP32-S3") && text.contains("ESP32_GENERIC_S3"),
        "{text}"
    );
    assert_eq!(&emulator.flash_contents()[..image.len()], &image[..]);
}

#[test]
fn port_held_exclusively_by_another_program_is_reported_busy() {
    use std::io::BufRead;
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let emulator = Emulator::start(dir.path(), "esp32", &[]);
    let pts = std::fs::read_link(&emulator.link).unwrap();
    let pts = pts.to_str().unwrap().to_string();
    std::fs::set_permissions(&pts, std::fs::Permissions::from_mode(0o666)).unwrap();
    // Another program opens the port the way serial tools do: exclusively (TIOCEXCL).
    let holder_code = format!(
        "import os, fcntl, termios, sys, time\nfd = os.open({pts:?}, os.O_RDWR | os.O_NOCTTY)\nfcntl.ioctl(fd, termios.TIOCEXCL)\nprint('held', flush=True)\ntime.sleep(30)\n"
    );
    let mut holder = std::process::Command::new(venv().join("bin/python"))
        .args(["-c", &holder_code])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "held");

    let path = write(dir.path(), "fw.bin", &esp_image("esp32", 1000, 22));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let upy_args = [
        "flash",
        "--port",
        &pts,
        "--before",
        "no-reset",
        "--firmware",
        &path,
    ];
    // Root may open an exclusive tty anyway, so run upy as an unprivileged user there.
    let is_root = std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"));
    let output = if is_root {
        std::process::Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_upy"),
            ])
            .args(upy_args)
            .env("UPY_NO_PROGRESS", "true")
            .output()
            .unwrap()
    } else {
        upy(&upy_args, &[])
    };
    let _ = holder.kill();
    let _ = holder.wait();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{text}");
    assert!(text.contains("is busy"), "{text}");
    assert!(emulator.flash_contents().iter().all(|&b| b == 0xFF));
}

#[test]
fn convert_round_trips_between_bin_uf2_and_hex() {
    let dir = tempfile::tempdir().unwrap();
    let data = noise(10_000, 23);
    let bin = write(dir.path(), "app.bin", &data);
    let uf2 = dir.path().join("app.uf2").to_str().unwrap().to_string();
    assert_ok(&upy(
        &[
            "firmware", "convert", &bin, "--family", "rp2040", "-o", &uf2,
        ],
        &[],
    ));
    let parsed = upy_firmware::image::Image::load(Path::new(&uf2)).unwrap();
    assert_eq!(parsed.uf2_family, Some(0xE48B_FF56));
    let segments = parsed.segments(0).unwrap();
    assert_eq!(
        (segments[0].address, &segments[0].data),
        (0x1000_0000, &data)
    );

    let hex = dir.path().join("app.hex").to_str().unwrap().to_string();
    assert_ok(&upy(&["firmware", "convert", &uf2, "-o", &hex], &[]));
    let back = dir.path().join("back.bin").to_str().unwrap().to_string();
    let text = assert_ok(&upy(&["firmware", "convert", &hex, "-o", &back], &[]));
    assert!(text.contains("starts at address 0x10000000"), "{text}");
    assert_eq!(std::fs::read(&back).unwrap(), data);

    let output = upy(&["firmware", "convert", &bin, "-o", &uf2], &[]);
    assert!(stderr(&output).contains("--base"), "{}", stderr(&output));
}

#[test]
fn microbit_hex_converts_to_a_binary_image() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("microbit.bin");
    let text = assert_ok(&upy(
        &[
            "firmware",
            "convert",
            MICROBIT_HEX,
            "-o",
            bin.to_str().unwrap(),
        ],
        &[],
    ));
    assert!(text.contains("starts at address 0x00000000"), "{text}");
    // The image also sets the nRF51's UICR, which a flat .bin cannot hold.
    assert!(
        text.contains("Not in the .bin (far from the rest): 0x100010c0"),
        "{text}"
    );
    let bytes = std::fs::read(&bin).unwrap();
    let segments = upy_firmware::image::ihex::parse(&microbit_hex(), "hex").unwrap();
    for segment in segments.iter().filter(|s| s.address < 0x1000_0000) {
        let at = segment.address as usize;
        assert_eq!(&bytes[at..at + segment.data.len()], &segment.data[..]);
    }
}

#[test]
fn probe_dry_run_places_a_raw_binary_at_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let raw = write(dir.path(), "app.bin", &noise(4096, 24));
    let args = [
        "flash",
        "--probe",
        "--chip",
        "RP2040",
        "--dry-run",
        "--firmware",
        &raw,
    ];
    let output = upy(&args, &[]);
    assert!(
        stderr(&output).contains("not a firmware image"),
        "{}",
        stderr(&output)
    );
    let mut with_offset = args.to_vec();
    with_offset.extend(["--offset", "0x10000000"]);
    let text = assert_ok(&upy(&with_offset, &[]));
    assert!(text.contains("0x10000000..0x10001000"), "{text}");
}

#[test]
fn pyboard_hex_goes_to_the_debug_probe_path() {
    let dir = tempfile::tempdir().unwrap();
    let segments = [upy_firmware::image::Segment {
        address: 0x0800_0000,
        data: noise(50_000, 25),
    }];
    let hex = write(
        dir.path(),
        "PYBV11.hex",
        upy_firmware::image::ihex::write(&segments).as_bytes(),
    );
    let output = upy(
        &[
            "flash",
            "--board",
            "PYBV11",
            "--firmware",
            &hex,
            "--dry-run",
        ],
        &[("UPY_DRIVE_ROOTS", dir.path())],
    );
    let text = assert_ok(&output);
    assert!(text.contains("fit STM32F405RGTx"), "{text}");
}

#[test]
fn esp8266_write_erases_only_the_image_sectors_despite_the_rom_quirk() {
    // The ESP8266 ROM erases more than asked for; upy asks for less so that data after the
    // image (a filesystem, say) survives.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flash.bin"), vec![0x11u8; 4 * 1024 * 1024]).unwrap();
    let emulator = Emulator::start(dir.path(), "esp8266", &[]);
    let image = esp_image("esp8266", 25 * 4096, 26);
    let path = write(dir.path(), "fw.bin", &image);
    assert_ok(&flash_esp(&emulator, &path, &[]));
    let flash = emulator.flash_contents();
    assert_eq!(&flash[..image.len()], &image[..]);
    // The compensation rounds up by at most one sector, as esptool's does.
    assert!(
        flash[26 * 4096..].iter().all(|&b| b == 0x11),
        "data after the image erased"
    );
}

#[test]
fn esp8266_erase_clears_the_whole_flash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flash.bin"), vec![0x11u8; 1024 * 1024]).unwrap();
    let emulator = Emulator::start(dir.path(), "esp8266", &["--flash-size", "0x100000"]);
    let image = esp_image("esp8266", 8192, 27);
    let path = write(dir.path(), "fw.bin", &image);
    assert_ok(&flash_esp(&emulator, &path, &["--erase"]));
    let flash = emulator.flash_contents();
    assert_eq!(&flash[..image.len()], &image[..]);
    assert!(
        flash[0x3000..].iter().all(|&b| b == 0xFF),
        "old contents erased"
    );
}

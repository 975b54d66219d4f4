use std::collections::BTreeMap;

use super::*;

#[test]
fn catalog_covers_every_port_and_release() {
    let published = Published::builtin().unwrap();
    let mut per_port: BTreeMap<&str, usize> = BTreeMap::new();
    for board in &published.boards {
        *per_port.entry(board.port.as_str()).or_default() += 1;
    }
    // Lower bounds well under what MicroPython 1.20-1.28 publish, so a generator run that
    // lost a port or most of one fails here.
    for (port, at_least) in [
        ("esp32", 40),
        ("esp8266", 3),
        ("rp2", 30),
        ("stm32", 60),
        ("nrf", 30),
        ("samd", 10),
        ("mimxrt", 10),
        ("renesas-ra", 8),
    ] {
        let count = per_port.get(port).copied().unwrap_or(0);
        assert!(
            count >= at_least,
            "{port}: {count} boards, expected {at_least}+"
        );
    }
    assert!(
        published.boards.len() >= 250,
        "{} boards",
        published.boards.len()
    );
    assert!(
        published.image_count() >= 4000,
        "{} images",
        published.image_count()
    );
    for version in ["1.20.0", "1.24.1", "1.27.0"] {
        let release = &published.releases[version];
        assert_eq!(release.date.len(), 8, "{version}");
    }
    for board in &published.boards {
        assert!(!board.releases.is_empty(), "{}", board.id);
        assert!(!board.mcu.is_empty(), "{} has no MCU", board.id);
        for version in &board.releases {
            let release = &published.releases[version];
            assert!(
                release.images.contains_key(&board.port),
                "{version} publishes {} but no {} images",
                board.id,
                board.port
            );
        }
    }
}

#[test]
fn every_pin_is_a_sha256_of_a_catalog_file_name() {
    let published = Published::builtin().unwrap();
    for (name, pin) in &published.pins {
        assert_eq!(pin.sha256.len(), 64, "{name}");
        assert!(pin.sha256.bytes().all(|b| b.is_ascii_hexdigit()), "{name}");
        assert!(name.contains("-v1."), "{name}");
    }
}

#[test]
fn common_boards_and_their_variants_are_known() {
    let published = Published::builtin().unwrap();
    let esp32 = published.board("esp32_generic").unwrap();
    assert_eq!(esp32.port, "esp32");
    assert_eq!(esp32.vendor, "Espressif");
    assert!(esp32.variants.contains_key("SPIRAM"));
    assert!(esp32.variants.contains_key("OTA"));
    for id in [
        "RPI_PICO",
        "RPI_PICO_W",
        "PYBV11",
        "ESP8266_GENERIC",
        "ESP32_GENERIC_S3",
    ] {
        published.board(id).unwrap();
    }
    assert!(published.search(Some("rp2"), Some("pico")).count() >= 3);
    assert!(published.search(None, Some("esp32s3")).count() >= 5);
    assert!(published
        .search(Some("samd"), None)
        .all(|b| b.port == "samd"));
}

#[test]
fn image_urls_follow_the_release_naming() {
    let published = Published::builtin().unwrap();
    let board = published.board("ESP32_GENERIC").unwrap();
    let images = published
        .images(
            board,
            Some("spiram"),
            Some("v1.27.0"),
            Some("http://127.0.0.1:9/fw/"),
        )
        .unwrap();
    let bin = images.iter().find(|i| i.kind == "bin").unwrap();
    assert_eq!(
        bin.download.url,
        "http://127.0.0.1:9/fw/ESP32_GENERIC-SPIRAM-20251209-v1.27.0.bin"
    );
    let pico = published.board("RPI_PICO").unwrap();
    let uf2 = published.images(pico, None, Some("1.25.0"), None).unwrap();
    assert_eq!(uf2.len(), 1);
    assert_eq!(uf2[0].download.file_name, "RPI_PICO-20250415-v1.25.0.uf2");
    assert!(matches!(
        published.images(board, Some("NOPE"), None, None),
        Err(Error::UnknownVariant { .. })
    ));
    assert!(matches!(
        published.images(board, None, Some("1.19.1"), None),
        Err(Error::UnknownVersion { .. })
    ));
}

#[test]
fn pinned_images_carry_their_hash() {
    let text = r#"{"base": "http://x", "releases": {"1.2.3": {"date": "20200101",
        "date_source": "listing", "images": {"rp2": ["uf2"]}}},
        "boards": [{"id": "B", "port": "rp2", "directory": "B", "vendor": "V", "product": "P",
        "mcu": "rp2040", "releases": ["1.2.3"], "variants": {}}],
        "pins": {"B-20200101-v1.2.3.uf2": {"size": 3, "sha256": "ab"}}}"#;
    let published = Published::parse(text).unwrap();
    let board = published.board("b").unwrap();
    let images = published.images(board, None, None, None).unwrap();
    assert_eq!(images[0].download.sha256.as_deref(), Some("ab"));
    assert_eq!(images[0].size, Some(3));
    assert_eq!(images[0].download.url, "http://x/B-20200101-v1.2.3.uf2");
}

#[test]
fn dates_shift_across_months_years_and_leap_days() {
    assert_eq!(shift_date("20260406", 1).as_deref(), Some("20260407"));
    assert_eq!(shift_date("20231231", 1).as_deref(), Some("20240101"));
    assert_eq!(shift_date("20240301", -1).as_deref(), Some("20240229"));
    assert_eq!(shift_date("20230301", -1).as_deref(), Some("20230228"));
    assert_eq!(shift_date("20240531", 3).as_deref(), Some("20240603"));
    assert_eq!(shift_date("2024053", 1), None);
}

#[test]
fn tag_dated_releases_offer_the_days_around_and_listed_ones_do_not() {
    let published = Published::builtin().unwrap();
    let pico = published.board("RPI_PICO").unwrap();
    let tagged = published.images(pico, None, Some("1.28.0"), None).unwrap();
    assert_eq!(published.releases["1.28.0"].date_source, "tag");
    let alternatives = &tagged[0].download.alternatives;
    assert_eq!(alternatives.len(), 6);
    assert!(
        alternatives[0].ends_with("/RPI_PICO-20260407-v1.28.0.uf2"),
        "{alternatives:?}"
    );
    assert!(alternatives[1].ends_with("/RPI_PICO-20260405-v1.28.0.uf2"));
    let listed = published.images(pico, None, Some("1.27.0"), None).unwrap();
    assert!(listed[0].download.alternatives.is_empty());
}

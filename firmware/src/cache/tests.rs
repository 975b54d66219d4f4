//! Resuming against a scripted loopback server: what is asked for and what is kept.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;

use super::*;
use crate::progress::NoProgress;

/// Answers one connection per scripted reply (head, body) and returns the requests it got.
fn server(replies: Vec<(String, Vec<u8>)>) -> (String, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut requests = Vec::new();
        for (head, body) in replies {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut buffer = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = stream.read(&mut buffer).unwrap();
                if n == 0 {
                    break;
                }
                request.extend_from_slice(&buffer[..n]);
            }
            requests.push(String::from_utf8_lossy(&request).to_lowercase());
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(b"Connection: close\r\n\r\n").unwrap();
            stream.write_all(&body).unwrap();
        }
        requests
    });
    (base, handle)
}

fn download(base: &str, sha256: Option<String>) -> Download {
    Download {
        board: "B".into(),
        version: "1.0.0".into(),
        url: format!("{base}/B-20200101-v1.0.0.uf2"),
        file_name: "B-20200101-v1.0.0.uf2".into(),
        size: None,
        sha256,
        alternatives: Vec::new(),
    }
}

fn part_of(cache: &Cache, download: &Download) -> PathBuf {
    cache
        .path(download)
        .with_file_name(format!(".{}.part", download.file_name))
}

#[test]
fn a_changed_file_is_fetched_whole_not_spliced_onto_the_old_part() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let new_content = b"the new release, all of it".to_vec();
    // The server's file changed since the part was fetched: it ignores the range because the
    // If-Range validator no longer matches, and sends everything.
    let (base, requests) = server(vec![(
        format!(
            "HTTP/1.1 200 OK\r\nETag: \"v2\"\r\nContent-Length: {}\r\n",
            new_content.len()
        ),
        new_content.clone(),
    )]);
    let download = download(&base, None);
    let part = part_of(&cache, &download);
    std::fs::create_dir_all(part.parent().unwrap()).unwrap();
    std::fs::write(&part, b"old bytes").unwrap();
    std::fs::write(validator_path(&part), "\"v1\"").unwrap();

    let fetched = cache.fetch(&download, false, &mut NoProgress).unwrap();
    assert_eq!(std::fs::read(&fetched.path).unwrap(), new_content);
    assert_eq!(fetched.sha256, sha256_hex(&new_content));
    let requests = requests.join().unwrap();
    assert!(requests[0].contains("range: bytes=9-"), "{}", requests[0]);
    assert!(requests[0].contains("if-range: \"v1\""), "{}", requests[0]);
    assert!(!part.exists() && !validator_path(&part).exists());
}

#[test]
fn a_part_holding_the_whole_file_is_finished_on_416() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let content = b"complete already".to_vec();
    let (base, requests) = server(vec![(
        format!(
            "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{}\r\nContent-Length: 0\r\n",
            content.len()
        ),
        Vec::new(),
    )]);
    let download = download(&base, Some(sha256_hex(&content)));
    let part = part_of(&cache, &download);
    std::fs::create_dir_all(part.parent().unwrap()).unwrap();
    std::fs::write(&part, &content).unwrap();

    let fetched = cache.fetch(&download, false, &mut NoProgress).unwrap();
    assert!(fetched.downloaded);
    assert_eq!(std::fs::read(&fetched.path).unwrap(), content);
    assert_eq!(requests.join().unwrap().len(), 1);
}

#[test]
fn a_part_longer_than_the_servers_file_starts_over() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let content = b"short".to_vec();
    let (base, requests) = server(vec![
        (
            "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */5\r\nContent-Length: 0\r\n"
                .into(),
            Vec::new(),
        ),
        (
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n".into(),
            content.clone(),
        ),
    ]);
    let download = download(&base, None);
    let part = part_of(&cache, &download);
    std::fs::create_dir_all(part.parent().unwrap()).unwrap();
    std::fs::write(&part, b"something much longer").unwrap();

    let fetched = cache.fetch(&download, false, &mut NoProgress).unwrap();
    assert_eq!(std::fs::read(&fetched.path).unwrap(), content);
    let requests = requests.join().unwrap();
    assert!(!requests[1].contains("range:"), "{}", requests[1]);
}

#[test]
fn a_pinned_download_that_differs_is_deleted_and_names_both_digests() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let served = b"tampered".to_vec();
    let (base, _requests) = server(vec![(
        "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n".into(),
        served.clone(),
    )]);
    let pinned = sha256_hex(b"released");
    let download = download(&base, Some(pinned.clone()));
    let error = cache.fetch(&download, false, &mut NoProgress).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains(&pinned) && text.contains(&sha256_hex(&served)),
        "{text}"
    );
    assert!(!cache.path(&download).exists());
    assert!(!part_of(&cache, &download).exists());
    assert!(cache.list().is_empty());
}

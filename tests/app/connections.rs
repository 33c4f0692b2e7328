//! Clients that open connections and then dawdle: idle keep-alives, headers sent a byte at
//! a time, bodies that never finish, more sockets than the server may keep. Each is cut
//! off after its timeout, and a new reader still gets in.

use crate::helpers::TestApp;
use factdesk::server::Limits;
use reqwest::StatusCode;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Far longer than any timeout set below: a read that waits this long means the server
/// kept the connection open.
const PATIENCE: Duration = Duration::from_secs(10);

fn short_timeouts() -> Limits {
    Limits {
        header_timeout: Duration::from_millis(300),
        ..Limits::default()
    }
}

fn connect(app: &TestApp) -> TcpStream {
    let stream = TcpStream::connect(app.address.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// Reads until the server closes the connection; the bytes it sent first. Fails the test
/// if the server keeps it open for `PATIENCE`.
fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return String::from_utf8_lossy(&received).into_owned(),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return String::from_utf8_lossy(&received).into_owned();
            }
            Err(e) => panic!("the server kept the connection open: {e}"),
        }
    }
}

/// One request on a kept-alive connection, its whole answer read (the health check's body
/// is "ok").
fn healthz_on(stream: &mut TcpStream) {
    let host = stream.peer_addr().unwrap();
    stream
        .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes())
        .unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    while !answer.ends_with(b"ok") {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "closed before answering");
        answer.extend_from_slice(&buffer[..n]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200"));
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_timeout() {
    let app = TestApp::spawn_configured(false, |_, _| {}, short_timeouts()).await;
    tokio::task::spawn_blocking(move || {
        let mut stream = connect(&app);
        healthz_on(&mut stream);
        assert_eq!(read_until_closed(&mut stream), "", "closed without a word");
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_header_that_never_ends_is_cut_off() {
    let app = TestApp::spawn_configured(false, |_, _| {}, short_timeouts()).await;
    tokio::task::spawn_blocking(move || {
        let mut silent = connect(&app);
        let mut half = connect(&app);
        half.write_all(b"GET /healthz HTTP/1.1\r\nHost: local")
            .unwrap();
        // A header byte every 40 ms: 100 bytes would take 4 s, far past the timeout.
        let mut trickle = connect(&app);
        let header = format!(
            "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: {}",
            "a".repeat(70)
        );
        let cut_off = header.bytes().any(|byte| {
            std::thread::sleep(Duration::from_millis(40));
            trickle.write_all(&[byte]).is_err()
        });
        assert!(
            cut_off,
            "the server took a header sent a byte at a time for 4 s"
        );
        for stream in [&mut silent, &mut half] {
            let said = read_until_closed(stream);
            assert!(!said.contains("200 OK"), "{said}");
        }
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_body_sent_too_slowly_gets_408_and_the_connection_closes() {
    let app = TestApp::spawn_configured(
        false,
        |s, _| s.body_timeout = Duration::from_millis(300),
        Limits::default(),
    )
    .await;
    tokio::task::spawn_blocking(move || {
        let mut stream = connect(&app);
        let host = stream.peer_addr().unwrap();
        stream
            .write_all(
                format!(
                    "POST /editor/login HTTP/1.1\r\nHost: {host}\r\n\
                     Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=a"
                )
                .as_bytes(),
            )
            .unwrap();
        let said = read_until_closed(&mut stream);
        assert!(said.starts_with("HTTP/1.1 408"), "{said}");
        assert!(said.to_lowercase().contains("connection: close"), "{said}");
        assert!(said.contains("The request was not sent in time."), "{said}");
        // Nothing was attempted with the half-sent form.
        assert_eq!(app.count("login_attempts"), 0);
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn at_the_connection_limit_the_longest_idle_connection_makes_room_for_a_reader() {
    let app = TestApp::spawn_configured(
        false,
        |_, _| {},
        Limits {
            max_connections: 4,
            ..Limits::default()
        },
    )
    .await;
    let address = app.address.clone();
    let mut idle = tokio::task::spawn_blocking(move || {
        (0..4)
            .map(|_| {
                let mut stream = TcpStream::connect(address.trim_start_matches("http://")).unwrap();
                stream.set_read_timeout(Some(PATIENCE)).unwrap();
                // A whole request, so the connection is open on the server's side too.
                healthz_on(&mut stream);
                stream
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();

    // A fifth client, a reader, is served at once.
    let page = app.get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, "ok");

    // The first of the idle four was closed to let it in; the newest is still open.
    tokio::task::spawn_blocking(move || {
        assert_eq!(read_until_closed(&mut idle[0]), "");
        healthz_on(&mut idle[3]);
    })
    .await
    .unwrap();
}

//! A server on a free port of 127.0.0.1 over a store filled from the
//! fixtures, and a plain HTTP/1.1 client to talk to it.
// Each test file uses its own part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use corroborate_engine::{Engine, Options};
use corroborate_model::RawDocument;
use corroborate_store::SqliteStore;

pub const TOKEN: &str = "t0ken-for-tests";

pub struct Server {
    pub addr: SocketAddr,
    _dir: Option<tempfile::TempDir>,
}

/// Starts a server over the fixture articles; `token` enables writes.
pub fn start(token: Option<&str>) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let mut engine = Engine::open(SqliteStore::open(&db).unwrap(), Options::default()).unwrap();
    let doc = RawDocument {
        origin: "fixtures/articles.jsonl".into(),
        bytes: include_bytes!("../fixtures/articles.jsonl").to_vec(),
        declared_charset: None,
    };
    let report = engine.ingest_document(&doc).unwrap();
    assert_eq!((report.stored, report.errors.len()), (4, 0), "{:?}", report.errors);
    drop(engine);
    let mut server = serve(corroborate_server::Config {
        db,
        token: token.map(str::to_string),
        options: corroborate_engine::Options::default(),
    });
    server._dir = Some(dir);
    server
}

/// Starts a server with `config` on a runtime of its own.
pub fn serve(config: corroborate_server::Config) -> Server {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            corroborate_server::serve(listener, config).await.unwrap();
        });
    });
    Server { addr: rx.recv().unwrap(), _dir: None }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The `code` of a JSON error body.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code: {}", self.body))
            .to_string()
    }
}

impl Server {
    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[], b"")
    }

    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        self.request("POST", path, headers, body)
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        let mut stream = self.connect();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).unwrap();
        // A server may answer (413) and close before reading a large body.
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        parse(&raw)
    }

    /// A request that declares a body of `length` bytes and never sends it:
    /// the answer can only come from its head.
    pub fn without_body(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        length: usize,
    ) -> Response {
        let mut stream = self.connect();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        parse(&raw)
    }

    /// An open `GET` whose response is read line by line (server-sent events).
    pub fn stream(&self, path: &str) -> BufReader<TcpStream> {
        self.stream_with(path, &[])
    }

    /// [`Server::stream`] with more request headers.
    pub fn stream_with(&self, path: &str, headers: &[(&str, &str)]) -> BufReader<TcpStream> {
        let mut stream = self.connect();
        let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
        let head =
            format!("GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n{extra}\r\n", self.addr);
        stream.write_all(head.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        reader
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).unwrap();
        // Only a guard against a hung test, never an assertion about speed.
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        stream
    }
}

fn parse(raw: &[u8]) -> Response {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked =
        headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = unchunk(&body);
    }
    Response { status, headers, body: String::from_utf8(body).expect("UTF-8 body") }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").expect("chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
}

/// One fictional article as a news-please JSON object.
pub fn article_json(title: &str, body: &str, outlet: &str) -> String {
    serde_json::json!({
        "title": title,
        "maintext": body,
        "source_domain": outlet,
        "date_publish": "2024-03-13 09:00:00",
        "language": "en",
    })
    .to_string()
}

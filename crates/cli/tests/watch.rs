//! `corroborate watch --once` against a small HTTP server on 127.0.0.1 whose
//! feed changes between polls.

mod common;

use common::{json, run, stderr, stdout};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// Path → (ETag, content type, body); and the requests seen, as
/// (path, If-None-Match).
#[derive(Default)]
struct Site {
    routes: BTreeMap<String, (String, &'static str, String)>,
    requests: Vec<(String, Option<String>)>,
}

fn serve(site: Arc<Mutex<Site>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut etag_asked = None;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap() == 0 || header.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    if name.eq_ignore_ascii_case("if-none-match") {
                        etag_asked = Some(value.trim().to_string());
                    }
                }
            }
            let mut site = site.lock().unwrap();
            site.requests.push((path.clone(), etag_asked.clone()));
            let response = match site.routes.get(&path) {
                Some((etag, _, _)) if etag_asked.as_ref() == Some(etag) => {
                    "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".to_string()
                }
                Some((etag, kind, body)) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nETag: {etag}\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{body}",
                    body.len()
                ),
                None => {
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
                }
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{address}")
}

fn page(title: &str, text: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{text} The harbour authority said on Thursday that the work would continue through the spring, \
         and that traffic on the quay would be limited to local boats until then.</p></article></body></html>"
    )
}

fn feed(base: &str, items: &[&str]) -> String {
    let items: String = items
        .iter()
        .map(|slug| format!("<item><title>{slug}</title><link>{base}/{slug}</link></item>"))
        .collect();
    format!("<rss version=\"2.0\"><channel><title>Harbour Daily</title>{items}</channel></rss>")
}

fn titles(db: &std::path::Path) -> Vec<String> {
    let articles = json(db, &["articles", "--json"]);
    let mut titles: Vec<String> =
        articles.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect();
    titles.sort();
    titles
}

#[test]
fn polls_feeds_conditionally_and_fetches_new_pages_politely() {
    let site = Arc::new(Mutex::new(Site::default()));
    let base = serve(site.clone());
    {
        let mut s = site.lock().unwrap();
        let routes = &mut s.routes;
        routes.insert(
            "/robots.txt".into(),
            ("\"r\"".into(), "text/plain", "User-agent: *\nDisallow: /private/\n".into()),
        );
        routes.insert(
            "/rss".into(),
            ("\"v1\"".into(), "application/rss+xml", feed(&base, &["quay", "private/memo"])),
        );
        routes.insert(
            "/quay".into(),
            ("\"p\"".into(), "text/html", page("Quay reopens", "The quay reopened.")),
        );
        routes.insert("/private/memo".into(), ("\"p\"".into(), "text/html", page("Memo", "Not for robots.")));
        routes.insert(
            "/ferry".into(),
            ("\"p\"".into(), "text/html", page("Ferry times change", "Ferries change.")),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let opml = dir.path().join("feeds.opml");
    std::fs::write(
        &opml,
        format!(
            "<opml version=\"2.0\"><body><outline text=\"Harbour\" xmlUrl=\"{base}/rss\"/></body></opml>"
        ),
    )
    .unwrap();
    let db = dir.path().join("watch.db");
    let watch = |db: &std::path::Path| {
        let out = run(db, &["watch", "--feeds", opml.to_str().unwrap(), "--once", "--delay", "0s"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };

    let first = watch(&db);
    assert!(first.contains("fetched 1 page(s), 1 refused by robots.txt"), "{first}");
    assert_eq!(titles(&db), ["Quay reopens"]);

    // Unchanged feed: the server answers 304 to the validator it gave.
    let second = watch(&db);
    assert!(second.contains("(1 unchanged)"), "{second}");

    // The feed changes: only the new page is fetched.
    {
        let mut s = site.lock().unwrap();
        s.routes
            .insert("/rss".into(), ("\"v2\"".into(), "application/rss+xml", feed(&base, &["quay", "ferry"])));
        s.requests.clear();
    }
    let third = watch(&db);
    assert!(third.contains("fetched 1 page(s)"), "{third}");
    assert_eq!(titles(&db), ["Ferry times change", "Quay reopens"]);
    let requests = site.lock().unwrap().requests.clone();
    let paths: Vec<&str> = requests.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["/rss", "/robots.txt", "/ferry"]);
    assert_eq!(requests[0].1.as_deref(), Some("\"v1\""));
}

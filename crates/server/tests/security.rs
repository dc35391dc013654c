//! Untrusted text stays text, writes need the token, bodies are bounded, and
//! only the embedded static files are served.

mod common;

use common::{article_json, start, TOKEN};

/// Every page that shows the hostile fixture article (title, body, outlet,
/// author and URL all carry markup).
fn hostile_pages(server: &common::Server) -> Vec<(String, String)> {
    let found = server.get("/api/search?q=oster%20council").json();
    let hit = &found["hits"][0];
    let (article, story) = (hit["article"].as_str().unwrap(), hit["story"].as_i64().unwrap());
    [
        "/".to_string(),
        format!("/stories/{story}"),
        format!("/articles/{article}"),
        "/search?q=oster".to_string(),
    ]
    .into_iter()
    .map(|path| {
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}");
        (path, r.body)
    })
    .collect()
}

#[test]
fn markup_in_articles_renders_inert_on_every_page() {
    let server = start(None);
    for (path, body) in hostile_pages(&server) {
        let lower = body.to_lowercase();
        // The only script element is the app's own, loaded from /static.
        assert_eq!(lower.matches("<script").count(), 1, "{path}");
        assert!(lower.contains("<script src=\"/static/app.js\" defer></script>"), "{path}");
        for tag in tags(&body) {
            let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            assert!(OUR_TAGS.contains(&name.as_str()), "{path} carries <{tag}>");
            assert!(!tag.contains(" on") && !tag.contains("javascript:"), "{path} carries <{tag}>");
        }
        assert!(body.contains("&lt;script&gt;"), "{path} should show the markup as text");
        assert_eq!(
            server.get(&path).header("content-security-policy"),
            Some(corroborate_server_csp()),
            "{path}"
        );
    }
}

/// The elements the pages are built from; markup from an article would add others.
const OUR_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "script",
    "body",
    "header",
    "a",
    "form",
    "input",
    "label",
    "button",
    "div",
    "main",
    "h1",
    "h2",
    "h3",
    "p",
    "ol",
    "ul",
    "li",
    "span",
    "section",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "mark",
    "time",
    "aside",
    "nav",
    "details",
    "summary",
    "blockquote",
    "strong",
    "select",
    "option",
    "article",
];

/// The inside of every start tag: `a href="/"` for `<a href="/">`.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter(|t| !t.starts_with('/') && !t.starts_with('!'))
        .map(|t| t.split('>').next().unwrap_or(t))
        .collect()
}

fn corroborate_server_csp() -> &'static str {
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
}

#[test]
fn writes_need_the_token_and_a_server_without_one_takes_none() {
    let body = article_json(
        "Ferry service resumes",
        "The ferry to Orin Island resumed on Wednesday, the operator said.",
        "Northwire",
    );
    let open = start(Some(TOKEN));
    for headers in [vec![], vec![("Authorization", "Bearer wrong-token")], vec![("Authorization", TOKEN)]] {
        let r = open.post("/api/articles", &headers, body.as_bytes());
        assert_eq!((r.status, r.error_code().as_str()), (401, "unauthorized"), "{headers:?}");
    }
    assert_eq!(open.get("/api/health").json()["articles"], 4);
    // The scheme's name is read in any case, as HTTP has it.
    let r = open.post("/api/articles", &[("Authorization", &format!("bearer {TOKEN}"))], body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(open.get("/api/health").json()["articles"], 5);

    let closed = start(None);
    let r = closed.post("/api/articles", &[("Authorization", &format!("Bearer {TOKEN}"))], body.as_bytes());
    assert_eq!((r.status, r.error_code().as_str()), (403, "read_only"));
    assert_eq!(closed.get("/api/health").json()["articles"], 4);

    // Both answers come from the request's head, before any of its body:
    // a client without the token cannot make the server wait for megabytes.
    let r = open.without_body("POST", "/api/articles", &[], 5_000_000);
    assert_eq!((r.status, r.error_code().as_str()), (401, "unauthorized"));
    let r = closed.without_body(
        "POST",
        "/api/articles",
        &[("Authorization", &format!("Bearer {TOKEN}"))],
        5_000_000,
    );
    assert_eq!((r.status, r.error_code().as_str()), (403, "read_only"));
}

#[test]
fn request_bodies_are_limited() {
    let server = start(Some(TOKEN));
    let big = vec![b' '; corroborate_server::BODY_LIMIT + 1];
    let r = server.post("/api/articles", &[("Authorization", &format!("Bearer {TOKEN}"))], &big);
    assert_eq!((r.status, r.error_code().as_str()), (413, "too_large"));
}

#[test]
fn only_the_embedded_static_files_are_served() {
    let server = start(None);
    let js = server.get("/static/app.js");
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
    assert!(server.get("/static/app.css").body.contains("mark"));
    for path in [
        "/static/../Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/%2e%2e/%2e%2e/src/lib.rs",
        "/static//etc/passwd",
        "/static/app.js/../../../../etc/passwd",
        "/../../etc/passwd",
        "/static/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("[package]") && !r.body.contains("root:"), "{path}");
    }
}

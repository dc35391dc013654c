//! The JSON API against a server on a free port of 127.0.0.1.

mod common;

use std::io::BufRead;

use common::{article_json, start, TOKEN};

fn port_story(server: &common::Server) -> serde_json::Value {
    let list = server.get("/api/stories?sort=size").json();
    list["stories"].as_array().unwrap().iter().find(|s| s["articles"] == 3).expect("the port story").clone()
}

#[test]
fn stories_are_listed_paged_filtered_and_sorted() {
    let server = start(None);
    let all = server.get("/api/stories");
    assert_eq!(all.status, 200);
    assert_eq!(all.header("content-type"), Some("application/json"));
    let all = all.json();
    assert_eq!(
        (all["total"].as_u64(), all["page"].as_u64(), all["per_page"].as_u64()),
        (Some(2), Some(1), Some(20))
    );
    // Latest activity first: the council article arrived after every port article; by size the port story leads.
    let first = |list: &serde_json::Value| list["stories"][0]["title"].as_str().unwrap().to_string();
    assert!(first(&all).contains("Council"), "{all}");
    assert!(first(&server.get("/api/stories?sort=size").json()).contains("Valmere"));

    let port = port_story(&server);
    assert_eq!(port["independent_outlets"], 2, "a credited wire copy is not a source of its own: {port}");
    assert_eq!(port["outlets"], serde_json::json!(["Coastline Daily", "Lakeside Herald", "Valmere Courier"]));
    assert_eq!(port["disputes"], 1, "12 or 14 ships: {port}");

    let second = server.get("/api/stories?per_page=1&page=2").json();
    assert_eq!((second["total"].as_u64(), second["stories"].as_array().unwrap().len()), (Some(2), 1));
    // The page's link to the next keeps its size: at the default size, page
    // 2 would start after the stories this size never showed.
    let page = server.get("/?per_page=1&sort=size").body;
    assert!(page.contains("href=\"/?page=2&amp;sort=size&amp;per_page=1\""), "{page}");
    let text = server.get("/api/stories?q=backlog").json();
    assert_eq!(text["stories"].as_array().unwrap().len(), 1);
    let outlet = server.get("/api/stories?outlet=Lakeside%20Herald").json();
    assert_eq!(outlet["stories"][0]["id"], port["id"]);
    // In any case, as a user types it.
    let typed = server.get("/api/stories?outlet=%20lakeside%20HERALD").json();
    assert_eq!(typed["stories"], outlet["stories"]);
    // Every article here is in English, by code or by name.
    assert_eq!(server.get("/api/stories?language=en").json()["total"], 2);
    assert_eq!(server.get("/api/stories?language=English").json()["total"], 2);
    assert_eq!(server.get("/api/stories?language=de").json()["total"], 0);
    let dated = server.get("/api/stories?to=2024-03-11").json();
    assert!(dated["stories"][0]["title"].as_str().unwrap().contains("Council"), "{dated}");
    assert_eq!(server.get("/api/stories?from=2024-03-13").json()["total"], 0);
    let disputed = server.get("/api/stories?disputed=true").json();
    assert_eq!(disputed["total"], 1, "only the port story has a dispute: {disputed}");
    assert_eq!(disputed["stories"][0]["id"], port["id"]);
    let undisputed = server.get("/api/stories?disputed=false").json();
    assert_eq!(undisputed["total"], 1, "{undisputed}");
    assert_ne!(undisputed["stories"][0]["id"], port["id"]);
    assert_eq!(server.get("/api/stories").json()["total"], 2);
}

#[test]
fn bad_parameters_and_unknown_things_get_json_errors() {
    let server = start(None);
    for (path, status, code) in [
        ("/api/stories?page=0", 400, "bad_request"),
        ("/api/stories?from=yesterday", 400, "bad_request"),
        ("/api/stories?sort=random", 400, "bad_request"),
        ("/api/stories?disputed=maybe", 400, "bad_request"),
        ("/api/stories/999", 404, "not_found"),
        ("/api/stories/abc", 404, "not_found"),
        ("/api/articles/0000", 404, "not_found"),
        ("/api/nothing", 404, "not_found"),
        ("/api/stories?from=2013-02-30", 400, "bad_request"),
        ("/api/stories?to=2013-13-01", 400, "bad_request"),
        ("/api/stories/%ff", 400, "bad_request"),
        ("/api/articles/%ff", 400, "bad_request"),
    ] {
        let r = server.get(path);
        assert_eq!((r.status, r.error_code().as_str()), (status, code), "{path}: {}", r.body);
    }
    assert_eq!(server.get("/api/stories?from=2024-02-29").status, 200, "a leap day is a date");
    let r = server.request("DELETE", "/api/health", &[], b"");
    assert_eq!((r.status, r.error_code().as_str()), (405, "method_not_allowed"), "{}", r.body);
    assert_eq!(r.header("allow"), Some("GET,HEAD"));
}

#[test]
fn a_story_is_its_brief_and_every_citation_points_into_an_article() {
    let server = start(None);
    let id = port_story(&server)["id"].as_i64().unwrap();
    let brief = server.get(&format!("/api/stories/{id}")).json();
    assert_eq!(brief["story"]["id"], id);
    assert_eq!(brief["story"]["articles"].as_array().unwrap().len(), 3);
    assert_eq!(brief["story"]["wire_groups"].as_array().unwrap().len(), 1);
    let sentence = &brief["brief"][0];
    let citation = &sentence["citations"][0];
    let article = server.get(&format!("/api/articles/{}", citation["article"].as_str().unwrap())).json();
    let body = article["body"].as_str().unwrap();
    let cited =
        &body[citation["start"].as_u64().unwrap() as usize..citation["end"].as_u64().unwrap() as usize];
    assert!(!cited.is_empty());
    assert!(sentence["text"].as_str().unwrap().contains(cited.trim()), "{cited:?} in {sentence}");
}

#[test]
fn an_article_shows_its_original_text_repairs_and_quotes() {
    let server = start(None);
    let hits = server.get("/api/search?q=shipping%20agents").json();
    let id = hits["hits"][0]["article"].as_str().unwrap().to_string();
    let article = server.get(&format!("/api/articles/{id}")).json();
    assert!(article["body"].as_str().unwrap().starts_with("Valmere\u{2019}s port"));
    assert!(article["original_body"].as_str().unwrap().starts_with("Valmere\u{e2}\u{20ac}\u{2122}s port"));
    assert_eq!(article["repairs"][0]["kind"], "mojibake");
    let quote = &article["quotes"][0];
    let body = article["body"].as_str().unwrap();
    let span = &body
        [quote["span"]["start"].as_u64().unwrap() as usize..quote["span"]["end"].as_u64().unwrap() as usize];
    assert_eq!(span, quote["text"].as_str().unwrap());
    assert!(article["mentions"].as_array().unwrap().iter().any(|m| m["text"] == "Mira Okonkwo"), "{article}");
}

#[test]
fn search_returns_snippets_with_highlights() {
    let server = start(None);
    let r = server.get("/api/search?q=cargo%20ships");
    assert_eq!(r.status, 200);
    let found = r.json();
    assert_eq!(found["total"], 3);
    for hit in found["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        let words: Vec<String> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| snippet[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize].to_lowercase())
            .collect();
        assert!(
            words.contains(&"cargo".to_string()) && words.iter().any(|w| w.starts_with("ships")),
            "{hit}"
        );
    }
    assert_eq!(server.get("/api/search?q=%22%29%28*").json()["total"], 0);
}

#[test]
fn posted_articles_are_stored_and_announced() {
    let server = start(Some(TOKEN));
    let mut events = server.stream("/api/events");
    // A client resuming from a number past the store's last (a store made
    // again since) is sent what comes next all the same.
    let mut resumed = server.stream_with("/api/events", &[("Last-Event-ID", "1000")]);
    let auth = format!("Bearer {TOKEN}");
    let one = article_json(
        "Valmere clears ship backlog early",
        "The Port of Valmere cleared the backlog of cargo ships on Thursday, a day early, the harbour authority said.",
        "Northwire",
    );
    let r = server.post(
        "/api/articles",
        &[("Authorization", &auth), ("Content-Type", "application/json")],
        one.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["stored"], 1);

    // The streams announce it.
    for stream in [&mut events, &mut resumed] {
        let mut data = None;
        let mut line = String::new();
        while data.is_none() {
            line.clear();
            assert!(stream.read_line(&mut line).unwrap() > 0, "stream ended");
            data = line.strip_prefix("data: ").map(|d| serde_json::from_str::<serde_json::Value>(d).unwrap());
        }
        let data = data.unwrap();
        assert_eq!(
            (data["seq"].as_u64(), data["title"].as_str()),
            (Some(5), Some("Valmere clears ship backlog early"))
        );
    }

    // A JSONL batch: one good line, one bad; the same article again is skipped.
    let batch = format!(
        "{}\n{{\"title\": \"no body\"}}\n{}\n",
        article_json(
            "Oster bridge to reopen in May",
            "Repairs to the Oster bridge deck will take eight weeks, engineers said.",
            "Lakeside Herald"
        ),
        one
    );
    let r = server.post(
        "/api/articles",
        &[("Authorization", &auth), ("Content-Type", "application/x-ndjson")],
        batch.as_bytes(),
    );
    let report = r.json();
    assert_eq!(
        (report["stored"].as_u64(), report["already_stored"].as_u64()),
        (Some(1), Some(1)),
        "{report}"
    );
    assert!(report["errors"][0].as_str().unwrap().starts_with("request.jsonl:2"), "{report}");
    assert_eq!(server.get("/api/health").json()["articles"], 6);
    assert_eq!(server.get("/api/search?q=eight%20weeks").json()["total"], 1);

    let nothing = server.post("/api/articles", &[("Authorization", &auth)], b"{\"title\": \"no body\"}");
    assert_eq!((nothing.status, nothing.error_code().as_str()), (400, "invalid_articles"));
    // Only JSON is taken: a page or plain text is not an article record.
    for body in [&b"garbage"[..], b"<html><body><p>A page.</p></body></html>"] {
        let r = server.post(
            "/api/articles",
            &[("Authorization", &auth), ("Content-Type", "application/json")],
            body,
        );
        assert_eq!((r.status, r.error_code().as_str()), (400, "invalid_articles"), "{}", r.body);
    }
    // A compressed body is held to the limit once decompressed.
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(batch.repeat(corroborate_server::BODY_LIMIT / batch.len() + 1).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    assert!(gz.len() < corroborate_server::BODY_LIMIT / 10, "{}", gz.len());
    let r = server.post("/api/articles", &[("Authorization", &auth)], &gz);
    assert_eq!((r.status, r.error_code().as_str()), (413, "too_large"), "{}", r.body);
    // Within it, a compressed batch is read as any other.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(batch.as_bytes()).unwrap();
    let r = server.post("/api/articles", &[("Authorization", &auth)], &gz.finish().unwrap());
    assert_eq!((r.status, r.json()["already_stored"].as_u64()), (200, Some(2)), "{}", r.body);
    assert_eq!(server.get("/api/health").json()["articles"], 6);
}

#[test]
fn health_and_openapi_describe_the_server() {
    let server = start(None);
    let health = server.get("/api/health").json();
    assert_eq!(health, serde_json::json!({"status": "ok", "articles": 4, "last_seq": 4, "writable": false}));
    let doc = server.get("/api/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for p in [
        "/api/stories",
        "/api/stories/{id}",
        "/api/articles/{id}",
        "/api/articles",
        "/api/search",
        "/api/health",
        "/api/events",
    ] {
        assert!(paths.iter().any(|k| *k == p), "{p} missing from {paths:?}");
    }
    assert!(doc["components"]["schemas"]["StoryList"].is_object());
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    // Filters and paging are optional query parameters, and every response
    // says what it is, as OpenAPI requires: generated clients depend on both.
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for (method, operation) in methods.as_object().unwrap() {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let name = parameter["name"].as_str().unwrap();
                let place = if path.contains(&format!("{{{name}}}")) { "path" } else { "query" };
                assert_eq!(parameter["in"], place, "{method} {path} {name}");
                assert_eq!(
                    parameter["required"].as_bool().unwrap_or(false),
                    place == "path",
                    "{path} {name}"
                );
            }
            for (status, response) in operation["responses"].as_object().unwrap() {
                assert!(response["description"].as_str().is_some_and(|d| !d.is_empty()), "{path} {status}");
            }
        }
    }
}

#[test]
fn posted_articles_get_the_outlet_names_the_server_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let outlets =
        corroborate_ingest::Outlets::from_tsv("nwire.example\tNorthwire Agency\n", "outlets.tsv").unwrap();
    let options =
        corroborate_engine::Options { outlets: Some(std::sync::Arc::new(outlets)), ..Default::default() };
    let server = common::serve(corroborate_server::Config {
        db: dir.path().join("outlets.db"),
        token: Some(TOKEN.into()),
        options,
    });
    let auth = format!("Bearer {TOKEN}");
    let body = article_json(
        "Quillmoor ferry resumes",
        "The Quillmoor ferry resumed its crossings on Friday after a week of repairs.",
        "nwire.example",
    );
    let r = server.post("/api/articles", &[("Authorization", &auth)], body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    let hits = server.get("/api/search?q=Quillmoor").json();
    assert_eq!(hits["hits"][0]["outlet"], "Northwire Agency", "{hits}");
}

//! The published JSON schema is the one generated from the types.

mod common;

#[test]
fn published_schema_matches_the_types() {
    let o = common::bin().arg("schema").output().unwrap();
    assert!(o.status.success());
    let generated: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/json-schema.json");
    let published: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        generated, published,
        "docs/json-schema.json is stale: regenerate it with `cargo run -- schema > docs/json-schema.json`"
    );
    for field in ["story", "entities", "quotes", "claims", "conflicts", "brief", "sources"] {
        assert!(published["$defs"]["Brief"]["properties"].get(field).is_some(), "Brief lacks {field}");
    }
}

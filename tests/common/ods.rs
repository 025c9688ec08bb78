//! The ODS export checked as its reader would: every resource against VNG's own schema
//! (`schemas/ods-openapi.yaml`, ODS Open Raadsinformatie 2.0), and every reference pointing at a
//! resource of the same export.

use serde_json::Value;

/// The collection of the export and the standard's schema for its resources.
pub const COLLECTIONS: &[(&str, &str)] = &[
    ("vergaderingen", "Vergadering"),
    ("agendapunten", "Agendapunt"),
    ("fracties", "Fractie"),
    ("natuurlijkpersonen", "NatuurlijkPersoon"),
    ("aanwezigedeelnemers", "AanwezigeDeelnemer"),
    ("spreekfragmenten", "Spreekfragment"),
    ("informatieobjecten", "InformatieObject"),
    ("stemmingen", "Stemming"),
    ("stemmen", "Stem"),
    ("stemresultatenperfractie", "StemresultaatPerFractie"),
];

fn components() -> Value {
    let text = std::fs::read_to_string(super::root().join("schemas/ods/openapi.yaml")).unwrap();
    let spec: Value = serde_yaml::from_str(&text).unwrap();
    spec["components"].clone()
}

/// What is wrong with an export: each problem with the collection, the resource's id and why.
pub fn problems(export: &Value) -> Vec<String> {
    let components = components();
    let mut found = Vec::new();
    let mut urls = std::collections::HashSet::new();
    for (collection, _) in COLLECTIONS {
        for resource in export[*collection].as_array().into_iter().flatten() {
            urls.insert(resource["url"].as_str().unwrap_or_default().to_string());
        }
    }
    for (collection, schema) in COLLECTIONS {
        let Some(list) = export[*collection].as_array() else {
            found.push(format!("{collection}: missing"));
            continue;
        };
        let wrapped = serde_json::json!({
            "$ref": format!("#/components/schemas/{schema}"),
            "components": components,
        });
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(true)
            .build(&wrapped)
            .unwrap();
        for resource in list {
            let id = resource["id"].as_str().unwrap_or("?");
            for error in validator.iter_errors(resource) {
                found.push(format!(
                    "{collection} {id}: {error} at {}",
                    error.instance_path()
                ));
            }
            references(resource, &mut |url| {
                if !urls.contains(url) {
                    found.push(format!("{collection} {id}: {url} points at nothing"));
                }
            });
        }
    }
    found
}

/// Every url a resource refers to: `{ id, url }` references and lists of urls.
fn references(value: &Value, found: &mut dyn FnMut(&str)) {
    if let Value::Object(map) = value {
        for (key, field) in map {
            match field {
                Value::Object(reference) if reference.contains_key("id") => {
                    if let Some(url) = reference.get("url").and_then(Value::as_str) {
                        found(url);
                    }
                }
                Value::Array(list) if key != "naamNatuurlijkPersoon" => {
                    for entry in list {
                        match entry {
                            Value::String(url) => found(url),
                            other => references(&serde_json::json!({ "x": other }), found),
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

//! robots.txt, as far as a polite fetcher of a few pages needs it: the
//! `Allow` and `Disallow` path prefixes of the group for our agent (else of
//! `*`), the longest matching prefix deciding. A site without a readable
//! robots.txt allows everything.

/// The rules that apply to us on one host.
#[derive(Debug, Default)]
pub struct Robots {
    rules: Vec<(String, bool)>,
}

impl Robots {
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut ours: Vec<(String, bool)> = Vec::new();
        let mut anyone: Vec<(String, bool)> = Vec::new();
        let (mut for_us, mut for_anyone, mut in_rules) = (false, false, false);
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((field, value)) = line.split_once(':') else { continue };
            let (field, value) = (field.trim().to_ascii_lowercase(), value.trim());
            match field.as_str() {
                "user-agent" => {
                    if in_rules {
                        (for_us, for_anyone, in_rules) = (false, false, false);
                    }
                    let named = value.to_ascii_lowercase();
                    for_us |= !named.is_empty() && named != "*" && agent.contains(&named);
                    for_anyone |= named == "*";
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    if value.is_empty() {
                        continue;
                    }
                    let rule = (value.to_string(), field == "allow");
                    if for_us {
                        ours.push(rule.clone());
                    }
                    if for_anyone {
                        anyone.push(rule);
                    }
                }
                _ => {}
            }
        }
        Robots { rules: if ours.is_empty() { anyone } else { ours } }
    }

    /// Whether a path (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        self.rules
            .iter()
            .filter(|(prefix, _)| path.starts_with(prefix.trim_end_matches('*')))
            .max_by_key(|(prefix, allow)| (prefix.len(), *allow))
            .is_none_or(|(_, allow)| *allow)
    }
}

#[cfg(test)]
mod tests {
    use super::Robots;

    #[test]
    fn longest_rule_of_our_group_decides() {
        let text = "User-agent: *\nDisallow: /\n\nUser-agent: corroborate\nDisallow: /private/\nAllow: /private/open\n";
        let robots = Robots::parse(text, "corroborate/0.1");
        assert!(robots.allows("/news/a"));
        assert!(!robots.allows("/private/b"));
        assert!(robots.allows("/private/open/c"));
        let others = Robots::parse(text, "otherbot");
        assert!(!others.allows("/news/a"));
        assert!(Robots::parse("", "corroborate").allows("/x"));
    }
}

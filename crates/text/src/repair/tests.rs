use super::*;
use corroborate_model::{FlagKind, RepairKind};
use proptest::prelude::*;

/// Repairs `input` and checks every repair's spans and strings, that the
/// repairs are ordered and disjoint and replay to the output, and that a
/// second repair changes nothing.
fn checked(input: &str) -> Repaired {
    let r = repair(input);
    let mut replayed = String::new();
    let mut pos = 0;
    for rep in &r.repairs {
        assert!(rep.before_span.start >= pos, "repairs overlap: {:?}", r.repairs);
        assert_eq!(&input[rep.before_span.start..rep.before_span.end], rep.before);
        assert_eq!(&r.text[rep.after_span.start..rep.after_span.end], rep.after);
        assert_ne!(rep.before, rep.after);
        replayed.push_str(&input[pos..rep.before_span.start]);
        replayed.push_str(&rep.after);
        pos = rep.before_span.end;
    }
    replayed.push_str(&input[pos..]);
    assert_eq!(replayed, r.text, "repairs do not replay");
    for f in &r.flags {
        let span = f.span.expect("flag has a span");
        assert!(span.slice(&r.text).is_some(), "flag span off the text: {f:?}");
    }
    let again = repair(&r.text);
    assert_eq!(again.text, r.text, "not idempotent");
    assert!(again.repairs.is_empty());
    r
}

fn fixed(input: &str) -> String {
    checked(input).text
}

fn kinds(input: &str) -> Vec<RepairKind> {
    checked(input).repairs.iter().map(|r| r.kind).collect()
}

fn unchanged(input: &str) {
    let r = checked(input);
    assert_eq!(r.text, input);
    assert!(r.repairs.is_empty());
    assert!(r.flags.is_empty(), "{:?}", r.flags);
}

#[test]
fn mojibake_is_decoded() {
    assert_eq!(fixed("the cityâ€™s mayor"), "the city’s mayor");
    assert_eq!(fixed("â€œYes,â€\u{9d} she said â€” twice"), "“Yes,” she said — twice");
    assert_eq!(fixed("cafÃ© and Ã¼ber"), "café and über");
    assert_eq!(fixed("costs Â£40"), "costs £40");
    assert_eq!(fixed("ÄŒeÅ¡tina, LietuviÅ³"), "Čeština, Lietuvių");
    assert_eq!(fixed("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€"), "Привет мир");
    assert_eq!(fixed("party ðŸŽ‰ time"), "party 🎉 time");
    assert_eq!(kinds("cafÃ©"), [RepairKind::Mojibake]);
}

#[test]
fn mojibake_from_other_code_pages_is_decoded() {
    assert_eq!(fixed("РґРѕСЂРѕРіРµ"), "дороге");
    assert_eq!(fixed("Ukrsotsbankâ€™s and UkrsotsbankвЂ™s"), "Ukrsotsbank’s and Ukrsotsbank’s");
    assert_eq!(fixed("LiĂ¨ge"), "Liège");
    assert_eq!(fixed("un r√©gime"), "un régime");
}

#[test]
fn double_mojibake_is_decoded() {
    assert_eq!(fixed("the cityÃ¢â‚¬â„¢s mayor"), "the city’s mayor");
    assert_eq!(fixed("cafÃƒÂ©"), "café");
}

#[test]
fn mojibake_repair_spans_the_damaged_bytes() {
    let r = checked("Aâ€™B");
    assert_eq!(r.repairs.len(), 1);
    assert_eq!(r.repairs[0].before, "â€™");
    assert_eq!(r.repairs[0].before_span, Span::new(1, 9));
    assert_eq!(r.repairs[0].after_span, Span::new(1, 4));
}

#[test]
fn lone_pairs_that_real_text_has_are_kept() {
    unchanged("C’EST L’ÉTÉ…");
    unchanged("higher values (“+” and “×” curves)");
    unchanged("Straße… und mehr");
}

#[test]
fn lost_continuation_bytes_are_inferred() {
    assert_eq!(fixed("the cityâs mayor"), "the city’s mayor");
    assert_eq!(fixed("we donât know"), "we don’t know");
    assert_eq!(fixed("Iâm here and theyâre there"), "I’m here and they’re there");
    assert_eq!(fixed("the reformsâand the cuts"), "the reforms—and the cuts");
    assert_eq!(fixed("the vote â a formality"), "the vote — a formality");
    assert_eq!(fixed("âWe will stay,â she said."), "“We will stay,” she said.");
    assert_eq!(fixed("the playersâ union"), "the players’ union");
    assert_eq!(fixed("from 1990â2000"), "from 1990–2000");
    assert_eq!(fixed("a 100Â km race"), "a 100 km race");
    assert_eq!(kinds("the cityâs mayor"), [RepairKind::LossyMojibake]);
}

#[test]
fn ambiguous_lost_characters_are_flagged_not_changed() {
    let r = checked("A âquote that never closes");
    assert_eq!(r.text, "A âquote that never closes");
    assert_eq!(r.flags.len(), 1);
    assert_eq!(r.flags[0].kind, FlagKind::AmbiguousRepair);
    assert_eq!(r.flags[0].span, Some(Span::new(2, 4)));
    let r = checked("The wordsâ€fused");
    assert_eq!(r.text, "The wordsâ€fused");
    assert_eq!(r.flags[0].span.and_then(|s| s.slice(&r.text)), Some("â€"));
}

#[test]
fn flag_spans_follow_later_repairs() {
    let r = checked("X  &amp;  a âquote   left open");
    assert_eq!(r.text, "X & a âquote left open");
    let span = r.flags[0].span.unwrap();
    assert_eq!(span.slice(&r.text), Some("â"));
}

#[test]
fn words_with_a_circumflex_are_kept() {
    for text in [
        "Constantin Brâncuși",
        "România și câine",
        "la pâtisserie et le château, à tout âge",
        "une pâte, un âne",
        "a lâmpada da câmara, no âmbito",
        "São Paulo",
        "NÃO E SÃO",
        "naïve façade",
        "Tâm and Lâm",
    ] {
        unchanged(text);
    }
}

#[test]
fn text_in_many_scripts_is_kept() {
    for text in [
        "Москва, 12 марта — «Известия» сообщают.",
        "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
        "東京都は２０２４年に新しい計画を発表した。",
        "서울에서 회의가 열렸다.",
        "القاهرة هي عاصمة مصر.",
        "کتاب‌ها", // zero-width non-joiner in Persian
        "Family: 👨\u{200D}👩\u{200D}👧 and 🏳️\u{200D}🌈",
        "Hà Nội là thủ đô của Việt Nam.",
        "İstanbul’da ılık bir gün; Şişli’de çay.",
        "עברית ויידיש",
        "Zürich, Ørsted, Łódź, Ærøskøbing",
        "ВСЁ РЁВ: «её» — Рёв и всё",
        "Україна: її місто, ґанок, є",
        "Србија, Ђорђе, Љубљана, Џон",
        "ŻÓŁTY ŚWIAT, ČESKÁ, PŘÍLIŠ ŽLUŤOUČKÝ",
        "MAÇÃ VERDE E IRMÃ SUPERIORA",
        "CĂŞUNĂ, ŢARĂ, NICIODATĂ",
        "“Élysée” et «Ça va» — À bientôt…",
        "≈5 µm, ±2 °C, √2 ≈ 1.41",
    ] {
        unchanged(text);
    }
}

#[test]
fn html_references_are_decoded() {
    assert_eq!(fixed("AT&amp;T &quot;deal&quot;"), "AT&T \"deal\"");
    assert_eq!(fixed("it&#8217;s &#x2014; and &#146;"), "it’s — and ’");
    assert_eq!(kinds("a &lt; b"), [RepairKind::HtmlEntity]);
    unchanged("R&D & M&A; &bogus; &amp &#0; &#xD800;");
}

#[test]
fn control_and_invisible_characters_are_removed() {
    assert_eq!(fixed("a\u{0}b\u{7}c"), "abc");
    assert_eq!(fixed("it\u{92}s"), "it’s");
    assert_eq!(fixed("\u{FEFF}zero\u{200B}width\u{2060}here co\u{AD}operate"), "zerowidthhere cooperate");
    assert_eq!(kinds("a\u{1}b"), [RepairKind::ControlChar]);
    assert_eq!(kinds("a\u{200B}b"), [RepairKind::Invisible]);
}

#[test]
fn line_breaks_and_whitespace_are_normalized() {
    assert_eq!(fixed("one\r\ntwo\rthree"), "one\ntwo\nthree");
    assert_eq!(kinds("a\r\nb"), [RepairKind::LineBreak]);
    assert_eq!(fixed("  a\u{A0}b  \t c \n\n\n\n d  \n"), "a b c\n\nd");
    assert_eq!(fixed("a\u{2009}b\u{202F}c"), "a b c");
    assert_eq!(kinds("a  b"), [RepairKind::Whitespace]);
    unchanged("日本語\u{3000}テキスト");
}

#[test]
fn compatibility_forms_are_replaced() {
    assert_eq!(fixed("the ﬁnal ﬂight"), "the final flight");
    assert_eq!(fixed("model ＡＢ１２ launched"), "model AB12 launched");
    unchanged("型番はＡＢ１２です。");
    assert_eq!(fixed("he said ``no'' twice"), "he said “no” twice");
    unchanged("the 5'' pipe and ‘quoted’ “words”");
    assert_eq!(kinds("ﬁ"), [RepairKind::Compatibility]);
}

#[test]
fn text_is_composed() {
    let r = checked("Cafe\u{301} and Ha\u{300} Nô\u{323}i");
    assert_eq!(r.text, "Café and Hà Nội");
    assert!(r.repairs.iter().all(|rep| rep.kind == RepairKind::Normalization));
    assert_eq!(r.repairs[0].before, "e\u{301}");
}

#[test]
fn mixed_damage_composes_into_disjoint_repairs() {
    let input = "\u{FEFF}Theyâ€™re   here&nbsp;now,\r\nâ€œsaysâ€\u{9d}  Ms.\u{a0}Dâ\u{80}\u{99}Souza";
    assert_eq!(fixed(input), "They’re here now,\n“says” Ms. D’Souza");
}

#[test]
fn clean_text_is_unchanged() {
    unchanged("");
    unchanged("Plain ASCII text.\n\nA second paragraph.");
    unchanged("“Curly quotes” stay ‘curly’ — and dashes too.");
}

const ACCENTED: &[&str] = &[
    "Brâncuși",
    "România",
    "câine",
    "pâte",
    "château",
    "âge",
    "lâmpada",
    "câmara",
    "naïve",
    "façade",
    "São",
    "NÃO",
    "Zürich",
    "Ørsted",
    "İstanbul",
    "Hà",
    "Nội",
    "ñandú",
    "Łódź",
    "Straße",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,8}",
        "[а-яА-Я]{1,8}",
        "[α-ωΑ-Ω]{1,8}",
        "[一-龥]{1,4}",
        prop::sample::select(ACCENTED).prop_map(str::to_string),
        "[“”‘’,.;:!?()—–-]",
    ]
    .prop_filter("non-empty", |s| !s.is_empty())
}

fn clean_text() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop_oneof![Just(" "), Just(""), Just("\n")]), 0..20).prop_map(|parts| {
        let mut s = String::new();
        for (w, sep) in parts {
            s.push_str(&w);
            s.push_str(sep);
        }
        s.trim_end().to_string()
    })
}

proptest! {
    #[test]
    fn normalized_text_passes_unchanged(text in clean_text()) {
        use unicode_normalization::UnicodeNormalization;
        let text: String = text.nfc().collect();
        let r = repair(&text);
        prop_assert_eq!(&r.text, &text);
        prop_assert!(r.repairs.is_empty());
    }

    #[test]
    fn repair_is_idempotent(text in any::<String>()) {
        let once = repair(&text);
        let twice = repair(&once.text);
        prop_assert_eq!(&twice.text, &once.text);
    }

    #[test]
    fn damage_mixes_are_idempotent_and_consistent(
        parts in prop::collection::vec(prop_oneof![
            Just("â".to_string()), Just("€".to_string()), Just("Ã".to_string()),
            Just("©".to_string()), Just("\u{9d}".to_string()), Just("&amp;".to_string()),
            Just("  ".to_string()), Just("\r\n".to_string()), Just("e\u{301}".to_string()),
            Just("ﬁ".to_string()), Just("s".to_string()), Just("``".to_string()),
            Just("''".to_string()), Just("\u{200B}".to_string()), "[a-z ]{1,3}",
        ], 0..24)
    ) {
        checked(&parts.concat());
    }
}

#[test]
fn more_encodings_are_decoded() {
    assert_eq!(fixed("Hi guys í\u{a0}½í¸\u{8d}"), "Hi guys 😍");
    assert_eq!(fixed("─îe┼ítina"), "Čeština");
    assert_eq!(fixed("#╨┐╤Ç╨░╨▓╨╕╨╗╨╛"), "#правило");
    assert_eq!(fixed("Å iaip ÄÆdomu. VisÅ³ pirma"), "Šiaip įdomu. Visų pirma");
    assert_eq!(fixed("MĂĄm dost tĹ\u{99}etĂ\u{ad}ho"), "Mám dost třetího");
    assert_eq!(fixed("ItÃ?Â¢â?¬â?¢s"), "It\u{FFFD}¢\u{FFFD}\u{FFFD}s");
    assert_eq!(fixed("semelhante Ã quele, Ã s vezes"), "semelhante àquele, às vezes");
}

#[test]
fn shapes_real_writing_has_are_kept() {
    for text in [
        "4288×…",
        "(-1/2)! = √π",
        "├┤a┼┐a┼┐a",
        "ВІКІ is Ukrainian for WIKI",
        "NICIODATĂ™",
        "Charlotte Brontë…”",
        "C O N C L U S Ã O",
        "Bremer/Mccoy – DrÃ¥ber",
        "There are a lot of Ã’s in mojibake text",
        "É a IRMÃ?",
        "┌──┐ │ab│ └──┘",
    ] {
        unchanged(text);
    }
}

#[test]
fn lost_characters_in_news_copy() {
    assert_eq!(
        fixed("she said, âWe will stay,â and left. Itâs the mayorâs call."),
        "she said, “We will stay,” and left. It’s the mayor’s call."
    );
    assert_eq!(fixed("the budgetâand the vote"), "the budget—and the vote");
    assert_eq!(fixed("Theyâve said theyâll wait"), "They’ve said they’ll wait");
    for text in [
        "Vâlcea, sâmbătă, pâine și Brâncuși",
        "une tâche de grâce dans le bâtiment",
        "a lâmpada, a Câmara e o pâncreas",
        "Lâm Đồng và Tây Ninh",
    ] {
        unchanged(text);
    }
}

#[test]
fn welsh_a_is_kept() {
    unchanged("Mae hi'n cwrdd â nhw yfory.");
    unchanged("Daeth hi adref a siarad â hi am y peth.");
}

#[test]
fn words_with_a_circumflex_at_either_end_are_kept() {
    for text in [
        "Bu âşık adam hâlâ bekliyor.",
        "Gösterdiği âdet hâlâ sürüyor.",
        "“Onu hâlâ seviyorum” dedi.",
        "He read out “Onu hâlâ seviyorum” and sat down with the others.",
        "Il reçoit un blâme infâme.",
        "Un blâme pour le maire",
        "château, pâte, bâtiment, âge, âme, grâce, théâtre, tâche, bâton",
    ] {
        unchanged(text);
    }
}

#[test]
fn a_lone_capital_a_tilde_needs_evidence() {
    unchanged("Ã is Portuguese: SÃO PAULO.");
    unchanged("The Â and Ã characters occur");
    unchanged("the 'Ã vs Â' mix-up");
    assert_eq!(fixed("rendez-vous Ã\u{A0} midi"), "rendez-vous à midi");
    assert_eq!(fixed("voilÃ le travail"), "voilà le travail");
}

#[test]
fn lost_bytes_do_not_cascade() {
    // Found by fuzzing: each layer used to decode one more `ã` and U+FFFD.
    let input = String::from_utf8_lossy(
        b"\x23\x00\x1f\xc3\xa3\xcc\xc3\xa3\xcc\x01\x11\xc3\xa3\xcc\xc3\xa3\xcc\xc3\xa3\xcc\xc3\xa3\xcc\xc3\xa3\xcc\x01\x11\xc3\xa3\xcc\xc3\xa3\xcc\xc3\xa3\xcc\x01\xa3\xcc\x01\x69",
    );
    checked(&input);
}

#[test]
fn inferred_punctuation_does_not_form_new_mojibake() {
    // Found by fuzzing: a closing quote inferred after `â�` made `â�”`.
    checked("\u{0}â~\u{0}\u{FFFD}\u{FFFD}ìâ\u{FFFD}â\u{FFFD}â\u{FFFD}\u{FFFD}\n=");
    checked("a Ãâ b");
}

#[test]
fn converted_quotes_do_not_form_new_mojibake() {
    // Found by fuzzing: `Ã``…''` became `Ã“…”`, then `Ó…”`.
    assert_eq!(fixed("SÃ``x'' y"), "SÃ``x'' y");
    checked("\u{0}\u{FFFD}\u{FFFD}Ã``Ê``]\u{FFFD}Ý``\u{FFFD}+''\u{FFFD}Ã``+'\u{0}Ê``]Ý``ݢ+''");
}

#[test]
fn controls_between_damaged_characters_are_removed_first() {
    assert_eq!(fixed("the city\u{0}â€\u{200B}™s mayor"), "the city’s mayor");
    // Found by fuzzing: removing `\0` late changed how quotes paired.
    checked("? â;â]l âb`â\u{1}Fâ\u{0}\u{FFFD} â\u{0}\u{FFFD}\u{0}\u{FFFD}%\u{0}\u{FFFD}\u{FFFD}\u{0})]l,âb`â\u{1} â\u{0}â\u{FFFD}\u{0}\u{FFFD}");
}

#[test]
fn tangled_damage_is_left_as_found() {
    // Found by fuzzing: quotes inferred in one round let more pair in the next.
    let input = String::from_utf8_lossy(
        b"\x3f\x20\xc3\xc3\xa2\x20\xa2\x3b\x5d\x6c\x20\xc3\xa2\x62\x60\xc3\xa2\x01\x46\xc3\xa2\x00\xc3\x20\x20\xc3\xa2\x00\xc3\xa2\x00\x29\x5d\x6c\xa2\x00\xc3\xa2\xa2\x00\x93\x25\x00\xc3\xe2\x00\x29\x5d\x6c\x2c\xc3\xa2\x62\x60\xc3\xa2\x01\x20\xc3\xa2\x00\xc3\xa2\xa2\x00\x93\x00\x29\x00\xc3\x20\x20\xc3\xa2\x00\xc3\xa2\x00\x29\x5d\x6c\x20\xc3\xa2\x62\x60\x00\x29\x5d\x6c\x20\xc3\x20\x29\x5d\x74\x2c\xc3\xa2\x62\x60\xc3\xa2\x62\x60\xc3\xa2\x01\x20\xc3\xa2\x00\xc3\xa2\xa2\x00\x93\x25\x00\xc3\xe2\x00\x29\x5d\x6c\x2c\xc3\xa2\x62\x60\xc3\xa2\x01\x20\xc3\xa2\x00\xc3\xa2\xa2\x00\x93\x00\x20\xc3\xa2\x00\xc3\x20\x20\xc3\xa2\x00\xc3\xa2\xa2\x00\x29\x5d\x6c\x2c\xc3\x00\x29\x5d\x6c\x20\xc3\xa2\x62\x60\xc3\xa2\x24\x20\xc3\xa2\x00\xc3\x20\x20\xc3\xa2\x00\xc3\xa2\x00\x29\x00\xc3\x20\x20\xc3\xa2\x00\xc3\xa2\x00\x29\x5d\x6c\x20\xc3\xa2\x62\x60\xc3\xa2\x01\x20\x80\x00\x00\xc3\xa2\xa2\x00\x93\x25\x00\xc3\xa2\x00\x29\x5d\x6c\x2c\xc3\xa2\x62\x60\xc3\xa2\x01\x20\x5d\xa2\x00\xc3\xa2\xa2\x00\x93\x25\x00\x00\x00\x00\x00\x0c\x00\xc3\xa2\x00",
    );
    // Without English around them, its quotes are no longer inferred.
    checked(&input);
    // Nested quotes: each round pairs the innermost opener and closer left.
    let input = format!("{}{}", "âWe ".repeat(10), "go,â ".repeat(10));
    let r = checked(&input);
    assert_eq!(r.text, input);
    assert_eq!(r.flags[0].kind, FlagKind::SuspectMojibake);
}

#[test]
fn a_question_mark_is_not_damage_alone() {
    // Found by the property test: `а?‘` (a Cyrillic word, a question mark, a
    // quote) read as Windows-1251 mojibake with a lost byte became `�`.
    unchanged("а?‘");
    unchanged("Hà?‘");
    unchanged("Hà“?");
    unchanged("“Neden hâlâ?”");
    unchanged("“?–Ω");
    unchanged("Г–Г‘");
    // An emoji and a Windows-1251 quote that lost their last byte.
    assert_eq!(fixed("Great job ðŸ‘? see you"), "Great job \u{FFFD} see you");
    assert_eq!(fixed("He said â?œyesâ€? and left."), "He said \u{FFFD}yes\u{FFFD} and left.");
    assert_eq!(fixed("Он сказал вЂ?да"), "Он сказал \u{FFFD}да");
    unchanged("Что это, ВВГ?");
    unchanged("Tem IRMÃ?");
    // Inside a run, or in a Windows-1252 apostrophe, a `?` still stands for
    // a lost byte.
    assert_eq!(fixed("ItÃ?Â¢â?¬â?¢s"), "It\u{FFFD}¢\u{FFFD}\u{FFFD}s");
    assert_eq!(fixed("It wasnâ?™t late."), "It wasn\u{FFFD}t late.");
}

//! Language identification tuned for short customer messages.
//!
//! whatlang alone is unreliable below a sentence or two ("Wo ist mein
//! Paket?"), so a stop-word vote over the folded tokens decides first; whatlang
//! settles longer or unclear texts. Anything too short or too mixed gets
//! `None` rather than a guess.

use std::collections::HashMap;
use std::sync::OnceLock;
use whatlang::{Detector, Lang};

/// Languages with a stop-word list, in bit order.
pub const HINTED: &[&str] = &["de", "en", "fr", "it", "es", "nl", "pl"];

const STOPWORDS: &[(&str, &str)] = &[
    (
        "de",
        "der die das und ist nicht ich mein meine meinen meiner mit sie ihr ihnen wir wo wann wie was bitte danke \
         hallo noch schon auch aber habe hat haben wurde ein eine einen kein keine keinen fur auf bei von zum zur dem \
         den des es bin sind leider mir mich uns guten tag gruss grusse vielen dank heute gestern paket bestellung \
         sehr geehrte geehrter damen herren warum immer nur jetzt nach oder wenn dass weil erhalten bekommen kann \
         konnen mochte wurde ware",
    ),
    (
        "en",
        "the and is are was my i you your it this that have has not with for of to where when what how please thanks \
         thank hi hello would can could did didn don doesn received yet still just from but me we be been will there \
         which do does dear regards got get any why item package order haven hasn an they them their our ordered",
    ),
    (
        "fr",
        "le la les un une des du et est je j mon ma mes vous votre vos pas ne n que qui pour avec sur dans bonjour \
         merci toujours encore mais ai il elle nous ce cette colis commande recu cordialement svp madame monsieur \
         ou quand comment pourquoi mais aussi tres deja au aux etait sont suis avez pouvez",
    ),
    (
        "it",
        "il lo gli la un una di e che non ho ha mio mia miei mie sono per con del della dei delle questo questa \
         buongiorno salve grazie ancora ma come quando dove perche pacco ordine cordiali saluti mi ci anche gia molto \
         sto stato stata ricevuto vorrei potete posso nel nella alla al",
    ),
    (
        "es",
        "el la los las un una de y que no es mi mis he ha con por para del al pero hola gracias todavia aun cuando \
         donde como pedido paquete estoy esta muy ya me lo saludos buenos dias recibido quiero puedo podeis pueden \
         porque tambien usted ustedes se",
    ),
    (
        "nl",
        "de het een en is niet ik mijn je u uw met van voor op dat die waar wanneer nog al heb hebben bestelling \
         pakket graag bedankt dank groeten hallo geen maar ook wel naar zijn wordt kan ontvangen alstublieft",
    ),
    (
        "pl",
        "i w z na nie jest to sie ze do moje moja moj mojego gdzie kiedy jak prosze dziekuje dzien dobry zamowienie \
         zamowienia paczka paczki jeszcze juz ale czy co mam otrzymalem otrzymalam pozdrawiam przesylka",
    ),
];

/// FNV-1a: the keys are short stop words; SipHash's flood protection is not
/// needed for a fixed, compiled-in table and costs more than the lookup.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type StopWords = HashMap<&'static [u8], u8, std::hash::BuildHasherDefault<Fnv>>;

fn stopwords() -> &'static StopWords {
    static MAP: OnceLock<StopWords> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = StopWords::default();
        for (lang, words) in STOPWORDS {
            let bit = HINTED
                .iter()
                .position(|l| l == lang)
                .map_or(0, |i| 1u8 << i);
            for w in words.split_whitespace() {
                *m.entry(w.as_bytes()).or_insert(0) |= bit;
            }
        }
        m
    })
}

fn latin_detector() -> &'static Detector {
    static D: OnceLock<Detector> = OnceLock::new();
    D.get_or_init(|| {
        Detector::with_allowlist(vec![
            Lang::Deu,
            Lang::Eng,
            Lang::Fra,
            Lang::Ita,
            Lang::Spa,
            Lang::Nld,
            Lang::Pol,
            Lang::Por,
            Lang::Swe,
            Lang::Dan,
            Lang::Ces,
            Lang::Tur,
        ])
    })
}

/// ISO 639-1 code for a whatlang language, where one exists.
fn iso1(l: Lang) -> Option<&'static str> {
    Some(match l {
        Lang::Deu => "de",
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Ita => "it",
        Lang::Spa => "es",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Por => "pt",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Tur => "tr",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bul => "bg",
        Lang::Ell => "el",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Hin => "hi",
        Lang::Tha => "th",
        Lang::Vie => "vi",
        _ => return None,
    })
}

/// Detects the language of `text` (already stripped of quotes); `folded` is
/// its folded form from the matcher. Looks at the first 2,000 characters only.
pub fn detect(text: &str, folded: &[u8]) -> Option<String> {
    let head = crate::normalize::truncate_chars(text, 2_000);
    let sw = stopwords();
    let mut votes = [0u32; 7];
    let mut words = 0u32;
    let mut foreign = 0u32;
    for tok in folded
        .split(|&b| b == b' ')
        .filter(|t| !t.is_empty())
        .take(400)
    {
        if tok.contains(&crate::normalize::FOREIGN) {
            foreign += 1;
            continue;
        }
        if !tok.iter().any(|b| b.is_ascii_lowercase()) {
            continue;
        }
        words += 1;
        if let Some(&mask) = sw.get(tok) {
            for (i, v) in votes.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *v += 1;
                }
            }
        }
    }
    if words == 0 && foreign == 0 {
        return None;
    }
    // Mostly non-Latin script: only whatlang can tell (Cyrillic, CJK, …).
    if foreign > words {
        let info = whatlang::detect(head)?;
        return (info.confidence() > 0.5 || info.is_reliable())
            .then(|| iso1(info.lang()))
            .flatten()
            .map(str::to_string);
    }
    let mut order: Vec<usize> = (0..votes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(votes[i]));
    let (best, second) = (votes[order[0]], votes[order[1]]);
    let best_lang = HINTED[order[0]];
    // Clear stop-word majority: cheap and right for short messages.
    if best >= 3 && best >= 2 * second.max(1) {
        return Some(best_lang.to_string());
    }
    if words < 3 {
        return None;
    }
    let info = latin_detector().detect(head);
    if let Some(info) = info
        && let Some(code) = iso1(info.lang())
    {
        let idx = HINTED.iter().position(|l| *l == code);
        let sw_agrees = idx.is_some_and(|i| votes[i] + 1 >= best);
        if info.is_reliable() || (sw_agrees && info.confidence() > 0.1) {
            return Some(code.to_string());
        }
    }
    (best >= 2 && best > second).then(|| best_lang.to_string())
}

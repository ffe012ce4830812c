//! HTML bodies: parsing with html5ever into a small DOM, and rendering that
//! DOM as plain text.
//!
//! The DOM is our own rather than a ready-made one because the reply
//! renderer needs to look at attributes (ids, classes, styles) that mark
//! quoted parts, and because dropping a deeply nested tree must not recurse
//! (hostile mail can nest elements hundreds of thousands deep). Every walk
//! here uses an explicit stack for the same reason.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, ExpandedName, LocalName, Namespace, ParseOpts, QualName};

type Handle = Rc<Node>;

struct Node {
    parent: Cell<Option<Weak<Node>>>,
    children: RefCell<Vec<Handle>>,
    data: NodeData,
}

enum NodeData {
    Document,
    Element {
        name: QualName,
        attrs: RefCell<Vec<Attribute>>,
        template: RefCell<Option<Handle>>,
    },
    Text(RefCell<StrTendril>),
    Other,
}

impl Node {
    fn new(data: NodeData) -> Handle {
        Rc::new(Node {
            parent: Cell::new(None),
            children: RefCell::new(Vec::new()),
            data,
        })
    }

    fn parent(&self) -> Option<Handle> {
        let weak = self.parent.take();
        let parent = weak.as_ref().and_then(Weak::upgrade);
        self.parent.set(weak);
        parent
    }

    fn local_name(&self) -> Option<&str> {
        match &self.data {
            NodeData::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    fn attr(&self, wanted: &str) -> Option<String> {
        match &self.data {
            NodeData::Element { attrs, .. } => attrs
                .borrow()
                .iter()
                .find(|a| (*a.name.local).eq_ignore_ascii_case(wanted))
                .map(|a| a.value.to_string()),
            _ => None,
        }
    }
}

impl Drop for Node {
    // Dropping children one level at a time keeps deep trees from
    // overflowing the stack through recursive destructors.
    fn drop(&mut self) {
        let mut stack = std::mem::take(self.children.get_mut());
        if let NodeData::Element { template, .. } = &mut self.data
            && let Some(t) = template.get_mut().take()
        {
            stack.push(t);
        }
        while let Some(node) = stack.pop() {
            stack.extend(std::mem::take(&mut *node.children.borrow_mut()));
            if let NodeData::Element { template, .. } = &node.data
                && let Some(t) = template.borrow_mut().take()
            {
                stack.push(t);
            }
        }
    }
}

fn detach(node: &Handle) {
    if let Some(parent) = node.parent() {
        parent
            .children
            .borrow_mut()
            .retain(|child| !Rc::ptr_eq(child, node));
    }
    node.parent.set(None);
}

fn append_child(parent: &Handle, child: Handle) {
    detach(&child);
    child.parent.set(Some(Rc::downgrade(parent)));
    parent.children.borrow_mut().push(child);
}

struct Sink {
    document: Handle,
    // Answer for `elem_name` on a non-element, which html5ever promises
    // never to ask but which must not panic if it does.
    placeholder: QualName,
}

impl Sink {
    fn new() -> Self {
        Sink {
            document: Node::new(NodeData::Document),
            placeholder: QualName::new(None, Namespace::from(""), LocalName::from("")),
        }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Handle;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Handle {
        self.document.clone()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        match &target.data {
            NodeData::Element { name, .. } => name.expanded(),
            _ => self.placeholder.expanded(),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let template = flags.template.then(|| Node::new(NodeData::Document));
        Node::new(NodeData::Element {
            name,
            attrs: RefCell::new(attrs),
            template: RefCell::new(template),
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        Node::new(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        Node::new(NodeData::Other)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        match child {
            NodeOrText::AppendNode(node) => append_child(parent, node),
            NodeOrText::AppendText(text) => {
                let merged = match parent.children.borrow().last() {
                    Some(last) => match &last.data {
                        NodeData::Text(existing) => {
                            existing.borrow_mut().push_tendril(&text);
                            true
                        }
                        _ => false,
                    },
                    None => false,
                };
                if !merged {
                    append_child(parent, Node::new(NodeData::Text(RefCell::new(text))));
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        if element.parent().is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        if let NodeData::Element { template, .. } = &target.data
            && let Some(contents) = template.borrow().as_ref()
        {
            return contents.clone();
        }
        // Not reachable per html5ever's contract; a detached fragment keeps
        // parsing going instead of panicking.
        Node::new(NodeData::Document)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        Rc::ptr_eq(x, y)
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let Some(parent) = sibling.parent() else {
            return;
        };
        let node = match new_node {
            NodeOrText::AppendNode(node) => {
                detach(&node);
                node
            }
            NodeOrText::AppendText(text) => {
                let children = parent.children.borrow();
                let idx = children.iter().rposition(|c| Rc::ptr_eq(c, sibling));
                if let Some(prev) = idx.and_then(|i| i.checked_sub(1)).map(|i| &children[i])
                    && let NodeData::Text(existing) = &prev.data
                {
                    existing.borrow_mut().push_tendril(&text);
                    return;
                }
                drop(children);
                Node::new(NodeData::Text(RefCell::new(text)))
            }
        };
        node.parent.set(Some(Rc::downgrade(&parent)));
        let mut children = parent.children.borrow_mut();
        let idx = children
            .iter()
            .rposition(|c| Rc::ptr_eq(c, sibling))
            .unwrap_or(children.len());
        children.insert(idx, node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        if let NodeData::Element {
            attrs: existing, ..
        } = &target.data
        {
            let mut existing = existing.borrow_mut();
            for attr in attrs {
                if !existing.iter().any(|a| a.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        detach(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let children = std::mem::take(&mut *node.children.borrow_mut());
        for child in &children {
            child.parent.set(Some(Rc::downgrade(new_parent)));
        }
        new_parent.children.borrow_mut().extend(children);
    }
}

/// Nesting beyond which html5ever's tree building turns quadratic enough
/// to matter; real mail stays far below it.
const MAX_NESTING: usize = 1_000;

/// Elements that never hold children, or that html5ever closes
/// implicitly, so they do not deepen the tree.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "option", "td", "th", "tr", "dt", "dd",
];

/// Estimates the deepest element nesting from the tags alone, in one pass.
fn nesting_estimate(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let start = if closing { i + 2 } else { i + 1 };
        let mut end = start;
        while end < b.len() && b[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end > start {
            let name = html[start..end].to_ascii_lowercase();
            let close = html[end..].find('>').map_or(b.len(), |p| end + p);
            let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
            if closing {
                depth = depth.saturating_sub(1);
            } else if !self_closing && !NON_NESTING.contains(&name.as_str()) {
                depth += 1;
                max = max.max(depth);
            }
            i = close;
        } else {
            i += 1;
        }
    }
    max
}

/// Tag-stripping conversion for documents too deeply nested to build a
/// tree for; loses structure but keeps every word.
fn flat_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if PARAGRAPHS.contains(&name.as_str()) || BLOCKS.contains(&name.as_str()) || name == "br" {
            out.push('\n');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let lines: Vec<String> = decoded
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn parse(html: &str) -> Handle {
    html5ever::parse_document(Sink::new(), ParseOpts::default()).one(StrTendril::from(html))
}

/// Renders an HTML body as plain text for storing and display: paragraphs
/// and line breaks kept, blockquotes as `> ` lines, links as `text <url>`,
/// invisible parts (styles, scripts, hidden preheaders) left out.
pub(crate) fn html_to_text(html: &str) -> String {
    if nesting_estimate(html) > MAX_NESTING {
        return flat_text(html);
    }
    render(&parse(html), false).0
}

/// Renders an HTML body for reply extraction: as [`html_to_text`], but the
/// quoted parts that mail clients mark in their markup are made explicit.
/// Returns the text and what was cut off as the earlier message (Outlook's
/// reply header and everything after it) or as a signature.
pub(crate) fn html_to_reply_text(html: &str) -> (String, String) {
    if nesting_estimate(html) > MAX_NESTING {
        return (flat_text(html), String::new());
    }
    render(&parse(html), true)
}

#[derive(Default)]
struct Out {
    buf: String,
    pending_breaks: usize,
    pending_space: bool,
    line_started: bool,
    started: bool,
    /// Quote depth of the last line written, so that the blank line
    /// between a quote and unquoted text belongs to neither.
    last_quote: usize,
}

impl Out {
    fn block(&mut self, breaks: usize) {
        if self.started {
            self.pending_breaks = self.pending_breaks.max(breaks);
            self.pending_space = false;
        }
    }

    fn hard_break(&mut self) {
        if self.started {
            // Runs of <br> beyond a blank line or two carry no meaning.
            self.pending_breaks = (self.pending_breaks + 1).min(3);
            self.pending_space = false;
        }
    }

    fn begin_line(&mut self, quote: usize) {
        if self.pending_breaks > 0 {
            for k in 0..self.pending_breaks {
                self.buf.push('\n');
                if k + 1 < self.pending_breaks {
                    // Blank lines inside a quote stay part of it.
                    for _ in 0..quote.min(self.last_quote) {
                        self.buf.push('>');
                    }
                }
            }
            self.pending_breaks = 0;
            self.line_started = false;
        }
        if !self.line_started {
            for _ in 0..quote {
                self.buf.push_str("> ");
            }
            self.last_quote = quote;
            self.line_started = true;
            self.pending_space = false;
        }
    }

    fn push_char(&mut self, c: char, quote: usize) {
        if !self.started || self.pending_breaks > 0 || !self.line_started {
            self.begin_line(quote);
        } else if self.pending_space {
            self.buf.push(' ');
            self.pending_space = false;
        }
        self.buf.push(c);
        self.started = true;
    }

    fn push_marker(&mut self, marker: &str, quote: usize) {
        self.begin_line(quote);
        self.buf.push_str(marker);
        self.started = true;
        self.pending_space = false;
    }
}

enum Step {
    Enter(Handle),
    Leave(Leave),
}

#[derive(Default)]
struct Leave {
    breaks_after: usize,
    quote: bool,
    pre: bool,
    list: bool,
    cell: bool,
    restore_target: Option<usize>,
    link: Option<(usize, usize, String)>,
}

struct Renderer {
    outs: [Out; 2],
    target: usize,
    quote: usize,
    pre: usize,
    lists: Vec<Option<u32>>,
    reply_mode: bool,
    /// Set once the earlier message has started; nothing after it may go
    /// back to the main text.
    cut: bool,
}

const SKIPPED: &[&str] = &[
    "head", "style", "script", "title", "meta", "link", "template", "noscript", "svg", "object",
    "iframe", "embed", "audio", "video", "canvas", "map", "select", "option", "datalist", "button",
];

const PARAGRAPHS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "table"];

const BLOCKS: &[&str] = &[
    "div",
    "section",
    "article",
    "header",
    "footer",
    "address",
    "center",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "main",
    "nav",
    "aside",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "details",
    "summary",
    "body",
    "html",
];

fn normalized_style(node: &Node) -> String {
    node.attr("style")
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_hidden(node: &Node) -> bool {
    if node.attr("hidden").is_some() {
        return true;
    }
    let style = normalized_style(node);
    style.contains("display:none") || style.contains("mso-hide:all")
}

fn has_class(node: &Node, needle: &str) -> bool {
    node.attr("class")
        .is_some_and(|c| c.to_ascii_lowercase().contains(needle))
}

fn id_contains(node: &Node, needle: &str) -> bool {
    node.attr("id")
        .is_some_and(|c| c.to_ascii_lowercase().contains(needle))
}

/// Where Outlook (desktop, web, mobile) starts the message being replied
/// to; everything from here on is the earlier message.
fn starts_earlier_message(node: &Node, name: &str) -> bool {
    id_contains(node, "divrplyfwdmsg")
        || id_contains(node, "appendonsend")
        || id_contains(node, "mail-editor-reference-message-container")
        || has_class(node, "outlookmessageheader")
        || has_class(node, "zmail_extra")
        || (name == "hr" && id_contains(node, "stopspelling"))
        || (name == "div" && {
            let style = normalized_style(node);
            style.contains("border:none") && style.contains("border-top:solid")
        })
}

fn is_signature(node: &Node) -> bool {
    has_class(node, "gmail_signature") || has_class(node, "moz-signature")
}

/// Whether the next element sibling is a blockquote, as after Gmail's
/// "On …, X wrote:" (`gmail_attr`).
fn followed_by_blockquote(node: &Handle) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let children = parent.children.borrow();
    let mut after = children.iter().skip_while(|c| !Rc::ptr_eq(c, node)).skip(1);
    after
        .find(|c| match &c.data {
            NodeData::Element { .. } => true,
            NodeData::Text(t) => !t.borrow().trim().is_empty(),
            _ => false,
        })
        .is_some_and(|c| c.local_name() == Some("blockquote"))
}

impl Renderer {
    fn out(&mut self) -> &mut Out {
        &mut self.outs[self.target]
    }

    fn text(&mut self, text: &str) {
        let quote = self.quote;
        let pre = self.pre > 0;
        let out = &mut self.outs[self.target];
        for c in text.chars() {
            let c = match c {
                '\u{a0}' | '\u{202f}' | '\u{2007}' => ' ',
                // Invisible fillers that marketing mail pads previews with.
                '\u{200b}' | '\u{200c}' | '\u{feff}' | '\u{034f}' | '\u{ad}' | '\u{2060}' => {
                    continue;
                }
                '\r' => continue,
                c => c,
            };
            if pre {
                if c == '\n' {
                    out.hard_break();
                } else {
                    out.push_char(c, quote);
                }
            } else if c.is_whitespace() {
                if out.line_started && out.pending_breaks == 0 {
                    out.pending_space = true;
                }
            } else {
                out.push_char(c, quote);
            }
        }
    }

    fn enter(&mut self, node: &Handle, stack: &mut Vec<Step>) {
        let name = match &node.data {
            NodeData::Text(t) => {
                let t = t.borrow();
                self.text(&t);
                return;
            }
            NodeData::Document => {
                push_children(node, stack);
                return;
            }
            NodeData::Other => return,
            NodeData::Element { name, .. } => name.local.to_ascii_lowercase(),
        };
        let name = name.as_str();
        if SKIPPED.contains(&name) || is_hidden(node) {
            return;
        }
        let mut leave = Leave::default();
        if self.reply_mode {
            if self.target == 0 && starts_earlier_message(node, name) {
                // No restore: the rest of the document is the earlier message.
                self.target = 1;
                self.cut = true;
            } else if self.target == 0 && is_signature(node) {
                leave.restore_target = Some(self.target);
                self.target = 1;
            }
        }
        let quoting = name == "blockquote"
            || (self.reply_mode
                && (has_class(node, "yahoo_quoted")
                    || has_class(node, "moz-cite-prefix")
                    || (has_class(node, "gmail_attr") && followed_by_blockquote(node))));
        if quoting {
            self.out().block(1);
            self.quote += 1;
            leave.quote = true;
            leave.breaks_after = 1;
        }
        match name {
            "br" => self.out().hard_break(),
            "hr" => {
                let quote = self.quote;
                let out = self.out();
                out.block(1);
                out.push_marker("----------", quote);
                out.block(1);
            }
            "pre" => {
                self.out().block(2);
                self.pre += 1;
                leave.pre = true;
                leave.breaks_after = 2;
            }
            "li" => {
                let quote = self.quote;
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}{}. ", "  ".repeat(depth), n)
                    }
                    _ => format!("{}- ", "  ".repeat(depth)),
                };
                let out = self.out();
                out.block(1);
                out.push_marker(&marker, quote);
                leave.breaks_after = 1;
            }
            "ul" | "ol" => {
                self.lists.push((name == "ol").then_some(0));
                leave.list = true;
                self.out().block(1);
                leave.breaks_after = 1;
            }
            "td" | "th" => leave.cell = true,
            "a" => {
                if let Some(href) = node.attr("href") {
                    let href = href.trim().to_string();
                    if href.starts_with("http://") || href.starts_with("https://") {
                        let start = self.out().buf.len();
                        leave.link = Some((self.target, start, href));
                    }
                }
            }
            _ if PARAGRAPHS.contains(&name) => {
                // Word's paragraphs have no margin: they are lines.
                let breaks = if has_class(node, "msonormal") { 1 } else { 2 };
                self.out().block(breaks);
                leave.breaks_after = leave.breaks_after.max(breaks);
            }
            _ if BLOCKS.contains(&name) => {
                self.out().block(1);
                leave.breaks_after = leave.breaks_after.max(1);
            }
            _ => {}
        }
        stack.push(Step::Leave(leave));
        push_children(node, stack);
    }

    fn leave(&mut self, leave: Leave) {
        if let Some((target, start, href)) = leave.link
            && target == self.target
        {
            let out = &mut self.outs[target];
            let shown = out.buf.get(start..).unwrap_or("").trim();
            let bare = href
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_end_matches('/');
            if !shown.is_empty() && !shown.contains(bare) {
                out.buf.push_str(" <");
                out.buf.push_str(&href);
                out.buf.push('>');
            }
        }
        if leave.cell {
            let out = self.out();
            if out.line_started && out.pending_breaks == 0 {
                out.pending_space = true;
            }
        }
        if leave.quote {
            self.quote = self.quote.saturating_sub(1);
        }
        if leave.pre {
            self.pre = self.pre.saturating_sub(1);
        }
        if leave.list {
            self.lists.pop();
        }
        if leave.breaks_after > 0 {
            let breaks = leave.breaks_after;
            self.out().block(breaks);
        }
        if let Some(target) = leave.restore_target
            && !self.cut
        {
            self.target = target;
        }
    }
}

fn push_children(node: &Handle, stack: &mut Vec<Step>) {
    let children = node.children.borrow();
    for child in children.iter().rev() {
        stack.push(Step::Enter(child.clone()));
    }
    if let NodeData::Element { template, .. } = &node.data
        && let Some(t) = template.borrow().as_ref()
    {
        stack.push(Step::Enter(t.clone()));
    }
}

fn render(document: &Handle, reply_mode: bool) -> (String, String) {
    let mut renderer = Renderer {
        outs: [Out::default(), Out::default()],
        target: 0,
        quote: 0,
        pre: 0,
        lists: Vec::new(),
        reply_mode,
        cut: false,
    };
    let mut stack = vec![Step::Enter(document.clone())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => renderer.enter(&node, &mut stack),
            Step::Leave(leave) => renderer.leave(leave),
        }
    }
    let [main, removed] = renderer.outs;
    (finish(main.buf), finish(removed.buf))
}

fn finish(buf: String) -> String {
    let lines: Vec<&str> = buf.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_lists() {
        let html = "<html><head><style>p{}</style><title>x</title></head><body>\
            <p>Hello   <b>there</b>,</p><p>line one<br>line two</p>\
            <ul><li>a</li><li>b</li></ul><ol><li>first</li><li>second</li></ol></body></html>";
        assert_eq!(
            html_to_text(html),
            "Hello there,\n\nline one\nline two\n\n- a\n- b\n1. first\n2. second"
        );
    }

    #[test]
    fn gmail_style_divs_and_entities() {
        let html = "<div dir=\"ltr\"><div>Hi &amp; thanks</div><div><br></div><div>Bye&nbsp;now</div></div>";
        assert_eq!(html_to_text(html), "Hi & thanks\n\nBye now");
    }

    #[test]
    fn blockquotes_become_quotes() {
        let html =
            "<p>Answer</p><blockquote><p>Question</p><blockquote>Older</blockquote></blockquote>";
        assert_eq!(html_to_text(html), "Answer\n\n> Question\n>\n> > Older");
    }

    #[test]
    fn links_hidden_parts_and_pre() {
        let html = "<a href=\"https://example.com/o/1\">your order</a> \
            <a href=\"https://example.com\">https://example.com</a>\
            <div style=\"display: none\">preheader</div><pre>a\n  b</pre>";
        assert_eq!(
            html_to_text(html),
            "your order <https://example.com/o/1> https://example.com\n\na\n  b"
        );
    }

    #[test]
    fn outlook_reply_header_is_cut() {
        let html = "<div>Thanks!</div><div id=\"appendonsend\"></div><hr>\
            <div id=\"divRplyFwdMsg\"><b>From:</b> Shop<br><b>Sent:</b> Monday</div><div>Old</div>";
        let (main, removed) = html_to_reply_text(html);
        assert_eq!(main, "Thanks!");
        assert!(removed.contains("From: Shop") && removed.contains("Old"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(900) + "deep" + &"</div>".repeat(900);
        assert_eq!(html_to_text(&html), "deep");
        let html = "<div>".repeat(300_000) + "deep &amp; wide" + &"</div>".repeat(300_000);
        assert_eq!(html_to_text(&html), "deep & wide");
        let html = "<blockquote>".repeat(50_000) + "q";
        assert!(html_to_text(&html).ends_with('q'));
        assert_eq!(
            nesting_estimate("<p><p><br><img src=x/><div><b>x</b></div>"),
            2
        );
    }
}

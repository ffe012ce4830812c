//! Conversation threads from Message-ID, References and In-Reply-To, the
//! way IMAP servers build them (RFC 5256 THREAD=REFERENCES and
//! THREAD=ORDEREDSUBJECT).
//!
//! The REFERENCES algorithm follows RFC 5256 with the refinements of
//! Dovecot's implementation, which the tests compare against:
//!
//! - a message's own References decide its parent: a parent guessed
//!   earlier from another message's References is replaced, and dropped
//!   altogether when the message's own parent would close a loop;
//! - links between references that conflict with an earlier link keep the
//!   earlier one;
//! - References is used when it holds any id, otherwise the first id of
//!   In-Reply-To;
//! - a duplicate Message-ID is treated as no Message-ID (the first
//!   message keeps the id).
//!
//! Every walk uses loops rather than recursion, so hostile reference
//! chains cannot overflow the stack.

use std::collections::HashMap;

use crate::ParsedMail;
use crate::subject::base_subject_and_reply;

/// What threading needs to know about a message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadMessage {
    /// `Message-ID` without angle brackets.
    pub message_id: Option<String>,
    /// Ids of `References`, oldest first, without angle brackets.
    pub references: Vec<String>,
    /// First id of `In-Reply-To`, without angle brackets.
    pub in_reply_to: Option<String>,
    /// The subject, decoded; `None` when the message has no Subject header.
    pub subject: Option<String>,
    /// When the message was sent (its Date header) in Unix seconds, or when
    /// it has none, when it was received.
    pub date: i64,
}

impl ThreadMessage {
    /// The threading fields of a parsed message; `received` (Unix
    /// seconds) stands in for a missing Date header.
    pub fn from_mail(mail: &ParsedMail, received: i64) -> Self {
        ThreadMessage {
            message_id: mail.message_id.clone(),
            references: mail.references.clone(),
            in_reply_to: mail.in_reply_to.clone(),
            subject: mail.subject.clone(),
            date: mail.date.unwrap_or(received),
        }
    }
}

/// One node of a thread tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadNode {
    /// The message's index in the input slice, or `None` for a dummy that
    /// stands for a referenced message that is missing and holds several
    /// threads together.
    pub message: Option<usize>,
    /// Indexes into [`Threads::nodes`], oldest first.
    pub children: Vec<usize>,
}

/// Thread trees: every input message appears exactly once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Threads {
    /// All nodes; [`ThreadNode::children`] and [`Threads::roots`] index
    /// into this.
    pub nodes: Vec<ThreadNode>,
    /// The thread roots, in the order of their first message's date.
    pub roots: Vec<usize>,
}

impl Threads {
    /// The thread each message belongs to, as a position in
    /// [`Threads::roots`], indexed like the input.
    pub fn thread_of_messages(&self, message_count: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; message_count];
        for (thread, &root) in self.roots.iter().enumerate() {
            let mut stack = vec![root];
            while let Some(n) = stack.pop() {
                let Some(node) = self.nodes.get(n) else {
                    continue;
                };
                if let Some(slot) = node.message.and_then(|m| out.get_mut(m)) {
                    *slot = Some(thread);
                }
                stack.extend(node.children.iter().copied());
            }
        }
        out
    }

    /// The trees in the syntax of an IMAP `THREAD` response, with each
    /// message numbered by its position in the input plus one:
    /// `(3 2)(1 (4)(5))((6)(7))`.
    pub fn to_imap(&self) -> String {
        enum Step {
            Text(&'static str),
            Node(usize),
        }
        let mut out = String::new();
        let mut stack: Vec<Step> = Vec::new();
        for &root in self.roots.iter().rev() {
            stack.push(Step::Text(")"));
            stack.push(Step::Node(root));
            stack.push(Step::Text("("));
        }
        while let Some(step) = stack.pop() {
            let n = match step {
                Step::Text(t) => {
                    out.push_str(t);
                    continue;
                }
                Step::Node(n) => n,
            };
            let Some(node) = self.nodes.get(n) else {
                continue;
            };
            if let Some(m) = node.message {
                out.push_str(&(m + 1).to_string());
            }
            match node.children.as_slice() {
                [] => {}
                [only] => {
                    if node.message.is_some() {
                        stack.push(Step::Node(*only));
                        stack.push(Step::Text(" "));
                    } else {
                        stack.push(Step::Node(*only));
                    }
                }
                many => {
                    for &child in many.iter().rev() {
                        stack.push(Step::Text(")"));
                        stack.push(Step::Node(child));
                        stack.push(Step::Text("("));
                    }
                    if node.message.is_some() {
                        stack.push(Step::Text(" "));
                    }
                }
            }
        }
        out
    }
}

/// Builds thread trees with the REFERENCES algorithm of RFC 5256 (as
/// Dovecot implements it, see the module documentation): parent links
/// from References/In-Reply-To with dummies for missing messages, loops
/// broken, dummies pruned, roots with the same base subject gathered, and
/// roots and children sorted by date (then by input order).
pub fn thread_references(messages: &[ThreadMessage]) -> Threads {
    let mut links = Links::default();
    for (i, message) in messages.iter().enumerate() {
        links.add(i, message);
    }
    Finish::new(messages, links.containers).run()
}

/// Builds threads with the ORDEREDSUBJECT algorithm of RFC 5256: messages
/// with the same base subject form one thread whose oldest message is the
/// parent of all the others; threads are sorted by their first message's
/// date.
pub fn thread_ordered_subject(messages: &[ThreadMessage]) -> Threads {
    let mut keyed: Vec<(String, i64, usize)> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (base, _) = base_subject_and_reply(m.subject.as_deref().unwrap_or(""));
            (base, m.date, i)
        })
        .collect();
    keyed.sort();
    let mut threads = Threads::default();
    let mut groups: Vec<(i64, usize, usize)> = Vec::new();
    let mut previous: Option<&str> = None;
    for (base, date, i) in &keyed {
        let node = threads.nodes.len();
        threads.nodes.push(ThreadNode {
            message: Some(*i),
            children: Vec::new(),
        });
        match (previous, groups.last()) {
            (Some(p), Some(&(_, _, root))) if p == base => threads.nodes[root].children.push(node),
            _ => groups.push((*date, *i, node)),
        }
        previous = Some(base);
    }
    groups.sort();
    threads.roots = groups.into_iter().map(|(_, _, node)| node).collect();
    threads
}

/// A message or a referenced id.
#[derive(Default)]
struct Container {
    message: Option<usize>,
    parent: Option<usize>,
    /// How many containers have this one as parent.
    kids: usize,
}

/// Step 1 of the algorithm: containers for every id and the parent links
/// between them.
#[derive(Default)]
struct Links<'a> {
    containers: Vec<Container>,
    by_id: HashMap<&'a str, usize>,
}

impl<'a> Links<'a> {
    fn new_container(&mut self) -> usize {
        self.containers.push(Container::default());
        self.containers.len() - 1
    }

    fn container(&mut self, id: &'a str) -> usize {
        if let Some(&c) = self.by_id.get(id) {
            return c;
        }
        let c = self.new_container();
        self.by_id.insert(id, c);
        c
    }

    fn add(&mut self, index: usize, message: &'a ThreadMessage) {
        let own = match message.message_id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => {
                let c = self.container(id);
                if self.containers[c].message.is_none() {
                    c
                } else {
                    // A duplicate Message-ID: the first message keeps it.
                    self.new_container()
                }
            }
            _ => self.new_container(),
        };
        self.containers[own].message = Some(index);

        let mut refs: Vec<&str> = message
            .references
            .iter()
            .map(|r| r.trim())
            .filter(|r| !r.is_empty())
            .collect();
        if refs.is_empty()
            && let Some(irt) = message.in_reply_to.as_deref().map(str::trim)
            && !irt.is_empty()
        {
            refs.push(irt);
        }
        let refs: Vec<usize> = refs.into_iter().map(|r| self.container(r)).collect();
        for pair in refs.windows(2) {
            self.link(pair[0], pair[1]);
        }
        let parent = refs.last().copied();
        // The message's own References outrank a parent guessed from
        // another message's.
        if let Some(old) = self.containers[own].parent
            && Some(old) != parent
        {
            self.containers[own].parent = None;
            self.containers[old].kids -= 1;
        }
        if let Some(parent) = parent {
            self.link(parent, own);
        }
    }

    /// Makes `parent` the parent of `child` unless that closes a loop or
    /// `child` already has a parent.
    fn link(&mut self, parent: usize, child: usize) {
        // An existing parent is kept. Without one, `child` is the top of
        // its tree, and linking closes a loop only when `parent` is in that
        // tree — impossible when `child` has no children, which spares the
        // walk for the common case of a new message.
        if parent == child || self.containers[child].parent.is_some() {
            return;
        }
        if self.containers[child].kids > 0 && self.is_ancestor(child, parent) {
            return;
        }
        self.containers[child].parent = Some(parent);
        self.containers[parent].kids += 1;
    }

    /// Whether `ancestor` is `node` or one of its ancestors.
    fn is_ancestor(&self, ancestor: usize, mut node: usize) -> bool {
        // Links never form a loop, so the walk ends; the bound is a guard.
        for _ in 0..=self.containers.len() {
            if node == ancestor {
                return true;
            }
            match self.containers[node].parent {
                Some(p) => node = p,
                None => return false,
            }
        }
        true
    }
}

/// A thread root during steps 2 to 6.
#[derive(Clone, Copy, Default)]
struct Root {
    container: usize,
    dummy: bool,
    /// Merged into another root, or a dummy left without children.
    ignore: bool,
    /// (date, input index) of the message the root sorts by.
    key: (i64, usize),
    /// During subject gathering: the root whose thread this one joins.
    joins: Option<usize>,
    reply: bool,
}

/// Steps 2 to 6: roots, pruned dummies, subject gathering, sorting.
struct Finish<'a> {
    messages: &'a [ThreadMessage],
    containers: Vec<Container>,
    children: Vec<Vec<usize>>,
    roots: Vec<Root>,
}

impl<'a> Finish<'a> {
    fn new(messages: &'a [ThreadMessage], containers: Vec<Container>) -> Self {
        let mut children = vec![Vec::new(); containers.len()];
        let mut roots = Vec::new();
        for (c, container) in containers.iter().enumerate() {
            let Some(mut parent) = container.parent else {
                roots.push(Root {
                    container: c,
                    dummy: container.message.is_none(),
                    ..Root::default()
                });
                continue;
            };
            if container.message.is_none() {
                continue;
            }
            // The nearest ancestor that is a message, or else the topmost
            // dummy: dummies between messages disappear.
            while containers[parent].message.is_none() {
                match containers[parent].parent {
                    Some(p) => parent = p,
                    None => break,
                }
            }
            children[parent].push(c);
        }
        Finish {
            messages,
            containers,
            children,
            roots,
        }
    }

    fn key(&self, container: usize) -> (i64, usize) {
        match self.containers[container].message {
            Some(m) => (self.messages.get(m).map_or(0, |msg| msg.date), m),
            None => (i64::MAX, usize::MAX),
        }
    }

    fn sorted_children(&self, container: usize) -> Vec<usize> {
        let mut kids = self.children[container].clone();
        kids.sort_by_key(|&k| self.key(k));
        kids
    }

    /// Step 4 (and the deferred part of step 3): a dummy root with one
    /// child gives way to it, the others sort by their oldest child.
    fn sort_roots(&mut self) {
        for r in 0..self.roots.len() {
            let root = self.roots[r];
            if root.ignore {
                continue;
            }
            if root.dummy {
                let kids = self.sorted_children(root.container);
                match kids.as_slice() {
                    [] => self.roots[r].ignore = true,
                    [only] => {
                        self.roots[r].container = *only;
                        self.roots[r].dummy = false;
                        self.roots[r].key = self.key(*only);
                    }
                    [first, ..] => self.roots[r].key = self.key(*first),
                }
            } else {
                self.roots[r].key = self.key(root.container);
            }
        }
        self.roots.sort_by_key(|r| r.key);
    }

    /// Step 5 A-B: finds, for each root, an earlier root with the same base
    /// subject that it should join.
    fn gather_subjects(&mut self) {
        let mut table: HashMap<String, usize> = HashMap::new();
        for r in 0..self.roots.len() {
            let root = self.roots[r];
            let message_container = if !root.dummy {
                root.container
            } else if !root.ignore {
                match self.sorted_children(root.container).first() {
                    Some(&first) => first,
                    None => continue,
                }
            } else {
                continue;
            };
            let Some(subject) = self.containers[message_container]
                .message
                .and_then(|m| self.messages.get(m))
                .and_then(|m| m.subject.as_deref())
            else {
                continue;
            };
            let (base, reply) = base_subject_and_reply(subject);
            if base.is_empty() {
                continue;
            }
            match table.get(&base).copied() {
                None => {
                    table.insert(base, r);
                }
                Some(h) => {
                    let held = self.roots[h];
                    if !held.dummy && (root.dummy || (held.reply && !reply)) {
                        self.roots[h].joins = Some(r);
                        table.insert(base, r);
                    } else {
                        self.roots[r].joins = Some(h);
                    }
                }
            }
            self.roots[r].reply = reply;
        }
    }

    /// Step 5 C: merges the threads found by [`Finish::gather_subjects`].
    /// Returns whether anything changed.
    fn merge_subjects(&mut self) -> bool {
        let mut changed = false;
        let count = self.roots.len();
        for cur in 0..count {
            if self.roots[cur].joins.is_none() || self.roots[cur].ignore {
                continue;
            }
            changed = true;
            let mut top = cur;
            while let Some(next) = self.roots[top].joins {
                top = next;
                if self.roots[top].joins.is_none() {
                    break;
                }
            }
            let (c, t) = (self.roots[cur], self.roots[top]);
            if c.dummy {
                // Both dummies: the children become siblings.
                let moved = std::mem::take(&mut self.children[c.container]);
                self.children[t.container].extend(moved);
                self.roots[cur].ignore = true;
            } else if t.dummy || (c.reply && !t.reply) {
                self.children[t.container].push(c.container);
                self.roots[cur].ignore = true;
            } else {
                // Neither is the other's reply: a new dummy holds both.
                let dummy = self.containers.len();
                self.containers.push(Container::default());
                self.children.push(vec![t.container, c.container]);
                self.roots.push(Root {
                    container: dummy,
                    dummy: true,
                    ..Root::default()
                });
                self.roots[top].joins = Some(self.roots.len() - 1);
                self.roots[top].ignore = true;
                self.roots[cur].ignore = true;
            }
        }
        changed
    }

    fn run(mut self) -> Threads {
        self.sort_roots();
        self.gather_subjects();
        if self.merge_subjects() {
            self.sort_roots();
        }
        let mut threads = Threads::default();
        let roots: Vec<Root> = self.roots.iter().copied().filter(|r| !r.ignore).collect();
        for root in roots {
            let top = threads.nodes.len();
            threads.roots.push(top);
            threads.nodes.push(ThreadNode {
                message: self.containers[root.container].message,
                children: Vec::new(),
            });
            let mut stack = vec![(root.container, top)];
            while let Some((container, node)) = stack.pop() {
                for kid in self.sorted_children(container) {
                    let kid_node = threads.nodes.len();
                    threads.nodes.push(ThreadNode {
                        message: self.containers[kid].message,
                        children: Vec::new(),
                    });
                    threads.nodes[node].children.push(kid_node);
                    stack.push((kid, kid_node));
                }
            }
        }
        threads
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(id: &str, refs: &[&str], subject: &str, date: i64) -> ThreadMessage {
        ThreadMessage {
            message_id: (!id.is_empty()).then(|| id.to_string()),
            references: refs.iter().map(|r| r.to_string()).collect(),
            in_reply_to: None,
            subject: (!subject.is_empty()).then(|| subject.to_string()),
            date,
        }
    }

    #[test]
    fn replies_nest_under_their_parents() {
        let messages = [
            msg("a", &[], "Order", 1),
            msg("b", &["a"], "Re: Order", 2),
            msg("c", &["a", "b"], "Re: Order", 3),
            msg("d", &["a"], "Re: Order", 4),
        ];
        let threads = thread_references(&messages);
        assert_eq!(threads.to_imap(), "(1 (2 3)(4))");
        assert_eq!(
            threads.thread_of_messages(4),
            [Some(0), Some(0), Some(0), Some(0)]
        );
    }

    #[test]
    fn in_reply_to_is_used_without_references() {
        let mut reply = msg("b", &[], "", 2);
        reply.in_reply_to = Some("a".to_string());
        let threads = thread_references(&[msg("a", &[], "", 1), reply]);
        assert_eq!(threads.to_imap(), "(1 2)");
    }

    #[test]
    fn missing_parent_becomes_a_dummy_for_siblings() {
        let threads = thread_references(&[
            msg("b", &["gone"], "", 1),
            msg("c", &["gone"], "", 2),
            msg("d", &["other-gone"], "", 3),
        ]);
        assert_eq!(threads.to_imap(), "((1)(2))(3)");
        assert_eq!(threads.nodes[threads.roots[0]].message, None);
    }

    #[test]
    fn subjects_gather_roots() {
        let threads = thread_references(&[
            msg("a", &[], "Refund", 1),
            msg("b", &["lost"], "Re: Refund", 2),
            msg("c", &[], "Refund", 3),
            msg("d", &[], "AW: refund", 4),
        ]);
        // b is a reply and joins a; c is not, so a and c come under a new
        // dummy, which d then joins as well.
        assert_eq!(threads.to_imap(), "((1 2)(3)(4))");
    }

    #[test]
    fn loops_do_not_hang_or_lose_messages() {
        let threads = thread_references(&[
            msg("a", &["b"], "", 1),
            msg("b", &["a"], "", 2),
            msg("c", &["c", "c"], "", 3),
        ]);
        let seen = threads.thread_of_messages(3);
        assert!(seen.iter().all(Option::is_some), "{seen:?}");
        // b's own reference wins over a's guess; a's link back would loop.
        assert_eq!(threads.to_imap(), "(2 1)(3)");
    }

    #[test]
    fn deep_chains_use_no_recursion() {
        let n = 50_000;
        let ids: Vec<String> = (0..n).map(|i| format!("m{i}")).collect();
        let messages: Vec<ThreadMessage> = (0..n)
            .map(|i| ThreadMessage {
                message_id: Some(ids[i].clone()),
                in_reply_to: i.checked_sub(1).map(|p| ids[p].clone()),
                date: i as i64,
                ..ThreadMessage::default()
            })
            .collect();
        let threads = thread_references(&messages);
        assert_eq!(threads.roots.len(), 1);
        assert_eq!(threads.to_imap().matches(' ').count(), n - 1);
    }

    #[test]
    fn ordered_subject_groups_by_base_subject() {
        let threads = thread_ordered_subject(&[
            msg("", &[], "b", 5),
            msg("", &[], "a", 3),
            msg("", &[], "Re: b", 4),
            msg("", &[], "RE: A", 1),
            msg("", &[], "", 2),
        ]);
        assert_eq!(threads.to_imap(), "(4 2)(5)(3 1)");
    }

    #[test]
    fn from_mail_falls_back_to_the_received_date() {
        let mail = crate::parse(
            b"Message-ID: <x@y>\r\nReferences: <a@y> <b@y>\r\nSubject: Hi\r\n\r\nbody",
        );
        let m = ThreadMessage::from_mail(&mail, 77);
        assert_eq!(m.message_id.as_deref(), Some("x@y"));
        assert_eq!(m.references, ["a@y", "b@y"]);
        assert_eq!(m.date, 77);
    }
}

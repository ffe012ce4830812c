//! Mikel's mail gem fixtures (plain, MIME, attachments, charsets, reports,
//! deliberately broken messages): every file goes through parsing and
//! reply extraction without panicking, and a sample is checked field by
//! field.

use std::path::{Path, PathBuf};

use cairn_mail::{ParsedMail, extract_reply, extract_reply_html, parse, reply_of_message};

use crate::{files_in, testdata};

fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        out.extend(files_in(&d));
        if let Ok(rd) = std::fs::read_dir(&d) {
            stack.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
        }
    }
    out.retain(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        !matches!(name.as_str(), "LICENSE" | "SOURCE" | ".gitattributes")
    });
    out.sort();
    out
}

fn load(dir: &Path, name: &str) -> ParsedMail {
    let raw = std::fs::read(dir.join(name)).unwrap_or_default();
    assert!(!raw.is_empty(), "{name} missing");
    parse(&raw)
}

#[test]
fn every_message_goes_through() {
    let Some(dir) = testdata("mime/mikel-mail") else {
        return;
    };
    let files = all_files(&dir);
    assert!(
        files.len() >= 100,
        "expected the whole corpus, found {}",
        files.len()
    );
    let (mut with_problems, mut attachments, mut nested) = (0, 0, 0);
    for path in &files {
        let raw = std::fs::read(path).unwrap_or_default();
        let mail = parse(&raw);
        with_problems += usize::from(!mail.problems.is_empty());
        let _ = extract_reply(&mail.text);
        if let Some(html) = &mail.html {
            let _ = extract_reply_html(html);
        }
        let _ = reply_of_message(&raw);
        for att in &mail.attachments {
            attachments += 1;
            if att.content_type == "message/rfc822" {
                nested += 1;
                let inner = parse(&att.data);
                let _ = extract_reply(&inner.text);
            }
        }
    }
    println!(
        "mime: {} files parsed and extracted; {with_problems} with problems noted, {attachments} attachments ({nested} nested messages)",
        files.len()
    );
}

#[test]
fn plain_and_charset_bodies() {
    let Some(dir) = testdata("mime/mikel-mail") else {
        return;
    };
    let m = load(&dir, "plain_emails/basic_email.eml");
    assert_eq!(m.subject.as_deref(), Some("Testing 123"));
    let from = m.from.clone().unwrap_or_default();
    assert_eq!(
        (from.email.as_str(), from.name.as_deref()),
        ("test@lindsaar.net", Some("Mikel Lindsaar"))
    );
    assert_eq!(m.text, "Plain email.\n\nHope it works well!\n\nMikel");
    assert!(m.problems.is_empty(), "{:?}", m.problems);

    let m = load(&dir, "plain_emails/raw_email.eml");
    assert_eq!(m.subject.as_deref(), Some("NOTE: 한국말로 하는 것"));
    assert!(
        m.text
            .starts_with("대부분의 마찬가지로, 우리는 하나님을 믿습니다."),
        "{}",
        m.text
    );

    let m = load(&dir, "multi_charset/japanese_iso_2022.eml");
    assert_eq!(m.subject.as_deref(), Some("まみむめも"));
    assert_eq!(m.text, "すみません。");

    let m = load(&dir, "multi_charset/japanese_shift_jis.eml");
    assert!(
        m.text.contains("このメールはテスト用のメールです。"),
        "{}",
        m.text
    );

    let m = load(&dir, "multi_charset/ks_c_5601-1987.eml");
    assert_eq!(m.text, "스티해");

    let m = load(&dir, "rfc6532/utf8_headers.eml");
    assert_eq!(m.subject.as_deref(), Some("Säying Hello"));
    assert_eq!(
        m.from.map(|a| a.email).as_deref(),
        Some("jdöe@mächine.example")
    );

    // Both alternatives: text/plain wins, the HTML is kept as sent.
    let m = load(&dir, "mime_emails/raw_email_with_illegal_boundary.eml");
    assert_eq!(m.text, "Hello\nThis is an outlook test\n\nSo there.\n\nMe.");
    assert!(m.html.as_deref().is_some_and(|h| h.contains("<")));
}

#[test]
fn attachments_come_out_whole() {
    let Some(dir) = testdata("mime/mikel-mail") else {
        return;
    };
    let m = load(&dir, "attachment_emails/attachment_pdf.eml");
    assert_eq!(
        m.subject.as_deref(),
        Some("Another PDF with 🎉 Unicode chars in it 🍿")
    );
    assert_eq!(m.attachments.len(), 1);
    let pdf = &m.attachments[0];
    assert_eq!(pdf.filename.as_deref(), Some("broken.pdf"));
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(
        pdf.data.starts_with(b"%PDF"),
        "not a PDF: {:?}",
        &pdf.data[..pdf.data.len().min(8)]
    );

    let m = load(
        &dir,
        "attachment_emails/attachment_with_quoted_filename.eml",
    );
    let jpg = &m.attachments[0];
    assert_eq!(jpg.filename.as_deref(), Some("Eelanalüüsi päring.jpg"));
    assert!(jpg.data.starts_with(&[0xff, 0xd8]), "not a JPEG");

    let m = load(&dir, "attachment_emails/attachment_nonascii_filename.eml");
    assert_eq!(m.attachments[0].filename.as_deref(), Some("ciële.txt"));

    let m = load(&dir, "multi_charset/japanese_attachment_long_name.eml");
    assert_eq!(
        m.attachments[0].filename.as_deref(),
        Some("かきくけこかきくけこかきくけこかきくけこかきくけこ.txt")
    );

    // A forwarded message travels as its own RFC 5322 source.
    let m = load(&dir, "attachment_emails/attachment_message_rfc822.eml");
    let fwd = &m.attachments[0];
    assert_eq!(fwd.content_type, "message/rfc822");
    let inner = parse(&fwd.data);
    assert!(inner.from.is_some() && inner.subject.is_some(), "{inner:?}");

    // A forward in the body is not part of the reply.
    let raw = std::fs::read(dir.join("attachment_emails/attachment_with_base64_encoded_name.eml"))
        .unwrap_or_default();
    assert_eq!(
        reply_of_message(&raw),
        "We should not include these files or vcards as attachments."
    );
}

#[test]
fn delivery_reports() {
    let Some(dir) = testdata("mime/mikel-mail") else {
        return;
    };
    let m = load(&dir, "multipart_report_emails/multi_address_bounce1.eml");
    assert!(m.is_delivery_report);
    assert_eq!(
        m.original_message_id.as_deref(),
        Some("118707422.15521266992174819.JavaMail.root@lvmail01")
    );
    assert_eq!(m.delivery_status.len(), 5);
    assert!(
        m.delivery_status
            .iter()
            .all(|s| s.action.as_deref() == Some("failed") && s.status.as_deref() == Some("5.1.1"))
    );
    assert_eq!(
        m.delivery_status[0].recipient,
        "bbbbvhvbbvkjbhfbvbvjhb@gmail.com"
    );

    let m = load(&dir, "multipart_report_emails/report_422.eml");
    assert!(m.is_delivery_report);
    assert_eq!(
        m.original_message_id.as_deref(),
        Some("15655788.13.1200472642578.JavaMail.Administrator@mail.ttttt.com.au")
    );
    assert_eq!(m.delivery_status[0].action.as_deref(), Some("delayed"));

    let m = load(&dir, "plain_emails/basic_email.eml");
    assert!(!m.is_delivery_report && m.original_message_id.is_none());
}

#[test]
fn broken_messages_name_their_problems() {
    let Some(dir) = testdata("mime/mikel-mail") else {
        return;
    };
    let m = load(&dir, "error_emails/bad_date_header.eml");
    assert_eq!(m.date, None);
    assert!(
        m.problems.iter().any(|p| p.contains("Date")),
        "{:?}",
        m.problems
    );

    let m = load(&dir, "error_emails/missing_body.eml");
    assert!(m.text.is_empty() && m.attachments.is_empty());
    assert!(
        m.problems.iter().any(|p| p.contains("boundary")),
        "{:?}",
        m.problems
    );

    let m = load(&dir, "plain_emails/mix_caps_content_type.eml");
    let from = m.from.unwrap_or_default();
    assert_eq!(
        (from.email.as_str(), from.name.as_deref()),
        ("bb@bug.com", Some("Big Bug"))
    );
}

//! TLS for IMAP and SMTP with rustls: the public web PKI roots, plus an extra CA the operator
//! names (`CAIRN_MAIL_CA_FILE`, e.g. a company or test CA). Certificates are always verified.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::{MailContext, MailboxError, Result};

pub(crate) fn client_config(ctx: &MailContext) -> Result<Arc<rustls::ClientConfig>> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(pem) = &ctx.extra_ca_pem {
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| MailboxError::Config(format!("extra CA file: {e}")))?;
            roots
                .add(cert)
                .map_err(|e| MailboxError::Config(format!("extra CA file: {e}")))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| MailboxError::Config(format!("TLS: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(Arc::new(config))
}

pub(crate) fn server_name(host: &str) -> Result<rustls::pki_types::ServerName<'static>> {
    rustls::pki_types::ServerName::try_from(host.to_string())
        .map_err(|e| MailboxError::Config(format!("{host:?} is not a TLS server name: {e}")))
}

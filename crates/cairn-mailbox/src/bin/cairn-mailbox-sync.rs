//! `cairn-mailbox-sync DATABASE_URL DATA_DIR TENANT MAILBOX`: one sync of one mailbox, as
//! `cairn mailbox sync` does it. The fault tests kill this process at random moments.

use cairn_mailbox::{MailContext, sync_mailbox};
use cairn_store::Store;

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, data_dir, tenant, mailbox] = args.as_slice() else {
        anyhow::bail!("usage: cairn-mailbox-sync DATABASE_URL DATA_DIR TENANT MAILBOX");
    };
    let store = Store::open(url).await?;
    let tenant = store.ensure_tenant(tenant, tenant).await?;
    let ctx = MailContext::new(store, tenant, data_dir.into());
    let report = sync_mailbox(&ctx, mailbox).await?;
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

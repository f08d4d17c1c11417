//! The same ledger scenarios against a real PostgreSQL that this test starts
//! itself (initdb in a temporary directory, pg_ctl on a free loopback port,
//! stopped and removed at the end), and 1,000 concurrent conflicting
//! submissions from two server processes' worth of pools on one database.

mod server_support;

use server_support::pg::Pg;
use server_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ledger_on_postgresql() {
    let Some(pg) = Pg::start() else { return };

    // The ledger scenarios.
    let url = pg.database("peixun_suite").await;
    let dir = temp_dir("pg-suite");
    let ts = TestServer::start(config(&dir, Some(url.clone()))).await;
    assert_eq!(ts.get("/health", None).await.json["database"], "postgres");
    suite::submissions(&ts).await;
    suite::vouchers(&ts).await;
    suite::punches(&ts).await;
    suite::reviews(&ts).await;
    ts.stop().await;
    // A restart on the same database migrates nothing twice and sees everything.
    let ts = TestServer::start(config(&dir, Some(url))).await;
    // 8 from the submissions, 5 from the reviews (2 of them reviewed).
    assert_eq!(ts.server.ledger().count("claims").await.unwrap(), 13);
    assert_eq!(ts.server.ledger().count("claim_reviews").await.unwrap(), 2);
    ts.stop().await;
    let _ = std::fs::remove_dir_all(&dir);

    // ID numbers inside free text: no row of any table holds one.
    let url = pg.database("peixun_privacy").await;
    let dir = temp_dir("pg-privacy");
    let ts = TestServer::start(config(&dir, Some(url))).await;
    let ids = suite::privacy(&ts).await;
    let rows = suite::postgres_rows(&ts).await;
    assert!(rows.contains("终端#hmac:"), "the dump reads the data");
    for id in &ids {
        for form in suite::forbidden_forms(id) {
            assert!(!rows.contains(&form), "{form} (of {id}) is in the database");
        }
    }
    ts.stop().await;
    let _ = std::fs::remove_dir_all(&dir);

    // 1,000 concurrent conflicting submissions, spread over two servers that
    // share the database (how a province outgrows one machine).
    let url = pg.database("peixun_conc").await;
    let d1 = temp_dir("pg-conc-1");
    let d2 = temp_dir("pg-conc-2");
    let s1 = TestServer::start(config(&d1, Some(url.clone()))).await;
    let s2 = TestServer::start(config(&d2, Some(url))).await;
    suite::concurrency(&[&s1, &s2], 1000, 10, 60_000).await;
    let ledger = s1.server.ledger();
    assert_eq!(ledger.count("claims").await.unwrap(), 1000);
    assert_eq!(ledger.count("participations").await.unwrap(), 100);
    assert!(ledger.check_integrity().await.unwrap().is_empty());
    s1.stop().await;
    s2.stop().await;
    let _ = std::fs::remove_dir_all(&d1);
    let _ = std::fs::remove_dir_all(&d2);
    drop(pg);
}

//! Parsing speed of a large completion-notices file: 200,000 generated notices in CP932, read
//! from memory through the streaming parser with a sink that only counts (the store's insert
//! is not measured here). Also the largest realistic statement (a month at high volume).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::format::{
    parse_notices, parse_statement, write_notices, write_statement, Encoding, ParseContext,
};
use kofu_jlis::generate;

const ROWS: usize = 200_000;

fn setup() -> (ParseContext, Vec<u8>, Vec<u8>) {
    let city = MunicipalityCode::parse("121002").expect("valid code");
    let month = TargetMonth::parse("2026-10").expect("valid month");
    // About 6,500 issuances a day over 31 days gives a little over 200,000 notices.
    let (statement, mut notices) = generate::month(city, month, 2026, 6_500);
    assert!(
        notices.len() >= ROWS,
        "the generator made {} notices",
        notices.len()
    );
    notices.truncate(ROWS);
    let ctx = ParseContext::with_default_master(city, Some(month));
    (
        ctx,
        write_notices(city, &notices, Encoding::Cp932),
        write_statement(&statement, Encoding::Cp932),
    )
}

fn bench(c: &mut Criterion) {
    let (ctx, notices_file, statement_file) = setup();
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("200k notices, CP932, streamed", |b| {
        b.iter_batched(
            || (),
            |()| {
                let mut count = 0u64;
                let summary = parse_notices(notices_file.as_slice(), &ctx, |_| {
                    count += 1;
                    Ok::<(), ()>(())
                })
                .expect("generated notices are valid");
                assert_eq!(summary.notices, ROWS as u64);
                count
            },
            BatchSize::PerIteration,
        )
    });
    group.throughput(Throughput::Bytes(statement_file.len() as u64));
    group.bench_function("statement of a busy month", |b| {
        b.iter(|| parse_statement(&statement_file, &ctx).expect("valid"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

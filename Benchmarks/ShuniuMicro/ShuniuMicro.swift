import Benchmark
import ShuniuModel
import ShuniuRouter

/// The router's pure hot paths: allocations (malloc count) and CPU time per operation. Each
/// iteration runs 1 000 operations (`scalingFactor: .kilo`), so getrusage's CPU time, which
/// moves in 10 ms steps on this machine, still resolves one operation; figures are per
/// operation. `ops/microbench.sh` runs them; docs/performance.md keeps the figures.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.mallocCountTotal, .cpuTotal, .wallClock, .throughput],
                                           timeUnits: .microseconds, warmupIterations: 2, scalingFactor: .kilo,
                                           maxDuration: .seconds(4), maxIterations: 40)
    let fixture = MicroFixture()
    let decisions: [[RoutingDecision]] = {
        var scope = ScopeMemory()
        return (0..<64).map { fixture.decide($0, scope: &scope).decisions }
    }()
    let key = AuditKey(secret: fixture.secret)

    Benchmark("validate one event (parse + check)") { benchmark in
        for n in benchmark.scaledIterations {
            let record = fixture.records[n & 63]
            blackHole(try? fixture.validator.validate(key: record.key, headers: record.headers, value: record.value))
        }
    }

    Benchmark("decide one event, 3 grants (masks, envelope)") { benchmark in
        var scope = ScopeMemory()
        for n in benchmark.scaledIterations { blackHole(fixture.decide(n, scope: &scope)) }
    }

    Benchmark("seal the audit record of one event (3 decisions)") { benchmark in
        var chain = AuditChain(key: key)
        for n in benchmark.scaledIterations { blackHole(chain.seal(decisions[n & 63])) }
    }

    Benchmark("pseudonym of one value (HMAC-SHA-256, hex)") { benchmark in
        let keys = fixture.router.keys
        for n in benchmark.scaledIterations { blackHole(keys.pseudonym(fixture.subjects[n & 63], for: "civil-affairs")) }
    }
}

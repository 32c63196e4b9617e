import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A steady query load on the API for `bench city-day`: `rate` person look-ups per second
/// (`GET /v1/persons/{id}`), spread over four workers, the demo departments' keys in turn and
/// the city's persons in turn. A worker that falls behind its schedule does not burst to
/// catch up, so the load stays the stated rate or less.
final class APILoad: Sendable {
    private let base: String
    private let keys: [String]
    private let subjects: [String]
    private let rate: Int
    private let state = Mutex(State())
    private static let workers = 4

    private struct State {
        var stopped = false
        var latencies: [Double] = []
        var statuses: [Int: Int] = [:]
        var started: ContinuousClock.Instant?
        var ended: ContinuousClock.Instant?
    }

    init(base: String, keys: [String], subjects: [String], rate: Int) {
        self.base = base
        self.keys = keys
        self.subjects = subjects
        self.rate = rate
    }

    /// Look-ups answered so far (any status).
    var answered: Int { state.withLock { $0.latencies.count } }

    func stop() { state.withLock { $0.stopped = true; $0.ended = .now } }

    func run() async {
        guard rate > 0, !keys.isEmpty, !subjects.isEmpty else { return }
        state.withLock { $0.started = .now }
        let interval = Duration.seconds(Double(Self.workers) / Double(rate))
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<Self.workers {
                group.addTask { await self.work(worker, interval: interval) }
            }
        }
    }

    private func work(_ worker: Int, interval: Duration) async {
        let clock = ContinuousClock()
        var next = clock.now
        var n = worker
        while !state.withLock({ $0.stopped }) {
            let subject = subjects[n % subjects.count], key = keys[n / subjects.count % keys.count]
            n += Self.workers
            guard let url = URL(string: "\(base)/v1/persons/\(subject)") else { continue }
            var request = URLRequest(url: url)
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
            let sent = clock.now
            let status: Int
            do {
                let (_, response) = try await URLSession.shared.data(for: request)
                status = (response as? HTTPURLResponse)?.statusCode ?? 0
            } catch {
                status = 0
            }
            let latency = (clock.now - sent).seconds * 1000
            state.withLock {
                $0.latencies.append(latency)
                $0.statuses[status, default: 0] += 1
            }
            next += interval
            if next < clock.now - .seconds(1) { next = clock.now }  // behind: no burst
            try? await Task.sleep(until: next, clock: clock)
        }
    }

    /// `N look-ups at R/s (target T/s), p50 … ms, p99 … ms, statuses …`.
    var summary: String {
        state.withLock { state in
            let sorted = state.latencies.sorted()
            guard !sorted.isEmpty, let started = state.started else { return "no look-ups answered" }
            let seconds = ((state.ended ?? .now) - started).seconds
            func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
            let statuses = state.statuses.sorted { $0.key < $1.key }.map { "\($0.key == 0 ? "no answer" : String($0.key)): \($0.value)" }
            return String(format: "%d look-ups at %.0f/s (target %d/s), p50 %.2f ms, p99 %.2f ms, max %.1f ms; statuses %@ (404/403: a person or theme the department may not see)",
                          sorted.count, Double(sorted.count) / max(seconds, 0.001), rate, percentile(0.5), percentile(0.99), sorted.last ?? 0,
                          statuses.joined(separator: ", ") as NSString)
        }
    }
}

import Synchronization

/// The API's counters, rendered as Prometheus text on `/metrics`: requests by route and
/// status, look-ups by outcome, access-audit records, and a latency histogram.
public final class APIMetrics: Sendable {
    private struct Counts {
        var requests: [String: Int] = [:]
        var reads: [String: Int] = [:]
        var audited = 0
        var buckets = [Int](repeating: 0, count: APIMetrics.bounds.count)
        var latencyCount = 0
        var latencySum = 0.0
    }

    /// Histogram bucket upper bounds, in seconds.
    static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]
    private let counts = Mutex(Counts())

    /// No counts yet.
    public init() {}

    /// Counts one answered request.
    func request(route: String, status: Int, seconds: Double) {
        counts.withLock { counts in
            counts.requests["\(route)\u{0}\(status)", default: 0] += 1
            for (index, bound) in Self.bounds.enumerated() where seconds <= bound { counts.buckets[index] += 1 }
            counts.latencyCount += 1
            counts.latencySum += seconds
        }
    }

    /// Counts one look-up by outcome and the audit records written for it.
    func read(outcome: String, audited: Int) {
        counts.withLock { counts in
            counts.reads[outcome, default: 0] += 1
            counts.audited += audited
        }
    }

    /// Requests answered so far (all routes).
    public var requestsTotal: Int { counts.withLock { $0.requests.values.reduce(0, +) } }

    /// The Prometheus text exposition (version 0.0.4).
    /// `unacknowledged`: access records of answered reads the broker has not acknowledged yet.
    public func render(unacknowledged: Int = 0) -> String {
        let counts = counts.withLock { $0 }
        var text = "# HELP shuniu_api_requests_total HTTP requests answered, by route and status.\n"
        text += "# TYPE shuniu_api_requests_total counter\n"
        for (key, value) in counts.requests.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            text += "shuniu_api_requests_total{route=\"\(Self.escape(String(parts[0])))\",status=\"\(parts[1])\"} \(value)\n"
        }
        text += "# HELP shuniu_api_reads_total Library look-ups, by outcome (read, not-found, denied).\n"
        text += "# TYPE shuniu_api_reads_total counter\n"
        for (outcome, value) in counts.reads.sorted(by: { $0.key < $1.key }) {
            text += "shuniu_api_reads_total{outcome=\"\(outcome)\"} \(value)\n"
        }
        text += "# HELP shuniu_api_access_audit_records_total Records written to audit.access.\n"
        text += "# TYPE shuniu_api_access_audit_records_total counter\nshuniu_api_access_audit_records_total \(counts.audited)\n"
        text += "# HELP shuniu_api_access_audit_unacknowledged Access records of answered reads not yet acknowledged by the broker (the loss window in use).\n"
        text += "# TYPE shuniu_api_access_audit_unacknowledged gauge\nshuniu_api_access_audit_unacknowledged \(unacknowledged)\n"
        text += "# HELP shuniu_api_request_duration_seconds Time to answer a request.\n"
        text += "# TYPE shuniu_api_request_duration_seconds histogram\n"
        for (index, bound) in Self.bounds.enumerated() {
            text += "shuniu_api_request_duration_seconds_bucket{le=\"\(bound)\"} \(counts.buckets[index])\n"
        }
        text += "shuniu_api_request_duration_seconds_bucket{le=\"+Inf\"} \(counts.latencyCount)\n"
        text += "shuniu_api_request_duration_seconds_sum \(counts.latencySum)\n"
        text += "shuniu_api_request_duration_seconds_count \(counts.latencyCount)\n"
        return text
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// The router's counters in the Prometheus text exposition format (version 0.0.4).
public enum RouterMetrics {
    /// Renders `counters` as Prometheus metrics.
    public static func render(_ counters: RouterCounters) -> String {
        var text = ""
        func family(_ name: String, _ help: String, _ samples: [(labels: String, value: Int)]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) counter\n"
            for sample in samples { text += "\(name)\(sample.labels) \(sample.value)\n" }
        }
        func labelled(_ label: String, _ values: [String: Int]) -> [(labels: String, value: Int)] {
            values.sorted { $0.key < $1.key }.map { ("{\(label)=\"\(escape($0.key))\"}", $0.value) }
        }
        family("shuniu_router_records_read_total", "Source records read and routed.", [("", counters.read)])
        family("shuniu_router_published_total", "Valid source records, by providing department.", labelled("provider", counters.published))
        family("shuniu_router_delivered_total", "Records delivered, by subscribing department.", labelled("subscriber", counters.delivered))
        family("shuniu_router_rejected_total", "Source records rejected into dlq.<theme>, by reason.", labelled("reason", counters.rejected))
        family("shuniu_router_out_of_scope_total", "Decisions not delivered because the row is outside the grant's scope.", [("", counters.outOfScope)])
        return text
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}

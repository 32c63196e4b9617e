/// Running totals of the router's decisions, for logs and `shuniu stats`.
public struct RouterCounters: Sendable {
    /// Source records read.
    public var read = 0
    /// Records delivered, by subscriber.
    public var delivered: [String: Int] = [:]
    /// Records rejected, by reason code.
    public var rejected: [String: Int] = [:]
    /// Valid records, by providing department.
    public var published: [String: Int] = [:]
    /// Decisions out of scope.
    public var outOfScope = 0

    /// All zero.
    public init() {}

    mutating func count(_ result: RoutingResult) {
        read += 1
        guard let event = result.event else {
            rejected[result.decisions.first?.reason ?? "rejected", default: 0] += 1
            return
        }
        published[event.source, default: 0] += 1
        for decision in result.decisions {
            switch decision.outcome {
            case .delivered: delivered[decision.subscriber ?? "", default: 0] += 1
            case .outOfScope: outOfScope += 1
            case .rejected: rejected[decision.reason ?? "rejected", default: 0] += 1  // one grant's delivery refused (too-large)
            }
        }
    }

    /// Total deliveries.
    public var deliveredTotal: Int { delivered.values.reduce(0, +) }
    /// Total rejections.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
}

/// Which subjects each scoped grant's subscriber currently holds, so that a row that leaves a
/// grant's scope, or a delete, reaches exactly the subscribers that hold that subject.
///
/// Part of the routing state: `Router.decide` reads and updates it, and records each change in
/// the decision's `held` (hence in the audit). A router that takes a source partition over
/// (a restart, a kill -9, a rebalance) rebuilds the memory from those audit records before the
/// offset it resumes at (`ScopeLog`), so a subject that leaves a scope after the takeover still
/// gets its `left-scope` delete.
public struct ScopeMemory: Sendable, Equatable {
    private var held: [String: Set<String>] = [:]

    /// Empty memory.
    public init() {}

    /// Whether `grant`'s subscriber holds `subject`.
    public func holds(grant: String, subject: String) -> Bool { held[grant]?.contains(subject) ?? false }

    /// How many (grant, subject) pairs are held.
    public var count: Int { held.values.reduce(0) { $0 + $1.count } }

    mutating func remember(grant: String, subject: String) { held[grant, default: []].insert(subject) }

    mutating func forget(grant: String, subject: String) {
        held[grant]?.remove(subject)
        if held[grant]?.isEmpty == true { held[grant] = nil }
    }
}

/// The scope changes the audit records (`held` of `audit.exchange` records), by source
/// partition, from which a new owner rebuilds a partition's `ScopeMemory` as it stood before
/// the offset it resumes at.
///
/// For each (grant, subject) the memory before offset `o` is the `held` of the change at the
/// greatest source offset below `o` (a record routed twice, in two segments, counts once:
/// the later segment wins). That does not depend on the order the audit is read in. Changes
/// far behind a newer one of the same pair are dropped (`window`): a router never resumes that
/// far behind what it already routed (it is at most its in-flight batches behind).
public struct ScopeLog: Sendable {
    struct Change: Sendable {
        var offset: Int64
        var segment: Int
        var held: Bool
    }

    /// How far behind the newest change of a pair older changes are kept, in source offsets.
    public static let window: Int64 = 1_000_000

    private var changes: [String: [String: [Change]]] = [:]

    /// No changes.
    public init() {}

    /// Records that, in `segment` (`src.<theme>/<partition>#<n>`), the routing of the source
    /// record at `offset` left `grant`'s subscriber holding `subject` (`held`) or not.
    public mutating func add(segment: String, grant: String, subject: String, offset: Int64, held: Bool) {
        guard let (base, number) = AuditChain.split(segment) else { return }
        let change = Change(offset: offset, segment: number, held: held)
        let pair = grant + "\t" + subject
        var list = changes[base, default: [:]][pair] ?? []
        if let last = list.last, (last.offset, last.segment) > (offset, number) {
            let index = list.firstIndex { ($0.offset, $0.segment) > (offset, number) } ?? list.count
            list.insert(change, at: index)
        } else {
            list.append(change)
        }
        if let newest = list.last?.offset, let keep = list.lastIndex(where: { $0.offset < newest - Self.window }), keep > 0 {
            list.removeFirst(keep)
        }
        changes[base, default: [:]][pair] = list
    }

    /// The scope memory of source partition `chain` (`src.<theme>/<partition>`) before `offset`.
    public func memory(chain: String, before offset: Int64) -> ScopeMemory {
        var memory = ScopeMemory()
        for (pair, list) in changes[chain] ?? [:] {
            guard let last = list.last(where: { $0.offset < offset }), last.held,
                  let tab = pair.firstIndex(of: "\t") else { continue }
            memory.remember(grant: String(pair[..<tab]), subject: String(pair[pair.index(after: tab)...]))
        }
        return memory
    }
}

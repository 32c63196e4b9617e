/// Which subjects each scoped grant's subscriber currently holds, so that a row that leaves a
/// grant's scope, or a delete, reaches exactly the subscribers that hold that subject.
///
/// Part of the routing state: `Router.decide` reads and updates it, and a replay that starts
/// from the beginning of a source partition rebuilds it. After a restart from a committed
/// offset it starts empty, which errs on the safe side: a delete or a scope exit of a subject
/// seen before the restart is treated as out of scope (nothing is delivered) rather than sent
/// to a subscriber that may never have held the subject.
public struct ScopeMemory: Sendable {
    private var held: [String: Set<String>] = [:]

    /// Empty memory.
    public init() {}

    func holds(grant: String, subject: String) -> Bool { held[grant]?.contains(subject) ?? false }

    mutating func remember(grant: String, subject: String) { held[grant, default: []].insert(subject) }

    mutating func forget(grant: String, subject: String) { held[grant]?.remove(subject) }
}

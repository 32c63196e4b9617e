extension Row {
    /// The most members a parsed row may have (`too-many-members` beyond). Theme rows have one
    /// member per catalogue field (tens); the bound is far above any theme and keeps a hostile
    /// object's cost linear and bounded. A record over the router's size limit is refused
    /// before it is parsed (docs/bounds.md).
    public static let maximumMembers = 100_000
}

/// The member names of an object being parsed, for the duplicate check: a scan of the few
/// members of a typical row, a hash set once there are more (so the check stays linear in the
/// number of members, not quadratic).
struct MemberNames {
    /// Rows up to this many members are checked by scanning them (faster than hashing).
    private static let scanLimit = 32
    private var set: Set<String>?

    /// Adds `name`, the next member of `row`; false when `row` already has it.
    mutating func insert(_ name: String, among row: Row) -> Bool {
        if var names = set {
            set = nil  // keep the set uniquely referenced while inserting
            let inserted = names.insert(name).inserted
            set = names
            return inserted
        }
        for field in row.fields where field.name == name { return false }
        if row.count + 1 >= Self.scanLimit {
            var names = Set(row.fields.map(\.name))
            names.insert(name)
            set = names
        }
        return true
    }
}

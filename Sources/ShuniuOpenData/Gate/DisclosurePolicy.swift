/// The disclosure-control settings the gate applies.
public struct DisclosurePolicy: Sendable, Hashable, Codable {
    /// The smallest count that may be published: a cell or total of 1 … `minCell - 1` is a
    /// small cell. At least 3.
    public var minCell: Int
    /// Whether small interior cells may be hidden (primary and secondary suppression); when
    /// false a small cell refuses the release instead.
    public var suppress: Bool

    /// The default threshold (n = 3).
    public static let defaultMinCell = 3

    /// A policy; `minCell` below 3 is raised to 3 (the floor).
    public init(minCell: Int = DisclosurePolicy.defaultMinCell, suppress: Bool = true) {
        self.minCell = max(3, minCell)
        self.suppress = suppress
    }

    /// Whether a count is a small cell (zero is not: an empty cell discloses nobody).
    public func isSmall(_ count: Int) -> Bool { count > 0 && count < minCell }
}

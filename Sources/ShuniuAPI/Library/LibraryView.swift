import ShuniuLibraries
import ShuniuModel

/// One theme slice as a department may see it: only the fields its grant delivers, masked
/// as granted, with the grant that allowed it and the slice's lineage.
public struct ServedSlice: Sendable, Hashable {
    /// The theme.
    public var theme: String
    /// The grant that serves it.
    public var grant: Grant
    /// The delivered row (`Grant.deliver`: exactly what the router would deliver).
    public var row: Row
    /// Where the slice came from.
    public var lineage: Lineage
}

/// What a department's look-up of a subject comes to.
public enum LibraryRead: Sendable, Hashable {
    /// The department holds no grant in force on any theme of the library (403).
    case denied
    /// No slice is visible: the subject is unknown, or every slice is on a theme the
    /// department has no grant for, or outside its grants' scope (404: existence not leaked).
    case notFound
    /// The visible slices, in theme order.
    case found([ServedSlice])
}

/// The read decision of the API, pure: record, grants and catalogue in, what the department
/// sees out. It applies the router's own rules (`Grant.isInForce`, `covers`, `deliver`), so a
/// department reads over HTTP exactly what it would have received on `sub.<department>`.
///
/// Several grants of the department on one theme: they are tried in the order they were
/// applied for, and the first whose scope covers the row serves the slice (one slice per
/// theme; the answer names that grant).
public enum LibraryView {
    /// Decides what `department` sees of `record` on `day`.
    public static func read(_ record: LibraryRecord?, library: LibraryKind, department: String, grants: GrantTable,
                            catalogue: Catalogue, day: CalendarDate?, keys: PseudonymKeys) -> LibraryRead {
        func mine(_ theme: String) -> [Grant] {
            grants.inForce(theme: theme, on: day).filter { $0.subscriber == department }
        }
        var served: [ServedSlice] = []
        var granted = false
        for slice in record?.slices ?? [] {
            let candidates = mine(slice.theme)
            granted = granted || !candidates.isEmpty
            guard let grant = candidates.first(where: { $0.covers(slice.row) }) else { continue }
            served.append(ServedSlice(theme: slice.theme, grant: grant, row: grant.deliver(slice.row, keys: keys),
                                      lineage: slice.lineage))
        }
        if !served.isEmpty { return .found(served) }
        // Nothing visible: 404 if the caller holds a grant on any theme of the library, else 403.
        if granted || library.themes(in: catalogue).contains(where: { !mine($0.id).isEmpty }) { return .notFound }
        return .denied
    }
}

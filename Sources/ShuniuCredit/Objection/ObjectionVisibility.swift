import ShuniuModel

/// Who may read an objection (异议): it tells that a named subject disputes a record and why, so
/// it is not for every key holder.
///
/// - the provider of the record objected to: the authoritative provider of its theme in the
///   catalogue (the one department that publishes the theme and decides the objection);
/// - the hub's operators: the departments holding ``hubFunction`` (`data-administration` in
///   the shipped catalogue), who run the hub and answer for the deadlines.
///
/// Anyone else sees none (an objection on a theme the catalogue does not know: operators only).
public enum ObjectionVisibility {
    /// The catalogue function that makes a department the hub's operator.
    public static let hubFunction = "information-sharing-management"

    /// The departments of `catalogue` that operate the hub.
    public static func hubOperators(in catalogue: Catalogue) -> Set<String> {
        Set(catalogue.departments(holding: hubFunction).map(\.id))
    }

    /// Whether `department` may read `objection`.
    public static func isVisible(_ objection: Objection, to department: String, catalogue: Catalogue) -> Bool {
        catalogue.theme(objection.theme)?.provider == department || hubOperators(in: catalogue).contains(department)
    }

    /// The objections of `objections` that `department` may read, in their order.
    public static func visible(_ objections: [Objection], to department: String, catalogue: Catalogue) -> [Objection] {
        if hubOperators(in: catalogue).contains(department) { return objections }
        return objections.filter { catalogue.theme($0.theme)?.provider == department }
    }
}

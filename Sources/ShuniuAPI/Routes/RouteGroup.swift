import Hummingbird

/// One concern's routes (library look-ups, catalogue, grants, operations...). A new group
/// (credit, open data) is one file conforming to this, listed in ``APIApplication/groups(_:)``.
public protocol RouteGroup: Sendable {
    /// Adds the group's routes.
    func register(on router: Router<APIContext>)
}

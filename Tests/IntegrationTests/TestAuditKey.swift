import ShuniuModel
import ShuniuRouter

extension AuditKey {
    /// The audit key of the tests' hub secret.
    static let test = AuditKey(secret: RouterHarness.secret)
}

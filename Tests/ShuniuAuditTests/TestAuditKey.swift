import ShuniuModel
import ShuniuRouter

extension AuditKey {
    /// The audit key of the tests' hub secret.
    static let test = AuditKey(secret: try! HubSecret(bytes: Array("audit-chain-tests-secret-0123456789abcdef".utf8)))
}

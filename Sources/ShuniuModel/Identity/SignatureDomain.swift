/// What a signature is for. The domain text is signed together with the message, so a
/// signature made for one kind of record (a grant step, say) never verifies as another kind
/// (an objection step, an identity record, an audit checkpoint).
public struct SignatureDomain: Sendable, Hashable, CustomStringConvertible {
    /// The domain text, e.g. `shuniu/ctl.grants/v1`.
    public let text: String

    /// A domain.
    public init(_ text: String) { self.text = text }

    public var description: String { text }

    /// Grant workflow steps on `ctl.grants`.
    public static let grants = SignatureDomain("shuniu/ctl.grants/v1")
    /// Objection steps on `ctl.credit-objections`.
    public static let objections = SignatureDomain("shuniu/ctl.credit-objections/v1")
    /// Identity registrations and revocations on `ctl.identities`.
    public static let identities = SignatureDomain("shuniu/ctl.identities/v1")
    /// Audit chain checkpoints.
    public static let auditCheckpoint = SignatureDomain("shuniu/audit-checkpoint/v1")

    /// The bytes actually signed: the domain text, a zero byte, then the message.
    func framed(_ message: [UInt8]) -> [UInt8] {
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(bytes.count + 1 + message.count)
        bytes.append(0)
        bytes += message
        return bytes
    }
}

/// Bad input to an audit command (a time bound, a subject id, a theme, a year), with the fix.
public struct AuditInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason: `bad-time`, `bad-subject`, `unknown-theme`, `bad-year`.
    public let code: String
    /// What is wrong and how to put it right.
    public let message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

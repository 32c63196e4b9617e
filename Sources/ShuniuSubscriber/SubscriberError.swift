/// A subscriber failure a person can act on: a stable code and a message that says what to do.
public struct SubscriberError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `unknown-department`, `no-topic`, `existing-output`, `bad-state`, `io`, `refused`.
    public var code: String
    /// What happened and how to fix it.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

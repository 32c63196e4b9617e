import ShuniuModel

/// The subject of `shuniu audit who-received`: a citizen ID number (GB 11643) or a unified
/// social credit code (GB 32100), checked before any log is read.
public struct SubjectID: Sendable, Hashable, CustomStringConvertible {
    /// The kind of subject.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A person, by citizen ID number.
        case person
        /// A legal entity, by unified social credit code.
        case entity
    }

    /// The 18 characters.
    public let value: String
    /// Person or entity.
    public let kind: Kind

    /// Validates `text` as a citizen ID, else as a credit code; the error says what is wrong
    /// with it under both readings.
    public init(validating text: String) throws(AuditInputError) {
        let trimmed = text.trimmingWhitespace()
        do {
            value = try CitizenID(validating: trimmed).value
            kind = .person
            return
        } catch let personError {
            do {
                value = try CreditCode(validating: trimmed).value
                kind = .entity
            } catch let entityError {
                throw AuditInputError(code: "bad-subject", message: """
                    '\(trimmed)' is neither a citizen ID number (\(personError.message)) nor a unified social credit code \
                    (\(entityError.message)); give the 18 characters exactly as issued, check character included
                    """)
            }
        }
    }

    public var description: String { value }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}

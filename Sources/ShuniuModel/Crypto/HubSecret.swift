import Foundation

/// The hub's secret: the root of every pseudonym the hub hands out (and of nothing else).
///
/// There is no default. Every service and command that masks refuses to start without one of
/// at least `minimumLength` bytes (`HubSecret.Missing`, exit code 78, `EX_CONFIG`). It is read
/// from `$SHUNIU_SECRET`, or from the file `$SHUNIU_SECRET_FILE` names (the file's bytes with
/// one trailing newline removed; keep it mode 0600). Make one with `openssl rand -hex 32`.
/// The demo writes one into its state directory. Never logged: `description` hides it.
public struct HubSecret: Sendable, Hashable, CustomStringConvertible {
    /// The fewest bytes accepted.
    public static let minimumLength = 32
    /// The process exit code of a missing or short secret (`EX_CONFIG` of sysexits.h).
    public static let exitCode: Int32 = 78

    /// The secret's bytes. Never print them.
    public let bytes: [UInt8]

    /// Why a secret could not be had; the message says how to make one.
    public struct Missing: Error, CustomStringConvertible, Sendable {
        /// What is wrong and how to fix it.
        public let description: String

        /// No secret was given.
        public static let unset = Missing(description: "no hub secret: $SHUNIU_SECRET and $SHUNIU_SECRET_FILE are unset. " + HubSecret.howTo)
    }

    /// A secret of `bytes`; refuses fewer than `minimumLength`.
    public init(bytes: [UInt8]) throws(Missing) {
        guard bytes.count >= Self.minimumLength else {
            throw Missing(description: "the hub secret is \(bytes.count) bytes; it needs at least \(Self.minimumLength). "
                + Self.howTo)
        }
        self.bytes = bytes
    }

    /// The secret from `$SHUNIU_SECRET` or `$SHUNIU_SECRET_FILE` in `environment`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(Missing) -> HubSecret {
        if let text = environment["SHUNIU_SECRET"], !text.isEmpty {
            return try HubSecret(bytes: Array(text.utf8))
        }
        if let path = environment["SHUNIU_SECRET_FILE"], !path.isEmpty {
            return try read(path: path)
        }
        throw Missing.unset
    }

    /// The largest secret file read (a secret is a line of text, not a document).
    public static let maximumFileSize = 4_096

    /// The secret in the file at `path` (one trailing newline removed).
    public static func read(path: String) throws(Missing) -> HubSecret {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumFileSize else {
            throw Missing(description: "the hub secret file \(path) is \(size) bytes; a secret file holds one line of at most \(maximumFileSize) bytes. " + howTo)
        }
        guard var bytes = FileManager.default.contents(atPath: path).map(Array.init) else {
            throw Missing(description: "cannot read the hub secret file \(path). " + howTo)
        }
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        return try HubSecret(bytes: bytes)
    }

    /// A fresh random secret held only in memory (benchmarks and tests).
    public static func ephemeral() -> HubSecret {
        var generator = SystemRandomNumberGenerator()
        // 32 random bytes cannot be short.
        return HubSecret(unchecked: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the secret file at `path`, or creates it with a fresh random secret (mode 0600).
    public static func loadOrCreate(path: String) throws -> HubSecret {
        if FileManager.default.fileExists(atPath: path) { return try read(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        let text = (0..<64).map { _ in digits[Int(generator.next() % 16)] }
        try PrivateFile.write(Data(text + [0x0A]), to: path)
        return try HubSecret(bytes: text)
    }

    public var description: String { "HubSecret(\(bytes.count) bytes)" }

    static let howTo = "Make one with `openssl rand -hex 32 > /etc/shuniu/secret && chmod 600 /etc/shuniu/secret` "
        + "and set SHUNIU_SECRET_FILE=/etc/shuniu/secret (or SHUNIU_SECRET to its text). Every router, API and replay "
        + "of one hub must use the same secret, or pseudonyms change."
}

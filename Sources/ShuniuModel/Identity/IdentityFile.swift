import Foundation

/// A party's private key file: four lines of text, mode 0600, never printed.
///
///     shuniu-identity v1
///     party: icbc-guangzhou
///     key: k-0123456789abcdef
///     seed: <32 bytes, base64>
///
/// Reading refuses a file that others may read (like ssh does), with the `chmod` fix.
public struct IdentityFile: Sendable {
    /// The party the key belongs to.
    public let party: String
    /// The key.
    public let key: SigningKey

    /// The first line of every key file.
    public static let header = "shuniu-identity v1"
    /// The largest key file read.
    public static let maximumSize = 1_024

    /// A key file's contents.
    public init(party: String, key: SigningKey) {
        self.party = party
        self.key = key
    }

    /// Why a key file cannot be used.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// What is wrong and the fix.
        public let description: String
    }

    /// The file's text.
    public var text: String {
        "\(Self.header)\nparty: \(party)\nkey: \(key.verifyingKey.id)\nseed: \(Data(key.seed).base64EncodedString())\n"
    }

    /// Writes a new key file at `path` with mode 0600; refuses to overwrite one.
    public func write(to path: String) throws(Problem) {
        let fd = PrivateFile.open(path, flags: O_WRONLY | O_EXCL)
        guard fd >= 0 else {
            throw Problem(description: "cannot create the key file \(path): \(String(cString: strerror(errno))) (an existing key file is never overwritten; rotate with `shuniu identity rotate`)")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else { throw Problem(description: "cannot write the key file \(path)") }
    }

    /// Reads the key file at `path`.
    public static func read(path: String) throws(Problem) -> IdentityFile {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Problem(description: "no key file \(path): \(String(cString: strerror(errno))); create one with `shuniu identity create PARTY --out FILE`") }
        guard info.st_mode & 0o077 == 0 else {
            throw Problem(description: "the key file \(path) may be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); run `chmod 600 \(path)`")
        }
        guard info.st_size <= maximumSize, let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(path) is not a Shuniu key file")
        }
        return try parse(text, path: path)
    }

    /// Parses key file text.
    public static func parse(_ text: String, path: String = "key file") throws(Problem) -> IdentityFile {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func value(_ name: String) -> String? {
            lines.first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        guard lines.first == header, let party = value("party"), !party.isEmpty, let id = value("key"),
              let seed = value("seed").flatMap({ Data(base64Encoded: $0) }), let key = SigningKey(seed: Array(seed)) else {
            throw Problem(description: "\(path) is not a Shuniu key file (it starts with `\(header)` and has party, key and seed lines)")
        }
        guard key.verifyingKey.id == id else {
            throw Problem(description: "\(path): its key line says \(id) but its seed is key \(key.verifyingKey.id); the file was edited")
        }
        return IdentityFile(party: party, key: key)
    }
}

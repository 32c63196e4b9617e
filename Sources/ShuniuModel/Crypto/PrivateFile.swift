import Foundation

/// Files that hold personal data or keys: created with mode 0600 (owner read/write only),
/// whatever the process umask says.
public enum PrivateFile {
    /// The mode of every such file.
    public static let mode: Int = 0o600

    /// Writes `data` to `path` atomically with mode 0600.
    public static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: mode]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        try restrict(temporary)
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    /// Sets mode 0600 on an existing file (an SQLite database, a mirror, a spool).
    public static func restrict(_ path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}

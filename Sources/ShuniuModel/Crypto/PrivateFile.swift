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

    /// Opens `path` with `flags` (`O_CREAT` is added): a new file is created 0600, an existing
    /// regular file with a wider mode is narrowed to 0600. Returns the descriptor, or -1 with
    /// `errno` set (the descriptor is closed when the narrowing fails).
    public static func open(_ path: String, flags: Int32) -> Int32 {
        let fd = Foundation.open(path, flags | O_CREAT | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { return -1 }
        var info = stat()
        if fstat(fd, &info) != 0
            || ((info.st_mode & S_IFMT) == S_IFREG && info.st_mode & 0o777 != mode_t(mode) && fchmod(fd, mode_t(mode)) != 0) {
            let saved = errno
            close(fd)
            errno = saved
            return -1
        }
        return fd
    }
}

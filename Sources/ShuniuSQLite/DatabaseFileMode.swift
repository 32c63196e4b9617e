#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hub's SQLite files (libraries, key store, mirrors, spools) hold personal data or keys:
/// mode 0600 (owner read/write only), whatever the umask says.
///
/// A missing database file is created empty with mode 0600 *before* SQLite opens it (an empty
/// file is a valid empty database), so it never exists with a wider mode. SQLite creates the
/// `-wal` and `-shm` files with the main file's permissions; an existing file and its `-wal` /
/// `-shm` left by an older version are narrowed after the open.
public enum DatabaseFileMode {
    /// The mode of every database file the hub writes.
    public static let mode: mode_t = 0o600

    /// Creates `path` empty with mode 0600 when it does not exist. In-memory and temporary
    /// databases (`:memory:`, the empty path, `file:` URIs) are left alone.
    static func prepare(_ path: String) throws(SQLiteError) {
        guard isFile(path) else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd >= 0 { close(fd); return }
        guard errno == EEXIST else { throw failure("create", path) }
    }

    /// Sets mode 0600 on `path` and on its `-wal` and `-shm` when they exist (regular files only).
    static func restrict(_ path: String) throws(SQLiteError) {
        guard isFile(path) else { return }
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            guard stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o777 != mode else { continue }
            guard chmod(file, mode) == 0 else { throw failure("chmod 0600", file) }
        }
    }

    private static func isFile(_ path: String) -> Bool {
        !path.isEmpty && path != ":memory:" && !path.hasPrefix("file:")
    }

    private static func failure(_ what: String, _ path: String) -> SQLiteError {
        SQLiteError(code: 1, message: "cannot \(what) \(path): \(String(cString: strerror(errno)))")
    }
}

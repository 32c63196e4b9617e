import Foundation
import ShuniuModel

/// An open file descriptor for appending, with fsync; closed in `deinit`.
final class FileHandleFD {
    let fd: Int32
    let path: String
    private let owned: Bool

    /// Wraps a descriptor this object does not own (stdout).
    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        owned = false
    }

    /// Opens (creating) `path` for appending, cut to `length` bytes first. The deliveries hold
    /// personal data: a regular file is mode 0600, created so and narrowed if it was wider.
    init(path: String, truncateTo length: Int64) throws(SubscriberError) {
        let fd = PrivateFile.open(path, flags: O_RDWR | O_APPEND)
        guard fd >= 0 else { throw Self.failure("open (mode 0600)", path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { close(fd); throw Self.failure("stat", path) }
        if Int64(info.st_size) < length {
            close(fd)
            throw SubscriberError(code: "bad-state", message: "\(path) is shorter (\(info.st_size) bytes) than its state file says (\(length)): it was changed by something else; delete the output and its .ids/.state files to start over")
        }
        guard ftruncate(fd, off_t(length)) == 0 else { close(fd); throw Self.failure("truncate", path) }
        self.fd = fd
        self.path = path
        owned = true
    }

    deinit { if owned { close(fd) } }

    /// Writes every byte.
    func append(_ bytes: [UInt8]) throws(SubscriberError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure("write", path)
            }
            offset += count
        }
    }

    /// Flushes to stable storage.
    func sync() throws(SubscriberError) {
        guard fsync(fd) == 0 else { throw Self.failure("fsync", path) }
    }

    /// The whole file.
    func readAll() throws(SubscriberError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Self.failure("read", path) }
        return Array(data)
    }

    private static func failure(_ what: String, _ path: String) -> SubscriberError {
        SubscriberError(code: "io", message: "cannot \(what) \(path): \(String(cString: strerror(errno)))")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShuniuModel

/// The reject file of `shuniu publish`: one JSON object per rejected line,
/// `{"line":12,"code":"bad-citizen-id","message":"...","field":"citizen_id","original":"..."}`.
///
/// Created on the first rejection only; a reject file left by an earlier run of the same
/// export is removed when the run starts, so the file always describes the latest run. It
/// repeats the rejected lines (personal data): mode 0600.
final class RejectFile {
    /// Where the file is written.
    let path: String
    private var file: UnsafeMutablePointer<FILE>?

    /// Prepares the reject file at `path`, removing one left by an earlier run.
    init(path: String) {
        self.path = path
        unlink(path)
    }

    deinit { if let file { fclose(file) } }

    /// Appends one rejected line.
    func write(line: Int, rejection: EventRejection, original: [UInt8]) throws(PublishError) {
        if file == nil {
            let fd = PrivateFile.open(path, flags: O_WRONLY | O_TRUNC)
            guard fd >= 0 else { throw .unreadableFile(path, String(cString: strerror(errno))) }
            file = fdopen(fd, "w")
            guard file != nil else {
                closeDescriptor(fd)
                throw .unreadableFile(path, String(cString: strerror(errno)))
            }
        }
        var row: Row = ["line": .number(String(line)), "code": .string(rejection.code.rawValue),
                        "message": .string(rejection.message)]
        if let field = rejection.field { row["field"] = .string(field) }
        row["original"] = .string(String(decoding: original, as: UTF8.self))
        var bytes = row.serialized()
        bytes.append(UInt8(ascii: "\n"))
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw .unreadableFile(path, String(cString: strerror(errno))) }
    }

    /// Flushes and closes the file, if one was written.
    func close() throws(PublishError) {
        guard let file else { return }
        self.file = nil
        guard fclose(file) == 0 else { throw .unreadableFile(path, String(cString: strerror(errno))) }
    }
}

/// `close(2)` (the class's own `close()` hides the C function inside it).
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

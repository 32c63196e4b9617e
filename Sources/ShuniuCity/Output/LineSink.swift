import Foundation
import ShuniuModel

/// A buffered file writer for feed lines.
struct LineSink: ~Copyable {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Creates (or truncates) the file at `url`, mode 0600: the feeds are (synthetic) personal data.
    init(url: URL) throws(CityWriterError) {
        path = url.path
        let fd = PrivateFile.open(path, flags: O_WRONLY | O_TRUNC)
        guard fd >= 0 else { throw .writeFailed(url.path, "the file cannot be created: \(String(cString: strerror(errno)))") }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        buffer.reserveCapacity(Self.flushSize + 4_096)
    }

    /// Appends bytes followed by a newline.
    mutating func writeLine(_ bytes: some Collection<UInt8>) throws(CityWriterError) {
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes what is buffered.
    mutating func flush() throws(CityWriterError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(buffer))
        } catch {
            throw .writeFailed(path, "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    consuming func close() throws(CityWriterError) {
        try flush()
        do {
            try handle.close()
        } catch {
            throw .writeFailed(path, "\(error)")
        }
    }
}

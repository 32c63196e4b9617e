import Foundation

/// A buffered file writer for feed lines.
struct LineSink: ~Copyable {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    /// Creates (or truncates) the file at `url`, mode 0600: the feeds are (synthetic) personal data.
    init(url: URL) throws(CityWriterError) {
        path = url.path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              (try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)) != nil,
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .writeFailed(url.path, "the file cannot be created")
        }
        self.handle = handle
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

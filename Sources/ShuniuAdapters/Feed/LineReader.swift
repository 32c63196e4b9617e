#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line in 1 MiB chunks, so a file of any size streams through in
/// constant memory. Lines come without their `\n` or `\r\n`; a UTF-8 byte-order mark at the
/// start of the file (common in spreadsheet exports) is dropped.
final class LineReader {
    private let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var isFirstLine = true
    private static let chunkSize = 1 << 20

    /// Opens `path` for reading.
    init(path: String) throws(PublishError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .unreadableFile(path, String(cString: strerror(errno)))
        }
    }

    deinit { close(descriptor) }

    /// The next line, or nil at the end of the file.
    func next() throws(PublishError) -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                return take(upTo: newline, skipping: 1)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                return take(upTo: buffer.count, skipping: 0)
            }
            try fill()
        }
    }

    private func take(upTo end: Int, skipping separator: Int) -> [UInt8] {
        var lineEnd = end
        if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        var lineStart = start
        if isFirstLine {
            isFirstLine = false
            if lineEnd - lineStart >= 3, buffer[lineStart] == 0xEF, buffer[lineStart + 1] == 0xBB,
               buffer[lineStart + 2] == 0xBF {
                lineStart += 3
            }
        }
        let line = Array(buffer[lineStart..<lineEnd])
        start = end + separator
        return line
    }

    private func fill() throws(PublishError) {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let oldCount = buffer.count
        buffer.reserveCapacity(oldCount + Self.chunkSize)
        var readCount = 0
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        buffer.withUnsafeMutableBytes { bytes in
            readCount = read(descriptor, bytes.baseAddress! + oldCount, Self.chunkSize)
        }
        guard readCount >= 0 else {
            buffer.removeLast(Self.chunkSize)
            throw .unreadableFile(path, String(cString: strerror(errno)))
        }
        buffer.removeLast(Self.chunkSize - readCount)
        if readCount == 0 { atEnd = true }
    }
}

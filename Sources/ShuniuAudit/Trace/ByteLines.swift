import Foundation

/// Reads a file line by line in chunks, never holding more than one chunk and one line: the
/// bytes between newlines (a trailing `\r` removed), with each line's number. A line longer
/// than `maximumLine` bytes is returned cut at that length with `overlong` set.
final class ByteLines {
    /// The longest line kept whole (1 MiB).
    static let maximumLine = 1 << 20

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    /// The number of the last line returned (1-based).
    private(set) var number = 0
    /// Bytes read so far.
    private(set) var bytesRead = 0

    /// Opens `path`; nil when it cannot be read.
    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line, or nil at the end of the file.
    func next() -> (bytes: [UInt8], overlong: Bool)? {
        var overlong = false
        var line: [UInt8] = []
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                append(buffer[start..<newline], to: &line, overlong: &overlong)
                start = newline + 1
                return finish(line, overlong)
            }
            append(buffer[start...], to: &line, overlong: &overlong)
            buffer.removeAll(keepingCapacity: true)
            start = 0
            guard !finished, let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else {
                finished = true
                return line.isEmpty && !overlong ? nil : finish(line, overlong)
            }
            bytesRead += chunk.count
            buffer.append(contentsOf: chunk)
        }
    }

    private func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8], overlong: inout Bool) {
        let room = Self.maximumLine - line.count
        if bytes.count > room {
            line.append(contentsOf: bytes.prefix(room))
            overlong = true
        } else {
            line.append(contentsOf: bytes)
        }
    }

    private func finish(_ line: [UInt8], _ overlong: Bool) -> (bytes: [UInt8], overlong: Bool) {
        number += 1
        var line = line
        if line.last == 0x0D { line.removeLast() }
        return (line, overlong)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress and result lines for a person at a terminal: results on stdout, progress on stderr.
enum Console {
    /// Prints a result line.
    static func say(_ line: String) { print(line) }

    /// Prints an error line on stderr (`error: ...`).
    static func fail(_ line: String) { write(2, "error: \(line)\n") }

    /// Rewrites the current progress line on stderr (only when stderr is a terminal).
    static func progress(_ line: String) {
        guard isatty(2) != 0 else { return }
        write(2, "\r\u{1B}[K\(line)")
    }

    /// Ends a progress line.
    static func endProgress() {
        guard isatty(2) != 0 else { return }
        write(2, "\r\u{1B}[K")
    }

    /// Writes text to a file descriptor, unbuffered.
    private static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = Glibc.write(fd, bytes.baseAddress, bytes.count) }
    }

    /// Formats a rate like `1,234,567`.
    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var result = ""
        for (index, char) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { result.append(",") }
            result.append(char)
        }
        return String(result.reversed())
    }
}

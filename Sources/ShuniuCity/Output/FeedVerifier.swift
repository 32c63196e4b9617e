import Foundation
import ShuniuModel

/// Reads a generated city back and checks every line as the hub would: parsed as a
/// ``FeedRecord``, turned into a change event of the theme's provider and validated with
/// ``EventValidator``; `_sequence` must start at 1 and grow by one per subject, `_time` must
/// strictly increase per subject.
public struct FeedVerifier: Sendable {
    /// One rejected line.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// `<department>/<theme>.jsonl`.
        public var file: String
        /// 1-based line number.
        public var line: Int
        /// What is wrong.
        public var message: String

        /// `file:line: message`.
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// What the check found.
    public struct Result: Sendable {
        /// Lines read per theme id.
        public var linesByTheme: [String: Int] = [:]
        /// Rejected lines (at most `limit` are kept; `problemCount` counts all).
        public var problems: [Problem] = []
        /// All rejected lines.
        public var problemCount = 0
    }

    /// The catalogue to validate against.
    public let catalogue: Catalogue

    /// A verifier for a catalogue.
    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    /// Checks every `<provider>/<theme>.jsonl` file under `directory`; keeps the first `limit` problems.
    public func verify(directory: URL, limit: Int = 100) throws -> Result {
        let validator = EventValidator(catalogue: catalogue)
        var result = Result()
        for theme in catalogue.themes {
            let path = "\(theme.provider)/\(theme.id).jsonl"
            let url = directory.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let data = try Data(contentsOf: url)
            var last: [String: (sequence: Int64, time: Int64)] = [:]
            var number = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) where !line.isEmpty {
                number += 1
                func reject(_ message: String) {
                    result.problemCount += 1
                    if result.problems.count < limit { result.problems.append(Problem(file: path, line: number, message: message)) }
                }
                do throws(EventRejection) {
                    let record = try FeedRecord(parsing: line)
                    guard let sequence = record.sequence, let time = record.time else {
                        reject("the line has no _sequence or no _time")
                        continue
                    }
                    let event = record.event(theme: theme, department: theme.provider, defaultSequence: 0, defaultTime: time)
                    _ = try validator.validate(event)
                    guard let millis = event.epochMilliseconds else { continue }
                    let previous = last[event.subject] ?? (0, Int64.min)
                    if sequence != previous.sequence + 1 {
                        reject("_sequence \(sequence) of \(event.subject) follows \(previous.sequence)")
                    } else if millis <= previous.time {
                        reject("_time \(time) of \(event.subject) is not after the previous line's")
                    }
                    last[event.subject] = (sequence, millis)
                } catch {
                    reject("\(error.code.rawValue): \(error.message)")
                }
            }
            result.linesByTheme[theme.id] = number
        }
        return result
    }
}

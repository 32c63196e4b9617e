import ShuniuModel

/// The feed lines of one theme, composed subject by subject and read back sorted by time, then
/// subject, then sequence. Lines are serialised on arrival into one byte arena, so a theme with
/// a million lines costs its bytes plus a small index entry per line.
final class ThemeLines {
    /// The theme.
    let theme: Theme
    private let seed: UInt64
    private let stream: RandomStream
    /// Subject bytes followed by line bytes, in chunks (so growing never copies everything).
    private var chunks: [[UInt8]] = []
    private var entries: [Entry] = []
    private static let chunkSize = 8 << 20

    private struct Entry {
        var time: Int
        var chunk: Int32
        var offset: Int32
        var lineLength: Int32
        var subjectLength: Int16
        var sequence: Int32
    }

    init(theme: Theme, seed: UInt64) {
        self.theme = theme
        self.seed = seed
        stream = RandomStream(theme.id)
    }

    /// The number of lines.
    var count: Int { entries.count }

    /// Composes one subject's history: `body` publishes its versions in order through the
    /// timeline; nothing is published on or after `deadline` (a day), e.g. the subject's death.
    func history(subject: String, index: Int, deadline: Int? = nil, _ body: (inout Timeline) -> Void) {
        var timeline = Timeline(lines: self, subject: subject,
                                random: CityRandom(seed: seed, stream: stream, index: index), deadline: deadline ?? Int.max)
        body(&timeline)
        timeline.finish()
    }

    /// Appends a line.
    func append(subject: String, sequence: Int, time: Int, row: Row) {
        let record = FeedRecord(row: row, sequence: Int64(sequence), time: CityCalendar.stamp(time))
        let line = record.serialized()
        let size = subject.utf8.count + line.count
        if chunks.isEmpty || chunks[chunks.count - 1].count + size > Self.chunkSize {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(Self.chunkSize, size))
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        let offset = chunks[last].count
        chunks[last].append(contentsOf: subject.utf8)
        chunks[last].append(contentsOf: line)
        entries.append(Entry(time: time, chunk: Int32(last), offset: Int32(offset), lineLength: Int32(line.count),
                             subjectLength: Int16(size - line.count), sequence: Int32(sequence)))
    }

    /// Calls `body` with each line (without its newline), sorted by time, subject and sequence.
    func forEachSorted(_ body: (ArraySlice<UInt8>) throws -> Void) rethrows {
        let order = entries.indices.sorted { first, second in
            let a = entries[first]
            let b = entries[second]
            if a.time != b.time { return a.time < b.time }
            let subjectOrder = compareSubjects(a, b)
            if subjectOrder != 0 { return subjectOrder < 0 }
            return a.sequence < b.sequence
        }
        for index in order {
            let entry = entries[index]
            let start = Int(entry.offset) + Int(entry.subjectLength)
            try body(chunks[Int(entry.chunk)][start..<(start + Int(entry.lineLength))])
        }
    }

    private func compareSubjects(_ a: Entry, _ b: Entry) -> Int {
        let lengthA = Int(a.subjectLength)
        let lengthB = Int(b.subjectLength)
        let chunkA = chunks[Int(a.chunk)]
        let chunkB = chunks[Int(b.chunk)]
        for offset in 0..<min(lengthA, lengthB) {
            let x = chunkA[Int(a.offset) + offset]
            let y = chunkB[Int(b.offset) + offset]
            if x != y { return x < y ? -1 : 1 }
        }
        return lengthA - lengthB
    }
}

/// One subject's versions in one theme: assigns `_sequence` 1, 2, 3... and strictly increasing
/// `_time`s in office hours (08:30-17:30 China time). Versions dated before the subject's
/// initial-load day are collapsed into one line published on that day.
struct Timeline {
    private let lines: ThemeLines
    private let subject: String
    private var random: CityRandom
    private let loadDay: Int
    private let deadline: Int
    private var last = Int.min
    private var pending: Row?
    /// The number of lines published so far.
    private(set) var sequence = 0

    fileprivate init(lines: ThemeLines, subject: String, random: CityRandom, deadline: Int) {
        self.lines = lines
        self.subject = subject
        self.random = random
        self.deadline = deadline
        loadDay = CityCalendar.loadStart + self.random.below(CityCalendar.loadDays)
    }

    /// Publishes the row as the subject's state from `day` on; returns false when it falls on or
    /// after the deadline or after the window (and then so would every later version).
    @discardableResult
    mutating func publish(_ row: Row, on day: Int) -> Bool {
        guard day >= loadDay else {
            pending = row
            return true
        }
        flush()
        return emit(row, on: day, limit: deadline)
    }

    /// Publishes a row even after the deadline (used only to inject a known issue).
    mutating func publishIgnoringDeadline(_ row: Row, on day: Int) {
        flush()
        _ = emit(row, on: max(day, loadDay), limit: Int.max)
    }

    /// Publishes the collapsed initial-load version, if any.
    mutating func finish() { flush() }

    private mutating func flush() {
        guard let row = pending else { return }
        pending = nil
        _ = emit(row, on: loadDay, limit: deadline)
    }

    private mutating func emit(_ row: Row, on day: Int, limit: Int) -> Bool {
        guard day < limit, day <= CityCalendar.windowEnd else { return false }
        var time = day * CityCalendar.secondsPerDay + random.int(1_800...34_200)
        if time <= last { time = last + random.int(60...3_600) }
        let published = time / CityCalendar.secondsPerDay
        guard published < limit, published <= CityCalendar.windowEnd else { return false }
        last = time
        sequence += 1
        lines.append(subject: subject, sequence: sequence, time: time, row: row)
        return true
    }
}

/// Composes the lines of one catalogue theme from a city.
protocol ThemeComposer: Sendable {
    /// The theme it fills.
    var themeID: String { get }
    /// Appends the theme's lines.
    func compose(_ city: City, into lines: ThemeLines)
}

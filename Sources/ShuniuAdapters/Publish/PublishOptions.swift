import ShuniuModel

/// What `shuniu publish` is asked to do.
public struct PublishOptions: Sendable {
    /// The publishing department (`--as`); must be the theme's authoritative provider.
    public var department: String
    /// The theme the export holds.
    public var themeID: String
    /// The export file.
    public var file: String
    /// Its format (by default from the file name: `.csv` or JSON Lines).
    public var format: FeedFormat
    /// Where rejected lines go (by default `<file>.rejects.jsonl`).
    public var rejectsFile: String
    /// Records handed to the producer at a time.
    public var batchSize: Int

    /// Options with the defaults above.
    public init(department: String, theme: String, file: String, format: FeedFormat? = nil,
                rejectsFile: String? = nil, batchSize: Int = 10_000) {
        self.department = department
        themeID = theme
        self.file = file
        self.format = format ?? FeedFormat(path: file)
        self.rejectsFile = rejectsFile ?? file + ".rejects.jsonl"
        self.batchSize = max(1, batchSize)
    }
}

/// Where a publish run stands, reported after each batch.
public struct PublishProgress: Sendable {
    /// Non-blank lines read so far.
    public var lines = 0
    /// Lines the broker acknowledged.
    public var published = 0
    /// Lines rejected (invalid, or not delivered).
    public var rejected = 0
    /// Time since the run started.
    public var elapsed: Duration = .zero
}

/// The outcome of a publish run.
public struct PublishSummary: Sendable {
    /// Non-blank lines read.
    public var lines = 0
    /// Lines published to `src.<theme>` and acknowledged by the broker.
    public var published = 0
    /// Rejected lines per reason code (`not-delivered` for valid lines the broker did not take).
    public var rejected: [RejectionCode: Int] = [:]
    /// The reject file, when anything was rejected.
    public var rejectsFile: String?
    /// How long the run took.
    public var elapsed: Duration = .zero

    /// All rejected lines.
    public var rejectedCount: Int { rejected.values.reduce(0, +) }

    /// Whether every line was published.
    public var isComplete: Bool { rejectedCount == 0 }
}

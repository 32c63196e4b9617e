import ShuniuSQLite

/// The `positions` table of every projection store (libraries, credit library): per source
/// partition the next offset to read and the counters (read, refused, applied, stale),
/// written in the same transaction as the rows a batch produced.
public enum PositionsTable {
    /// Its definition, for a store's schema.
    public static let create = """
        CREATE TABLE IF NOT EXISTS positions(
            topic TEXT NOT NULL, partition INTEGER NOT NULL, next INTEGER NOT NULL,
            read INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,
            applied INTEGER NOT NULL DEFAULT 0, stale INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(topic, partition)) WITHOUT ROWID;
        """

    private static let upsert = """
        INSERT INTO positions(topic, partition, next, read, rejected, applied, stale) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT(topic, partition) DO UPDATE SET next = excluded.next, read = read + excluded.read,
            rejected = rejected + excluded.rejected, applied = applied + excluded.applied, stale = stale + excluded.stale
        """

    /// The next offset of every partition recorded in `database`.
    public static func read(_ database: SQLiteDatabase) throws(SQLiteError) -> [SourcePartition: Int64] {
        var found: [SourcePartition: Int64] = [:]
        for row in try database.query("SELECT topic, partition, next FROM positions") {
            guard let topic = row[0].text, let partition = row[1].integer, let next = row[2].integer else { continue }
            found[SourcePartition(topic: topic, partition: Int32(partition))] = next
        }
        return found
    }

    /// The counters summed over every partition.
    public static func counters(_ database: SQLiteDatabase) throws(SQLiteError) -> (read: Int, rejected: Int, applied: Int, stale: Int) {
        guard let row = try database.query("SELECT SUM(read), SUM(rejected), SUM(applied), SUM(stale) FROM positions").first else {
            return (0, 0, 0, 0)
        }
        return (Int(row[0].integer ?? 0), Int(row[1].integer ?? 0), Int(row[2].integer ?? 0), Int(row[3].integer ?? 0))
    }

    /// Counts what a batch's changes did, per source partition, and writes the batch's
    /// progress with those counts.
    public struct Tally {
        /// What the batch did in all.
        public private(set) var outcome = ApplyOutcome()
        private var perPartition: [String: ApplyOutcome] = [:]
        /// The partition (`topic/partition`) of the run of changes being counted, and its
        /// counts so far: a batch comes in runs from one partition, so most changes are
        /// counted without hashing or slicing their source.
        private var runPartition = ""
        private var run = ApplyOutcome()

        /// Nothing counted yet.
        public init() {}

        /// Counts one change read at `source` (`topic/partition/offset`).
        public mutating func count(applied: Bool, source: String) {
            if applied { outcome.applied += 1 } else { outcome.stale += 1 }
            if !Self.source(source, isIn: runPartition) {
                closeRun()
                runPartition = source.lastIndex(of: "/").map { String(source[..<$0]) } ?? source
            }
            if applied { run.applied += 1 } else { run.stale += 1 }
        }

        private mutating func closeRun() {
            guard run != ApplyOutcome() else { return }
            perPartition[runPartition, default: ApplyOutcome()].applied += run.applied
            perPartition[runPartition, default: ApplyOutcome()].stale += run.stale
            run = ApplyOutcome()
        }

        /// `topic/partition/offset` is in `topic/partition` (topic names hold no '/').
        private static func source(_ source: String, isIn partition: String) -> Bool {
            let (source, partition) = (source.utf8, partition.utf8)
            guard !partition.isEmpty, source.count > partition.count, source.starts(with: partition) else { return false }
            return source[source.index(source.startIndex, offsetBy: partition.count)] == UInt8(ascii: "/")
        }

        /// Writes `progress` and the counts into `database` (inside the caller's transaction).
        public func write(_ progress: [PartitionProgress], into database: SQLiteDatabase) throws(SQLiteError) {
            var closed = self
            closed.closeRun()
            let perPartition = closed.perPartition
            let statement = try database.statement(PositionsTable.upsert)
            for entry in progress {
                let counts = perPartition["\(entry.topic)/\(entry.partition)"] ?? ApplyOutcome()
                try statement.bind([.text(entry.topic), .integer(Int64(entry.partition)), .integer(entry.next),
                                    .integer(Int64(entry.read)), .integer(Int64(entry.rejected)),
                                    .integer(Int64(counts.applied)), .integer(Int64(counts.stale))])
                _ = try statement.step()
                statement.reset()
            }
        }
    }
}

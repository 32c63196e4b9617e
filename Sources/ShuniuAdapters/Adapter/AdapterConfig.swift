import ShuniuKafka

/// How `shuniu adapter` watches one department's SQLite table (see docs/adapters.md).
public struct AdapterConfig: Sendable {
    /// How new changes are found in the source table.
    public enum Mode: String, Sendable, CaseIterable {
        /// A change log: an autoincrement `change_id`, an `op` (`upsert`/`delete`) and the fields.
        case changeTable = "change-table"
        /// The current rows with an `updated_at` column; every newer row is an upsert.
        case updatedAt = "updated-at"
    }

    /// The file the configuration was read from (named in error messages).
    public var file: String
    /// The publishing department; must be the theme's authoritative provider.
    public var department: String
    /// The theme the table holds.
    public var theme: String
    /// The department's SQLite database (opened read-only).
    public var database: String
    /// The table watched.
    public var table: String
    /// How changes are found.
    public var mode: Mode
    /// Theme field → column, for columns whose names differ from the fields'.
    public var columns: [String: String] = [:]
    /// The change log's autoincrement column (`change-table`).
    public var changeIDColumn = "change_id"
    /// The change log's operation column (`change-table`).
    public var opColumn = "op"
    /// The modification-time column (`updated-at`).
    public var updatedAtColumn = "updated_at"
    /// How long to wait between polls when nothing is new.
    public var pollInterval: Duration = .seconds(1)
    /// The adapter's spool (an SQLite file, created if needed).
    public var spool: String
    /// The Kafka bootstrap servers.
    public var bootstrap: String
    /// Changes per spool transaction and per produce batch.
    public var batchSize = 10_000
    /// How long the producer tries to deliver a batch before reporting failure.
    public var messageTimeout: Duration = .seconds(30)
    /// The longest wait between delivery attempts while the broker is unreachable.
    public var maxBackoff: Duration = .seconds(30)

    /// A configuration with the defaults above.
    public init(file: String = "(adapter configuration)", department: String, theme: String, database: String,
                table: String, mode: Mode, spool: String, bootstrap: String = KafkaClientConfig.environmentBootstrap) {
        self.file = file
        self.department = department
        self.theme = theme
        self.database = database
        self.table = table
        self.mode = mode
        self.spool = spool
        self.bootstrap = bootstrap
    }

    /// The column holding a theme field.
    public func column(for field: String) -> String { columns[field] ?? field }

    /// The producer settings of the adapter. It never creates topics: a topic a broker creates
    /// on first use gets the broker's partition count (Tansu: 4), not the catalogue's, which
    /// would send subjects to other partitions than every other service expects. Until
    /// `shuniu topics apply` has created `src.<theme>`, deliveries fail and are retried.
    var producerConfig: ProducerConfig {
        var config = ProducerConfig(client: KafkaClientConfig(bootstrapServers: bootstrap,
                                                              clientID: "shuniu-adapter-\(department)"))
        config.messageTimeout = messageTimeout
        return config
    }

    /// A configuration error about `key` in this file.
    func error(_ key: String, _ problem: String, fix: String) -> AdapterConfigError {
        AdapterConfigError(file: file, key: key, problem: problem, fix: fix)
    }
}

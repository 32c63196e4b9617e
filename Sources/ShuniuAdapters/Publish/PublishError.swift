import ShuniuKafka

/// Why `shuniu publish` refuses a file before (or instead of) publishing it. Each message says
/// what is wrong and how to fix it.
public enum PublishError: Error, Sendable, CustomStringConvertible {
    /// The theme is not in the catalogue.
    case unknownTheme(String)
    /// The department is not in the catalogue.
    case unknownDepartment(String)
    /// The department is not the theme's authoritative provider (one data, one source).
    case notProvider(department: String, theme: String, provider: String)
    /// The export (or its reject file) cannot be opened, read or written.
    case unreadableFile(String, String)
    /// The CSV header row does not name the theme's fields.
    case badHeader(String, String)
    /// The theme's source topic does not exist on the cluster.
    case missingTopic(String, bootstrap: String)
    /// The cluster could not be asked about its topics.
    case broker(KafkaError, bootstrap: String)

    public var description: String {
        switch self {
        case .unknownTheme(let theme):
            "theme '\(theme)' is not in the catalogue; `shuniu catalog show` lists the themes (or pass --catalog DIR)"
        case .unknownDepartment(let department):
            "department '\(department)' is not in the catalogue; check --as (or pass --catalog DIR)"
        case .notProvider(let department, let theme, let provider):
            "'\(department)' may not publish theme '\(theme)': its one authoritative provider (一数一源) is '\(provider)'; only '\(provider)' publishes it"
        case .unreadableFile(let path, let reason):
            "\(path): \(reason)"
        case .badHeader(let path, let message):
            "\(path): header row: \(message)"
        case .missingTopic(let topic, let bootstrap):
            "topic \(topic) does not exist on \(bootstrap); create the catalogue's topics first (`shuniu topics apply`)"
        case .broker(let error, let bootstrap):
            "cannot reach the Kafka cluster at \(bootstrap) (\(error)); start it or pass --bootstrap"
        }
    }
}

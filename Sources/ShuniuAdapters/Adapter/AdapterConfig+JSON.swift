import Foundation
import ShuniuKafka

extension AdapterConfig {
    /// Reads a configuration file (JSON). Relative paths in it are taken from the file's folder.
    ///
    /// - Throws: ``AdapterConfigError`` naming the file, the key and the fix.
    public static func load(file: String) throws(AdapterConfigError) -> AdapterConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw AdapterConfigError(file: file, key: "", problem: "cannot be read (\(error.localizedDescription))",
                                     fix: "check the path given to --config")
        }
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw AdapterConfigError(file: file, key: "", problem: "is not a JSON object",
                                         fix: "write one object: { \"department\": ..., \"theme\": ..., \"source\": {...}, \"spool\": ... }")
            }
            root = object
        } catch let error as AdapterConfigError {
            throw error
        } catch {
            throw AdapterConfigError(file: file, key: "", problem: "is not valid JSON (\(error.localizedDescription))",
                                     fix: "check quotes and commas; JSON allows no comments and no trailing commas")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let top = JSONObject(file: file, path: "", members: root)
        try top.allow(["department", "theme", "source", "spool", "bootstrap", "pollIntervalSeconds", "batchSize",
                       "messageTimeoutSeconds", "maxBackoffSeconds"])
        let source = try top.object("source")
        try source.allow(["database", "table", "mode", "columns", "changeIdColumn", "opColumn", "updatedAtColumn"])
        let modeText = try source.string("mode")
        guard let mode = Mode(rawValue: modeText) else {
            throw source.error("mode", "is '\(modeText)'",
                               fix: "use \"change-table\" (a change log with change_id and op) or \"updated-at\" (rows with updated_at)")
        }
        var config = AdapterConfig(
            file: file, department: try top.string("department"), theme: try top.string("theme"),
            database: resolve(try source.string("database"), in: folder), table: try source.string("table"),
            mode: mode, spool: resolve(try top.string("spool"), in: folder),
            bootstrap: try top.optionalString("bootstrap") ?? KafkaClientConfig.environmentBootstrap)
        config.columns = try source.optionalObject("columns")?.stringMap() ?? [:]
        config.changeIDColumn = try source.optionalString("changeIdColumn") ?? config.changeIDColumn
        config.opColumn = try source.optionalString("opColumn") ?? config.opColumn
        config.updatedAtColumn = try source.optionalString("updatedAtColumn") ?? config.updatedAtColumn
        if let seconds = try top.number("pollIntervalSeconds", in: 0.01...3_600) { config.pollInterval = .seconds(seconds) }
        if let count = try top.number("batchSize", in: 1...100_000) { config.batchSize = Int(count) }
        if let seconds = try top.number("messageTimeoutSeconds", in: 1...3_600) { config.messageTimeout = .seconds(seconds) }
        if let seconds = try top.number("maxBackoffSeconds", in: 0.1...3_600) { config.maxBackoff = .seconds(seconds) }
        return config
    }

    private static func resolve(_ path: String, in folder: URL) -> String {
        path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path
    }
}

/// One JSON object of the configuration, with errors naming its dotted path.
private struct JSONObject {
    let file: String
    let path: String
    let members: [String: Any]

    func error(_ key: String, _ problem: String, fix: String) -> AdapterConfigError {
        AdapterConfigError(file: file, key: path.isEmpty ? key : "\(path).\(key)", problem: problem, fix: fix)
    }

    func allow(_ keys: [String]) throws(AdapterConfigError) {
        for key in members.keys.sorted() where !keys.contains(key) {
            throw error(key, "is not a known key", fix: "use one of \(keys.joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws(AdapterConfigError) -> String {
        guard let value = try optionalString(key) else {
            throw error(key, "is missing", fix: "add \"\(key)\": \"...\"")
        }
        return value
    }

    func optionalString(_ key: String) throws(AdapterConfigError) -> String? {
        guard let value = members[key] else { return nil }
        guard let text = value as? String, !text.isEmpty else {
            throw error(key, "must be a non-empty string", fix: "write it in double quotes")
        }
        return text
    }

    func object(_ key: String) throws(AdapterConfigError) -> JSONObject {
        guard let value = try optionalObject(key) else {
            throw error(key, "is missing", fix: "add \"\(key)\": { ... }")
        }
        return value
    }

    func optionalObject(_ key: String) throws(AdapterConfigError) -> JSONObject? {
        guard let value = members[key] else { return nil }
        guard let object = value as? [String: Any] else {
            throw error(key, "must be an object", fix: "write it as { \"name\": value, ... }")
        }
        return JSONObject(file: file, path: path.isEmpty ? key : "\(path).\(key)", members: object)
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(AdapterConfigError) -> Double? {
        guard let value = members[key] else { return nil }
        guard !(value is String), let number = value as? Double, range.contains(number) else {
            throw error(key, "must be a number from \(range.lowerBound) to \(range.upperBound)", fix: "write a plain number, e.g. \"\(key)\": \(range.lowerBound.rounded(.up))")
        }
        return number
    }

    /// Every member as a string (for `columns`: theme field → column).
    func stringMap() throws(AdapterConfigError) -> [String: String] {
        var result: [String: String] = [:]
        for key in members.keys.sorted() { result[key] = try string(key) }
        return result
    }
}

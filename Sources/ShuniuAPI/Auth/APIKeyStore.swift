import Foundation
import ShuniuSQLite

/// Why a key store operation failed.
public struct APIKeyError: Error, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable {
        /// The key file cannot be opened or written.
        case storeUnavailable = "store-unavailable"
        /// No such key.
        case unknownKey = "unknown-key"
        /// The department is not in the catalogue.
        case unknownDepartment = "unknown-department"
    }

    /// The reason.
    public var code: Code
    /// What is wrong and what to do.
    public var message: String

    /// An error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// The API keys of the departments (and the operators' ops keys) in a SQLite file (default `.shuniu/api-keys.sqlite`):
/// issued, revoked and listed by `shuniu keys`, read by the API. Only hashes are stored.
///
/// Not `Sendable` (it owns one connection): open one per task that needs it.
public final class APIKeyStore {
    /// Where `shuniu keys` and `shuniu serve` look by default.
    public static let defaultPath = ".shuniu/api-keys.sqlite"

    private let database: SQLiteDatabase

    /// Opens (creating it and its folder if needed) the key file at `path`.
    public init(path: String, readOnly: Bool = false) throws(APIKeyError) {
        do {
            if !readOnly {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            database = try SQLiteDatabase(path: path, readOnly: readOnly)
            if !readOnly {
                try database.execute("""
                    CREATE TABLE IF NOT EXISTS api_keys (
                        id TEXT PRIMARY KEY, department TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL,
                        label TEXT, issued TEXT NOT NULL, revoked TEXT, role TEXT NOT NULL DEFAULT 'department')
                    """)
                // Key files written before ops keys existed: every key in them is a department's.
                if try !database.query("PRAGMA table_info(api_keys)").contains(where: { $0[1].text == "role" }) {
                    try database.execute("ALTER TABLE api_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'department'")
                }
            }
        } catch {
            throw APIKeyError(.storeUnavailable, "cannot open the key file \(path): \(error.message); check the path and its permissions (--keys FILE)")
        }
    }

    /// Issues a key for `department`; the returned key is the only copy of its secret.
    public func issue(department: String, label: String?, at time: String) throws(APIKeyError) -> APIKey {
        let key = APIKey.generate()
        let salt = APIKey.salt()
        try write("INSERT INTO api_keys (id, department, salt, hash, label, issued) VALUES (?, ?, ?, ?, ?, ?)",
                  [.text(key.id), .text(department), .blob(salt), .blob(key.hash(salt: salt)),
                   label.map { .text($0) } ?? .null, .text(time)])
        return key
    }

    /// Issues an ops key (``APIKeyRole/ops``: `/v1/stats`, `/healthz` detail, nothing else);
    /// the returned key is the only copy of its secret.
    public func issueOps(label: String?, at time: String) throws(APIKeyError) -> APIKey {
        let key = APIKey.generate()
        let salt = APIKey.salt()
        try write("INSERT INTO api_keys (id, department, salt, hash, label, issued, role) VALUES (?, '', ?, ?, ?, ?, 'ops')",
                  [.text(key.id), .blob(salt), .blob(key.hash(salt: salt)), label.map { .text($0) } ?? .null, .text(time)])
        return key
    }

    /// Issues a citizen token (``APIKeyRole/citizen``) for the person `citizen` (a valid citizen
    /// ID); the returned key is the only copy of its secret.
    public func issueCitizen(_ citizen: String, label: String?, at time: String) throws(APIKeyError) -> APIKey {
        let key = APIKey.generate()
        let salt = APIKey.salt()
        try write("INSERT INTO api_keys (id, department, salt, hash, label, issued, role) VALUES (?, ?, ?, ?, ?, ?, 'citizen')",
                  [.text(key.id), .text(citizen), .blob(salt), .blob(key.hash(salt: salt)), label.map { .text($0) } ?? .null, .text(time)])
        return key
    }

    /// Revokes the key `id`; false when it was revoked already.
    @discardableResult
    public func revoke(id: String, at time: String) throws(APIKeyError) -> Bool {
        guard try keys(department: nil).contains(where: { $0.id == id }) else {
            throw APIKeyError(.unknownKey, "no key \(id); `shuniu keys list` shows the key ids")
        }
        try write("UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS NULL", [.text(time), .text(id)])
        return database.changes == 1
    }

    /// Revokes every valid key of `department`; returns their ids.
    public func revokeAll(department: String, at time: String) throws(APIKeyError) -> [String] {
        let ids = try keys(department: department).filter { $0.revoked == nil }.map(\.id)
        try write("UPDATE api_keys SET revoked = ? WHERE department = ? AND revoked IS NULL", [.text(time), .text(department)])
        return ids
    }

    /// Every key (of `department` when given), valid and revoked, in issue order.
    public func keys(department: String?) throws(APIKeyError) -> [StoredKey] {
        do {
            // A read-only file of before ops keys has no role column: all its keys are departments'.
            let hasRole = try database.query("PRAGMA table_info(api_keys)").contains { $0[1].text == "role" }
            let sql = "SELECT id, department, salt, hash, label, issued, revoked, " + (hasRole ? "role" : "'department'")
                + " FROM api_keys" + (department == nil ? "" : " WHERE department = ?") + " ORDER BY issued, id"
            return try database.query(sql, department.map { [.text($0)] } ?? []).compactMap { row in
                // A role this build does not know opens nothing.
                guard let role = APIKeyRole(rawValue: row[7].text ?? "") else { return nil }
                return StoredKey(id: row[0].text ?? "", department: row[1].text ?? "", salt: row[2].blob ?? [],
                                 hash: row[3].blob ?? [], label: row[4].text, issued: row[5].text ?? "", revoked: row[6].text,
                                 role: role)
            }
        } catch {
            throw APIKeyError(.storeUnavailable, "cannot read the key file \(database.path): \(error.message)")
        }
    }

    private func write(_ sql: String, _ values: [SQLiteValue]) throws(APIKeyError) {
        do {
            try database.run(sql, values)
        } catch {
            throw APIKeyError(.storeUnavailable, "cannot write the key file \(database.path): \(error.message)")
        }
    }
}
